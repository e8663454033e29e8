"""rnnkit's one seam: the engine (everything outside rnnkit/course) never imports the course
(rnnkit/course: plots, diagrams, widgets, exercise checks), so the engine can be read and
used on its own, and importing it never loads matplotlib or ipywidgets."""

import ast
import pathlib
import subprocess
import sys

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "rnnkit"
ENGINE = sorted(p for p in PACKAGE.rglob("*.py") if "course" not in p.relative_to(PACKAGE).parts)


def imported_modules(path, source=None):
    """Every module the file at ``path`` (or ``source``, read as that file) imports, as an
    absolute dotted name."""
    package = ".".join(("rnnkit", *path.relative_to(PACKAGE).parent.parts))   # "." resolves here
    for node in ast.walk(ast.parse(path.read_text() if source is None else source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_the_engine_is_found():
    names = {p.relative_to(PACKAGE).as_posix() for p in ENGINE}
    assert {"cells/rnn.py", "lm/vocab.py", "training.py", "__init__.py"} <= names


def test_no_engine_module_imports_the_course():
    offenders = {p.relative_to(PACKAGE).as_posix(): sorted(m for m in imported_modules(p)
                                                           if m.startswith("rnnkit.course"))
                 for p in ENGINE}
    offenders = {path: modules for path, modules in offenders.items() if modules}
    assert not offenders, f"engine modules import the course: {offenders}"


def test_the_import_finder_sees_relative_imports_of_the_course():
    cells_rnn, init = PACKAGE / "cells" / "rnn.py", PACKAGE / "__init__.py"
    assert "rnnkit.course.plots" in set(imported_modules(cells_rnn, "from ..course import plots"))
    assert "rnnkit.course" in set(imported_modules(init, "from . import course"))
    assert "rnnkit.course" in set(imported_modules(init, "import rnnkit.course"))


def test_importing_the_engine_loads_no_course_module():
    code = ("import sys, rnnkit, rnnkit.lm, rnnkit.cells; "
            "print(sorted(m for m in sys.modules if m.startswith('rnnkit.course') "
            "or m.split('.')[0] in ('matplotlib', 'ipywidgets')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]", f"import rnnkit loaded {loaded}"
