"""`d`: what the account at the keyboard owes the review this week (`okrtui due --owner ME`),
and with `a` what everyone does."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from okrtui.core.due import DueItem, by_owner, for_owner
from okrtui.core.symbols import S
from okrtui.tui.screens.listing import ListingScreen
from okrtui.tui.widgets.key_bar import KeyBar

KIND_WORDS = {"kpi": "KPI", "key-result": "key result", "next-test": "next test",
              "source": "source"}


class DueScreen(ListingScreen):
    """Lists one person's due items (or everyone's); escape, q or d closes it."""

    DEFAULT_CSS = """
    DueScreen .owner { text-style: bold; margin-top: 1; }
    DueScreen .why { padding-left: 2; color: $text-muted; }
    """

    BINDINGS = [Binding("escape,q,d", "close", "Close"),
                Binding("a", "everyone", "Mine / everyone's")]

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
