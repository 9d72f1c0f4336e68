"""The schemas' one form (``shared/schema.py``): both checkers enforce what is declared once.

The kiosk reads JSON into the schemas with msgspec, the backend's HTTP edge with pydantic.
If a rule reached only one of them, a kiosk could send what the backend refuses (and hold it
in its outbox for ever), or accept from the backend what the backend would never have let
in. Every schema in ``shared`` is held here to the same rules in both.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
import pytest
from pydantic import TypeAdapter, ValidationError

import shared
from shared.schema import (
    SchemaError,
    convert,
    decode,
    encode,
    length,
    number,
    pattern,
    replace,
    rule,
    schema,
    to_builtins,
)

# JSON Schema keywords that carry a rule (not a description).
_RULES = {
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "enum",
}


def _schemas() -> list[type]:
    """Every schema declared in ``shared`` (a dataclass made by :func:`schema`)."""
    found = []
    for module in pkgutil.walk_packages(shared.__path__, "shared."):
        if module.name.startswith("shared.ui"):
            continue  # the Qt layer declares none
        for value in vars(importlib.import_module(module.name)).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and "__pydantic_config__" in vars(value)
                and value.__module__ == module.name
                and value not in found
            ):
                found.append(value)
    return found


SCHEMAS = _schemas()


def _rules(node: object) -> set[tuple[str, str]]:
    """Every rule in a property's JSON Schema, wherever it sits (``anyOf`` branches, array
    items, a dict's values), without following ``$ref``: each definition is compared on
    its own."""
    found: set[tuple[str, str]] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "const":  # pydantic's word for a one-value enum, msgspec's is enum
                found.add(("enum", repr([value])))
            elif key in _RULES:
                found.add((key, repr(sorted(value) if isinstance(value, list) else value)))
            elif key != "default":
                found |= _rules(value)
    elif isinstance(node, list):
        for item in node:
            found |= _rules(item)
    return found


def _definitions(document: dict[str, Any], root: str) -> dict[str, dict[str, Any]]:
    definitions = dict(document.get("$defs", {}))
    if "properties" in document:
        definitions[root] = document
    return definitions


def test_every_schema_in_shared_is_found():
    # The walk above must see the schemas, or the comparison below would pass on nothing.
    names = {s.__name__ for s in SCHEMAS}
    assert {"Catalogue", "Service", "Attribute"} <= names


@pytest.mark.parametrize("kind", SCHEMAS, ids=lambda s: f"{s.__module__}.{s.__name__}")
def test_both_checkers_read_the_same_rules(kind):
    light = _definitions(msgspec.json.schema(kind), kind.__name__)
    edge = _definitions(TypeAdapter(kind).json_schema(), kind.__name__)
    for name, definition in light.items():
        if "properties" not in definition:
            continue  # an enum: its values are compared where a field uses it
        other = edge[name]
        assert set(definition["properties"]) == set(other["properties"]), name
        assert set(definition.get("required", ())) == set(other.get("required", ())), name
        for field, rules in definition["properties"].items():
            assert _rules(rules) == _rules(other["properties"][field]), f"{name}.{field}"


@schema
class _Place:
    code: Annotated[str, *pattern(r"^[a-z]{2,4}$")]
    name: Annotated[str, *length(1, 8)]
    floors: Annotated[int, *number(ge=0, le=9)] = 0
    opened: datetime | None = None
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.code == "none":
            raise ValueError("a place needs a real code")


def test_decode_reads_json_into_the_schema_and_encode_writes_it_back():
    place = decode(_Place, b'{"code":"lib","name":"Library","opened":"2026-12-05T09:00:00Z"}')
    assert place == _Place(code="lib", name="Library", opened=datetime(2026, 12, 5, 9, tzinfo=UTC))
    assert decode(_Place, encode(place)) == place
    assert to_builtins(place) == {
        "code": "lib",
        "name": "Library",
        "floors": 0,
        "opened": "2026-12-05T09:00:00Z",
        "tags": (),
    }
    assert convert(_Place, {"code": "lib", "name": "Library", "tags": ["a"]}).tags == ("a",)


@pytest.mark.parametrize(
    ("document", "says"),
    [
        (b'{"code":"LIBRARY","name":"x"}', "$.code"),
        (b'{"code":"lib","name":"much too long"}', "$.name"),
        (b'{"code":"lib","name":""}', "$.name"),
        (b'{"code":"lib","name":"x","floors":10}', "$.floors"),
        (b'{"code":"lib"}', "name"),
        (b'{"code":"none","name":"x"}', "a place needs a real code"),
        (b'{"code":"lib","name":', "JSON"),
    ],
)
def test_what_does_not_fit_is_refused_in_plain_words_by_both(document, says):
    with pytest.raises(SchemaError) as refused:
        decode(_Place, document)
    assert says in str(refused.value)
    # Only a document that does not parse is said to be one.
    assert str(refused.value).startswith("Not readable as JSON") == (says == "JSON")
    with pytest.raises(ValidationError):
        TypeAdapter(_Place).validate_json(document)


def test_an_unknown_field_is_ignored_by_the_kiosk_and_refused_at_the_edge():
    newer = b'{"code":"lib","name":"x","lift":true}'
    assert decode(_Place, newer) == _Place(code="lib", name="x")
    with pytest.raises(ValidationError, match="lift"):
        TypeAdapter(_Place).validate_json(newer)


def test_a_schema_is_frozen_and_replace_checks_again():
    place = _Place(code="lib", name="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "y"  # type: ignore[misc]
    assert replace(place, name="y") == _Place(code="lib", name="y")
    with pytest.raises(ValueError, match="real code"):
        replace(place, code="none")


@schema
class _Building:
    main: _Place
    annexe: _Place | None = None
    wings: tuple[_Place, ...] = ()
    rooms: dict[str, _Place] = dataclasses.field(default_factory=dict)


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"main": {"code": "lib", "name": "x"}, "lift": True}, "$.lift"),
        ({"main": {"code": "lib", "name": "x", "lift": True}}, "$.main.lift"),
        (
            {"main": {"code": "lib", "name": "x"}, "annexe": {"code": "ann", "name": "y", "z": 1}},
            "$.annexe.z",
        ),
        (
            {
                "main": {"code": "lib", "name": "x"},
                "wings": [{"code": "ea", "name": "e"}, {"code": "we", "name": "w", "z": 1}],
            },
            "$.wings[1].z",
        ),
        (
            {
                "main": {"code": "lib", "name": "x"},
                "rooms": {"a": {"code": "rm", "name": "r", "z": 1}},
            },
            "$.rooms.a.z",
        ),
    ],
)
def test_known_only_refuses_an_unknown_field_wherever_it_is(document, where):
    with pytest.raises(SchemaError, match=re.escape(where)):
        convert(_Building, document, known_only=True)
    # Without it, the same document reads, the field it does not know left out.
    assert convert(_Building, document).main == _Place(code="lib", name="x")


def test_the_quiet_field_is_written_only_when_it_is_set():
    from shared.cases.schemas import CaseCreate

    plain = CaseCreate(service_code="pothole")
    assert "assisted" not in to_builtins(plain)
    assert b"assisted" not in encode(plain)
    assert to_builtins(replace(plain, assisted=True))["assisted"] is True
    assert decode(CaseCreate, encode(replace(plain, assisted=True))).assisted is True


def test_a_case_s_fingerprint_is_what_earlier_versions_stored():
    # The backend keeps each idempotency key's fingerprint: a kiosk sending its outbox
    # again after the backend was upgraded must match what the earlier version stored
    # (these were computed by the version whose schemas were pydantic models).
    from casebackend.cases.service import fingerprint
    from shared.cases.schemas import CaseCreate

    edge = TypeAdapter(CaseCreate)
    rich = edge.validate_python(
        {
            "service_code": "pothole",
            "description": "Deep hole\nby the bus stop",
            "answers": {"depth": 12.5, "size": ["big", "wide"], "when": "2026-12-05T09:30:00"},
            "place": {
                "address": "14 Kestrel Row",
                "postcode": "NG5 2AB",
                "uprn": "100030123456",
                "lat": 53.0,
                "long": -1.15,
            },
            "customer": {
                "first_name": "Ada",
                "last_name": "Lovelace",
                "email": "Ada@Example.com",
                "phone": "0115 496 0000",
                "accounts": {"council_tax": "12345"},
                "notify_by": ["email"],
            },
            "channel": "kiosk",
            "location_code": "shop",
            "reference": "K7Q2M9XW",
        }
    )
    assert fingerprint(rich) == "90fbda3f291aeb921eec4d46843398d14fd16bdf5ef0b67b14056b2c4c5addba"
    assisted = edge.validate_python({"service_code": "pothole", "assisted": True})
    assert (
        fingerprint(assisted) == "85af5195243d0b9d1cb2f44d85f0c87816ae5eb31613e69980a563323f848442"
    )


@schema(quiet=("lift", "notes"))
class _Floor:
    number: int
    lift: bool = False
    notes: tuple[str, ...] = ()


@schema
class _Plan:
    floors: tuple[_Floor, ...]
    by_name: dict[str, _Floor] = dataclasses.field(default_factory=dict)
    ground: _Floor | None = None


def test_quiet_fields_are_left_off_wherever_they_sit():
    # A field added later is left off while at its default, inside lists, dicts and
    # optional parts too: a reader of an earlier version, which refuses a field it does
    # not know, reads what it always did.
    plan = _Plan(
        floors=(_Floor(number=0), _Floor(number=1, lift=True)),
        by_name={"top": _Floor(number=2, notes=("roof",))},
        ground=_Floor(number=0),
    )
    assert to_builtins(plan) == {
        "floors": ({"number": 0}, {"number": 1, "lift": True}),
        "by_name": {"top": {"number": 2, "notes": ("roof",)}},
        "ground": {"number": 0},
    }
    assert decode(_Plan, encode(plan)) == plan
    # A schema holding none is written by msgspec alone.
    place = _Place(code="lib", name="x")
    assert to_builtins(place) == msgspec.to_builtins(place)


def _no_bells(text: str) -> str:
    if "\a" in text:
        raise ValueError("no bells")
    return text


@schema
class _Note:
    text: Annotated[str, *rule(_no_bells, pattern=r"^[^\a]*$"), *length(1, 5)]


@pytest.mark.parametrize("text", ["", "too long", "a\a"])
def test_a_rule_and_limits_on_one_field_are_all_held_by_both(text):
    # pydantic reads the limits on the type under the rule's check: both must hold.
    with pytest.raises(SchemaError):
        convert(_Note, {"text": text})
    with pytest.raises(ValidationError):
        TypeAdapter(_Note).validate_python({"text": text})
    assert TypeAdapter(_Note).validate_python({"text": "fine"}) == _Note(text="fine")


@schema
class _Crowd:
    names: Annotated[tuple[Annotated[str, *length(max=3)], ...], *length(max=2)] = ()
    tags: Annotated[list[str], *length(max=2)] = dataclasses.field(default_factory=list)
    rooms: Annotated[dict[str, int], *length(max=1)] = dataclasses.field(default_factory=dict)
    ratio: Annotated[float, *number(gt=0, le=1)] = 1.0


@pytest.mark.parametrize(
    "wrong",
    [
        {"names": ["a", "b", "c"]},
        {"names": ["long"]},
        {"tags": ["a", "b", "c"]},
        {"rooms": {"a": 1, "b": 2}},
        {"ratio": 0},
        {"ratio": 1.5},
    ],
)
def test_limits_on_lists_dicts_and_numbers_are_held_by_both(wrong):
    # The limits reach pydantic through shared.schema's own hook (not annotated-types):
    # held to them as the JSON Schema says, on every kind of value.
    with pytest.raises(SchemaError):
        convert(_Crowd, wrong)
    with pytest.raises(ValidationError):
        TypeAdapter(_Crowd).validate_python(wrong)
