"""Numbers, ranges and small charts as plain text, for the TUI and the CLI."""

from __future__ import annotations

import math
from collections.abc import Sequence

from okrtui.core.symbols import S

SPARK_BARS = "▁▂▃▄▅▆▇█"  # S.bars draws: these, or "_.:-=+*#" in ASCII mode
CURRENCY_PREFIXES = {"$", "€", "£", "¥"}


def format_number(value: float) -> str:
    """Compact, human figures: `4.2`, `1,250.5`, `0.0123`, `-3`."""
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1000:
        text = f"{value:,.0f}" if magnitude >= 100_000 else f"{value:,.1f}"
    elif magnitude >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.4g}"
        return text
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def number_text(value: float) -> str:
    """A number as typed, exactly: `12`, `4.25`, `0.1` (for inputs and CSV)."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def format_value(value: float | None, unit: str = "") -> str:
    """A value with its unit: `4.2%`, `1,250 users`, `-` when there is none."""
    if value is None:
        return "-"
    number = format_number(value)
    if not unit:
        return number
    if unit == "%":
        return number + "%"
    if unit in CURRENCY_PREFIXES:
        return unit + number
    return f"{number} {unit}"


def format_change(change: float | None) -> str:
    """A signed change: `+1.5`, `-0.2`, `0`, blank when unknown."""
    if change is None:
        return ""
    if change == 0:
        return "±0"
    return ("+" if change > 0 else "") + format_number(change)


def format_range(low: float | None, high: float | None, unit: str = "") -> str:
    """The healthy range as people say it: `90–110`, `≥ 95%`, `≤ 3%`, or `none`."""
    suffix = "%" if unit == "%" else ""
    if low is not None and high is not None:
        return f"{format_number(low)}{S.range}{format_number(high)}{suffix}"
    if low is not None:
        return f"{S.at_least} {format_number(low)}{suffix}"
    if high is not None:
        return f"{S.at_most} {format_number(high)}{suffix}"
    return "none"


def sparkline(values: Sequence[float], width: int = 12) -> str:
    """The last `width` values as block characters, scaled to their own spread."""
    tail = [v for v in values[-width:] if math.isfinite(v)]
    if not tail:
        return ""
    low, high = min(tail), max(tail)
    bars = S.bars
    if high == low:
        return bars[3] * len(tail)
    top = len(bars) - 1
    return "".join(bars[round((v - low) / (high - low) * top)] for v in tail)


def bar_chart(values: Sequence[float], width: int, height: int) -> list[str]:
    """A column chart of the last `width` values, `height` rows tall, top row first.

    Eighth-blocks give each column eight steps per row; the baseline is the
    lowest value shown, so small movements stay visible.
    """
    tail = list(values[-width:])
    if not tail or height <= 0:
        return []
    low, high = min(tail), max(tail)
    span = (high - low) or 1.0
    steps = height * 8
    # Every column shows at least one step, so the lowest value is visible too.
    levels = [max(1, round((v - low) / span * (steps - 1)) + 1) for v in tail]
    rows = []
    for row in range(height - 1, -1, -1):
        floor = row * 8
        cells = []
        for level in levels:
            filled = level - floor
            if filled >= 8:
                cells.append(S.full)
            elif filled <= 0:
                cells.append(" ")
            else:
                cells.append(S.bars[filled - 1])
        rows.append("".join(cells))
    return rows


def cell_width(text: str) -> int:
    """Terminal columns a string takes: wide East Asian characters take two."""
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def shorten(text: str, width: int) -> str:
    """`text` if it fits `width` columns, else cut to fit with "…" at the end."""
    return text if cell_width(text) <= width else fit(text, width)


def fit(text: str, width: int) -> str:
    """Cut to `width` columns (with an ellipsis) and pad to exactly `width`."""
    if cell_width(text) > width:
        out, used, room = [], 0, max(width - len(S.ellipsis), 0)
        for char in text:
            w = cell_width(char)
            if used + w > room:
                break
            out.append(char)
            used += w
        text = "".join(out) + S.ellipsis[:width]
    return text + " " * (width - cell_width(text))


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: set[int],
    width: int | None = None,
    squeeze: int | Sequence[int] | None = None,
    drop: Sequence[int] = (),
) -> str:
    """A plain-text table for the CLI; columns in `right` are right-aligned.

    With `width`, the `squeeze` column (or columns, in that order: names, notes) is
    cut with "…" so that lines fit it, each down to its header and no less than 8;
    if that is not enough, the `drop` columns are left out, in that order.
    """
    if width is not None and drop:
        full = table(headers, rows, right, width, squeeze)
        if max(cell_width(line) for line in full.splitlines()) <= width:
            return full
        gone = drop[0]
        keep = [i for i in range(len(headers)) if i != gone]

        def renumber(i: int) -> int:
            return i - (i > gone)
        cut = [squeeze] if isinstance(squeeze, int) else list(squeeze or ())
        return table([headers[i] for i in keep], [[row[i] for i in keep] for row in rows],
                     {renumber(i) for i in right if i != gone}, width,
                     [renumber(i) for i in cut if i != gone],
                     [renumber(i) for i in drop[1:]])
    widths = [cell_width(h) for h in headers]
    for row in rows:
        widths = [max(w, cell_width(c)) for w, c in zip(widths, row, strict=True)]
    cut = [squeeze] if isinstance(squeeze, int) else list(squeeze or ())
    if width is not None:
        for index in cut:
            over = sum(widths) + 2 * (len(widths) - 1) - width
            if over <= 0:
                break
            widths[index] = max(cell_width(headers[index]), 8, widths[index] - over)
        rows = [[fit(c, widths[i]).rstrip() if i in cut and cell_width(c) > widths[i] else c
                 for i, c in enumerate(row)] for row in rows]
    lines = []
    for row in [headers, *rows]:
        cells = []
        for index, (cell, width) in enumerate(zip(row, widths, strict=True)):
            pad = " " * (width - cell_width(cell))
            cells.append(pad + cell if index in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def progress_bar(done: float | None, expected: float, width: int = 10) -> str:
    """`███▌░░│░░░`: progress filled, the pace marker `│` where it should be by now.

    Readable without colour: the marker sits ahead of the fill when behind pace.
    """
    if width <= 0:
        return ""
    cells = [S.empty] * width
    if done is not None:
        eighths = round(max(0.0, min(done, 1.0)) * width * 8)
        full, part = divmod(eighths, 8)
        for index in range(full):
            cells[index] = S.full
        if part and full < width:
            cells[full] = S.partial[part - 1]
    marker = min(int(max(0.0, min(expected, 1.0)) * width), width - 1)
    cells[marker] = S.pace if cells[marker] == S.empty else S.pace_on
    return "".join(cells)


def round_to_spread(value: float, spread: float) -> float:
    """About three digits across `spread` (say, between two limits): estimates
    read better as 237 – 363 than as 237.08 – 362.52."""
    if spread <= 0 or not math.isfinite(spread):
        return value
    return round(value, max(0, 1 - math.floor(math.log10(spread))))
