"""A KPI's trailing view today, gathered for `okrtui trend` and the detail view's `t`.

The rules are the core's (`core.trailing`); this reads only the readings the view
looks at (about thirteen months), however long the KPI's history.
"""

from __future__ import annotations

from datetime import date

from okrtui.core.models import Metric
from okrtui.core.signals import XmR
from okrtui.core.trailing import Trailing, since, trailing
from okrtui.store.repository import Repository


def trailing_now(repo: Repository, metric: Metric, today: date, week_first: int,
                 chart: XmR | None = None) -> Trailing:
    """The trailing view of `metric` on `today`, with the limits of `chart` (read
    when not given)."""
    metric_id = metric.id or 0
    points = repo.current_points(metric_id, today, since=since(today, week_first))
    limits = chart if chart is not None else repo.signals.chart(metric_id, today)
    return trailing(points, today, week_first, range_min=metric.range_min,
                    range_max=metric.range_max, lower=limits.lower, centre=limits.centre,
                    upper=limits.upper)
