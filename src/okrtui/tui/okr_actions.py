"""The app's OKR actions: move between quarters, open a key result, check in.

A mixin of `OkrApp`, kept apart so that neither module grows past a screen.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from okrtui.core.kpi import kpi_health
from okrtui.core.models import CheckIn
from okrtui.core.okr import KeyResultView
from okrtui.core.periods import Quarter, week_start
from okrtui.store.okr_repository import quarter_views
from okrtui.store.repository import SPARK_POINTS
from okrtui.tui.screens.dashboard import DashboardScreen, in_okr_list
from okrtui.tui.screens.key_result_detail import KeyResultScreen
from okrtui.tui.widgets.check_in_dialog import CheckInDialog

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


def journal_line(entries: list) -> str:
    """`journal: 3 entries · 2026-11-23 decision: Pricing test · …` (the latest two)."""
    if not entries:
        return ""
    latest = " · ".join(f"{e.at} {e.kind}: {e.title[:40]}" for e in entries[:2])
    return f"journal: {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} · {latest}"


class OkrActions:
    """Needs `repo`, `today`, `quarter`, `dashboard`, `screen_stack` from the App."""

    repo: Repository
    today: date
    quarter: Quarter

    def refresh_okrs(self, keep_key_result: int | None = None) -> None:
        """Read the shown quarter's plan again and redraw the OKR pane."""
        self.refresh_plan_check()  # type: ignore[attr-defined]
        scope = self.scope  # type: ignore[attr-defined]
        plan = scope.plan(quarter_views(self.repo, str(self.quarter), self.today))
        current = Quarter.of(self.today)
        closed = " · closed (Z reopens)" if self.repo.closing.is_closed(str(self.quarter)) else ""
        if self.quarter == current:
            week = (self.today - self.quarter.start).days // 7 + 1
            weeks = round(((self.quarter.end - self.quarter.start).days + 1) / 7)
            title = f"This quarter's OKRs · {self.quarter} · week {week} of {weeks}"
        else:
            when = "past" if self.quarter < current else "next"
            title = f"OKRs · {self.quarter} ({when} quarter)"
        shown = "" if not (scope.owner or scope.team) else f" · {scope.label()}"
        self.dashboard.okrs.scope_label = scope.label() if shown else ""  # type: ignore[attr-defined]
        self.dashboard.okrs.show(title + shown + closed, plan, keep_key_result)  # type: ignore[attr-defined]
        self.dashboard.update_note()  # type: ignore[attr-defined]

    def refuse_closed(self, quarter: str) -> bool:
        """Say so (and return True) when `quarter` is closed, instead of opening a form."""
        if self.repo.closing.is_closed(quarter):
            self.dashboard.say(f"{quarter} is closed: Z reopens it")  # type: ignore[attr-defined]
            return True
        return False

    def action_quarter(self, delta: int) -> None:
        """Show the previous (-1) or next (+1) quarter's OKRs."""
        self.quarter = self.quarter.next() if delta > 0 else self.quarter.previous()
        self.refresh_okrs()

    def has_key_result(self) -> bool:
        """Cheaply: is there a key result in view (for enabling keys)?"""
        for screen in reversed(self.screen_stack):  # type: ignore[attr-defined]
            if isinstance(screen, KeyResultScreen):
                return True
            if isinstance(screen, DashboardScreen):
                if in_okr_list(screen):
                    row = screen.okrs.selected
                    return bool(row and row.view)
                selected = screen.kpis.selected
                return any(h.key_result_id is not None for h in screen.kpis.rows
                           if selected and h.metric.id == selected.id)
        return False

    def current_key_result(self) -> KeyResultView | None:
        """The key result in view: a detail screen's, or the one under a cursor."""
        for screen in reversed(self.screen_stack):  # type: ignore[attr-defined]
            if isinstance(screen, KeyResultScreen):
                return self._fresh_view(screen.key_result_id)
            if isinstance(screen, DashboardScreen):
                return self._dashboard_key_result(screen)
        return None

    def _dashboard_key_result(self, screen: DashboardScreen) -> KeyResultView | None:
        if in_okr_list(screen):
            row = screen.okrs.selected
            return row.view if row else None
        health = next((h for h in screen.kpis.rows
                       if screen.kpis.selected and h.metric.id == screen.kpis.selected.id), None)
        if health is not None and health.key_result_id is not None:
            return self._fresh_view(health.key_result_id)
        return None

    def _fresh_view(self, key_result_id: int) -> KeyResultView | None:
        kr = self.repo.okrs.get_key_result(key_result_id)
        objective = self.repo.okrs.get_objective(kr.objective_id)
        for _, views in quarter_views(self.repo, objective.quarter, self.today):
            for view in views:
                if view.key_result.id == key_result_id:
                    return view
        return None

    def action_open_key_result(self) -> None:
        """Open the key result under the cursor: its numbers and every check-in."""
        view = self.current_key_result()
        if view is None:
            return
        names = []
        for metric_id in self.repo.okrs.guardrail_ids(view.key_result.id or 0):
            metric = self.repo.get_metric_by_id(metric_id)
            points = self.repo.current_points(metric_id, self.today, SPARK_POINTS)
            health = kpi_health(metric, points, self.today)
            names.append(f"{metric.name} ({health.range_status})")
        from okrtui.core.models import Link

        about = Link(kind="key_result", item_id=view.key_result.id or 0)
        self.push_screen(KeyResultScreen(  # type: ignore[attr-defined]
            view, names, journal_line(self.repo.journal.entries(link=about, limit=50))))

    def _due_after(self, key_result_id: int) -> list[KeyResultView]:
        """Key results after this one in the plan with no check-in this week."""
        monday = week_start(self.today)
        plan = quarter_views(self.repo, str(Quarter.of(self.today)), self.today)
        views = [v for _, vs in plan for v in vs]
        ids = [v.key_result.id for v in views]
        after = views[ids.index(key_result_id) + 1:] if key_result_id in ids else []
        return [v for v in after if not any(c.at >= monday for c in v.check_ins)]

    def action_check_in(self, view: KeyResultView | None = None) -> None:
        """Check in on a key result; then the next one due this week opens."""
        view = view or self.current_key_result()
        if view is None:
            self.dashboard.say("Not a key result this quarter: nothing to check in on")  # type: ignore[attr-defined]
            return
        kr = view.key_result
        if self.refuse_closed(self.repo.okrs.quarter_of(kr.id or 0)):
            return

        def save(value: float, confidence: int | None, comment: str) -> CheckIn:
            return self.repo.okrs.check_in(kr, value, today=self.today, confidence=confidence,
                                           comment=comment, source="tui")

        due = self._due_after(kr.id or 0)
        self.push_screen(  # type: ignore[attr-defined]
            CheckInDialog(view, self.today, save, remaining=len(due)),
            lambda check: self._checked_in(view, check),
        )

    def _checked_in(self, view: KeyResultView, check: CheckIn | None) -> None:
        if check is None:
            return
        kr = view.key_result
        self.refresh_okrs(keep_key_result=kr.id)
        self.refresh_kpis(keep=None, focus=False)  # type: ignore[attr-defined]
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if isinstance(screen, KeyResultScreen) and screen.key_result_id == kr.id:
                fresh = self._fresh_view(kr.id or 0)
                if fresh is not None:
                    screen.show(fresh)
        self.dashboard.say(f"Checked in on KR{kr.id}")  # type: ignore[attr-defined]
        due = self._due_after(kr.id or 0)
        if due:
            self.action_check_in(due[0])


