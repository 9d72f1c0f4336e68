"""The words a flow shows: the catalogue's, in the chosen language, and the engine's own.

The catalogue carries each service's words per language (:class:`Texts`), with its own
English as the fallback. The engine's own words (the titles of the place, contact and check
screens, its error messages) are kept here by message id with their English text
(:data:`ENGLISH`); :func:`ui_text` gives one in any language.

Translations are Qt Linguist files, ``assets/translations/flow_<language>.ts`` (``flow_pl.ts``,
``flow_ar.ts``): one ``flow`` context whose messages have the message id as ``<source>``,
the English text as ``<comment>`` (so a translator sees it in Linguist) and the
translation. This module reads the ``.ts`` XML itself, once per language, with the standard
library: the engine stays free of Qt, and the staff desk and the tests read the same words
the kiosk shows. No ``.qm`` is compiled for these files. The kiosk's Qt chrome has its own
``kiosk_<language>.ts``, compiled to ``.qm`` with ``pyside6-lrelease`` for ``QTranslator``;
Qt could load a compiled ``flow_*.qm`` too (``translate("flow", id)``), but nothing needs to.

A message Linguist marks ``unfinished``, ``vanished`` or ``obsolete``, or leaves empty,
is not used: that id falls back to English. The ``.ts`` files are our own assets, never
input from outside, but the reader still refuses entity declarations, so a damaged or
hostile file cannot expand itself in memory.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from shared.catalogue.codes import LANGUAGE_PATTERN
from shared.errors import InvalidInput
from shared.resources import asset_path

if TYPE_CHECKING:
    from shared.catalogue.schemas import Attribute, Service, Texts

# Languages written right to left (ISO 639 codes).
RTL_LANGUAGES = frozenset({"ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})

ENGLISH: dict[str, str] = {
    # The language's own name, as a language picker shows it.
    "language.name": "English",
    # Step titles and introductions.
    "step.place.title": "Where is it?",
    "step.place.body": (
        "Type the postcode if you know it, then the address or the nearest address."
    ),
    "step.description.title": "Is there anything else you want to tell us?",
    "step.description.body": "This is optional.",
    "step.contact.title": "How can we contact you?",
    "step.contact.body.optional": (
        "This is optional. If you give an email address or a mobile number, "
        "we can tell you about progress."
    ),
    "step.contact.body.named": (
        "We need your name. If you give an email address or a mobile number, "
        "we can tell you about progress."
    ),
    "step.check.title": "Check your answers",
    "step.check.body": "If something is wrong, press Change next to it.",
    "step.confirmation.title": "We have your request",
    "step.confirmation.body": "Keep your reference to check on progress.",
    "step.confirmation.body.offline": (
        "Keep your reference to check on progress. "
        "This screen is offline just now: we will send your request as soon as it is back."
    ),
    "step.feedback.title": "How was using this screen today?",
    # The engine's own fields.
    "field.place.postcode.label": "Postcode",
    "field.place.postcode.hint": "For example, SW1A 1AA. Leave this blank if you do not know it.",
    "field.place.address.label": "Address",
    "field.place.address.hint": "The address, or the nearest address.",
    "field.place.uprn.label": "Property number",
    "field.description.text.label": "Tell us more",
    "field.description.text.hint": "For example, what it looks like or how to find it.",
    "field.contact.first_name.label": "First name",
    "field.contact.last_name.label": "Last name",
    "field.contact.email.label": "Email address",
    "field.contact.phone.label": "Phone number",
    "field.contact.phone.hint": "A mobile number if you want a text message.",
    "field.contact.notify_by.label": "Send me a confirmation",
    "field.contact.notify_by.hint": "Choose none, one or both.",
    "field.feedback.rating.label": "How was it? (optional)",
    "field.feedback.reason.label": "Tell us why (optional)",
    "option.notify_by.sms": "By text message",
    "option.notify_by.email": "By email",
    "option.rating.good": "Good",
    "option.rating.average": "Average",
    "option.rating.poor": "Poor",
    # Check rows of the engine's own steps.
    "check.name": "Name",
    "check.not_answered": "Not answered",
    # Messages of the engine's own rules.
    "answer.required": "Please answer this question.",
    "answer.not_text": "Please type your answer as words.",
    "answer.too_long": "Please keep this to {limit} characters or fewer (it has {length}).",
    "answer.choose_one": "Please choose one of the options.",
    "answer.choose_from": "Please choose from the options shown.",
    "answer.not_number": "Please type a number, like 3.",
    "answer.too_small": "Please type a number of {minimum} or more.",
    "answer.too_large": "Please type a number of {maximum} or less.",
    "answer.not_datetime": "Please give a date and time.",
    "answer.no_time_zone": "Please give the date and time with its time zone.",
    "place.address.required": "Please type the address, or the nearest address.",
    "place.postcode.invalid": "Please type a UK postcode, like SW1A 1AA, or leave it blank.",
    "place.uprn.invalid": "This property number is not right. Please type the address instead.",
    "contact.first_name.required": "Please type your first name.",
    "contact.last_name.required": "Please type your last name.",
    "contact.email.invalid": "Please type an email address like name@example.com.",
    "contact.email.needed": "To send you an email we need your email address.",
    "contact.phone.invalid": "Please type a UK phone number, like 07700 900123.",
    "contact.phone.needed": "To send you a text message we need your mobile number.",
    "contact.phone.not_mobile": "To send you a text message we need a mobile number, starting 07.",
    "answer.invalid": "Please check this answer.",
    # The screen's own buttons and headings (drawn by shared/ui, in the state's language).
    "screen.progress": "Step {number} of {count}",
    "screen.continue": "Continue",
    "screen.back": "Back",
    "screen.change": "Change",
    "screen.submit": "Send my request",
    "screen.finish": "Finish",
    "screen.skip": "Skip",
    "screen.errors.title": "There is a problem",
    "screen.reference.label": "Your reference",
    "screen.qr.caption": "Scan this with your phone to check progress",
    "screen.next.title": "What happens next",
    "screen.next.reply.one": "We will reply within 1 working day.",
    "screen.next.reply": "We will reply within {days} working days.",
    "screen.address.find": "Find address",
    "screen.address.choose": "Choose the address",
    "screen.address.manual": "I cannot find it: type the address",
    "screen.address.none": (
        "We could not find addresses for this postcode. Please type the address."
    ),
    "screen.date.day": "Day",
    "screen.date.month": "Month",
    "screen.date.year": "Year",
    "screen.date.hour": "Hour",
    "screen.date.minute": "Minute",
    "screen.date.earlier": "Earlier",
    "screen.date.later": "Later",
    "screen.number.less": "Less",
    "screen.number.more": "More",
    # Help me, and the tips a greeter can send (shown in the customer's language).
    "help.button": "Help me",
    "help.waiting.title": "Help is on the way",
    "help.waiting.body": "Someone will come to you. You can carry on while you wait.",
    "help.cancel": "Cancel help",
    "help.claimed.title": "{name} from the help desk is helping you",
    "help.claimed.body": "They can see this screen, but not your private answers.",
    "help.stop_sharing": "Stop sharing",
    "help.coming": "{name} is coming over to you now.",
    "help.ended": "The helper has finished. You can carry on.",
    "help.tip.from": "A tip from {name}",
    "help.tip.dismiss": "Got it",
    "help.fill.title": "{name} at the desk would like to type this for you",
    "help.fill.body": "In the box “{field}”. You will see it appear there, and you can change it.",
    "help.fill.allow": "Allow",
    "help.fill.decline": "No thanks",
    "help.fill.typed": "I have typed this for you. Please check it.",
    "help.unavailable": (
        "Help cannot be called from this screen just now. Please ask a member of staff nearby."
    ),
    # Where help comes from when nobody is at this place's desk, and help nobody answered.
    "help.remote.body": (
        "No one is at the desk here just now. A member of staff at {place} will help you"
        " through this screen."
    ),
    "help.closed.title": "Sorry, we are closed",
    "help.closed.body": (
        "{place} is closed just now, so no one can come to help. You can carry on, or come"
        " back when we are open."
    ),
    "help.timed_out": (
        "No one was free to answer your request for help. You can carry on, or ask a member"
        " of staff."
    ),
    # Speak to someone: a ticket for an advisor, with a text when called if they like.
    "speak.button": "Speak to someone",
    "speak.title": "Speak to someone",
    "speak.body": "We will give you a number and call it when someone is free to see you.",
    "speak.phone": "Your mobile number (you can leave it blank)",
    "speak.phone_hint": "We will send you a text when we call your number.",
    "speak.get": "Get a number",
    "speak.done": "Done",
    "speak.number": "Your number is {ticket}",
    "speak.ahead": "People waiting before you: {count}",
    "speak.next": "You are next.",
    "speak.texted": "We will text you when we call your number.",
    "speak.bad_phone": (
        "That does not look like a UK phone number. Please check it, or leave it blank."
    ),
    "speak.unavailable": (
        "We cannot give you a number from this screen just now. Please go to the desk and we"
        " will help you."
    ),
    # I have an appointment: checking in by the appointment's reference.
    "arrive.button": "I have an appointment",
    "arrive.title": "I have an appointment",
    "arrive.reference": "Your appointment reference",
    "arrive.hint": "It starts with AP. You will find it on your confirmation.",
    "arrive.check_in": "Check in",
    "arrive.thanks": "Thank you. Please take a seat; we will call you.",
    "arrive.empty": "Please type your appointment reference.",
    "arrive.invalid": (
        "That reference is not quite right. Please check it against your confirmation."
    ),
    "arrive.not_found": (
        "We cannot find an appointment with that reference. Please check it, or ask at the desk."
    ),
    "arrive.elsewhere": (
        "This appointment is at another place. Please check your confirmation, or ask at the desk."
    ),
    "arrive.other_day": "Your appointment is on {when}. Please come then, or ask at the desk.",
    "arrive.cancelled": "This appointment was cancelled. Please ask at the desk.",
    "arrive.failed": "Sorry, we cannot check you in here. Please ask at the desk.",
    "arrive.unavailable": (
        "We cannot check you in from this screen just now. Please tell the desk you are here."
    ),
    # A scan (kiosk/scanner.py) of a code that is not an appointment's: a library card.
    "arrive.scan_not_ours": (
        "That code is not one of our appointments. Please scan the QR code on your"
        " appointment confirmation, or type its reference."
    ),
    # Book an appointment (tier 3): a time, a name and how to reach them, a check, the
    # reference.
    "book.button": "Book an appointment",
    "book.tile": "Book an appointment: {service}",
    "book.pick.title": "Choose a day and time",
    "book.pick.times": "Free times on {day}",
    "book.looking": "Looking for free times…",
    "book.none": "There are no free times here in the next few days. Please ask at the desk.",
    "book.taken": "Sorry, that time has just been taken. Please choose another.",
    "book.details.title": "Your name and how to reach you",
    "book.details.body": (
        "If you give a mobile number or an email address, we will send you the booking and a"
        " reminder the day before."
    ),
    "book.name": "Your name",
    "book.phone": "Your mobile number (you can leave it blank)",
    "book.email": "Your email address (you can leave it blank)",
    "book.name.required": "Please type your name.",
    "book.check.title": "Check your booking",
    "book.row.service": "Appointment",
    "book.row.when": "Day and time",
    "book.row.name": "Name",
    "book.row.phone": "Mobile number",
    "book.row.email": "Email address",
    "book.confirm": "Book this time",
    "book.done.title": "Your appointment is booked",
    "book.done.when": "{when}, at {place}",
    "book.done.qr": "Scan this with your phone to see your appointment",
    "book.done.sent": "We are sending the details to you now, and a reminder the day before.",
    "book.done.keep": "Please keep your reference: you will need it when you come.",
    "book.unavailable": (
        "We cannot book appointments from this screen just now. Please ask at the desk, or try"
        " again later."
    ),
    "book.failed": "Sorry, that did not work. Please try again, or ask at the desk.",
    # Change or cancel an appointment already booked (kiosk/manage.py).
    "manage.button": "Change or cancel an appointment",
    "manage.find.title": "Find your appointment",
    "manage.find.body": ("We ask for both so that only you can change your appointment."),
    "manage.reference": "Your appointment reference (it starts with AP)",
    "manage.contact": "The mobile number or email address you gave when you booked",
    "manage.contact.required": (
        "Please type the mobile number or email address you gave when you booked."
    ),
    "manage.find": "Find my appointment",
    "manage.found.title": "Your appointment",
    "manage.row.where": "Place",
    "manage.row.reference": "Your reference",
    "manage.row.now": "Day and time now",
    "manage.row.new": "New day and time",
    "manage.move": "Change the time",
    "manage.cancel": "Cancel it",
    "manage.cancel.title": "Cancel this appointment?",
    "manage.cancel.body": "If you cancel it, someone else can have this time.",
    "manage.cancel.yes": "Yes, cancel it",
    "manage.cancel.no": "No, keep it",
    "manage.move.title": "Change to this time?",
    "manage.move.yes": "Change to this time",
    "manage.cancelled.title": "Your appointment is cancelled",
    "manage.cancelled.next": "You do not need to do anything else.",
    "manage.moved.title": "Your appointment has been moved",
    "manage.moved.next": (
        "Your reference stays the same. Please keep it: you will need it when you come."
    ),
    "manage.not_found": (
        "We cannot find an appointment with that reference and that mobile number or email"
        " address. Please check them, or ask at the desk."
    ),
    "manage.already_cancelled": (
        "This appointment has already been cancelled. You do not need to do anything else."
    ),
    "manage.too_late": "It is too late to change this appointment here. Please ask at the desk.",
    "manage.unavailable": (
        "We cannot change appointments from this screen just now. Please ask at the desk, or"
        " try again later."
    ),
    "kiosk.out_of_order.title": "This screen is out of order",
    "kiosk.out_of_order.body": "Please use another screen, or ask a member of staff.",
    "tip.press_next": "When this screen is done, press Continue at the bottom.",
    "tip.touch_box": "Touch the white box first, then type on the keyboard on the screen.",
    "tip.postcode": "Type your postcode, press Find address, then choose yours from the list.",
    "tip.email_example": "An email address looks like name@example.com. You can leave it blank.",
    "tip.optional": "You can leave this blank: it is optional.",
    "tip.go_back": "To change an earlier answer, press Back.",
    "tip.larger_text": "Press Larger text at the top to make the words bigger.",
    "tip.take_your_time": "Take your time. Nothing you have typed will be lost.",
}

FALLBACK_MESSAGE_ID = "answer.invalid"
SOURCE_LANGUAGE = "en"
TRANSLATIONS_DIR = "translations"
CONTEXT = "flow"
_PREFIX = "flow_"
# Linguist's marks for a translation that is not (or no longer) to be used.
_NOT_IN_USE = frozenset({"unfinished", "vanished", "obsolete"})
_LANGUAGE = re.compile(LANGUAGE_PATTERN)

# A value a message is worded with: a limit, a length, a plain number.
Param = str | int | float


def ui_text(message_id: str, language: str, **params: Any) -> str:
    """One of the engine's own strings in ``language``: ``pl-PL``, else ``pl``, else English."""
    for code in _lookup_order(language):
        translated = translations(code).get(message_id)
        if translated is not None:
            return translated.format(**params)
    return ENGLISH[message_id].format(**params)


