"""Journal entries, links, search, drafts and next tests on a real file."""

from __future__ import annotations

from datetime import date

import pytest

from okrtui.core.errors import EditConflict, InvalidInput
from okrtui.core.models import JournalEntry, Link, Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.export_schema import validated_export

WEEK = date(2026, 11, 16)


def test_entries_are_newest_first_with_links_and_search(repo: Repository, today: date) -> None:
    churn = repo.add_metric(Metric(name="Churn"))
    links = repo.journal.parse_links("churn")
    repo.journal.add(JournalEntry(at=date(2026, 11, 2), body="# Price test\nraised 10%",
                                  kind="decision", links=links), today)
    repo.journal.add(JournalEntry(at=date(2026, 11, 20), body="100% of _us_ agree"), today)
    entries = repo.journal.entries()
    assert [e.title for e in entries] == ["100% of _us_ agree", "Price test"]
    assert entries[1].author == "tester" and entries[1].links == (
        Link(kind="metric", item_id=churn.id or 0),)
    assert [e.title for e in repo.journal.entries(text="PRICE raised")] == ["Price test"]
    assert [e.title for e in repo.journal.entries(text="100%")] == ["100% of _us_ agree"]
    assert repo.journal.entries(text="_x") == []  # LIKE wildcards are literal
    about = repo.journal.entries(link=Link(kind="metric", item_id=churn.id or 0))
    assert [e.title for e in about] == ["Price test"]
    assert [e.title for e in repo.journal.entries(since=date(2026, 11, 10))] == [
        "100% of _us_ agree"]
    assert repo.journal.link_text(entries[1].links) == "Churn"


def test_bad_entries_change_nothing(repo: Repository, today: date) -> None:
    with pytest.raises(InvalidInput):
        repo.journal.parse_links("Nope")
    with pytest.raises(ValueError, match="needs some text"):
        JournalEntry(at=today, body="  \n ")
    with pytest.raises(InvalidInput):
        repo.journal.add(JournalEntry(at=date(2027, 1, 1), body="later"), today)
    assert repo.journal.entries() == []


def test_an_edit_never_overwrites_someone_elses(repo: Repository, db_path, today: date) -> None:
    entry = repo.journal.add(JournalEntry(at=today, body="first"), today)
    other = Repository(open_database(db_path), "kim")
    other.journal.update(entry.model_copy(update={"body": "kim's"}), today)
    with pytest.raises(EditConflict, match="changed by kim .*theirs \"kim.s\" · yours .mine."):
        repo.journal.update(entry.model_copy(update={"body": "mine"}), today)
    assert repo.journal.get(entry.id or 0).body == "kim's"


def test_drafts_are_per_person_and_go_when_saved(repo: Repository, db_path, today: date) -> None:
    repo.journal.save_draft(None, "note", "half a thou", "Churn")
    repo.journal.save_draft(None, "note", "half a thought", "")
    other = Repository(open_database(db_path), "kim")
    assert other.journal.draft() is None
    draft = repo.journal.draft()
    assert draft is not None and draft.body == "half a thought"
    repo.journal.add(JournalEntry(at=today, body="half a thought, finished"), today)
    assert repo.journal.draft() is None


def test_a_review_note_tracks_its_next_tests_until_answered(repo: Repository,
                                                            today: date) -> None:
    body = "# Review\n\n## What to test next\n\n- Call churned customers\n- Try email B\n"
    repo.journal.save_review(body, WEEK, today)
    repo.journal.save_review(body + "- A third idea\n", WEEK, today)  # saved again: replaced
    assert [t.text for t in repo.journal.tests_of(WEEK)] == [
        "Call churned customers", "Try email B", "A third idea"]
    assert len(repo.journal.entries(kind="review")) == 1
    next_week = date(2026, 11, 23)
    due = repo.journal.tests_to_review(next_week)
    assert len(due) == 3 and repo.journal.tests_to_review(WEEK) == []
    repo.journal.resolve_test(due[0].id or 0, "done", "2 of 3 came back", next_week)
    repo.journal.resolve_test(due[1].id or 0, "not-done", "", next_week)
    repo.journal.resolve_test(due[2].id or 0, "dropped", "", next_week)
    again = repo.journal.tests_to_review(date(2026, 11, 30))
    assert [t.text for t in again] == ["Try email B"]  # not done: it comes back
    assert [t.status for t in repo.journal.tests_resolved_in(next_week)] == [
        "done", "not-done", "dropped"]
    with pytest.raises(InvalidInput):
        repo.journal.resolve_test(due[0].id or 0, "open", "", next_week)


def test_the_journal_survives_an_export_and_an_import_twice(repo: Repository, today: date,
                                                            tmp_path) -> None:
    from okrtui.core.models import KeyResult, Objective
    from okrtui.store.exchange_json import import_json

    churn = repo.add_metric(Metric(name="Churn"))
    repo.record_reading(churn, date(2026, 10, 5), 4, today=today)
    o = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Customers stay"))
    kr = repo.okrs.add_key_result(KeyResult(
        objective_id=o.id or 0, metric_id=churn.id or 0, statement="Cut churn from 4 to 3",
        baseline=4, target=3, start=date(2026, 10, 1), due=date(2026, 12, 31)))
    repo.journal.add(JournalEntry(at=date(2026, 11, 2), kind="decision", body="Price test",
                                  links=repo.journal.parse_links(f"Churn, KR{kr.id}, O{o.id}")),
                     today)
    repo.journal.save_review("# R\n\n## What to test next\n\n- Call them\n", WEEK, today)
    text = validated_export(repo)

    other = Repository(open_database(tmp_path / "other.db"), "someone")
    assert "2 journal entries" in import_json(other, text, today)
    import_json(other, text, today)
    entries = other.journal.entries()
    assert [(e.kind, e.title, e.author) for e in entries] == [
        ("review", "R", "tester"), ("decision", "Price test", "tester")]
    assert other.journal.link_text(entries[1].links) == "Churn, O1, KR1"
    assert [t.text for t in other.journal.tests_of(WEEK)] == ["Call them"]


def test_a_search_matches_words_or_what_the_entry_is_about(repo: Repository,
                                                           today: date) -> None:
    repo.add_metric(Metric(name="Support tickets"))
    repo.journal.add(JournalEntry(at=today, body="Queue is long",
                                  links=repo.journal.parse_links("Support tickets")), today)
    repo.journal.add(JournalEntry(at=today, body="Support hired two people"), today)
    assert len(repo.journal.entries(text="support")) == 2  # the text, or the metric's name
    link = repo.journal.parse_links("Support tickets")[0]
    assert [e.title for e in repo.journal.entries(text="hired", link=link, either=True)] == [
        "Support hired two people", "Queue is long"]
    assert repo.journal.entries(text="hired", link=link) == []  # both required


def test_saving_a_review_drops_the_review_draft_not_a_note_draft(repo: Repository,
                                                                 today: date) -> None:
    from okrtui.store.journal import REVIEW_DRAFT

    repo.journal.save_draft(None, "note", "half a note")
    repo.journal.save_draft(REVIEW_DRAFT, "review", "half a review", week=WEEK)
    repo.journal.save_review("# Review\n", WEEK, today)
    assert repo.journal.draft(REVIEW_DRAFT) is None
    kept = repo.journal.draft()
    assert kept is not None and kept.body == "half a note"
