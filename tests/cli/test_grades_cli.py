"""Grades, frozen numbers and lineage from a shell: `quarter grade KR n/a --note`, scores
in `okrs` and `okrs --json`, a closed quarter that later readings never change."""

from __future__ import annotations

import json

from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.cli.test_quarter_cli import Q3_ENV, ok, planned, refused

__all__ = ["planned"]  # the fixture: 2026-Q3 planned and checked in (KRs 1–3)


def q3(run_cli, *args: str) -> str:  # noqa: ANN001
    return ok(run_cli, *args, "--quarter", "2026-Q3")


def test_a_key_result_is_graded_n_a_with_the_reason(run_cli, planned, db_path) -> None:  # noqa: ANN001
    assert "--note: say why it is not graded: n/a needs a note" in refused(
        run_cli, "quarter", "grade", "3", "n/a")
    assert "'seven' is not a number; or n/a when it is not graded" in refused(
        run_cli, "quarter", "grade", "3", "seven")
    out = ok(run_cli, "quarter", "grade", "3", "n/a", "--note", "no longer applies",
             "--next", "drop")
    assert out == "graded key result 3: n/a (not graded: no longer applies)\n"
    repo = Repository(open_database(db_path), "t")
    kr = repo.okrs.get_key_result(3)
    assert (kr.not_graded, kr.final_score, kr.close_note, kr.next_step) == (
        True, None, "no longer applies", "drop")
    ok(run_cli, "quarter", "grade", "1", "0.66")
    ok(run_cli, "quarter", "grade", "2", "0.05")
    # Not graded does not block the close.
    assert "closed 2026-Q3" in ok(run_cli, "quarter", "close", "2026-Q3")
    repo.db.close()


def test_okrs_json_gives_every_score_and_what_an_objective_score_left_out(
    run_cli, planned, db_path  # noqa: ANN001
) -> None:
    ok(run_cli, "quarter", "grade", "1", "0.66", "--next", "carry-over", env=Q3_ENV)
    ok(run_cli, "quarter", "grade", "3", "n/a", "--note", "no longer applies")
    repo = Repository(open_database(db_path), "t")
    # What an importer of official grades leaves behind.
    repo.db.execute("UPDATE key_result SET official_score = 0.5 WHERE id = 1")
    repo.db.execute("UPDATE objective SET official_score = 0.3 WHERE id = 1")
    repo.db.close()
    stay, ship = json.loads(q3(run_cli, "okrs", "--json"))
    churn, activation = stay["key_results"]
    assert (churn["score"], churn["final_score"], churn["not_graded"],
            churn["official_score"]) == (0.66, 0.66, False, 0.5)
    # Activation is not graded yet: its score is its progress (25 → 35, at 33).
    assert activation["score"] == activation["progress"] == 0.8
    assert stay["score"] == (0.66 + 0.8) / 2 and stay["official_score"] == 0.3
    assert stay["score_basis"] == {"counted": 2, "of": 2, "not_graded": 0, "no_value": 0,
                                   "text": "2 of 2 key results"}
    (shipped,) = ship["key_results"]
    assert (shipped["score"], shipped["not_graded"], shipped["close_note"]) == (
        None, True, "no longer applies")
    assert ship["score"] is None and ship["score_basis"]["not_graded"] == 1
    # Lineage: the carry-over went into 2026-Q4 as KR4, which says where it came from.
    assert churn["next_step"] == "carry-over"
    assert churn["carried_into"] == {"cycle": "2026-Q4", "id": 4}
    assert churn["carried_from"] is None
    (q4,) = json.loads(ok(run_cli, "okrs", "--json", "--quarter", "2026-Q4"))
    assert q4["key_results"][0]["carried_from"] == {"cycle": "2026-Q3", "id": 1}

    text = q3(run_cli, "okrs")
    assert "     score 0.73 (2 of 2 key results) · official 0.30" in text
    assert "score 0.66 · official 0.50 (final) · carried into 2026-Q4 KR4" in text
    assert "score 0.80 (from progress)" in text
    assert "score n/a: not graded (no longer applies)" in text
    assert "no score (0 of 1 key result; 1 not graded)" in text
    page = ok(run_cli, "quarter", "export", "2026-Q3")
    assert "**Score:** **0.66** (below 0.70) · official 0.50" in page
    assert "**Score:** 0.73 (2 of 2 key results) · official 0.30" in page
    assert "**Score:** n/a (not graded: no longer applies)" in page


def test_a_closed_quarter_is_byte_identical_after_later_readings_until_reopened(
    run_cli, planned  # noqa: ANN001
) -> None:
    ok(run_cli, "quarter", "grade", "1", "0.4", "--next", "return-to-kpi")
    ok(run_cli, "quarter", "grade", "2", "0.8")
    ok(run_cli, "quarter", "grade", "3", "n/a", "--note", "no longer applies", "--next", "drop")
    closed = ok(run_cli, "quarter", "close", "2026-Q3")
    assert "numbers frozen as of 2026-11-23" in closed

    def seen() -> tuple[str, str, str]:
        return (q3(run_cli, "okrs", "--json"), q3(run_cli, "okrs"),
                ok(run_cli, "quarter", "export", "2026-Q3"))

    before = seen()
    # Churn is a KPI again; its readings go on, one even back in the quarter's last days.
    for args in (["Churn", "2.4", "--at", "2026-11-20"], ["Churn", "2.2"],
                 ["Churn", "2.9", "--at", "2026-09-29"], ["Activation", "36", "--at",
                                                          "2026-09-29"],
                 ["Tickets", "150"]):
        assert "recorded" in ok(run_cli, "record", *args)
    after = seen()
    assert after == before  # byte for byte: okrs --json, okrs, the export
    (stay, _) = json.loads(after[0])
    assert [kr["current"] for kr in stay["key_results"]] == [3.2, 33]
    assert all(kr["frozen_as_of"] == "2026-11-23" for kr in stay["key_results"])
    assert "· now 3.2% ·" in after[2] or "· final 3.2% ·" in after[2]
    assert json.loads(after[0]) == json.loads(before[0])

    out = ok(run_cli, "quarter", "reopen", "2026-Q3")
    assert out.startswith("reopened 2026-Q3: 3 key results' frozen numbers are live again")
    live = seen()
    assert live[0] != before[0] and live[2] != before[2]
    (stay, _) = json.loads(live[0])
    assert [kr["current"] for kr in stay["key_results"]] == [2.2, 36]
    assert all(kr["frozen_as_of"] is None for kr in stay["key_results"])
    assert "| Tickets" not in live[2]