def available_languages() -> tuple[str, ...]:
    """English, then every language with a ``flow_<language>.ts`` file, in code order."""
    folder = asset_path(TRANSLATIONS_DIR)
    found = sorted(
        _language_code(path.stem.removeprefix(_PREFIX)) for path in folder.glob(f"{_PREFIX}*.ts")
    )
    return (SOURCE_LANGUAGE, *found)


def language_name(language: str) -> str:
    """The language's name in itself ("Polski", "العربية"), for a language picker."""
    return ui_text("language.name", language)


def language_names() -> dict[str, str]:
    """Each available language's code and its own name, English first."""
    return {code: language_name(code) for code in available_languages()}


@cache
def translations(language: str) -> Mapping[str, str]:
    """The finished translations of one language's ``.ts`` file by message id; read once."""
    if language == SOURCE_LANGUAGE or not _LANGUAGE.match(language):
        return MappingProxyType({})
    try:
        path = asset_path(TRANSLATIONS_DIR, f"{_PREFIX}{_file_code(language)}.ts")
    except FileNotFoundError:
        return MappingProxyType({})
    return MappingProxyType(read_ts(path.read_bytes()))


def read_ts(data: bytes) -> dict[str, str]:
    """The ``flow`` context's finished translations in a Qt Linguist ``.ts`` document."""
    if b"<!ENTITY" in data:
        raise ValueError("a translation file may not declare entities")
    # Our own asset, read only after the entity check above; no external entity is fetched.
    root = ET.fromstring(data)  # noqa: S314
    if root.tag != "TS":
        raise ValueError(f"not a Qt Linguist file: the root element is <{root.tag}>")
    found: dict[str, str] = {}
    for context in root.iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or not translation.text:
                continue
            if translation.get("type") in _NOT_IN_USE:
                continue
            found[source] = translation.text
    return found


