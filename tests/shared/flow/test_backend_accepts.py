"""What the flow builds, a real backend accepts: every demo service, end to end."""

from __future__ import annotations

import uuid

import pytest
from pydantic import TypeAdapter, ValidationError

from shared.catalogue.schemas import ServiceKind
from shared.emails import Email
from shared.errors import InvalidInput
from shared.flow import FieldKind, FieldSpec, Flow, StepKind, steps
from shared.flow.checks import check_field
from shared.references import is_valid
from shared.schema import to_builtins
from tests.shared.flow.helpers import NOW, walk_to


def test_a_kiosk_submits_every_demo_service_from_its_flow(backend, catalogue):
    headers, _ = backend.enrol()
    for service in catalogue.services:
        if service.kind is ServiceKind.INFORMATION:
            continue
        check = walk_to(Flow.start(service, now=NOW), StepKind.CHECK)
        body = to_builtins(check.to_case_create())
        response = backend.create_case(headers, body, key=uuid.uuid4().hex)
        assert response.status_code == 201, (service.code, response.text)
        reference = response.json()["reference"]
        assert is_valid(reference)
        done = check.submitted(reference)
        assert done.screen_state(0).reference == done.reference


@pytest.mark.parametrize(
    "typed",
    [
        "ada@example.com",
        "Ada.Lovelace@Example.COM",
        "ada+council@sub.example.co.uk",
        "zoë@bücher.example",
        "not an email",
        "ada@",
        "@example.com",
        "ada@example",
        "ada@@example.com",
        "ada@[127.0.0.1]",
    ],
)
def test_the_kiosk_checks_an_address_as_the_backend_does(typed):
    # The kiosk checks an address with email-validator, the backend's edge with pydantic:
    # both must accept the same addresses and keep them in the same form, or a customer
    # could be told their address is fine and the case then refused.
    spec = FieldSpec(steps.EMAIL, FieldKind.EMAIL, max_length=steps.MAX_EMAIL)
    try:
        kiosk = check_field(spec, typed)
    except InvalidInput:
        kiosk = None
    try:
        edge = TypeAdapter(Email).validate_python(typed)
    except ValidationError:
        edge = None
    assert kiosk == edge
