"""One line that confirms the last action ("Saved Churn = 2.5% on ...")."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static


def one_line(content: Content, width: int) -> Content:
    """`content` on one line of `width` cells, ending in "…" when it was cut."""
    return content.truncate(width, ellipsis=True) if content.cell_length > width else content


class StatusLine(Widget):
    """Plain text that never changes size, so an update repaints one line only.

    (`Static.update` asks for a new layout every time, which costs a frame.)
    A message stays for `SHOW_SECONDS`, then the line goes back to `idle`.
    """

    DEFAULT_CSS = "StatusLine { height: 1; }"
    SHOW_SECONDS = 12.0

    def __init__(self, idle: str = "", id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._idle = Content.styled(idle, "dim")
        self._message = self._idle
        self._timer: Timer | None = None

    @property
    def message(self) -> str:
        """What the line says now."""
        return self._message.plain

    def show(self, message: str) -> None:
        """Say `message` for a while (people's text stays plain: no markup)."""
        self._message = Content(message)
        self.refresh()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.SHOW_SECONDS, self._back_to_idle)

    class Idle(Message):
        """The message shown has gone: the line says its idle words again."""

    def _back_to_idle(self) -> None:
        self._message = self._idle
        self.refresh()
        self.post_message(self.Idle())

    def render(self) -> Content:
        return one_line(self._message, self.content_size.width)


class QuietStatic(Static):
    """A `Static` of plain text that asks for a new layout only when its text changes
    (a pane's empty-state words are set again on every refresh)."""

    def __init__(self, text: str, id: str | None = None) -> None:  # noqa: A002
        super().__init__(text, id=id, markup=False)
        self._text = text

    def say(self, text: str) -> None:
        """Show `text`, if it is not what is shown already."""
        if text != self._text:
            self._text = text
            self.update(text)


class NoteLine(Widget):
    """One line about what the cursor is on (a KPI's signal, a plan-check finding).

    Like `StatusLine`, it never changes size, so an update repaints one line.
    """

    DEFAULT_CSS = "NoteLine { height: 1; padding: 0 1; color: $text-muted; }"

    def __init__(self, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._text = Content("")

    @property
    def text(self) -> str:
        """What the line says now."""
        return self._text.plain

    def say(self, text: str) -> None:
        """Show `text` (plain: people's names are data, never markup)."""
        if text != self._text.plain:
            self._text = Content(text)
            self.refresh()

    def render(self) -> Content:
        return one_line(self._text, self.content_size.width)