def is_translated(language: str) -> bool:
    """Whether any of the engine's words exist in ``language`` (or its base language)."""
    return any(translations(code) for code in _lookup_order(language))


def _lookup_order(language: str) -> tuple[str, ...]:
    base = base_language(language)
    return (language,) if base == language else (language, base)


def _file_code(language: str) -> str:
    """Qt's spelling of a language code in file names: ``pt-BR`` is ``pt_BR``."""
    return language.replace("-", "_")


def _language_code(file_code: str) -> str:
    return file_code.replace("_", "-")


def message_id(error: InvalidInput) -> str:
    """The stable id of an answer problem, whichever rule found it."""
    given = error.details.get("message_id")
    return given if isinstance(given, str) and given in ENGLISH else FALLBACK_MESSAGE_ID


def problem(message: str, *, field: str, **params: Param) -> InvalidInput:
    """An answer problem found by one of the engine's own rules, in English, with its id.

    The values its words need travel with it (``details["params"]``), so that it can be
    worded again in any language.
    """
    details: dict[str, Any] = {"field": field, "message_id": message}
    if params:
        details["params"] = params
    return InvalidInput(ENGLISH[message].format(**params), **details)


@dataclass(frozen=True, slots=True)
class Problem:
    """An answer problem kept as facts, so it can be worded in whichever language is chosen.

    ``english`` is the rule's own message: what an English screen shows when the rule's id
    is not one of ours (or its values are missing), so no detail is lost in English.
    """

    message_id: str
    field: str | None = None
    params: tuple[tuple[str, Param], ...] = ()
    english: str = ""

    @classmethod
    def of(cls, error: InvalidInput) -> Problem:
        found = error.details.get("field")
        given = error.details.get("params")
        params = given if isinstance(given, Mapping) else {}
        return cls(
            message_id=message_id(error),
            field=found if isinstance(found, str) else None,
            params=tuple(
                sorted((str(k), v) for k, v in params.items() if isinstance(v, str | int | float))
            ),
            english=error.message,
        )

    def words(self, language: str) -> str:
        if self.message_id != FALLBACK_MESSAGE_ID:
            with suppress(KeyError, IndexError):
                return ui_text(self.message_id, language, **dict(self.params))
        if self.english and not is_translated(language):
            return self.english
        return ui_text(FALLBACK_MESSAGE_ID, language)


