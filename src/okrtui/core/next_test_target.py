"""A next test that names the KPI it should move and which way, and whether it has.

A person says it at the end of the test's bullet: `Call two customers → Churn down`,
`... -> Churn ↓` or `... (Churn down)`. The verdict asks the KPI's XmR chart
(core.signals): has a finding in that direction touched a reading dated on or
after the week the test was set? A finding that began earlier is said to have
been under way before the test, so a test is not silently credited with a shift
it did not start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from okrtui.core.errors import InvalidInput
from okrtui.core.signals import Finding, Verdict, XmR

Direction = Literal["up", "down"]
VerdictKind = Literal["moved", "other-way", "no-signal", "too-few"]
DIRECTIONS: tuple[Direction, ...] = ("up", "down")

_WORDS: dict[str, Direction] = {"up": "up", "↑": "up", "▲": "up", "down": "down",
                                "↓": "down", "▼": "down"}
_ARROW = r"(?:→|->)\s*(?P<a>.+?)\s+(?P<ad>up|down|↑|↓|▲|▼)\s*\.?\s*$"
_PAREN = r"\(\s*(?P<p>[^()]+?)\s+(?P<pd>up|down|↑|↓|▲|▼)\s*\)\s*\.?\s*$"
_TARGET = re.compile(f"{_ARROW}|{_PAREN}", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """The KPI a next test should move (as its name is known) and which way."""

    metric: str
    direction: Direction


def parse_target(text: str, metric_names: Iterable[str]) -> Target | None:
    """The target a test's text names at its end, if it names a known KPI.

    The name is matched without regard to case; an unknown name is not a target
    (the text is only words then), so a stray arrow never invents one.
    """
    match = _TARGET.search(text)
    if match is None:
        return None
    name = (match.group("a") or match.group("p")).strip()
    way = _WORDS[(match.group("ad") or match.group("pd")).lower()]
    known = {n.casefold(): n for n in metric_names}
    found = known.get(name.casefold())
    return None if found is None else Target(found, way)


def read_target(words: str, metric_names: Iterable[str]) -> Target | None:
    """What a person typed in the dialog's "Should move" field: `Churn down`, `NPS ↑`;
    empty is no target. Raises InvalidInput (for the field) for anything else."""
    if not words.strip():
        return None
    target = parse_target(f"→ {words.strip()}", metric_names)
    if target is None:
        raise InvalidInput("say a KPI's name and up or down (Churn down), or leave it empty",
                           "target")
    return target


@dataclass(frozen=True)
class Judgement:
    """What the KPI has shown since the test began, in a few words."""

    kind: VerdictKind
    words: str
    finding: Finding | None = None


def _sign(direction: Direction) -> int:
    return 1 if direction == "up" else -1


def _before(finding: Finding, began: date) -> str:
    return ", under way before the test began" if finding.since < began else ""


def judge(metric: str, direction: Direction, began: date, chart: XmR,
          dates: Sequence[date]) -> Judgement:
    """Has `metric` shown a signal `direction` since `began`?

    `chart` is the KPI's chart (its limits and findings) and `dates` the days of
    its current readings; only findings touching a reading on or after `began`
    count, the wanted direction first.
    """
    since = sum(1 for d in dates if d >= began)
    recent = [f for f in chart.findings if f.dates and f.dates[-1] >= began]
    wanted = [f for f in recent if f.direction == _sign(direction)]
    other = [f for f in recent if f.direction != _sign(direction)]
    if wanted:
        finding = max(wanted, key=lambda f: (len(f.dates), f.dates[-1], f.rule))
        return Judgement("moved", f"{metric} has shown a signal {direction} since "
                         f"{finding.since} ({finding.reason()}){_before(finding, began)}",
                         finding)
    if other:
        finding = max(other, key=lambda f: (len(f.dates), f.dates[-1], f.rule))
        way = "up" if finding.direction > 0 else "down"
        return Judgement("other-way", f"{metric} moved the other way: a signal {way} since "
                         f"{finding.since} ({finding.reason()}){_before(finding, began)}",
                         finding)
    readings = "no reading" if since == 0 else f"{since} reading(s)"
    if chart.verdict is Verdict.TOO_FEW:
        return Judgement("too-few", f"no signal yet: {readings} of {metric} since {began}, "
                         "too few for limits")
    within = "" if since == 0 else ", within the limits"
    return Judgement("no-signal", f"no signal yet: {readings} of {metric} since "
                     f"{began}{within}")
