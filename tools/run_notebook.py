"""Build a notebook from its paired script and execute it on a fresh kernel.

    python tools/run_notebook.py notebooks/02_recurrence.py [more ...]

For each script: the .ipynb is (re)written from the .py (jupytext), executed
top to bottom in notebooks/ exactly as nbval will run it, saved with its
outputs, and the run time printed. Edit the .py; this keeps the pair in sync.
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


def build(script):
    script = Path(script).with_suffix(".py")
    target = script.with_suffix(".ipynb")
    notebook = jupytext.read(script)
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
    ok = all([build(path) for path in sys.argv[1:]])
    sys.exit(0 if ok else 1)
