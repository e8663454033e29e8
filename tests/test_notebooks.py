"""The notebooks as files: paired with their scripts, executed, and clean.

nbval (run by `make test`) executes every notebook and compares its outputs;
these tests check what nbval does not: that each .ipynb and its py:percent
script hold the same cells, and that the saved outputs hold no errors, no
warnings and no unrun cells. They compare contents, never file times.
"""

from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
IDS = [path.stem for path in NOTEBOOKS]


def _cells(notebook):
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_ipynb_and_py_hold_the_same_cells(path):
    script = path.with_suffix(".py")
    assert script.exists(), f"{path.name} has no paired script {script.name}"
    saved = nbformat.read(path, as_version=4)
    paired = jupytext.read(script)
    assert _cells(saved) == _cells(paired), \
        f"{path.name} and {script.name} differ: run `jupytext --sync {script}`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_saved_outputs_are_complete_and_clean(path):
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        assert cell.execution_count is not None, f"{path.name} cell {number} was saved unrun"
        for output in cell.outputs:
            assert output.output_type != "error", f"{path.name} cell {number} saved an error"
            assert output.get("name") != "stderr", \
                f"{path.name} cell {number} saved stderr (a warning or log noise): {output.text[:200]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_opted_out_cells_say_why(path):
    """A cell whose output is not compared must say why, on the marker line."""
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        for line in cell.source.splitlines():
            if "NBVAL_IGNORE_OUTPUT" in line or "NBVAL_SKIP" in line:
                reason = line.split("NBVAL_", 1)[1].split(None, 1)
                assert len(reason) == 2 and len(reason[1]) > 10, \
                    f"{path.name} cell {number}: '{line.strip()}' must say why on the same line"
