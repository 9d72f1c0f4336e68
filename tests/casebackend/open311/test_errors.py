"""GeoReport v2 error bodies: the spec's statuses, plain descriptions, JSON or XML."""

from __future__ import annotations

import pytest

from tests.casebackend.open311.helpers import create, errors, get, post, pothole


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_missing_or_invalid_api_key_is_403(backend, fmt):
    form = pothole(backend)
    del form["api_key"]
    missing = post(backend, f"requests.{fmt}", form)
    assert missing.status_code == 403
    assert errors(missing, fmt) == [(403, "An api_key is required to do this.")]
    wrong = post(backend, f"requests.{fmt}", form | {"api_key": "not-a-key"})
    assert wrong.status_code == 403
    assert errors(wrong, fmt) == [(403, "The api_key is not valid.")]
    empty = post(backend, f"requests.{fmt}", form | {"api_key": ""})
    assert empty.status_code == 403
    assert get(backend, "requests.json").json() == []


def test_unknown_or_missing_service_code(backend):
    unknown = post(backend, "requests.json", pothole(backend, service_code="unicorns"))
    assert unknown.status_code == 404
    assert errors(unknown) == [(404, "There is no service with the service_code 'unicorns'.")]
    info = post(backend, "requests.xml", pothole(backend, service_code="bulky_waste_info"))
    assert info.status_code == 404
    missing = post(backend, "requests.json", pothole(backend, service_code=""))
    assert missing.status_code == 400
    assert errors(missing)[0][1].startswith("service_code is required")


def test_description_longer_than_4000_characters_is_400(backend):
    exactly = post(backend, "requests.json", pothole(backend, description="x" * 4000))
    assert exactly.status_code == 200, exactly.text
    too_long = post(backend, "requests.xml", pothole(backend, description="x" * 4001))
    assert too_long.status_code == 400
    assert errors(too_long, "xml") == [
        (400, "description must be 4,000 characters or fewer; this one has 4,001.")
    ]


def test_a_pothole_needs_a_location(backend):
    form = pothole(backend)
    for name in ("lat", "long", "address_string"):
        del form[name]
    response = post(backend, "requests.json", form)
    assert response.status_code == 400
    assert errors(response) == [
        (
            400,
            "Report a pothole needs a location: send lat and long, address_string or address_id.",
        )
    ]
    assert post(backend, "requests.json", form | {"address_id": "10023456789"}).status_code == 200
    half = post(backend, "requests.json", form | {"lat": "52.9"})
    assert errors(half) == [(400, "lat and long go together: send both, or neither.")]
    far = post(backend, "requests.json", form | {"lat": "152.9", "long": "1"})
    assert far.status_code == 400
    words = post(backend, "requests.json", form | {"lat": "north", "long": "west"})
    assert words.status_code == 400
    not_uprn = post(backend, "requests.json", form | {"address_id": "#NOTPINPOINTED#"})
    assert errors(not_uprn) == [(400, "address_id must be a UPRN: a number of up to 12 digits.")]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_attribute_values_are_400_with_one_error_each(backend, fmt):
    form = [
        ("api_key", backend.api_key),
        ("service_code", "streetlight"),
        ("address_string", "Castle Boulevard"),
        ("attribute[fault][]", "flickers"),
        ("attribute[fault][]", "on_fire"),
        ("attribute[noticed_at]", "last tuesday"),
    ]
    fault = backend.context.catalogue.service("streetlight").attribute("fault")
    keys = ", ".join(v.key for v in fault.values)
    response = post(backend, f"requests.{fmt}", form)
    assert response.status_code == 400
    assert errors(response, fmt) == [
        (400, f"attribute[fault]: Please choose from the options shown. Allowed keys: {keys}."),
        (400, "attribute[noticed_at]: Please give a date and time."),
    ]
    missing = post(backend, f"requests.{fmt}", form[:3])
    assert missing.status_code == 400
    assert errors(missing, fmt) == [(400, f"attribute[fault] is required: {fault.description}")]


