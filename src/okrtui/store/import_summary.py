"""The one line an import ends with: what it added, what was already there, what it
skipped and why, and what it assumed in reading the file.

"imported 49 objectives (2 already there), 130 key results, 412 check-ins;
skipped 3 check-ins: line 88, 90, 91: no date"
"""

from __future__ import annotations

from okrtui.store.exchange_okrs import OkrPlan, Skipped
from okrtui.store.okr_import import OkrCounts


def plural(count: int, noun: str) -> str:
    """`1 entry`, `2 entries`, `3 check-ins`."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def counted(added: int, noun: str, there: int = 0) -> str:
    """`3 objectives (2 already there)`."""
    return plural(added, noun) + (f" ({there} already there)" if there else "")


def skipped_text(skipped: tuple[Skipped, ...]) -> str:
    """`skipped 3 check-ins: line 88, 90, 91: no date`, one group per kind and reason."""
    groups: dict[tuple[str, str], list[str]] = {}
    for item in skipped:
        groups.setdefault((item.what, item.why), []).append(item.where)
    parts = []
    for (what, why), places in groups.items():
        lines = [p.removeprefix("line ") for p in places]
        where = ("line " + ", ".join(lines) if all(p.startswith("line ") for p in places)
                 else ", ".join(places))
        parts.append(f"{plural(len(places), what)}: {where}: {why}")
    return "skipped " + "; ".join(parts) if parts else ""


def import_summary(plan: OkrPlan, counts: OkrCounts, *,
                   readings: tuple[int, int] | None = None,
                   metrics: tuple[int, int] | None = None,
                   entries: int = 0, cycles: int = 0) -> str:
    """The summary of an import of `plan` that wrote `counts` (and, for a JSON export,
    `readings` and `metrics` as (added, already there), journal entries and cycles)."""
    parts = []
    if readings is not None:
        parts.append(counted(readings[0], "reading", readings[1]))
    if metrics is not None:
        parts.append(counted(metrics[0], "new metric", metrics[1]))
    if readings is None or plan.objectives or counts.objectives or counts.objectives_there:
        parts += [counted(counts.objectives, "objective", counts.objectives_there),
                  counted(counts.key_results, "key result", counts.key_results_there),
                  counted(counts.check_ins, "check-in", counts.check_ins_there)]
    if metrics is None and counts.metrics:
        parts.append(plural(len(counts.metrics), "new metric"))
    if entries:
        parts.append(plural(entries, "journal entry"))
    if cycles:
        parts.append(plural(cycles, "new cycle"))
    line = "imported " + ", ".join(parts)
    tail = [text for text in (skipped_text(plan.skipped), _made(counts), _assumed(counts),
                              *plan.notes) if text]
    return "; ".join([line, *tail])


def _lines(places: list[str]) -> str:
    return "line " + ", ".join(p.removeprefix("line ") for p in places)


def _made(counts: OkrCounts) -> str:
    """`the new metrics are unwatched; 2 are named from their statements: line 4, 9`."""
    if not counts.metrics:
        return ""
    named = [where for _, from_statement, where in counts.metrics if from_statement]
    text = "the new metrics are unwatched (not KPIs)"
    if named:
        text += (f"; {len(named)} named from {'its' if len(named) == 1 else 'their'} "
                 f"statement{'s' if len(named) > 1 else ''} (no metric given): "
                 + _lines(named))
    return text


def _assumed(counts: OkrCounts) -> str:
    """`baseline from the first check-in: line 4, 9`, one group per choice."""
    groups: dict[str, list[str]] = {}
    for text, where in counts.assumed:
        groups.setdefault(text, []).append(where)
    return "; ".join(f"{text}: {_lines(places)}" for text, places in groups.items())
