"""Creating and reading service requests through GeoReport v2, over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from casebackend.catalogue.service import store_catalogue
from casebackend.db.engine import unit_of_work
from shared.catalogue.schemas import ServiceType
from shared.references import is_valid
from shared.schema import replace
from tests.casebackend.open311.helpers import (
    REQUEST_FIELDS,
    W3C,
    as_dict,
    change_status,
    create,
    get,
    jo,
    json_body,
    post,
    pothole,
    xml,
)

WELSH = "Mae twll mawr ger y bont ar Heol y Dŵr, a'r ffordd i Dŷ Ŵyn yn beryglus — ŵ ŷ Ŵ Ŷ"


def test_post_in_json_makes_an_open311_case(backend):
    response = post(backend, "requests.json", pothole(backend, account_id="acc-77"))
    assert response.status_code == 200, response.text
    (created,) = json_body(response)
    assert list(created) == ["service_request_id", "service_notice", "account_id"]
    reference = created["service_request_id"]
    assert isinstance(reference, str)
    assert is_valid(reference)
    assert created["service_notice"].startswith("We aim to deal with this by ")
    assert created["account_id"] == "acc-77"

    case = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo(backend)).json()
    assert case["channel"] == "open311"
    assert case["team_code"] == "highways"
    assert case["answers"] == {
        "size": "plate_to_tyre",
        "in_road_or_pavement": "road",
        "hazard_now": "no",
    }
    assert case["place"] == {
        "address": "Outside 12 Mansfield Road, Nottingham NG5 2AB",
        "postcode": "NG52AB",
        "uprn": None,
        "lat": 52.9548,
        "long": -1.1581,
    }


def test_post_in_xml_then_read_it_back_by_id(backend):
    response = post(
        backend,
        "requests.xml",
        pothole(backend, address_id="100030001234", media_url="https://example.org/p/1.jpg"),
    )
    assert response.status_code == 200, response.text
    root = xml(response)
    assert root.tag == "service_requests"
    (request,) = root
    assert request.tag == "request"
    assert [c.tag for c in request] == ["service_request_id", "service_notice", "account_id"]
    assert request.findtext("account_id") == ""
    reference = request.findtext("service_request_id")

    (record,) = json_body(get(backend, f"requests/{reference}.json"))
    assert list(record) == REQUEST_FIELDS
    sla_due = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo(backend)).json()[
        "sla_due"
    ]
    assert record == record | {
        "service_request_id": reference,
        "status": "open",
        "status_notes": None,
        "service_name": "Report a pothole",
        "service_code": "pothole",
        "description": "Deep hole by the bus stop",
        "agency_responsible": "Highways",
        "address": "Outside 12 Mansfield Road, Nottingham NG5 2AB",
        "address_id": "100030001234",
        "zipcode": "NG52AB",
        "lat": 52.9548,
        "long": -1.1581,
        "media_url": "https://example.org/p/1.jpg",
    }
    assert record["service_notice"] == request.findtext("service_notice")
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3C.match(record[name]), record[name]
    assert record["expected_datetime"].startswith(f"{sla_due}T23:59:59")
    requested = datetime.fromisoformat(record["requested_datetime"])
    assert abs(datetime.now(UTC) - requested) < timedelta(minutes=5)

    root = xml(get(backend, f"requests/{reference}.xml"))
    assert root.tag == "service_requests"
    (element,) = root
    assert element.tag == "request"
    assert [c.tag for c in element] == REQUEST_FIELDS
    assert as_dict(element) == {k: "" if v is None else str(v) for k, v in record.items()}


def test_no_personal_data_is_published(backend):
    reference = create(
        backend,
        first_name="Gwenllian",
        last_name="Prydderch",
        email="gwen.prydderch@example.com",
        phone="07700 900123",
        device_id="phone-42",
    )
    case = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo(backend)).json()
    assert case["customer_id"] is not None
    for fmt in ("json", "xml"):
        for response in (
            get(backend, f"requests/{reference}.{fmt}"),
            get(backend, f"requests.{fmt}"),
        ):
            assert response.status_code == 200
            for secret in ("Gwenllian", "Prydderch", "gwen.prydderch", "900123", "phone-42"):
                assert secret not in response.text


def test_requests_about_a_person_are_never_published(backend):
    complaint = {
        "api_key": backend.api_key,
        "service_code": "complaint",
        "description": "The officer at my home in 3 Acacia Avenue was rude",
        "address_string": "3 Acacia Avenue, Nottingham NG1 1AA",
        "attribute[about]": "staff",
        "attribute[complexity]": "simple",
        "attribute[what_happened]": "I was shouted at.",
    }
    response = post(backend, "requests.json", complaint)
    assert response.status_code == 200, response.text
    reference = response.json()[0]["service_request_id"]
    assert get(backend, f"requests/{reference}.json").status_code == 404
    listed = get(backend, "requests.json", service_request_id=reference).json()
    assert listed == []
    everything = get(backend, "requests.json").json()
    assert reference not in {r["service_request_id"] for r in everything}
    # The case itself is recorded and routed as usual.
    case = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo(backend)).json()
    assert case["team_name"] == "Customer Relations"


def test_a_client_updates_only_the_requests_it_sent(backend):
    kiosk, _ = backend.enrol()
    service = backend.context.catalogue.service("pothole")
    answers = {a.code: a.values[0].key for a in service.attributes if a.values}
    body = {"service_code": "pothole", "answers": answers, "place": {"address": "1 High St"}}
    reference = backend.create_case(kiosk, body).json()["reference"]
    update = {
        "api_key": backend.api_key,
        "update_id": "fms-1",
        "service_request_id": reference,
        "status": "CLOSED",
        "updated_datetime": "2026-11-20T10:00:00+00:00",
        "description": "Closing someone else's report",
    }
    response = post(backend, "servicerequestupdates.json", update)
    assert response.status_code == 404
    case = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo(backend)).json()
    assert case["status"] == "submitted"


def test_multivaluelist_both_spellings_and_unknown_attributes(backend):
    base = {
        "api_key": backend.api_key,
        "service_code": "streetlight",
        "address_string": "Lamp 14, Castle Boulevard",
        "attribute[column_number]": "NG-0014",
        "attribute[noticed_at]": "2026-11-20T18:30:00+00:00",
        "attribute[fixmystreet_id]": "12345",
    }
    brackets = [
        *base.items(),
        ("attribute[fault][]", "flickers"),
        ("attribute[fault][]", "stays_off"),
    ]
    repeated = [*base.items(), ("attribute[fault]", "flickers"), ("attribute[fault]", "stays_off")]
    for form in (brackets, repeated):
        response = post(backend, "requests.json", form)
        assert response.status_code == 200, response.text
        reference = response.json()[0]["service_request_id"]
        case = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo(backend)).json()
        # Kept in the catalogue's order; the unknown fixmystreet_id is left out.
        assert case["answers"] == {
            "column_number": "NG-0014",
            "fault": ["stays_off", "flickers"],
            "noticed_at": "2026-11-20T18:30:00+00:00",
        }


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_welsh_text_round_trips_exactly(backend, fmt):
    address = "Tŷ Gwyn, Heol y Dŵr, Caerdydd CF10 1AA"
    reference = create(backend, fmt, description=WELSH, address_string=address)
    response = get(backend, f"requests/{reference}.{fmt}")
    if fmt == "json":
        (record,) = json_body(response)
        assert "\\u" not in response.text
    else:
        record = as_dict(xml(response)[0])
        assert WELSH.encode() in response.content
    assert record["description"] == WELSH
    assert record["address"] == address
    assert record["zipcode"] == "CF101AA"


def test_get_requests_filters_by_id_code_and_dates(backend):
    first = create(backend)
    second = create(backend)
    response = post(
        backend,
        "requests.json",
        {
            "api_key": backend.api_key,
            "service_code": "dog_fouling",
            "lat": "52.95",
            "long": "-1.15",
            "attribute[when]": "morning",
        },
    )
    dog = response.json()[0]["service_request_id"]

    everything = json_body(get(backend, "requests.json"))
    assert [r["service_request_id"] for r in everything] == [dog, second, first]
    assert all(list(r) == REQUEST_FIELDS for r in everything)

    # The id list overrides every other argument.
    chosen = get(
        backend,
        "requests.json",
        service_request_id=f"{first},{dog},not-a-reference,222-222-222",
        service_code="streetlight",
        status="closed",
    ).json()
    assert {r["service_request_id"] for r in chosen} == {first, dog}

    potholes = get(backend, "requests.json", service_code="pothole").json()
    assert [r["service_request_id"] for r in potholes] == [second, first]
    both = get(backend, "requests.json", service_code="pothole,dog_fouling").json()
    assert len(both) == 3

    now = datetime.now(UTC).replace(microsecond=0)
    hour = timedelta(hours=1)
    in_window = get(
        backend,
        "requests.json",
        start_date=(now - hour).isoformat().replace("+00:00", "Z"),
        end_date=(now + hour).astimezone(UTC).isoformat().replace("+00:00", "+00:00"),
    ).json()
    assert len(in_window) == 3
    before = get(
        backend,
        "requests.json",
        start_date=(now - 10 * hour).isoformat(),
        end_date=(now - 5 * hour).isoformat(),
    ).json()
    assert before == []
    # An offset sent without percent-encoding arrives as a space; it is still read.
    plus = (now + 2 * hour).strftime("%Y-%m-%dT%H:%M:%S") + "+01:00"
    raw = backend.http.get(f"{backend.open311}/requests.json?end_date={plus}")
    assert raw.status_code == 200, raw.text
    assert len(raw.json()) == 3

    root = xml(get(backend, "requests.xml", service_code="pothole"))
    assert [r.tag for r in root] == ["request", "request"]
    assert [r.findtext("service_request_id") for r in root] == [second, first]
    empty = xml(get(backend, "requests.xml", service_code="missed_bin"))
    assert empty.tag == "service_requests"
    assert len(empty) == 0


def test_status_filter_after_a_change_through_the_internal_api(backend):
    stays_open = create(backend)
    gets_closed = create(backend)
    change_status(backend, gets_closed, "resolved", note="Filled in this morning")
    change_status(backend, stays_open, "triaged", note="A private triage note", public=False)

    open_ = get(backend, "requests.json", status="open").json()
    closed = get(backend, "requests.json", status="closed").json()
    assert [r["service_request_id"] for r in open_] == [stays_open]
    assert [r["service_request_id"] for r in closed] == [gets_closed]
    assert closed[0]["status"] == "closed"
    assert closed[0]["status_notes"] == "Filled in this morning"
    assert open_[0]["status"] == "open"
    assert open_[0]["status_notes"] is None
    assert len(get(backend, "requests.json", status="open,closed").json()) == 2

    # The newest public words win, whether a status change's note or a public note.
    response = backend.http.post(
        f"{backend.api}/cases/{gets_closed}/notes",
        json={"body": "Resurfaced the whole patch too", "public": True},
        headers=jo(backend),
    )
    assert response.status_code == 201, response.text
    (record,) = get(backend, f"requests/{gets_closed}.json").json()
    assert record["status_notes"] == "Resurfaced the whole patch too"
    for status in ("closed", "duplicate", "cancelled"):
        reference = create(backend)
        change_status(backend, reference, status)
        root = xml(get(backend, f"requests/{reference}.xml"))
        assert root.findtext("request/status") == "closed", status


def test_paging_extension(backend):
    made = [create(backend) for _ in range(5)]
    newest_first = list(reversed(made))
    pages = [
        [
            r["service_request_id"]
            for r in get(backend, "requests.json", page=str(n), page_size="2").json()
        ]
        for n in (1, 2, 3, 4)
    ]
    assert pages == [newest_first[0:2], newest_first[2:4], newest_first[4:5], []]
    assert len(get(backend, "requests.json", page_size="1000").json()) == 5
    assert len(get(backend, "requests.json", page="1").json()) == 5


def test_batch_services_answer_a_token_and_blackbox_ones_nothing(backend):
    catalogue = backend.context.catalogue.get()
    kinds = {"pothole": ServiceType.BATCH, "dog_fouling": ServiceType.BLACKBOX}
    services = tuple(
        replace(s, type=kinds[s.code]) if s.code in kinds else s for s in catalogue.services
    )
    with unit_of_work(backend.context.sessions) as session:
        store_catalogue(session, replace(catalogue, services=services))
    backend.context.reload()
    listed = {s["service_code"]: s["type"] for s in get(backend, "services.json").json()}
    assert (listed["pothole"], listed["dog_fouling"], listed["streetlight"]) == (
        "batch",
        "blackbox",
        "realtime",
    )

    response = post(backend, "requests.json", pothole(backend))
    assert response.status_code == 200, response.text
    (created,) = response.json()
    assert list(created) == ["token", "service_notice", "account_id"]
    token = created["token"]
    assert json_body(get(backend, f"tokens/{token}.json")) == [
        {"service_request_id": token, "token": token}
    ]
    root = xml(get(backend, f"tokens/{token}.xml"))
    assert root.tag == "service_requests"
    assert [(r.tag, as_dict(r)) for r in root] == [
        ("request", {"service_request_id": token, "token": token})
    ]

    response = post(
        backend,
        "requests.xml",
        {
            "api_key": backend.api_key,
            "service_code": "dog_fouling",
            "address_string": "The Arboretum",
            "attribute[when]": "morning",
        },
    )
    assert response.status_code == 200, response.text
    assert [c.tag for c in xml(response)[0]] == ["service_notice", "account_id"]
