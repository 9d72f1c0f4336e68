from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication

from shared.catalogue.schemas import Catalogue
from shared.resources import asset_path
from shared.ui import theme

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue.load(asset_path("catalogue", "demo.json"))


@pytest.fixture
def styled(qapp: QApplication):
    """The shared screen stylesheet, standard sizes and colours."""
    qapp.setStyleSheet(
        theme.stylesheet(
            ["screen.qss"],
            theme.palette(high_contrast=False),
            theme.sizes(large_text=False, dpi=96, viewing_distance_mm=500),
        )
    )
    yield qapp
    qapp.setStyleSheet("")
