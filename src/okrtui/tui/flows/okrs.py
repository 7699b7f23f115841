"""The OKR pane's keys: browse quarters and scopes, open a key result, add and
edit objectives and key results."""

from __future__ import annotations

from datetime import date
from typing import Any

from okrtui.core.format import number_text
from okrtui.core.kpi import kpi_health
from okrtui.core.models import KeyResult, Link, Objective
from okrtui.core.okr import KeyResultDraft
from okrtui.core.parse import parse_date, parse_optional_number
from okrtui.core.people import scopes
from okrtui.store.repository import SPARK_POINTS
from okrtui.tui.flows.base import Flow
from okrtui.tui.screens.key_result_detail import KeyResultScreen
from okrtui.tui.widgets.journal_pane import journal_line
from okrtui.tui.widgets.okr_forms import OkrForm

Field = tuple[str, str, str, str]  # (id, label, initial value, placeholder)


def key_result_fields(statement: str = "", metric: str = "", baseline: str = "",
                      target: str = "", due: str = "", owner: str = "",
                      guardrails: str = "", due_hint: str = "YYYY-MM-DD") -> list[Field]:
    """The key-result form's fields, prefilled."""
    return [("statement", "Key result", statement, "e.g. Reduce churn from 4% to 2.5%"),
            ("metric", "Metric", metric, "an existing metric's name"),
            ("baseline", "Baseline", baseline, "blank: the metric's latest value"),
            ("target", "Target", target, "the value to reach"),
            ("due", "Due", due, due_hint),
            ("owner", "Owner", owner, "blank: the objective's owner"),
            ("guardrails", "Guardrails", guardrails,
             "metrics it must not break, comma-separated")]


def draft_from_form(values: dict[str, str], today: date) -> KeyResultDraft:
    """The key-result form's text as a draft; a bad number or date names its field."""
    due = values["due"].strip()
    return KeyResultDraft(
        statement=values["statement"], metric=values["metric"].strip(),
        target=parse_optional_number(values["target"], "target"),
        baseline=parse_optional_number(values["baseline"], "baseline"),
        due=parse_date(due, today, "due") if due else None, owner=values["owner"].strip(),
        guardrails=tuple(n.strip() for n in values["guardrails"].split(",") if n.strip()))


