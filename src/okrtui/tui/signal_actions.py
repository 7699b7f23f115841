"""Noise or signal and the plan check in the TUI (mixed into `OkrApp`).

The plan check runs whenever the plan or the KPIs are read again; its
findings become markers (⚑) in both panes, a line under them for the row at
the cursor, and the list behind `L`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from okrtui.core.hygiene import Issue
from okrtui.core.periods import Quarter
from okrtui.core.signals import Verdict

if TYPE_CHECKING:
    from okrtui.core.models import Metric
    from okrtui.store.repository import Repository


class SignalActions:
    """Needs `repo`, `today`, `quarter`, `dashboard` and `current_metric` from the App."""

    repo: Repository
    today: date
    quarter: Quarter
    plan_issues: list[Issue] = []  # noqa: RUF012 - replaced, never mutated
    plan_check_ready = False  # the first check runs just after the first paint
    _plan_checked: tuple[str, int, int] | None = None  # what the findings were made from

    # -- the plan check ------------------------------------------------------

    def refresh_plan_check(self) -> None:
        """Check the shown quarter's plan and hand the findings to the panes."""
        from okrtui.store.plan_check import plan_issues

        if not self.plan_check_ready:
            return  # start-up: the panes first, then the markers (`first_plan_check`)
        # The quarter, others' commits and ours: when none changed (refreshing both
        # panes after one save), the findings still hold.
        source = (str(self.quarter), *self.repo.change_token())
        if source == self._plan_checked:
            return
        self._plan_checked = source
        self.plan_issues = plan_issues(self.repo, str(self.quarter))
        dashboard = self.dashboard  # type: ignore[attr-defined]
        dashboard.okrs.set_flagged({(i.kind, i.item_id) for i in self.plan_issues
                                    if i.kind in ("objective", "key-result")})
        dashboard.kpis.set_flagged({i.item_id for i in self.plan_issues if i.kind == "kpi"},
                                   any(i.check == "too-many-kpis" for i in self.plan_issues))

    def first_plan_check(self) -> None:
        """Run once the dashboard is on screen: its markers arrive a moment later."""
        self.plan_check_ready = True
        self.refresh_plan_check()
        self.dashboard.update_note()  # type: ignore[attr-defined]

    def issues_about(self, kind: str, item_id: int | None) -> list[Issue]:
        """The findings about one KPI, objective or key result."""
        return [i for i in self.plan_issues if i.kind == kind and i.item_id == item_id]

    def action_plan_check(self) -> None:
        """List every finding of the plan check for the quarter shown."""
        from okrtui.tui.screens.plan_check import PlanCheckScreen

        self.refresh_plan_check()
        self.push_screen(PlanCheckScreen(str(self.quarter), self.plan_issues))  # type: ignore[attr-defined]

    def focus_note(self) -> str:
        """What to say about the row at the cursor: its findings, a KPI's signal."""
        from okrtui.tui.screens.dashboard import in_journal_list, in_okr_list

        dashboard = self.dashboard  # type: ignore[attr-defined]
        if in_journal_list(dashboard):
            entry = dashboard.journal.selected
            return "" if entry is None else self.entry_note(entry)  # type: ignore[attr-defined]
        if in_okr_list(dashboard):
            row = dashboard.okrs.selected
            if row is None:
                return ""
            issues = (self.issues_about("objective", row.objective.id) if row.view is None
                      else self.issues_about("key-result", row.view.key_result.id))
            return _issue_text(issues)
        metric = dashboard.kpis.selected
        if metric is None:
            return ""
        issues = self.issues_about("kpi", metric.id)
        chart = dashboard.kpis.chart(metric.id or 0)
        if chart is None:
            return ""
        if chart.verdict is Verdict.SIGNAL:
            text = f"{metric.name}: {chart.summary()} · n: a key result from it"
        elif chart.verdict is Verdict.NOISE:
            text = f"{metric.name}: noise, within normal variation: no action"
        else:
            text = f"{metric.name}: too few readings to tell noise from a signal"
        if issues:
            more = f" (+{len(issues) - 1} more)" if len(issues) > 1 else ""
            text = f"⚑ {issues[0].message}{more} · L: fix · {text}"
        return text

    # -- baselines -----------------------------------------------------------

    def action_set_baseline(self) -> None:
        """Recompute the current KPI's limits from a date (after a confirmed shift)."""
        from okrtui.core.parse import parse_date
        from okrtui.tui.widgets.okr_forms import OkrForm

        metric: Metric | None = self.current_metric()  # type: ignore[attr-defined]
        if metric is None:
            return
        chart = self.repo.signals.chart(metric.id or 0, self.today)
        finding = chart.latest_finding
        start = finding.since.isoformat() if finding else ""

        def save(values: dict[str, str]) -> Any:
            text_from, text_to = values["start"].strip(), values["end"].strip()
            begin = parse_date(text_from, self.today, "start") if text_from else None
            end = parse_date(text_to, self.today, "end") if text_to else None
            return self.repo.signals.set_baseline(metric.id or 0, begin, end, today=self.today,
                                                  note=values["note"])

        fields = [("start", "From", start, "YYYY-MM-DD; blank: back to the first 20 readings"),
                  ("end", "To", "", "blank: the first 20 readings from that date"),
                  ("note", "Why", "", "what changed in the process")]
        custom = self.repo.signals.baseline(metric.id or 0)
        now = "the first 20 readings" if custom is None else (
            f"{chart.baseline} reading(s) from {custom.start}")
        hint = (f"Now: limits from {now}. After a confirmed shift, start a new baseline at "
                "the shift; the old one stays in the history.")
        self.push_screen(  # type: ignore[attr-defined]
            OkrForm(f"New baseline for {metric.name}", fields, save, hint=hint),
            lambda change: self._baseline_saved(metric, change))

    def _baseline_saved(self, metric: Metric, change: Any) -> None:
        from okrtui.tui.screens.metric_detail import MetricScreen

        if change is None:
            return
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if isinstance(screen, MetricScreen) and screen.metric.id == metric.id:
                screen.reload()
        self.refresh_kpis(keep=metric.id, focus=False)  # type: ignore[attr-defined]
        chart = self.repo.signals.chart(metric.id or 0, self.today)
        few = (f" ({chart.baseline} reading(s) so far: limits from 6)"
               if chart.verdict is Verdict.TOO_FEW else "")
        self.dashboard.say(f"{metric.name}: {change.describe()}; now {chart.summary()}{few}")  # type: ignore[attr-defined]

    # -- from a signal to a key result (DOMAIN rules 7 and 13) -----------------

    def action_key_result_from_signal(self) -> None:
        """Offer a key result for next quarter when the KPI shows a signal."""
        from okrtui.core.format import format_value, number_text
        from okrtui.core.parse import parse_optional_number
        from okrtui.tui.widgets.okr_forms import OkrForm

        metric: Metric | None = self.current_metric()  # type: ignore[attr-defined]
        if metric is None:
            return
        chart = self.repo.signals.chart(metric.id or 0, self.today)
        say = self.dashboard.say  # type: ignore[attr-defined]
        if chart.verdict is not Verdict.SIGNAL:
            from okrtui.core.kpi import Status, range_status

            latest = self.repo.current_points(metric.id or 0, self.today, limit=1)
            outside = bool(latest) and range_status(metric, latest[-1].value) in (
                Status.BELOW, Status.ABOVE)
            say(f"{metric.name}: " + (
                "too few readings to tell noise from a signal"
                if chart.verdict is Verdict.TOO_FEW else
                "within normal variation, yet outside its range: the process itself needs "
                "changing (a key result), not a reaction to one week" if outside else
                "within normal variation: no action"))
            return
        quarter = Quarter.of(self.today).next()
        if self.refuse_closed(str(quarter)):  # type: ignore[attr-defined]
            return
        finding = chart.latest_finding
        assert finding is not None and chart.centre is not None
        latest = self.repo.current_points(metric.id or 0, self.today, limit=1)[-1].value
        bad_way = (finding.direction > 0) == (metric.direction == "lower")
        statement, target = "", ""
        if bad_way:  # bring it back to where the process used to run
            statement = (f"Bring {metric.name} back from {format_value(latest, metric.unit)} "
                         f"to {format_value(round(chart.centre, 2), metric.unit)}")
            target = number_text(round(chart.centre, 2))
        companions = [self.repo.get_metric_by_id(c).name
                      for c in self.repo.signals.companion_ids(metric.id or 0)]
        existing = self.repo.okrs.objectives(str(quarter))
        fields = [
            ("objective", "Objective", existing[0].title if existing else "",
             f"an objective of {quarter}; a new title adds one"),
            ("statement", "Key result", statement, "the outcome, from what to what"),
            ("metric", "Metric", metric.name, ""),
            ("baseline", "Baseline", number_text(latest), ""),
            ("target", "Target", target, "the value to reach"),
            ("due", "Due", quarter.end.isoformat(), "YYYY-MM-DD"),
            ("owner", "Owner", metric.owner, "who moves it"),
            ("guardrails", "Guardrails", ", ".join(companions), "comma-separated metric names"),
        ]
        hint = (f"{metric.name}: {finding.summary()}. A real signal may justify a key result "
                f"for {quarter} (rule 7); the KPI keeps running beside it.")
        def save(values: dict[str, str]) -> Any:
            if bad_way and values["statement"] == statement and values["target"] != target:
                # The words were ours: keep them true to the target typed.
                new_target = parse_optional_number(values["target"], "target")
                if new_target is not None:
                    values = {**values, "statement": statement.rsplit(" to ", 1)[0] + " to "
                              + format_value(new_target, metric.unit)}
            return self._save_from_signal(quarter, values)

        self.push_screen(  # type: ignore[attr-defined]
            OkrForm(f"A key result for {quarter} from a signal", fields, save, hint=hint),
            lambda saved: self._saved_from_signal(quarter, saved))

    def _save_from_signal(self, quarter: Quarter, values: dict[str, str]) -> Any:
        from okrtui.core.errors import InvalidInput
        from okrtui.core.models import Objective
        from okrtui.core.parse import parse_optional_number
        from okrtui.core.text import name_key

        title = values["objective"].strip()
        if not title:
            raise InvalidInput("which objective does it serve? type a title", "objective")
        if not values["statement"].strip():
            raise InvalidInput("say the outcome, e.g. 'Bring latency back from 350 to 310 ms'",
                               "statement")
        if parse_optional_number(values["target"], "target") is None:
            raise InvalidInput("a key result needs a target", "target")
        metric = self.repo.get_metric(values["metric"]) if values["metric"].strip() else None
        if metric is not None and metric.id in self.repo.okrs.key_result_by_metric(str(quarter)):
            raise InvalidInput(f"{metric.name} already has a key result in {quarter}", "metric")
        found = [o for o in self.repo.okrs.objectives(str(quarter))
                 if name_key(o.title) == name_key(title)]
        objective = found[0] if found else self.repo.okrs.add_objective(
            Objective.model_validate({"quarter": str(quarter), "title": title,
                                      "owner": values["owner"]}))
        return self._save_key_result(objective, values)  # type: ignore[attr-defined]

    def _saved_from_signal(self, quarter: Quarter, saved: Any) -> None:
        if saved is None:
            return
        self.quarter = quarter
        self._okr_saved(saved)  # type: ignore[attr-defined]
        self.dashboard.say(f"Added KR{saved.id} to {quarter}")  # type: ignore[attr-defined]


def _issue_text(issues: list[Issue]) -> str:
    """The first finding and how many more, short enough for 80 columns; L has the fixes."""
    if not issues:
        return ""
    more = f" (+{len(issues) - 1} more)" if len(issues) > 1 else ""
    return f"⚑ {issues[0].message}{more} · L: the fix ({issues[0].rule_name})"
