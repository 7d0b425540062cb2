"""Who imports whom in tettpa_tui, read from the source (the AST), without importing it.

Each import is one edge, of one of three kinds:
- "module": run when the module is imported (at the top, or in an `if`/`try` there);
- "typing": under `if TYPE_CHECKING:` (never run, but the module still names the other);
- "lazy": inside a function or method, or a module named to `OnFirstUse(...)` /
  `importlib.import_module(...)` (run on first use).

A circle of "module" edges can break an import; a circle that needs a "lazy" or
"typing" edge cannot, but is still a circle in the design: two modules that each
need the other. Both are refused by tests/unit/test_import_hygiene.py.

The layers (`ALLOWED`): what each may import, so the dependencies point one way.

`python -m tests.import_graph` prints every circle and every import against the layers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "tettpa_tui"
OUTSIDE = ("textual", "rich", "tinydb")  # libraries the layer rules name; edges to them are kept too
ROOT = Path(__file__).resolve().parent.parent / PACKAGE


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # "module", "typing" or "lazy"
    line: int


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.AST, here: str, is_package: bool, known: dict[str, Path]) -> list[str]:
    """The modules of ours an import statement (or a lazy module name) names."""
    names: list[str] = []
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = here.split(".") if is_package else here.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        for alias in node.names:
            full = f"{module}.{alias.name}"
            # `from package import submodule` names the submodule; anything else names the module.
            names.append(full if full in known else module)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        names = [node.value]
    ours = []
    for name in names:
        if name.split(".")[0] in OUTSIDE:
            ours.append(name.split(".")[0])
            continue
        while name and name not in known:  # `import a.b.c` for a name inside a.b.c: the module itself
            name = name.rpartition(".")[0]
        if name and name.split(".")[0] == PACKAGE and name != here:
            ours.append(name)
    return ours


def _lazy_module_name(call: ast.Call) -> ast.Constant | None:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in ("OnFirstUse", "import_module") and call.args and isinstance(call.args[0], ast.Constant):
        return call.args[0]
    return None


def edges(known: dict[str, Path] | None = None) -> list[Edge]:
    known = modules() if known is None else known
    found: list[Edge] = []
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

        def visit(node: ast.AST, kind: str) -> None:
            for child in ast.iter_child_nodes(node):
                child_kind = kind
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                    child_kind = "lazy"
                elif isinstance(child, ast.If) and _is_type_checking(child.test):
                    for inner in child.body:
                        visit_one(inner, "typing" if kind == "module" else kind)
                    for inner in child.orelse:
                        visit_one(inner, kind)
                    continue
                visit_one(child, child_kind)

        def visit_one(node: ast.AST, kind: str) -> None:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _targets(node, name, is_package, known):
                    found.append(Edge(name, target, kind, node.lineno))
            elif isinstance(node, ast.Call) and (constant := _lazy_module_name(node)) is not None:
                for target in _targets(constant, name, is_package, known):
                    found.append(Edge(name, target, "lazy", node.lineno))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                kind = "lazy"
            visit(node, kind)

        visit(tree, "module")
    return found


def circles(found: Iterable[Edge], kinds: set[str]) -> list[tuple[list[str], list[str]]]:
    """Every group of modules that import each other (Tarjan's strongly connected
    components), over the edges of the given kinds: the group's modules, and one
    circle through its first module."""
    graph: dict[str, set[str]] = {}
    for edge in found:
        if edge.kind in kinds and edge.target not in OUTSIDE:
            graph.setdefault(edge.source, set()).add(edge.target)
            graph.setdefault(edge.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def strongconnect(start: str) -> None:
        # iterative, so a deep chain of imports cannot exceed the recursion limit
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            strongconnect(node)
    return [(group, _one_circle(group, graph)) for group in sorted(groups)]


def _one_circle(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest path from the group's first module back to it, inside the group."""
    start, members = group[0], set(group)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node] & members):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return group


