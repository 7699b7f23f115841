"""`:` (or the palette's "Jump to…"): type a few letters of a cycle, a KPI or a key
result, see what they name, enter goes there."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from okrtui.core.jump import Target, matches
from okrtui.tui.widgets.key_bar import KeyBar

SHOWN = 50  # matches listed; typing more narrows them


class JumpScreen(ModalScreen[Target | None]):
    """Dismisses with the chosen `Target`, or None on escape."""

    DEFAULT_CSS = """
    JumpScreen { align: center top; }
    JumpScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%; margin-top: 1;
        border: round $primary; background: $surface; padding: 0 1;
    }
    JumpScreen OptionList { height: auto; max-height: 12; border: none; padding: 0; }
    JumpScreen #jump-none { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, targets: Sequence[Target],
                 any_cycle: Callable[[str], Target | None] = lambda text: None) -> None:
        super().__init__()
        self._targets = list(targets)
        self._any_cycle = any_cycle  # a cycle's name not among the targets (2019-Q2)
        self._shown: list[Target] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Jump to a cycle, a KPI or a key result"
            yield Input(placeholder="a cycle (2019-Q2), KR5, or part of a name",
                        id="jump-query")
            yield OptionList(id="jump-matches")
            yield Static("", id="jump-none", markup=False)
            yield Static("enter goes there · up/down choose · esc cancels", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show("")
        self.query_one("#jump-query", Input).focus()

    @on(Input.Changed, "#jump-query")
    def _typed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, query: str) -> None:
        self._shown = matches(query, self._targets, SHOWN)
        extra = self._any_cycle(query) if query.strip() else None
        if extra is not None and all(t.key.casefold() != extra.key.casefold()
                                     for t in self._shown):
            self._shown.insert(0, extra)
        options = self.query_one("#jump-matches", OptionList)
        options.clear_options()
        # Content(...) is plain text: names are data, never markup.
        options.add_options([Option(Content(t.label)) for t in self._shown])
        options.display = bool(self._shown)
        if self._shown:
            options.highlighted = 0
        none = self.query_one("#jump-none", Static)
        none.update(f"Nothing matches {query.strip()!r}" if query.strip() and not self._shown
                    else "")
        none.display = not self._shown

    def action_move(self, step: int) -> None:
        options = self.query_one("#jump-matches", OptionList)
        if self._shown:
            index = (options.highlighted or 0) + step
            options.highlighted = max(0, min(index, len(self._shown) - 1))

    @on(Input.Submitted, "#jump-query")
    def _enter(self) -> None:
        highlighted = self.query_one("#jump-matches", OptionList).highlighted
        if self._shown and highlighted is not None:
            self.dismiss(self._shown[highlighted])

    @on(OptionList.OptionSelected, "#jump-matches")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
