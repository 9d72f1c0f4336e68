"""The catalogue cache: the last catalogue the backend gave, kept in ``catalogue.json`` so a
kiosk that starts while the backend is down can still take submissions into its outbox.

What a kiosk shows at start (``startup_catalogue``):

1. the cached catalogue, if there is one;
2. otherwise, for a demo kiosk only, the demo catalogue shipped in the bundle
   (``assets/catalogue/demo.json``);
3. otherwise nothing (``None``): the kiosk shows "out of order" until the sync worker has
   fetched the council's catalogue (``catalogue_updated``). A real kiosk never falls back
   to the bundled catalogue: its services and questions are the demo council's, and cases
   made from them would not fit the council's own catalogue.

The file holds no personal data, so it is written atomically but not owner-only.
"""

from __future__ import annotations

import logging

from pydantic import ValidationError

from kiosk.files import write_atomically
from kiosk.settings import KioskSettings
from shared.catalogue.schemas import Catalogue
from shared.resources import asset_path

log = logging.getLogger(__name__)


def save_catalogue(settings: KioskSettings, catalogue: Catalogue) -> None:
    write_atomically(settings.catalogue_file, catalogue.model_dump_json().encode(), private=False)


def load_cached_catalogue(settings: KioskSettings) -> Catalogue | None:
    """The cached catalogue; ``None`` if there is none or it cannot be read."""
    try:
        data = settings.catalogue_file.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        log.warning("the cached catalogue cannot be read")
        return None
    try:
        return Catalogue.model_validate_json(data, extra="ignore")
    except ValidationError:
        log.warning("the cached catalogue is damaged; waiting for the backend's")
        return None


def bundled_demo_catalogue() -> Catalogue:
    return Catalogue.model_validate_json(asset_path("catalogue", "demo.json").read_bytes())


def startup_catalogue(settings: KioskSettings, *, demo: bool) -> Catalogue | None:
    """What to show before the backend has answered; ``None`` means "out of order"."""
    cached = load_cached_catalogue(settings)
    if cached is not None or not demo:
        return cached
    return bundled_demo_catalogue()
