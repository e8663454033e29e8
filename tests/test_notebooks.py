"""The notebooks as files: paired with their scripts, executed, and clean.

nbval (run by `make test`) executes every notebook and compares its outputs;
these tests check what nbval does not: that each .ipynb and its py:percent
script hold the same cells, and that the saved outputs hold no errors, no
warnings and no unrun cells. They compare contents, never file times.
"""

import difflib
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from run_notebook import NOTES_CLOSE, NOTES_OPEN, RISE  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [path.stem for path in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_ipynb_and_py_agree_to_the_character(path):
    """The script is exactly what jupytext writes from the notebook.

    JupyterLab's jupytext refuses to open a notebook whose .ipynb is newer than
    its .py when the two differ in any way, even in the order of a cell's
    metadata keys; a fresh clone gives both files arbitrary times. So "the
    same cells" is not enough: the texts must be equal.
    """
    script = path.with_suffix(".py")
    assert script.exists(), f"{path.name} has no paired script {script.name}"
    expected = jupytext.writes(nbformat.read(path, as_version=4), fmt="py:percent")
    actual = script.read_text()
    if actual != expected:
        diff = "".join(list(difflib.unified_diff(actual.splitlines(True), expected.splitlines(True),
                                                 script.name, f"jupytext({path.name})", n=1))[:40])
        pytest.fail(f"{script.name} is not what jupytext writes from {path.name}; "
                    f"rebuild the pair with `python tools/run_notebook.py {script}`:\n{diff}")


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
                (f"{path.name} cell {number} saved stderr (a warning or log noise): "
                 f"{output.text[:200]}")


# What only this machine prints: where the checkout, the venv or the interpreter lives.
MACHINE_PATHS = (str(ROOT.resolve()), sys.prefix, "site-packages", "/tmp/")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_saved_outputs_name_no_path_of_this_machine(path):
    """A saved output that names a path of the machine it ran on fails on every other (nbval
    compares it), e.g. a cell ending with a module, whose repr names its file."""
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            found = [where for where in MACHINE_PATHS if where in text]
            assert not found, f"{path.name} cell {number} saved a path of this machine: {found}"


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_cell_is_placed_in_the_slideshow(path):
    """RISE and `make slides` present a notebook from its cells' slide metadata:
    every cell has a slide type, the notebook opens on a slide, the setup cell is
    skipped, solutions stay off the screen, and the instructor gets speaker notes."""
    notebook = nbformat.read(path, as_version=4)
    kinds = [cell.metadata.get("slideshow", {}).get("slide_type") for cell in notebook.cells]
    missing = [number for number, kind in enumerate(kinds) if kind is None]
    assert not missing, f"{path.name}: cells {missing} have no slideshow slide_type"
    assert kinds[0] == "slide", f"{path.name} must open on a slide, not a {kinds[0]}"
    setup = next(number for number, cell in enumerate(notebook.cells) if cell.cell_type == "code")
    assert kinds[setup] == "skip", \
        f"{path.name}: the setup cell {setup} should be skipped in the slideshow"
    for number, cell in enumerate(notebook.cells):
        if "solution" in cell.metadata.get("tags", []):
            assert cell.metadata.get("jupyter", {}).get("source_hidden"), \
                f"{path.name} cell {number}: a solution must be collapsed (jupyter.source_hidden)"
            assert kinds[number] == "skip", \
                (f"{path.name} cell {number}: a solution must be skipped in the slideshow, "
                 f"not a {kinds[number]}")
    assert kinds.count("slide") >= 5 and kinds.count("notes") >= 3, \
        (f"{path.name}: {kinds.count('slide')} slides and {kinds.count('notes')} speaker notes; "
         "too few to present")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_instructor_notes_are_folded_and_rise_may_scroll(path):
    """A student in JupyterLab sees one line, "For the instructor", where an instructor's
    notes cell is (tools/run_notebook.py folds it); RISE's speaker view and the decks get the
    notes (tests/test_browser.py and tests/test_slides.py look)."""
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            assert cell.cell_type == "markdown", f"{path.name} cell {number}: notes are markdown"
            assert cell.source.startswith(NOTES_OPEN) and cell.source.endswith(NOTES_CLOSE), \
                (f"{path.name} cell {number}: an instructor's note must be folded; rebuild with "
                 f"`python tools/run_notebook.py --present {path.with_suffix('.py')}`")
    assert notebook.metadata.get("rise") == RISE, f"{path.name}: RISE settings {RISE} missing"
