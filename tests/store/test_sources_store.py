"""The store's sources and pulls: one source per KPI, failures kept, a person's reading
never superseded by a pull, a backfill that fills only empty days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from okrtui.core.errors import AlreadyExists, NotFound
from okrtui.core.models import Metric, Point
from okrtui.core.sources import Fetched, Source, SourceSpec, sign
from okrtui.store.repository import Repository

KEY = b"k" * 32
DAY = date(2026, 11, 23)


def add_source(repo: Repository, name: str = "Signups") -> Source:
    metric = repo.add_metric(Metric(name=name))
    spec = SourceSpec(kind="command", command="echo 5")
    return repo.sources.add(metric, spec, None, account="maria", uid=1000,
                            signature=sign(spec, metric.id or 0, 1000, KEY))


def test_a_source_is_stored_whole_and_read_back(repo: Repository) -> None:
    source = add_source(repo)
    assert repo.sources.listing() == [source]
    assert source.metric == "Signups" and source.spec.command == "echo 5"
    assert source.interval("monthly") == "monthly" and source.interval("weekly") == "weekly"


def test_one_source_per_kpi(repo: Repository) -> None:
    source = add_source(repo)
    metric = repo.get_metric_by_id(source.metric_id)
    with pytest.raises(AlreadyExists, match="already has a source"):
        repo.sources.add(metric, source.spec, None, account="li", uid=1001, signature="x")
    assert len(repo.sources.listing()) == 1


def test_a_value_becomes_a_reading_marked_as_pulled(repo: Repository) -> None:
    source = add_source(repo)
    pull, written, kept = repo.sources.record_value(source, DAY, Fetched(value=42.0))
    reading = repo.readings.history(source.metric_id)[0]
    assert (written, kept, reading.value, reading.source, reading.at) == (1, "", 42.0, "pull", DAY)
    assert pull.ok and pull.reading_id == reading.id


def test_a_second_pull_of_the_same_value_writes_nothing(repo: Repository) -> None:
    source = add_source(repo)
    repo.sources.record_value(source, DAY, Fetched(value=42.0))
    _, written, _ = repo.sources.record_value(source, DAY, Fetched(value=42.0))
    assert written == 0 and len(repo.readings.history(source.metric_id)) == 1


def test_a_person_s_reading_of_the_day_is_kept_and_the_pull_says_so(repo: Repository) -> None:
    source = add_source(repo)
    metric = repo.get_metric_by_id(source.metric_id)
    repo.record_reading(metric, DAY, 40.0, today=DAY)
    pull, written, kept = repo.sources.record_value(source, DAY, Fetched(value=42.0))
    assert written == 0
    assert kept == f"kept tester's reading 40 of {DAY}; the source gave 42"
    assert pull.ok and pull.reason == kept
    assert repo.readings.latest_value(source.metric_id, DAY) == 40.0


def test_a_history_records_its_newest_point_unless_asked_to_backfill(repo: Repository) -> None:
    source = add_source(repo)
    metric = repo.get_metric_by_id(source.metric_id)
    repo.record_reading(metric, DAY - timedelta(days=14), 7.0, today=DAY)
    history = tuple(Point(at=DAY - timedelta(days=7 * i), value=float(i)) for i in range(4))
    _, written, _ = repo.sources.record_value(source, DAY, Fetched(history=history))
    assert written == 1
    _, written, _ = repo.sources.record_value(source, DAY, Fetched(history=history),
                                              backfill=True)
    assert written == 2  # the two empty weeks; the typed one stays 7
    points = {p.at: p.value for p in repo.readings.current_points(source.metric_id)}
    assert points == {DAY: 0.0, DAY - timedelta(days=7): 1.0, DAY - timedelta(days=14): 7.0,
                      DAY - timedelta(days=21): 3.0}
    _, again, _ = repo.sources.record_value(source, DAY, Fetched(history=history), backfill=True)
    assert again == 0  # a backfill fills once


def test_failures_are_kept_and_make_a_failing_run(repo: Repository) -> None:
    source = add_source(repo)
    other = add_source(repo, "Churn")
    repo.sources.record_value(source, DAY - timedelta(days=3), Fetched(value=1.0))
    repo.sources.record_failure(source, DAY - timedelta(days=2), "HTTP 500")
    repo.sources.record_failure(source, DAY, "HTTP 503")
    repo.sources.record_value(other, DAY, Fetched(value=1.0))
    failing = repo.sources.failing()
    assert list(failing) == [source.metric_id]
    first, latest = failing[source.metric_id]
    assert (first.day, latest.reason) == (DAY - timedelta(days=2), "HTTP 503")
    assert repo.readings.latest_value(source.metric_id, DAY) == 1.0  # a failure is no value
    assert repo.sources.last_ok_days() == {source.id: DAY - timedelta(days=3), other.id: DAY}
    repo.sources.record_value(source, DAY, Fetched(value=2.0))
    assert repo.sources.failing() == {}


def test_removing_a_source_keeps_its_readings(repo: Repository) -> None:
    source = add_source(repo)
    repo.sources.record_value(source, DAY, Fetched(value=42.0))
    metric = repo.get_metric_by_id(source.metric_id)
    assert repo.sources.remove(metric) == 1
    assert repo.sources.listing() == []
    assert repo.readings.latest_value(source.metric_id, DAY) == 42.0
    with pytest.raises(NotFound, match="has no source"):
        repo.sources.remove(metric)


def test_a_definition_edited_into_nonsense_is_listed_and_refused_not_run(
        repo: Repository) -> None:
    from okrtui.core.sources import refusal

    source = add_source(repo)
    repo.db.execute("UPDATE source SET spec = '{\"kind\": \"rm -rf\"'")
    (read,) = repo.sources.listing()
    assert read.spec.describe() == "command: (a definition okrtui cannot read)"
    assert "seal" in refusal(read, 1000, KEY)
    assert read.id == source.id
