"""A realistic demo database: eight KPIs, two years of weekly readings.

Deterministic for a given "today", so screenshots and tests are repeatable.
One KPI (activation) has a real shift ten weeks ago; the others move by noise;
NPS has no healthy range and repeat contacts have gone stale.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from okrtui.core.models import IncomingReading, Metric
from okrtui.store.repository import Repository

WEEKS = 104


@dataclass(frozen=True)
class _Series:
    metric: Metric
    start: float
    drift: float  # per week
    noise: float
    monthly: bool = False
    stop_weeks_ago: int = 0
    shift_weeks_ago: int = 0
    shift: float = 0.0
    decimals: int = 1


def _series() -> list[_Series]:
    m = Metric
    return [
        _Series(m(name="Monthly recurring revenue", unit="$", range_min=400_000, owner="maria",
                  description="Sum of active subscriptions, end of week."),
                421_000, 0.0, 2_400, decimals=0),
        _Series(m(name="Revenue churn", unit="%", direction="lower", range_max=3.0,
                  owner="maria", description="Share of MRR lost in the last 30 days."),
                2.5, 0.0, 0.25, decimals=2),
        _Series(m(name="Activation rate", unit="%", range_min=30, range_max=45, owner="sam",
                  description="New sign-ups reaching first value within 7 days."),
                37.5, 0.0, 1.1, shift_weeks_ago=10, shift=-6.5),
        _Series(m(name="Weekly active users", unit="users", range_min=14_500, owner="sam"),
                13_600, 0.0, 240, decimals=0),
        _Series(m(name="Uptime", unit="%", range_min=99.5, owner="lee",
                  description="Share of minutes the API answered health checks."),
                99.86, 0.0, 0.06, decimals=2),
        _Series(m(name="API p95 latency", unit="ms", direction="lower", range_max=400,
                  owner="lee"),
                310, 0.0, 18, shift_weeks_ago=9, shift=45, decimals=0),
        _Series(m(name="Repeat contact rate", unit="%", direction="lower", range_max=15,
                  owner="kim", description="Tickets from customers who wrote in the last week."),
                12.5, 0.0, 1.0, stop_weeks_ago=3),
        _Series(m(name="Net promoter score", unit="", cadence="monthly", owner="kim",
                  range_min=25,
                  description="Quarterly survey, rolling monthly."),
                31, 0.0, 3, monthly=True, decimals=0),
    ]


def build_demo(repo: Repository, today: date, seed: int = 1) -> None:
    """Fill an empty database with the demo KPIs and their history."""
    rng = random.Random(seed)
    last_monday = today - timedelta(days=today.weekday())
    metrics: list[Metric] = []
    readings: list[IncomingReading] = []
    authors = ("maria", "sam", "lee", "kim")
    for s in _series():
        metrics.append(s.metric)
        for week in range(WEEKS, -1, -1):
            if week < s.stop_weeks_ago or (s.monthly and week % 4):
                continue
            at = last_monday - timedelta(weeks=week)
            value = s.start + s.drift * (WEEKS - week) + rng.gauss(0, s.noise)
            if s.shift_weeks_ago and week < s.shift_weeks_ago:
                value += s.shift
            readings.append(IncomingReading(
                metric=s.metric.name, at=at, value=round(value, s.decimals),
                author=s.metric.owner or rng.choice(authors), source="demo",
                recorded_at=datetime.combine(at, time(9, 30), UTC),
            ))
    # One correction, as people make them: a typo fixed the next day.
    wau = [r for r in readings if r.metric == "Weekly active users"]
    typo = wau[-4]  # three weeks ago
    readings.append(typo.model_copy(update={
        "value": typo.value, "note": "corrected: first entry had a typo",
        "recorded_at": datetime.combine(typo.at + timedelta(days=1), time(8), UTC),
    }))
    index = readings.index(typo)
    readings[index] = typo.model_copy(update={"value": typo.value * 10})
    activation = [r for r in readings if r.metric == "Activation rate"]
    note_at = activation[-10]
    readings[readings.index(note_at)] = note_at.model_copy(
        update={"note": "new onboarding flow shipped (v4.2)"}
    )
    repo.import_readings(readings, new_metrics=metrics)
    # The team confirmed activation's shift and recomputed its limits from it.
    repo.signals.set_baseline(repo.get_metric("Activation rate").id or 0, note_at.at, None,
                              today=today, note="new onboarding flow shipped (v4.2)")
    # Pushing latency down could cost uptime: each shows when the other breaks.
    repo.signals.set_companions(repo.get_metric("API p95 latency").id or 0,
                                [repo.get_metric("Uptime").id or 0])
    build_demo_okrs(repo, today, rng)
    build_demo_journal(repo, today)
    build_demo_test_target(repo, today)
    from okrtui.demo_history import build_demo_history, build_demo_next_plan

    build_demo_history(repo, today)
    build_demo_next_plan(repo, today)


def build_demo_journal(repo: Repository, today: date) -> None:
    """A decision, a note, and last week's review with two next tests to follow up."""
    from okrtui.core.models import JournalEntry
    from okrtui.core.periods import week_start

    monday = week_start(today)
    last_week = monday - timedelta(weeks=1)
    activation = repo.journal.parse_links("Activation rate")
    repo.journal.add(JournalEntry(
        kind="decision", at=monday - timedelta(weeks=9), links=activation,
        body="Activation's drop is real, not noise\n\nThe shift started with onboarding "
             "v4.2. New limits from that week; a key result this quarter to win it back."),
        today)
    repo.journal.add(JournalEntry(
        at=last_week + timedelta(days=2), links=repo.journal.parse_links("API p95 latency, Uptime"),
        body="Latency creeping up since the CDN change\n\nStill inside its range; lee is "
             "checking the cache hit rate."), today)
    repo.journal.save_review(
        "# Weekly review, week of " + last_week.isoformat() + "\n\n## What changed\n\n"
        "- Activation steady at its new, lower level.\n\n## Why it matters\n\n"
        "- KR1 needs activation back above 35%.\n\n## What to test next\n\n"
        "- Email new sign-ups a checklist on day 2\n"
        "- Ask lee what moved latency after the CDN change\n", last_week, last_week,
        # Written last Monday, after that morning's readings and check-ins: this
        # week's note compares with what it saw then.
        saved_at=datetime.combine(last_week, time(11), UTC))


