"""The package's import graph, read from its source: no import cycles anywhere, and the server's layers
import only downward (routes > http > services and shows > jobs > store > the server's foundations)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import audiobrief

PACKAGE = Path(audiobrief.__file__).parent
SERVER = "audiobrief.server."
#: the server's packages, highest first; a module may import its own layer or any lower one
LAYERS = {"app": 6, "routes": 5, "http": 4, "services": 3, "jobs": 2, "store": 1}
SHOWS_RANK = LAYERS["services"]  #: the shows package is what a show can do: a service
FOUNDATION_RANK = 0  #: the server's modules outside the layers (settings, URLs, API schemas ...)
FOUNDATIONS = {"config", "outages", "schemas", "show_schemas", "urls", "signing", "filenames", "transcript"}
PAGES = {"routes.pages", "routes.show_pages", "routes.accounts"}
API = {"routes.api", "routes.shows_api"}
#: imports against the layers' direction, each with why it is there
UPWARD = {
    ("audiobrief.server.jobs.broker", "audiobrief.shows.service"):
        "a Celery worker runs show runs: it builds the show service that hands their episodes to the queue",
}


def module_name(path: Path) -> tuple[str, bool]:
    """The dotted name of a source file, and whether it is a package's __init__."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def imported(tree: ast.AST, name: str, is_package: bool, known: set[str]) -> Iterator[str]:
    """Every module of the package an import statement anywhere in the module names (in functions too)."""
    base = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            anchor = base[:len(base) - node.level + 1] if node.level else []
            target = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                yield submodule if submodule in known else target
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def build_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports."""
    sources = {module_name(path): path for path in root.rglob("*.py")}
    known = {name for name, _ in sources}
    graph = {}
    for (name, is_package), path in sources.items():
        tree = ast.parse(path.read_text("utf-8"))
        graph[name] = {target for target in imported(tree, name, is_package, known)
                       if target in known and target != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif target not in index:
                index[target] = low[target] = len(index)
                stack.append(target)
                on_stack.add(target)
                work.append((target, iter(sorted(graph[target]))))
            elif target in on_stack:
                low[node] = min(low[node], index[target])
    return found


def rank(module: str) -> int | None:
    """A server or shows module's layer (higher imports lower); None outside the server and shows."""
    if module.startswith("audiobrief.shows"):
        return SHOWS_RANK
    if not module.startswith(SERVER):
        return None
    head = module[len(SERVER):].split(".")[0]
    if head in LAYERS:
        return LAYERS[head]
    return FOUNDATION_RANK if head in FOUNDATIONS else None


def within(module: str, names: set[str]) -> bool:
    """Whether a module is one of these server modules (given without 'audiobrief.server.')."""
    return module.startswith(SERVER) and module[len(SERVER):] in names


GRAPH = build_graph()
EDGES = sorted((source, target) for source, targets in GRAPH.items() for target in targets)


def test_the_graph_sees_every_module_and_import() -> None:
    assert "audiobrief.server.app" in GRAPH
    assert "audiobrief.server.routes.api" in GRAPH["audiobrief.server.app"]
    assert "audiobrief.server.store.records" in GRAPH["audiobrief.server.services.briefings"]


def test_no_import_cycles() -> None:
    found = cycles(GRAPH)
    assert not found, "import cycles: " + "; ".join(" <-> ".join(component) for component in found)


def test_a_cycle_is_found_and_named() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_every_server_module_is_in_a_layer_or_a_foundation() -> None:
    loose = [name for name in GRAPH if name.startswith(SERVER) and rank(name) is None]
    assert not loose, f"server modules outside the layers (put each in a layer's package): {loose}"


def test_layers_import_only_downward() -> None:
    upward = [f"{source} -> {target}" for source, target in EDGES
              if (low := rank(source)) is not None and (high := rank(target)) is not None and high > low
              and (source, target) not in UPWARD]
    assert not upward, "imports against the layers: " + ", ".join(upward)


def test_the_allowed_upward_imports_still_exist() -> None:
    assert all(target in GRAPH[source] for source, target in UPWARD)


def test_routes_are_imported_by_the_app_factory_alone() -> None:
    importers = {source for source, target in EDGES if target.startswith(SERVER + "routes")
                 and not source.startswith(SERVER + "routes")}
    assert importers == {"audiobrief.server.app"}


def test_pages_and_api_never_import_each_other() -> None:
    crossing = [f"{source} -> {target}" for source, target in EDGES
                if (within(source, PAGES) and within(target, API))
                or (within(source, API) and within(target, PAGES))]
    assert not crossing, crossing


@pytest.mark.parametrize("outside", ["audiobrief.cli", "audiobrief.shows"])
def test_the_command_line_and_shows_never_use_routes(outside: str) -> None:
    reached = [f"{source} -> {target}" for source, target in EDGES
               if source.startswith(outside) and target.startswith(SERVER + "routes")]
    assert not reached, reached


def test_only_the_command_line_starts_the_app() -> None:
    assert {source for source, target in EDGES if target == SERVER + "app"} == {"audiobrief.cli"}


def test_the_stages_never_import_the_server_shows_or_command_line() -> None:
    outer = ("audiobrief.server", "audiobrief.shows", "audiobrief.cli")
    reached = [f"{source} -> {target}" for source, target in EDGES
               if not source.startswith((*outer, "audiobrief.__main__")) and target.startswith(outer)]
    assert not reached, reached


def test_only_the_store_speaks_sql() -> None:
    """Queries are built in the store, and in the shows' own record modules on the store's tables;
    elsewhere only the database's errors are named (to tell an outage from a bug)."""
    speakers = []
    for path in PACKAGE.rglob("*.py"):
        name, _ = module_name(path)
        tree = ast.parse(path.read_text("utf-8"))
        uses = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        uses |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        if any(used == "sqlalchemy" or (used.startswith("sqlalchemy.") and used != "sqlalchemy.exc")
               for used in uses):
            speakers.append(name)
    assert "audiobrief.server.store.records" in speakers
    outside = [name for name in speakers if not name.startswith(SERVER + "store.")
               and name not in ("audiobrief.shows.records", "audiobrief.shows.run_records")]
    assert not outside, f"SQL outside the store: {outside}"
