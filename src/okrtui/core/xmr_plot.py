"""An XmR chart as plain text: readable at 80×24 and without colour.

Each column is one reading (the most recent that fit). Glyphs carry the
meaning, so colour only repeats it:

    •  a reading          ◆  a reading a rule flagged
    ◦  a reading a KPI source delivered (okrtui pull)
    ·  a reading before the baseline (an earlier process, not judged)
    ─  the centre line    ╌  the natural process limits

(in ASCII mode: o, X, @, ., - and =).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date

from okrtui.core.signals import XmR

POINT, FLAGGED, PULLED, EARLIER = "•", "◆", "◦", "·"
CENTRE, LIMIT = "─", "╌"
# In ASCII mode (core/symbols.py): o a reading, X flagged, @ from a source, . earlier,
# - centre, = limits.
ASCII_GLYPHS = str.maketrans({POINT: "o", FLAGGED: "X", PULLED: "@", EARLIER: ".", CENTRE: "-",
                              LIMIT: "="})
LABEL_WIDTH = 14


def plot_xmr(dates: Sequence[date], values: Sequence[float], chart: XmR, width: int,
             height: int, label: Callable[[float], str],
             pulled: Collection[date] = ()) -> list[str]:
    """`height` lines of plot and one of dates, each `width` cells (labels on the left);
    the readings of `pulled` dates came from a KPI source."""
    columns = max(width - LABEL_WIDTH - 1, 1)
    dates, values = list(dates[-columns:]), list(values[-columns:])
    rows = max(height, 3)
    if not values:
        return [" " * width] * rows + [" " * width]
    lines = [x for x in (chart.upper, chart.centre, chart.lower) if x is not None]
    low, high = min([*values, *lines]), max([*values, *lines])
    span = (high - low) or 1.0

    def row_of(value: float) -> int:
        return round((high - value) / span * (rows - 1))

    grid = [[" "] * len(values) for _ in range(rows)]
    labels = [""] * rows
    for value, glyph, name in ((chart.upper, LIMIT, "upper"), (chart.lower, LIMIT, "lower"),
                               (chart.centre, CENTRE, "centre")):
        if value is None:
            continue
        r = row_of(value)
        grid[r] = [glyph] * len(values)
        labels[r] = f"{name} {label(value)}"
    flagged = {d for f in chart.findings for d in f.dates}
    start = chart.baseline_from
    for x, (at, value) in enumerate(zip(dates, values, strict=True)):
        glyph = EARLIER if start is not None and at < start else (
            FLAGGED if at in flagged else PULLED if at in pulled else POINT)
        grid[row_of(value)][x] = glyph
    if chart.centre is None:  # no lines: say where the scale runs instead
        labels[0], labels[-1] = label(high), label(low)
    out = [f"{_cut(labels[r]):>{LABEL_WIDTH}} " + "".join(grid[r]) for r in range(rows)]
    out.append(" " * (LABEL_WIDTH + 1) + _axis(dates, start, columns))
    return out


def _cut(text: str) -> str:
    return text if len(text) <= LABEL_WIDTH else text[:LABEL_WIDTH - 1] + "…"


def _axis(dates: Sequence[date], start: date | None, room: int) -> str:
    """The first and last dates under the plot, and `^` under the baseline's first reading."""
    first, last = dates[0].isoformat(), dates[-1].isoformat()
    axis = [" "] * min(max(len(dates), len(first) + len(last) + 2), room)
    marker = -1
    if start is not None and dates[0] < start <= dates[-1]:
        marker = next(i for i, d in enumerate(dates) if d >= start)
        axis[marker] = "^"
    if len(axis) >= len(first) + len(last) + 2:
        if marker == -1 or marker > len(first):
            axis[:len(first)] = first
        if marker < len(axis) - len(last) - 1:
            axis[len(axis) - len(last):] = last
    elif len(axis) >= len(last) and marker == -1:
        axis[len(axis) - len(last):] = last
    return "".join(axis)
