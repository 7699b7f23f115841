"""Errors a person can cause, each with a message they can act on.

The CLI turns these into exit code 1 and one line on stderr; the TUI shows
them inline or as a notification. Anything else is a bug.
"""

from __future__ import annotations


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


class QuarterClosed(OkrtuiError):
    """A closed quarter is read-only until someone reopens it on purpose."""
