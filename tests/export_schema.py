"""Every JSON export the tests make is checked against the shipped JSON Schema.

Tests call `validated_export(repo)` instead of `export_json(repo)`, and pass
what `okrtui export` printed or wrote through `valid_export(text)`;
`tests/test_export_schema.py` makes sure no test exports around them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from okrtui.store.exchange import export_json
from okrtui.store.repository import Repository


@cache
def schema() -> dict[str, Any]:
    """The schema as the package ships it."""
    text = files("okrtui").joinpath("schema/okrtui-export.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def problems(document: Any) -> list[str]:
    """What in a document the schema refuses, each with its place."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(_validator().iter_errors(document), key=lambda e: list(
                map(str, e.absolute_path)))]


def valid_export(text: str) -> str:
    """The export itself, once the schema found nothing wrong in it."""
    found = problems(json.loads(text))
    assert not found, "the export does not follow the schema:\n" + "\n".join(found[:20])
    return text


def validated_export(repo: Repository) -> str:
    """`export_json(repo)`, checked against the schema."""
    return valid_export(export_json(repo))
