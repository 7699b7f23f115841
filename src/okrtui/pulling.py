"""Pulling KPI sources: which are due, which this account may run, fetch them, record them.

Shared by `okrtui pull` and the dashboard's `p`. Fetching happens in a bounded
pool (`fetch.run.fetch_all`); each result is written in the caller's thread as it
arrives, one transaction each, so a slow source delays nobody's value and the
database connection stays with the thread that made it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from okrtui.core.errors import InvalidInput, NotFound
from okrtui.core.sources import Fetched, Pull, Source, refusal, source_due
from okrtui.store.repository import Repository

DEFAULT_WORKERS = 16


@dataclass(frozen=True)
class PullPlan:
    """What a pull will do: the sources to run, those refused (and why), those not due."""

    to_run: list[Source] = field(default_factory=list)
    refused: list[tuple[Source, str]] = field(default_factory=list)
    not_due: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class PullOutcome:
    """One source's pull: what it fetched, and what was recorded (nothing on a dry run)."""

    source: Source
    fetched: Fetched
    pull: Pull | None = None
    written: int = 0
    kept: str = ""

    @property
    def ok(self) -> bool:
        return self.fetched.ok


def plan_pull(repo: Repository, names: Sequence[str], *, today: date, week_first: int,
              uid: int, key: bytes | None) -> PullPlan:
    """The sources of the named metrics (all of them, due or not), or, with no names,
    every source that is due. Sources of other accounts are refused, never run."""
    if names:
        chosen = []
        for name in names:
            metric = repo.get_metric(name)
            source = repo.sources.of_metric(metric.id or 0)
            if source is None:
                raise NotFound(f"{metric.name!r} has no source (okrtui source add "
                               f"{metric.name!r} --command …)")
            chosen.append(source)
    else:
        chosen = repo.sources.listing()
    last_ok = repo.sources.last_ok_days()
    metrics = {m.id: m for m in repo.list_metrics(include_archived=True)}
    plan = PullPlan()
    for source in chosen:
        metric = metrics[source.metric_id]
        if metric.archived and not names:
            continue
        why = refusal(source, uid, key)
        if why:
            plan.refused.append((source, why))
        elif names or source_due(source.interval(metric.cadence), last_ok.get(source.id or 0),
                                 today, week_first):
            plan.to_run.append(source)
        else:
            plan.not_due.append(source)
    return plan


def run_pull(repo: Repository, sources: Sequence[Source], *, today: date,
             env: Mapping[str, str], dry_run: bool = False, backfill: bool = False,
             workers: int = DEFAULT_WORKERS,
             on_done: Callable[[PullOutcome], None] | None = None) -> list[PullOutcome]:
    """Fetch `sources` at once and record each result as it comes: a value as a
    reading, a failure as a failed pull with its reason. `dry_run` records nothing."""
    from okrtui.fetch.run import fetch_all

    by_id = {source.id or 0: source for source in sources}
    outcomes: list[PullOutcome] = []

    def record(source_id: int, fetched: Fetched) -> None:
        outcome = record_fetched(repo, by_id[source_id], fetched, today, dry_run=dry_run,
                                 backfill=backfill)
        outcomes.append(outcome)
        if on_done is not None:
            on_done(outcome)

    fetch_all([(source_id, s.spec) for source_id, s in by_id.items()], today=today,
              env=env, workers=max(1, workers), on_done=record)
    return outcomes


def record_fetched(repo: Repository, source: Source, fetched: Fetched, today: date, *,
                   dry_run: bool = False, backfill: bool = False) -> PullOutcome:
    """Record what one fetch brought, in the caller's thread: a value as a reading
    (a person's reading of that day is kept), else a failed pull with its reason.
    `okrtui pull` and the dashboard's `p` both record through here."""
    if dry_run:
        return PullOutcome(source, fetched)
    if fetched.ok:
        try:
            pull, written, kept = repo.sources.record_value(source, today, fetched,
                                                            backfill=backfill)
            return PullOutcome(source, fetched, pull, written, kept)
        except InvalidInput as error:  # archived since, or nothing to record
            fetched = fetched.model_copy(update={"error": str(error)})
    pull = repo.sources.record_failure(source, today, fetched.error)
    return PullOutcome(source, fetched, pull)