class OkrFlow(Flow):
    """What the OKR keys do ([ ] f A a e enter)."""

    def change_quarter(self, delta: int) -> None:
        """Show the previous (-1) or next (+1) cycle's OKRs."""
        ctx = self._ctx
        ctx.calendar = known = ctx.repo.cycles.calendar()
        ctx.quarter = known.after(ctx.quarter) if delta > 0 else known.before(ctx.quarter)
        self._views.refresh_okrs()

    def cycle_scope(self) -> None:
        """Show everyone's KPIs and OKRs, then mine, then each team's."""
        ctx = self._ctx
        teams = [m.team for m in ctx.repo.list_metrics()] + [
            o.team for o in ctx.repo.okrs.objectives(str(ctx.quarter))]
        cycle = scopes(ctx.repo.user, teams)
        ctx.scope = cycle[(cycle.index(ctx.scope) + 1) % len(cycle)
                          if ctx.scope in cycle else 0]
        self._views.refresh_kpis(focus=False)
        self._views.refresh_okrs()
        self._ui.say(f"Showing {ctx.scope.label()} · f: next")

    def open_key_result(self, key_result_id: int | None = None) -> None:
        """Open a key result (the one in view, if no id is given): its numbers and
        every check-in."""
        ctx = self._ctx
        kr_id = key_result_id if key_result_id is not None else (
            self._ui.selection.key_result_id())
        if kr_id is None:
            return
        view = ctx.repo.okrs.key_result_view(kr_id, ctx.today)
        names = []
        for metric_id in ctx.repo.okrs.guardrail_ids(kr_id):
            points = ctx.repo.current_points(metric_id, ctx.today, SPARK_POINTS)
            health = kpi_health(ctx.repo.get_metric_by_id(metric_id), points, ctx.today)
            names.append(f"{health.metric.name} ({health.range_status})")
        about = Link(kind="key_result", item_id=kr_id)
        self._ui.push(KeyResultScreen(view, names, journal_line(
            ctx.repo.journal.entries(link=about, limit=50))))

    def add_objective(self) -> None:
        """Add an objective to the quarter shown."""
        quarter = str(self._ctx.quarter)
        if self.refuse_closed(quarter):
            return

        def save(values: dict[str, str]) -> Objective:
            objective = Objective.model_validate({
                "quarter": quarter, "title": values["title"], "why": values["why"],
                "owner": values["owner"]})
            return self._ctx.repo.okrs.add_objective(objective)

        fields = [("title", "Objective", "", "what you want to change, in words"),
                  ("why", "Why", "", "why it matters now"),
                  ("owner", "Owner", "", "who leads it")]
        self._ui.push(OkrForm(f"Add an objective to {quarter}", fields, save,
                              hint="Qualitative and inspiring; the numbers go in its key "
                              "results." + self._calibration(quarter, ""),
                              draft=("objective", f"new in {quarter}"),
                              draft_words="objective"), self.saved)

    def add_key_result(self) -> None:
        """Add a key result under the objective at the cursor."""
        row = self._ui.selection.okr_row()
        if row is None or self.refuse_closed(row.objective.quarter):
            return
        objective, ctx = row.objective, self._ctx

        def save(values: dict[str, str]) -> KeyResult:
            return ctx.repo.okrs.add_planned_key_result(
                objective.id or 0, draft_from_form(values, ctx.today), today=ctx.today)

        fields = key_result_fields(owner=objective.owner, due_hint=(
            f"blank: {ctx.repo.cycles.get(objective.quarter).end}"))
        self._ui.push(OkrForm(f"Add a key result to: {objective.title}", fields, save,
                              hint=self._calibration(objective.quarter, objective.owner).strip(),
                              draft=("key-result", f"new under O{objective.id}"),
                              draft_words="key result"), self.saved)

    def _calibration(self, cycle: str, owner: str) -> str:
        """For a cycle not yet started (one being planned): the owner's (else the person
        at the keyboard's) calibration line, to set confidences by; else nothing."""
        from okrtui.core.calibration import owner_line
        from okrtui.store.calibration import graded_key_results

        ctx = self._ctx
        if ctx.repo.cycles.get(cycle).start <= ctx.today:
            return ""
        line = owner_line(graded_key_results(ctx.repo), owner or ctx.repo.user)
        return f"\nCalibration · {line}"

    def edit(self) -> None:
        """Edit the objective or key result under the cursor in the OKR pane."""
        row = self._ui.selection.okr_row()
        if row is None or self.refuse_closed(row.objective.quarter):
            return
        okrs, ctx = self._ctx.repo.okrs, self._ctx
        if row.view is None:
            objective = okrs.get_objective(row.objective.id or 0)

            def save_objective(values: dict[str, str]) -> Objective:
                edited = Objective.model_validate({**objective.model_dump(), **values})
                return okrs.update_objective(edited)

            fields = [("title", "Objective", objective.title, "what you want to change"),
                      ("why", "Why", objective.why.replace("\n", " "), "why it matters now"),
                      ("owner", "Owner", objective.owner, "who leads it")]
            self._ui.push(OkrForm(f"Edit objective {objective.id}", fields, save_objective,
                                  draft=("objective", f"O{objective.id}"),
                                  draft_words="objective"), self.saved)
            return
        kr = okrs.get_key_result(row.view.key_result.id or 0)
        name = ctx.repo.get_metric_by_id
        fields = key_result_fields(
            kr.statement, name(kr.metric_id).name, number_text(kr.baseline),
            number_text(kr.target), kr.due.isoformat(), kr.owner,
            ", ".join(name(m).name for m in okrs.guardrail_ids(kr.id or 0)))

        def save(values: dict[str, str]) -> KeyResult:
            return okrs.edit_planned_key_result(kr, draft_from_form(values, ctx.today),
                                                today=ctx.today)

        self._ui.push(OkrForm(f"Edit key result {kr.id}", fields, save,
                              draft=("key-result", f"KR{kr.id}"), draft_words="key result"),
                      self.saved)

    def saved(self, saved: Any) -> None:
        """An objective or key result was saved: redraw both panes and say so."""
        if saved is None:
            return
        is_key_result = isinstance(saved, KeyResult)
        self.plan_saved(saved.id if is_key_result else None,
                        f"Saved {'key result' if is_key_result else 'objective'} {saved.id}")
