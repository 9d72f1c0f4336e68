"""schemathesis over the Open311 face's own OpenAPI document (``/open311/v2/openapi.json``):
generated requests, valid and not, for every operation, POSTs carrying the demo API key,
against the real backend. No answer is a 5xx, and every 4xx is a GeoReport error body in the
path's format. (tests/security/test_fuzz_open311.py aims hand-written strategies at the
same face: extreme dates, NUL bytes, over-long values.)"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, Case, GenerationMode, Response

from casebackend.settings import BackendSettings
from tests.conftest import Backend, make_settings

MAX_EXAMPLES = 20


@pytest.fixture
def backend_settings(database_url: str) -> BackendSettings:
    """Every generated POST uses the one demo key: more than a client's limit allows."""
    return make_settings(database_url, open311_posts_per_minute=10_000)


def _errors(response: Response) -> list[dict[str, Any]]:
    """The GeoReport error body, read as JSON for ``.json`` paths and as XML otherwise."""
    path = response.request.path_url.split("?", 1)[0]
    content_type = " ".join(response.headers.get("content-type", []))
    if path.lower().endswith(".json"):
        assert content_type.startswith("application/json"), (path, response.headers)
        body = response.json()
        assert isinstance(body, list), body
        return body
    assert content_type.startswith("text/xml"), (path, response.headers)
    root = ET.fromstring(response.content)  # noqa: S314 (our own server's answer)
    assert root.tag == "errors", response.text[:300]
    errors = []
    for error in root:
        assert error.tag == "error", response.text[:300]
        assert [child.tag for child in error] == ["code", "description"], response.text[:300]
        errors.append({"code": int(error.findtext("code") or 0), "description": error[1].text})
    return errors


def _check_error(response: Response) -> None:
    errors = _errors(response)
    assert errors, "an error body names at least one error"
    for error in errors:
        assert set(error) == {"code", "description"}, error
        assert error["code"] == response.status_code, error
        assert isinstance(error["description"], str), error
        assert error["description"].strip(), error


def _a_request(backend: Backend) -> str:
    response = backend.http.post(
        f"{backend.open311}/requests.json",
        data={
            "api_key": backend.api_key,
            "service_code": "pothole",
            "lat": "52.9548",
            "long": "-1.1581",
            "description": "Deep hole",
            "attribute[size]": "plate_to_tyre",
            "attribute[in_road_or_pavement]": "road",
            "attribute[hazard_now]": "no",
        },
        timeout=30,
    )
    response.raise_for_status()
    return str(response.json()[0]["service_request_id"])


def test_the_document_describes_the_face(backend):
    document = backend.http.get(f"{backend.open311}/openapi.json", timeout=30).json()
    assert document["servers"] == [{"url": "/open311/v2"}]
    assert set(document["paths"]) == {
        "/discovery.{fmt}",
        "/services.{fmt}",
        "/services/{service_code}.{fmt}",
        "/requests.{fmt}",
        "/requests/{service_request_id}.{fmt}",
        "/tokens/{token}.{fmt}",
        "/servicerequestupdates.{fmt}",
    }
    form = document["paths"]["/requests.{fmt}"]["post"]["requestBody"]["content"]
    fields = form["application/x-www-form-urlencoded"]["schema"]
    assert {"api_key", "service_code", "lat", "long", "address_string", "address_id"} <= set(
        fields["properties"]
    )
    assert fields["additionalProperties"]["type"] == "string"  # attribute[code]
    # Not the internal API's: none of its paths, and no 422 (a bad parameter here is a 400).
    assert not any(path.startswith("/api/") for path in document["paths"])
    assert "422" not in str(document)


def test_no_request_makes_the_face_fail(backend):
    schema = schemathesis.openapi.from_url(f"{backend.open311}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) == 9
    services = backend.http.get(f"{backend.open311}/services.json", timeout=30).json()
    # Real names in place of generated ones, three times in four, so that generated requests
    # also get past "no such jurisdiction, service or request". (A token is only a batch
    # service's, and the demo has none: tokens are fuzzed as unknown ones.)
    real = {
        "service_code": [service["service_code"] for service in services],
        "service_request_id": [_a_request(backend)],
        "jurisdiction_id": [backend.context.settings.jurisdiction_id],
    }
    failures: list[str] = []
    answered: list[int] = []  # the statuses of valid requests
    for operation in operations:
        _fuzz(backend, operation, GenerationMode.POSITIVE, real, failures, answered)
        _fuzz(backend, operation, GenerationMode.NEGATIVE, real, failures, [])
    assert failures == []
    # Many valid requests are answered, not only refused: the fuzzing reaches the face.
    assert sum(1 for s in answered if s < 400) > len(answered) / 3, sorted(answered)


def _fuzz(
    backend: Backend,
    operation: APIOperation[Any, Any, Any, Any],
    mode: GenerationMode,
    real: dict[str, list[str]],
    failures: list[str],
    statuses: list[int],
) -> None:
    """MAX_EXAMPLES generated requests for one operation; 5xx answers go to ``failures``."""

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def exercise(case: Case[Any], data: st.DataObject) -> None:
        for container in (case.path_parameters, case.query, case.body):
            if not isinstance(container, dict):
                continue
            for name, values in real.items():
                if name in container and data.draw(st.integers(0, 3)):
                    container[name] = data.draw(st.sampled_from(values))
        if case.method == "POST" and isinstance(case.body, dict):
            case.body["api_key"] = backend.api_key
        response = case.call(base_url=backend.open311, timeout=30)
        statuses.append(response.status_code)
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path}: {response.text[:300]}")
        elif response.status_code >= 400:
            _check_error(response)

    exercise()
