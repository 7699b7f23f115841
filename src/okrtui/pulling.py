"""Pulling KPI sources: which are due, whose they are, fetch them, record what came back."""
