"""An OKR sheet's words: its header's many names, its grades and its confidence scales."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.errors import InvalidInput
from okrtui.core.sheet import (
    FRACTION,
    OKR_COLUMNS,
    PERCENT,
    REQUIRED,
    SYNONYMS,
    TEN,
    column_key,
    confidence_on_ten,
    confidence_scale,
    missing_columns,
    okr_column,
    okr_columns,
    parse_grade,
)

README = Path(__file__).parents[2] / "README.md"


def test_each_name_means_one_column_only() -> None:
    seen: dict[str, str] = {}
    for column, words in SYNONYMS.items():
        for word in (column, *words):
            assert seen.setdefault(column_key(word), column) == column, word


@pytest.mark.parametrize(("cell", "column"), [
    ("Quarter", "cycle"), ("PERIOD", "cycle"), ("KR", "key_result"),
    ("Key Result", "key_result"), ("key_result", "key_result"), ("Statement", "key_result"),
    ("Goal", "objective"), ("Objective title", "objective"), ("Grade", "score"),
    ("Final score", "score"), ("Start value", "baseline"), ("Target value", "target"),
    ("Deadline", "due"), ("Check-in date", "date"), ("As of", "date"), ("Current", "value"),
    ("Actual", "value"), ("Note", "comment"), ("OKR owner", "objective_owner"),
    ("KR owner", "owner"), ("objective_score", "objective_score"), (" kr id ", "key_result_id"),
])
def test_a_header_cell_is_read_whatever_its_case_spaces_and_underscores(
    cell: str, column: str
) -> None:
    assert okr_column(cell) == column


def test_a_header_with_the_four_needed_columns_is_an_okr_sheet() -> None:
    columns = okr_columns(["Quarter", "Goal", "Owner", "KR", "Target", "Colour", "KR"])
    assert columns == {"cycle": 0, "objective": 1, "owner": 2, "key_result": 3, "target": 4}
    assert missing_columns(columns) == []
    assert missing_columns(okr_columns(["metric", "at", "value"])) == [
        "cycle", "objective", "key_result", "target"]


def test_the_readme_lists_every_column_and_every_other_name() -> None:
    text = README.read_text("utf-8")
    section = text[text.index("## Bringing in a spreadsheet of OKRs"):]
    section = section[:section.index("\n## ", 4)]
    for column, words in SYNONYMS.items():
        assert f"`{column}`" in section, column
        for word in words:
            assert f"`{word}`" in section, word
    assert all(f"`{c}`" in section for c in REQUIRED) and len(OKR_COLUMNS) == 19


@pytest.mark.parametrize(("cell", "expected"), [
    ("", (None, False)), ("n/a", (None, True)), ("N/A", (None, True)),
    ("not graded", (None, True)), ("0.66", (0.66, False)), ("0", (0.0, False)),
    ("1", (1.0, False)), ("70%", (0.7, False)), ("0.05", (0.05, False)),
])
def test_a_grade_is_a_score_from_0_to_1_or_not_graded(cell: str, expected: tuple) -> None:
    assert parse_grade(cell) == expected


@pytest.mark.parametrize("cell", ["1.5", "-0.1", "good", "150%"])
def test_a_grade_outside_0_to_1_is_refused_in_okrtuis_words(cell: str) -> None:
    with pytest.raises(InvalidInput, match="is not a"):
        parse_grade(cell)


@pytest.mark.parametrize(("values", "scale"), [
    (["0.7", "0.4", "1"], FRACTION), (["7", "4", "10"], TEN), (["70", "40"], PERCENT),
    (["70%", "0.4"], PERCENT), (["0", "1"], FRACTION), (["3"], TEN), ([], TEN),
])
def test_the_scale_is_told_from_all_of_a_files_confidences(values: list, scale) -> None:  # noqa: ANN001
    assert confidence_scale(values) == scale


def test_confidences_are_kept_on_0_to_10() -> None:
    assert [confidence_on_ten(v, FRACTION) for v in ("0.7", "0.05", "1")] == [7, 0, 10]
    assert [confidence_on_ten(v, PERCENT) for v in ("70%", "45", "100")] == [7, 4, 10]
    assert confidence_on_ten("6", TEN) == 6
    with pytest.raises(InvalidInput, match=r"not a confidence on this file.s scale \(0–10\)"):
        confidence_on_ten("0.8", TEN)
    with pytest.raises(InvalidInput, match=r"not a confidence on this file's scale \(0–1\)"):
        confidence_on_ten("2", FRACTION)
    with pytest.raises(InvalidInput, match="not a number"):
        confidence_on_ten("high", TEN)


@given(st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=20))
def test_a_file_on_0_to_1_reads_each_confidence_as_tenths(values: list[float]) -> None:
    cells = [f"{v:.2f}" for v in values]
    assert confidence_scale(cells) == FRACTION
    assert [confidence_on_ten(c, FRACTION) for c in cells] == [round(float(c) * 10)
                                                                 for c in cells]


@given(st.lists(st.integers(0, 10), min_size=1).filter(lambda v: max(v) > 1),
       st.lists(st.integers(0, 100), min_size=1).filter(lambda v: max(v) > 10))
def test_whole_numbers_are_0_to_10_unless_one_is_above_10(tens: list[int],
                                                         percents: list[int]) -> None:
    assert confidence_scale(map(str, tens)) == TEN
    assert [confidence_on_ten(str(v), TEN) for v in tens] == tens
    assert confidence_scale(map(str, percents)) == PERCENT
    assert all(0 <= confidence_on_ten(str(v), PERCENT) <= 10 for v in percents)
