"""The floor: a bare Textual app (Header, Static, Footer), the least any Textual app costs.

benchmarks/run.py gives okrtui's start-up and peak memory as multiples of this one's.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Floor(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("ready")
        yield Footer()


if __name__ == "__main__":
    Floor().run()
