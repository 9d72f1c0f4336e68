"""The words a flow shows: the catalogue's, in the chosen language, and the engine's own.

The catalogue carries each service's words per language (:class:`Texts`), with its own
English as the fallback. The engine's own words (the titles of the place, contact and check
screens, its error messages) are kept here by message id with their English text, so a
translation can later be looked up by id in one place: :func:`ui_text`.
"""

from __future__ import annotations

from typing import Any, Literal

from shared.catalogue.schemas import Attribute, Service, Texts
from shared.errors import InvalidInput

# Languages written right to left (ISO 639 codes).
RTL_LANGUAGES = frozenset({"ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})

ENGLISH: dict[str, str] = {
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
    "step.confirmation.body": "Your reference is below. Keep it to check on progress.",
    "step.confirmation.body.offline": (
        "Your reference is below. Keep it to check on progress. "
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
    "field.feedback.rating.label": "How was it?",
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
    "feedback.rating.required": "Please choose Good, Average or Poor.",
    "answer.invalid": "Please check this answer.",
}

FALLBACK_MESSAGE_ID = "answer.invalid"


def ui_text(message_id: str, language: str, **params: Any) -> str:
    """One of the engine's own strings, in ``language`` when a translation exists.

    Only English exists so far; translations will be looked up here by id.
    """
    del language  # Every language falls back to English until translations arrive.
    return ENGLISH[message_id].format(**params)


def message_id(error: InvalidInput) -> str:
    """The stable id of an answer problem, whichever rule found it."""
    given = error.details.get("message_id")
    return given if isinstance(given, str) and given in ENGLISH else FALLBACK_MESSAGE_ID


def problem(message: str, *, field: str, **params: Any) -> InvalidInput:
    """An answer problem found by one of the engine's own rules, in English, with its id."""
    return InvalidInput(ENGLISH[message].format(**params), field=field, message_id=message)


def direction(language: str) -> Literal["ltr", "rtl"]:
    return "rtl" if base_language(language) in RTL_LANGUAGES else "ltr"


def base_language(language: str) -> str:
    return language.split("-", 1)[0]


def _texts(translations: dict[str, Texts], language: str) -> Texts | None:
    return translations.get(language) or translations.get(base_language(language))


def service_name(service: Service, language: str) -> str:
    texts = _texts(service.translations, language)
    return (texts.name if texts else None) or service.name


def service_description(service: Service, language: str) -> str:
    texts = _texts(service.translations, language)
    return (texts.description if texts else None) or service.description


def service_help(service: Service, language: str) -> str:
    texts = _texts(service.translations, language)
    return (texts.help_text if texts else None) or service.help_text


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
