"""Arbitrary text (markup, control characters, any script) through every field, the
importers and the exports: nothing crashes, nothing is interpreted, nothing is lost."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrtui.core.models import JournalEntry, KeyResult, Metric, Objective
from okrtui.core.report import render_markdown
from okrtui.core.review_text import render_markdown as note_markdown
from okrtui.core.text import clean_line, clean_text
from okrtui.store.database import open_database
from okrtui.store.exchange import export_csv, import_file
from okrtui.store.report import quarter_report
from okrtui.store.repository import Repository
from okrtui.store.review_data import weekly_note
from tests.export_schema import validated_export

TODAY = date(2026, 11, 23)
HOSTILE = st.lists(
    st.one_of(st.characters(), st.sampled_from(["[", "]", "[red]", "[/]", "\x1b[31m", "\x07",
                                                 "\r", "\n", "\t", "=", "@", "$", "*"])),
    min_size=1, max_size=12).map("".join)
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n"} | {"\x7f"}


def no_control(text: str, allow_newline: bool = True) -> bool:
    bad = CONTROL if allow_newline else CONTROL | {"\n"}
    return not any(ch in bad for ch in text)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=HOSTILE, note=HOSTILE, title=HOSTILE, body=HOSTILE)
def test_hostile_text_round_trips_and_never_reaches_an_output_raw(
        name: str, note: str, title: str, body: str) -> None:
    if not clean_line(name).strip() or not clean_line(title).strip() \
            or not clean_text(body).strip():
        return  # empty once cleaned: refused by the models, as a person would be told
    with tempfile.TemporaryDirectory() as folder:
        repo = Repository(open_database(Path(folder) / "a.db"), clean_line(note)[:20] or "u")
        metric = repo.add_metric(Metric(name=name[:60], unit=note[:20], description=body,
                                        owner=note, range_max=3))
        repo.record_reading(metric, TODAY, 2.5, today=TODAY, note=note)
        objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title=title,
                                                      why=body, owner=note))
        kr = repo.okrs.add_key_result(KeyResult(
            objective_id=objective.id or 0, metric_id=metric.id or 0, statement=title,
            baseline=2, target=1, start=date(2026, 10, 1), due=date(2026, 12, 31), owner=note))
        repo.okrs.check_in(kr, 2.2, today=TODAY, confidence=5, comment=body)
        repo.journal.add(JournalEntry(at=TODAY, body=body, links=(
            repo.journal.parse_links(f"KR{kr.id}"))), TODAY)
        repo.signals.set_baseline(metric.id or 0, TODAY, None, today=TODAY, note=body)

        exported = validated_export(repo)
        outputs = [export_csv(repo), note_markdown(weekly_note(repo, TODAY)),
                   render_markdown(quarter_report(repo, "2026-Q4", TODAY))]
        for text in outputs:
            assert no_control(text.replace("\r\n", "\n").replace("\t", " ")), text
        assert "\x1b" not in exported and "\x07" not in exported

        other = Repository(open_database(Path(folder) / "b.db"), "someone")
        import_file(other, "export.json", exported.encode(), TODAY)
        assert json.loads(validated_export(other))["metrics"] == json.loads(exported)["metrics"]
        stored = other.get_metric(metric.name)
        assert stored.description == metric.description and stored.unit == metric.unit
        (entry,) = other.journal.entries()
        assert entry.body == clean_text(body)
        repo.db.close()
        other.db.close()
