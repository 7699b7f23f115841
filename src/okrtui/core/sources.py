"""Where a KPI's readings come from by themselves: a source, its pulls, when it is due.

A source is a command, an SQL query, an HTTP(S) URL returning JSON or a CSV
file. Its definition is data (`SourceSpec`); fetching is I/O and lives in
`okrtui.fetch`; the store keeps sources and every pull, failed ones included.
Everything here is pure: the clock and the account are parameters.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import Field

from okrtui.core.models import Frozen, Line, Point
from okrtui.core.periods import week_start

SourceKind = Literal["command", "sql", "url", "csv"]
Every = Literal["daily", "weekly", "monthly"]
KINDS: tuple[SourceKind, ...] = ("command", "sql", "url", "csv")
DEFAULT_TIMEOUT = 30.0  # seconds a source may take before its pull fails
MAX_TIMEOUT = 3600.0
MONTHLY_DAYS = 28


class SourceSpec(Frozen):
    """What to run or read, by kind; secrets appear only as `$NAME` references."""

    kind: SourceKind
    command: str = ""  # command: run by /bin/sh, prints a number or JSON
    dsn: str = ""  # sql: sqlite:///PATH or postgresql://[user@]host[:port]/db
    query: str = ""  # sql: returns one number (or rows of date, value: history)
    url: str = ""  # url: http(s), returns JSON
    json_path: str = ""  # command or url: where the number is in the JSON
    headers: tuple[tuple[str, str], ...] = ()  # url: (name, value with $ENV references)
    csv_path: str = ""  # csv: the file
    column: str = ""  # csv: the column with the number
    date_column: str = ""  # csv: the column with each row's date (history)
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0, le=MAX_TIMEOUT)

    def canonical(self) -> str:
        """A stable text of the whole definition, for its signature."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))

    def describe(self) -> str:
        """One line for people: what it runs or reads (header values only by name)."""
        if self.kind == "command":
            text = f"command: {self.command}"
        elif self.kind == "sql":
            text = f"sql: {self.dsn} · {self.query}"
        elif self.kind == "url":
            text = f"url: {self.url}"
            if self.headers:
                text += " · headers " + ", ".join(name for name, _ in self.headers)
        else:
            text = f"csv: {self.csv_path} · column {self.column}"
            if self.date_column:
                text += f" by {self.date_column}"
        if self.json_path:
            text += f" · {self.json_path}"
        return text


class Source(Frozen):
    """A KPI's source as stored: its definition, how often, and whose it is."""

    id: int | None = None
    metric_id: int
    metric: Line = ""
    spec: SourceSpec
    every: Every | None = None  # None: the KPI's cadence
    account: Line  # the operating-system account that defined it
    uid: int
    signature: str = ""
    created_at: datetime | None = None

    def interval(self, cadence: str) -> Every:
        """How often it is pulled: its own `every`, else the KPI's cadence."""
        if self.every is not None:
            return self.every
        return "monthly" if cadence == "monthly" else "weekly"


class Pull(Frozen):
    """One run of a source: the value it gave, or why it failed."""

    id: int | None = None
    source_id: int
    metric_id: int
    day: date
    finished_at: datetime
    ok: bool
    value: float | None = None
    reason: Line = ""
    reading_id: int | None = None
    account: Line = ""


class Fetched(Frozen):
    """What a fetch brought back: a value, or a history (date, value), or an error."""

    value: float | None = None
    history: tuple[Point, ...] = ()
    error: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


def sign(spec: SourceSpec, metric_id: int, uid: int, key: bytes) -> str:
    """The account's seal on a definition: only the holder of `key` can make it, so
    a source nobody of this account defined (or one edited in the file) is refused."""
    message = f"{metric_id}\n{uid}\n{spec.canonical()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def refusal(source: Source, uid: int, key: bytes | None) -> str:
    """Why the account `uid` (holding `key`) may not run `source`; "" when it may."""
    if source.uid != uid:
        return (f"defined by {source.account} (uid {source.uid}): a source runs only "
                "for the account that defined it")
    if key is None or not hmac.compare_digest(
            source.signature, sign(source.spec, source.metric_id, uid, key)):
        return ("its definition does not carry this account's seal (changed in the "
                "database, or defined with another key): remove it and add it again")
    return ""


def period_start(every: Every, today: date, week_first: int = 0) -> date:
    """The first day of the period `today` is in, for a source pulled `every`."""
    if every == "daily":
        return today
    if every == "weekly":
        return week_start(today, week_first)
    return today - timedelta(days=MONTHLY_DAYS - 1)


def source_due(every: Every, last_ok: date | None, today: date, week_first: int = 0) -> bool:
    """A source is due when it has delivered nothing in its current period."""
    return last_ok is None or last_ok < period_start(every, today, week_first)


def failing_since(pulls: Sequence[Pull]) -> Pull | None:
    """The first failure of the failing run a source is in (pulls oldest first);
    None when its latest pull succeeded or it never ran."""
    first: Pull | None = None
    for pull in pulls:
        first = None if pull.ok else (first or pull)
    return first


def failing_text(first: Pull, latest: Pull) -> str:
    """"source failing since 11-20: HTTP 503" (the latest reason)."""
    return f"source failing since {first.day:%m-%d}: {latest.reason}"
