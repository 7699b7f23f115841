"""Add or edit a KPI: name, unit, direction, healthy range, cadence, owner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from okrtui.core.errors import AlreadyExists, InvalidInput, OkrtuiError, validation_problem
from okrtui.core.format import number_text
from okrtui.core.models import Metric
from okrtui.core.parse import parse_optional_number
from okrtui.tui.widgets.form import FieldInput, FieldRow, Toggle
from okrtui.tui.widgets.form_screen import FormScreen
from okrtui.tui.widgets.key_bar import KeyBar

SaveMetric = Callable[[Metric], Metric]
FIELDS = ("name", "unit", "range_min", "range_max", "owner", "description")


class MetricForm(FormScreen[Metric | None]):
    """A form for one metric; `save` writes it and may refuse (shown in the form)."""


    AUTO_FOCUS = "#name"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, save: SaveMetric, metric: Metric | None = None) -> None:
        super().__init__()
        self._save = save
        self.metric = metric
        item = "new" if metric is None else f"metric {metric.id}"
        self.draft_key, self.draft_words = ("kpi", item), "KPI"

    def compose(self) -> ComposeResult:
        m = self.metric or Metric(name="x")
        editing = self.metric is not None

        def number(value: float | None) -> str:
            return "" if value is None else number_text(value)

        with Vertical() as box:
            box.border_title = Content(f"Edit {m.name}" if editing else "Add a KPI")
            yield FieldRow("Name", FieldInput(m.name if editing else "",
                                         placeholder="e.g. Revenue churn"), "name")
            yield FieldRow("Unit", FieldInput(m.unit, placeholder="%, ms, users, $ … (optional)"),
                           "unit")
            yield FieldRow("Healthy min", FieldInput(number(m.range_min), placeholder="lowest "
                                                "healthy value (blank: none)"), "range_min")
            yield FieldRow("Healthy max", FieldInput(number(m.range_max), placeholder="highest "
                                                "healthy value (blank: none)"), "range_max")
            yield FieldRow("Owner", FieldInput(m.owner, placeholder="who looks after it"), "owner")
            yield FieldRow("Description", FieldInput(m.description.replace("\n", " "),
                                                placeholder="what it measures"), "description")
            yield Toggle("Lower is better (churn, latency…)", m.direction == "lower", "lower")
            yield Toggle("Reviewed monthly (else weekly)", m.cadence == "monthly", "monthly")
            yield Toggle("Watched on the dashboard", m.watched, "watched")
            yield Static("enter or ctrl+s saves · space toggles [x] · esc cancels",
                         classes="hint", markup=False)
            yield Static("", id="form-problem", markup=False)
        yield KeyBar()


    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def action_save(self) -> None:
        self.clear_messages()
        try:
            data: dict[str, Any] = {
                "name": self._value("name"),
                "unit": self._value("unit"),
                "owner": self._value("owner"),
                "description": self._value("description"),
                "range_min": parse_optional_number(self._value("range_min"), "range_min"),
                "range_max": parse_optional_number(self._value("range_max"), "range_max"),
                "direction": "lower" if self.query_one("#lower", Toggle).value else "higher",
                "cadence": "monthly" if self.query_one("#monthly", Toggle).value else "weekly",
                "watched": self.query_one("#watched", Toggle).value,
            }
            base = self.metric.model_dump() if self.metric else {}
            metric = Metric.model_validate({**base, **data})
            saved = self._save(metric)
        except InvalidInput as error:
            self.show_field_error(error.field, str(error))
            return
        except ValidationError as error:
            field, message = validation_problem(error)
            field = field or "range_max"  # a model-level check: the range's bounds
            if field == "name" and message == "can't be empty":
                message = "a KPI needs a name"
            self.show_field_error(field, message)
            return
        except AlreadyExists as error:
            self.show_field_error("name", str(error))
            return
        except OkrtuiError as error:
            self.show_problem(str(error))
            return
        self.dismiss(saved)
