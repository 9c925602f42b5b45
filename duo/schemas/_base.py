"""Small helpers shared by the typed DUO models of duo.inbound: parse DUO's JSON into
frozen dataclasses and refuse what the OpenAPI file does not allow (wrong type,
missing required property, a value outside an enum). Errors name the property only,
never its value (it may be personal data)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


class SchemaError(ValueError):
    """DUO's JSON does not match the published schema. The message names the
    property, never its value."""


def obj(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise SchemaError(f"{where}: object expected")
    return data


def req(data: dict[str, Any], name: str, where: str) -> Any:
    if name not in data or data[name] is None:
        raise SchemaError(f"{where}.{name}: required")
    return data[name]


def opt_date(data: dict[str, Any], name: str, where: str, *, required: bool = False) -> date | None:
    value = req(data, name, where) if required else data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 10:
        raise SchemaError(f"{where}.{name}: date expected")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise SchemaError(f"{where}.{name}: date expected") from exc


def opt_datetime(data: dict[str, Any], name: str, where: str) -> datetime:
    value = req(data, name, where)
    if not isinstance(value, str) or "T" not in value.upper():
        raise SchemaError(f"{where}.{name}: date-time expected")
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError as exc:
        raise SchemaError(f"{where}.{name}: date-time expected") from exc
    if parsed.tzinfo is None:
        # RFC 3339 (OpenAPI date-time) requires an offset.
        raise SchemaError(f"{where}.{name}: date-time needs a time zone offset")
    return parsed


def opt_enum(
    data: dict[str, Any], name: str, where: str, allowed: tuple[str, ...], *, required: bool = False
) -> str | None:
    value = req(data, name, where) if required else data.get(name)
    if value is None:
        return None
    if value not in allowed:
        raise SchemaError(f"{where}.{name}: not one of the allowed values")
    return value


def opt_str(
    data: dict[str, Any], name: str, where: str, *, max_length: int, required: bool = False
) -> str | None:
    value = req(data, name, where) if required else data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > max_length:
        raise SchemaError(f"{where}.{name}: string of at most {max_length} expected")
    return value


def opt_bool(data: dict[str, Any], name: str, where: str, *, required: bool = False) -> bool | None:
    value = req(data, name, where) if required else data.get(name)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise SchemaError(f"{where}.{name}: boolean expected")
    return value


def opt_int(data: dict[str, Any], name: str, where: str, *, required: bool = False) -> int | None:
    value = req(data, name, where) if required else data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemaError(f"{where}.{name}: integer expected")
    return value


def array(data: Any, where: str, *, max_items: int | None = None) -> list[Any]:
    if not isinstance(data, list):
        raise SchemaError(f"{where}: array expected")
    if max_items is not None and len(data) > max_items:
        raise SchemaError(f"{where}: more than {max_items} items")
    return data
