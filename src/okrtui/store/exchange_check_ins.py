"""Check-ins from okrtui's JSON: each read on the file's confidence scale and the one rule
for the days a key result takes (`core.okr.check_in_refusal`); a correction names the
place of the check-in it corrects. Kept apart from `exchange_okrs` for size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from okrtui.core.errors import InvalidInput
from okrtui.core.models import CheckIn, KeyResult
from okrtui.core.okr import check_in_refusal
from okrtui.core.parse import ConfidenceScale, read_confidence
from okrtui.store.exchange_common import first_error

CHECK_IN_FIELDS = ("at", "value", "confidence", "comment", "author", "recorded_at", "source")


@dataclass(frozen=True)
class IncomingCheckIn:
    """A check-in from a file; `corrects` is the place, among its key result's check-ins in
    the file, of the one it corrects."""

    check_in: CheckIn
    corrects: int | None = None
    where: str = ""


@dataclass(frozen=True)
class Reading:
    """How this file's check-ins are read: today, and the scale of its confidences."""

    today: date
    scale: ConfidenceScale


def raw_confidences(objectives: list[Any]) -> list[Any]:
    """Every check-in's confidence as the file has it, for `confidence_scale`."""
    return [check.get("confidence")
            for objective in objectives if isinstance(objective, dict)
            for kr in objective.get("key_results") or [] if isinstance(kr, dict)
            for check in kr.get("check_ins") or [] if isinstance(check, dict)]


def validated(model: Any, data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(first_error(error)) from None


def fields(raw: Any, names: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidInput("expected an object")
    return {k: v for k, v in raw.items() if k in names}


def parse_check_in(raw: Any, index: int, key_result: KeyResult, how: Reading,
              where: str) -> IncomingCheckIn:
    data = {"source": "import", **fields(raw, CHECK_IN_FIELDS), "key_result_id": 0}
    data["confidence"] = _confidence(data.get("confidence"), how.scale)
    check: CheckIn = validated(CheckIn, data)
    refusal = check_in_refusal(key_result, check.at, how.today)
    if refusal is not None:
        raise InvalidInput(refusal)
    if check.recorded_at is None:
        raise InvalidInput("recorded_at is missing (it tells check-ins apart)")
    if check.value is None and check.confidence is None:
        raise InvalidInput("a check-in needs a value, a confidence, or both")
    corrects = raw.get("corrects")
    if corrects is not None and (not isinstance(corrects, int) or isinstance(corrects, bool)
                                 or not 0 <= corrects < index):
        raise InvalidInput('"corrects" should be the place of an earlier check-in of the same '
                           f"key result (0 to {index - 1})" if index else
                           '"corrects": the first check-in has none before it to correct')
    check = check.model_copy(update={"recorded_at": utc(check.recorded_at)})
    return IncomingCheckIn(check, corrects, where)


def _confidence(raw: Any, scale: ConfidenceScale) -> int | None:
    """A confidence cell read on the file's scale (a number or a text such as "40%")."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise InvalidInput(f"confidence {raw!r} is not a number")
    text = raw if isinstance(raw, str) else repr(raw)
    try:
        read = read_confidence(text, "confidence", scale)
    except InvalidInput as error:
        raise InvalidInput(f"confidence: {error}", "confidence") from None
    return None if read is None else read.value


def utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
