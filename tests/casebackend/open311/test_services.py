"""Discovery, the service list and service definitions, in JSON and XML, over real HTTP."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.casebackend.open311.helpers import as_dict, child, errors, get, json_body, xml

PUBLISHED = [
    "pothole",
    "streetlight",
    "flytipping",
    "missed_bin",
    "parking_permit",
    "change_of_address",
    "complaint",
    "feedback",
    "appointment",
    "dog_fouling",
]
SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
    "groups",
]
ATTRIBUTE_FIELDS = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
]


def test_discovery_in_json_and_xml(backend):
    url = f"{backend.context.settings.public_base_url}/open311/v2"
    body = json_body(get(backend, "discovery.json"))
    assert body == {
        "changeset": body["changeset"],
        "contact": body["contact"],
        "key_service": body["key_service"],
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": url,
                "changeset": body["changeset"],
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    assert body["contact"]
    assert body["key_service"]

    root = xml(get(backend, "discovery.xml"))
    assert root.tag == "discovery"
    assert [c.tag for c in root] == ["changeset", "contact", "key_service", "endpoints"]
    (endpoint,) = child(root, "endpoints")
    assert endpoint.tag == "endpoint"
    assert [c.tag for c in endpoint] == ["specification", "url", "changeset", "type", "formats"]
    assert endpoint.findtext("url") == url
    formats = child(endpoint, "formats")
    assert [(f.tag, f.text) for f in formats] == [
        ("format", "text/xml"),
        ("format", "application/json"),
    ]


def test_service_list_in_json(backend):
    services = json_body(get(backend, "services.json"))
    assert [s["service_code"] for s in services] == PUBLISHED
    assert all(list(s) == SERVICE_FIELDS for s in services)
    assert services[0] == {
        "service_code": "pothole",
        "service_name": "Report a pothole",
        "description": "Tell us about a hole in a road or pavement.",
        "metadata": True,
        "type": "realtime",
        "keywords": "pothole, hole, road, pavement, crack, tarmac, trip",
        "group": "Roads and pavements",
        "groups": ["Roads and pavements"],
    }
    flytipping = services[PUBLISHED.index("flytipping")]
    assert flytipping["group"] == "Bins, rubbish and recycling"
    assert flytipping["groups"] == ["Bins, rubbish and recycling", "Streets and parks"]


def test_service_list_in_xml(backend):
    root = xml(get(backend, "services.xml"))
    assert root.tag == "services"
    assert [s.tag for s in root] == ["service"] * len(PUBLISHED)
    assert [s.findtext("service_code") for s in root] == PUBLISHED
    pothole = root[0]
    assert [c.tag for c in pothole] == SERVICE_FIELDS
    assert pothole.findtext("metadata") == "true"
    assert pothole.findtext("keywords") == "pothole, hole, road, pavement, crack, tarmac, trip"
    groups = child(root[PUBLISHED.index("flytipping")], "groups")
    assert [(g.tag, g.text) for g in groups] == [
        ("group", "Bins, rubbish and recycling"),
        ("group", "Streets and parks"),
    ]


def test_information_services_are_not_published(backend):
    codes = {s["service_code"] for s in get(backend, "services.json").json()}
    assert not codes & {"bulky_waste_info", "council_tax_help"}
    response = get(backend, "services/bulky_waste_info.json")
    assert response.status_code == 404
    assert errors(response)[0][0] == 404


def test_service_definition_in_json_with_values_and_orders(backend):
    body = json_body(get(backend, "services/pothole.json"))
    assert list(body) == ["service_code", "attributes"]
    assert body["service_code"] == "pothole"
    size, depth, where, hazard = body["attributes"]
    assert size == {
        "variable": True,
        "code": "size",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": None,
        "order": 1,
        "description": "How big is the pothole?",
        "values": [
            {"key": "smaller_than_plate", "name": "Smaller than a dinner plate"},
            {"key": "plate_to_tyre", "name": "Between a dinner plate and a car tyre"},
            {"key": "bigger_than_tyre", "name": "Bigger than a car tyre"},
        ],
    }
    # Not a list, so no values at all; kiosk-only metadata is not published.
    assert depth == {
        "variable": True,
        "code": "depth",
        "datatype": "number",
        "required": False,
        "datatype_description": "Centimetres, from 0 to 100",
        "order": 2,
        "description": "How deep is the pothole, in centimetres?",
    }
    assert [a["order"] for a in body["attributes"]] == [1, 2, 3, 4]
    assert where["code"] == "in_road_or_pavement"
    assert hazard["code"] == "hazard_now"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_every_datatype_is_published_with_its_shape(backend, fmt):
    seen: dict[str, dict[str, Any]] = {}
    for code in PUBLISHED:
        response = get(backend, f"services/{code}.{fmt}")
        assert response.status_code == 200, response.text
        if fmt == "json":
            attributes = json_body(response)["attributes"]
        else:
            root = xml(response)
            assert root.tag == "service_definition"
            assert [c.tag for c in root] == ["service_code", "attributes"]
            assert root.findtext("service_code") == code
            attributes = []
            for element in child(root, "attributes"):
                assert element.tag == "attribute"
                values = element.find("values")
                attribute: dict[str, Any] = {c.tag: c.text for c in element if c.tag != "values"}
                if values is not None:
                    assert all(v.tag == "value" for v in values)
                    attribute["values"] = [as_dict(v) for v in values]
                attributes.append(attribute)
        for attribute in attributes:
            datatype = attribute["datatype"]
            expected = ATTRIBUTE_FIELDS + (["values"] if datatype.endswith("valuelist") else [])
            assert list(attribute) == expected, (code, attribute)
            seen.setdefault(datatype, attribute)
    assert set(seen) == {
        "string",
        "number",
        "datetime",
        "text",
        "singlevaluelist",
        "multivaluelist",
    }
    fault = seen["multivaluelist"]
    assert fault["code"] == "fault"
    assert [v["key"] for v in fault["values"]][:2] == ["stays_off", "stays_on_daytime"]
    if fmt == "xml":
        assert fault["required"] == "true"
        assert fault["variable"] == "true"
        assert fault["order"] == "2"
        assert seen["string"]["datatype_description"] is None
    else:
        assert fault["required"] is True
        assert fault["order"] == 2


def test_unknown_service_and_format_and_jurisdiction(backend):
    response = get(backend, "services/no_such_thing.xml")
    assert response.status_code == 404
    assert errors(response, "xml") == [
        (404, "There is no service with the service_code 'no_such_thing'.")
    ]
    response = get(backend, "services.html")
    assert response.status_code == 404
    assert errors(response, "xml")[0][0] == 404
    response = get(backend, "services.json", jurisdiction_id="elsewhere.example.org")
    assert response.status_code == 404
    jurisdiction = backend.context.settings.jurisdiction_id
    assert get(backend, "services.json", jurisdiction_id=jurisdiction).status_code == 200
    assert get(backend, "services.json", jurisdiction_id="").status_code == 200


def test_only_the_catalogues_english_is_published(backend):
    """Open311 has no language of its own: the kiosk's Polish and Arabic stay out of it."""
    services = json_body(get(backend, "services.json"))
    published = [json_body(get(backend, f"services/{code}.json")) for code in PUBLISHED]
    text = json.dumps([services, published], ensure_ascii=False)
    assert not re.search(r"[\u0600-\u06FFąćęłńóśźżĄĆĘŁŃÓŚŹŻ]", text)
    assert "translations" not in text