def direction(language: str) -> Literal["ltr", "rtl"]:
    return "rtl" if base_language(language) in RTL_LANGUAGES else "ltr"


def base_language(language: str) -> str:
    return language.split("-", 1)[0]


def _texts(by_language: dict[str, Texts], language: str) -> Texts | None:
    return by_language.get(language) or by_language.get(base_language(language))


def service_name(service: Service, language: str) -> str:
    texts = _texts(service.translations, language)
    return (texts.name if texts else None) or service.name


def group_name(services: Iterable[Service], group: str, language: str) -> str:
    """A catalogue group's name in ``language``: from the first service in it that has one
    (``Texts.groups``), else the catalogue's own."""
    for service in services:
        texts = _texts(service.translations, language)
        if texts is not None and group in service.groups and texts.groups.get(group):
            return texts.groups[group]
    return group


def service_description(service: Service, language: str) -> str:
    texts = _texts(service.translations, language)
    return (texts.description if texts else None) or service.description


def service_help(service: Service, language: str) -> str:
    texts = _texts(service.translations, language)
    return (texts.help_text if texts else None) or service.help_text


def service_information(service: Service, language: str) -> str | None:
    """A signposting page's text, for services that show one instead of asking."""
    texts = _texts(service.translations, language)
    return (texts.information if texts else None) or service.information


def question(attribute: Attribute, language: str) -> str:
    texts = _texts(attribute.translations, language)
    return (texts.description if texts else None) or attribute.description


def hint(attribute: Attribute, language: str) -> str | None:
    texts = _texts(attribute.translations, language)
    return (texts.hint if texts else None) or attribute.hint


def option(attribute: Attribute, key: str, language: str) -> str:
    texts = _texts(attribute.translations, language)
    if texts and key in texts.values:
        return texts.values[key]
    return next((v.name for v in attribute.values if v.key == key), key)
