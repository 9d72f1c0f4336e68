"""Whether the answers on one step are acceptable.

Catalogue questions are checked by :func:`shared.catalogue.answers.check_answer` and
nothing else, so a kiosk and the backend can never disagree about them. The engine's own
fields (place, description, contact, feedback) follow the simple rules here, which are
chosen so that whatever passes them also passes the case schemas the backend accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from shared.catalogue.answers import check_answer
from shared.errors import InvalidInput
from shared.flow import steps
from shared.flow.steps import FieldKind, FieldSpec, Step
from shared.flow.texts import problem

# A raw answer as the widgets give it: typed text, a number, or the keys chosen.
Raw = str | int | float | tuple[str, ...] | None

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_UPRN = re.compile(r"^\d{1,12}$")
_PHONE_NOISE = re.compile(r"[\s()\-.]")
_MULTI_LINE = frozenset({FieldKind.TEXT, FieldKind.ADDRESS})


def check_step(step: Step, answers: Mapping[str, Raw]) -> tuple[dict[str, Any], list[InvalidInput]]:
    """The clean answers of a step's fields, and every problem, each naming its field."""
    clean: dict[str, Any] = {}
    problems: list[InvalidInput] = []
    for spec in step.fields:
        try:
            value = check_field(spec, answers.get(spec.id))
        except InvalidInput as exc:
            problems.append(exc)
            continue
        if value is not None:
            clean[spec.id] = value
    if step.id == steps.CONTACT:
        failed = {p.details.get("field") for p in problems}
        problems.extend(p for p in _contact_needs(clean) if p.details.get("field") not in failed)
    return clean, problems


def check_field(spec: FieldSpec, raw: Raw) -> Any:
    """The field's answer in its clean form, ``None`` when empty, or an ``InvalidInput``."""
    if spec.attribute is not None:
        return check_answer(spec.attribute, list(raw) if isinstance(raw, tuple) else raw)
    if spec.kind is FieldKind.MULTIVALUELIST:
        return _choices(spec, raw)
    if spec.kind is FieldKind.SINGLEVALUELIST:
        return _choice(spec, raw)
    text = _text(spec, raw)
    rule = _TEXT_RULES.get(spec.kind)
    return rule(spec, text) if rule is not None and text is not None else text


def _text(spec: FieldSpec, raw: Raw) -> str | None:
    if not answered(raw):
        _require(spec)
        return None
    if not isinstance(raw, str):
        raise problem("answer.not_text", field=spec.id)
    # Control characters are invisible on screen and refused by the case schemas: drop them.
    keep = "\n\t" if spec.kind in _MULTI_LINE else ""
    text = "".join(c for c in raw if (ord(c) >= 32 and c != "\x7f") or c in keep).strip()
    if spec.max_length is not None and len(text) > spec.max_length:
        raise problem("answer.too_long", field=spec.id, limit=spec.max_length, length=len(text))
    if not text:
        _require(spec)
        return None
    return text


def answered(raw: Raw) -> bool:
    return raw is not None and raw not in ("", ())


def _require(spec: FieldSpec) -> None:
    if spec.required:
        raise problem(_REQUIRED.get(spec.id, "answer.required"), field=spec.id)


_REQUIRED = {
    steps.ADDRESS: "place.address.required",
    steps.FIRST_NAME: "contact.first_name.required",
    steps.LAST_NAME: "contact.last_name.required",
}


def _choices(spec: FieldSpec, raw: Raw) -> list[str] | None:
    if not answered(raw):
        _require(spec)
        return None
    keys = raw if isinstance(raw, tuple) else (raw,)
    if not all(k in spec.choices for k in keys):
        raise problem("answer.choose_from", field=spec.id)
    return [k for k in spec.choices if k in keys]


def _choice(spec: FieldSpec, raw: Raw) -> str | None:
    if not answered(raw):
        _require(spec)
        return None
    key = raw[0] if isinstance(raw, tuple) and len(raw) == 1 else raw
    if not isinstance(key, str) or key not in spec.choices:
        raise problem("answer.choose_one", field=spec.id)
    return key


def _postcode(spec: FieldSpec, text: str) -> str:
    found = _POSTCODE.match("".join(text.split()).upper())
    if found is None:
        raise problem("place.postcode.invalid", field=spec.id)
    return f"{found.group(1)} {found.group(2)}"


def _email(spec: FieldSpec, text: str) -> str:
    """The address as the backend will keep it: checked and normalised by email-validator,
    as the backend's edge checks it (``shared.emails``), so what passes here passes there."""
    # Loaded when an address is first checked, not at import: the kiosk imports the flow
    # before its first frame and checks no address there.
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        raise problem("contact.email.invalid", field=spec.id) from None


def uk_phone(text: str) -> str | None:
    """A UK number in its national form (``07700900123``), or ``None`` if it is not one."""
    digits = _PHONE_NOISE.sub("", text)
    for international in ("+44", "0044"):
        if digits.startswith(international):
            digits = "0" + digits[len(international) :].removeprefix("0")
    if digits.isdigit() and digits.startswith("0") and len(digits) in (10, 11):
        return digits
    return None


def _phone(spec: FieldSpec, text: str) -> str:
    national = uk_phone(text)
    if national is None:
        raise problem("contact.phone.invalid", field=spec.id)
    return national


def _uprn(spec: FieldSpec, text: str) -> str:
    if not _UPRN.match(text):
        raise problem("place.uprn.invalid", field=spec.id)
    return text


_TEXT_RULES: dict[FieldKind, Callable[[FieldSpec, str], str]] = {
    FieldKind.POSTCODE: _postcode,
    FieldKind.UPRN: _uprn,
    FieldKind.EMAIL: _email,
    FieldKind.PHONE: _phone,
}


def is_mobile(national: str) -> bool:
    return national.startswith("07") and len(national) == 11


def _contact_needs(clean: Mapping[str, Any]) -> list[InvalidInput]:
    """A confirmation by email needs an address; by text, a mobile number."""
    chosen = clean.get(steps.NOTIFY_BY) or []
    needs: list[InvalidInput] = []
    if "email" in chosen and steps.EMAIL not in clean:
        needs.append(problem("contact.email.needed", field=steps.EMAIL))
    if "sms" in chosen:
        phone = clean.get(steps.PHONE)
        if phone is None:
            needs.append(problem("contact.phone.needed", field=steps.PHONE))
        elif not is_mobile(phone):
            needs.append(problem("contact.phone.not_mobile", field=steps.PHONE))
    return needs
