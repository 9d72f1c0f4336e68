"""What the flow builds, a real backend accepts: every demo service, end to end."""

from __future__ import annotations

import uuid

from shared.catalogue.schemas import ServiceKind
from shared.flow import Flow, StepKind
from shared.references import is_valid
from tests.shared.flow.helpers import NOW, walk_to


def test_a_kiosk_submits_every_demo_service_from_its_flow(backend, catalogue):
    headers, _ = backend.enrol()
    for service in catalogue.services:
        if service.kind is ServiceKind.INFORMATION:
            continue
        check = walk_to(Flow.start(service, now=NOW), StepKind.CHECK)
        body = check.to_case_create().model_dump(mode="json", exclude_none=True)
        response = backend.create_case(headers, body, key=uuid.uuid4().hex)
        assert response.status_code == 201, (service.code, response.text)
        reference = response.json()["reference"]
        assert is_valid(reference)
        done = check.submitted(reference)
        assert done.screen_state(0).reference == done.reference
