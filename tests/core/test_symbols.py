"""The symbols and their ASCII stand-ins: one switch, every drawing reads it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.format import cell_width, fit, format_range, progress_bar, sparkline
from okrtui.core.kpi import STATUS_LABEL as KPI_LABEL
from okrtui.core.kpi import Status as KpiStatus
from okrtui.core.scoring import STATUS_LABEL as KR_LABEL
from okrtui.core.scoring import Status as KrStatus
from okrtui.core.symbols import ASCII, UNICODE, plain_cells, use_ascii


@pytest.fixture
def ascii_mode() -> Iterator[None]:
    use_ascii(True)
    yield
    use_ascii(False)


def test_every_symbol_has_a_plain_stand_in() -> None:
    assert set(ASCII) == set(UNICODE)
    assert all(value.isascii() for value in ASCII.values())
    assert len(ASCII["bars"]) == len(UNICODE["bars"])
    assert len(ASCII["partial"]) == len(UNICODE["partial"])


def test_statuses_keep_their_words(ascii_mode: None) -> None:
    assert KPI_LABEL[KpiStatus.HEALTHY] == "ok healthy"
    assert KPI_LABEL[KpiStatus.BELOW] == "v below"
    assert KPI_LABEL[KpiStatus.STALE] == "... stale"
    assert KR_LABEL[KrStatus.OFF_TRACK] == "x off track"
    assert KR_LABEL[KrStatus.AT_RISK] == "! at risk"


def test_unicode_is_the_default_and_comes_back() -> None:
    assert KPI_LABEL[KpiStatus.HEALTHY] == "✓ healthy"
    use_ascii(True)
    use_ascii(False)
    assert KR_LABEL[KrStatus.OFF_TRACK] == "✗ off track"
    assert format_range(None, 3, "%") == "≤ 3%"


def test_drawings_are_ascii(ascii_mode: None) -> None:
    assert progress_bar(0.34, 0.5, 10) == "###-.|...."
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "_.:-=+*#"
    assert format_range(30, 45, "%") == "30-45%" and format_range(95, None) == ">= 95"
    assert fit("Monthly recurring revenue", 12) == "Monthly r..."
    assert cell_width(fit("Monthly recurring revenue", 12)) == 12


def test_plain_cells_keeps_every_cell() -> None:
    assert plain_cells("╭─ KPIs ─╮") == "+- KPIs -+"
    assert plain_cells("│ José · 5–7 │") == "| Jose - 5-7 |"
    assert plain_cells("日本") == "????"
    assert plain_cells("bad␛[31m") == "bad␛[31m"  # the picture of an ESC stays


@given(st.text())
def test_plain_cells_is_ascii_and_as_wide(text: str) -> None:
    plain = plain_cells(text)
    assert all(c.isascii() or "\u2400" <= c <= "\u2426" for c in plain)
    if all(cell_width(c) in (1, 2) and c.isprintable() for c in text):
        assert cell_width(plain) == cell_width(text)
