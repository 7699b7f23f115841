"""`P`: what the text saved in the editor changes in the cycle's plan, before it is applied;
or, when it cannot be applied, what is wrong with it, by line number."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from okrtui.tui.widgets.key_bar import KeyBar

Answer = Literal["apply", "edit"]


class PlanDiffScreen(ModalScreen["Answer | None"]):
    """The changes (or the problems), one line each; y applies, e edits again, esc drops."""

    DEFAULT_CSS = """
    PlanDiffScreen { align: center middle; }
    PlanDiffScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    PlanDiffScreen .plan-summary { margin-top: 1; }
    """

    BINDINGS = [Binding("y", "answer('apply')", "Apply"),
                Binding("e", "answer('edit')", "Edit again"),
                Binding("escape,n", "answer(None)", "Discard"),
                Binding("j,down", "scroll(1)", "Down", show=False),
                Binding("k,up", "scroll(-1)", "Up", show=False)]

    def __init__(self, title: str, lines: Sequence[str], summary: str, *,
                 can_apply: bool) -> None:
        super().__init__()
        self._title = title
        self._lines = list(lines)
        self._summary = summary
        self.can_apply = can_apply

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = self._title
            for line in self._lines:  # people's titles: plain text, never markup
                yield Static(Content(line), classes="plan-line")
            yield Static(Content(self._summary), classes="plan-summary")
            keys = ("y: apply   e: edit again   esc: discard" if self.can_apply
                    else "e: edit again (your text is kept)   esc: discard it")
            yield Static(Content(keys))
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters == ("apply",):
            return self.can_apply
        return True

    def action_answer(self, answer: Answer | None) -> None:
        self.dismiss(answer)

    def action_scroll(self, step: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=step, animate=False)
