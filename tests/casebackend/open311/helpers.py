"""Talking to the GeoReport v2 face of a real backend, as an Open311 client would."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import requests

from tests.conftest import Backend

W3C = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'

REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
UPDATE_FIELDS = [
    "update_id",
    "service_request_id",
    "status",
    "updated_datetime",
    "description",
    "media_url",
    "external_status_code",
]


def pothole(backend: Backend, **fields: Any) -> dict[str, Any]:
    """A complete pothole report, as form fields."""
    return {
        "api_key": backend.api_key,
        "service_code": "pothole",
        "lat": "52.9548",
        "long": "-1.1581",
        "address_string": "Outside 12 Mansfield Road, Nottingham NG5 2AB",
        "description": "Deep hole by the bus stop",
        "attribute[size]": "plate_to_tyre",
        "attribute[in_road_or_pavement]": "road",
        "attribute[hazard_now]": "no",
    } | fields


def post(backend: Backend, path: str, data: Any, **kwargs: Any) -> requests.Response:
    return backend.http.post(f"{backend.open311}/{path}", data=data, **kwargs)


def get(backend: Backend, path: str, **params: Any) -> requests.Response:
    return backend.http.get(f"{backend.open311}/{path}", params=params)


def create(backend: Backend, fmt: str = "json", **fields: Any) -> str:
    """POST a pothole report (changed by ``fields``); its service_request_id."""
    response = post(backend, f"requests.{fmt}", pothole(backend, **fields))
    assert response.status_code == 200, response.text
    if fmt == "json":
        return str(response.json()[0]["service_request_id"])
    return xml(response).findtext("request/service_request_id") or ""


def xml(response: requests.Response) -> ET.Element:
    assert response.headers["content-type"] == XML_TYPE
    assert response.content.startswith(DECLARATION)
    return ET.fromstring(response.content)  # noqa: S314 (our own server's answer)


def json_body(response: requests.Response) -> Any:
    assert response.headers["content-type"] == JSON_TYPE
    return response.json()


def child(element: ET.Element, path: str) -> ET.Element:
    found = element.find(path)
    assert found is not None, path
    return found


def as_dict(element: ET.Element) -> dict[str, str]:
    """A leaf-only element's children: tag → text ('' when empty)."""
    return {child.tag: child.text or "" for child in element}


def errors(response: requests.Response, fmt: str = "json") -> list[tuple[int, str]]:
    """The (code, description) pairs of a GeoReport error body."""
    if fmt == "json":
        body = json_body(response)
        assert all(set(e) == {"code", "description"} for e in body)
        return [(e["code"], e["description"]) for e in body]
    root = xml(response)
    assert root.tag == "errors"
    assert all(child.tag == "error" for child in root)
    return [(int(e.findtext("code") or 0), e.findtext("description") or "") for e in root]


def jo(backend: Backend) -> dict[str, str]:
    return backend.login("jo")


def change_status(
    backend: Backend, reference: str, status: str, note: str = "", public: bool = True
) -> dict[str, Any]:
    response = backend.http.post(
        f"{backend.api}/cases/{reference}/status",
        json={"status": status, "note": note, "public": public},
        headers=jo(backend),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
