"""The schemas' one form: frozen dataclasses that two checkers read from one declaration.

Every program speaks through the schemas in ``shared``: the kiosk, the staff desk and the
backend. They used to be pydantic models, and pydantic is the backend's natural checker:
FastAPI reads request bodies with it and publishes their OpenAPI from it. On the kiosk it
was the largest single cost of memory: pydantic-core's compiled code, pydantic's Python and
the validators it built for each model took the kiosk from ~96 to ~104 MiB at its welcome
screen, against a goal of 96 MiB (``docs/performance.md``). The kiosk never loads it now.

So a schema here is a standard-library dataclass, declared once with :func:`schema`, and
checked by whichever checker the program already has:

- the kiosk (and any code in ``shared`` that reads JSON: the backend client, the outbox,
  the catalogue cache) with msgspec (:func:`decode`, :func:`convert`), a small compiled
  library that decodes JSON straight into dataclasses, about 1 MiB in memory;
- the backend's HTTP edge with pydantic, through FastAPI, which reads dataclasses as it
  reads models: its 422 answers and its OpenAPI are unchanged.

For both to enforce the same rules, a constraint is written with the helpers below
(:func:`length`, :func:`number`, :func:`pattern`, and :func:`rule` for one that is code),
which give each checker its own form of it, and a check across fields goes in
``__post_init__``, which both run (a ``ValueError`` there is a refusal, with its message).
``tests/shared/test_schema.py`` holds every schema to this: the two checkers' JSON Schemas
must name the same fields, limits and patterns. A field added later is ``quiet`` (see
:func:`schema`).

What differs, on purpose: a field the schema does not know is refused by the backend's edge
(``extra="forbid"``, as before) and ignored by :func:`decode` (unless ``known_only``), so a
kiosk reads the answers of a newer backend; and a dataclass does not check its fields when
code builds one (only ``__post_init__`` runs), so data from outside (what a person typed, a
file, the network) is read with :func:`decode` or :func:`convert`, not handed to a
constructor.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast, dataclass_transform, overload

import msgspec

T = TypeVar("T")

#: What pydantic does with a field it does not know, per schema (its ``extra`` setting).
Extra = Literal["forbid", "ignore"]


class SchemaError(ValueError):
    """Data that does not fit its schema, in words an installer or a log can use: what is
    wrong and where (``$.services[0].name``); never the data itself."""


@overload
def schema(cls: type[T], /) -> type[T]: ...
@overload
def schema(
    *, frozen: bool = True, extra: Extra = "forbid", quiet: tuple[str, ...] = ()
) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(
    kw_only_default=True, frozen_default=True, field_specifiers=(dataclasses.field,)
)
def schema(
    cls: type[T] | None = None,
    /,
    *,
    frozen: bool = True,
    extra: Extra = "forbid",
    quiet: tuple[str, ...] = (),
) -> type[T] | Callable[[type[T]], type[T]]:
    """Make ``cls`` a schema: a keyword-only dataclass, frozen unless ``frozen=False``, that
    pydantic reads with ``extra`` (fields it does not know refused, or ignored).

    ``quiet`` fields are written out (:func:`encode`, :func:`to_builtins`) only when they
    differ from their default, wherever the schema sits in what is written: a field added
    later then changes neither what a program of an earlier version is sent (its reader
    may refuse a field it does not know) nor a request's fingerprint, until it is used.

    Slotted: msgspec then sets every field of what it reads, defaults included (without
    slots it leaves a default on the class, and writing what it read would drop the field).
    """

    def make(cls: type[T]) -> type[T]:
        made = dataclasses.dataclass(frozen=frozen, kw_only=True, slots=True)(cls)
        made.__pydantic_config__ = {"extra": extra}  # type: ignore[attr-defined]
        if quiet:
            fields = {f.name: f for f in dataclasses.fields(cast(Any, made))}
            if not set(quiet) <= set(fields):
                raise TypeError(f"{made.__name__}: quiet names no field: {quiet}")
            made.__schema_quiet__ = {  # type: ignore[attr-defined]
                name: _default(fields[name]) for name in quiet
            }
        return made

    return make if cls is None else make(cls)


# Constraints: each helper gives a field's ``Annotated`` metadata in both checkers' forms,
# msgspec's ``Meta`` and what pydantic reads through its schema hook (``_Limits``). Spread
# them into the annotation: ``name: Annotated[str, *length(1, 200)]``.


def length(min: int | None = None, max: int | None = None) -> tuple[object, ...]:  # noqa: A002
    """A text's (or a list's) shortest and longest length, in characters (or items)."""
    return _both(min_length=min, max_length=max)


def number(
    *, gt: float | None = None, ge: float | None = None, le: float | None = None
) -> tuple[object, ...]:
    """A number's bounds: greater than ``gt`` or at least ``ge``, at most ``le``."""
    return _both(gt=gt, ge=ge, le=le)


