"""The shape ARCHITECTURE.md describes, kept by tests (issue #33): no import circles, no module
over 600 lines, at most 15 loose modules at the core's top level, every package named in
ARCHITECTURE.md, and the counter's screens reaching the core through the one ``Till`` only.

Imports are read from the source (``ast``), so the test needs nothing installed. Imports under
``if TYPE_CHECKING:`` are left out: they exist for the type checker and never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"cafe_loyalty": ROOT / "cafe_loyalty", "cafe_loyalty_ui": ROOT / "ui"}
LONGEST = 600
LOOSE = 15


def modules() -> dict[str, Path]:
    found = {}
    for top, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = [top, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import that runs, at any depth (functions included), but not type-only ones."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in _runtime_imports(ast.Module([child], [])))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _runtime_imports(node)


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project's modules ``name`` imports when it runs (at load or inside a function)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join([*parent, base]) if base else ".".join(parent)
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle, or None (depth-first search, white/grey/black)."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        trail.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def graph() -> dict[str, set[str]]:
    known = modules()
    # A package imports its own modules when they are named through it; a module inside it
    # importing the package's __init__ is the circle that matters, and is kept.
    return {name: imports_of(name, path, known) for name, path in known.items()}


def test_there_are_no_import_circles():
    assert _cycle(graph()) is None


def test_the_circle_finder_finds_a_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_is_longer_than_the_limit():
    long = {
        name: n
        for name, path in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}


def test_the_core_keeps_few_loose_modules():
    loose = sorted(p.name for p in PACKAGES["cafe_loyalty"].glob("*.py"))
    assert len(loose) <= LOOSE, loose


def test_architecture_md_names_every_package():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    packages = [
        f"{folder.name if top == 'cafe_loyalty' else 'ui'}/{sub.name}/"
        for top, folder in PACKAGES.items()
        for sub in folder.iterdir()
        if (sub / "__init__.py").exists()
    ]
    missing = [p for p in packages if p.removeprefix("cafe_loyalty/") not in text and p not in text]
    assert missing == []


COUNTER_SCREENS = ["ui/till", "ui/display", "ui/dialogs"]


@pytest.mark.parametrize("folder", COUNTER_SCREENS)
def test_the_counter_screens_reach_the_core_through_the_till_only(folder):
    """No ``Cafe``, no service: a counter screen is handed a ``Till``. The owner's screens
    (the back office) are opened from the counter with ``till.back_office``."""
    known = modules()
    offenders = []
    for path in sorted((ROOT / folder).glob("*.py")):
        name = next(n for n, p in known.items() if p == path)
        text = path.read_text(encoding="utf-8")
        reached = imports_of(name, path, known)
        offenders += [f"{path.name}: imports {m}" for m in sorted(reached) if m == "cafe_loyalty.app"]
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("cafe", "_cafe"):
                offenders.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    assert offenders == []


def _declared_never(package: Path) -> set[str]:
    """What a core package's docstring says it never imports ("Never imports: a, b, Qt.")."""
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
    line = next((part for part in doc.split("\n\n") if part.startswith("Never imports:")), "")
    words = line.removeprefix("Never imports:").split(".")[0].replace("\n", " ").split(",")
    names = {w.strip().split(" (")[0] for w in words if w.strip()}
    return {"PySide6" if n == "Qt" else "till" if n == "the till interface" else n for n in names}


CORE_PACKAGES = sorted(
    p.parent.name for p in PACKAGES["cafe_loyalty"].glob("*/__init__.py") if p.parent.name != "services"
)


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_each_core_package_keeps_to_what_it_declares_it_never_imports(package):
    """Each package's docstring declares what it must never import; this holds it to that."""
    if package == "assets":
        pytest.skip("data, not code")
    folder = PACKAGES["cafe_loyalty"] / package
    never = _declared_never(folder)
    assert never, f"{package}/__init__.py declares nothing it never imports"
    known = modules()
    broken = []
    for name, path in known.items():
        if not name.startswith(f"cafe_loyalty.{package}.") and name != f"cafe_loyalty.{package}":
            continue
        for target in imports_of(name, path, known):
            part = target.split(".")[1] if target.startswith("cafe_loyalty.") and "." in target else ""
            if part in never:
                broken.append(f"{name} imports {target}")
        text = path.read_text(encoding="utf-8")
        if "PySide6" in never and any(
            isinstance(n, ast.Import | ast.ImportFrom)
            and "PySide6" in ((n.module or "") if isinstance(n, ast.ImportFrom) else n.names[0].name)
            for n in ast.walk(ast.parse(text))
        ):
            broken.append(f"{name} imports Qt")
    assert broken == []


def test_the_declaration_reader_reads_a_declaration(tmp_path):
    (tmp_path / "__init__.py").write_text('"""Pure.\n\nNever imports: store, the till interface, Qt (none).\n"""\n')
    assert _declared_never(tmp_path) == {"store", "till", "PySide6"}