class OkrFormActions:
    """Adding objectives and key results from the OKR pane (mixed into `OkrApp`)."""

    repo: Repository
    today: date
    quarter: Quarter

    def action_add_objective(self) -> None:
        """Add an objective to the quarter shown."""
        from okrtui.core.models import Objective
        from okrtui.tui.widgets.okr_forms import OkrForm

        if self.refuse_closed(str(self.quarter)):  # type: ignore[attr-defined]
            return

        def save(values: dict[str, str]) -> Objective:
            objective = Objective.model_validate({
                "quarter": str(self.quarter), "title": values["title"], "why": values["why"],
                "owner": values["owner"]})
            return self.repo.okrs.add_objective(objective)

        fields = [("title", "Objective", "", "what you want to change, in words"),
                  ("why", "Why", "", "why it matters now"),
                  ("owner", "Owner", "", "who leads it")]
        self.push_screen(  # type: ignore[attr-defined]
            OkrForm(f"Add an objective to {self.quarter}", fields, save,
                    hint="Qualitative and inspiring; the numbers go in its key results."),
            self._okr_saved)

    def action_add_key_result(self) -> None:
        """Add a key result under the objective at the cursor."""
        from okrtui.tui.widgets.okr_forms import OkrForm

        row = self.dashboard.okrs.selected  # type: ignore[attr-defined]
        if row is None or self.refuse_closed(row.objective.quarter):  # type: ignore[attr-defined]
            return
        objective = row.objective

        def save(values: dict[str, str]) -> object:
            return self._save_key_result(objective, values)

        fields = [("statement", "Key result", "", "e.g. Reduce churn from 4% to 2.5%"),
                  ("metric", "Metric", "", "an existing metric's name"),
                  ("baseline", "Baseline", "", "blank: the metric's latest value"),
                  ("target", "Target", "", "the value to reach"),
                  ("due", "Due", "", f"blank: {Quarter.parse(objective.quarter).end}"),
                  ("owner", "Owner", objective.owner, "who moves it"),
                  ("guardrails", "Guardrails", "", "metrics it must not break, comma-separated")]
        self.push_screen(  # type: ignore[attr-defined]
            OkrForm(f"Add a key result to: {objective.title}", fields, save), self._okr_saved)

    def action_edit_okr(self) -> None:
        """Edit the objective or key result under the cursor in the OKR pane."""
        from okrtui.core.format import number_text
        from okrtui.tui.widgets.okr_forms import OkrForm

        row = self.dashboard.okrs.selected  # type: ignore[attr-defined]
        if row is None or self.refuse_closed(row.objective.quarter):  # type: ignore[attr-defined]
            return
        if row.view is None:
            objective = self.repo.okrs.get_objective(row.objective.id)

            def save_objective(values: dict[str, str]) -> Any:
                edited = type(objective).model_validate({**objective.model_dump(), **values})
                return self.repo.okrs.update_objective(edited)

            fields = [("title", "Objective", objective.title, "what you want to change"),
                      ("why", "Why", objective.why.replace("\n", " "), "why it matters now"),
                      ("owner", "Owner", objective.owner, "who leads it")]
            self.push_screen(OkrForm(f"Edit objective {objective.id}", fields,  # type: ignore[attr-defined]
                                     save_objective), self._okr_saved)
            return
        kr = self.repo.okrs.get_key_result(row.view.key_result.id or 0)
        objective = self.repo.okrs.get_objective(kr.objective_id)
        guards = ", ".join(self.repo.get_metric_by_id(m).name
                           for m in self.repo.okrs.guardrail_ids(kr.id or 0))
        fields = [("statement", "Key result", kr.statement, "the outcome"),
                  ("metric", "Metric", self.repo.get_metric_by_id(kr.metric_id).name, ""),
                  ("baseline", "Baseline", number_text(kr.baseline), ""),
                  ("target", "Target", number_text(kr.target), ""),
                  ("due", "Due", kr.due.isoformat(), "YYYY-MM-DD"),
                  ("owner", "Owner", kr.owner, ""),
                  ("guardrails", "Guardrails", guards, "comma-separated metric names")]
        self.push_screen(  # type: ignore[attr-defined]
            OkrForm(f"Edit key result {kr.id}", fields,
                    lambda values: self._save_key_result(objective, values, kr)),
            self._okr_saved)

    def _save_key_result(self, objective: Any, values: dict[str, str],
                         existing: Any = None) -> Any:
        from okrtui.core.errors import InvalidInput, NotFound
        from okrtui.core.models import KeyResult
        from okrtui.core.parse import parse_date, parse_optional_number

        quarter = Quarter.parse(objective.quarter)
        try:
            metric = self.repo.get_metric(values["metric"]) if values["metric"].strip() else None
        except NotFound as error:
            raise InvalidInput(str(error), "metric") from None
        if metric is None:
            raise InvalidInput("which metric does it move?", "metric")
        target = parse_optional_number(values["target"], "target")
        if target is None:
            raise InvalidInput("a key result needs a target", "target")
        baseline = parse_optional_number(values["baseline"], "baseline")
        if baseline is None:
            latest = self.repo.current_points(metric.id or 0, min(self.today, quarter.end),
                                              limit=1)
            if not latest:
                raise InvalidInput(f"{metric.name} has no reading yet: type a baseline",
                                   "baseline")
            baseline = latest[-1].value
        due = parse_date(values["due"], self.today, "due") if values["due"].strip() else quarter.end
        guardrails = []
        for name in (n.strip() for n in values["guardrails"].split(",") if n.strip()):
            try:
                guardrails.append(self.repo.get_metric(name))
            except NotFound as error:
                raise InvalidInput(str(error), "guardrails") from None
        fields = {"objective_id": objective.id, "metric_id": metric.id,
                  "statement": values["statement"], "baseline": baseline, "target": target,
                  "start": quarter.start, "due": due, "owner": values["owner"]}
        if existing is not None:
            edited = KeyResult.model_validate({**existing.model_dump(), **fields,
                                               "start": existing.start})
            return self.repo.okrs.update_key_result(edited, guardrails)
        return self.repo.okrs.add_key_result(KeyResult.model_validate(fields), guardrails)

    def _okr_saved(self, saved: Any) -> None:
        if saved is None:
            return
        keep = saved.id if hasattr(saved, "statement") else None
        self.refresh_okrs(keep_key_result=keep)  # type: ignore[attr-defined]
        self.refresh_kpis(keep=None, focus=False)  # type: ignore[attr-defined]
        self.dashboard.okrs.table.focus()  # type: ignore[attr-defined]
        kind = "key result" if hasattr(saved, "statement") else "objective"
        self.dashboard.say(f"Saved {kind} {saved.id}")  # type: ignore[attr-defined]
