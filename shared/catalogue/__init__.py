"""The service catalogue: Open311 service definitions plus what a kiosk needs to show them."""

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
