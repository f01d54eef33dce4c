"""The import graph of the project's own packages, `ocop` (the plugins) and `catalogue_tools` (the staff
tools), and the circles in it.

    .venv/bin/python tools/import_graph.py     # prints every import circle; exit status 1 if there is one

A circle (a imports b and b imports a, directly or through other modules) works only while nobody moves an
import, and none of its modules can be read, tested or reused without the others: where two modules need
the same thing, it belongs in a third one that both import. The graph counts every import, also those
inside functions (an import moved into a function hides a circle from Python, not from the reader: the
modules still need each other), with relative imports resolved. `from package import name` counts as importing the submodule `name` when
there is one, else the package itself. Importing a submodule is not counted as importing its parent
package: Python runs the package's `__init__` first, but that is not a dependency anyone wrote.

The same is checked one level up, between packages: each plugin (`ocop.maps`, `ocop.catalogue` …) and
`catalogue_tools` is one node. Plugins that need each other both ways are one plugin in two folders: the
catalogue must not import a plugin that imports the catalogue (it sends signals instead).

The functions are also what tests/test_architecture.py checks the tree with (pytest has `tools` on its
path); the script and the test cannot disagree.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (ROOT / "plugins" / "ocop", ROOT / "catalogue_tools")


@dataclass(frozen=True)
class Import:
    """One imported module (and name, for `from module import name` of something not a module)."""

    importer: str  # dotted name of the module that imports
    path: Path  # its file
    line: int
    target: str  # dotted name of the imported module, resolved
    name: str | None = None  # the name taken from it, when it is not a module of its own


def module_files(packages=PACKAGES) -> dict[str, Path]:
    """Dotted module name → file, for every module of the given package folders (a folder's name is its
    package's name)."""
    modules = {}
    for package in packages:
        package = Path(package)
        for path in sorted(package.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            parts = [package.name, *path.relative_to(package).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _base(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a `from … import` starts from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = package[:len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    """Every import in the module's file, at any depth (functions, classes, `if TYPE_CHECKING`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(module, path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, path, node)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in modules:
                    found.append(Import(module, path, node.lineno, submodule))
                else:
                    found.append(Import(module, path, node.lineno, base, alias.name))
    return found


def project_imports(modules: dict[str, Path]) -> list[Import]:
    return [imp for name, path in modules.items() for imp in imports_of(name, path, modules)]


def import_graph(imports: list[Import], modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the project's modules it imports (imports of other libraries left out)."""
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for imp in imports:
        if imp.target in modules:
            graph[imp.importer].add(imp.target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: every strongly connected component of more than one module, and every module
    that imports itself; each sorted, the list sorted (Tarjan's algorithm, without recursion)."""
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
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
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
                    if len(component) > 1 or node in graph.get(node, ()):
                        found.append(sorted(component))
    return sorted(found)


def package_of(module: str) -> str:
    """The package a module belongs to: its plugin (`ocop.maps.atlas` → `ocop.maps`), else its top level
    (`catalogue_tools.publish.s3` → `catalogue_tools`)."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "ocop" and len(parts) > 1 else parts[0]


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Package → the other packages its modules import."""
    packages: dict[str, set[str]] = {package_of(module): set() for module in graph}
    for module, targets in graph.items():
        packages[package_of(module)] |= {package_of(t) for t in targets} - {package_of(module)}
    return packages


def describe(cycle: list[str], imports: list[Import], node=lambda module: module) -> list[str]:
    """The imports that make one circle, as `file:line: a → b` lines (`node`: module → its node in the
    graph of the circle, for circles of packages)."""
    members = set(cycle)
    lines = {f"{imp.path.relative_to(ROOT) if imp.path.is_relative_to(ROOT) else imp.path}:{imp.line}: "
             f"{imp.importer} → {imp.target}" for imp in imports
             if node(imp.importer) in members and node(imp.target) in members
             and (len(cycle) == 1 or node(imp.importer) != node(imp.target))}
    return sorted(lines)


def main() -> int:
    modules = module_files()
    imports = [imp for imp in project_imports(modules) if imp.target in modules]
    graph = import_graph(imports, modules)
    found = [("import circle", cycle, describe(cycle, imports)) for cycle in cycles(graph)]
    found += [("circle of packages", cycle, describe(cycle, imports, package_of))
              for cycle in cycles(package_graph(graph))]
    for kind, cycle, lines in found:
        print(f"{kind}: {', '.join(cycle)}")
        for line in lines:
            print(f"  {line}")
    print(f"{len(modules)} modules, {sum(map(len, graph.values()))} imports between them: "
          f"{len(found)} circle{'s' if len(found) != 1 else ''}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
