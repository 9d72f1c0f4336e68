"""Property tests of the Open311 face against the real backend: whatever a client sends —
extreme dates, huge pages, unknown or strange service codes, unicode, NUL bytes, over-long
values — the answer is never a 5xx, and every error is a GeoReport error body whose codes
are the answer's status. (These are hand-written strategies for the inputs most likely to
hurt; tests/security/test_fuzz_open311_schema.py runs schemathesis over the face's own
OpenAPI document.)"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Backend

EXAMPLES = 40
_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)

# Any text a client could send, NUL included; not lone surrogates (not encodable).
_chars = st.characters(exclude_categories=["Cs"])
_text = st.text(_chars, max_size=300)
_long = st.text(_chars, min_size=3000, max_size=6000)
_dates = st.one_of(
    st.builds(
        "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}".format,
        st.integers(1, 9999),
        st.integers(1, 12),
        st.integers(1, 31),
        st.integers(0, 23),
        st.integers(0, 59),
        st.integers(0, 59),
        st.sampled_from(["Z", "+14:00", "-12:00", "+23:59", "-23:59", "", " 01:00"]),
    ),
    st.sampled_from(
        [
            "9999-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "2026-02-30T00:00:00Z",
        ]
    ),
    _text,
)
_numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str), st.sampled_from(["0", "1e9", "٣", "9" * 400]), _text
)
_codes = st.one_of(st.sampled_from(["pothole", "graffiti", "complaint", ""]), _text)


def _check(response: requests.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:300])
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body, list), body
        assert body, "an error body names at least one error"
        for error in body:
            assert set(error) == {"code", "description"}, error
            assert error["code"] == response.status_code, error
            assert isinstance(error["description"], str), error
            assert error["description"].strip(), error


def _get(backend: Backend, path: str, params: dict[str, Any]) -> None:
    _check(backend.http.get(f"{backend.open311}/{path}", params=params, timeout=30))


def test_reading_requests_never_fails(backend):
    @_SETTINGS
    @given(
        start=st.none() | _dates,
        end=st.none() | _dates,
        page=st.none() | _numbers,
        size=st.none() | _numbers,
        code=st.none() | _codes,
        status=st.none() | st.sampled_from(["open", "closed", "open,closed"]) | _text,
        ids=st.none() | _text,
    )
    def read(start, end, page, size, code, status, ids):
        params = {
            "start_date": start,
            "end_date": end,
            "page": page,
            "page_size": size,
            "service_code": code,
            "status": status,
        }
        _get(backend, "requests.json", params)
        _get(backend, "servicerequestupdates.json", params)
        if ids is not None:
            _get(backend, "requests.json", {"service_request_id": ids})

    read()


def test_named_resources_never_fail(backend):
    @_SETTINGS
    @given(name=_text.filter(lambda t: t.strip("./")), fmt=st.sampled_from(["json", "xml"]))
    def fetch(name, fmt):
        quoted = quote(name, safe="")
        for path in (f"services/{quoted}", f"requests/{quoted}", f"tokens/{quoted}"):
            response = backend.http.get(f"{backend.open311}/{path}.{fmt}", timeout=30)
            assert response.status_code < 500, (path, response.status_code)
        _check(backend.http.get(f"{backend.open311}/services/{quoted}.json", timeout=30))

    fetch()


def test_posting_never_fails(backend):
    @_SETTINGS
    @given(
        code=_codes,
        description=_text | _long,
        lat=st.none() | _numbers | st.floats(allow_nan=True).map(str),
        long=st.none() | _numbers,
        attribute=st.none() | _text | _long,
        extra=st.dictionaries(_text, _text, max_size=5),
        when=_dates,
        status=st.sampled_from(["OPEN", "CLOSED", "FIXED", ""]) | _text,
        reference=_text,
    )
    def post(code, description, lat, long, attribute, extra, when, status, reference):
        form = extra | {
            "api_key": backend.api_key,
            "service_code": code,
            "description": description,
            "lat": lat,
            "long": long,
            "attribute[size]": attribute,
        }
        response = backend.http.post(
            f"{backend.open311}/requests.json",
            data={k: v for k, v in form.items() if v is not None},
            timeout=30,
        )
        _check(response)
        update = {
            "api_key": backend.api_key,
            "update_id": reference,
            "service_request_id": reference,
            "status": status,
            "updated_datetime": when,
            "description": description,
        }
        _check(
            backend.http.post(
                f"{backend.open311}/servicerequestupdates.json", data=update, timeout=30
            )
        )

    post()
