"""Which targets a few typed letters name, the best first."""

from __future__ import annotations

from okrtui.core.jump import cycle_target, key_result_target, kpi_target, matches

TARGETS = [cycle_target("2026-Q4", "quarter", 2, False),
           cycle_target("2019-Q2", "quarter", 1, True),
           key_result_target(5, "Halve support load", "2025-Q1"),
           key_result_target(15, "Ship v2", "2019-Q2"),
           key_result_target(50, "Reach 100 customers", "2025-Q1"),
           kpi_target(1, "Monthly churn rate"), kpi_target(2, "Latency p95")]


def _keys(query: str) -> list[str]:
    return [t.key for t in matches(query, TARGETS)]


def test_the_exact_name_or_id_comes_first() -> None:
    assert _keys("2019-q2")[0] == "2019-Q2"
    assert _keys("KR5") == ["KR5", "KR50"]  # KR15 holds no "kr5"
    assert _keys(" kr15 ")[0] == "KR15"


def test_words_inside_a_name_then_letters_in_order_only_when_nothing_else() -> None:
    assert _keys("churn") == ["Monthly churn rate"]
    assert _keys("chrn rt") == ["Monthly churn rate"]
    assert _keys("support load") == ["KR5"]
    assert _keys("zzqx") == []


def test_no_query_lists_everything_in_order_and_labels_say_what_each_is() -> None:
    assert _keys("") == [t.key for t in TARGETS]
    assert TARGETS[1].label == "2019-Q2  quarter · 1 objective · closed"
    assert TARGETS[2].label == "KR5 Halve support load · 2025-Q1"
    assert kpi_target(3, "bad\x1b[31m").label == "KPI bad␛[31m"
