"""Work that leaves the app's thread (a KPI source's fetch) and its result coming back.

The result returns as a message, which is safe to post from any thread and is
handled in the app's thread, in the app's context; once the app has gone, the
message is dropped, and nothing is drawn on a screen that is no more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.message import Message

T = TypeVar("T")


class ThreadDone(Message):
    """A thread's work has finished: `done(result)`, in the app's thread."""

    def __init__(self, done: Callable[[Any], None], result: object) -> None:
        super().__init__()
        self.done = done
        self.result = result


def run_in_thread(app: App[Any], work: Callable[[], T], done: Callable[[T], None]) -> None:
    """Run `work` in a Textual thread worker; the app hands its result to `done` (an
    exception in `work` is a bug, and ends the app as any other does)."""

    def run() -> None:
        app.post_message(ThreadDone(done, work()))

    app.run_worker(run, name="okrtui-thread", thread=True)
