"""One schema for a service, validated on load, used by every program.

The Open311 part (code, name, attributes and their datatypes) is exactly what the
GeoReport v2 face publishes; the rest is kiosk metadata: tier, group, icon, help text,
per-language strings, which answers are sensitive, and which questions share a screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.catalogue.codes import CODE_PATTERN, LANGUAGE_PATTERN


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


class Texts(_Model):
    """A service's or attribute's words in one language other than the catalogue's own."""

    name: str | None = None
    description: str | None = None
    help_text: str | None = None
    # A signposting page's text (a service's ``information``).
    information: str | None = None
    hint: str | None = None
    values: dict[str, str] = Field(default_factory=dict)
    # A service's groups' names in this language, by the group's name in ``groups``.
    groups: dict[str, str] = Field(default_factory=dict)


class AttributeValue(_Model):
    key: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=200)


class Attribute(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    datatype: Datatype
    # The question, as Open311's "description" of the attribute.
    description: str = Field(min_length=1, max_length=500)
    required: bool = False
    variable: bool = True
    order: int = Field(ge=0)
    datatype_description: str | None = None
    values: tuple[AttributeValue, ...] = ()
    # Kiosk metadata.
    hint: str | None = None
    sensitive: bool = False
    max_length: int | None = Field(default=None, gt=0)
    min_value: float | None = None
    max_value: float | None = None
    # Questions with the same screen number are asked together; by default one per screen.
    screen: int | None = Field(default=None, ge=0)
    translations: dict[str, Texts] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _values_match_datatype(self) -> Self:
        if self.datatype.is_list and not self.values:
            raise ValueError(f"attribute {self.code}: a {self.datatype} needs values")
        if not self.datatype.is_list and self.values:
            raise ValueError(f"attribute {self.code}: only list datatypes have values")
        keys = [v.key for v in self.values]
        if len(keys) != len(set(keys)):
            raise ValueError(f"attribute {self.code}: value keys repeat")
        return self

    def value_keys(self) -> set[str]:
        return {v.key for v in self.values}


class SlaRule(_Model):
    """Working days to resolve, optionally only when one answer has one value."""

    working_days: int = Field(gt=0, le=365)
    attribute: str | None = None
    value: str | None = None


class Service(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
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
    retention_days: int | None = Field(default=None, gt=0, le=36500)
    translations: dict[str, Texts] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        codes = [a.code for a in self.attributes]
        if len(codes) != len(set(codes)):
            raise ValueError(f"service {self.code}: attribute codes repeat")
        for rule in self.sla:
            if (rule.attribute is None) != (rule.value is None):
                raise ValueError(f"service {self.code}: an SLA condition needs both parts")
            if rule.attribute is not None and rule.attribute not in codes:
                raise ValueError(f"service {self.code}: SLA names unknown {rule.attribute}")
        return self

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


class Catalogue(_Model):
    version: str = Field(min_length=1)
    default_language: str = Field(default="en", pattern=LANGUAGE_PATTERN)
    languages: tuple[str, ...] = ("en",)
    services: tuple[Service, ...]

    @model_validator(mode="after")
    def _unique_codes(self) -> Self:
        codes = [s.code for s in self.services]
        if len(codes) != len(set(codes)):
            raise ValueError("service codes repeat")
        return self

    def service(self, code: str) -> Service | None:
        return next((s for s in self.services if s.code == code), None)

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        return cls.model_validate_json(path.read_bytes())
