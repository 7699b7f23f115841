"""The one-page Markdown summary of a quarter: what it says, and user text cannot break it."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.models import CheckIn, KeyResult, Metric, Objective
from okrtui.core.okr import key_result_view
from okrtui.core.record import KeyResultRef, Lineage
from okrtui.core.report import (
    KeyResultReport,
    ObjectiveReport,
    QuarterReport,
    md_cell,
    md_inline,
    render_markdown,
)

END = date(2026, 12, 31)
CHURN = Metric(id=1, name="Churn", unit="%", direction="lower")


def kr_report(
    score: float | None = None, *, check_ins: tuple[CheckIn, ...] = (), current: float = 3.25,
    next_step: str | None = None, lineage: Lineage | None = None, note: str = "",
    not_graded: bool = False, official: float | None = None, kr_id: int = 1,
) -> KeyResultReport:
    kr = KeyResult(id=kr_id, objective_id=1, metric_id=1,
                   statement="Reduce churn from 4% to 2.5%", baseline=4, target=2.5,
                   start=date(2026, 10, 1), due=END, owner="maria", final_score=score,
                   next_step=next_step, close_note=note, not_graded=not_graded,
                   official_score=official)
    view = key_result_view(kr, CHURN, check_ins, current, date(2027, 1, 1))
    return KeyResultReport(view=replace(view, lineage=lineage or Lineage()),
                           guardrails=("Tickets",))


def page(*krs: KeyResultReport, reflection: str = "", closed: bool = True,
         why: str = "growth", as_of: date = END, official: float | None = None) -> str:
    objective = Objective(id=1, quarter="2026-Q4", title="Customers stay", why=why,
                          owner="maria", reflection=reflection, official_score=official)
    report = QuarterReport(
        quarter="2026-Q4", end=END, as_of=as_of,
        objectives=(ObjectiveReport(objective, tuple(krs)),),
        closed_on=date(2027, 1, 4) if closed else None, closed_by="maria" if closed else "",
    )
    return render_markdown(report)


def check_in(value: float | None, comment: str = "", confidence: int | None = 6, *,
             author: str = "maria", hour: int = 9, id: int | None = None,  # noqa: A002
             corrects: int | None = None) -> CheckIn:
    return CheckIn(id=id, key_result_id=1, at=date(2026, 11, 16), value=value,
                   confidence=confidence, comment=comment, author=author,
                   recorded_at=datetime(2026, 11, 16, hour, tzinfo=UTC), corrects=corrects)


def cells(row: str) -> list[str]:
    """Split a Markdown table row on its unescaped pipes, as GitHub does."""
    out, cell, escaped = [], "", False
    for char in row:
        if char == "|" and not escaped:
            out.append(cell)
            cell = ""
        else:
            cell += char
        escaped = char == "\\" and not escaped
    return [*out, cell][1:-1]


def test_the_page_names_the_quarter_its_state_and_the_tally() -> None:
    text = page(kr_report(0.7), kr_report(0.2))
    assert text.startswith("# OKRs 2026-Q4\n")
    assert "Closed on 2027-01-04 by maria." in text
    assert "average score 0.45 · 1 of 2 graded a success (≥ 0.70)" in text
    assert "Open; values as of 2026-12-31." in page(kr_report(), closed=False)


def test_a_key_result_shows_its_way_its_value_its_score_and_status() -> None:
    text = page(kr_report(0.5, next_step="return-to-kpi", note="half way"))
    assert "## 1. Customers stay" in text and "**Why:** growth · **Owner:** maria" in text
    assert "### KR 1.1 · Reduce churn from 4% to 2.5%" in text
    assert "- **Churn:** 4% → 2.5% by 2026-12-31 · final 3.25% · 50% of the way" in text
    assert "**Score:** **0.50** (below 0.70)" in text and "✗ off track" in text
    assert "**Guardrails:** Tickets" in text
    assert "- **Lineage:** returned to the KPIs as Churn" in text
    assert "- **Note:** half way" in text


def test_scores_show_two_decimals_and_success_is_judged_on_the_stored_value() -> None:
    assert "**0.70** ✓ success" in page(kr_report(0.7))
    assert "**1.00** ✓ success" in page(kr_report(1.0))
    assert "**0.69** (below 0.70)" in page(kr_report(0.69))
    assert "**0.66** (below 0.70)" in page(kr_report(0.66))
    assert "**0.05** (below 0.70)" in page(kr_report(0.05))
    # 0.699 is not a success, and is never shown as 0.70.
    assert "**0.69** (below 0.70)" in page(kr_report(0.699))
    assert "**Score:** 0.50 from progress (no final score yet)" in page(kr_report())
    assert "0.00 to 1.00; 0.70 or more counts as success" in page(kr_report())


def test_a_key_result_not_graded_says_why_and_is_left_out_of_the_objective_score() -> None:
    text = page(kr_report(0.6), kr_report(0.5, kr_id=2),
                kr_report(not_graded=True, note="no longer\napplies", kr_id=3))
    assert "**Score:** n/a (not graded: no longer applies)" in text
    assert "**Score:** 0.55 (2 of 3 key results; 1 not graded)" in text
    assert "average score 0.55 · 0 of 2 graded a success" in text
    assert "· 1 not graded (n/a)" in text
    assert "- **Note:** no longer" not in text  # the reason is said once, by the score


def test_an_official_grade_is_shown_beside_the_computed_one_where_they_differ() -> None:
    text = page(kr_report(0.4, official=0.3), kr_report(0.7, official=0.7, kr_id=2),
                official=0.5)
    assert "**Score:** **0.40** (below 0.70) · official 0.30" in text
    assert "**Score:** **0.70** ✓ success · **Status:**" in text  # the same: said once
    assert "**Score:** 0.55 (2 of 2 key results) · official 0.50" in text
    assert "official 0.55" not in page(kr_report(0.55), official=0.55)


def test_an_open_quarter_says_now_and_an_ended_one_final() -> None:
    during = page(kr_report(), closed=False, as_of=date(2026, 11, 23))
    assert "· now 3.25% ·" in during and "Open; values as of 2026-11-23." in during
    assert "· final 3.25% ·" in page(kr_report(), closed=False)


def test_the_lineage_says_where_a_key_result_came_from_and_where_it_went() -> None:
    lineage = Lineage(carried_from=KeyResultRef("2026-Q3", 4),
                      carried_into=KeyResultRef("2027-Q1", 19))
    text = page(kr_report(0.4, next_step="carry-over", lineage=lineage))
    assert "- **Lineage:** carried from 2026-Q3 KR4 · carried into 2027-Q1 KR19" in text
    assert "- **Lineage:** dropped" in page(kr_report(0.1, next_step="drop"))
    assert "**Lineage:**" not in page(kr_report(0.4))


def test_the_check_in_trail_is_a_table_of_date_time_author_value_confidence_comment() -> None:
    text = page(kr_report(check_ins=(check_in(3.6, "price"),
                                     check_in(3.3, confidence=None, hour=10))))
    assert "| Date | Time (UTC) | By | Value | Confidence | Comment |" in text
    assert "| 2026-11-16 | 09:00 | maria | 3.6% | 6/10 | price |" in text
    assert "| 2026-11-16 | 10:00 | maria | 3.3% | – |   |" in text
    assert "_No check-ins._" in page(kr_report())


def test_every_check_in_of_a_day_is_in_the_trail_a_correction_marked_as_such() -> None:
    text = page(kr_report(check_ins=(
        check_in(3.6, "mine", id=1), check_in(3.5, "li's", author="li", hour=10, id=2),
        check_in(3.4, "fixed", hour=11, id=3, corrects=1),
        check_in(None, "no number yet", 4, author="li", hour=12, id=4))))
    rows = [[c.strip() for c in cells(line)] for line in text.splitlines()
            if line.startswith("| 2026-11-16")]
    assert rows == [
        ["2026-11-16", "09:00", "maria", "3.6% (corrected)", "6/10", "mine"],
        ["2026-11-16", "10:00", "li", "3.5%", "6/10", "li's"],
        ["2026-11-16", "11:00", "maria", "3.4% (correction)", "6/10", "fixed"],
        ["2026-11-16", "12:00", "li", "—", "4/10", "no number yet"],
    ]


def test_pipes_and_line_breaks_in_comments_stay_inside_their_cell() -> None:
    text = page(kr_report(check_ins=(check_in(3.6, "a | b\nc \\| d"),)), why="x | y\nz")
    row = next(line for line in text.splitlines() if line.startswith("| 2026-11-16"))
    assert [c.strip() for c in cells(row)] == ["2026-11-16", "09:00", "maria", "3.6%", "6/10",
                                               "a \\| b c \\\\\\| d"]
    assert "**Why:** x \\| y z" in text


def test_a_reflection_is_a_quote_line_by_line() -> None:
    text = page(kr_report(0.5), reflection="Pricing mattered.\n\nTry | annual plans.")
    assert "**Reflection:**\n> Pricing mattered.\n>\n> Try \\| annual plans.\n" in text


def test_an_objective_without_key_results_is_called_a_slogan() -> None:
    assert "an objective without key results is a slogan" in page()


def unescape(text: str) -> str:
    out, escaped = "", False
    for char in text:
        if char == "\\" and not escaped:
            escaped = True
            continue
        out, escaped = out + char, False
    return out


@given(st.text())
def test_a_cell_never_breaks_a_row_and_reads_back_as_the_text(text: str) -> None:
    cell = md_cell(text)
    assert "\n" not in cell and "\r" not in cell and cell
    assert len(cells(f"| {cell} | x |")) == 2
    assert unescape(md_inline(text)) == " ".join(text.split())


def test_the_report_imports_nothing_of_storage_or_ui() -> None:
    probe = ("import sys, okrtui.core.report\n"
             "print(sorted(n for n in sys.modules if n.split('.')[0] in "
             "('textual', 'rich', 'sqlite3', 'sqlite_utils') or n.startswith('okrtui.store')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
