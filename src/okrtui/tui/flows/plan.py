"""`P`: plan the cycle shown in the person's editor.

The app steps aside (`Ui.suspended`) while `$VISUAL`/`$EDITOR` edits the
plan's Markdown (`plan_editing`, the path `okrtui plan` takes), then shows
what the saved text changes in `PlanDiffScreen`; y applies it in one
transaction. A text that cannot be applied is shown with its problems by line,
and `e` opens it again as it was typed, so nothing typed is lost.
"""

from __future__ import annotations

from okrtui.core.errors import OkrtuiError
from okrtui.core.plan_model import PlanRefused
from okrtui.plan_editing import (
    ReadPlan,
    apply_plan,
    edit_text,
    plan_markdown,
    plannable_cycle,
    read_plan,
)
from okrtui.tui.flows.base import Flow
from okrtui.tui.screens.plan_diff import Answer, PlanDiffScreen


class PlanFlow(Flow):
    """Editor, diff, confirm, apply."""

    def start(self) -> None:
        """Open the cycle shown in the editor."""
        if self._ctx.repo.read_only:
            self._ui.say("the database is read-only: nothing can be planned")
            return
        try:
            cycle = plannable_cycle(self._ctx.repo, str(self._ctx.quarter))
        except OkrtuiError as error:
            self._ui.say(str(error))
            return
        before = plan_markdown(self._ctx.repo, cycle)
        self._edit(cycle, before, before)

    def _edit(self, cycle: str, before: str, text: str) -> None:
        try:
            saved = self._ui.suspended(lambda: edit_text(text, cycle))
        except OkrtuiError as error:
            self._ui.say(str(error))
            return
        if saved == before:
            self._ui.say(f"no change to {cycle}'s plan: nothing to apply")
            return
        try:
            read = read_plan(self._ctx.repo, cycle, saved)
        except PlanRefused as refused:
            self._refused(cycle, before, saved, refused)
            return
        if read.diff.empty:
            self._ui.say(f"{read.diff.summary()}: nothing to apply")
            return
        self._ask(cycle, before, saved, read, PlanDiffScreen(
            f"{cycle}: apply these changes?", [c.describe() for c in read.diff.changes],
            read.diff.summary(), can_apply=True))

    def _ask(self, cycle: str, before: str, saved: str, read: ReadPlan | None,
             screen: PlanDiffScreen) -> None:
        def done(answer: Answer | None) -> None:
            if answer == "edit":
                self._ui.later(lambda: self._edit(cycle, before, saved))
            elif answer == "apply" and read is not None:
                self._apply(cycle, before, saved, read)
            else:
                self._ui.say(f"nothing applied to {cycle}")

        self._ui.push(screen, done)

    def _apply(self, cycle: str, before: str, saved: str, read: ReadPlan) -> None:
        try:
            diff = apply_plan(self._ctx.repo, read, self._ctx.today)
        except PlanRefused as refused:
            self._refused(cycle, before, saved, refused)
            return
        except OkrtuiError as error:
            self._ui.say(f"not applied: {error}")
            return
        self.plan_saved(None, f"applied to {diff.cycle}: {diff.summary()}")

    def _refused(self, cycle: str, before: str, saved: str, refused: PlanRefused) -> None:
        """The problems by line; `e` opens the text again as it was saved."""
        self._ask(cycle, before, saved, None, PlanDiffScreen(
            f"{cycle}: the plan cannot be applied", [str(e) for e in refused.errors],
            "nothing was applied", can_apply=False))