def rule(
    check: Callable[[Any], Any],
    *,
    pattern: str | None = None,
    json_schema: dict[str, Any] | None = None,
) -> tuple[object, ...]:
    """A rule that is code. pydantic runs ``check`` on the value once its type is read (a
    ``ValueError`` is the refusal, in its words; what it answers is the value kept).
    msgspec runs no code for a field: it holds the value to ``pattern`` if one is given,
    the same rule as a regular expression, so the kiosk refuses what the backend would.
    The API's JSON Schema shows ``pattern`` and ``json_schema``."""
    checked = _Check(check, pattern, json_schema or {})
    return (msgspec.Meta(pattern=pattern), checked) if pattern else (checked,)


def pattern(regex: str) -> tuple[object, ...]:
    """A text that ``regex`` finds (``re.search``, as both checkers do: anchor it)."""
    re.compile(regex)
    return _both(pattern=regex)


def _both(**limits: Any) -> tuple[object, ...]:
    given = {name: value for name, value in limits.items() if value is not None}
    return (msgspec.Meta(**given), _Limits(tuple(given.items())))


@dataclasses.dataclass(frozen=True)
class _Limits:
    """Limits as pydantic reads them, through the hook it calls on ``Annotated`` metadata:
    set on the schema of the type they annotate, under the names pydantic-core gives them
    (``min_length``, ``max_length``, ``pattern``, ``gt``, ``ge``, ``le``), from which its
    checks and its JSON Schema both follow. Not pydantic's own constraint classes, nor
    annotated-types': either would load more than a kiosk needs, into every program."""

    limits: tuple[tuple[str, Any], ...]

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        core = handler(source)
        typed = core
        # Under a rule (:func:`rule`, a check run after the type is read), to the type.
        while typed.get("type", "").startswith("function-") and "schema" in typed:
            typed = typed["schema"]
        typed.update(self.limits)
        return core


@dataclasses.dataclass(frozen=True, eq=False)  # hashed by identity: it holds a dict
class _Check:
    """A :func:`rule` as pydantic reads one (its two hooks for ``Annotated`` metadata)."""

    check: Callable[[Any], Any]
    pattern: str | None
    json_schema: dict[str, Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, core: Any, handler: Callable[[Any], Any]) -> Any:
        described = handler(core)
        if self.pattern is not None:
            described["pattern"] = self.pattern
        described.update(self.json_schema)
        return described


# Reading and writing. Decoders are built once per type: building one reads the whole
# schema, and the kiosk decodes the same few types all day.

_decoders: dict[object, msgspec.json.Decoder[Any]] = {}
_encoder = msgspec.json.Encoder()


def decode(type_: type[T], data: bytes | str) -> T:
    """``data``, a JSON document, read as ``type_``; :class:`SchemaError` if it is not one."""
    if hasattr(type_, "model_validate_json"):  # a pydantic model not yet in this form
        return cast(T, _pydantic(type_, "model_validate_json", data))
    decoder = _decoders.get(type_)
    if decoder is None:
        decoder = _decoders[type_] = msgspec.json.Decoder(type_)
    try:
        return cast(T, decoder.decode(data))
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise SchemaError(_plain(error)) from None


def convert(type_: type[T], data: object, *, known_only: bool = False) -> T:
    """``data``, already parsed from JSON (dicts, lists, text, numbers), read as ``type_``.

    ``known_only`` refuses a field the schema does not know, as the backend's edge does,
    instead of ignoring it: for what this program wrote itself and must not read in part
    (an outbox entry a newer version wrote is held, not sent without what it added)."""
    if hasattr(type_, "model_validate"):  # a pydantic model not yet in this form
        return cast(T, _pydantic(type_, "model_validate", data, known_only=known_only))
    if known_only and (unknown := _unknown(type_, data, "$")):
        raise SchemaError(f"Object contains unknown field - at `{unknown}`")
    try:
        return msgspec.convert(data, type_)
    except msgspec.ValidationError as error:
        raise SchemaError(_plain(error)) from None


def _unknown(kind: Any, data: object, where: str) -> str | None:
    """Where ``data`` holds a field its schema ``kind`` does not know, if anywhere.

    msgspec refuses unknown fields only for its own Structs, not for dataclasses, so this
    walks the schema's fields (and lists, tuples, dicts and optional values of them)."""
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return _unknown(typing.get_args(kind)[0], data, where)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _unknown_field(kind, data, where) if isinstance(data, dict) else None
    arguments = typing.get_args(kind)
    inside: list[tuple[Any, object, str]] = []
    if origin in (list, tuple) and isinstance(data, list | tuple):
        inside = [(arguments[0], item, f"{where}[{i}]") for i, item in enumerate(data)]
    elif origin is dict and isinstance(data, dict):
        inside = [(arguments[1], item, f"{where}.{key}") for key, item in data.items()]
    elif origin in (typing.Union, types.UnionType) and data is not None:
        schemas = [a for a in arguments if dataclasses.is_dataclass(a)]
        inside = [(schemas[0], data, where)] if len(schemas) == 1 else []
    return next((found for args in inside if (found := _unknown(*args))), None)


