"""The Open311 face's own OpenAPI document, apart from the internal API's.

The GET routes declare their query parameters to FastAPI. The two POSTs read their form by
hand (:func:`casebackend.open311.parsing.read_form`, which keeps repeated names and
``attribute[code]`` fields), so their form fields are described here and attached with
``openapi_extra``; the description changes nothing about how a form is read. Every field is
a string on the wire; the schema types say what the face accepts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi.openapi.utils import get_openapi
from starlette.routing import BaseRoute

from casebackend.open311.parsing import FORM_TYPE, MAX_PAGE, MAX_PAGE_SIZE

FORMATS = ["json", "xml"]
_DATETIME = "A W3C datetime with its time zone, such as 2026-05-01T09:30:00Z."
_MEDIA = {
    "type": "array",
    "items": {"type": "string", "format": "uri", "maxLength": 1000},
    "maxItems": 3,
    "description": "Up to three http or https URLs; repeat the field for each.",
}
_JURISDICTION = {
    "type": "string",
    "description": "Optional; when sent, the backend's own jurisdiction_id.",
}
# The query parameters, which the routes declare as optional strings, as the face reads them.
QUERY: dict[str, dict[str, Any]] = {
    "jurisdiction_id": _JURISDICTION,
    "service_request_id": {
        "type": "string",
        "description": "Comma-separated request ids; when sent, every other filter is ignored.",
    },
    "service_code": {"type": "string", "description": "Comma-separated service codes."},
    "start_date": {"type": "string", "format": "date-time", "description": _DATETIME},
    "end_date": {"type": "string", "format": "date-time", "description": _DATETIME},
    "status": {"type": "string", "description": "open, closed, or open,closed."},
    "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "description": "From 1."},
    "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
}
_KEY = {"type": "string", "description": "The client's API key: required to write."}


def _form(
    properties: dict[str, Any], required: list[str], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": required,
    }
    if extra:
        schema.update(extra)
    return {
        "requestBody": {
            "required": True,
            "content": {
                FORM_TYPE: {
                    "schema": schema,
                    "encoding": {"media_url": {"style": "form", "explode": True}},
                }
            },
        }
    }


REQUEST_FORM = _form(
    {
        "api_key": _KEY,
        "jurisdiction_id": _JURISDICTION,
        "service_code": {"type": "string", "description": "From services.{fmt}."},
        "lat": {"type": "number", "minimum": -90, "maximum": 90, "description": "WGS84."},
        "long": {"type": "number", "minimum": -180, "maximum": 180, "description": "WGS84."},
        "address_string": {
            "type": "string",
            "description": "A UK postcode at its end is used for routing.",
        },
        "address_id": {
            "type": "string",
            "pattern": "^[0-9]{1,12}$",
            "description": "A UPRN.",
        },
        "email": {"type": "string", "format": "email"},
        "device_id": {"type": "string", "description": "Accepted, not stored."},
        "account_id": {"type": "string", "description": "Echoed back, not stored."},
        "first_name": {"type": "string"},
        "last_name": {"type": "string"},
        "phone": {"type": "string"},
        "description": {"type": "string", "maxLength": 4000},
        "media_url": _MEDIA,
    },
    ["api_key", "service_code"],
    {
        # attribute[code] (or attribute[code][] for a multivaluelist): answers to the
        # service definition's attributes, by code. Other names are ignored.
        "additionalProperties": {
            "type": "string",
            "description": "attribute[code] or attribute[code][]: an answer, by attribute code.",
        },
    },
)

UPDATE_FORM = _form(
    {
        "api_key": _KEY,
        "jurisdiction_id": _JURISDICTION,
        "update_id": {"type": "string", "description": "The client's id; required, not stored."},
        "service_request_id": {"type": "string", "description": "A request this client sent."},
        "status": {
            "type": "string",
            "enum": [
                "OPEN",
                "REOPEN",
                "INVESTIGATING",
                "IN_PROGRESS",
                "ACTION_SCHEDULED",
                "PLANNED",
                "INTERNAL_REFERRAL",
                "FOR_TRIAGE",
                "FIXED",
                "CLOSED",
                "NOT_COUNCILS_RESPONSIBILITY",
                "NO_FURTHER_ACTION",
                "DUPLICATE",
                "CANCELLED",
            ],
            "description": "FixMyStreet's extended status.",
        },
        "updated_datetime": {"type": "string", "format": "date-time", "description": _DATETIME},
        "description": {"type": "string", "maxLength": 2000},
        "media_url": _MEDIA,
    },
    ["api_key", "update_id", "service_request_id", "status", "updated_datetime"],
)

_ERRORS = {
    "description": "GeoReport errors: one per problem, code being the HTTP status.",
    "content": {
        "application/json": {
            "schema": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "integer"},
                        "description": {"type": "string"},
                    },
                    "required": ["code", "description"],
                },
            }
        },
        "text/xml": {"schema": {"type": "string"}},
    },
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/xml": {"schema": {"type": "string"}}}},
    400: _ERRORS,
    404: _ERRORS,
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {403: _ERRORS, 429: _ERRORS}


def document(routes: Sequence[BaseRoute], version: str, server_url: str) -> dict[str, Any]:
    """The OpenAPI document of the Open311 routes alone, their paths under ``server_url``.

    FastAPI's own 422 is taken out (on this face a malformed parameter is a GeoReport 400),
    and each query parameter gets its schema from ``QUERY`` in place of "a string or null".
    """
    built = get_openapi(
        title="First Stop Open311 GeoReport v2",
        version=version,
        summary="GeoReport v2 with FixMyStreet's extensions: groups, paging, updates.",
        description=(
            "Every resource ends .xml or .json. POST bodies are "
            "application/x-www-form-urlencoded in UTF-8; an empty parameter counts as "
            "absent. Errors are a list of {code, description}, in the path's format."
        ),
        routes=routes,
        servers=[{"url": server_url}],
    )
    for operations in built["paths"].values():
        for operation in operations.values():
            operation["responses"].pop("422", None)
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    parameter["schema"] = QUERY[parameter["name"]]
    schemas = built.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    if not schemas:
        built.pop("components", None)
    return built
