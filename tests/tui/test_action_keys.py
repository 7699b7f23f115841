"""The table of actions gives each key one meaning wherever it applies: two actions
sharing a place (a screen, the dashboard, a pane) never share a key."""

from __future__ import annotations

from okrtui.settings import Settings
from okrtui.tui.actions import ACTIONS, BY_ID, DASHBOARD, METRIC, bindings
from okrtui.tui.user_settings import keymap_of


def test_no_two_actions_share_a_key_in_a_place() -> None:
    clashes = [(a.id, b.id, key) for i, a in enumerate(ACTIONS) for b in ACTIONS[i + 1:]
               if set(a.where) & set(b.where)
               for key in set(a.keys.split(",")) & set(b.keys.split(","))]
    assert clashes == []


def test_p_pulls_on_the_dashboard_and_the_kpi_detail_and_can_be_rebound() -> None:
    assert BY_ID["pull"].keys == "p"
    for where in (DASHBOARD, METRIC):
        ids = [b.id for b in bindings(where) if getattr(b, "key", "") == "p"]
        assert ids == ["pull"]
    keymap, problems = keymap_of(Settings(None, keys={"pull": "f5"}))
    assert (keymap, problems) == ({"pull": "f5"}, [])
