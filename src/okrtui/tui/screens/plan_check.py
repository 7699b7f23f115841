"""`L`: every finding of the plan check for the quarter shown, with the rule and the fix."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from okrtui.core.hygiene import Issue
from okrtui.tui.screens.listing import ListingScreen
from okrtui.tui.widgets.key_bar import KeyBar


class PlanCheckScreen(ListingScreen):
    """Lists the findings; escape, q or L closes it."""

    DEFAULT_CSS = """
    PlanCheckScreen > VerticalScroll { border: round $warning; }
    PlanCheckScreen .finding { margin-bottom: 1; }
    """

    BINDINGS = [Binding("escape,q,L", "close", "Close"),
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

    def action_ends(self, last: int) -> None:
        box = self.query_one(VerticalScroll)
        (box.scroll_end if last else box.scroll_home)(animate=False)
