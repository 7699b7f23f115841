"""Errors a person can cause, each with a message they can act on.

The CLI turns these into exit code 1 and one line on stderr; the TUI shows
them inline or as a notification. Anything else is a bug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydantic is imported by whoever caught the error
    from pydantic import ValidationError


class OkrtuiError(Exception):
    """Base of every error a user can cause and fix."""


class InvalidInput(OkrtuiError):
    """A value a person gave cannot be used (bad number, impossible date...)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(OkrtuiError):
    """A named thing (a metric, a key result) does not exist."""


class AlreadyExists(OkrtuiError):
    """A name that must be unique is taken."""


class DatabaseUnusable(OkrtuiError):
    """The database cannot be opened safely (corrupt, too new, unreadable)."""


class EditConflict(OkrtuiError):
    """Someone else changed the item between loading it and saving an edit."""


def conflict(label: str, theirs: dict[str, object], yours: dict[str, object],
             who: str = "someone else", keep: str = "reopen it and edit again"
             ) -> EditConflict:
    """The refusal, showing both versions of each field that differs."""
    shown = []
    for field, their in theirs.items():
        mine = yours.get(field)
        if their != mine:
            label = FIELD_WORDS.get(field, field.replace("_", " "))
            shown.append(f"{label}: theirs {_short(their)} · yours {_short(mine)}")
    both = ("; ".join(shown[:4]) + (f" (+{len(shown) - 4} more)" if len(shown) > 4 else "")
            ) if shown else "the same values as yours"
    return EditConflict(f"{label} was changed by {who} since you opened it ({both}); "
                        f"nothing was saved: {keep}")


FIELD_WORDS = {"range_min": "healthy min", "range_max": "healthy max", "objective_id": "objective",
               "metric_id": "metric"}


def _short(value: object) -> str:
    text = " ".join(str("-" if value is None or value == "" else value).split())
    return repr(text if len(text) <= 30 else text[:29] + "…")


class QuarterClosed(OkrtuiError):
    """A closed quarter is read-only until someone reopens it on purpose."""


# What a field is, in a sentence ("a key result statement has at most ..."), by the
# model's name and the field's; a field alone when any model's is meant.
FIELD_NOUNS = {
    ("KeyResult", "statement"): "a key result statement",
    ("Objective", "title"): "an objective's title",
    ("Objective", "quarter"): "a cycle's name",
    ("JournalEntry", "body"): "a journal entry",
    ("NextTest", "text"): "a next test",
    ("Metric", "name"): "a metric's name",
    ("IncomingReading", "metric"): "a metric's name",
    "unit": "a unit",
}


def _noun(model: str, field: str) -> str:
    return FIELD_NOUNS.get((model, field)) or FIELD_NOUNS.get(field) or field.replace("_", " ")


def _in_our_words(model: str, problem: dict[str, object]) -> str | None:
    """pydantic's words for a length, in okrtui's: "a key result statement has at most
    2,000 characters (this one has 2,311)"; None for the rest."""
    kind, field = problem["type"], str(problem["loc"][-1]) if problem["loc"] else ""  # type: ignore[index]
    context = problem.get("ctx") or {}
    given = problem.get("input")
    if kind in ("string_too_long", "too_long") and isinstance(context, dict):
        limit = context.get("max_length")
        has = f" (this one has {len(given):,})" if isinstance(given, str | list | tuple) else ""
        unit = "characters" if kind == "string_too_long" else "items"
        return f"{_noun(model, field)} has at most {limit:,} {unit}{has}"
    if kind == "string_too_short":
        return "can't be empty"
    return None


def validation_problem(error: ValidationError) -> tuple[str, str]:
    """The first problem pydantic found, as (field path, message in people's words)."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"])
    ours = _in_our_words(error.title, dict(first))
    return field, ours if ours is not None else first["msg"].removeprefix("Value error, ")


def describe_validation(error: ValidationError) -> str:
    """The first problem pydantic found, as `field: message`, or the message alone when it
    names what it is about ("a key result statement has at most 2,000 characters")."""
    field, message = validation_problem(error)
    if not field or " has at most " in message:
        return message
    return f"{field}: {message}"
