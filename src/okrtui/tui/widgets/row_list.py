"""A keyboard-first list of pre-rendered rows: the cost of a frame is the
rows on screen, each drawn once and cached (the toolong approach).

DataTable re-renders every visible cell through Rich whenever any cell
changes or focus moves (~25 ms for a screenful); this draws a row as one
`Strip` from plain text parts, which keeps "save → screen" fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from okrtui.core.format import cell_width, fit


@dataclass(frozen=True)
class Column:
    """A column: its key, title, width in cells, and alignment."""

    key: str
    title: str
    width: int
    right: bool = False


Cell = tuple[str, str]  # (text, rich style string)
Cells = dict[str, Cell]
# A row is its cells, or a function that makes them when the row is first drawn:
# a column that costs a query (a KPI's signal) is then paid only for rows on screen.
Row = Cells | Callable[[], Cells]
# NO_COLOR (a non-empty value, as no-color.org says): keep bold and dim, drop colours;
# Textual's own greyscale turns red into a dark grey that is hard to read.
NO_COLOR = bool(os.environ.get("NO_COLOR"))


def _style(style: str) -> Style | None:
    if not style:
        return None
    parsed = Style.parse(style)
    return parsed.without_color if NO_COLOR else parsed
SPAN = "*"  # a row whose cells hold this key is drawn as one heading across all columns


def line_parts(columns: Sequence[Column], cells: dict[str, Cell]) -> list[Segment]:
    """One row as segments: each cell cut or padded to its column, two spaces apart."""
    parts: list[Segment] = [Segment(" ")]
    if SPAN in cells:  # one text across the whole row (a heading)
        text, style = cells[SPAN]
        width = sum(c.width for c in columns) + 2 * (len(columns) - 1)
        parts.append(Segment(fit(text, width), _style(style)))
        return parts
    for index, column in enumerate(columns):
        text, style = cells.get(column.key, ("", ""))
        if cell_width(text) > column.width:
            text = fit(text, column.width)
        pad = " " * (column.width - cell_width(text))
        text = pad + text if column.right else text + pad
        parts.append(Segment(text, _style(style)))
        if index < len(columns) - 1:
            parts.append(Segment("  "))
    return parts


class RowList(ScrollView, can_focus=True):
    """Rows of cells with a cursor; `enter` posts `RowList.Chosen`."""

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--header"}

    DEFAULT_CSS = """
    RowList { height: 1fr; overflow-x: hidden; scrollbar-size-vertical: 1; }
    RowList > .row-list--header { text-style: bold; }
    RowList > .row-list--cursor { background: $block-cursor-blurred-background; }
    RowList:focus > .row-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    cursor = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to the row at `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Chosen(Message):
        """Enter (or a click on the cursor row) chose the row at `index`."""

        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

        @property
        def control(self) -> RowList:
            """The list the row was chosen in."""
            return self.row_list

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._columns: list[Column] = []
        self._rows: list[Row] = []
        self._cache: dict[tuple[int, bool, bool, int], Strip] = {}

    # -- data down -----------------------------------------------------------

    def set_rows(self, columns: Sequence[Column], rows: Sequence[Row],
                 cursor: int = 0) -> None:
        """Replace everything; the cursor goes to `cursor` (clamped). Given the same
        columns and as many ready rows, only the rows that differ are redrawn."""
        columns, rows = list(columns), list(rows)
        if (columns == self._columns and len(rows) == len(self._rows)
                and not any(callable(r) for r in rows)):
            old_cursor = self.cursor
            self.set_reactive(RowList.cursor, self._clamp(cursor))
            for index, row in enumerate(rows):
                if row != self._rows[index] or index in (old_cursor, self.cursor):
                    self.set_row(index, row)
            self._scroll_to_cursor()
            return
        self._columns = columns
        self._rows = rows
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        self.set_reactive(RowList.cursor, self._clamp(cursor))
        self._scroll_to_cursor()
        self.refresh()

    def set_row(self, index: int, cells: Row) -> None:
        """Replace one row; only its line is redrawn."""
        self._rows[index] = cells
        for key in [k for k in self._cache if k[0] == index]:
            del self._cache[key]
        self.refresh(self._row_region(index))

    def cells(self, index: int) -> Cells:
        """The row's cells, made now if it was given as a function."""
        row = self._rows[index]
        if callable(row):
            row = self._rows[index] = row()
        return row

    @property
    def row_count(self) -> int:
        """How many rows there are."""
        return len(self._rows)

    # -- drawing -------------------------------------------------------------

    def _row_region(self, index: int) -> Region:
        return Region(0, index + 1 - round(self.scroll_y), self.size.width, 1)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:  # the header stays put while rows scroll under it
            return self._strip(-1, False, width)
        index = y - 1 + round(self.scroll_y)
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        return self._strip(index, index == self.cursor, width)

    def _strip(self, index: int, is_cursor: bool, width: int) -> Strip:
        key = (index, is_cursor, self.has_focus, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        style: Style | None
        if index < 0:
            cells = {c.key: (c.title, "") for c in self._columns}
            style = self.get_component_rich_style("row-list--header")
        else:
            cells = self.cells(index)
            style = self.get_component_rich_style("row-list--cursor") if is_cursor else None
        segments = line_parts(self._columns, cells)
        base = self.rich_style
        if style is not None:
            base = base + style
        # The last cell never touches the scrollbar: a blank column keeps its thumb
        # from reading as one more bar of a sparkline or a digit of a number.
        strip = Strip(Segment.apply_style(segments, base)).adjust_cell_length(
            max(width - 1, 0), base).adjust_cell_length(width, self.rich_style)
        if is_cursor and style is not None:
            # The cursor's colours win over a cell's own (a red status stays readable).
            strip = strip.apply_style(style)
        self._cache[key] = strip
        return strip

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        self._cache.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- moving --------------------------------------------------------------

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh(self._row_region(old))
        self.refresh(self._row_region(new))
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(new))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def action_move(self, delta: int) -> None:
        self.cursor = self._clamp(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.cursor = self._clamp(self.cursor + direction * max(self.size.height - 2, 1))

    def action_jump(self, where: int) -> None:
        self.cursor = self._clamp(where if where >= 0 else len(self._rows) - 1)

    def action_choose(self) -> None:
        if self._rows:
            self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = event.y - 1 + round(self.scroll_y)
        if 0 <= index < len(self._rows):
            if index == self.cursor and event.chain >= 2:
                self.post_message(self.Chosen(self, index))
            self.cursor = index
