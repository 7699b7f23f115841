"""CSV sources read from real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrtui.core.models import Point
from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.run import fetch

TODAY = date(2026, 11, 23)


def read(path: Path, column: str, date_column: str = "") -> Fetched:
    spec = SourceSpec(kind="csv", csv_path=str(path), column=column, date_column=date_column)
    return fetch(spec, today=TODAY, env={})


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "kpis.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_the_last_row_with_a_value(tmp_path: Path) -> None:
    path = write(tmp_path, "week,signups,churn\n2026-11-09,10,1\n2026-11-16,12,2\n2026-11-23,,3\n")
    got = read(path, "signups")
    assert got.ok and got.value == 12 and got.history == ()


def test_a_header_in_other_case_with_spaces_and_a_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "Week, Sign Ups \n2026-11-16,7\n", encoding="utf-8-sig")
    assert read(path, "sign ups").value == 7
    assert read(path, "week", "").error == "the week on line 2 is '2026-11-16', not a number"


def test_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    path = write(tmp_path, "Datum;Umsatz\n2026-11-09;1.234,5\n2026-11-16;12,5\n")
    assert read(path, "umsatz").value == 12.5
    got = read(path, "Umsatz", date_column="datum")
    assert got.history == (Point(at=date(2026, 11, 9), value=1234.5),
                           Point(at=date(2026, 11, 16), value=12.5))


def test_a_date_column_makes_the_file_a_history(tmp_path: Path) -> None:
    path = write(tmp_path, "day,n\n2026-11-16,3\n2026-11-02,1\n2026-11-09,\n\n2026-11-12,2\n")
    got = read(path, "n", date_column="day")
    assert got.history == (Point(at=date(2026, 11, 2), value=1),
                           Point(at=date(2026, 11, 12), value=2),
                           Point(at=date(2026, 11, 16), value=3))
    assert got.value == 3


def test_a_bad_date_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'day,n\n2026-11-16,3\n"Nov\n17",4\n')
    assert read(path, "n", date_column="day").error == \
        "line 4: 'Nov 17' is not a date (YYYY-MM-DD)"


def test_an_unknown_column_lists_the_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "week,signups,churn\n2026-11-16,12,2\n")
    assert read(path, "revenue").error == \
        f"no column 'revenue' in {path} (its columns: week, signups, churn)"


def test_a_missing_file(tmp_path: Path) -> None:
    assert read(tmp_path / "gone.csv", "n").error == f"no file at {tmp_path / 'gone.csv'}"


def test_the_home_directory_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    write(tmp_path, "n\n5\n")
    spec = SourceSpec(kind="csv", csv_path="~/kpis.csv", column="n")
    assert fetch(spec, today=TODAY, env={}).value == 5


def test_a_cell_that_is_not_a_number(tmp_path: Path) -> None:
    path = write(tmp_path, "week,signups\n2026-11-09,10\n2026-11-16,n/a\n")
    assert read(path, "signups").error == "the signups on line 3 is 'n/a', not a number"


def test_a_file_without_values(tmp_path: Path) -> None:
    path = write(tmp_path, "week,signups\n2026-11-09,\n")
    assert read(path, "signups").error == f"no row of {path} has a value in column signups"
    assert read(write(tmp_path, ""), "n").error == f"{path} is empty"
