"""Packages whose names are imported when first asked for (shared/lazy.py): importing the
package, or one of its light modules, loads none of the heavy ones; asking for a name
loads its module; a name the package does not have is an AttributeError, as usual."""

from __future__ import annotations

import subprocess
import sys

import pytest

import shared.flow


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(done.stdout.split())


def test_a_package_and_its_light_modules_load_no_schemas() -> None:
    loaded = _modules_after("import shared.flow, shared.catalogue, shared.flow.texts")
    assert "pydantic" not in loaded
    assert "shared.flow.engine" not in loaded
    assert "shared.catalogue.schemas" not in loaded


def test_a_name_asked_for_is_imported_from_its_module() -> None:
    loaded = _modules_after("from shared.flow import Flow\nfrom shared.catalogue import Tier")
    assert {"shared.flow.engine", "shared.catalogue.schemas"} <= loaded
    from shared.catalogue import Catalogue
    from shared.catalogue.schemas import Catalogue as Direct
    from shared.flow import Flow
    from shared.flow.engine import Flow as DirectFlow

    assert Catalogue is Direct
    assert Flow is DirectFlow


def test_a_name_the_package_does_not_have_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Nothing'"):
        _ = shared.flow.Nothing  # type: ignore[attr-defined]
