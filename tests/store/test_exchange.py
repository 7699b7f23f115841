"""Import and export: all or nothing in, formulas defused out, JSON round trips."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from okrtui.core.errors import InvalidInput, OkrtuiError
from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.exchange import (
    ImportErrors,
    export_csv,
    import_file,
    parse_json,
)
from okrtui.store.repository import Repository
from tests.export_schema import validated_export


@pytest.fixture
def metrics(repo: Repository) -> dict[str, Metric]:
    return {
        name: repo.add_metric(Metric(name=name, range_min=0))
        for name in ("Uptime", "Revenue churn")
    }


def fresh_repo(path: Path) -> Repository:
    return Repository(open_database(path), "importer")


def values_of(repo: Repository, name: str) -> list[tuple[date, float, str]]:
    metric = repo.get_metric(name)
    return [(r.at, r.value, r.note) for r in reversed(repo.history(metric.id or 0))]


def without_export_time(text: str) -> dict:
    document = json.loads(text)
    document.pop("exported_at")
    return document


# -- CSV import ------------------------------------------------------------

GOOD_ROWS = (
    "Uptime,2026-11-16,99.8,\n"
    'uptime,2026-11-23,"99.9",quiet week\n'
    'Revenue churn,2026-11-23,"2.5%","two, with a comma"\n'
)


def test_csv_with_a_header_imports_every_row(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    data = ("metric,at,value,note\n" + GOOD_ROWS).encode()
    summary = import_file(repo, "readings.csv", data, today)
    assert summary == "imported 3 readings"
    assert values_of(repo, "Uptime") == [
        (date(2026, 11, 16), 99.8, ""),
        (date(2026, 11, 23), 99.9, "quiet week"),
    ]
    assert values_of(repo, "Revenue churn") == [(date(2026, 11, 23), 2.5, "two, with a comma")]
    assert {r.source for r in repo.history(metrics["Uptime"].id or 0)} == {"import"}


def test_csv_without_a_header_imports_every_row(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    assert import_file(repo, "r.csv", GOOD_ROWS.encode(), today) == "imported 3 readings"
    assert repo.reading_count() == 3


def test_csv_header_may_use_other_words_and_order_after_metric(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    data = b"Metric,Comment,Value,Date\nUptime,hello,99.1,2026-11-20\n"
    import_file(repo, "r.csv", data, today)
    assert values_of(repo, "Uptime") == [(date(2026, 11, 20), 99.1, "hello")]


def test_csv_with_a_byte_order_mark_and_windows_line_ends_imports(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    data = "\ufeffmetric,at,value\r\nUptime,2026-11-20,99.1\r\n".encode()
    assert import_file(repo, "excel.csv", data, today) == "imported 1 reading"
    assert values_of(repo, "Uptime") == [(date(2026, 11, 20), 99.1, "")]


def test_csv_with_bad_rows_names_every_bad_line_and_imports_nothing(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    repo.record_reading(metrics["Uptime"], today, 1, today=today)
    before = repo.reading_count()
    data = (
        b"metric,at,value,note\n"           # line 1
        b"Uptime,2026-11-16,99.8\n"          # line 2: good
        b"Nope,2026-11-16,1\n"               # line 3: unknown metric
        b"Uptime,2026-11-17,abc\n"           # line 4: bad number
        b"Uptime,2026-02-30,5\n"             # line 5: impossible date
        b"Uptime,2026-11-18,99\n"            # line 6: good
        b"Uptime,2026-12-01,99\n"            # line 7: future
    )
    with pytest.raises(ImportErrors) as caught:
        import_file(repo, "bad.csv", data, today)
    message = str(caught.value)
    assert message.startswith("nothing was imported: 4 bad row(s)")
    assert "line 3: unknown metric 'Nope'" in message
    assert "line 4: 'abc' is not a number" in message
    assert "line 5: 2026-02-30 is not a real date" in message
    assert "line 7: 2026-12-01 is in the future" in message
    assert "line 2" not in message and "line 6" not in message
    assert len(caught.value.problems) == 4
    assert repo.reading_count() == before


def test_csv_row_with_too_few_columns_is_named(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    with pytest.raises(ImportErrors, match="line 2: expected metric,at,value"):
        import_file(repo, "r.csv", b"Uptime,2026-11-20,1\nUptime,2026-11-21\n", today)
    assert repo.reading_count() == 0


def test_csv_header_without_a_value_column_is_refused(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    with pytest.raises(ImportErrors, match="line 1: the header has no value column"):
        import_file(repo, "r.csv", b"metric,at,amount\nUptime,2026-11-20,1\n", today)


def test_many_bad_rows_are_summarised(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    data = "".join(f"Uptime,2026-11-{d:02d},x\n" for d in range(1, 26)).encode()
    with pytest.raises(ImportErrors) as caught:
        import_file(repo, "r.csv", data, today)
    assert "25 bad row(s)" in str(caught.value)
    assert "… and 5 more" in str(caught.value)


@pytest.mark.parametrize("data", [b"", b"\n\n", b"metric,at,value\n", b" , , \n"])
def test_csv_without_readings_is_refused(
    repo: Repository, metrics: dict[str, Metric], today: date, data: bytes
) -> None:
    with pytest.raises(InvalidInput, match="no readings"):
        import_file(repo, "empty.csv", data, today)


def test_importing_the_same_csv_again_adds_nothing(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    data = GOOD_ROWS.encode()
    import_file(repo, "r.csv", data, today)
    before = repo.reading_count()
    summary = import_file(repo, "r.csv", data, today)
    assert summary == "imported 0 readings (3 already there)"
    assert repo.reading_count() == before


def test_csv_with_a_changed_value_corrects_the_day(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    import_file(repo, "r.csv", b"Uptime,2026-11-20,1\n", today)
    import_file(repo, "r.csv", b"Uptime,2026-11-20,2\n", today)
    history = repo.history(metrics["Uptime"].id or 0)
    assert [(r.value, r.superseded) for r in history] == [(2, False), (1, True)]


def test_create_missing_metrics_makes_them_once_with_the_first_spelling(
    repo: Repository, today: date
) -> None:
    data = b"Signups,2026-11-16,10\nsignups,2026-11-23,12\nChurn,2026-11-23,3\n"
    summary = import_file(repo, "r.csv", data, today, create_missing=True)
    assert summary == "imported 3 readings, 2 new metrics"
    assert [m.name for m in repo.list_metrics()] == ["Churn", "Signups"]
    assert all(m.watched for m in repo.list_metrics())
    assert [v for _, v, _ in values_of(repo, "signups")] == [10, 12]


def test_without_create_missing_an_unknown_metric_is_an_error(
    repo: Repository, today: date
) -> None:
    with pytest.raises(ImportErrors, match="unknown metric 'Signups'"):
        import_file(repo, "r.csv", b"Signups,2026-11-16,10\n", today)
    assert repo.list_metrics() == []


def test_bytes_that_are_not_utf8_are_refused_clearly(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    data = "Uptime,2026-11-20,1,café\n".encode("latin-1")
    with pytest.raises(InvalidInput, match=r"latin\.csv is not UTF-8 text .*save it as UTF-8"):
        import_file(repo, "latin.csv", data, today)
    assert repo.reading_count() == 0


def test_hostile_text_in_a_csv_is_neutralised(repo: Repository, today: date) -> None:
    data = '"[bold]x[/]",2026-11-20,1,"\x1b]0;pwned\x07 \x9b31m"\n'.encode()
    import_file(repo, "r.csv", data, today, create_missing=True)
    metric = repo.get_metric("[bold]x[/]")
    (reading,) = repo.history(metric.id or 0)
    assert not any(c in reading.note for c in "\x1b\x07\x9b")


# -- CSV export ------------------------------------------------------------


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_has_a_header_and_only_current_readings(
    repo: Repository, metrics: dict[str, Metric], today: date
) -> None:
    uptime = metrics["Uptime"]
    repo.record_reading(uptime, today - timedelta(days=7), 99.5, today=today)
    repo.record_reading(uptime, today, 9.99, today=today)
    repo.record_reading(uptime, today, 99.9, today=today, note="typo fixed")
    rows = rows_of(export_csv(repo))
    assert rows[0] == ["metric", "at", "value", "note", "author", "source", "recorded_at"]
    assert [r[:5] for r in rows[1:]] == [
        ["Uptime", "2026-11-16", "99.5", "", "tester"],
        ["Uptime", "2026-11-23", "99.9", "typo fixed", "tester"],
    ]


@pytest.mark.parametrize(
    "text", ["=SUM(A1)", "+1", "-2 after outage", "@cmd", "=HYPERLINK(\"http://x\")"]
)
def test_csv_export_defuses_formulas_and_they_import_back_unchanged(
    repo: Repository, today: date, tmp_path: Path, text: str
) -> None:
    metric = repo.add_metric(Metric(name=text))
    repo.record_reading(metric, today, 1, today=today, note=text)
    exported = export_csv(repo)
    (row,) = rows_of(exported)[1:]
    assert row[0] == "'" + text
    assert row[3] == "'" + text

    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "export.csv", exported.encode(), today, create_missing=True)
    assert [m.name for m in other.list_metrics()] == [text]
    assert values_of(other, text) == [(today, 1, text)]


@pytest.mark.parametrize("text", ["'=already quoted", "'plain", "it's fine"])
def test_csv_export_keeps_text_that_starts_with_an_apostrophe(
    repo: Repository, today: date, tmp_path: Path, text: str
) -> None:
    metric = repo.add_metric(Metric(name="Uptime"))
    repo.record_reading(metric, today, 1, today=today, note=text)
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "export.csv", export_csv(repo).encode(), today, create_missing=True)
    assert values_of(other, "Uptime") == [(today, 1, text)]


def test_csv_export_then_import_into_an_empty_database_gives_the_same_export(
    repo: Repository, metrics: dict[str, Metric], today: date, tmp_path: Path
) -> None:
    repo.record_reading(metrics["Uptime"], today, 0.1, today=today, note="line one\nline two")
    repo.record_reading(metrics["Revenue churn"], today, 1234567.25, today=today, note='"q"')
    first = export_csv(repo)
    other = Repository(open_database(tmp_path / "other.db"), "tester")
    import_file(other, "export.csv", first.encode(), today, create_missing=True)
    again = export_csv(other)
    assert [r[:5] for r in rows_of(again)] == [r[:5] for r in rows_of(first)]


# -- JSON ------------------------------------------------------------------


def fill_for_round_trip(repo: Repository, today: date) -> None:
    uptime = repo.add_metric(Metric(
        name="Uptime", unit="%", range_min=99.5, owner="lee", team="platform",
        description="Share of minutes the API answered.\nSecond line.",
    ))
    churn = repo.add_metric(Metric(
        name="Revenue churn", unit="%", direction="lower", range_max=3, cadence="monthly",
    ))
    old = repo.add_metric(Metric(name="Old KPI", watched=False))
    for days_ago in (14, 7, 0):
        repo.record_reading(uptime, today - timedelta(days=days_ago), 99.0 + days_ago / 10,
                            today=today)
    repo.record_reading(churn, today, 25.0, today=today, note="typo")
    repo.record_reading(churn, today, 2.5, today=today, note="corrected")
    repo.record_reading(old, today - timedelta(days=100), 7, today=today)
    repo.set_archived("Old KPI", True)


def test_json_export_imports_into_an_empty_database_and_exports_the_same(
    repo: Repository, today: date, tmp_path: Path
) -> None:
    fill_for_round_trip(repo, today)
    first = validated_export(repo)

    other = fresh_repo(tmp_path / "other.db")
    summary = import_file(other, "backup.json", first.encode(), today)
    second = validated_export(other)

    assert summary == "imported 6 readings, 3 new metrics"
    assert without_export_time(second) == without_export_time(first)
    document = without_export_time(second)
    churn = next(m for m in document["metrics"] if m["name"] == "Revenue churn")
    assert [(r["value"], r["superseded"]) for r in churn["readings"]] == [
        (25.0, True), (2.5, False)
    ]
    assert next(m for m in document["metrics"] if m["name"] == "Old KPI")["archived"] is True
    assert other.get_metric("Old KPI").archived
    assert {r.author for m in other.list_metrics(True) for r in other.history(m.id or 0)} == {
        "tester"
    }


def test_importing_the_same_json_again_adds_nothing(
    repo: Repository, today: date, tmp_path: Path
) -> None:
    fill_for_round_trip(repo, today)
    exported = validated_export(repo).encode()
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "backup.json", exported, today)
    before = other.reading_count()
    summary = import_file(other, "backup.json", exported, today)
    assert summary == "imported 0 readings (6 already there), 0 new metrics (3 already there)"
    assert other.reading_count() == before
    assert without_export_time(validated_export(other)) == without_export_time(
        validated_export(repo))


def test_json_is_recognised_by_content_whatever_the_file_name(
    repo: Repository, today: date, tmp_path: Path
) -> None:
    fill_for_round_trip(repo, today)
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "standard input", validated_export(repo).encode(), today)
    assert other.reading_count() == repo.reading_count()


def test_json_export_has_format_version_and_time(repo: Repository) -> None:
    document = json.loads(validated_export(repo))
    assert document["format"] == "okrtui"
    assert document["version"] == 4  # 2 added objectives, 3 companions, 4 keys and cycles
    assert document["exported_at"].endswith("+00:00")
    assert document["metrics"] == []
    assert document["objectives"] == [] and document["closed_quarters"] == []


def okrtui_doc(**extra) -> str:
    return json.dumps({"format": "okrtui", "version": 1, **extra})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not an okrtui export"),
        ('{"format": "other"}', "not an okrtui export"),
        ('{"format": "okrtui", "version": 99}', "newer okrtui"),
        ('{"format": "okrtui", "version": "2"}', "version"),
        ('{"format": "okrtui", "version": null}', "version"),
        (okrtui_doc(metrics=5), "metrics"),
        (okrtui_doc(metrics=[5]), "metrics[0]: expected an object"),
        (okrtui_doc(metrics=[{"name": ""}]), "metrics[0]"),
        (okrtui_doc(metrics=[{"name": "a", "readings": 5}]), "readings"),
        (okrtui_doc(metrics=[{"name": "a", "readings": [5]}]), "readings[0]"),
        (
            okrtui_doc(metrics=[{"name": "a", "readings": [{"at": "2026-02-30", "value": 1}]}]),
            "readings[0]",
        ),
        (
            okrtui_doc(metrics=[{"name": "a", "readings": [{"at": "2026-11-20", "value": "x"}]}]),
            "readings[0]",
        ),
        (
            okrtui_doc(metrics=[{"name": "a", "readings": [{"at": "2030-01-01", "value": 1}]}]),
            "in the future",
        ),
    ],
)
def test_a_malformed_json_import_is_refused_with_a_message_not_a_crash(
    repo: Repository, today: date, text: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_json(text, today)
    with pytest.raises(OkrtuiError):
        import_file(repo, "x.json", text.encode(), today)
    assert repo.list_metrics(include_archived=True) == []
    assert repo.reading_count() == 0
