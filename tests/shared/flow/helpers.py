"""A fixed clock, good answers from a service definition, and a way to walk a flow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from shared.catalogue import Catalogue, Datatype, Service
from shared.flow import Flow, StepKind
from shared.resources import asset_path

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
LATER = NOW + timedelta(minutes=1)

# Good answers for the engine's own fields.
OWN_ANSWERS: dict[str, Any] = {
    "place.postcode": "ng5 2ab",
    "place.address": "12 Mansfield Road, Nottingham",
    "description.text": "By the bus stop, outside the bakery.",
    "contact.first_name": "Ada",
    "contact.last_name": "Lovelace",
    "contact.email": "ada@example.com",
    "contact.phone": "07700 900123",
    "contact.notify_by": ["email", "sms"],
}


@cache
def demo_catalogue() -> Catalogue:
    return Catalogue.load(asset_path("catalogue", "demo.json"))


def service_of(catalogue: Catalogue, code: str) -> Service:
    service = catalogue.service(code)
    assert service is not None, code
    return service


def good_answer(service: Service, code: str) -> Any:
    """An acceptable answer to one of the service's questions, from its definition alone."""
    attribute = service.attribute(code)
    assert attribute is not None
    if attribute.datatype is Datatype.SINGLEVALUELIST:
        return attribute.values[-1].key
    if attribute.datatype is Datatype.MULTIVALUELIST:
        return [attribute.values[0].key, attribute.values[-1].key]
    if attribute.datatype is Datatype.NUMBER:
        return str(int(attribute.min_value or 0) + 1)
    if attribute.datatype is Datatype.DATETIME:
        return "2026-11-19T09:00:00+00:00"
    limit = attribute.max_length or 200
    return "AB12CDE kept short"[:limit]


def good_answers(service: Service) -> dict[str, Any]:
    answers = {a.code: good_answer(service, a.code) for a in service.attributes}
    return answers | OWN_ANSWERS


def walk_to(flow: Flow, kind: StepKind, answers: dict[str, Any] | None = None) -> Flow:
    """Answer each step from ``answers`` (good ones by default) until a step of ``kind``."""
    given = good_answers(flow.service) if answers is None else answers
    for _ in range(len(flow.steps) + 1):
        if flow.step.kind is kind:
            return flow
        for spec in flow.step.fields:
            if spec.id in given:
                flow = flow.answer(spec.id, given[spec.id])
        moved = flow.next(NOW)
        assert not moved.errors, (flow.step_id, moved.errors)
        assert moved.step_id != flow.step_id
        flow = moved
    raise AssertionError(f"never reached a {kind} step")
