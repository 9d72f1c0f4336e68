"""One schema for a service, validated on load, used by every program.

The Open311 part (code, name, attributes and their datatypes) is exactly what the
GeoReport v2 face publishes; the rest is kiosk metadata: tier, group, icon, help text,
per-language strings, which answers are sensitive, and which questions share a screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated

from shared.catalogue.codes import CODE_PATTERN, LANGUAGE_PATTERN
from shared.schema import decode, length, number, pattern, schema


class Datatype(StrEnum):
    """Open311 GeoReport v2 attribute datatypes."""

    STRING = "string"
    NUMBER = "number"
    DATETIME = "datetime"
    TEXT = "text"
    SINGLEVALUELIST = "singlevaluelist"
    MULTIVALUELIST = "multivaluelist"

    @property
    def is_list(self) -> bool:
        return self in (Datatype.SINGLEVALUELIST, Datatype.MULTIVALUELIST)


class ServiceType(StrEnum):
    REALTIME = "realtime"
    BATCH = "batch"
    BLACKBOX = "blackbox"


class Tier(IntEnum):
    """1: a customer can do it alone at a kiosk; 2: assisted; 3: needs an appointment."""

    SELF_SERVICE = 1
    ASSISTED = 2
    APPOINTMENT = 3


class ServiceKind(StrEnum):
    """What the kiosk's flow does at the end of the questions."""

    REPORT = "report"
    APPLICATION = "application"
    CHANGE_OF_ADDRESS = "change_of_address"
    COMPLAINT = "complaint"
    FEEDBACK = "feedback"
    APPOINTMENT = "appointment"
    INFORMATION = "information"


@schema
class Texts:
    """A service's or attribute's words in one language other than the catalogue's own."""

    name: str | None = None
    description: str | None = None
    help_text: str | None = None
    # A signposting page's text (a service's ``information``).
    information: str | None = None
    hint: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    # A service's groups' names in this language, by the group's name in ``groups``.
    groups: dict[str, str] = field(default_factory=dict)


@schema
class AttributeValue:
    key: Annotated[str, *length(1, 100)]
    name: Annotated[str, *length(1, 200)]


@schema
class Attribute:
    code: Annotated[str, *pattern(CODE_PATTERN)]
    datatype: Datatype
    # The question, as Open311's "description" of the attribute.
    description: Annotated[str, *length(1, 500)]
    required: bool = False
    variable: bool = True
    order: Annotated[int, *number(ge=0)]
    datatype_description: str | None = None
    values: tuple[AttributeValue, ...] = ()
    # Kiosk metadata.
    hint: str | None = None
    sensitive: bool = False
    max_length: Annotated[int, *number(gt=0)] | None = None
    min_value: float | None = None
    max_value: float | None = None
    # Questions with the same screen number are asked together; by default one per screen.
    screen: Annotated[int, *number(ge=0)] | None = None
    translations: dict[str, Texts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.datatype.is_list and not self.values:
            raise ValueError(f"attribute {self.code}: a {self.datatype} needs values")
        if not self.datatype.is_list and self.values:
            raise ValueError(f"attribute {self.code}: only list datatypes have values")
        keys = [v.key for v in self.values]
        if len(keys) != len(set(keys)):
            raise ValueError(f"attribute {self.code}: value keys repeat")

    def value_keys(self) -> set[str]:
        return {v.key for v in self.values}


@schema
class SlaRule:
    """Working days to resolve, optionally only when one answer has one value."""

    working_days: Annotated[int, *number(gt=0, le=365)]
    attribute: str | None = None
    value: str | None = None


@schema
class Service:
    code: Annotated[str, *pattern(CODE_PATTERN)]
    name: Annotated[str, *length(1, 200)]
    description: Annotated[str, *length(max=2000)] = ""
    keywords: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    type: ServiceType = ServiceType.REALTIME
    kind: ServiceKind = ServiceKind.REPORT
    tier: Tier = Tier.SELF_SERVICE
    icon: str = "service"
    help_text: str = ""
    # Reports of a problem need a place: an address, a UPRN or a point.
    location_required: bool = False
    # Signposting pages: what the kiosk shows instead of asking anything.
    information: str | None = None
    attributes: tuple[Attribute, ...] = ()
    # The first rule whose condition holds gives the SLA; a rule without one is the default.
    sla: tuple[SlaRule, ...] = ()
    # Days after a case is closed that the customer's personal data on it is kept; the
    # backend's ``retention_days_default`` when not given.
    retention_days: Annotated[int, *number(gt=0, le=36500)] | None = None
    translations: dict[str, Texts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        codes = [a.code for a in self.attributes]
        if len(codes) != len(set(codes)):
            raise ValueError(f"service {self.code}: attribute codes repeat")
        for rule in self.sla:
            if (rule.attribute is None) != (rule.value is None):
                raise ValueError(f"service {self.code}: an SLA condition needs both parts")
            if rule.attribute is not None and rule.attribute not in codes:
                raise ValueError(f"service {self.code}: SLA names unknown {rule.attribute}")

    @property
    def metadata(self) -> bool:
        """Open311's flag: whether the service has attributes to ask."""
        return bool(self.attributes)

    def attribute(self, code: str) -> Attribute | None:
        return next((a for a in self.attributes if a.code == code), None)

    def sla_working_days(self, answers: Mapping[str, object]) -> int | None:
        for rule in self.sla:
            if rule.attribute is None:
                return rule.working_days
            answer = answers.get(rule.attribute)
            chosen = answer if isinstance(answer, list) else [answer]
            if rule.value in chosen:
                return rule.working_days
        return None


@schema
class Catalogue:
    version: Annotated[str, *length(1)]
    default_language: Annotated[str, *pattern(LANGUAGE_PATTERN)] = "en"
    languages: tuple[str, ...] = ("en",)
    services: tuple[Service, ...]

    def __post_init__(self) -> None:
        codes = [s.code for s in self.services]
        if len(codes) != len(set(codes)):
            raise ValueError("service codes repeat")

    def service(self, code: str) -> Service | None:
        return next((s for s in self.services if s.code == code), None)

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        return decode(cls, path.read_bytes())
