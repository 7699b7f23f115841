"""KPI sources in the core: the seal that binds a source to its account, when a source is
due, how long it has been failing, and reading numbers out of what a source said."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.errors import InvalidInput
from okrtui.core.source_values import (
    check_dsn,
    expand,
    number_from_json,
    number_from_output,
    parse_header,
    path_steps,
)
from okrtui.core.sources import (
    Pull,
    Source,
    SourceSpec,
    failing_since,
    failing_text,
    refusal,
    sign,
    source_due,
)

KEY = b"k" * 32
SPEC = SourceSpec(kind="command", command="echo 5")


def sealed(uid: int = 1000, key: bytes = KEY, spec: SourceSpec = SPEC) -> Source:
    return Source(metric_id=7, spec=spec, account="maria", uid=uid,
                  signature=sign(spec, 7, uid, key))


def test_the_defining_account_may_run_its_source() -> None:
    assert refusal(sealed(), 1000, KEY) == ""


def test_another_account_is_refused_by_uid() -> None:
    assert "defined by maria (uid 1000)" in refusal(sealed(), 1001, b"o" * 32)


def test_a_uid_changed_in_the_database_does_not_carry_the_seal() -> None:
    """A teammate who sets the row's uid to theirs still lacks the definer's key."""
    stolen = sealed().model_copy(update={"uid": 1001})
    assert "seal" in refusal(stolen, 1001, b"o" * 32)


def test_a_command_changed_in_the_database_is_refused_even_for_its_account() -> None:
    changed = sealed().model_copy(update={"spec": SourceSpec(kind="command", command="rm -rf ~")})
    assert "seal" in refusal(changed, 1000, KEY)


def test_an_account_without_a_key_runs_nothing() -> None:
    assert refusal(sealed(), 1000, None)


@pytest.mark.parametrize(("every", "last", "due"), [
    ("daily", None, True), ("daily", date(2026, 11, 25), False),
    ("daily", date(2026, 11, 24), True),
    ("weekly", date(2026, 11, 23), False),  # Monday: this week
    ("weekly", date(2026, 11, 22), True),  # last Sunday: last week
    ("monthly", date(2026, 10, 29), False),  # within 28 days
    ("monthly", date(2026, 10, 28), True),
])
def test_a_source_is_due_when_it_delivered_nothing_this_period(
        every: str, last: date | None, due: bool) -> None:
    assert source_due(every, last, date(2026, 11, 25), 0) is due  # type: ignore[arg-type]


def _pull(day: int, ok: bool, reason: str = "") -> Pull:
    return Pull(source_id=1, metric_id=7, day=date(2026, 11, day), ok=ok, reason=reason,
                finished_at=datetime(2026, 11, day, tzinfo=UTC))


def test_failing_since_the_first_failure_after_the_last_success() -> None:
    pulls = [_pull(18, False, "x"), _pull(19, True), _pull(20, False, "HTTP 500"),
             _pull(21, False, "HTTP 503")]
    first = failing_since(pulls)
    assert first is not None and first.day == date(2026, 11, 20)
    assert failing_text(first, pulls[-1]) == "source failing since 11-20: HTTP 503"
    assert failing_since([*pulls, _pull(22, True)]) is None
    assert failing_since([]) is None


@given(st.lists(st.booleans(), max_size=20))
def test_failing_exactly_when_the_latest_pull_failed(oks: list[bool]) -> None:
    pulls = [_pull(i + 1, ok) for i, ok in enumerate(oks)]
    assert (failing_since(pulls) is not None) == bool(oks and not oks[-1])


@pytest.mark.parametrize(("text", "path", "value"), [
    ('{"data": {"count": 42}}', "$.data.count", 42.0),
    ('{"data": {"count": 42}}', "data.count", 42.0),
    ('{"items": [{"v": "1,234.5"}]}', "items[0].v", 1234.5),
    ('{"a b": {"c": -3}}', '$["a b"].c', -3.0),
    ('[1, 2, 3]', "[-1]", 3.0),
    ("17", "", 17.0),
])
def test_numbers_in_json(text: str, path: str, value: float) -> None:
    assert number_from_json(text, path) == value


@pytest.mark.parametrize(("text", "path", "words"), [
    ('{"data": {}}', "data.count", "no 'count' at $.data"),
    ('{"data": [1]}', "data[3]", "no item [3] at $.data"),
    ('{"data": true}', "data", "not a number"),
    ('{"data": "soon"}', "data", "'soon', not a number"),
    ("<html>503</html>", "a", "not JSON"),
])
def test_json_that_has_no_number_says_where(text: str, path: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(words)):
        number_from_json(text, path)


def test_a_path_that_cannot_be_read_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not understood"):
        path_steps("data..count")


def test_a_command_s_last_line_is_its_number() -> None:
    assert number_from_output("warming up\n  12.5 \n\n") == 12.5
    with pytest.raises(InvalidInput, match="printed nothing"):
        number_from_output("  \n")
    with pytest.raises(InvalidInput, match="not a number"):
        number_from_output("ok\n")


def test_a_credential_header_must_name_an_environment_variable() -> None:
    assert parse_header("Authorization=Bearer ${NPS_TOKEN}") == (
        "Authorization", "Bearer ${NPS_TOKEN}")
    assert parse_header("Accept: application/json") == ("Accept", "application/json")
    with pytest.raises(InvalidInput, match="environment variable"):
        parse_header("X-Api-Key=abc123")
    with pytest.raises(InvalidInput, match="NAME=VALUE"):
        parse_header("no separator")


def test_expanding_a_header_never_shows_a_value() -> None:
    assert expand("Bearer $T", {"T": "s3cret"}) == "Bearer s3cret"
    with pytest.raises(InvalidInput, match="environment variable T is not set") as caught:
        expand("Bearer $T", {"OTHER": "s3cret"})
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize("dsn", ["sqlite:////srv/shop.db", "postgresql://app@db:5432/shop",
                                 "postgres://127.0.0.1/kpis"])
def test_accepted_dsns(dsn: str) -> None:
    assert check_dsn(dsn) == dsn


@pytest.mark.parametrize("dsn", ["postgresql://app:hunter2@db/shop",
                                 "postgresql://db/shop?password=hunter2"])
def test_a_password_in_a_dsn_is_refused(dsn: str) -> None:
    with pytest.raises(InvalidInput, match="PGPASSWORD") as caught:
        check_dsn(dsn)
    assert "hunter2" not in str(caught.value)


def test_an_unknown_database_kind_is_refused() -> None:
    with pytest.raises(InvalidInput, match="sqlite:///PATH or postgresql"):
        check_dsn("mysql://db/shop")


def test_a_description_names_headers_but_not_their_values() -> None:
    spec = SourceSpec(kind="url", url="https://x/api", json_path="$.n",
                      headers=(("Authorization", "Bearer $TOKEN"),))
    assert spec.describe() == "url: https://x/api · headers Authorization · $.n"
