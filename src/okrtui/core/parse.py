"""Turn what people type into numbers and dates, with messages they can act on."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from okrtui.core.errors import InvalidInput

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Plain ASCII notation only: Python's float() also takes other scripts' digits.
_NUMBER = re.compile(r"^[+-]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)
# 0 to 10, leading zeros allowed ("07").
_CONFIDENCE = re.compile(r"0*(\d|10)", re.ASCII)
# Beyond this a value is a typo, not a measurement (and would not fit a screen).
LARGEST = 1e15


def parse_number(text: str, field: str = "value") -> float:
    """A finite number; accepts `1,234.5`, `1_000`, a trailing `%`, and spaces around."""
    raw = text.strip()
    candidate = raw.removesuffix("%").strip()
    if _THOUSANDS.match(candidate):
        candidate = candidate.replace(",", "")
    shown = raw if len(raw) <= 30 else raw[:29] + "…"
    if candidate.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        raise InvalidInput(f"{shown!r} is not a finite number", field)
    if not _NUMBER.match(candidate):
        raise InvalidInput(f"{shown!r} is not a number", field)
    value = float(candidate)
    if not math.isfinite(value) or abs(value) > LARGEST:
        raise InvalidInput(f"{shown!r} is too large (at most ±10^15)", field)
    return value


def parse_optional_number(text: str | None, field: str) -> float | None:
    """Like `parse_number`, but an empty field means "not set"."""
    if text is None or not text.strip():
        return None
    return parse_number(text, field)


def parse_date(text: str, today: date, field: str = "date") -> date:
    """A calendar date as YYYY-MM-DD, or the words `today` and `yesterday`."""
    raw = text.strip().lower()
    if raw == "today":
        return today
    if raw == "yesterday":
        return today - timedelta(days=1)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise InvalidInput(f"{text.strip()!r} is not a date (expected YYYY-MM-DD)", field)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(f"{raw} is not a real date", field) from None


def check_not_future(at: date, today: date, field: str = "date") -> date:
    """Readings describe what happened: a date after today is a typo."""
    if at > today:
        raise InvalidInput(f"{at.isoformat()} is in the future (today is {today})", field)
    return at


def parse_confidence(text: str | None, field: str = "confidence") -> int | None:
    """A confidence from 0 to 10 in ASCII digits, or blank for "not given"."""
    raw = (text or "").strip()
    if not raw:
        return None
    # Not str.isdigit: it also takes "²" (which int() refuses) and other scripts' digits.
    if not _CONFIDENCE.fullmatch(raw):
        shown = raw if len(raw) <= 30 else raw[:29] + "…"
        raise InvalidInput(f"{shown!r} is not a confidence from 0 to 10", field)
    return int(raw)
