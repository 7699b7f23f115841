"""Work that leaves the app's thread (a KPI source's fetch) and its result coming back;
work that takes the app's terminal for a while (the person's editor).

The result returns as a message, which is safe to post from any thread and is
handled in the app's thread, in the app's context; once the app has gone, the
message is dropped, and nothing is drawn on a screen that is no more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App, SuspendNotSupported
from textual.message import Message

from okrtui.core.errors import OkrtuiError

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


def run_suspended(app: App[Any], work: Callable[[], T]) -> T:
    """Run `work` with the app suspended (the terminal is the editor's meanwhile).

    A headless app (under test) has no terminal to hand over: `work` runs as is.
    """
    try:
        with app.suspend():
            return work()
    except SuspendNotSupported:
        if app.is_headless:
            return work()
        raise OkrtuiError("this terminal cannot hand itself to an editor: "
                          "use okrtui plan CYCLE in a shell") from None
