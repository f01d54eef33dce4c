"""The seams between the plugins, checked on the source tree (fast: nothing is built or imported).

- No import circles, between modules or between packages (`tools/import_graph.py`, which prints them).
- The other plugins use the catalogue only through `ocop.catalogue.api`: they import no other module of
  `ocop.catalogue` and leave `generator.env` alone (template globals come back from `catalogue_ready`).
- Nothing private crosses a package (a plugin `ocop.<name>`, `catalogue_tools`, a tool, a benchmark):
  no `from x import _name` of another package's module, and no `thing._name` unless `_name` is something
  the package itself defines (a function, class or module name, or an attribute it sets on `self`/`cls`);
  `self._name` and `cls._name` are always fine. The rule is by name, not by type: `other._cache` in the
  package that gives its own objects a `_cache` passes even if `other` came from elsewhere. A few names
  that only look private are part of the standard library's public API (`_replace` of named tuples …).
  Tests are left out: a test may look inside the module it tests.
- No `sys.path` changes anywhere (`pip install -e .` makes `ocop` and `catalogue_tools` importable, pytest's
  `pythonpath` adds tests/ and tools/), except inside a pytest fixture of a test.

Each check also runs on a small made-up tree that breaks it, to show that it can fail.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import import_graph as graph

ROOT = graph.ROOT
PUBLIC_UNDERSCORE_NAMES = {"_replace", "_asdict", "_fields", "_field_defaults", "_make", "_getframe", "_exit"}


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}"


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


# ---- what the checks read --------------------------------------------------------------------------------


def modules_on_path(folder: Path) -> dict[str, Path]:
    """Modules importable with `folder` on sys.path (a script's own folder, pytest's `pythonpath`)."""
    found = {path.stem: path for path in sorted(folder.glob("*.py"))}
    for package in sorted(p for p in folder.iterdir() if (p / "__init__.py").is_file()):
        found.update(graph.module_files([package]))
    return found


def project_sources(root: Path = ROOT) -> dict[str, Path]:
    """Module name → file of the project's code that is not tests: the plugins and staff tools, the
    tools, the benchmarks, tasks.py and the settings."""
    sources = graph.module_files([root / "plugins" / "ocop", root / "catalogue_tools"])
    for folder in (root / "tools", root / "bench", root):
        if folder.is_dir():
            sources.update(modules_on_path(folder))
    return sources


def python_files(root: Path = ROOT) -> list[Path]:
    """Every Python file of the project, tests included (not .venv, node_modules, outputs)."""
    files = sorted(root.glob("*.py"))
    for folder in ("plugins", "catalogue_tools", "tools", "bench", "tests"):
        files += sorted(p for p in (root / folder).rglob("*.py") if "__pycache__" not in p.parts)
    return files


# ---- the checks: each returns what it found wrong, one line each ------------------------------------------


def import_circles(packages) -> list[list[str]]:
    modules = graph.module_files(packages)
    modules_graph = graph.import_graph(graph.project_imports(modules), modules)
    return graph.cycles(modules_graph) + graph.cycles(graph.package_graph(modules_graph))


def catalogue_internals_used(plugins: Path) -> list[str]:
    """Modules of other plugins that import `ocop.catalogue` other than its api, or touch `generator.env`."""
    modules = graph.module_files([plugins])
    found = []
    for imp in graph.project_imports(modules):
        package = graph.package_of(imp.importer)
        if package in ("ocop", "ocop.catalogue"):
            continue
        if (imp.target == "ocop.catalogue" or imp.target.startswith("ocop.catalogue.")) \
                and imp.target != "ocop.catalogue.api":
            found.append(f"{where(imp.path, imp.line)}: {imp.importer} imports {imp.target}; "
                         "use ocop.catalogue.api (add what is missing there)")
    for module, path in modules.items():
        if graph.package_of(module) in ("ocop", "ocop.catalogue"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "env" \
                    and isinstance(node.value, ast.Name) and node.value.id == "generator":
                found.append(f"{where(path, node.lineno)}: {module} touches generator.env; "
                             "return template globals from a catalogue_ready receiver")
    return list(dict.fromkeys(found))  # once per line, not per name imported


def private_names_imported(sources: dict[str, Path]) -> list[str]:
    """`from x import _name` (or a private module) of another package."""
    found = []
    for module, path in sources.items():
        for imp in graph.imports_of(module, path, sources):
            if graph.package_of(imp.target) == graph.package_of(module):
                continue
            names = [imp.name] if imp.name else []
            if any(is_private(part) for part in imp.target.split(".") + names):
                found.append(f"{where(path, imp.line)}: {module} imports "
                             f"{imp.target}{'.' + imp.name if imp.name else ''}, private to another package")
    return found


def private_names_defined(tree: ast.AST) -> set[str]:
    """The private names a module defines: functions, classes, module and class variables, and
    attributes set on `self` or `cls`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) \
                and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            names.add(node.attr)
    return {name for name in names if is_private(name)}


