"""This quarter's OKRs: each objective with its score, its key results with progress
against pace, their grades and where they came from or went."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from okrtui.core.format import cell_width, fit, format_value, progress_bar
from okrtui.core.grades import ObjectiveScore, official_beside, with_official
from okrtui.core.models import KeyResult, Objective
from okrtui.core.okr import KeyResultView, views_score
from okrtui.core.record import lineage_marker
from okrtui.core.scoring import STATUS_LABEL, Status, format_score, is_success, whole_percent
from okrtui.core.symbols import S
from okrtui.tui.actions import OKRS, bindings
from okrtui.tui.widgets.row_list import SPAN, Cell, Column, RowList
from okrtui.tui.widgets.status_line import QuietStatic

STATUS_STYLE = {
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "bold red",
    Status.NO_DATA: "dim",
}
EMPTY_TEXT = (
    "No objectives this quarter yet: press A to add one.\n"
    "An objective says what you want to change, in words; two to five key results\n"
    "say how you will know (a metric from a baseline to a target by a date).\n"
    "Then tab to this pane and press a on the objective to add a key result."
)


@dataclass(frozen=True)
class OkrRow:
    """One line of the pane: an objective, or a key result under it."""

    objective: Objective
    view: KeyResultView | None = None
    score: ObjectiveScore | None = None  # an objective's, over all its key results


def okr_columns(width: int, confidence: bool = True) -> list[Column]:
    """Columns that fit `width`; the statement takes what is left (and the room of the
    confidence column while no key result has a confidence)."""
    fixed = [Column("label", "", 5), Column("status", "Status", 13),
             Column("bar", "Progress", 10), Column("pct", "", 4, right=True)]
    tail = [Column("confidence", "Conf.", 5, right=True)] if confidence else []
    if width >= 110:
        tail += [Column("now", f"Now {S.to} target", 18), Column("owner", "Owner", 10)]
    used = sum(c.width + 2 for c in [*fixed, *tail]) + 1 + 2
    return [*fixed, Column("statement", "Objective / key result", max(12, width - used)), *tail]


def flag() -> str:
    """Marks what the plan check has something to say about ("⚑ ", or "* " in ASCII)."""
    return f"{S.flag} "


def okr_cells(row: OkrRow, flagged: Collection[tuple[str, int]] = (),
              width: int = 0) -> dict[str, Cell]:
    """A row's cells: objectives in bold with their score at the right (within `width`,
    if given), key results with their numbers, grade and lineage.

    `flagged` holds ("objective" | "key-result", id) pairs the plan check found.
    """
    if row.view is None:
        return {SPAN: (objective_line(row, flagged, width), "bold")}
    v, kr = row.view, row.view.key_result
    unit = v.metric.unit
    pct = "" if v.progress is None else f"{whole_percent(v.progress)}%"
    binary = " (binary)" if kr.is_binary else ""
    status = (STATUS_LABEL[v.status], STATUS_STYLE[v.status])
    if kr.not_graded:
        status = (f"{S.range} not graded", "dim")
    elif kr.final_score is not None:
        success = is_success(kr.final_score)
        status = (f"{S.success if success else S.dot} score {format_score(kr.final_score)}",
                  "green" if success else "")
    official = official_beside(v.score, kr.official_score).removeprefix(" · ")
    marks = [m for m in (lineage_marker(kr, v.lineage), official) if m]
    return {
        "label": (f"KR{kr.id}", "dim"),
        "status": status,
        "bar": (progress_bar(v.progress, v.expected, 10), ""),
        "pct": (pct, ""),
        "statement": ((flag() if ("key-result", kr.id) in flagged else "")
                      + (f"{S.warn} " if v.breaches else "") + "".join(f"{m} · " for m in marks)
                      + kr.statement + binary,
                      "bold yellow" if v.breaches else ""),
        "confidence": ("" if v.confidence is None else f"{v.confidence}/10", ""),
        "now": (f"{format_value(v.current, unit)} {S.to} {format_value(kr.target, unit)}", ""),
        "owner": (kr.owner or row.objective.owner, ""),
    }


def objective_line(row: OkrRow, flagged: Collection[tuple[str, int]] = (),
                   width: int = 0) -> str:
    """An objective's heading: "1. Title · owner", its score at the right: "score 0.55 ·
    2 of 3, 1 n/a" (the official grade beside it where it differs); the title is what
    is cut to fit `width`."""
    o = row.objective
    owner = f"  · {o.owner}" if o.owner else ""
    mark = flag() if ("objective", o.id) in flagged else ""
    left = f"{mark}{o.id}. {o.title}{owner}"  # ids, as the CLI takes them
    score = row.score
    if score is None or (not score.total and o.official_score is None):
        return left
    right = (f"score {with_official(score.score, o.official_score, 'none')} · "
             f"{score.short_basis()}")
    if width <= 0:
        return f"{left}  {right}"
    room = width - cell_width(right) - 2
    if room < 12:  # too narrow for both: the title first
        return left
    return fit(left, room) + "  " + right


class OkrPane(Vertical):
    """Shows a quarter's objectives and key results; the screen asks what is selected.

    Its keys apply while the keyboard is in it (tab moves between the panes).
    """

    BINDINGS = bindings(OKRS)

    class KeyResultChosen(Message):
        """Enter on a key result: open it."""

        def __init__(self, key_result_id: int) -> None:
            super().__init__()
            self.key_result_id = key_result_id

    DEFAULT_CSS = """
    OkrPane { height: 6; }
    OkrPane > #okr-empty { height: 1fr; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.border_title = "This quarter's OKRs"
        self._rows: list[OkrRow] = []
        self._all: dict[int, list[KeyResultView]] = {}  # every key result, by objective
        self._columns: list[Column] = []
        self.flagged: Collection[tuple[str, int]] = ()  # what the plan check found

    def compose(self) -> ComposeResult:
        yield RowList(id="okr-list")
        yield QuietStatic(EMPTY_TEXT, id="okr-empty")

    @property
    def table(self) -> RowList:
        """The list of objectives and key results."""
        return self.query_one(RowList)

    @property
    def rows(self) -> tuple[OkrRow, ...]:
        """The lines shown, in order."""
        return tuple(self._rows)

    @property
    def row_count(self) -> int:
        """How many lines the plan has (the screen sizes the pane by it)."""
        return len(self._rows)

    @property
    def selected(self) -> OkrRow | None:
        """The line under the cursor."""
        if not self._rows:
            return None
        return self._rows[min(self.table.cursor, len(self._rows) - 1)]

    @property
    def selected_key_result(self) -> KeyResult | None:
        """The key result under the cursor, if the cursor is on one."""
        row = self.selected
        return row.view.key_result if row and row.view else None

    @property
    def selected_key_result_id(self) -> int | None:
        """The id of the key result under the cursor, if the cursor is on one."""
        kr = self.selected_key_result
        return kr.id if kr is not None else None

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        kr_id = self.selected_key_result_id
        if kr_id is not None:
            self.post_message(self.KeyResultChosen(kr_id))

    def show(self, title: str, plan: Sequence[tuple[Objective, Sequence[KeyResultView]]],
             keep_key_result: int | None = None, scope_label: str = "",
             everything: Sequence[tuple[Objective, Sequence[KeyResultView]]] | None = None,
             ) -> None:
        """Replace the content; the cursor stays on key result `keep_key_result` if given;
        `scope_label` names the view while the dashboard is narrowed, and `everything`
        is then the whole plan (an objective's score counts all its key results)."""
        self.border_title = title
        self._rows = []
        self._all = {o.id or 0: list(vs) for o, vs in (everything or plan)}
        for objective, views in plan:
            self._rows.append(OkrRow(objective, score=views_score(self._all.get(
                objective.id or 0, list(views)))))
            self._rows.extend(OkrRow(objective, v) for v in views)
        krs = sum(1 for r in self._rows if r.view)
        self.border_subtitle = (f"{len(plan)} objective{'s' * (len(plan) != 1)} · "
                                f"{krs} key result{'s' * (krs != 1)}")
        self.table.display = bool(self._rows)
        empty = self.query_one("#okr-empty", QuietStatic)
        empty.display = not self._rows
        empty.say(EMPTY_TEXT if not scope_label else
                     f"No objectives in this view ({scope_label}): f shows the next one, "
                     "then everyone's.")
        # Stay on the same key result; else on the same line (an objective heading).
        cursor = next((i for i, r in enumerate(self._rows)
                       if r.view and r.view.key_result.id == keep_key_result),
                      min(self.table.cursor, max(len(self._rows) - 1, 0)))
        self._fill(cursor)

    def update_view(self, view: KeyResultView) -> None:
        """Redraw one key result's row in place (after a check-in), if it is shown."""
        for index, row in enumerate(self._rows):
            if row.view is not None and row.view.key_result.id == view.key_result.id:
                self._rows[index] = OkrRow(row.objective, view)
                self.table.set_row(index, okr_cells(self._rows[index], self.flagged))
                self._rescore(row.objective.id or 0, view)
                if self._wanted_columns() != self._columns:  # a first confidence
                    self._fill(self.table.cursor)
                return

    def _rescore(self, objective_id: int, view: KeyResultView) -> None:
        """Redraw the objective's heading with the score the new view gives it."""
        views = self._all.get(objective_id, [])
        self._all[objective_id] = [view if v.key_result.id == view.key_result.id else v
                                   for v in views]
        for index, row in enumerate(self._rows):
            if row.view is None and row.objective.id == objective_id:
                self._rows[index] = OkrRow(row.objective,
                                           score=views_score(self._all[objective_id]))
                self.table.set_row(index, okr_cells(self._rows[index], self.flagged,
                                                    self._span_width()))
                return

    def set_flagged(self, flagged: Collection[tuple[str, int]]) -> None:
        """Mark what the plan check found (redrawn only if that changed)."""
        if set(flagged) != set(self.flagged):
            self.flagged = set(flagged)
            if self._rows:
                self._fill(self.table.cursor)

    def _wanted_columns(self) -> list[Column]:
        confidence = any(r.view is not None and r.view.confidence is not None
                         for r in self._rows)
        return okr_columns(self.size.width or 80, confidence)

    def _fill(self, cursor: int) -> None:
        self._columns = self._wanted_columns()
        width = self._span_width()
        self.table.set_rows(self._columns, [okr_cells(r, self.flagged, width)
                                            for r in self._rows], cursor)

    def _span_width(self) -> int:
        """The width of a heading row (an objective's), as `row_list.line_parts` draws it."""
        return sum(c.width for c in self._columns) + 2 * (len(self._columns) - 1)

    def on_resize(self) -> None:
        if self._wanted_columns() != self._columns:
            self._fill(self.table.cursor)
