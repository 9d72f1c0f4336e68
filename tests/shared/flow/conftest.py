"""The demo catalogue, loaded once."""

from __future__ import annotations

import pytest

from shared.catalogue import Catalogue, Service
from tests.shared.flow.helpers import demo_catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return demo_catalogue()


@pytest.fixture
def pothole(catalogue: Catalogue) -> Service:
    service = catalogue.service("pothole")
    assert service is not None
    return service
