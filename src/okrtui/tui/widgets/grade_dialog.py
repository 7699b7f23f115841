"""Grade a key result at quarter end: a score (0.7 is success) or n/a (not graded, the
note says why), a note, what next."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from okrtui.core.errors import InvalidInput, OkrtuiError
from okrtui.core.format import format_value, number_text
from okrtui.core.grades import NOT_GRADED, parse_grade
from okrtui.core.okr import KeyResultView
from okrtui.core.parse import parse_optional_number
from okrtui.core.scoring import SUCCESS_SCORE, final_score_suggestion, format_score, whole_percent
from okrtui.core.symbols import S
from okrtui.tui.widgets.form import Choice, FieldInput, FieldRow
from okrtui.tui.widgets.form_screen import FormScreen
from okrtui.tui.widgets.key_bar import KeyBar

NEXT_STEPS = [("carry-over", "carry over"), ("return-to-kpi", "return to KPI"),
              ("drop", "drop")]
# score (None: n/a), note, next step, healthy min, healthy max -> the saved grade
# (or InvalidInput)
SaveGrade = Callable[[float | None, str, str, float | None, float | None], object]


class GradeDialog(FormScreen[object | None]):
    """One key result's grade; `save` writes it (and its next step) and may refuse."""

    DEFAULT_CSS = """
    GradeDialog > Vertical { width: 76; border: round $warning; }
    """

    BINDINGS = [Binding("escape", "cancel", "Stop closing"),
                Binding("ctrl+s", "save", "Save", priority=True)]

    def __init__(self, view: KeyResultView, save: SaveGrade, step: str,
                 calibration: str = "") -> None:
        """`calibration`: the owner's calibration line, shown beside the grade."""
        super().__init__()
        self._calibration = calibration
        self.view = view
        self._save = save
        self._step = step
        self.draft_key, self.draft_words = ("grade", f"KR{view.key_result.id}"), "grade"

    def compose(self) -> ComposeResult:
        v, kr, m = self.view, self.view.key_result, self.view.metric
        suggested = final_score_suggestion(v.progress or 0.0)
        score = kr.final_score if kr.final_score is not None else suggested
        typed = NOT_GRADED if kr.not_graded else number_text(score)
        with Vertical() as box:
            box.border_title = Content(f"Close the quarter · {self._step} · grade KR{kr.id}")
            yield Static(f"{kr.statement}\n{m.name}: {format_value(kr.baseline, m.unit)} {S.to} "
                         f"{format_value(kr.target, m.unit)}, reached "
                         f"{format_value(v.current, m.unit)} "
                         f"({whole_percent(v.progress or 0)}% of the way)", markup=False)
            yield FieldRow("Score 0–1", FieldInput(typed, placeholder="0.0–1.0 or n/a"),
                           "score")
            yield Static(f"suggested {format_score(suggested)} from progress · "
                         f"{format_score(SUCCESS_SCORE)} or more counts as success · n/a: not "
                         "graded, it no longer applies (the note says why)", classes="hint",
                         markup=False)
            if self._calibration:
                yield Static(f"Calibration · {self._calibration}", classes="hint",
                             id="calibration", markup=False)
            yield FieldRow("Note", FieldInput(kr.close_note, placeholder="what we learnt; "
                                              "for n/a, why"), "note")
            yield Choice(NEXT_STEPS, kr.next_step or "drop", "next")
            yield FieldRow("KPI min", FieldInput(_num(m.range_min), placeholder="for return "
                                                 "to KPI (blank: keep the metric's)"), "range_min")
            yield FieldRow("KPI max", FieldInput(_num(m.range_max), placeholder="(blank: "
                                                 "keep the metric's)"), "range_max")
            yield Static("enter saves · ←/→ choose what next · tab next field · esc stops",
                         classes="hint", markup=False)
            yield Static("", id="form-problem", markup=False)
        yield KeyBar()

    AUTO_FOCUS = "#score"


    def action_save(self) -> None:
        self.clear_messages()
        try:
            score = parse_grade(self.query_one("#score", Input).value, "score")
            next_step = self.query_one(Choice).value
            low = high = None
            if next_step == "return-to-kpi":
                low = parse_optional_number(self.query_one("#range_min", Input).value,
                                            "range_min")
                high = parse_optional_number(self.query_one("#range_max", Input).value,
                                             "range_max")
            saved = self._save(score, self.query_one("#note", Input).value, next_step, low,
                               high)
        except InvalidInput as error:
            self.show_field_error("range_min" if error.field == "range" else error.field,
                                  str(error))
            return
        except OkrtuiError as error:
            self.show_problem(str(error))
            return
        self.dismiss(saved)

def _num(value: float | None) -> str:
    return "" if value is None else number_text(value)
