"""DUO's published OpenAPI specification, read at run time, as a validator.

DUO publishes one OpenAPI file per API ("Inburgeringsketen M2M gegevensuitwisseling
DUO en Gemeente", public repository duonl/gemeente-m2m-inburgering). The files are
reference material and are NOT copied into this project: they are read from the
directory named by the setting ``DUO_SPEC_DIR`` (default ``BASE_DIR.parent / "shared" /
"duo-m2m"``, present in CI beside the repository; the environment variable of the same
name wins when Django is not configured). Everything here degrades gracefully when the
directory is absent: :func:`available` is False, :func:`api_names` is empty and the
validators return no errors (callers that *need* the spec, like contract tests, check
:func:`available` and skip loudly).

Used by the contract tests of the client (sending) and the notification endpoint
(receiving), and by the fake DUO (duo.fake) to enforce the request schemas and to
check its own responses.

    >>> validate_request("PIP", "POST", "/personen/999990019/PIP", body, headers)
    ["body.leerroute: 'X' is not one of ['B', 'O', 'Z']"]

Paths may be given with or without DUO's base path (``/v1``, README "Basis pad URI")
and with any other prefix (our own notification endpoint lives at
``/duo/v1/notificaties``): the operation whose template matches the end of the path
is used.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml
from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend
from openapi_schema_validator import OAS30Validator, oas30_format_checker

__all__ = [
    "Operation",
    "api_names",
    "api_version",
    "available",
    "find_operation",
    "load",
    "operations",
    "required_headers",
    "spec_dir",
    "validate_body",
    "validate_request",
    "validate_response",
]

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def spec_dir() -> Path:
    """The directory holding DUO's specification (README.md and API/<name>/openapi.yml)."""
    try:
        from django.conf import settings

        if settings.configured and getattr(settings, "DUO_SPEC_DIR", None):
            return Path(settings.DUO_SPEC_DIR)
    except ImportError:  # pragma: no cover - Django is always installed here
        pass
    if os.environ.get("DUO_SPEC_DIR"):
        return Path(os.environ["DUO_SPEC_DIR"])
    return Path(__file__).resolve().parent.parent.parent / "shared" / "duo-m2m"


def available() -> bool:
    """True when DUO's OpenAPI files can be read."""
    return (spec_dir() / "API").is_dir()


def api_names() -> list[str]:
    """The APIs DUO publishes (directory names under API/, e.g. "PIP", "MAP,PVT,Zroute")."""
    root = spec_dir() / "API"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "openapi.yml").is_file())


@functools.cache
def _load_cached(directory: str, api: str) -> dict[str, Any]:
    path = Path(directory) / "API" / api / "openapi.yml"
    with path.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return _resolve(raw, raw, ())


def load(api: str) -> dict[str, Any]:
    """The OpenAPI document of one API with every local ``$ref`` resolved in place.

    Raises FileNotFoundError when the spec directory or the API is absent.
    """
    return _load_cached(str(spec_dir()), api)


def clear_cache() -> None:
    """Forget loaded documents (tests that point DUO_SPEC_DIR elsewhere)."""
    _load_cached.cache_clear()
    _operations_cached.cache_clear()


