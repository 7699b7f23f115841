"""Full screens: the dashboard, a metric's detail, help."""
