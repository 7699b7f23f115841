"""The JSON Schema of okrtui's export: shipped, valid, in step with the models, and used
by every test that exports."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from okrtui.core import models
from okrtui.store.exchange_json import FORMAT_VERSION
from okrtui.store.exchange_okrs import KEY_MAX
from tests.export_schema import problems, schema, validated_export
from tests.store.okr_plan import build_plan

TESTS = Path(__file__).parent


def test_the_schema_ships_in_the_package_and_is_a_valid_2020_12_schema() -> None:
    document = schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["properties"]["version"]["maximum"] == FORMAT_VERSION


def test_every_export_the_tests_make_is_checked_against_the_schema() -> None:
    """No test calls `export_json` itself: `validated_export` does, and checks."""
    offenders = []
    for path in TESTS.rglob("*.py"):
        if path.name == "export_schema.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if re.search(r"\bexport_json\(", line):
                offenders.append(f"{path.relative_to(TESTS)}:{number}")
    assert offenders == []


def _limit(model: type, field: str) -> int:
    info = model.model_fields[field]  # type: ignore[attr-defined]
    return next(m.max_length for m in info.metadata if hasattr(m, "max_length"))


def test_the_schema_states_the_limits_the_models_keep() -> None:
    defs = schema()["$defs"]
    assert defs["key_result"]["properties"]["statement"]["maxLength"] == _limit(
        models.KeyResult, "statement")
    assert defs["objective"]["properties"]["title"]["maxLength"] == _limit(
        models.Objective, "title")
    assert defs["journal_entry"]["properties"]["body"]["maxLength"] == models.BODY_MAX
    assert defs["next_test"]["properties"]["text"]["maxLength"] == _limit(
        models.NextTest, "text")
    assert defs["metric"]["properties"]["name"]["maxLength"] == models.NAME_MAX
    assert defs["key"]["maxLength"] == KEY_MAX


def test_a_plan_with_every_kind_of_row_follows_the_schema(repo, today) -> None:  # noqa: ANN001
    build_plan(repo, today)
    document = json.loads(validated_export(repo))
    assert document["objectives"] and document["closed_quarters"]


def test_the_schema_refuses_what_an_import_would_refuse(repo, today) -> None:  # noqa: ANN001
    build_plan(repo, today)
    document = json.loads(validated_export(repo))
    kr = document["objectives"][0]["key_results"][0]
    cases = {
        "a check-in without its time": lambda d: d["objectives"][0]["key_results"][0][
            "check_ins"][0].pop("recorded_at"),
        "a score above 1": lambda d: d["objectives"][0]["key_results"][0].update(
            final_score=1.5),
        "a confidence of 11": lambda d: d["objectives"][0]["key_results"][0]["check_ins"][
            0].update(confidence=11),
        "an impossible date format": lambda d: d["objectives"][0]["key_results"][0].update(
            due="30/09/2026"),
        "a month 13": lambda d: d.update(fiscal_year_first_month=13),
        "a statement over the limit": lambda d: d["objectives"][0]["key_results"][0].update(
            statement="x" * 2001),
        "an unknown field": lambda d: d["objectives"][0].update(colour="red"),
    }
    assert kr["check_ins"]
    for what, change in cases.items():
        broken = copy.deepcopy(document)
        change(broken)
        assert problems(broken), what
