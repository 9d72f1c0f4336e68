"""Whether answers fit a service's attributes: decided here, once, for every program.

The kiosk's flow engine asks this one question at a time; the backend asks it of a whole
submission. Messages are written for the person who typed the answer.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from shared.catalogue.schemas import Attribute, Datatype, Service
from shared.errors import InvalidInput

DEFAULT_MAX_LENGTH = {Datatype.STRING: 200, Datatype.TEXT: 4000}


def _problem(message_id: str, text: str, attribute: Attribute, **params: str | int) -> InvalidInput:
    """A problem with one answer: English words, and a stable id to translate them by.

    The values the words are made with travel as ``details["params"]`` (named as in the
    flow engine's message texts), so a kiosk can word the problem in its customer's language.
    """
    details: dict[str, Any] = {"field": attribute.code, "message_id": message_id}
    if params:
        details["params"] = params
    return InvalidInput(text, **details)


Answer = str | float | list[str]


def check_answer(attribute: Attribute, raw: Any) -> Answer | None:
    """The answer in its canonical form, ``None`` when it is empty, or a plain error."""
    if raw is None or raw in ("", []):
        if attribute.required:
            raise _problem("answer.required", "Please answer this question.", attribute)
        return None
    datatype = attribute.datatype
    if datatype in (Datatype.STRING, Datatype.TEXT):
        if not isinstance(raw, str):
            raise _problem("answer.not_text", "Please type your answer as words.", attribute)
        text = raw.strip()
        limit = attribute.max_length or DEFAULT_MAX_LENGTH[datatype]
        if len(text) > limit:
            raise _problem(
                "answer.too_long",
                f"Please keep this to {limit} characters or fewer (it has {len(text)}).",
                attribute,
                limit=limit,
                length=len(text),
            )
        if not text and attribute.required:
            raise _problem("answer.required", "Please answer this question.", attribute)
        return text or None
    if datatype is Datatype.NUMBER:
        return _number(attribute, raw)
    if datatype is Datatype.DATETIME:
        return _datetime(attribute, raw)
    if datatype is Datatype.SINGLEVALUELIST:
        key = raw[0] if isinstance(raw, list) and len(raw) == 1 else raw
        if not isinstance(key, str) or key not in attribute.value_keys():
            raise _problem("answer.choose_one", "Please choose one of the options.", attribute)
        return key
    keys = raw if isinstance(raw, list) else [raw]
    if not all(isinstance(k, str) and k in attribute.value_keys() for k in keys):
        raise _problem("answer.choose_from", "Please choose from the options shown.", attribute)
    # Keep the catalogue's order and drop repeats.
    return [v.key for v in attribute.values if v.key in keys]


def _number(attribute: Attribute, raw: Any) -> float:
    if isinstance(raw, bool):
        raise _problem("answer.not_number", "Please type a number, like 3.", attribute)
    try:
        number = float(raw.strip().replace(",", "")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        raise _problem("answer.not_number", "Please type a number, like 3.", attribute) from None
    if not math.isfinite(number):
        raise _problem("answer.not_number", "Please type a number, like 3.", attribute)
    if attribute.min_value is not None and number < attribute.min_value:
        minimum = _plain(attribute.min_value)
        raise _problem(
            "answer.too_small",
            f"Please type a number of {minimum} or more.",
            attribute,
            minimum=minimum,
        )
    if attribute.max_value is not None and number > attribute.max_value:
        maximum = _plain(attribute.max_value)
        raise _problem(
            "answer.too_large",
            f"Please type a number of {maximum} or less.",
            attribute,
            maximum=maximum,
        )
    return number


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _datetime(attribute: Attribute, raw: Any) -> str:
    if not isinstance(raw, str):
        raise _problem("answer.not_datetime", "Please give a date and time.", attribute)
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise _problem("answer.not_datetime", "Please give a date and time.", attribute) from None
    if moment.tzinfo is None:
        raise _problem(
            "answer.no_time_zone", "Please give the date and time with its time zone.", attribute
        )
    return moment.isoformat()


def check_answers(service: Service, answers: dict[str, Any]) -> dict[str, Answer]:
    """Every answer checked; all problems reported together, each beside its field."""
    unknown = sorted(set(answers) - {a.code for a in service.attributes})
    errors: dict[str, str] = {}
    if unknown:
        errors["_unknown"] = f"This service does not ask about: {', '.join(unknown)}."
    clean: dict[str, Answer] = {}
    for attribute in service.attributes:
        try:
            value = check_answer(attribute, answers.get(attribute.code))
        except InvalidInput as exc:
            errors[attribute.code] = exc.message
            continue
        if value is not None:
            clean[attribute.code] = value
    if errors:
        raise InvalidInput("Some answers need another look.", fields=errors)
    return clean
