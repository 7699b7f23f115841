"""Whose things to show: everyone's, mine, or one team's (a team's shared database)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from okrtui.core.kpi import KpiHealth
from okrtui.core.models import Objective
from okrtui.core.okr import KeyResultView


@dataclass(frozen=True)
class Scope:
    """`Scope()` is everyone; `Scope(owner="maria")` is hers; `Scope(team="growth")` a team's."""

    owner: str = ""
    team: str = ""

    def label(self) -> str:
        if self.owner:
            return f"mine ({self.owner})"
        return f"team {self.team}" if self.team else "everyone"

    def _is(self, owner: str, team: str) -> bool:
        if self.owner:
            return owner.strip().lower() == self.owner.lower()
        if self.team:
            return team.strip().lower() == self.team.lower()
        return True

    def kpis(self, rows: Sequence[KpiHealth]) -> list[KpiHealth]:
        """The KPIs in scope (by the metric's owner or team)."""
        return [h for h in rows if self._is(h.metric.owner, h.metric.team)]

    def plan(self, plan: Sequence[tuple[Objective, Sequence[KeyResultView]]]
             ) -> list[tuple[Objective, list[KeyResultView]]]:
        """Objectives in scope with all their key results, and others with just the key
        results in scope (a key result's team is its objective's)."""
        out = []
        for objective, views in plan:
            if self._is(objective.owner, objective.team):
                out.append((objective, list(views)))
                continue
            mine = [v for v in views if self._is(v.key_result.owner, objective.team)]
            if mine:
                out.append((objective, mine))
        return out


def scopes(user: str, teams: Sequence[str]) -> list[Scope]:
    """The cycle `f` walks: everyone, mine, then each team by name."""
    by_key: dict[str, str] = {}
    for team in (t.strip() for t in teams if t.strip()):
        by_key.setdefault(team.lower(), team)  # "growth" and "Growth " are one team
    names = [by_key[k] for k in sorted(by_key)]
    return [Scope(), Scope(owner=user), *(Scope(team=t) for t in names)]
