"""Execute notebooks on fresh kernels and measure each one's run time and peak memory.

    python tools/measure.py notebooks/*.ipynb            # a table
    python tools/measure.py --json notebooks/*.ipynb     # one JSON object per notebook

Peak memory is the kernel process's peak resident set size (VmHWM in
/proc/<pid>/status, Linux), read just before the kernel shuts down. Run time
is from the first cell to the last, excluding kernel start-up. Notebooks are
read, never written.
"""

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@dataclass
class Run:
    name: str
    seconds: float
    peak_mb: float
    errors: list


def peak_rss_mb(pid):
    """The peak resident memory of process ``pid`` in MB, or NaN where /proc is missing."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def execute(path, timeout=600):
    """Run the notebook at ``path`` top to bottom in its own folder; return a Run."""
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        start = time.perf_counter()
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
        peak = peak_rss_mb(client.km.provisioner.process.pid)
    errors = [f"cell {i}: {o.get('ename') or o.get('name')}"
              for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
              for o in cell.get("outputs", [])
              if o["output_type"] == "error" or o.get("name") == "stderr"]
    return Run(path.stem, seconds, peak, errors)


def uses_tensorflow(path):
    """Whether a notebook imports TensorFlow or Keras (its memory budget is larger)."""
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    return any(word in source for word in ("import tensorflow", "import keras", "from keras"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--json", action="store_true", help="print one JSON line per notebook")
    args = parser.parse_args(argv)
    failed = False
    for path in args.notebooks:
        run = execute(path)
        failed |= bool(run.errors)
        if args.json:
            print(json.dumps(run.__dict__), flush=True)
        else:
            print(f"{run.name:28s} {run.seconds:6.1f} s {run.peak_mb:7.0f} MB"
                  + (f"  ERRORS: {run.errors}" if run.errors else ""), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
