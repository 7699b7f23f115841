"""`d`: what the account at the keyboard owes the review this week (`okrtui due --owner ME`),
and with `a` what everyone does."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from okrtui.core.due import DueItem, by_owner, for_owner
from okrtui.core.symbols import S
from okrtui.tui.widgets.key_bar import KeyBar

KIND_WORDS = {"kpi": "KPI", "key-result": "key result", "next-test": "next test",
              "source": "source"}


class DueScreen(ModalScreen[None]):
    """Lists one person's due items (or everyone's); escape, q or d closes it."""

    DEFAULT_CSS = """
    DueScreen { align: center middle; }
    DueScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    DueScreen .owner { text-style: bold; margin-top: 1; }
    DueScreen .why { padding-left: 2; color: $text-muted; }
    """

    BINDINGS = [Binding("escape,q,d", "close", "Close"),
                Binding("a", "everyone", "Mine / everyone's"),
                Binding("j,down", "scroll(1)", "Down", show=False),
                Binding("k,up", "scroll(-1)", "Up", show=False)]

    def __init__(self, user: str, week: str, items: Sequence[DueItem]) -> None:
        super().__init__()
        self._user = user
        self._week = week
        self._items = list(items)
        self._everyone = False

    def compose(self) -> ComposeResult:
        yield VerticalScroll()
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        box = self.query_one(VerticalScroll)
        box.remove_children()
        shown = self._items if self._everyone else for_owner(self._items, self._user)
        whose = "everyone" if self._everyone else self._user
        box.border_title = f"Due · {whose} · week of {self._week} · {len(shown)} item(s)"
        box.border_subtitle = "a: mine" if self._everyone else "a: everyone's"
        if not shown:
            box.mount(Static(Content(f"Nothing due for {whose} this week."), classes="empty"))
            return
        for owner, owned in by_owner(shown).items():
            if self._everyone:
                box.mount(Static(Content(f"{owner}: {len(owned)} due"), classes="owner"))
            for item in owned:
                # Names and reasons are people's text (or a source's error): plain Content.
                box.mount(Static(Content(f"{S.flag} {KIND_WORDS[item.kind]}: {item.name}")))
                box.mount(Static(Content(item.why), classes="why"))

    def action_everyone(self) -> None:
        self._everyone = not self._everyone
        self._fill()

    def action_scroll(self, delta: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
