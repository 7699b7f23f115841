"""What the CSV and JSON imports share: the all-or-nothing error and small JSON checks."""

from __future__ import annotations

from typing import Any

from okrtui.core.errors import InvalidInput, describe_validation

MAX_REPORTED_ERRORS = 20


class ImportErrors(InvalidInput):
    """Several bad rows; the message lists each with its line number."""

    def __init__(self, problems: list[str], hint: str = "", what: str = "bad row(s)") -> None:
        shown = problems[:MAX_REPORTED_ERRORS]
        more = len(problems) - len(shown)
        lines = "\n".join(shown) + (f"\n… and {more} more" if more else "")
        lines += f"\n({hint})" if hint else ""
        super().__init__(f"nothing was imported: {len(problems)} {what}\n{lines}")
        self.problems = problems


def json_list(value: Any, what: str) -> list[Any]:
    """A JSON array (absent means empty), or a refusal naming what is wrong."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(f"{what} should be a list")
    return value


first_error = describe_validation  # the name the importers use
