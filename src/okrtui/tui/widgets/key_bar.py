"""The bottom line of every screen: the main keys of what has focus.

A light stand-in for Textual's `Footer`, which builds a widget per key and
measured 30 ms of every screen switch here (the dialog closing after a save
was 45 ms to first paint with it, 16 ms without). This is one line of text,
rebuilt only when the screen's bindings change.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from okrtui.tui.widgets.status_line import one_line


class KeyBar(Widget):
    """Shows `key description` for every enabled binding marked `show=True`."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._line = Content("")

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        parts: list[Content] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            parts.append(Content.assemble((f" {key} ", "bold $footer-key-foreground"),
                                          binding.description, " "))
        parts.append(Content.styled("  ^p palette", "$footer-description-foreground"))
        line = Content("").join(parts)
        if line.plain != self._line.plain:
            self._line = line
            self.refresh()

    def render(self) -> Content:
        return one_line(self._line, self.content_size.width)