def describe(circle: list[str], found: Iterable[Edge]) -> str:
    """`a -> b (module, line 3) -> a (lazy, line 40)`."""
    by_pair: dict[tuple[str, str], list[Edge]] = {}
    for edge in found:
        by_pair.setdefault((edge.source, edge.target), []).append(edge)
    parts = [circle[0]]
    for source, target in zip(circle, circle[1:]):
        seen = sorted({(e.kind, e.line) for e in by_pair.get((source, target), [])})
        kinds = ", ".join(f"{kind} line {line}" for kind, line in seen)
        parts.append(f"{target} ({kinds})")
    return " -> ".join(parts)


# ---- the layers ------------------------------------------------------------------------

# The package root's shared basics: below every layer but the domain (README, "Kode / Code").
BASICS = {f"{PACKAGE}.{name}" for name in ("content", "i18n", "oscompat", "text", "lazy", "messages")} | {PACKAGE}
LAYERS = ("domain", "store", "workspace", "services", "web", "cli", "widgets", "screens")

# What each layer may import (of ours: layers, "basics", "app"; or a library of OUTSIDE).
# Faces (cli, web) and the app stand on workspace and services; nothing below the
# app imports screens or widgets, and only the CLI's app command imports the app.
ALLOWED: dict[str, set[str]] = {
    "domain": {"domain"},
    "store": {"domain", "store", f"{PACKAGE}.oscompat", "tinydb"},
    "basics": {"domain", "store", "basics"},
    "workspace": {"domain", "store", "workspace", "basics"},
    "services": {"domain", "store", "workspace", "services", "basics"},
    "web": {"domain", "store", "workspace", "services", "web", "basics"},
    "cli": {"domain", "store", "workspace", "services", "web", "cli", "basics"},
    "widgets": {"domain", "store", "workspace", "services", "widgets", "basics", "textual", "rich"},
    "screens": {"domain", "store", "workspace", "services", "web", "widgets", "screens", "basics", "textual", "rich"},
    "app": {"domain", "store", "workspace", "services", "widgets", "screens", "basics", "textual", "rich"},
    "main": {"cli"},
}
EXCEPTIONS = {
    (f"{PACKAGE}.cli.app", "app"),  # `tettpa` (the app command) opens the app
}


def layer_of(module: str) -> str:
    if module in OUTSIDE:
        return module
    if module in BASICS:
        return "basics"
    if module == f"{PACKAGE}.app":
        return "app"
    if module == f"{PACKAGE}.__main__":
        return "main"
    part = module.split(".")[1]
    if part not in LAYERS:
        raise ValueError(f"{module} is in no layer: put it in one, or name it a shared basic (BASICS)")
    return part


def layer_breaks(found: Iterable[Edge]) -> list[str]:
    """Every import that points the wrong way between layers, as one line each."""
    out = []
    for edge in found:
        source, target = layer_of(edge.source), layer_of(edge.target)
        allowed = ALLOWED[source]
        if target in allowed or edge.target in allowed or (edge.source, target) in EXCEPTIONS:
            continue
        out.append(f"{edge.source} ({source}) imports {edge.target} ({target}), {edge.kind} line {edge.line}")
    return sorted(set(out))


def main() -> int:
    found = edges()
    bad = 0
    for title, kinds in (("module-level", {"module"}), ("any (module, lazy, typing)", {"module", "lazy", "typing"})):
        found_circles = circles(found, kinds)
        print(f"{len(found_circles)} circle(s) over {title} imports")
        for group, circle in found_circles:
            print(f"  {len(group)} modules: {', '.join(group)}")
            print("    e.g. " + describe(circle, found))
        bad += len(found_circles)
    breaks = layer_breaks(found)
    print(f"{len(breaks)} import(s) against the layers")
    for line in breaks:
        print("  " + line)
    return 1 if bad or breaks else 0


if __name__ == "__main__":
    raise SystemExit(main())
