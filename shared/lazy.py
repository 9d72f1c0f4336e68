"""A package's names, imported from its modules when first used (PEP 562).

``from shared.flow import Flow`` stays the way to ask for the flow engine, but importing any
of ``shared.flow``'s modules no longer imports all of them: the kiosk draws its welcome
screen with ``shared.flow.texts`` alone, before pydantic and the schemas are loaded (about
0.1 s and several MiB of its start; ``docs/performance.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name in ``where`` is imported from its
    module (relative to the package) the first time it is asked for."""

    def __getattr__(name: str) -> Any:  # noqa: N807 (the name PEP 562 looks for)
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
