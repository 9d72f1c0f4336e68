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

__getattr__ = lazy_names(
    __name__,
    dict.fromkeys(
        (
            "Attribute",
            "AttributeValue",
            "Catalogue",
            "Datatype",
            "Service",
            "ServiceType",
            "SlaRule",
            "Tier",
        ),
        "schemas",
    ),
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
