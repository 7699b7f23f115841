"""What a query's rows mean, for every database: one number, or a dated history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from okrtui.core.source_values import as_number, history_point
from okrtui.core.sources import Fetched
from okrtui.fetch.errors import FetchError

_SHAPE = "return one number, or rows of (date, value)"


def rows_to_fetched(rows: Sequence[Sequence[object]], today: date) -> Fetched:
    """One row of one column is the value; rows of two columns (date, value) are a
    history, whose newest point is the value. A row without a value (NULL) is no
    point of the history."""
    if not rows:
        raise FetchError("the query returned no rows")
    width = len(rows[0])
    if width == 1:
        if len(rows) > 1:
            raise FetchError(f"the query returned {len(rows)} rows of one column: {_SHAPE}")
        if rows[0][0] is None:
            raise FetchError("the query returned NULL")
        return Fetched(value=as_number(rows[0][0], "the query's value"))
    if width != 2:
        raise FetchError(f"the query returned {width} columns: {_SHAPE}")
    points = [history_point(day, value, today, f"row {number}")
              for number, (day, value) in enumerate(rows, start=1) if value is not None]
    if not points:
        raise FetchError("the query returned NULL")
    history = tuple(sorted(points, key=lambda point: point.at))
    return Fetched(value=history[-1].value, history=history)
