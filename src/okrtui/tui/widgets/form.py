"""Compact labelled form rows with an error line under each field."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from okrtui.core.text import pasted_line, pasted_text


def tab_moves_focus(widget: Widget, event: events.Key) -> bool:
    """Handle `tab`/`shift+tab` here and now (see `FieldInput`); True if it was one."""
    if event.key not in ("tab", "shift+tab"):
        return False
    event.stop()
    event.prevent_default()
    if event.key == "tab":
        widget.screen.focus_next()
    else:
        widget.screen.focus_previous()
    return True


class FieldInput(Input):
    """An Input that keeps keys typed in a burst in order across fields.

    Textual queues every key of a fast burst (a paste-like `3.4<tab>note`) on
    the field focused when they arrived, and moves the focus only when `tab`
    is reached. So here `tab` moves the focus at once, and a field that has
    lost the focus passes the keys still queued on it to the focused one.
    """

    def __init__(self, value: str = "", placeholder: str = "") -> None:
        # No blinking cursor: over SSH a blink is a redraw twice a second for
        # nothing, and it costs a frame on the key that saves.
        super().__init__(value, placeholder=placeholder)
        self.cursor_blink = False

    def _on_paste(self, event: events.Paste) -> None:
        # A paste is text for this field, all of it: never keys (a TAB in it does not
        # move the focus, an ESC sequence does not act), lines joined with spaces.
        event.stop()
        event.prevent_default()
        if _passed_on(self, event):
            return
        text = pasted_line(event.text)
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not self and isinstance(focused, FieldInput | Toggle | Choice):
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if tab_moves_focus(self, event):
            return
        await super()._on_key(event)


class FieldRow(Vertical):
    """A label, an input and, under them, the message for that input."""

    DEFAULT_CSS = """
    FieldRow { height: auto; }
    FieldRow > Horizontal { height: 1; }
    FieldRow Label { width: 14; color: $text-muted; }
    FieldRow Input, FieldRow Input:focus { border: none; height: 1; padding: 0 1; width: 1fr; }
    FieldRow Input:focus { background: $boost; }
    FieldRow .field-error { color: $text-error; padding-left: 14; height: auto; display: none; }
    FieldRow .field-error.-shown { display: block; }
    """

    def __init__(self, label: str, field: Input, field_id: str) -> None:
        super().__init__(id=f"row-{field_id}")
        self._label = label
        self._field = field
        self._field.id = field_id

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self._label, markup=False)
            yield self._field
        yield Static("", classes="field-error", markup=False)

    def show_error(self, message: str) -> None:
        """Show `message` under the field (empty hides it)."""
        error = self.query_one(".field-error", Static)
        if error.has_class("-shown") == bool(message) and str(error.render()) == message:
            return  # unchanged: spare a layout pass on every save
        error.update(message)
        error.set_class(bool(message), "-shown")


class Toggle(Widget, can_focus=True):
    """A yes/no field that says its state in text: `[x] label` or `[ ] label`.

    (Textual's Checkbox shows its state by colour alone.) `space` or `x`
    toggles; keys are handled here, not by bindings, so a burst forwarded by
    `FieldInput` still lands in order.
    """

    DEFAULT_CSS = """
    Toggle { height: 1; padding-left: 14; }
    Toggle:focus { background: $boost; text-style: bold; }
    """

    value: reactive[bool] = reactive(False)

    def __init__(self, label: str, value: bool, id: str) -> None:  # noqa: A002
        super().__init__(id=id)
        self._label = label
        self.set_reactive(Toggle.value, value)

    def render(self) -> Content:
        return Content(f"[{'x' if self.value else ' '}] {self._label}")

    class Submitted(Message):
        """Enter on a toggle: the form should save, as enter in a field does."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted())
        elif event.key in ("space", "x"):
            event.stop()
            event.prevent_default()
            self.value = not self.value
        else:
            tab_moves_focus(self, event)

    def on_click(self) -> None:
        self.value = not self.value


class Choice(Widget, can_focus=True):
    """One of a few options, all shown: `(•) carry over  ( ) return to KPI  ( ) drop`.

    ←/→ (or h/l) move the choice; the state is in text, not colour.
    """

    DEFAULT_CSS = """
    Choice { height: 1; padding-left: 14; }
    Choice:focus { background: $boost; text-style: bold; }
    """

    index: reactive[int] = reactive(0)

    def __init__(self, options: list[tuple[str, str]], value: str, id: str) -> None:  # noqa: A002
        super().__init__(id=id)
        self._options = options
        self.set_reactive(Choice.index, next(
            (i for i, (key, _) in enumerate(options) if key == value), 0))

    @property
    def value(self) -> str:
        """The chosen option's key."""
        return self._options[self.index][0]

    def choose(self, key: str) -> None:
        """Choose the option with this key (an unknown key changes nothing)."""
        for i, (option, _) in enumerate(self._options):
            if option == key:
                self.index = i

    def render(self) -> Content:
        return Content("  ".join(f"({'•' if i == self.index else ' '}) {label}"
                                 for i, (_, label) in enumerate(self._options)))

    async def _on_key(self, event: events.Key) -> None:
        step = {"left": -1, "h": -1, "right": 1, "l": 1, "space": 1}.get(event.key)
        if step is not None:
            event.stop()
            event.prevent_default()
            self.index = (self.index + step) % len(self._options)
        elif event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(Toggle.Submitted())
        else:
            tab_moves_focus(self, event)


class PlainTextArea(TextArea):
    """The editor's TextArea: a paste is text, in order, controls shown as pictures."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        if _passed_on(self, event) or self.read_only:
            return
        if result := self._replace_via_keyboard(pasted_text(event.text), *self.selection):
            self.move_cursor(result.end_location)
            self.focus()


def _passed_on(widget: Widget, event: events.Paste) -> bool:
    """Give a paste that reached a field after the focus left it (keys typed before it
    were still queued here) to the field focused now, behind the keys queued there."""
    focused = widget.screen.focused
    if focused is widget or not isinstance(focused, FieldInput | PlainTextArea):
        return False
    focused.post_message(events.Paste(event.text))
    return True
