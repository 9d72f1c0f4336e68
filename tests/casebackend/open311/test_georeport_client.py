"""An independent Open311 reader, the PyPI ``georeport`` client, against the real face."""

from __future__ import annotations

import pytest
import requests
from georeport import GeoReport

from tests.casebackend.open311.helpers import change_status, create

WELSH = "Twll yn y ffordd ger Tŷ Ŵyn"


def _as_list(value):
    """xmltodict gives one child as a dict and several as a list."""
    return value if isinstance(value, list) else [value]


def test_json_reader(backend):
    client = GeoReport(backend.open311)
    services = client.get_service_list()
    assert [s["service_code"] for s in services][:2] == ["pothole", "streetlight"]
    assert services[0]["metadata"] is True

    definition = client.get_service_definition("streetlight")
    assert definition["service_code"] == "streetlight"
    fault = next(a for a in definition["attributes"] if a["code"] == "fault")
    assert fault["datatype"] == "multivaluelist"
    assert fault["values"][0] == {"key": "stays_off", "name": fault["values"][0]["name"]}

    first = create(backend, description=WELSH)
    second = create(backend)
    change_status(backend, second, "resolved", note="Mended")
    listed = client.get_service_requests()
    assert [r["service_request_id"] for r in listed] == [second, first]
    closed = client.get_service_requests(status="closed", service_code="pothole,streetlight")
    assert [r["service_request_id"] for r in closed] == [second]
    chosen = client.get_service_requests(service_request_id=f"{first},{second}")
    assert {r["service_request_id"] for r in chosen} == {first, second}

    one = client.get_service_request(first)
    assert one["service_request_id"] == first
    assert one["description"] == WELSH
    assert one["status"] == "open"

    with pytest.raises(requests.HTTPError) as missing:
        client.get_service_request("222-222-222")
    assert missing.value.response.status_code == 404


def test_xml_reader(backend):
    client = GeoReport(backend.open311, output_format="xml")
    services = client.get_service_list()
    assert [s["service_code"] for s in services][:2] == ["pothole", "streetlight"]
    assert services[0]["metadata"] == "true"
    flytipping = next(s for s in services if s["service_code"] == "flytipping")
    assert _as_list(flytipping["groups"]["group"]) == [
        "Bins, rubbish and recycling",
        "Streets and parks",
    ]

    definition = client.get_service_definition("pothole")
    attributes = _as_list(definition["attributes"]["attribute"])
    assert [a["order"] for a in attributes] == ["1", "2", "3", "4"]
    size = attributes[0]
    assert size["code"] == "size"
    assert size["datatype_description"] is None
    assert [v["key"] for v in _as_list(size["values"]["value"])] == [
        "smaller_than_plate",
        "plate_to_tyre",
        "bigger_than_tyre",
    ]
    assert "values" not in attributes[1]

    first = create(backend, "xml", description=WELSH)
    second = create(backend, "xml")
    listed = _as_list(client.get_service_requests(service_code="pothole"))
    assert [r["service_request_id"] for r in listed] == [second, first]
    one = client.get_service_request(first)
    assert one["service_request_id"] == first
    assert one["description"] == WELSH
    assert one["agency_responsible"] == "Highways"
    assert one["lat"] == "52.9548"

    jurisdiction = GeoReport(
        backend.open311,
        jurisdiction=backend.context.settings.jurisdiction_id,
        output_format="xml",
    )
    assert jurisdiction.get_service_request(second)["service_request_id"] == second