def _resolve(node: Any, root: dict[str, Any], seen: tuple[str, ...]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if not ref.startswith("#/"):
                raise ValueError(f"Only local $refs are supported, got {ref!r}")
            if ref in seen:
                raise ValueError(f"Recursive $ref {ref!r}")
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            resolved = _resolve(target, root, (*seen, ref))
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            if siblings and isinstance(resolved, dict):
                return {**resolved, **_resolve(siblings, root, seen)}
            return resolved
        return {k: _resolve(v, root, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, root, seen) for v in node]
    return node


def api_version(api: str) -> str:
    """The full version of an API (``info.version``), for the ``API-Version`` header."""
    return str(load(api)["info"]["version"])


@dataclass(frozen=True)
class Operation:
    """One path + method of one of DUO's APIs."""

    api: str
    method: str  # upper case
    path: str  # template as in the spec, e.g. /personen/{bsn}/PIP
    operation_id: str
    summary: str
    parameters: tuple[dict[str, Any], ...] = field(repr=False)
    request_schema: dict[str, Any] | None = field(repr=False)
    request_body_required: bool = field(repr=False)
    responses: Mapping[str, dict[str, Any]] = field(hash=False, compare=False, repr=False)

    @property
    def regex(self) -> re.Pattern[str]:
        return _template_regex(self.path)

    def params_in(self, where: str) -> list[dict[str, Any]]:
        return [p for p in self.parameters if p.get("in") == where]

    def response_schema(self, status: int | str) -> dict[str, Any] | None:
        response = self.responses.get(str(status))
        if not response:
            return None
        content = response.get("content") or {}
        media = content.get("application/json") or next(iter(content.values()), None)
        return (media or {}).get("schema")

    def documented_statuses(self) -> list[int]:
        return sorted(int(s) for s in self.responses if s.isdigit())


@functools.cache
def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    pattern = "".join(f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^(?P<_prefix>.*?){pattern}/?$")


@functools.cache
def _operations_cached(directory: str, api: str) -> tuple[Operation, ...]:
    doc = _load_cached(directory, api)
    result = []
    for path, item in (doc.get("paths") or {}).items():
        shared = item.get("parameters") or []
        for method in HTTP_METHODS:
            op = item.get(method)
            if not op:
                continue
            body = op.get("requestBody") or {}
            content = body.get("content") or {}
            media = content.get("application/json") or next(iter(content.values()), None)
            result.append(
                Operation(
                    api=api,
                    method=method.upper(),
                    path=path,
                    operation_id=op.get("operationId", ""),
                    summary=(op.get("summary") or op.get("description") or "").strip(),
                    parameters=tuple([*shared, *(op.get("parameters") or [])]),
                    request_schema=(media or {}).get("schema"),
                    request_body_required=bool(body.get("required")),
                    responses={str(k): v for k, v in (op.get("responses") or {}).items()},
                )
            )
    return tuple(result)


def operations(api: str | None = None) -> list[Operation]:
    """Every path + method of one API, or of every API when ``api`` is None."""
    names = [api] if api else api_names()
    if not available():
        return []
    result: list[Operation] = []
    for name in names:
        result.extend(_operations_cached(str(spec_dir()), name))
    return result


def find_operation(
    api: str | None, method: str, path: str
) -> tuple[Operation, dict[str, str]] | None:
    """The operation (and its path parameters) for a concrete request path.

    ``api=None`` searches every API. The query string is ignored; an exact template
    match wins over a match on the end of the path (a prefix such as ``/v1``).
    """
    path = path.split("?", 1)[0]
    method = method.upper()
    candidates = [op for op in operations(api) if op.method == method]
    best: tuple[Operation, dict[str, str]] | None = None
    best_prefix: int | None = None
    for op in candidates:
        m = op.regex.match(path)
        if not m:
            continue
        prefix_len = len(m.group("_prefix"))
        if best is None or best_prefix is None or prefix_len < best_prefix:
            params = {k: v for k, v in m.groupdict().items() if k != "_prefix"}
            best = (op, params)
            best_prefix = prefix_len
    return best


def path_template_exists(api: str, method: str, path: str) -> bool:
    return find_operation(api, method, path) is not None


# --- schema validation --------------------------------------------------------------


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    """ECMA-style ``pattern`` with Unicode classes (``\\p{L}``) that ``re`` lacks."""
    if not validator.is_type(instance, "string"):
        return
    if not regex.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = extend(OAS30Validator, {"pattern": _pattern})


def _format_error(error: ValidationError, prefix: str) -> str:
    where = prefix + "".join(
        f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path
    )
    return f"{where}: {error.message}"


def validate_body(schema: dict[str, Any] | None, body: Any, prefix: str = "body") -> list[str]:
    """Errors of ``body`` against one (resolved) OpenAPI 3.0 schema object."""
    if schema is None:
        return []
    validator = _Validator(schema, format_checker=oas30_format_checker)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    return [_format_error(e, prefix) for e in errors]


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    lowered = name.lower()
    for key, value in headers.items():
        if key.lower() == lowered:
            return value
    return None


def _coerce(schema: dict[str, Any], value: str) -> Any:
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
    except ValueError:
        return value
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def required_headers(api: str, method: str, path: str) -> list[str]:
    """Names of the request headers the operation requires (bron, doel, berichtId, ...)."""
    found = find_operation(api, method, path)
    if not found:
        return []
    return [p["name"] for p in found[0].params_in("header") if p.get("required")]


def validate_request(
    api: str,
    method: str,
    path: str,
    body: Any = None,
    headers: Mapping[str, str] | None = None,
) -> list[str]:
    """Errors of a request against DUO's spec: operation, path parameters, headers, body.

    ``body`` is the decoded JSON (None when there is none). Returns [] when the request
    is valid, or when the spec is not available.
    """
    if not available():
        return []
    found = find_operation(api, method, path)
    if found is None:
        return [f"{method.upper()} {path}: onbekende operatie in de {api}-API"]
    op, path_params = found
    errors: list[str] = []
    for param in op.params_in("path"):
        name = param["name"]
        value = path_params.get(name)
        if value is None:
            errors.append(f"path.{name}: ontbreekt")
            continue
        errors += validate_body(
            param.get("schema"), _coerce(param.get("schema") or {}, value), f"path.{name}"
        )
    for param in op.params_in("header"):
        name = param["name"]
        value = _header(headers, name)
        if value is None:
            if param.get("required"):
                errors.append(f"header.{name}: verplichte header ontbreekt")
            continue
        errors += validate_body(param.get("schema"), value, f"header.{name}")
    if op.request_schema is not None or op.request_body_required:
        if body is None:
            if op.request_body_required:
                errors.append("body: verplichte inhoud ontbreekt")
        else:
            errors += validate_body(op.request_schema, body)
    return errors


def validate_response(
    api: str,
    method: str,
    path: str,
    status: int,
    body: Any = None,
    headers: Mapping[str, str] | None = None,
) -> list[str]:
    """Errors of a response against DUO's spec: documented status, body schema and (when
    ``headers`` is given) the required response headers such as ``API-Version``.

    A response the spec documents without content is not checked for a body.
    """
    if not available():
        return []
    found = find_operation(api, method, path)
    if found is None:
        return [f"{method.upper()} {path}: onbekende operatie in de {api}-API"]
    op = found[0]
    response = op.responses.get(str(status)) or op.responses.get("default")
    if response is None:
        return [f"status {status}: niet gedocumenteerd (wel: {op.documented_statuses()})"]
    errors: list[str] = []
    if headers is not None:
        for name, spec in (response.get("headers") or {}).items():
            value = _header(headers, name)
            if value is None:
                if spec.get("required"):
                    errors.append(f"header.{name}: verplichte antwoordheader ontbreekt")
                continue
            errors += validate_body(spec.get("schema"), value, f"header.{name}")
    schema = op.response_schema(status)
    if schema is not None:
        if body is None:
            errors.append(f"body: status {status} hoort inhoud te hebben")
        else:
            errors += validate_body(schema, body)
    return errors


# Draft4Validator is what OAS 3.0 schema objects extend; kept importable for callers
# that want to check a schema itself.
check_schema = Draft4Validator.check_schema
