"""What every flow is handed: the repository, today, the cycle shown, the scope.

Flows never reach for the App: they get a `Context` (the data they act on)
and a `Ui` (the few things they may ask of the screen), so each workflow can
be read, and tested, on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

from textual.screen import Screen
from textual.timer import Timer

from okrtui.core.cycles import Calendar, Cycle
from okrtui.core.people import Scope
from okrtui.store.repository import Repository
from okrtui.tui.selection import Selection

T = TypeVar("T")


@dataclass
class Context:
    """The repository and what the dashboard shows; `quarter` (the cycle shown) and
    `scope` change as the user browses ([ ] and f), the rest is fixed for the session."""

    repo: Repository
    today: date
    quarter: Cycle  # the cycle shown: a quarter or a named cycle
    scope: Scope
    calendar: Calendar  # the database's cycles, re-read when stepping through them
    week_first: int = 0  # the day weeks start on (0 = Monday; the settings' week_starts)

    @property
    def this_quarter(self) -> Cycle:
        """Today's cycle (the one check-ins and the weekly review are about)."""
        return self.calendar.current(self.today)


class Ui(Protocol):
    """What a flow may ask of the terminal: show a screen, say a line, look at
    the screens open and what is under the cursor."""

    @property
    def screen_stack(self) -> Sequence[Screen[Any]]: ...

    @property
    def selection(self) -> Selection: ...

    def push(self, screen: Screen[Any], done: Callable[[Any], None] | None = None) -> None:
        """Show `screen`; `done` gets what it dismisses with (None: cancelled)."""

    def say(self, message: str) -> None:
        """Confirm what just happened, in the top line."""

    def later(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the screen has been repainted."""

    def copy(self, text: str) -> None:
        """Put `text` on the clipboard of the terminal in front of the person."""

    def in_thread(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        """Run `work` in a thread of its own (it must not touch the database: a
        connection belongs to the thread that made it); `done` gets its result
        back in the app's thread."""

    def every(self, seconds: float, callback: Callable[[], None]) -> Timer:
        """Call `callback` every `seconds` until the timer returned is stopped."""

    def suspended(self, work: Callable[[], T]) -> T:
        """Run `work` (an editor) with the terminal handed over to it, then come back."""
