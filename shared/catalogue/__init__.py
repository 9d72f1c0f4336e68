"""The service catalogue: Open311 service definitions plus what a kiosk needs to show them."""

from typing import TYPE_CHECKING

from shared.lazy import lazy_names

if TYPE_CHECKING:
    from shared.catalogue.schemas import (
        Attribute,
        AttributeValue,
        Catalogue,
        Datatype,
        Service,
        ServiceType,
        SlaRule,
        Tier,
    )

__all__ = [
    "Attribute",
    "AttributeValue",
    "Catalogue",
    "Datatype",
    "Service",
    "ServiceType",
    "SlaRule",
    "Tier",
]

# Every name is the schemas', imported with them when one is first asked for.
# At run time only: to the type checker the names are the imports above.
if not TYPE_CHECKING:
    __getattr__ = lazy_names(__name__, dict.fromkeys(__all__, "schemas"))