def build_demo_okrs(repo: Repository, today: date, rng: random.Random) -> None:
    """This quarter's plan: two objectives, three key results, weekly check-ins."""
    from okrtui.core.models import KeyResult, Objective
    from okrtui.core.periods import Quarter

    quarter = Quarter.of(today)
    response = repo.add_metric(Metric(name="First response time", unit="h", direction="lower",
                                      watched=False, owner="kim"))
    plan = [
        ("New customers find value in their first week", "sam",
         "Activation fell in the autumn; every lost activation is a lost customer.",
         [("Lift activation from 31% to 38%", "Activation rate", 31.0, 38.0,
           ["Revenue churn"]),
          ("Grow weekly active users from 13,500 to 15,000", "Weekly active users", 13_500.0,
           15_000.0, ["API p95 latency"])]),
        ("Customers only need to ask us once", "kim",
         "Slow first answers make people write twice.",
         [("Cut first response time from 9 h to 4 h", "First response time", 9.0, 4.0,
           ["Repeat contact rate"])]),
    ]
    comments = ["", "", "new onboarding emails", "holiday week", "", "pricing page test"]
    for title, owner, why, results in plan:
        objective = repo.okrs.add_objective(
            Objective(quarter=str(quarter), title=title, owner=owner, why=why))
        for statement, metric_name, baseline, target, guards in results:
            metric = repo.get_metric(metric_name)
            kr = repo.okrs.add_key_result(
                KeyResult(objective_id=objective.id or 0, metric_id=metric.id or 0,
                          statement=statement, baseline=baseline, target=target,
                          start=quarter.start, due=quarter.end, owner=owner),
                [repo.get_metric(g) for g in guards])
            monday = quarter.start + timedelta(days=(7 - quarter.start.weekday()) % 7)
            week = 0
            while monday <= today:
                if metric.id == response.id:
                    value = round(9.0 - 0.35 * week + rng.gauss(0, 0.4), 1)
                else:
                    points = repo.current_points(metric.id or 0, monday, limit=1)
                    value = points[-1].value if points else baseline
                repo.okrs.check_in(kr, value, today=today, at=monday,
                                   confidence=max(3, min(9, 7 + rng.randint(-2, 1))),
                                   comment=rng.choice(comments), source="demo",
                                   recorded_at=datetime.combine(monday, time(10), UTC))
                monday += timedelta(weeks=1)
                week += 1


def build_demo_test_target(repo: Repository, today: date) -> None:
    """Last week's checklist test names the KPI it should move: activation, up."""
    from okrtui.core.periods import week_start

    last_week = week_start(today) - timedelta(weeks=1)
    test = next(t for t in repo.journal.tests_of(last_week) if "checklist" in t.text)
    repo.journal.set_test_target(test.id or 0, repo.get_metric("Activation rate").id,
                                 "up")
