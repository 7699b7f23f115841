"""What a journal entry is about: links to metrics, objectives and key results.

People type links as words (`Churn, KR3, O2`); the store keeps ids and
shows them back as the same words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from okrtui.core.errors import InvalidInput, NotFound
from okrtui.core.models import Link
from okrtui.store import sql
from okrtui.store.metrics import Metrics
from okrtui.store.okr_reads import OkrReads
from okrtui.store.sql import StoreContext

_KR, _OBJECTIVE = re.compile(r"KR\s*(\d+)", re.I), re.compile(r"O\s*(\d+)", re.I)


class JournalLinks:
    """Links of journal entries: parsed from words, shown as words, stored by id."""

    def __init__(self, ctx: StoreContext, metrics: Metrics, okrs: OkrReads) -> None:
        self.db = ctx.db
        self.metrics = metrics
        self.okrs = okrs

    def parse(self, text: str) -> tuple[Link, ...]:
        """`Churn, KR3, O2`: metric names, key results (KRn) and objectives (On)."""
        links: list[Link] = []
        for token in (t.strip() for t in text.split(",")):
            if not token:
                continue
            if match := _KR.fullmatch(token):
                self.okrs.get_key_result(int(match[1]))
                links.append(Link(kind="key_result", item_id=int(match[1])))
            elif match := _OBJECTIVE.fullmatch(token):
                self.okrs.get_objective(int(match[1]))
                links.append(Link(kind="objective", item_id=int(match[1])))
            else:
                try:
                    metric = self.metrics.get_metric(token)
                except NotFound as error:
                    raise InvalidInput(f"{error} (links are metric names, KR3, O2)",
                                       "links") from None
                links.append(Link(kind="metric", item_id=metric.id or 0))
        return tuple(dict.fromkeys(links))

    def words(self, links: Sequence[Link]) -> list[str]:
        """Each link as a word: a metric's name, `KR3`, `O2`."""
        words = []
        for link in links:
            if link.kind == "key_result":
                words.append(f"KR{link.item_id}")
            elif link.kind == "objective":
                words.append(f"O{link.item_id}")
            else:
                metric = self.metrics.find_metric(link.item_id)
                words.append(f"metric {link.item_id}" if metric is None else metric.name)
        return words

    def mentions(self, body: str) -> tuple[Link, ...]:
        """The key results (KR3) and metrics (by name) a text names."""
        links = [Link(kind="key_result", item_id=int(n)) for n in re.findall(r"\bKR(\d+)\b", body)
                 if sql.exists(self.db, "SELECT 1 FROM key_result WHERE id = ?", [int(n)])]
        lowered = body.lower()
        links += [Link(kind="metric", item_id=m.id or 0)
                  for m in self.metrics.list_metrics() if m.name.lower() in lowered]
        return tuple(dict.fromkeys(links))

    def write(self, entry_id: int, links: Sequence[Link]) -> None:
        """Inside the caller's transaction: the entry's links become `links`."""
        sql.execute(self.db, "DELETE FROM journal_link WHERE entry_id = ?", [entry_id])
        sql.execute_many(self.db, "INSERT INTO journal_link (entry_id, kind, item_id) "
                         "VALUES (?, ?, ?)",
                         [(entry_id, link.kind, link.item_id) for link in dict.fromkeys(links)])

    def of_entries(self, entry_ids: Sequence[int]) -> dict[int, list[Link]]:
        """Entry id → its links: metrics first, then objectives, then key results."""
        found: dict[int, list[Link]] = {}
        if not entry_ids:
            return found
        marks = ", ".join("?" * len(entry_ids))
        for entry_id, kind, item_id in sql.tuples(
                self.db, f"SELECT entry_id, kind, item_id FROM journal_link WHERE entry_id IN "
                f"({marks}) ORDER BY CASE kind WHEN 'metric' THEN 0 WHEN 'objective' "
                "THEN 1 ELSE 2 END, item_id", list(entry_ids)):
            found.setdefault(entry_id, []).append(Link.model_construct(kind=kind, item_id=item_id))
        return found
