"""How did last week's next test go: done, not done (it comes back), or dropped; beside
it, what the KPI the test names has shown since it began."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from okrtui.core.errors import OkrtuiError
from okrtui.core.models import NextTest
from okrtui.tui.widgets.form import Choice, FieldInput, FieldRow
from okrtui.tui.widgets.form_screen import FormScreen
from okrtui.tui.widgets.key_bar import KeyBar

# (status, what was learnt, the KPI it should move: `Churn down`) → the answered test
SaveAnswer = Callable[[str, str, str], NextTest]
OPTIONS = [("done", "done"), ("not-done", "not done"), ("dropped", "dropped")]


class NextTestDialog(FormScreen[NextTest | None]):
    """Asks for the outcome (←/→) and what was learnt; enter saves, esc skips."""

    DEFAULT_CSS = """
    NextTestDialog > Vertical { border: round $warning; }
    NextTestDialog #test-about { margin-bottom: 1; }
    NextTestDialog #test-verdict { margin-bottom: 1; color: $text-accent; }
    NextTestDialog Choice { padding-left: 0; margin-bottom: 1; }
    """

    BINDINGS = [Binding("escape", "cancel", "Skip")]
    AUTO_FOCUS = "Choice"

    def __init__(self, test: NextTest, title: str, save: SaveAnswer, verdict: str = "",
                 target: str = "") -> None:
        super().__init__()
        self.test = test
        self.target = target  # `Churn down`: what it names now
        self.verdict = verdict  # what the KPI it names has shown since (next_test_target)
        self._title = title
        self._save = save
        self.draft_key, self.draft_words = ("next-test", f"test {test.id}"), "answer"

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self._title)
            yield Static(Content(f"From the review of {self.test.week}:\n{self.test.text}"),
                         id="test-about")
            if self.verdict:
                yield Static(Content(f"KPI: {self.verdict}"), id="test-verdict")
            yield Choice(OPTIONS, "not-done" if self.test.status == "open" else
                         self.test.status, "status")
            yield FieldRow("Learnt", FieldInput(self.test.learnt.replace("\n", " "),
                                                placeholder="what it taught us (optional)"),
                           "learnt")
            yield FieldRow("Should move", FieldInput(self.target, placeholder="a KPI and up "
                                                     "or down: Churn down (optional)"),
                           "target")
            yield Static("", id="form-problem", markup=False)
            yield Static("←/→ (or space) choose · enter saves · tab next field · esc skips",
                         classes="hint", markup=False)
        yield KeyBar()

    def action_save(self) -> None:
        self.clear_messages()
        try:
            answered = self._save(self.query_one(Choice).value,
                                  self.query_one("#learnt", Input).value,
                                  self.query_one("#target", Input).value)
        except OkrtuiError as error:
            self.show_field_error(getattr(error, "field", None), str(error))
            return
        self.dismiss(answered)
