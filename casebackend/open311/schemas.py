"""What the GeoReport v2 face sends, field by field in the spec's order.

Each model dumps to the plain value :mod:`casebackend.open311.render` writes as JSON or XML.
Identifiers are strings, datetimes are already W3C strings with an offset, and a field
the spec lets us leave empty is ``None`` (JSON ``null``, an empty XML element).
"""

from __future__ import annotations

from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


def _without(data: dict[str, Any], *names: str) -> dict[str, Any]:
    for name in names:
        if data.get(name) in (None, []):
            data.pop(name, None)
    return data


class Endpoint(_Out):
    specification: str = SPECIFICATION
    url: str
    changeset: str
    type: str
    formats: list[str]


class Discovery(_Out):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[Endpoint]


class ServiceOut(_Out):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    # The spec's single group (the first), and FixMyStreet's list of every group.
    group: str | None
    groups: list[str]


class ValueOut(_Out):
    key: str
    name: str


class AttributeOut(_Out):
    variable: bool
    code: str
    datatype: str
    required: bool
    datatype_description: str | None
    order: int
    description: str
    values: list[ValueOut] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _omit_empty_values(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Only list datatypes have values; the others carry no <values> at all.
        return _without(handler(self), "values")


class ServiceDefinition(_Out):
    service_code: str
    attributes: list[AttributeOut]


class CreatedRequest(_Out):
    """A realtime service has an id, a batch one a token, a blackbox one neither."""

    service_request_id: str | None = None
    token: str | None = None
    service_notice: str | None
    account_id: str | None

    @model_serializer(mode="wrap")
    def _id_or_token(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without(handler(self), "service_request_id", "token")


class RequestOut(_Out):
    service_request_id: str
    status: str
    status_notes: str | None
    service_name: str
    service_code: str
    description: str | None
    agency_responsible: str | None
    service_notice: str | None
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None


class TokenOut(_Out):
    service_request_id: str
    token: str


class UpdateOut(_Out):
    update_id: str
    service_request_id: str
    status: str
    updated_datetime: str
    description: str | None
    media_url: str | None
    external_status_code: str


class CreatedUpdate(_Out):
    update_id: str


class ErrorOut(_Out):
    code: int
    description: str


def dump(models: list[Any]) -> list[dict[str, Any]]:
    return [m.model_dump() for m in models]