def private_attributes_touched(sources: dict[str, Path]) -> list[str]:
    """`x._name` (read or set) where x is not `self`/`cls` and no module of the package defines `_name`."""
    trees = {module: ast.parse(path.read_text(encoding="utf-8")) for module, path in sources.items()}
    defined: dict[str, set[str]] = {}
    for module, tree in trees.items():
        defined.setdefault(graph.package_of(module), set()).update(private_names_defined(tree))
    found = []
    for module, tree in trees.items():
        own = defined[graph.package_of(module)] | PUBLIC_UNDERSCORE_NAMES
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and is_private(node.attr) and node.attr not in own \
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{where(sources[module], node.lineno)}: {module} touches {ast.unparse(node)}, "
                             "private to another package")
    return found


def _is_sys_path(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "path" \
        and isinstance(node.value, ast.Name) and node.value.id == "sys"


def _is_fixture(function) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if (isinstance(target, ast.Attribute) and target.attr == "fixture") \
                or (isinstance(target, ast.Name) and target.id == "fixture"):
            return True
    return False


def sys_path_changes(files: list[Path], tests: Path) -> list[str]:
    """`sys.path.insert/append/extend`, `sys.path += …`, `sys.path = …`, `sys.path[i] = …`; allowed only
    inside a pytest fixture of a file under `tests`."""
    found = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = set()
        if path.is_relative_to(tests):
            allowed = {id(node) for function in ast.walk(tree)
                       if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_fixture(function)
                       for node in ast.walk(function)}
        for node in ast.walk(tree):
            if id(node) in allowed:
                continue
            changed = (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                       and node.func.attr in ("insert", "append", "extend") and _is_sys_path(node.func.value))
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                changed = any(_is_sys_path(t) or (isinstance(t, ast.Subscript) and _is_sys_path(t.value))
                              for t in targets)
            if changed:
                found.append(f"{where(path, node.lineno)}: changes sys.path; the project is installed "
                             "(`pip install -e .`), pytest's `pythonpath` covers tests and tools")
    return found


# ---- on the real tree ---------------------------------------------------------------------------------------


def test_no_import_circle():
    assert import_circles(graph.PACKAGES) == []


def test_other_plugins_use_only_the_catalogue_api():
    assert catalogue_internals_used(ROOT / "plugins" / "ocop") == []


def test_nothing_private_crosses_a_package():
    sources = project_sources()
    assert "ocop.maps.atlas" in sources and "check_site" in sources and "tasks" in sources
    assert private_names_imported(sources) == []
    assert private_attributes_touched(sources) == []


def test_no_sys_path_changes():
    files = python_files()
    assert ROOT / "tasks.py" in files and ROOT / "tests" / "conftest.py" in files
    assert sys_path_changes(files, ROOT / "tests") == []


# ---- each check fails where it should -------------------------------------------------------------------


def test_a_circle_is_found_through_a_function_and_a_relative_import(tmp_path):
    write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from . import b\n",
        "pkg/b.py": "def later():\n    from .a import thing\n",
        "pkg/c.py": "from pkg import a\nimport pkg.c\n",  # imports itself
        "pkg/d.py": "from .c import x\n",  # depends on a circle without being in one
        "pkg/sub/__init__.py": "from ..a import y\n",
    })
    assert import_circles([tmp_path / "pkg"]) == [["pkg.a", "pkg.b"], ["pkg.c"]]


