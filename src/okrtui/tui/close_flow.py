"""Closing a quarter by keys: grade each key result, reflect on each objective,
then close (read-only until reopened on purpose). A mixin of `OkrApp`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from okrtui.core.periods import Quarter
from okrtui.store.okr_repository import quarter_views
from okrtui.tui.widgets.confirm import ConfirmDialog
from okrtui.tui.widgets.grade_dialog import GradeDialog
from okrtui.tui.widgets.okr_forms import OkrForm

if TYPE_CHECKING:
    from okrtui.store.repository import Repository

Step = Callable[[Callable[[Any], None]], None]  # shows one dialog, calls back when done


class CloseQuarterActions:
    """Needs `repo`, `today`, `quarter`, `push_screen`, `refresh_okrs` from the App."""

    repo: Repository
    today: date
    quarter: Quarter

    def action_close_quarter(self) -> None:
        """Walk the shown quarter's close (or offer to reopen it if it is closed)."""
        quarter = str(self.quarter)
        if self.repo.closing.is_closed(quarter):
            self.push_screen(  # type: ignore[attr-defined]
                ConfirmDialog(f"Reopen {quarter}",
                              f"{quarter} is closed. Reopen it to change grades, "
                              "check-ins or key results?"),
                lambda yes: self._reopen(quarter) if yes else None)
            return
        plan = quarter_views(self.repo, quarter, self.today)
        if not plan:
            self.dashboard.say(f"Nothing to close: {quarter} has no objectives")  # type: ignore[attr-defined]
            return
        steps: list[Step] = []
        total = sum(len(views) for _, views in plan)
        number = 0
        for _, views in plan:
            for view in views:
                number += 1
                steps.append(self._grade_step(view, f"{number} of {total}"))
        steps += [self._reflect_step(objective) for objective, _ in plan]
        steps.append(self._confirm_step(quarter))
        self._run_steps(steps)

    def _run_steps(self, steps: list[Step]) -> None:
        """Show each step in turn; a step answered with None (escape) stops the walk."""
        if not steps:
            return

        def done(result: Any) -> None:
            self.refresh_okrs()  # type: ignore[attr-defined]
            # A return to KPI changes the KPI pane (watched, a healthy range).
            self.refresh_kpis(keep=None, focus=False)  # type: ignore[attr-defined]
            if result is not None:
                self._run_steps(steps[1:])

        steps[0](done)

    def _grade_step(self, view: Any, label: str) -> Step:
        kr_id = view.key_result.id

        def save(score: float, note: str, next_step: str, low: float | None,
                 high: float | None) -> object:
            return self.repo.closing.grade(kr_id, score, today=self.today, note=note,
                                           next_step=next_step,  # type: ignore[arg-type]
                                           range_min=low, range_max=high)

        return lambda done: self.push_screen(GradeDialog(view, save, label), done)  # type: ignore[attr-defined]

    def _reflect_step(self, objective: Any) -> Step:
        def save(values: dict[str, str]) -> object:
            return self.repo.closing.reflect(objective.id, values["reflection"])

        fields = [("reflection", "Reflection", objective.reflection.replace("\n", " "),
                   "what we learnt, what we would do differently")]
        return lambda done: self.push_screen(  # type: ignore[attr-defined]
            OkrForm(f"Close the quarter · reflect on: {objective.title}", fields, save), done)

    def _confirm_step(self, quarter: str) -> Step:
        def answered(yes: bool | None, done: Callable[[Any], None]) -> None:
            if yes:
                self.repo.closing.close_quarter(quarter)
                self.dashboard.say(f"Closed {quarter}: read-only until reopened (Z)")  # type: ignore[attr-defined]
            done(None)

        return lambda done: self.push_screen(  # type: ignore[attr-defined]
            ConfirmDialog(f"Close {quarter}",
                          f"Every key result of {quarter} is graded. Close the quarter? It "
                          "becomes read-only until you reopen it on purpose."),
            lambda yes: answered(yes, done))

    def _reopen(self, quarter: str) -> None:
        self.repo.closing.reopen_quarter(quarter)
        self.refresh_okrs()  # type: ignore[attr-defined]
        self.dashboard.say(f"Reopened {quarter}")  # type: ignore[attr-defined]
