"""The library's packages import one way: a lower layer never imports a higher one.

The layers, lowest first, are ``LAYERS`` below and docs/developer/architecture.md
says what each holds and why it sits where it does. Every import in
``township/`` counts (a top-level one, one inside a function, a literal
``importlib.import_module("township....")``), except one under
``if TYPE_CHECKING:``, which only names the type of an object the caller hands
in and is never executed. Modules of one layer may import each other.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "township"

# Lowest first; a unit is a package or a module directly under township/.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("i18n", "text"),  # bilingual text, text as people type it
    ("errors",),
    ("dates",),
    ("calendar",),  # which days are worked: counts days, knows no record
    ("book",),  # the declarations: rules, registry, catalogues, services
    ("config",),  # township.toml, checked against the rule book
    ("storage",),  # the data directory: files, store, journal, records, audit
    ("steps",),  # taking steps: the machine and deadlines, amend, schedule import
    ("kinds",),  # one module per record kind: its declaration and its steps
    ("views",),  # what is read out of the records: report, stats, export, forms
    ("sheets",),  # ledgers in and out of spreadsheets: reads records, imports through steps
    ("demo",),  # a demo data set of every kind
    ("check",),  # township check: looks every layer over
)
RANK = {unit: i for i, units in enumerate(LAYERS) for unit in units}


def _unit(module: str) -> str | None:
    """The layer unit of a ``township`` module (``township.book.rules`` -> ``book``)."""
    parts = module.split(".")
    if parts[0] != "township" or len(parts) == 1:
        return None
    return parts[1]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """The ids of the nodes under ``if TYPE_CHECKING:``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(id(n) for n in ast.walk(child))
    return skipped


def imports(source: str, module: str, is_package: bool = False) -> Iterator[tuple[str, int]]:
    """``(imported module, line)`` for every import of ``source`` that runs."""
    tree = ast.parse(source)
    skipped = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                package = package if is_package else package[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, *([node.module] if node.module else [])])
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno
        elif (
            isinstance(node, ast.Call)
            and ast.unparse(node.func).endswith("import_module")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value, node.lineno


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    """Each import of ``source`` (the text of ``module``) that goes up a layer or out of it."""
    found = []
    own = _unit(module)
    for target, line in imports(source, module, is_package):
        top = target.split(".")[0]
        if top in ("click", "commands"):
            found.append(f"{module}:{line} imports {target} (the library never imports the CLI)")
            continue
        other = _unit(target)
        if own is None or other is None or other == own:
            continue
        if other not in RANK:
            found.append(f"{module}:{line} imports {target}: township.{other} has no layer")
        elif RANK[other] > RANK[own]:
            found.append(
                f"{module}:{line} imports {target}: {own} sits below {other} "
                "(docs/developer/architecture.md)"
            )
    return found


def _library() -> list[Path]:
    return sorted(LIBRARY.rglob("*.py"))


def test_every_package_of_the_library_has_a_layer() -> None:
    units = {_unit(_module_name(p)) for p in _library()} - {None}
    assert units - set(RANK) == set(), "give each new package or module its place in LAYERS"


def test_no_lower_layer_imports_a_higher_one() -> None:
    found = []
    for path in _library():
        source = path.read_text(encoding="utf-8")
        found += violations(source, _module_name(path), path.name == "__init__.py")
    assert found == []


def test_the_check_sees_an_upward_import_wherever_it_is() -> None:
    """The checker itself: upward imports at the top, in a function, relative, dynamic."""
    upward = {
        "from township.views.privacy import mask_name\n": "views",
        "def f():\n    from township.steps import machine\n": "steps",
        "import township.storage.store\n": "storage",
        "from ..storage import files\n": "storage",
        "import importlib\nimportlib.import_module('township.kinds.case')\n": "kinds",
    }
    for source, higher in upward.items():
        found = violations(source, "township.book.rules")
        assert len(found) == 1 and f"below {higher}" in found[0], source
    assert violations("import click\n", "township.views.report") != []
    assert violations("from .rules import RULES\n", "township.book.registry") == []
    assert violations("from township.i18n import Text\n", "township.book.rules") == []
    # A type named for annotations only is not loaded.
    typed = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from township.storage import store\n"
    assert violations(typed, "township.book.rules") == []
    assert violations("import township.newpackage\n", "township.views.x") != []
