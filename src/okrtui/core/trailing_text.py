"""The trailing view as words: a plain table that fits 80 columns (the CLI and the
KPI detail view), a Markdown table for a review document, and JSON-ready data.

No colour carries meaning here: a gap says "no reading", a change has its sign.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from okrtui.core.format import format_change, format_range, format_value, round_to_spread
from okrtui.core.models import Point
from okrtui.core.symbols import S
from okrtui.core.trailing import Change, Slot, Trailing

GAP = "no reading"
HEADERS = ("Week of", "Value", "Read on", "Month", "Value", "Read on")


def rows(view: Trailing, unit: str = "") -> list[tuple[str, ...]]:
    """One row per month, newest first, this week's and earlier weeks beside the first
    six: (week, value, read on, month, value, read on)."""
    weeks = [_cells(s, unit, s.start.isoformat()) for s in reversed(view.weeks)]
    months = [_cells(s, unit, f"{s.start:%Y-%m}") for s in reversed(view.months)]
    count = max(len(weeks), len(months))
    weeks += [("", "", "")] * (count - len(weeks))
    months += [("", "", "")] * (count - len(months))
    return [w + m for w, m in zip(weeks, months, strict=True)]


def _cells(slot: Slot, unit: str, label: str) -> tuple[str, str, str]:
    if slot.reading is None:
        return (label, S.none, GAP)
    return (label, format_value(slot.reading.value, unit), f"{slot.reading.at:%m-%d}")


def change_words(change: Change, unit: str = "") -> str:
    """`+0.2 (+8.0%): 2.7% on 2026-11-24 vs 2.5% on 2026-11-17`, or what is missing."""
    if change.current is None or change.previous is None:
        return change.missing
    percent = change.percent
    share = ("no % from zero" if percent is None else
             f"{percent:+.1f}%" if abs(percent) < 10_000 else
             f"{'+' if percent > 0 else '-'}>10,000%")  # from a value next to zero
    return (f"{format_change(change.absolute)} ({share}): "
            f"{_point(change.current, unit)} vs {_point(change.previous, unit)}")


def _point(point: Point, unit: str) -> str:
    return f"{format_value(point.value, unit)} on {point.at.isoformat()}"


def limits_words(view: Trailing, unit: str = "") -> str:
    """`limits 1.9–3.4 · centre 2.6`, or that there are none yet."""
    if view.lower is None or view.upper is None or view.centre is None:
        return "no limits yet (too few readings)"
    spread = view.upper - view.lower

    def shown(value: float) -> str:
        return format_value(round_to_spread(value, spread), unit)
    return (f"limits {shown(view.lower)}{S.range}{shown(view.upper)} {S.dot} "
            f"centre {shown(view.centre)}")


def summary_lines(view: Trailing, unit: str = "", width: int = 80) -> list[str]:
    """Week over week, year over year, the healthy range and the limits; a line
    longer than `width` goes on in an indented second one."""
    healthy = f"Healthy range {format_range(view.range_min, view.range_max, unit)}"
    return [*_fit(f"Week over week: {change_words(view.week_over_week, unit)}", width),
            *_fit(f"Year over year: {change_words(view.year_over_year, unit)}", width),
            *_fit(f"{healthy} {S.dot} {limits_words(view, unit)}", width, f" {S.dot} ")]


def _fit(text: str, width: int, at: str = ": ") -> list[str]:
    if len(text) <= width or at not in text:
        return [text]
    # A change breaks before what it compares; the range line before the limits.
    head, rest = text.rsplit(at, 1) if at == ": " else text.split(at, 1)
    return [head + at.rstrip(), "  " + rest]


def plain(view: Trailing, unit: str = "", width: int = 80) -> str:
    """The 6 weeks | 12 months table and the summary lines, within `width` columns
    (80: the table itself needs at most about 70)."""
    table = rows(view, unit)
    widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(HEADERS)]
    right = {1, 4}

    def line(cells: tuple[str, ...]) -> str:
        out = [c.rjust(w) if i in right else c.ljust(w)
               for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return ("  ".join(out[:3]) + "    " + "  ".join(out[3:])).rstrip()
    left = sum(widths[:3]) + 4
    title = "Last 6 weeks".ljust(left) + "    Last 12 months"
    return "\n".join([title, line(HEADERS), *map(line, table), "",
                      *summary_lines(view, unit, width)])


def markdown(name: str, view: Trailing, unit: str = "") -> str:
    """A section for a review document: a heading, the table, the summary as bullets."""
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(_md(c) for c in cells) + " |"
    lines = [f"### {_md(name)}", "", row(HEADERS),
             "|" + "|".join(("---:" if i in (1, 4) else "---") for i in range(6)) + "|",
             *(row(r) for r in rows(view, unit)), ""]
    lines += [f"- {_md(text)}" for text in summary_lines(view, unit, width=10**6)]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    # Markdown reads these; a name is shown as typed.
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def as_json(view: Trailing) -> dict[str, Any]:
    """Plain data: each week and month with its reading, and both changes."""
    return {
        "weeks": [_slot(s) for s in view.weeks],
        "months": [_slot(s) for s in view.months],
        "week_over_week": _change(view.week_over_week),
        "year_over_year": _change(view.year_over_year),
        "healthy_range": {"min": view.range_min, "max": view.range_max},
        "limits": {"lower": view.lower, "centre": view.centre, "upper": view.upper},
    }


def _slot(slot: Slot) -> dict[str, Any]:
    return {"start": slot.start.isoformat(), **_reading(slot.reading)}


def _reading(point: Point | None) -> dict[str, Any]:
    return {"at": _day(point.at if point else None),
            "value": point.value if point else None}


def _change(change: Change) -> dict[str, Any]:
    return {"current": _reading(change.current), "previous": _reading(change.previous),
            "absolute": change.absolute, "percent": change.percent,
            "missing": change.missing or None}


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None
