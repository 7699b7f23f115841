"""One table of the user's actions: id, keys, words, where each applies, when
it is enabled, and the flow method that does it.

It feeds the key bindings of every screen and pane (`bindings`), the App's
`check_action`, the help screen (`help_keys`) and the command palette. A new
action is one row here plus its flow method; a keymap can rebind by `id`
(`App.set_keymap({"record-reading": "R"})`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from textual.binding import Binding, BindingType


class Selected(Protocol):
    """What is in view (`tui.selection.Selection` answers it)."""

    @property
    def pane(self) -> str: ...

    def metric(self) -> object | None: ...

    def key_result_id(self) -> int | None: ...

    def okr_row(self) -> object | None: ...

    def entry(self) -> object | None: ...


class HasSelection(Protocol):
    """What an `enabled` rule may look at."""

    @property
    def selection(self) -> Selected: ...

    @property
    def read_only(self) -> bool:
        """Whether the database can be written (a pull records what it fetched)."""
        ...


Enabled = Callable[[HasSelection], bool]

# Where an action applies: a screen, or a pane of the dashboard (a pane's row
# wins over the dashboard's for the same key while the keyboard is in it).
DASHBOARD, KPIS, OKRS, JOURNAL = "dashboard", "kpis", "okrs", "journal"
METRIC, KEY_RESULT, APP = "metric", "key-result", "app"


@dataclass(frozen=True)
class Action:
    """One thing a user can do, and where."""

    id: str  # stable, for keymaps: "record-reading"
    keys: str  # Textual key names, comma-separated: "enter,o"
    label: str  # a word or two, for the key bar and the help
    description: str  # a sentence, for the help and the palette
    where: tuple[str, ...]  # where its keys work (DASHBOARD, OKRS, METRIC, ...)
    run: tuple[str, str, tuple[object, ...]]  # (flow, method, arguments)
    enabled: Enabled | None = None  # None: always
    bar: tuple[str, ...] = ()  # where it shows in the key bar
    palette: str = ""  # its title in the command palette ("" : not offered there)
    key_display: str | None = None
    priority: bool = False
    bind: bool = True  # False: a list's own key (enter) does it; listed for help only


def _metric(ui: HasSelection) -> bool:
    return ui.selection.metric() is not None


def _archivable(ui: HasSelection) -> bool:
    # A key result's metric is archived from the KPI pane, not the OKR pane.
    return ui.selection.pane != OKRS and ui.selection.metric() is not None


def _pullable(ui: HasSelection) -> bool:
    # A KPI's own row or screen: a key result's metric is pulled from the KPI pane.
    return (ui.selection.pane in (KPIS, METRIC) and ui.selection.metric() is not None
            and not ui.read_only)


def _writable(ui: HasSelection) -> bool:
    return not ui.read_only


def _key_result(ui: HasSelection) -> bool:
    return ui.selection.key_result_id() is not None


def _okr_row(ui: HasSelection) -> bool:
    return ui.selection.okr_row() is not None


def _entry(ui: HasSelection) -> bool:
    return ui.selection.entry() is not None


def _act(flow: str, method: str, *args: object) -> tuple[str, str, tuple[object, ...]]:
    return (flow, method, args)


DETAIL = (METRIC, KEY_RESULT)
ACTIONS: tuple[Action, ...] = (
    Action("record-reading", "r", "Record", "record a reading of the KPI (prefilled)",
           (DASHBOARD, METRIC), _act("metrics", "record"), _metric, (DASHBOARD, METRIC),
           "Record reading"),
    Action("open-metric", "enter,o", "Open", "open the KPI: chart and every reading",
           (DASHBOARD,), _act("metrics", "open"), _metric, (DASHBOARD,), "Open KPI"),
    Action("add-metric", "a", "Add KPI", "add a KPI with its healthy range", (DASHBOARD,),
           _act("metrics", "add"), None, (DASHBOARD,), "Add KPI"),
    Action("edit-metric", "e", "Edit", "edit the KPI's settings", (DASHBOARD, METRIC),
           _act("metrics", "edit"), _metric, (DASHBOARD, METRIC), "Edit KPI"),
    Action("archive-metric", "x", "Archive", "archive the KPI (its history is kept)",
           (DASHBOARD,), _act("metrics", "archive"), _archivable, (DASHBOARD,),
           "Archive KPI"),
    Action("check-in", "c", "Check in", "check in on the key result (then the next one due)",
           (DASHBOARD, KEY_RESULT), _act("check_ins", "start"), None, (DASHBOARD, KEY_RESULT),
           "Check in"),
    Action("weekly-review", "W", "Weekly review", "walk this week's review, then its note",
           (DASHBOARD,), _act("review", "start"), None, (DASHBOARD,), "Weekly review"),
    Action("set-baseline", "b", "Baseline", "new baseline: recompute the KPI's limits from a "
           "date", (DASHBOARD, METRIC), _act("signals", "set_baseline"), _metric, (METRIC,),
           "New baseline"),
    Action("pull", "p", "Pull", "pull the KPI's source now", (DASHBOARD, METRIC),
           _act("pull", "start"), _pullable, (METRIC,), "Pull KPI"),
    Action("key-result-from-signal", "n", "New KR", "a key result for next quarter from the "
           "KPI's signal", (DASHBOARD, METRIC), _act("signals", "key_result_from_signal"),
           _metric, (METRIC,), "Key result from signal"),
    Action("trailing-view", "t", "Trend", "the trailing view: 6 weeks and 12 months, week "
           "and year over year, range and limits (t again: back)", (METRIC,),
           _act("metrics", "toggle_trend"), None, (), "Trailing view"),
    Action("write-entry", "w", "Write", "write a journal entry about what is in view",
           (DASHBOARD, *DETAIL), _act("journal", "write"), None, (DASHBOARD, *DETAIL),
           "Write a journal entry"),
    Action("copy", "y", "Copy", "copy the entry or the note under the cursor to your "
           "clipboard (over SSH too)", (DASHBOARD,), _act("journal", "copy"), None, (),
           "Copy to clipboard"),
    Action("due", "d", "Due", "what you owe the review this week (a: everyone's), as "
           "okrtui due", (DASHBOARD,), _act("review", "show_due"), None, (), "Due this week"),
    Action("plan-check", "L", "Plan check", "every place the plan breaks the rules, with "
           "the fix", (DASHBOARD,), _act("signals", "show_plan_check"), None, (DASHBOARD,),
           "Plan check"),
    Action("cycle-scope", "f", "Everyone / mine / team", "show everyone's, then mine, then "
           "each team's", (DASHBOARD,), _act("okrs", "cycle_scope"), None, (),
           "Everyone / mine / team"),
    Action("search-journal", "slash", "Search journal", "find journal entries by words or "
           "what they are about", (DASHBOARD,), _act("journal", "search"), None, (),
           "Search the journal", key_display="/"),
    Action("clear-journal-search", "escape", "Clear search", "show every journal entry again",
           (DASHBOARD,), _act("journal", "clear_search"), None),
    Action("plan-cycle", "P", "Plan in editor", "plan the cycle shown in $EDITOR: its "
           "objectives and key results as Markdown, the changes shown before they apply",
           (DASHBOARD,), _act("plan", "start"), _writable, (), "Plan the cycle in your editor"),
    Action("add-objective", "A", "Add objective", "add an objective to the cycle shown",
           (DASHBOARD,), _act("okrs", "add_objective"), None, (), "Add objective"),
    Action("calibration", "C", "Calibration", "how confidences compared with final scores, "
           "per owner and for the team, as okrtui calibration", (DASHBOARD,),
           _act("close", "show_calibration"), None, (), "Confidence calibration"),
    Action("close-quarter", "Z", "Close cycle", "grade, reflect and close the cycle "
           "shown (or reopen it)", (DASHBOARD,), _act("close", "start"), None, (),
           "Close cycle"),
    Action("jump", "colon", "Jump", "jump to a cycle, a KPI or a key result by name or id",
           (DASHBOARD,), _act("jump", "start"), None, (), "Jump to a cycle, KPI or key "
           "result", key_display=":"),
    Action("previous-quarter", "left_square_bracket", "Prev cycle", "show the previous "
           "cycle's OKRs (quarters and named cycles, by date)", (DASHBOARD,),
           _act("okrs", "change_quarter", -1), None, (DASHBOARD,), "Previous cycle",
           key_display="["),
    Action("next-quarter", "right_square_bracket", "Next cycle", "show the next cycle's "
           "OKRs", (DASHBOARD,), _act("okrs", "change_quarter", 1), None, (),
           "Next cycle", key_display="]"),
    Action("open-key-result", "enter", "Open", "open the key result: pace, guardrails, "
           "check-ins", (OKRS,), _act("okrs", "open_key_result"), _key_result, (),
           "Open key result", bind=False),
    Action("add-key-result", "a", "Add KR", "add a key result to this objective", (OKRS,),
           _act("okrs", "add_key_result"), _okr_row, (OKRS,), "Add key result"),
    Action("edit-okr", "e", "Edit", "edit the objective or key result", (OKRS,),
           _act("okrs", "edit"), _okr_row, (OKRS,)),
    Action("edit-entry", "e", "Edit", "edit the journal entry (its draft, if one was left)",
           (JOURNAL,), _act("journal", "open_entry"), _entry, (JOURNAL,)),
    Action("quit", "q", "Quit", "quit okrtui", (DASHBOARD,), _act("app", "quit"), None,
           (DASHBOARD,)),
    Action("help", "question_mark", "Keys", "the keys of this screen", (APP,),
           _act("app", "help"), None, (APP,), "Keys", key_display="?"),
    Action("quit-now", "ctrl+c,ctrl+q", "Quit", "quit okrtui (asks first when a form holds "
           "unsaved input)", (APP,), _act("app", "quit"), None,
           priority=True),
)
BY_ID = {action.id: action for action in ACTIONS}


def bindings(where: str, *own: BindingType) -> list[BindingType]:
    """The key bindings of one screen or pane from the table, after its `own` (a
    screen's plumbing, such as "back")."""
    return [*own, *(Binding(a.keys, f"app.act('{a.id}')", a.label, show=where in a.bar, id=a.id,
                    key_display=a.key_display, priority=a.priority)
            for a in ACTIONS if where in a.where and a.bind)]


def is_enabled(action_id: str, ui: HasSelection) -> bool:
    """Whether the action applies to what is in view now."""
    action = BY_ID.get(action_id)
    return action is not None and (action.enabled is None or action.enabled(ui))


def help_keys(contexts: tuple[str, ...], ui: HasSelection,
              display: Callable[[Action], str]) -> list[tuple[str, str]]:
    """(keys, words) for the actions of `contexts`, the innermost first; a key an
    inner context takes is not listed again for an outer one."""
    keys: list[tuple[str, str]] = []
    taken: set[str] = set()
    for where in contexts:
        for action in ACTIONS:
            if (where not in action.where or action.id == "help"  # the help says "?" itself
                    or not is_enabled(action.id, ui)):
                continue
            own = [k for k in action.keys.split(",") if k not in taken]
            if not own:
                continue
            taken.update(own)
            keys.append((display(action), action.label))
    return keys
