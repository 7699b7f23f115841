"""Closing a quarter by keys: grade each key result, reflect on each objective,
then close (read-only until reopened on purpose)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast, get_args

from okrtui.core.calibration import GradedKeyResult, owner_line
from okrtui.core.errors import InvalidInput
from okrtui.core.models import NextStep, Objective
from okrtui.core.okr import KeyResultView
from okrtui.core.record import frozen_words
from okrtui.store.calibration import graded_key_results, unsignalled_successes
from okrtui.store.okr_repository import quarter_views
from okrtui.tui.flows.base import Flow
from okrtui.tui.widgets.confirm import ConfirmDialog
from okrtui.tui.widgets.grade_dialog import GradeDialog
from okrtui.tui.widgets.okr_forms import OkrForm

Step = Callable[[Callable[[Any], None]], None]  # shows one dialog, calls back when done


class CloseFlow(Flow):
    """`Z`: grade, reflect, close; or reopen a closed quarter. `C`: calibration."""

    _graded: list[GradedKeyResult] = []  # of closed cycles, read when a close starts

    def show_calibration(self) -> None:
        """`C`: the team's and each owner's confidence calibration."""
        from okrtui.core.calibration import calibrations
        from okrtui.tui.screens.calibration import CalibrationScreen

        self._ui.push(CalibrationScreen(calibrations(graded_key_results(self._ctx.repo))))

    def start(self) -> None:
        """Walk the shown quarter's close (or offer to reopen it if it is closed)."""
        ctx, quarter = self._ctx, str(self._ctx.quarter)
        if ctx.repo.closing.is_closed(quarter):
            frozen = sum(v.frozen is not None
                         for _, vs in quarter_views(ctx.repo, quarter, ctx.today) for v in vs)
            self._ui.push(ConfirmDialog(f"Reopen {quarter}",
                                        f"{quarter} is closed. Reopen it to change grades, "
                                        "check-ins or key results? "
                                        f"{frozen_words(frozen, 'become')}."),
                          lambda yes: self._reopen(quarter) if yes else None)
            return
        plan = quarter_views(ctx.repo, quarter, ctx.today)
        if not plan:
            self._ui.say(f"Nothing to close: {quarter} has no objectives")
            return
        views = [v for _, vs in plan for v in vs]
        self._graded = graded_key_results(ctx.repo)
        steps: list[Step] = [self._grade(v, f"{n} of {len(views)}")
                             for n, v in enumerate(views, start=1)]
        steps += [self._reflect(objective) for objective, _ in plan]
        steps.append(self._confirm(quarter))
        self._walk(steps)

    def _walk(self, steps: list[Step]) -> None:
        """Show each step in turn; a step answered with None (escape) stops the walk."""
        if not steps:
            return

        def done(result: Any) -> None:
            self._views.refresh_okrs()
            # A return to KPI changes the KPI pane (watched, a healthy range).
            self._views.refresh_kpis(keep=None, focus=False)
            if result is not None:
                self._walk(steps[1:])

        steps[0](done)

    def _grade(self, view: KeyResultView, label: str) -> Step:
        kr_id, ctx = view.key_result.id or 0, self._ctx

        def save(score: float | None, note: str, next_step: str, low: float | None,
                 high: float | None) -> object:
            if next_step not in get_args(NextStep):
                raise InvalidInput(f"{next_step!r} is not a next step", "next")
            return ctx.repo.closing.grade(kr_id, score, today=ctx.today, note=note,
                                          next_step=cast(NextStep, next_step),
                                          range_min=low, range_max=high)

        owner = view.key_result.owner or ctx.repo.user
        line = owner_line(self._graded, owner, view.confidence)
        return lambda done: self._ui.push(GradeDialog(view, save, label, line), done)

    def _reflect(self, objective: Objective) -> Step:
        closing = self._ctx.repo.closing

        def save(values: dict[str, str]) -> object:
            return closing.reflect(objective.id or 0, values["reflection"])

        fields = [("reflection", "Reflection", objective.reflection.replace("\n", " "),
                   "what we learnt, what we would do differently")]
        return lambda done: self._ui.push(
            OkrForm(f"Close the quarter · reflect on: {objective.title}", fields, save,
                    draft=("reflection", f"O{objective.id}"), draft_words="reflection"),
            done)

    def _confirm(self, quarter: str) -> Step:
        def ask(done: Callable[[Any], None]) -> None:
            # Read when the grades are in: a success on a metric that never signalled.
            notes = unsignalled_successes(self._ctx.repo, quarter)
            also = "".join(f"\n\nNote: {n}." for n in notes[:2])
            self._ui.push(
                ConfirmDialog(f"Close {quarter}",
                              f"Every key result of {quarter} is graded (or n/a). Close the "
                              "quarter? Its numbers are frozen as they are today, and it "
                              "becomes read-only until you reopen it on purpose." + also),
                lambda yes: answered(yes, done))

        def answered(yes: bool | None, done: Callable[[Any], None]) -> None:
            if yes:
                self._ctx.repo.closing.close_quarter(quarter, today=self._ctx.today)
                self._ui.say(f"Closed {quarter}: its numbers are frozen, read-only until "
                             "reopened (Z)")
            done(None)

        return ask

    def _reopen(self, quarter: str) -> None:
        unfrozen = self._ctx.repo.closing.reopen_quarter(quarter)
        self._views.refresh_okrs()
        # Short enough for the status line at 80 columns; the dialog said it in full.
        self._ui.say(f"Reopened {quarter}: {unfrozen} key result"
                     f"{'s' * (unfrozen != 1)} unfrozen")
