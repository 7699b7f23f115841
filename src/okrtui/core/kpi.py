"""A KPI's health on a given day: in range, out of range, stale, or unknown."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from okrtui.core.models import Metric, Point
from okrtui.core.symbols import Labels


class Status(StrEnum):
    """What a manager needs to know about a vital sign today."""

    HEALTHY = "healthy"
    BELOW = "below"
    ABOVE = "above"
    NO_RANGE = "no-range"
    STALE = "stale"
    NO_DATA = "no-data"


# Days after which the latest reading no longer describes "now": the cadence
# plus a grace period, so a reading a day or two late does not raise an alarm.
STALE_AFTER_DAYS = {"weekly": 7 + 3, "monthly": 31 + 7}

# A monthly KPI is due in a weekly review when it has no reading in this many days.
MONTHLY_DUE_DAYS = 28

# Symbol and words for each status, so no meaning rests on colour alone.
# (In ASCII mode: "ok healthy", "v below", "^ above", "... stale"; core/symbols.py.)
STATUS_LABEL = Labels({
    Status.HEALTHY: ("ok", "healthy"),
    Status.BELOW: ("below", "below"),
    Status.ABOVE: ("above", "above"),
    Status.NO_RANGE: ("?", "no range"),
    Status.STALE: ("stale", "stale"),
    Status.NO_DATA: ("-", "no data"),
})


@dataclass(frozen=True)
class KpiHealth:
    """A watched metric's state for one day, derived from its recent readings."""

    metric: Metric
    status: Status
    range_status: Status
    latest: Point | None
    previous: Point | None
    recent: tuple[float, ...]
    days_since: int | None
    # The key result measuring this metric this quarter, if any: its role is
    # then "key result", never a second passive KPI (DOMAIN rule 1).
    key_result_id: int | None = None

    @property
    def role(self) -> str:
        """`key-result` while a key result of this quarter measures it, else `kpi`."""
        return "kpi" if self.key_result_id is None else "key-result"

    @property
    def change(self) -> float | None:
        """Latest value minus the previous one; None without two readings."""
        if self.latest is None or self.previous is None:
            return None
        # Rounded so that 3.1 - 2.5 reads 0.6, not 0.6000000000000001.
        return round(self.latest.value - self.previous.value, 10)


def range_status(metric: Metric, value: float) -> Status:
    """Where a value sits against the metric's healthy range."""
    if not metric.has_range:
        return Status.NO_RANGE
    if metric.range_min is not None and value < metric.range_min:
        return Status.BELOW
    if metric.range_max is not None and value > metric.range_max:
        return Status.ABOVE
    return Status.HEALTHY


def kpi_health(metric: Metric, recent: Sequence[Point], today: date) -> KpiHealth:
    """The KPI's status today from its readings up to today, oldest first.

    Missing data wins over everything (`no-data`, then `stale`), because an
    old value says nothing about now; then a KPI without a range is flagged
    `no-range` (DOMAIN rule 4), whatever its value.
    """
    points = [p for p in recent if p.at <= today]
    latest = points[-1] if points else None
    previous = points[-2] if len(points) >= 2 else None
    if latest is None:
        return KpiHealth(metric, Status.NO_DATA, Status.NO_DATA, None, None, (), None)
    days_since = (today - latest.at).days
    in_range = range_status(metric, latest.value)
    status = Status.STALE if days_since > STALE_AFTER_DAYS[metric.cadence] else in_range
    return KpiHealth(
        metric=metric,
        status=status,
        range_status=in_range,
        latest=latest,
        previous=previous,
        recent=tuple(p.value for p in points),
        days_since=days_since,
    )


def kpi_due(health: KpiHealth, week: date) -> bool:
    """Due in the review of `week` (a Monday): no reading yet that week (weekly
    KPIs), or none in the four weeks up to its Sunday (monthly ones)."""
    if health.latest is None:
        return True
    if health.metric.cadence == "monthly":
        return health.latest.at < week + timedelta(days=6) - timedelta(days=MONTHLY_DUE_DAYS)
    return health.latest.at < week


def due_kpis(overview: Sequence[KpiHealth], week: date,
             delivered: Collection[int] = ()) -> list[KpiHealth]:
    """The watched KPIs (not those a key result measures) due in the review of `week`;
    a KPI whose source delivered this week (metric ids in `delivered`) is not: nobody
    has a value to add (its reading may be dated earlier, as a weekly export's is)."""
    return [h for h in overview
            if h.key_result_id is None and h.metric.watched and kpi_due(h, week)
            and h.metric.id not in delivered]


def harmful_shift(direction: int, better: str) -> bool:
    """Whether a signal going `direction` (+1 up, -1 down) is bad for a metric whose
    `better` direction is "higher" or "lower"."""
    return (direction > 0) == (better == "lower")
