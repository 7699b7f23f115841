"""Fetch one source, or many at once in a bounded pool, each with its timeout."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TypeVar

from okrtui.core.sources import Fetched, SourceSpec

K = TypeVar("K")


def fetch(spec: SourceSpec, *, today: date, env: Mapping[str, str]) -> Fetched:
    """What the source gives now: a value, or a history (dated points), or an error."""
    raise NotImplementedError


def fetch_all(jobs: Sequence[tuple[K, SourceSpec]], *, today: date, env: Mapping[str, str],
              workers: int = 16,
              on_done: Callable[[K, Fetched], None] | None = None) -> dict[K, Fetched]:
    """Fetch every job in a pool of `workers` threads; `on_done` is called in the
    caller's thread as each one finishes (so it may write to the database)."""
    raise NotImplementedError
