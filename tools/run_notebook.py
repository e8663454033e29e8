"""Build a notebook from its paired script and execute it on a fresh kernel.

    python tools/run_notebook.py notebooks/02_recurrence.py [more ...]
    python tools/run_notebook.py --present notebooks/*.py     # the rules below only, no run

For each script: the .ipynb is (re)written from the .py (jupytext), executed
top to bottom in notebooks/ exactly as nbval will run it, saved with its
outputs, and the run time printed. Edit the .py; this keeps the pair in sync.

Every build also applies the course's rules for presenting (``present``):
- an instructor's notes cell (slide type "notes") is folded for students: its text sits in
  <details class="notes"><summary>For the instructor</summary> ... </details>, one line in
  JupyterLab that opens on a click; RISE's speaker view gets the notes (folded the same way,
  one click) and the `make slides` decks show them open (tools/slides.py);
- RISE may scroll a slide longer than the screen (notebook metadata "rise"); its type size
  for a projector is in notebooks/rise.css, which RISE loads beside the notebook.
--present applies them to the saved notebooks without running them again.
"""

import os
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")    # TensorFlow: no C++ log lines on stderr,
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")   # and no oneDNN (CPU-dependent rounding)


NOTES_OPEN = '<details class="notes"><summary>For the instructor</summary>\n\n'
NOTES_CLOSE = "\n\n</details>"
RISE = {"scroll": True}


def fold_notes(source):
    """A notes cell's markdown inside the folded "For the instructor" block (done once)."""
    if source.startswith(NOTES_OPEN):
        return source
    return NOTES_OPEN + source.strip() + NOTES_CLOSE


def present(notebook):
    """Apply the presenting rules above to a notebook (in place); return it."""
    for cell in notebook.cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            cell.source = fold_notes(cell.source)
    notebook.metadata["rise"] = dict(RISE)
    return notebook


def present_saved(script):
    """The rules applied to a saved notebook, its outputs kept; the script written again."""
    target = Path(script).with_suffix(".ipynb")
    notebook = present(nbformat.read(target, as_version=4))
    nbformat.write(notebook, target)
    Path(script).with_suffix(".py").write_text(jupytext.writes(notebook, fmt="py:percent"))
    print(f"{target}: presenting rules applied")
    return True


def build(script):
    script = Path(script).with_suffix(".py")
    target = script.with_suffix(".ipynb")
    notebook = present(jupytext.read(script))
    notebook.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                       "language": "python", "name": "python3"}
    notebook.metadata["language_info"] = {"name": "python"}
    if target.exists():  # keep notebook-level metadata (slides, etc.) that the script does not hold
        old = nbformat.read(target, as_version=4)
        for key, value in old.metadata.items():
            notebook.metadata.setdefault(key, value)
    start = time.perf_counter()
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(script.parent)}}).execute()
    seconds = time.perf_counter() - start
    CoalesceStreamsPreprocessor().preprocess(notebook, {})   # one output per stream, every run
    nbformat.write(notebook, target)
    # Write the script back as jupytext writes it from the notebook (cell metadata in
    # its order), so that the pair agrees to the character (tests/test_notebooks.py).
    script.write_text(jupytext.writes(notebook, fmt="py:percent"))
    problems = [f"cell {i}: {o.get('name') or o['output_type']}"
                for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
                for o in cell.get("outputs", [])
                if o["output_type"] == "error" or o.get("name") == "stderr"]
    print(f"{target}: executed in {seconds:.1f} s"
          + (f"; PROBLEMS: {problems}" if problems else ""))
    return not problems


if __name__ == "__main__":
    only_present = "--present" in sys.argv[1:]
    paths = [path for path in sys.argv[1:] if path != "--present"]
    ok = all([(present_saved if only_present else build)(path) for path in paths])
    sys.exit(0 if ok else 1)
