"""The weekly review (W), keys only (mixed into `OkrApp`):

1. each KPI due this week: record a reading, or ctrl+n for "no change";
2. each key result not checked in this week: check in (ctrl+n: no change);
3. earlier reviews' next tests: done / not done / dropped, and what was learnt;
4. the note (what changed / why it matters / what to test next) in the editor,
   to change freely; ctrl+s saves it to the journal.

Escape skips a step. A review of 8 KPIs and 6 key results with nothing to
change is W, 14 × ctrl+n and ctrl+s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from okrtui.core.kpi import KpiHealth
from okrtui.core.periods import Quarter, week_start
from okrtui.store.journal import REVIEW_DRAFT

if TYPE_CHECKING:
    from okrtui.store.repository import Repository

MONTHLY_DUE_DAYS = 28


@dataclass
class ReviewRun:
    """Where a review is: its steps, the one showing, and what was done."""

    week: date
    steps: list[tuple[str, Any]]
    index: int = 0
    done: dict[str, int] = field(default_factory=lambda: {"kpi": 0, "kr": 0, "test": 0})

    def position(self, kind: str) -> str:
        """`2 of 8` among the steps of this kind."""
        same = [i for i, (k, _) in enumerate(self.steps) if k == kind]
        return f"{same.index(self.index) + 1} of {len(same)}"


def kpi_due(health: KpiHealth, week: date) -> bool:
    """No reading yet this week (weekly KPIs) or in the last four weeks (monthly)."""
    if health.latest is None:
        return True
    if health.metric.cadence == "monthly":
        return health.latest.at < week + timedelta(days=6) - timedelta(days=MONTHLY_DUE_DAYS)
    return health.latest.at < week


class ReviewFlow:
    """Needs `repo`, `today`, `dashboard` and the other mixins from the App."""

    repo: Repository
    today: date
    review: ReviewRun | None = None

    def action_weekly_review(self) -> None:
        """Walk this week's review, then write its note."""
        from okrtui.store.okr_repository import quarter_views

        week = week_start(self.today)
        steps: list[tuple[str, Any]] = []
        for health in self.repo.kpi_overview(self.today):
            if health.key_result_id is None and health.metric.watched and kpi_due(health, week):
                steps.append(("kpi", health))
        quarter = str(Quarter.of(self.today))
        if not self.repo.closing.is_closed(quarter):
            for _, views in quarter_views(self.repo, quarter, self.today):
                steps += [("kr", v) for v in views
                          if not any(c.at >= week for c in v.check_ins)]
        steps += [("test", t) for t in self.repo.journal.tests_to_review(week)]
        steps.append(("note", None))
        self.review = ReviewRun(week, steps)
        self._review_step()

    def _review_next(self, result: Any) -> None:
        run = self.review
        if run is None:
            return
        kind = run.steps[run.index][0]
        if result is not None and kind in run.done:
            run.done[kind] += 1
        run.index += 1
        self._review_step()

    def _review_step(self) -> None:
        run = self.review
        assert run is not None
        kind, item = run.steps[run.index]
        title = f"Weekly review · {run.week}"
        skip = "esc skips"
        if kind == "kpi":
            self._review_kpi(item, f"{title} · KPI {run.position('kpi')}", skip)
        elif kind == "kr":
            self._review_key_result(item, f"{title} · KR {run.position('kr')}", skip)
        elif kind == "test":
            self._review_test(item, f"{title} · next test {run.position('test')}")
        else:
            self._review_note(run)

    def _review_kpi(self, health: KpiHealth, title: str, skip: str) -> None:
        from okrtui.core.kpi import STATUS_LABEL
        from okrtui.tui.widgets.reading_dialog import ReadingDialog

        metric = health.metric
        chart = self.repo.signals.chart(metric.id or 0, self.today)
        context = f"{STATUS_LABEL[health.status]} · {chart.summary()}"

        def save(value: float, at: date, note: str) -> Any:
            return self.repo.record_reading(metric, at, value, today=self.today, note=note,
                                            source="tui")

        self.push_screen(  # type: ignore[attr-defined]
            ReadingDialog(metric, health.latest.value if health.latest else None, self.today,
                          save, title=title, context=context, cancel_words=skip),
            self._review_next)

    def _review_key_result(self, view: Any, title: str, skip: str) -> None:
        from okrtui.tui.widgets.check_in_dialog import CheckInDialog

        kr = view.key_result

        def save(value: float, confidence: int | None, comment: str) -> Any:
            return self.repo.okrs.check_in(kr, value, today=self.today, confidence=confidence,
                                           comment=comment, source="tui")

        self.push_screen(  # type: ignore[attr-defined]
            CheckInDialog(view, self.today, save, title=f"{title}: KR{kr.id}",
                          cancel_words=skip), self._review_next)

    def _review_test(self, test: Any, title: str) -> None:
        from okrtui.tui.widgets.next_test_dialog import NextTestDialog

        week = self.review.week if self.review else week_start(self.today)

        def save(status: str, learnt: str) -> Any:
            return self.repo.journal.resolve_test(test.id or 0, status, learnt, week)  # type: ignore[arg-type]

        self.push_screen(NextTestDialog(test, title, save), self._review_next)  # type: ignore[attr-defined]

    def _review_note(self, run: ReviewRun) -> None:
        from okrtui.core.review import render_markdown
        from okrtui.store.review_data import weekly_note
        from okrtui.tui.screens.entry_editor import EntryEditor

        body = render_markdown(weekly_note(self.repo, self.today, run.week))
        notice = (f"{run.done['kpi']} reading(s), {run.done['kr']} check-in(s) and "
                  f"{run.done['test']} next test(s) recorded. Change the note freely; "
                  "ctrl+s saves it to the journal.")
        draft = self.repo.journal.draft(REVIEW_DRAFT)
        if draft is not None and draft.week == run.week:
            body = draft.body
            notice = (f"Your draft of this review from {draft.saved_at:%Y-%m-%d %H:%M} UTC "
                      "is back (ctrl+d discards it and starts from the data).")
        week = run.week

        def keep(kind: str, links: str, text: str) -> None:
            self.repo.journal.save_draft(REVIEW_DRAFT, "review", text, links, week)

        def save(kind: str, at_text: str, links: str, text: str) -> Any:
            return self.repo.journal.save_review(text, week, self.today,
                                                 self.repo.journal.parse_links(links))

        self.push_screen(  # type: ignore[attr-defined]
            EntryEditor(f"Weekly review · {week} · the note", body=body, kind="review",
                        at=min(self.today, week + timedelta(days=6)), links="", save=save,
                        keep_draft=keep,
                        drop_draft=lambda: self.repo.journal.drop_draft(REVIEW_DRAFT),
                        fixed_kind=True, notice=notice),
            self._review_done)

    def _review_done(self, saved: Any) -> None:
        run, self.review = self.review, None
        self.refresh_kpis(keep=None, focus=False)  # type: ignore[attr-defined]
        self.refresh_okrs()  # type: ignore[attr-defined]
        if saved is None:
            self.refresh_journal()  # type: ignore[attr-defined]
            self.dashboard.say("Review closed; its note is kept as a draft (W goes back)")  # type: ignore[attr-defined]
            return
        self.refresh_journal(keep=saved.id)  # type: ignore[attr-defined]
        tests = len(self.repo.journal.tests_of(run.week)) if run else 0
        self.dashboard.say(f"Review of {saved.week} saved: {tests} next test(s)")  # type: ignore[attr-defined]
