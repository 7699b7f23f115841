"""Fetch one source, or many at once in a bounded pool, each with its timeout."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from datetime import date
from typing import TypeVar

from okrtui.core.errors import InvalidInput
from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.command import run_command
from okrtui.fetch.csv_file import read_csv
from okrtui.fetch.errors import FetchError
from okrtui.fetch.http import get_url
from okrtui.fetch.sql import run_query

K = TypeVar("K")

_FETCHERS: dict[str, Callable[[SourceSpec, date, Mapping[str, str]], Fetched]] = {
    "command": lambda spec, today, env: run_command(spec, env),
    "sql": run_query,
    "url": lambda spec, today, env: get_url(spec, env),
    "csv": lambda spec, today, env: read_csv(spec, today),
}


def fetch(spec: SourceSpec, *, today: date, env: Mapping[str, str]) -> Fetched:
    """What the source gives now: a value, or a history (dated points), or an error.
    A source's own failure is an `error`; any other exception is a bug and is raised."""
    started = time.monotonic()
    try:
        fetched = _FETCHERS[spec.kind](spec, today, env)
    except (FetchError, InvalidInput) as error:
        fetched = Fetched(error=str(error))
    return fetched.model_copy(update={"seconds": time.monotonic() - started})


def fetch_all(jobs: Sequence[tuple[K, SourceSpec]], *, today: date, env: Mapping[str, str],
              workers: int = 16,
              on_done: Callable[[K, Fetched], None] | None = None) -> dict[K, Fetched]:
    """Fetch every job in a pool of `workers` threads; `on_done` is called in the
    caller's thread as each one finishes (so it may write to the database)."""
    done: dict[K, Fetched] = {}
    if not jobs:
        return done
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(jobs))),
                            thread_name_prefix="okrtui-fetch") as pool:
        running: dict[Future[Fetched], K] = {
            pool.submit(fetch, spec, today=today, env=env): key for key, spec in jobs}
        for future in as_completed(running):
            key = running[future]
            done[key] = future.result()
            if on_done is not None:
                on_done(key, done[key])
    return done
