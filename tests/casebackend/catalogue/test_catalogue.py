"""The backend keeps the demo catalogue whole: every translation, information pages included."""

from __future__ import annotations

from shared.catalogue import Catalogue
from shared.resources import asset_path
from shared.schema import convert


def test_the_kiosks_catalogue_carries_every_translation(backend):
    headers, _ = backend.enrol()
    response = backend.http.get(f"{backend.api}/catalogue", headers=headers)
    assert response.status_code == 200, response.text
    served = convert(Catalogue, response.json())
    demo = Catalogue.load(asset_path("catalogue", "demo.json"))
    assert served == demo
    page = served.service("council_tax_help")
    assert page is not None
    assert page.translations["pl"].information
    assert page.translations["ar"].information
