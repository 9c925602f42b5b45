"""Every third-party module the application imports outside the tests is installed by
``pip install .`` — the production image installs only [project].dependencies (and
what they require), never the dev extras. Running the compose stack found PIP
letters failing in the image on ``pypdf``, which only the dev extras brought in
(docs/deploy.md)."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from django.conf import settings
from packaging.requirements import Requirement

ROOT = Path(settings.BASE_DIR)
# deploy/ holds scripts for the host (the compose smoke test) and the container's
# health check, both standard library only.
SKIP_DIRS = {"tests", "node_modules", "static", "templates", "docs", "deploy", "build"}


def _local_modules() -> set[str]:
    names = {p.stem for p in ROOT.glob("*.py")}
    names |= {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    return names


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def application_imports() -> dict[str, str]:
    """Third-party top-level module -> one file that imports it."""
    local = _local_modules()
    result: dict[str, str] = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0].startswith(".") or rel.parts[0] in SKIP_DIRS or "migrations" in rel.parts:
            continue
        if rel.parts[0].endswith(".egg-info"):
            continue
        for name in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if name in sys.stdlib_module_names or name in local or name == "__future__":
                continue
            result.setdefault(name, str(rel))
    return result


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def runtime_distributions() -> set[str]:
    """[project].dependencies and everything they require (with their extras)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    todo = [(Requirement(r), frozenset(Requirement(r).extras)) for r in project["dependencies"]]
    seen: set[str] = set()
    seen_extras: set[tuple[str, frozenset[str]]] = set()
    while todo:
        req, extras = todo.pop()
        key = (_canonical(req.name), extras)
        if key in seen_extras:
            continue
        seen_extras.add(key)
        seen.add(_canonical(req.name))
        try:
            requires = metadata.requires(req.name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            sub = Requirement(line)
            if sub.marker is None:
                ok = True
            else:
                envs = [{"extra": e} for e in extras] or [{"extra": ""}]
                ok = any(sub.marker.evaluate(env) for env in envs)
            if ok:
                todo.append((sub, frozenset(sub.extras)))
    return seen


def test_application_imports_only_runtime_dependencies():
    runtime = runtime_distributions()
    provided = metadata.packages_distributions()
    missing = {}
    for module, where in application_imports().items():
        dists = {_canonical(d) for d in provided.get(module, [])}
        if not dists & runtime:
            missing[module] = (where, sorted(dists) or ["not installed"])
    assert missing == {}, f"imported by the application but not a runtime dependency: {missing}"


def test_the_check_sees_a_dev_only_import():
    """The check is not blind: pytest (dev extra) is not a runtime dependency."""
    provided = metadata.packages_distributions()
    assert {_canonical(d) for d in provided["pytest"]} & runtime_distributions() == set()
    assert {_canonical(d) for d in provided["pypdf"]} <= runtime_distributions()
    source = "def f():\n    from pypdf import PdfReader\n    import pytest\n"
    assert _imports(ast.parse(source)) == {"pypdf", "pytest"}
