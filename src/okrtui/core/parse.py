"""Turn what people type into numbers and dates, with messages they can act on."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from okrtui.core.errors import InvalidInput

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Plain ASCII notation only: Python's float() also takes other scripts' digits.
_NUMBER = re.compile(r"^[+-]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)
# A confidence as typed: ASCII digits, a decimal point, no sign ("07", "0.4", ".4").
_CONFIDENCE = re.compile(r"(\d+(\.\d*)?|\.\d+)", re.ASCII)
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


ConfidenceScale = Literal["0-10", "fraction", "percent"]
"""How a column of confidences is kept: 0–10, fractions of 1 (0.4), or percentages (40)."""


@dataclass(frozen=True)
class Confidence:
    """A confidence as stored (0–10), with what was typed and how it was read."""

    value: int
    text: str
    scale: ConfidenceScale
    exact: bool = True  # False: a fraction or percentage between two steps, rounded

    @property
    def note(self) -> str:
        """How it was read, when not as typed: "read confidence 0.4 as 4/10"."""
        if self.scale == "0-10":
            return ""
        return (f"read confidence {self.text} as {self.value}/10"
                + ("" if self.exact else " (rounded)"))


def _confidence_number(raw: str) -> float | None:
    """The number in a confidence as typed (no sign, ASCII digits), or None."""
    if len(raw) > 20 or not _CONFIDENCE.fullmatch(raw):
        return None
    return float(raw)


def _steps(share: float) -> tuple[int, bool]:
    """A share of the whole way (0–1) in tenths, rounded half up, and whether exact."""
    tenths = share * 10
    # The 1e-9 absorbs binary noise, so 0.45 (stored as 0.4499…) reads as 5.
    value = math.floor(tenths + 0.5 + 1e-9)
    return value, abs(tenths - value) < 1e-9


def read_confidence(text: str | None, field: str = "confidence",
                    scale: ConfidenceScale | None = None) -> Confidence | None:
    """A confidence as stored (0–10), or None when blank.

    `7` is 7/10; `40%` is a percentage (4/10); without `scale`, a number
    strictly between 0 and 1 (`0.4`) is a fraction (4/10), so `1` stays 1/10.
    An import that decided its column's scale (`confidence_scale`) passes it:
    then every number is read on that scale (`1` in a file of fractions is
    10/10). A share between two steps is rounded half up (0.45 → 5), and
    `Confidence.note` says so.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    shown = raw if len(raw) <= 30 else raw[:29] + "…"
    percent = raw.endswith("%")
    number = _confidence_number(raw.removesuffix("%").strip() if percent else raw)
    if percent or scale == "percent":
        if number is not None and number <= 100:
            value, exact = _steps(number / 100)
            return Confidence(value, raw, "percent", exact)
        raise InvalidInput(f"{shown!r} is not a percentage from 0 to 100", field)
    if scale == "fraction":
        if number is not None and number <= 1:
            value, exact = _steps(number)
            return Confidence(value, raw, "fraction", exact)
        raise InvalidInput(f"{shown!r} is not a confidence from 0 to 1 (this file's "
                           "confidences read as fractions)", field)
    if number is not None and number.is_integer() and number <= 10:
        return Confidence(int(number), raw, "0-10")
    if scale is None and number is not None and 0 < number < 1:
        value, exact = _steps(number)
        return Confidence(value, raw, "fraction", exact)
    hint = (" (this file's confidences read as 0–10)" if scale else
            " (nor a fraction such as 0.4, nor a percentage such as 40%)")
    raise InvalidInput(f"{shown!r} is not a confidence from 0 to 10{hint}", field)


def parse_confidence(text: str | None, field: str = "confidence",
                     scale: ConfidenceScale | None = None) -> int | None:
    """A confidence from 0 to 10, or blank for "not given" (see `read_confidence`)."""
    confidence = read_confidence(text, field, scale)
    return None if confidence is None else confidence.value


def confidence_scale(values: Iterable[object]) -> ConfidenceScale:
    """How a whole column of confidences (an import's) is kept.

    Fractions when every number is within 0–1 and at least one is fractional
    (0.4); percentages when every value ends in `%`, or every number is within
    0–100 and most are above 10 (70, 50, 30: one 11 among sevens is a typo,
    refused on 0–10); else 0–10. Blank and unreadable cells do not count
    (reading them refuses what is wrong).
    """
    numbers: list[float] = []
    percents = 0
    for item in values:
        if isinstance(item, bool) or item is None:
            continue
        raw = item.strip() if isinstance(item, str) else repr(item)
        if not raw:
            continue
        if raw.endswith("%"):
            percents += 1
            continue
        number = _confidence_number(raw)
        if number is not None:
            numbers.append(number)
    if not numbers:
        return "percent" if percents else "0-10"
    if all(n <= 1 for n in numbers) and any(not n.is_integer() for n in numbers):
        return "fraction"
    if all(n <= 100 for n in numbers) and sum(n > 10 for n in numbers) * 2 > len(numbers):
        return "percent"
    return "0-10"


def scale_note(scale: ConfidenceScale) -> str:
    """What an import summary says about how it read a column of confidences."""
    if scale == "fraction":
        return "confidences read as fractions of 1 (0.4 → 4/10)"
    if scale == "percent":
        return "confidences read as percentages (40 → 4/10)"
    return ""