def _unknown_field(kind: type, data: dict[str, object], where: str) -> str | None:
    hints = _hints(kind)
    for name, value in data.items():
        if name not in hints:
            return f"{where}.{name}"
        if found := _unknown(hints[name], value, f"{where}.{name}"):
            return found
    return None


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(kind)}
    return {k: v for k, v in typing.get_type_hints(kind).items() if k in names}


def encode(value: object, *, indent: int | None = None) -> bytes:
    """``value`` (a schema, or builtins holding schemas) as JSON: compact, or for people to
    read with ``indent``."""
    if hasattr(value, "model_dump_json"):  # a pydantic model not yet in this form
        return cast(str, value.model_dump_json(indent=indent)).encode()
    data = _encoder.encode(_without_quiet(value))
    return data if indent is None else msgspec.json.format(data, indent=indent)


def to_builtins(value: object) -> Any:
    """``value`` as JSON's builtins (dicts, lists, text, numbers), e.g. for a JSON column."""
    if hasattr(value, "model_dump"):  # a pydantic model not yet in this form
        return value.model_dump(mode="json")
    return msgspec.to_builtins(_without_quiet(value))


def _default(field: dataclasses.Field[Any]) -> object:
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    if field.default is dataclasses.MISSING:
        raise TypeError(f"quiet field {field.name} has no default")
    return field.default


def _without_quiet(value: object) -> object:
    """``value`` as msgspec writes it, less its quiet fields at their defaults (a schema
    that holds none, anywhere inside it, is left to msgspec as it is)."""
    if not _holds_quiet(type(value)):
        return value
    written = msgspec.to_builtins(value)
    _leave_off(value, written)
    return written


def _leave_off(value: object, written: Any) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        quiet: dict[str, object] = getattr(type(value), "__schema_quiet__", {})
        for field in dataclasses.fields(value):
            inner = getattr(value, field.name)
            if field.name in quiet and inner == quiet[field.name]:
                del written[field.name]
            elif _holds_quiet(type(inner)) or isinstance(inner, list | tuple | dict):
                _leave_off(inner, written[field.name])
    elif isinstance(value, list | tuple):
        for inner, inner_written in zip(value, written, strict=True):
            _leave_off(inner, inner_written)
    elif isinstance(value, dict):
        for inner, inner_written in zip(value.values(), written.values(), strict=True):
            _leave_off(inner, inner_written)


def _holds_quiet(kind: object) -> bool:
    """Whether a ``kind`` value may hold a quiet field: its own, or its fields' schemas'."""
    answer = _quiet_kinds.get(kind)
    if answer is None:
        answer = _quiet_kinds[kind] = _reaches_quiet(kind, set())
    return answer


_quiet_kinds: dict[object, bool] = {}


def _reaches_quiet(kind: object, seen: set[object]) -> bool:
    if not (dataclasses.is_dataclass(kind) and isinstance(kind, type)):
        return False
    if getattr(kind, "__schema_quiet__", None):
        return True
    seen.add(kind)
    return any(
        _reaches_quiet(inner, seen)
        for hint in _hints(kind).values()
        for inner in _schemas_in(hint)
        if inner not in seen
    )


def _schemas_in(hint: Any) -> list[type]:
    """The schemas a field's type names: itself, or inside lists, dicts, unions."""
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return [hint]
    return [kind for argument in typing.get_args(hint) for kind in _schemas_in(argument)]


def replace(value: T, /, **changes: Any) -> T:
    """A copy of the schema ``value`` with ``changes``; ``__post_init__`` checks it again."""
    if hasattr(value, "model_copy"):  # a pydantic model not yet in this form
        return value.model_copy(update=changes)  # type: ignore[no-any-return]
    return dataclasses.replace(value, **changes)  # type: ignore[type-var]


def _pydantic(type_: Any, method: str, data: object, *, known_only: bool = False) -> Any:
    from pydantic import ValidationError

    try:
        return getattr(type_, method)(data, extra="forbid" if known_only else "ignore")
    except ValidationError as error:
        first = error.errors()[0]
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
        raise SchemaError(f"{first['msg']} - at `{where}`") from None


def _plain(error: msgspec.MsgspecError) -> str:
    # msgspec's messages already say what and where ("Expected `int`, got `str` - at
    # `$.device_id`"); a ValueError from a ``__post_init__`` arrives as its own message.
    # (A ValidationError is a DecodeError too: only the rest are JSON that does not parse.)
    if isinstance(error, msgspec.DecodeError) and not isinstance(error, msgspec.ValidationError):
        return f"Not readable as JSON: {str(error)[:1].lower()}{str(error)[1:]}"
    return str(error)