def test_a_circle_of_packages_is_found(tmp_path):
    write(tmp_path, {
        "ocop/__init__.py": "",
        "ocop/one/__init__.py": "", "ocop/one/a.py": "from ocop.two.b import b\n",
        "ocop/two/__init__.py": "", "ocop/two/b.py": "b = 1\n", "ocop/two/c.py": "from ocop.one.a import a\n",
    })
    assert import_circles([tmp_path / "ocop"]) == [["ocop.one", "ocop.two"]]


def test_catalogue_internals_are_found(tmp_path):
    write(tmp_path, {
        "ocop/__init__.py": "",
        "ocop/catalogue/__init__.py": "from .views import Site\n",  # the catalogue itself may
        "ocop/catalogue/api.py": "from .views import Site\n", "ocop/catalogue/views.py": "class Site: ...\n",
        "ocop/maps/__init__.py": "from ocop.catalogue.api import Site\nfrom ocop.catalogue.views import Site\n",
        "ocop/maps/atlas.py": """\
            def globals(generator):
                from ocop.catalogue import views
                generator.env.globals["atlas"] = 1
            """,
    })
    found = catalogue_internals_used(tmp_path / "ocop")
    assert [line.split(": ", 1)[1].split(";")[0] for line in found] == [
        "ocop.maps imports ocop.catalogue.views", "ocop.maps.atlas imports ocop.catalogue.views",
        "ocop.maps.atlas touches generator.env"]
    assert found[0].startswith(f"{tmp_path}/ocop/maps/__init__.py:2: ")


def test_private_names_across_packages_are_found(tmp_path):
    write(tmp_path, {
        "plugins/ocop/__init__.py": "",
        "plugins/ocop/one/__init__.py": """\
            class Cache:
                def __init__(self):
                    self._files = {}

            def _helper(): ...
            """,
        "plugins/ocop/one/use.py": """\
            from . import _helper
            from collections import namedtuple

            def size(cache, point):
                return len(cache._files), point._replace(x=1)  # its own package's attribute; a public API
            """,
        "plugins/ocop/two/__init__.py": """\
            from ocop.one import _helper

            def peek(cache, generator):
                generator._seen = True
                return cache._files
            """,
        "tools/script.py": "from site_checks._parse import parse\n",
        "tools/site_checks/__init__.py": "", "tools/site_checks/_parse.py": "def parse(): ...\n",
        "tools/site_checks/links.py": "from ._parse import parse\n",  # its own package
    })
    sources = project_sources(tmp_path)
    assert [line.split(": ")[1] for line in private_names_imported(sources)] == [
        "ocop.two imports ocop.one._helper, private to another package",
        "script imports site_checks._parse.parse, private to another package"]
    assert [line.split(": ")[1] for line in private_attributes_touched(sources)] == [
        "ocop.two touches generator._seen, private to another package",
        "ocop.two touches cache._files, private to another package"]


def test_sys_path_changes_are_found(tmp_path):
    write(tmp_path, {
        "tools/script.py": "import sys\nsys.path.insert(0, 'plugins')\n",
        "bench/run.py": "import sys\nsys.path += ['plugins']\nsys.path[0] = 'x'\n",
        "tests/conftest.py": """\
            import sys
            import pytest

            @pytest.fixture
            def on_path(tmp_path):
                sys.path.append(str(tmp_path))  # a fixture's own business: allowed
                yield

            def test_x():
                sys.path.extend(['y'])
            """,
    })
    found = sys_path_changes(python_files(tmp_path), tmp_path / "tests")
    assert sorted(line.split(": ")[0] for line in found) == [f"{tmp_path}/bench/run.py:2", f"{tmp_path}/bench/run.py:3",
                                                       f"{tmp_path}/tests/conftest.py:10",
                                                       f"{tmp_path}/tools/script.py:2"]
