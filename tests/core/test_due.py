"""Who is due, grouped by owner: nothing lost, nothing doubled, nobody's last."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.due import NOBODY, DueItem, by_owner, due_items, for_owner
from okrtui.core.models import NextTest

owners = st.sampled_from(["maria", "Li", "", "li", "sam"])


@given(st.lists(owners, max_size=12))
def test_grouping_by_owner_keeps_every_item_once(names: list[str]) -> None:
    items = [DueItem(n or NOBODY, "kpi", i, f"m{i}", "") for i, n in enumerate(names)]
    groups = by_owner(items)
    assert sorted(i.item_id for g in groups.values() for i in g) == list(range(len(items)))
    assert list(groups)[-1:] == [NOBODY] or NOBODY not in groups
    assert {i.item_id for i in for_owner(items, "LI")} == {
        i.item_id for i in items if i.owner.casefold() == "li"}


def test_open_next_tests_are_due_for_whoever_set_them() -> None:
    test = NextTest(id=3, text="Ask lee", week=date(2026, 11, 16), author="")
    (item,) = due_items([], [], [test], date(2026, 11, 23))
    assert (item.owner, item.kind, item.why) == (NOBODY, "next-test",
                                                 "open since the review of 2026-11-16")
