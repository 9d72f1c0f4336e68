"""The GeoReport writer and readers on their own: XML shape, datetimes, windows, forms."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

import pytest

from casebackend.open311.parsing import Form, comma_list, parse_datetime, parse_page
from casebackend.open311.render import Format, end_of_day, parse_format, to_json, to_xml, w3c
from casebackend.open311.service import window
from shared.errors import InvalidInput, NotFound


def test_xml_names_each_containers_children_and_writes_empty_elements():
    body = to_xml(
        "services",
        [{"service_code": "a&b", "metadata": True, "group": None, "groups": ["x", "ŵ"]}],
    )
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<services>')
    root = ET.fromstring(body)  # noqa: S314 (our own writer's output)
    (service,) = root
    assert service.tag == "service"
    assert [c.tag for c in service] == ["service_code", "metadata", "group", "groups"]
    assert service.findtext("service_code") == "a&b"
    assert service.findtext("metadata") == "true"
    assert b"<group></group>" in body
    groups = service.find("groups")
    assert groups is not None
    assert [(g.tag, g.text) for g in groups] == [("group", "x"), ("group", "ŵ")]
    assert "ŵ".encode() in body
    empty = ET.fromstring(to_xml("service_requests", []))  # noqa: S314 (our own output)
    assert empty.tag == "service_requests"


def test_xml_stays_well_formed_whatever_the_text_holds():
    # Control characters XML 1.0 cannot hold, even escaped, from a description or a suffix.
    body = to_xml("errors", [{"code": 404, "description": "no .\x1f or \x00 or \ufffe\there"}])
    root = ET.fromstring(body)  # noqa: S314 (our own writer's output)
    assert root.findtext("error/description") == "no .\ufffd or \ufffd or \ufffd\there"


def test_json_keeps_unicode_and_types():
    assert to_json([{"a": "ŷ", "b": None, "c": False, "d": 1.5}]) == (
        '[{"a":"ŷ","b":null,"c":false,"d":1.5}]'.encode()
    )


def test_formats():
    assert parse_format("json") is Format.JSON
    assert parse_format("xml") is Format.XML
    with pytest.raises(NotFound):
        parse_format("html")
    assert Format.XML.media_type == "text/xml; charset=utf-8"


def test_datetimes_carry_the_local_offset_without_a_fraction():
    summer = datetime(2026, 7, 1, 8, 30, 15, 123456, tzinfo=UTC)
    assert w3c(summer, "Europe/London") == "2026-07-01T09:30:15+01:00"
    winter = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    assert w3c(winter, "Europe/London") == "2026-12-01T08:30:00+00:00"
    assert end_of_day(date(2026, 7, 1), "Europe/London") == "2026-07-01T23:59:59+01:00"
    assert end_of_day(date(2026, 12, 1), "Europe/London") == "2026-12-01T23:59:59+00:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-01T09:30:00Z", datetime(2026, 5, 1, 9, 30, tzinfo=UTC)),
        ("2026-05-01T10:30:00+01:00", datetime(2026, 5, 1, 9, 30, tzinfo=UTC)),
        ("2026-05-01T10:30:00.250+01:00", datetime(2026, 5, 1, 9, 30, 0, 250000, tzinfo=UTC)),
        ("2026-05-01T10:30:00 01:00", datetime(2026, 5, 1, 9, 30, tzinfo=UTC)),
        ("2026-05-01T09:30Z", datetime(2026, 5, 1, 9, 30, tzinfo=UTC)),
    ],
)
def test_w3c_datetimes_are_read(text, expected):
    assert parse_datetime("start_date", text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2026-05-01T09:30:00", "start_date needs a time zone"),
        ("2026-05-01", "start_date must be a date and time"),
        ("yesterday", "start_date must be a date and time"),
        ("2026-02-30T09:30:00Z", "start_date is not a real date and time"),
    ],
)
def test_bad_datetimes_are_refused_plainly(text, problem):
    with pytest.raises(InvalidInput) as refused:
        parse_datetime("start_date", text)
    assert refused.value.message.startswith(problem)


def test_empty_datetime_is_absent():
    assert parse_datetime("end_date", "") is None
    assert parse_datetime("end_date", None) is None


def test_windows_default_to_the_last_90_days_and_go_no_wider():
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    assert window(None, None, now=now) == (now - timedelta(days=90), now)
    assert window("2026-01-01T00:00:00Z", None) == (
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2026, 4, 1, tzinfo=UTC),
    )
    assert window(None, "2026-04-01T00:00:00Z")[0] == datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(InvalidInput):
        window("2026-01-01T00:00:00Z", "2026-04-01T00:00:01Z")
    with pytest.raises(InvalidInput):
        window("2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z")


def test_pages_and_lists():
    assert parse_page(None, None) == (1, 1000)
    assert parse_page("3", "20") == (3, 20)
    assert parse_page("", "") == (1, 1000)
    for page, size in (("0", None), (None, "0"), (None, "1001"), ("²", None), ("-1", None)):
        with pytest.raises(InvalidInput):
            parse_page(page, size)
    assert comma_list(" a, ,b ,") == ["a", "b"]
    assert comma_list(None) == []


def test_form_attributes_and_empty_values():
    form = Form(
        (
            ("attribute[a]", "1"),
            ("attribute[b][]", "x"),
            ("attribute[b][]", "y"),
            ("attribute[c]", " "),
            ("attribute[d", "no"),
            ("email", ""),
            ("email", " me@example.org "),
        )
    )
    assert form.attributes() == {"a": ["1"], "b": ["x", "y"]}
    assert form.get("email") == "me@example.org"
    assert form.get("phone") is None
    assert form.get_all("email") == ["me@example.org"]
