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

import json
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.files import write_atomically
from kiosk.settings import KioskSettings
from shared.catalogue.codes import LANGUAGE_PATTERN
from shared.resources import asset_path
from shared.schema import SchemaError, decode, encode

if TYPE_CHECKING:
    from shared.catalogue.schemas import Catalogue

log = logging.getLogger(__name__)

_LANGUAGE = re.compile(LANGUAGE_PATTERN)


@dataclass(frozen=True, slots=True)
class CachedLanguages:
    """The cached catalogue's languages, as its file gives them."""

    languages: tuple[str, ...]
    default: str
    # The file as it was read: the catalogue itself is checked from these bytes, so the
    # welcome screen's languages and the kiosk's catalogue are the same file's.
    data: bytes = field(repr=False)

    def first(self, wanted: str) -> str:
        """The language the welcome screen starts in: ``wanted`` if the catalogue has it."""
        return wanted if wanted in self.languages else self.default


def cached_languages(settings: KioskSettings) -> CachedLanguages | None:
    """The cached catalogue's languages, read without checking the rest of the file (or
    loading its schemas): enough to draw the welcome screen while the catalogue itself
    is checked (:func:`load_cached_catalogue`, once that screen is up). ``None`` if there
    is no cache or its languages cannot be read; the checked load decides the rest."""
    try:
        raw = settings.catalogue_file.read_bytes()
        data = json.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    languages = data.get("languages", ["en"])
    default = data.get("default_language", "en")
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(code, str) and _LANGUAGE.match(code) for code in languages)
        or not isinstance(default, str)
    ):
        return None
    return CachedLanguages(tuple(languages), default, raw)


def save_catalogue(settings: KioskSettings, catalogue: Catalogue) -> None:
    write_atomically(settings.catalogue_file, encode(catalogue), private=False)


def load_cached_catalogue(settings: KioskSettings, data: bytes | None = None) -> Catalogue | None:
    """The cached catalogue (from ``data`` if the file was read already); ``None`` if there
    is none or it cannot be read."""
    if data is None:
        try:
            data = settings.catalogue_file.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            log.warning("the cached catalogue cannot be read")
            return None
    from shared.catalogue.schemas import Catalogue

    try:
        return decode(Catalogue, data)
    except SchemaError:
        log.warning("the cached catalogue is damaged; waiting for the backend's")
        return None


def bundled_demo_catalogue() -> Catalogue:
    from shared.catalogue.schemas import Catalogue

    return Catalogue.load(asset_path("catalogue", "demo.json"))


def startup_catalogue(settings: KioskSettings, *, demo: bool) -> Catalogue | None:
    """What to show before the backend has answered; ``None`` means "out of order"."""
    cached = load_cached_catalogue(settings)
    if cached is not None or not demo:
        return cached
    return bundled_demo_catalogue()
