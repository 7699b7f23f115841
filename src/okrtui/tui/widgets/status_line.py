"""One line that confirms the last action ("Saved Churn = 2.5% on ...")."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class StatusLine(Widget):
    """Plain text that never changes size, so an update repaints one line only.

    (`Static.update` asks for a new layout every time, which costs a frame.)
    """

    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._message = Content("")

    @property
    def message(self) -> str:
        """What the line says now."""
        return self._message.plain

    def show(self, message: str) -> None:
        """Replace the message (people's text stays plain: no markup)."""
        self._message = Content(message)
        self.refresh()

    def render(self) -> Content:
        return self._message