def test_single_value_attribute_sent_twice_and_bad_contact_details(backend):
    twice = post(
        backend,
        "requests.json",
        [*pothole(backend).items(), ("attribute[size]", "bigger_than_tyre")],
    )
    assert errors(twice) == [(400, "attribute[size] takes one value, not 2.")]
    email = post(backend, "requests.json", pothole(backend, email="not an email"))
    assert email.status_code == 400
    assert errors(email)[0][1].startswith("email: ")
    media = post(backend, "requests.json", pothole(backend, media_url="javascript:alert(1)"))
    assert media.status_code == 400


def test_wrong_content_type_is_400(backend):
    as_json = backend.http.post(f"{backend.open311}/requests.json", json=pothole(backend))
    assert as_json.status_code == 400
    assert errors(as_json) == [
        (
            400,
            "Send the request as a form: "
            "Content-Type: application/x-www-form-urlencoded; charset=utf-8.",
        )
    ]
    multipart = backend.http.post(
        f"{backend.open311}/requests.xml", files={"service_code": (None, "pothole")}
    )
    assert multipart.status_code == 400
    assert errors(multipart, "xml")[0][0] == 400
    latin = backend.http.post(
        f"{backend.open311}/servicerequestupdates.json",
        data="status=OPEN",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=iso-8859-1"},
    )
    assert errors(latin) == [(400, "Send the form in UTF-8 (charset=utf-8).")]
    not_utf8 = backend.http.post(
        f"{backend.open311}/requests.json",
        data=b"description=caf%E9",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert not_utf8.status_code == 400


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_datetime_without_a_time_zone_is_400(backend, fmt):
    response = get(backend, f"requests.{fmt}", start_date="2026-11-01T00:00:00")
    assert response.status_code == 400
    assert errors(response, fmt) == [
        (
            400,
            "start_date needs a time zone: add Z for UTC or an offset, such as "
            "2026-05-01T09:30:00Z or 2026-05-01T09:30:00+01:00.",
        )
    ]
    nonsense = get(backend, f"requests.{fmt}", end_date="yesterday")
    assert nonsense.status_code == 400
    too_wide = get(
        backend,
        f"requests.{fmt}",
        start_date="2026-01-01T00:00:00Z",
        end_date="2026-06-01T00:00:00Z",
    )
    assert errors(too_wide, fmt) == [(400, "start_date and end_date may be at most 90 days apart.")]
    backwards = get(
        backend,
        f"requests.{fmt}",
        start_date="2026-06-01T00:00:00Z",
        end_date="2026-05-01T00:00:00Z",
    )
    assert backwards.status_code == 400
    for params in ({"status": "pending"}, {"page": "0"}, {"page_size": "1001"}, {"page": "x"}):
        assert get(backend, f"requests.{fmt}", **params).status_code == 400, params


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_or_malformed_request_id_is_404(backend, fmt):
    unknown = get(backend, f"requests/222-222-222.{fmt}")
    assert unknown.status_code == 404
    assert errors(unknown, fmt) == [(404, "There is no service request '222-222-222'.")]
    malformed = get(backend, f"requests/HELLO.{fmt}")
    assert malformed.status_code == 404
    ((code, description),) = errors(malformed, fmt)
    assert code == 404
    assert description.startswith("There is no service request 'HELLO'. ")
    token = get(backend, f"tokens/abc123.{fmt}")
    assert token.status_code == 404
    assert errors(token, fmt) == [(404, "There is no token 'abc123'.")]
    # A realtime request's id is not a token: realtime services issue none.
    reference = create(backend)
    assert get(backend, f"tokens/{reference}.{fmt}").status_code == 404


def test_paths_without_a_format_and_unknown_formats_are_404_in_xml(backend):
    for path in ("services", "requests.html", "discovery.yaml", "nowhere.json"):
        response = get(backend, path)
        assert response.status_code == 404, path
        fmt = "json" if path.endswith(".json") else "xml"
        assert errors(response, fmt)[0][0] == 404
