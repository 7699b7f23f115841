"""Turning what a source gave back into a number, and checking a definition.

Pure rules, shared by every kind of source: where a number is in some JSON
(`$.data.items[0].count`), what a command's output means, which DSNs and
headers are accepted (a secret only as a `$NAME` of an environment variable).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date

from okrtui.core.errors import InvalidInput
from okrtui.core.models import Point
from okrtui.core.parse import parse_number

_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(-?\d+)\]|\[\"([^\"]*)\"\]|\['([^']*)'\]")
_ENV_REF = re.compile(r"\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))")
# Headers that carry credentials: their value must come from the environment.
_SECRET_HEADERS = re.compile(r"authorization|cookie|token|key|secret|password|auth", re.I)
MAX_SHOWN = 60


def shown(text: str) -> str:
    """A bit of what a source said, short enough for an error line."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= MAX_SHOWN else one_line[: MAX_SHOWN - 1] + "…"


def path_steps(path: str) -> list[str | int]:
    """`$.a.b[0]`, `a.b[0]` or `.a["b c"]` as steps; a bad path is an InvalidInput."""
    text = path.strip()
    text = text[1:] if text.startswith("$") else text
    if text and not text.startswith((".", "[")):
        text = "." + text
    steps: list[str | int] = []
    at = 0
    while at < len(text):
        match = _STEP.match(text, at)
        if match is None:
            raise InvalidInput(
                f"JSON path {path!r} is not understood at {text[at:]!r} "
                "(write it like $.data.count or items[0].value)", "json_path")
        name, index, quoted, single = match.groups()
        steps.append(int(index) if index is not None else (name or quoted or single or ""))
        at = match.end()
    return steps


def at_path(data: object, path: str) -> object:
    """The value at `path` in parsed JSON, or an InvalidInput naming where it stopped."""
    current = data
    walked = "$"
    for step in path_steps(path):
        if isinstance(step, int):
            if not isinstance(current, list) or not -len(current) <= step < len(current):
                raise InvalidInput(f"no item [{step}] at {walked}")
            current = current[step]
            walked += f"[{step}]"
        else:
            if not isinstance(current, dict) or step not in current:
                raise InvalidInput(f"no {step!r} at {walked}")
            current = current[step]
            walked += f".{step}"
    return current


def as_number(value: object, where: str = "the value") -> float:
    """A JSON value or a text as a finite number; anything else is an InvalidInput."""
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise InvalidInput(f"{where} is {shown(json.dumps(value))}, not a number")
    if isinstance(value, int | float):
        return parse_number(repr(value))
    try:
        return parse_number(str(value))
    except InvalidInput:
        raise InvalidInput(f"{where} is {shown(str(value))!r}, not a number") from None


def number_from_json(text: str, path: str) -> float:
    """The number at `path` in a JSON text (the whole text when `path` is empty)."""
    try:
        data = json.loads(text)
    except ValueError:
        raise InvalidInput(f"not JSON: {shown(text)!r}") from None
    return as_number(at_path(data, path) if path else data, f"the value at {path or '$'}")


def number_from_output(text: str, path: str = "") -> float:
    """What a command printed: a number (its last non-blank line), or JSON with `path`."""
    if path:
        return number_from_json(text, path)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InvalidInput("printed nothing (a source command prints a number)")
    return as_number(lines[-1].strip(), "the last line printed")


def history_point(day: object, value: object, today: date, where: str) -> Point:
    """One (date, value) of a history; a future date or a non-number is refused."""
    text = str(day.isoformat() if isinstance(day, date) else day).strip()[:10]
    try:
        at = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{where}: {shown(str(day))!r} is not a date (YYYY-MM-DD)") from None
    if at > today:
        raise InvalidInput(f"{where}: {at} is in the future")
    return Point(at=at, value=as_number(value, f"{where}'s value"))


def env_names(template: str) -> list[str]:
    """The environment variables a header's value refers to, in order."""
    return [braced or bare for braced, bare in _ENV_REF.findall(template)]


def expand(template: str, env: Mapping[str, str]) -> str:
    """A header's value with its `$NAME`s filled in; a missing one is an InvalidInput."""
    missing = [name for name in env_names(template) if not env.get(name)]
    if missing:
        raise InvalidInput(f"environment variable {missing[0]} is not set")
    return _ENV_REF.sub(lambda m: env[m.group(1) or m.group(2)], template)


def parse_header(text: str) -> tuple[str, str]:
    """`NAME=VALUE` (or `NAME: VALUE`). A credential's value must name an environment
    variable (`Authorization=Bearer $API_TOKEN`): a secret is never stored."""
    name, sep, value = text.partition("=")
    if not sep:
        name, sep, value = text.partition(":")
    name, value = name.strip(), value.strip()
    if not sep or not re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", name):
        raise InvalidInput(f"header {text!r} is not NAME=VALUE", "header")
    if _SECRET_HEADERS.search(name) and not env_names(value):
        example = ("Bearer $API_TOKEN" if name.lower() == "authorization"
                   else "$" + re.sub(r"\W", "_", name).upper())
        raise InvalidInput(
            f"header {name} looks like a credential: give it as an environment variable's "
            f"name, not its value (--header '{name}={example}'); okrtui stores "
            "only the name and reads the value when it pulls", "header")
    return name, value


def check_dsn(dsn: str) -> str:
    """`sqlite:///PATH` or `postgresql://[user@]host[:port]/db`; a password in it is
    refused (PGPASSWORD or ~/.pgpass give it without storing it)."""
    text = dsn.strip()
    if text.startswith("sqlite:///") and len(text) > len("sqlite:///"):
        return text
    match = re.match(r"(?:postgres|postgresql)://([^/?#]*)(/[^?#]*)?", text)
    if match is None:
        raise InvalidInput(
            f"{dsn!r} is not a database okrtui reads: write sqlite:///PATH or "
            "postgresql://[user@]host[:port]/db", "dsn")
    userinfo = match.group(1).rpartition("@")[0]
    if ":" in userinfo or re.search(r"[?&]password=", text):
        raise InvalidInput(
            "the DSN holds a password, which would be stored for everyone to read: "
            "leave it out and set PGPASSWORD (or use ~/.pgpass) where okrtui pulls", "dsn")
    return text
