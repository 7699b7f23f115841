"""`p`: pull the KPI in view from its source now.

The fetch runs in a thread of its own (a slow source leaves the dashboard
alive, its seconds counting on the status line); what it brought is recorded
back in the app's thread, through the same `pulling.record_fetched` as
`okrtui pull`, because the database connection belongs to that thread.
"""

from __future__ import annotations

import os
import shlex
import time
from dataclasses import dataclass

from textual.timer import Timer

from okrtui.accounts import account, load_key
from okrtui.core.errors import OkrtuiError
from okrtui.core.format import format_value
from okrtui.core.models import Metric
from okrtui.core.sources import Fetched, Source, refusal
from okrtui.core.text import clean_line
from okrtui.pulling import PullOutcome, record_fetched
from okrtui.tui.context import Context, Ui
from okrtui.tui.flows.base import Flow
from okrtui.tui.views import DashboardViews

TICK_SECONDS = 1.0  # how often the status line counts a running pull's seconds


@dataclass(frozen=True)
class Running:
    """A pull under way: its KPI, its source, when it started (monotonic seconds)."""

    metric: Metric
    source: Source
    started: float

    def words(self, now: float) -> str:
        """`Signups (command)… 2 s`."""
        return f"{self.metric.name} ({self.source.spec.kind})… {int(now - self.started)} s"


class PullFlow(Flow):
    """What `p` does on a KPI: check the source may run here, fetch, record, say."""

    def __init__(self, ctx: Context, ui: Ui, views: DashboardViews) -> None:
        super().__init__(ctx, ui, views)
        self.running: dict[int, Running] = {}  # the pulls under way, by metric id
        self._ticker: Timer | None = None  # counts their seconds while any runs

    def start(self) -> None:
        """Pull the KPI in view now, due or not."""
        metric = self._ui.selection.metric()
        if metric is None or self._ctx.repo.read_only:
            return
        metric_id = metric.id or 0
        if metric_id in self.running:
            self._ui.say(f"{metric.name} is already being pulled: "
                         f"{self.running[metric_id].words(time.monotonic())}")
            return
        source = self._ctx.repo.sources.of_metric(metric_id)
        if source is None:
            self._ui.say(f"{metric.name} has no source: okrtui source add "
                         f"{shlex.quote(metric.name)} --command …")
            return
        why = self._refusal(source)
        if why:
            self._ui.say(f"{metric.name}: not pulled: {why}")
            return
        self.running[metric_id] = Running(metric, source, time.monotonic())
        self._tick()
        if self._ticker is None:
            self._ticker = self._ui.every(TICK_SECONDS, self._tick)
        from okrtui.fetch.run import fetch  # imported here, in the app's thread, on first use

        spec, today, env = source.spec, self._ctx.today, dict(os.environ)

        def work() -> Fetched:  # only the fetch runs there: no database in that thread
            return fetch(spec, today=today, env=env)

        self._ui.in_thread(work, lambda fetched: self._fetched(metric_id, fetched))

    def _refusal(self, source: Source) -> str:
        """Why this account may not run `source` ("" when it may)."""
        try:
            key = load_key()
        except OkrtuiError as error:  # a key others can read, or not okrtui's
            return str(error)
        return refusal(source, account()[1], key)

    def _tick(self) -> None:
        """Say which pulls are under way, and for how long."""
        if not self.running:
            return
        now = time.monotonic()
        self._ui.say("Pulling " + " · ".join(r.words(now) for r in self.running.values()))

    def _fetched(self, metric_id: int, fetched: Fetched) -> None:
        """Back in the app's thread: record what the fetch brought, show it, say it."""
        running = self.running.pop(metric_id)
        if not self.running and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        try:
            outcome = record_fetched(self._ctx.repo, running.source, fetched, self._ctx.today)
        except OkrtuiError as error:  # the KPI or its source went meanwhile
            self._ui.say(f"{running.metric.name}: not recorded: {error}")
            return
        self._views.source_pulled(metric_id)
        self._ui.say(pulled_words(running.metric, outcome))


def pulled_words(metric: Metric, outcome: PullOutcome) -> str:
    """`Signups: 42 from its source`, `Signups: kept maria's reading 40 …`,
    `Signups: source failed: HTTP 503`."""
    fetched = outcome.fetched
    if not fetched.ok:
        # A source's words are data (a server's, a command's): one plain line.
        return f"{metric.name}: source failed: {clean_line(fetched.error)}"
    if outcome.kept:
        return f"{metric.name}: {clean_line(outcome.kept)}"
    value = fetched.history[-1].value if fetched.history else fetched.value
    same = " (unchanged)" if outcome.written == 0 else ""
    return f"{metric.name}: {format_value(value, metric.unit)} from its source{same}"
