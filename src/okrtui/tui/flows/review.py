"""The weekly review (W), keys only:

1. each KPI due this week: record a reading, or ctrl+n for "no change";
2. each key result not checked in this week: check in (ctrl+n: no change);
3. earlier reviews' next tests: done / not done / dropped, and what was learnt, beside
   what the KPI a test names has shown since it began;
4. the note (what changed / why it matters / what to test next) in the editor,
   to change freely; ctrl+s saves it to the journal.

Escape skips a step. A review of 8 KPIs and 6 key results with nothing to
change is W, 14 × ctrl+n and ctrl+s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, cast, get_args

from okrtui.core.errors import InvalidInput
from okrtui.core.kpi import STATUS_LABEL, KpiHealth, due_kpis
from okrtui.core.models import CheckIn, NextTest, Reading, TestStatus
from okrtui.core.next_test_target import read_target
from okrtui.core.okr import KeyResultView, due_key_results
from okrtui.core.periods import week_start
from okrtui.core.review_text import render_markdown
from okrtui.due_now import due_now, open_key_results
from okrtui.store.journal import REVIEW_DRAFT
from okrtui.store.review_data import weekly_note
from okrtui.store.test_verdicts import verdicts
from okrtui.tui.context import Context, Ui
from okrtui.tui.flows.base import Flow
from okrtui.tui.flows.check_in import mine_today, save_check_in, saved_words
from okrtui.tui.screens.entry_editor import EntryEditor
from okrtui.tui.views import DashboardViews
from okrtui.tui.widgets.check_in_dialog import CheckInDialog, CheckInEntry
from okrtui.tui.widgets.next_test_dialog import NextTestDialog
from okrtui.tui.widgets.reading_dialog import ReadingDialog

SKIP = "esc skips"


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


class ReviewFlow(Flow):
    """Walks one review at a time, a dialog per step."""

    def __init__(self, ctx: Context, ui: Ui, views: DashboardViews) -> None:
        super().__init__(ctx, ui, views)
        self.run: ReviewRun | None = None

    def show_due(self) -> None:
        """What the account at the keyboard owes this week's review (`okrtui due`)."""
        from okrtui.tui.screens.due import DueScreen

        ctx = self._ctx
        week, _, items = due_now(ctx.repo, ctx.today, ctx.week_first)
        self._ui.push(DueScreen(ctx.repo.user, week.isoformat(), items))

    def start(self) -> None:
        """Walk this week's review, then write its note."""
        ctx = self._ctx
        week = week_start(ctx.today, ctx.week_first)
        delivered = ctx.repo.sources.delivered_since(week)
        steps: list[tuple[str, Any]] = [
            ("kpi", h) for h in due_kpis(ctx.repo.kpi_overview(ctx.today), week, delivered)]
        views = open_key_results(ctx.repo, str(ctx.this_quarter), ctx.today)
        steps += [("kr", v) for v in due_key_results(views, week)]
        steps += [("test", t) for t in ctx.repo.journal.tests_to_review(week)]
        steps.append(("note", None))
        self.run = ReviewRun(week, steps)
        self._step()

    def _next(self, result: Any) -> None:
        run = self.run
        if run is None:
            return
        kind = run.steps[run.index][0]
        if result is not None and kind in run.done:
            run.done[kind] += 1
        run.index += 1
        self._step()

    def _step(self) -> None:
        run = self.run
        assert run is not None
        kind, item = run.steps[run.index]
        title = f"Weekly review · {run.week}"
        if kind == "kpi":
            self._kpi(item, f"{title} · KPI {run.position('kpi')}")
        elif kind == "kr":
            self._key_result(item, f"{title} · KR {run.position('kr')}")
        elif kind == "test":
            self._test(item, f"{title} · next test {run.position('test')}", run.week)
        else:
            self._note(run)

    def _kpi(self, health: KpiHealth, title: str) -> None:
        ctx, metric = self._ctx, health.metric
        chart = ctx.repo.signals.chart(metric.id or 0, ctx.today)
        context = f"{STATUS_LABEL[health.status]} · {chart.summary()}"

        def save(value: float, at: date, note: str) -> Reading:
            return ctx.repo.record_reading(metric, at, value, today=ctx.today, note=note,
                                           source="tui")

        self._ui.push(ReadingDialog(metric, health.latest.value if health.latest else None,
                                    ctx.today, save, title=title, context=context,
                                    cancel_words=SKIP), self._next)

    def _key_result(self, view: KeyResultView, title: str) -> None:
        ctx, kr = self._ctx, view.key_result

        def save(entry: CheckInEntry) -> CheckIn:
            check = save_check_in(ctx, view, entry)
            self._ui.say(saved_words(ctx, view, check, entry))
            return check

        self._ui.push(CheckInDialog(view, ctx.today, save, title=f"{title}: KR{kr.id}",
                                    cancel_words=SKIP, mine_today=mine_today(ctx, view)),
                      self._next)

    def _test(self, test: NextTest, title: str, week: date) -> None:
        repo = self._ctx.repo
        ids = {m.name: m.id for m in repo.list_metrics()}
        named = next((n for n, i in ids.items() if i == test.metric_id), None)
        now = f"{named} {test.direction}" if named and test.direction else ""

        def save(status: str, learnt: str, target_words: str) -> NextTest:
            if status not in get_args(TestStatus):
                raise InvalidInput(f"{status!r} is not done, not done or dropped", "status")
            target = read_target(target_words, ids)
            return repo.journal.resolve_test(
                test.id or 0, cast(TestStatus, status), learnt, week,
                None if target_words.strip() == now else
                (ids[target.metric], target.direction) if target else (None, ""))

        judged = verdicts(repo, [test], self._ctx.today).get(test.id or 0)
        self._ui.push(NextTestDialog(test, title, save, judged.words if judged else "", now),
                      self._next)

    def _note(self, run: ReviewRun) -> None:
        ctx, journal, week = self._ctx, self._ctx.repo.journal, run.week
        body = render_markdown(weekly_note(ctx.repo, ctx.today, week, ctx.week_first))
        notice = (f"{run.done['kpi']} reading(s), {run.done['kr']} check-in(s) and "
                  f"{run.done['test']} next test(s) recorded. Change the note freely; "
                  "ctrl+s saves it to the journal.")
        draft = journal.draft(REVIEW_DRAFT)
        if draft is not None and draft.week == week:
            body = draft.body
            notice = (f"Your draft of this review from {draft.saved_at:%Y-%m-%d %H:%M} UTC "
                      "is back (ctrl+d discards it and starts from the data).")

        def keep(kind: str, links: str, text: str) -> None:
            journal.save_draft(REVIEW_DRAFT, "review", text, links, week)

        def save(kind: str, at_text: str, links: str, text: str) -> Any:
            return journal.save_review(text, week, ctx.today, journal.parse_links(links))

        self._ui.push(EntryEditor(f"Weekly review · {week} · the note", body=body,
                                  kind="review", at=min(ctx.today, week + timedelta(days=6)),
                                  links="", save=save, keep_draft=keep,
                                  drop_draft=lambda: journal.drop_draft(REVIEW_DRAFT),
                                  fixed_kind=True, notice=notice,
                                  from_draft=draft is not None and draft.week == week,
                                  keep_unchanged=True), self._done)

    def _done(self, saved: Any) -> None:
        run, self.run = self.run, None
        self._views.refresh_kpis(keep=None, focus=False)
        self._views.refresh_okrs()
        if saved is None:
            self._views.refresh_journal()
            self._ui.say("Review closed; its note is kept as a draft (W goes back)")
            return
        self._views.refresh_journal(keep=saved.id)
        tests = len(self._ctx.repo.journal.tests_of(run.week)) if run else 0
        self._ui.say(f"Review of {saved.week} saved: {tests} next test(s)")
