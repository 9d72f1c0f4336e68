"""``BackendClient.find_addresses`` against the real backend (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from casebackend.db.engine import unit_of_work
from casebackend.demo import DEMO_PASSWORD
from casebackend.identity import service as identity
from shared.addresses import AddressMatch
from shared.client import BackendClient
from shared.errors import InvalidInput, NotAuthenticated


def kiosk_client(backend) -> BackendClient:
    with unit_of_work(backend.context.sessions) as session:
        code, _ = identity.create_enrolment_code(session, "shop", timedelta(hours=1))
    client = BackendClient(backend.url, backoff=0.001)
    client.token = client.enrol(code, "k1").token
    return client


def test_a_kiosk_finds_addresses_and_an_unknown_postcode_is_empty(backend):
    with kiosk_client(backend) as client:
        found = client.find_addresses(" ng2 1rt ")
        unknown = client.find_addresses("SW1A 1AA")
    assert all(isinstance(a, AddressMatch) for a in found)
    assert [a.line for a in found][:3] == [
        "1 Ferryboat Quay, Riverside",
        "2 Ferryboat Quay, Riverside",
        "3 Ferryboat Quay, Riverside",
    ]
    assert {a.postcode for a in found} == {"NG2 1RT"}
    assert found[0].uprn == "990000000501"
    assert unknown == []


def test_staff_find_addresses(backend):
    with BackendClient(backend.url) as client:
        client.token = client.login("priya", DEMO_PASSWORD).token
        assert len(client.find_addresses("NG5 7TP")) == 5


def test_a_malformed_postcode_is_refused_without_a_round_trip():
    # Nothing listens on this address: a request would end in Unavailable.
    client = BackendClient("http://127.0.0.1:9", retries=0)
    with client, pytest.raises(InvalidInput) as refused:
        client.find_addresses("NG5")
    assert refused.value.message == "Please type a UK postcode, like SW1A 1AA."


def test_signing_in_is_needed(backend):
    with BackendClient(backend.url) as client, pytest.raises(NotAuthenticated):
        client.find_addresses("NG5 7TP")
