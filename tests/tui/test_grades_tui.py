"""Grades, frozen numbers and lineage by keys at 80×24: n/a with its reason, the
objective's score in the pane, two decimals on screen, lineage in the detail view."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.screens.key_result_detail import KeyResultScreen
from okrtui.tui.widgets.grade_dialog import GradeDialog
from tests.store.okr_plan import build_plan
from tests.tui.conftest import reopen
from tests.tui.helpers import TODAY, run_app, screen_text, type_text
from tests.tui.test_okr_pane import _plan, _week


def _checked_in(path: Path) -> None:
    """2026-Q4: KR1 (churn 4 → 2.5, at 3: 66% of the way), KR2 (signups 100 → 200, at 150)."""
    _plan(path)
    repo = Repository(open_database(path), "seed")
    for kr_id, value in ((1, 3.0), (2, 150.0)):
        repo.okrs.check_in(repo.okrs.get_key_result(kr_id), value, today=date(2026, 12, 21),
                           confidence=6)
    repo.db.close()


def test_a_key_result_is_graded_n_a_by_keys_and_the_dialog_asks_why(tmp_path: Path) -> None:
    path = tmp_path / "grades.db"
    _checked_in(path)

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        # Before the close: the objective's score is its key results' progress, two decimals.
        text = screen_text(app)
        assert "score 0.58 · 2 of 2" in text  # (0.66… + 0.5) / 2, rounded down
        await pilot.press("Z")
        await pilot.pause()
        assert "grade KR1" in screen_text(app) and "n/a: not" in screen_text(app)
        await type_text(pilot, "n/a")
        await pilot.press("enter")  # no reason given
        await pilot.pause()
        assert isinstance(app.screen, GradeDialog)
        assert "say why it is not graded: n/a needs a note" in screen_text(app)
        await type_text(pilot, "we sold the churn product")
        await pilot.press("enter")
        await pilot.pause()
        assert "grade KR2" in screen_text(app)
        await type_text(pilot, "0.05")
        await pilot.press("enter")
        await pilot.pause()
        assert "reflect on: Customers stay" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "graded (or n/a)" in screen_text(app) and "frozen" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        text = screen_text(app)
        assert "closed (Z reopens)" in text
        assert "– not graded" in text and "· score 0.05" in text
        assert "score 0.05 · 1 of 2, 1 n/a" in text  # n/a left out of the objective score
        # The detail view says why KR1 is not graded, and that its numbers are frozen.
        await pilot.press("tab", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, KeyResultScreen)
        text = screen_text(app)
        assert "score n/a: not graded (we sold the churn product)" in text
        assert "numbers frozen at close on 2026-12-28" in text

    _week(path, date(2026, 12, 28), scenario)
    repo = reopen(path)
    kr1, kr2 = repo.okrs.get_key_result(1), repo.okrs.get_key_result(2)
    assert (kr1.not_graded, kr1.final_score, kr1.close_note) == (
        True, None, "we sold the churn product")
    assert (kr2.not_graded, kr2.final_score) == (False, 0.05)
    assert repo.closing.is_closed("2026-Q4")
    assert repo.db.execute("SELECT count(*) FROM key_result WHERE frozen IS NOT NULL"
                           ).fetchone()[0] == 2
    repo.db.close()


def test_lineage_shows_in_the_pane_and_in_words_in_the_detail_view(tmp_path: Path) -> None:
    path = tmp_path / "lineage.db"
    repo = Repository(open_database(path), "seed")
    krs = build_plan(repo, TODAY)  # 2026-Q3 closed: churn carried over, activation back, deploys
    repo.db.close()
    churn, carried = krs["churn"].id, krs["carried"].id

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        text = screen_text(app)
        assert f"←KR{churn} · Reduce churn" in text  # 2026-Q4: the carried key result
        await pilot.press("tab", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, KeyResultScreen)
        assert f"carried from 2026-Q3 KR{churn}" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("[")  # the quarter before: closed, its numbers frozen
        await pilot.pause()
        text = screen_text(app)
        assert "2026-Q3" in text and "closed (Z reopens)" in text
        assert f"→KR{carried} · Reduce churn" in text and "→KPI · Activation" in text
        assert "dropped · Deploy 10" in text
        assert "· score 0.40" in text and "✓ score 0.80" in text and "· score 0.30" in text
        assert "score 0.60 · 2 of 2" in text  # (0.4 + 0.8) / 2
        await pilot.press("g", "j", "enter")  # the first key result
        await pilot.pause()
        text = screen_text(app)
        assert f"carried into 2026-Q4 KR{carried}" in text
        assert "score 0.40 (final, below 0.70) · note: half way" in text
        await pilot.press("escape", "j", "enter")
        await pilot.pause()
        assert "returned to the KPIs as Activation" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("Z")  # reopen
        await pilot.pause()
        text = screen_text(app)
        assert "3 key results' frozen numbers become" in text and "│ live again." in text
        await pilot.press("y")
        await pilot.pause()
        assert "Reopened 2026-Q3: 3 key results unfrozen" in screen_text(app)
        assert "closed (Z reopens)" not in screen_text(app)

    run_app(path, scenario)
    repo = reopen(path)
    assert not repo.closing.is_closed("2026-Q3")
    assert repo.db.execute("SELECT count(*) FROM key_result WHERE frozen IS NOT NULL"
                           ).fetchone()[0] == 0
    repo.db.close()


def test_an_official_grade_shows_beside_the_computed_one_in_the_pane(tmp_path: Path) -> None:
    path = tmp_path / "official.db"
    repo = Repository(open_database(path), "seed")
    krs = build_plan(repo, TODAY)
    # What an importer of official grades leaves behind.
    repo.db.execute("UPDATE key_result SET official_score = 0.3 WHERE id = ?",
                    [krs["churn"].id])
    repo.db.execute("UPDATE objective SET official_score = 0.5 WHERE quarter = '2026-Q3' "
                    "AND title = 'Customers stay'")
    repo.db.close()

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("[")
        await pilot.pause()
        text = screen_text(app)
        assert "score 0.60 · official 0.50 · 2 of 2" in text
        assert f"→KR{krs['carried'].id} · official 0.30 · Redu" in text
        await pilot.press("tab", "g", "j", "enter")
        await pilot.pause()
        assert "score 0.40 · official 0.30 (final, below 0.70)" in screen_text(app)

    run_app(path, scenario)
