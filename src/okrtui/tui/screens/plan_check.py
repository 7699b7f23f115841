"""`L`: every finding of the plan check for the quarter shown, with the rule and the fix."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from okrtui.core.hygiene import Issue
from okrtui.tui.widgets.key_bar import KeyBar


class PlanCheckScreen(ModalScreen[None]):
    """Lists the findings; escape, q or L closes it."""

    DEFAULT_CSS = """
    PlanCheckScreen { align: center middle; }
    PlanCheckScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    PlanCheckScreen .finding { margin-bottom: 1; }
    """

    BINDINGS = [Binding("escape,q,L", "close", "Close"),
                Binding("j,down", "scroll(1)", "Down", show=False),
                Binding("k,up", "scroll(-1)", "Up", show=False),
                Binding("G,end", "ends(1)", "Last", show=False),
                Binding("g,home", "ends(0)", "First", show=False)]

    def __init__(self, quarter: str, issues: Sequence[Issue]) -> None:
        super().__init__()
        self._quarter = quarter
        self._issues = list(issues)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            count = len(self._issues)
            box.border_title = f"Plan check · {self._quarter} · {count} finding(s)"
            if not self._issues:
                yield Static("The plan follows the rules: nothing to fix.", markup=False)
            for issue in self._issues:
                # People's titles are data: Content never reads markup.
                yield Static(Content(
                    f"⚑ {issue.item}\n  {issue.message} ({issue.rule_name}; {issue.check})\n"
                    f"  fix: {issue.fix}"), classes="finding")
            yield Static("The rules come from DOMAIN.md; the same list: okrtui lint "
                         "(--json for scripts)", markup=False, classes="hint")
        yield KeyBar()

    def action_scroll(self, delta: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_ends(self, last: int) -> None:
        box = self.query_one(VerticalScroll)
        (box.scroll_end if last else box.scroll_home)(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
