"""Jump anywhere (`:`): a cycle by name, a KPI by name, a key result by id or words."""

from __future__ import annotations

from okrtui.core.jump import CYCLE, KPI, Target, cycle_target, key_result_target, kpi_target
from okrtui.core.people import Scope
from okrtui.tui.flows.base import Flow
from okrtui.tui.screens.jump import JumpScreen


class JumpFlow(Flow):
    """The picker's targets, read once when it opens, and going to the one chosen."""

    def start(self) -> None:
        """Open the picker over every cycle, KPI and key result."""
        ctx = self._ctx
        repo = ctx.repo
        targets = [cycle_target(c.cycle.name, c.kind, c.objectives, c.closed)
                   for c in reversed(repo.cycles.listing(ctx.today))]
        targets += [key_result_target(kr.id or 0, kr.statement, cycle)
                    for kr, cycle in repo.okrs.every_key_result()]
        targets += [kpi_target(m.id or 0, m.name) for m in repo.list_metrics()]
        calendar = repo.cycles.calendar()

        def any_cycle(text: str) -> Target | None:
            # A quarter with nothing in it yet ("2019-Q2") is still somewhere to go.
            cycle = calendar.find(text)
            return None if cycle is None else cycle_target(cycle.name, "quarter", 0, False)

        self._ui.push(JumpScreen(targets, any_cycle), self.go)

    def go(self, target: Target | None) -> None:
        """Show what was chosen: the cycle in the OKR pane, the cursor on the row."""
        if target is None:
            return
        ctx, board = self._ctx, self._views.dashboard
        if target.kind == KPI:
            self._views.refresh_kpis(keep=target.item_id)
            if self._narrowed() and (board.kpis.selected is None
                                     or board.kpis.selected.id != target.item_id):
                ctx.scope = Scope()
                self._views.refresh_kpis(keep=target.item_id)
            self._ui.say(f"KPI {target.key}")
            return
        ctx.calendar = ctx.repo.cycles.calendar()
        ctx.quarter = ctx.calendar.find(target.cycle) or ctx.quarter
        keep = None if target.kind == CYCLE else target.item_id
        self._views.refresh_okrs(keep_key_result=keep)
        if keep is not None and self._narrowed() and board.okrs.selected_key_result_id != keep:
            ctx.scope = Scope()  # out of the view shown: show everyone's
            self._views.refresh_kpis(focus=False)
            self._views.refresh_okrs(keep_key_result=keep)
        board.okrs.table.focus()
        self._ui.say(f"{target.key} · {ctx.quarter}" if keep else f"Showing {ctx.quarter}")

    def _narrowed(self) -> bool:
        return bool(self._ctx.scope.owner or self._ctx.scope.team)
