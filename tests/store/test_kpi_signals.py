"""Charts from stored readings, baselines as a history, companions both ways, plan checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from okrtui.core.errors import InvalidInput
from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.signals import Verdict
from okrtui.store.plan_check import plan_issues
from okrtui.store.repository import Repository
from tests.export_schema import validated_export

START = date(2026, 1, 5)


def record_series(repo: Repository, metric: Metric, values: list[float], today: date) -> None:
    for i, value in enumerate(values):
        repo.record_reading(metric, START + timedelta(weeks=i), value, today=today)


def test_a_chart_uses_current_readings_only(repo: Repository, today: date) -> None:
    m = repo.add_metric(Metric(name="Signups"))
    record_series(repo, m, [10, 11] * 8, today)
    assert repo.signals.chart(m.id or 0, today).verdict is Verdict.NOISE
    # A typo far outside the limits is a signal; its correction is not.
    repo.record_reading(m, START + timedelta(weeks=15), 500, today=today)
    assert repo.signals.chart(m.id or 0, today).verdict is Verdict.SIGNAL
    repo.record_reading(m, START + timedelta(weeks=15), 11, today=today)
    assert repo.signals.chart(m.id or 0, today).verdict is Verdict.NOISE


def test_a_baseline_after_a_shift_recomputes_the_limits(repo: Repository, today: date) -> None:
    m = repo.add_metric(Metric(name="Activation"))
    record_series(repo, m, [10, 11] * 6 + [20, 21] * 6, today)
    before = repo.signals.chart(m.id or 0, today)
    assert before.verdict is Verdict.SIGNAL
    shift = before.latest_finding.since  # type: ignore[union-attr]
    assert shift == START + timedelta(weeks=12)
    repo.signals.set_baseline(m.id or 0, shift, None, today=today, note="new onboarding")
    after = repo.signals.chart(m.id or 0, today)
    assert after.verdict is Verdict.NOISE and after.baseline_from == shift
    repo.signals.set_baseline(m.id or 0, None, None, today=today)  # back to the default
    assert repo.signals.chart(m.id or 0, today).verdict is Verdict.SIGNAL
    history = repo.signals.baseline_history(m.id or 0)
    assert [h.describe() for h in history] == [
        "limits from the first 20 readings (the default)",
        f"limits from {shift} on (its first 20 readings)"]
    assert history[1].note == "new onboarding" and history[1].set_by == "tester"


def test_a_bad_baseline_changes_nothing(repo: Repository, today: date) -> None:
    m = repo.add_metric(Metric(name="Activation"))
    for start, end in ((date(2026, 5, 1), date(2026, 4, 1)), (today + timedelta(days=1), None),
                       (None, date(2026, 4, 1))):
        with pytest.raises(InvalidInput):
            repo.signals.set_baseline(m.id or 0, start, end, today=today)
    assert repo.signals.baseline_history(m.id or 0) == []


def test_companions_go_both_ways_and_include_past_guardrails(
        repo: Repository, today: date) -> None:
    closed = repo.add_metric(Metric(name="Tickets closed"))
    repeat = repo.add_metric(Metric(name="Repeat contacts"))
    uptime = repo.add_metric(Metric(name="Uptime"))
    repo.signals.set_companions(closed.id or 0, [repeat.id or 0])
    assert repo.signals.companion_ids(repeat.id or 0) == [closed.id]
    with pytest.raises(InvalidInput):
        repo.signals.set_companions(closed.id or 0, [closed.id or 0])
    companions = repo.signals.companion_map()
    assert companions[closed.id or 0] == {repeat.id} and companions[repeat.id or 0] == {closed.id}
    repo.set_archived("Repeat contacts", True)
    assert closed.id not in repo.signals.companion_map()
    repo.record_reading(uptime, date(2026, 7, 6), 99.9, today=today)
    repo.record_reading(closed, date(2026, 7, 6), 40, today=today)
    o = repo.okrs.add_objective(Objective(quarter="2026-Q3", title="Support scales"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=o.id or 0, metric_id=closed.id or 0, statement="Close 60 tickets a day",
        baseline=40, target=60, start=date(2026, 7, 1), due=date(2026, 9, 30)), [uptime])
    assert repo.signals.companion_map()[closed.id or 0] == {uptime.id}


def test_plan_issues_read_a_real_plan(repo: Repository, today: date) -> None:
    deploys = repo.add_metric(Metric(name="Deploys", range_min=1))
    defects = repo.add_metric(Metric(name="Defect rate"))  # no range: rule 4
    repo.signals.set_companions(deploys.id or 0, [defects.id or 0])
    repo.record_reading(deploys, date(2026, 1, 5), 2, today=today)
    for quarter in ("2026-Q2", "2026-Q3", "2026-Q4"):
        start, due = {"2026-Q2": (date(2026, 4, 1), date(2026, 6, 30)),
                      "2026-Q3": (date(2026, 7, 1), date(2026, 9, 30)),
                      "2026-Q4": (date(2026, 10, 1), date(2026, 12, 31))}[quarter]
        o = repo.okrs.add_objective(Objective(quarter=quarter, title="Maintain velocity"))
        repo.okrs.add_key_result(KeyResult(
            objective_id=o.id or 0, metric_id=deploys.id or 0, statement="Ship faster",
            baseline=2, target=5, start=start, due=due))
    repo.okrs.add_objective(Objective(quarter="2026-Q4", title="A slogan"))
    found = {(i.check, i.kind) for i in plan_issues(repo, "2026-Q4")}
    assert found == {
        ("maintain-objective", "objective"), ("objective-without-key-results", "objective"),
        ("key-result-without-owner", "key-result"), ("task-like-key-result", "key-result"),
        ("carried-over", "key-result"), ("missing-guardrail", "key-result"),
        ("kpi-without-range", "kpi")}
    q2 = {i.check for i in plan_issues(repo, "2026-Q2")}
    assert "carried-over" not in q2


def test_companions_and_baselines_survive_an_export_and_import(
        repo: Repository, today: date, tmp_path) -> None:
    from okrtui.store.database import open_database
    from okrtui.store.exchange_json import import_json

    closed = repo.add_metric(Metric(name="Tickets closed"))
    repeat = repo.add_metric(Metric(name="Repeat contacts"))
    repo.signals.set_companions(closed.id or 0, [repeat.id or 0])
    record_series(repo, closed, [10, 11] * 6 + [20, 21] * 6, today)
    shift = START + timedelta(weeks=12)
    repo.signals.set_baseline(closed.id or 0, shift, None, today=today, note="new team")
    repo.signals.set_baseline(closed.id or 0, shift, shift + timedelta(weeks=8), today=today)
    text = validated_export(repo)

    other = Repository(open_database(tmp_path / "other.db"), "someone")
    import_json(other, text, today)
    import_json(other, text, today)  # twice changes nothing
    closed2 = other.get_metric("Tickets closed")
    assert [other.get_metric_by_id(c).name for c in other.signals.companion_ids(
        closed2.id or 0)] == ["Repeat contacts"]
    mine = repo.signals.baseline_history(closed.id or 0)
    theirs = other.signals.baseline_history(closed2.id or 0)
    assert [(b.baseline, b.note, b.set_by, b.set_at) for b in theirs] == [
        (b.baseline, b.note, b.set_by, b.set_at) for b in mine]
    assert other.signals.chart(closed2.id or 0, today) == repo.signals.chart(
        closed.id or 0, today)


def test_an_import_with_a_bad_baseline_or_companion_writes_nothing(
        repo: Repository, today: date) -> None:
    import json

    from okrtui.store.exchange_common import ImportErrors
    from okrtui.store.exchange_json import import_json

    document = {"format": "okrtui", "version": 3, "metrics": [
        {"name": "A", "companions": ["Nope"], "baselines": [
            {"start": "2026-05-01", "end": "2026-04-01", "set_at": "2026-05-02T00:00:00"},
            {"start": "2099-01-01", "set_at": "2026-05-02T00:00:00"}]}]}
    with pytest.raises(ImportErrors) as caught:
        import_json(repo, json.dumps(document), today)
    message = str(caught.value)
    assert "'Nope' is not a metric" in message and "before its start" in message
    assert "in the future" in message
    assert repo.list_metrics() == []
