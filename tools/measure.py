"""Execute notebooks on fresh kernels and measure each one's run time and peak memory.

    python tools/measure.py notebooks/*.ipynb                    # a table
    python tools/measure.py --json runs.json notebooks/*.ipynb   # and the records as JSON
    python tools/measure.py --output-dir executed/ ...           # and keep the executed copies

Each notebook runs top to bottom on its own new kernel, in the notebook's own
folder (as nbval and tools/run_notebook.py run it), with the interpreter that
runs this script; it needs only nbformat and nbclient, so it also runs inside
the Binder environment (tests/test_binder.py). A failing cell does not stop
the run: its error is reported with the rest. For each notebook:

- seconds: wall time from the first cell to the last, kernel start-up excluded;
- peak_mb: the kernel process's peak resident memory (VmHWM in
  /proc/<pid>/status, read just before the kernel shuts down; NaN off Linux);
- tensorflow: whether the kernel had TensorFlow loaded (a tensorflow shared
  library in /proc/<pid>/maps), i.e. whether the notebook paid for it;
- kernel: the kernel's executable;
- errors: every error output and every stderr output, by cell.

Notebooks are read, never written. The exit status is 1 if any notebook had
an error or printed to stderr.
"""

import argparse
import json
import os
import platform
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")    # TensorFlow: no C++ log lines on stderr,
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")   # and no oneDNN (CPU-dependent rounding)


@dataclass
class Run:
    name: str
    seconds: float
    peak_mb: float
    tensorflow: bool = None
    kernel: str = None
    errors: list = field(default_factory=list)


def _proc(pid, name):
    """The text of /proc/<pid>/<name>, or None where there is no /proc."""
    try:
        return Path(f"/proc/{pid}/{name}").read_text(errors="replace")
    except OSError:
        return None


def peak_rss_mb(pid):
    """The peak resident memory of process ``pid`` in MB, or NaN where /proc is missing."""
    for line in (_proc(pid, "status") or "").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024       # the kernel reports kB
    return float("nan")


def problems(notebook):
    """Every error and stderr output of an executed notebook, as 'cell i: ...' strings."""
    found = []
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.output_type == "error":
                found.append(f"cell {number}: {output.ename}: {output.evalue}")
            elif output.get("name") == "stderr":
                found.append(f"cell {number}: stderr: {output.text[:300]!r}")
    return found


def execute(path, timeout=600, output_dir=None):
    """Run the notebook at ``path`` top to bottom in its own folder; return a Run."""
    path = Path(path).resolve()
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            # the kernel's own log (a notice that it talks over local TCP) off
                            # the terminal; the notebook's warnings stay in its outputs
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        start = time.perf_counter()
        try:
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
        except CellExecutionError:
            pass  # the error is in the cell's outputs: problems() reports it
        seconds = time.perf_counter() - start
        maps, cmdline = _proc(pid, "maps"), _proc(pid, "cmdline")
        run = Run(path.stem, seconds, peak_rss_mb(pid),
                  tensorflow=None if maps is None else "tensorflow" in maps,
                  kernel=None if cmdline is None else cmdline.split("\0")[0])
        client.set_widgets_metadata()
    run.errors = problems(notebook)
    if output_dir is not None:
        Path(output_dir).mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, Path(output_dir) / path.name)
    return run


def cpuinfo(key):
    """The first value of ``key`` in /proc/cpuinfo ('model name', 'flags'), or None (no /proc)."""
    path = Path("/proc/cpuinfo")
    for line in path.read_text().splitlines() if path.exists() else []:
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return None


def machine():
    """Where the figures come from: CPU model, widest SIMD, BLAS kernel, threads, versions."""
    import numpy as np
    from threadpoolctl import threadpool_info
    cpu = cpuinfo("model name") or platform.processor() or platform.machine()
    flags = set((cpuinfo("flags") or "").split())
    simd = next((name for flag, name in (("avx512f", "AVX-512"), ("avx2", "AVX2"), ("avx", "AVX"),
                                         ("sse4_2", "SSE4.2")) if flag in flags), "unknown SIMD")
    blas = ", ".join(f"{i['internal_api']} {i.get('architecture')} kernel, "
                     f"{i['num_threads']} threads"
                     for i in threadpool_info() if i["user_api"] == "blas")
    return (f"{cpu} ({platform.machine()}, {simd}), {os.cpu_count()} cores; numpy's BLAS: {blas}; "
            f"Python {platform.python_version()}, NumPy {np.__version__}, "
            f"TF_ENABLE_ONEDNN_OPTS={os.environ.get('TF_ENABLE_ONEDNN_OPTS')}")


def _code(path):
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "code")


def uses_tensorflow(path):
    """Whether a notebook's code imports TensorFlow or Keras, directly or through
    rnnkit.keras_bridge."""
    return bool(re.search(r"^\s*(import|from)\s+(tensorflow|keras)\b|keras_bridge", _code(path),
                          re.MULTILINE))


@dataclass(frozen=True)
class Budget:
    seconds: float      # run time, top to bottom, on the course's development machine
    peak_mb: int        # the kernel's peak resident memory in the Binder venv
    why: str


LIGHT = Budget(15, 250, "NumPy only")
HEAVY = Budget(30, 700, "imports TensorFlow, or loads the trained LSTM")


def budget(path):
    """A notebook's run-time and memory budget: HEAVY where it imports TensorFlow (a kernel
    with TensorFlow holds about 500 MB before it does anything) or loads notebook 07's trained
    LSTM (3.3 million weights, scored on 50,000 characters), LIGHT otherwise."""
    heavy = uses_tensorflow(path) or "shakespeare_lstm(" in _code(path)
    return HEAVY if heavy else LIGHT


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--json", metavar="FILE", help="also write the records to FILE as JSON")
    parser.add_argument("--output-dir", help="save the executed notebooks here")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = parser.parse_args(argv)
    runs = []
    for path in args.notebooks:
        run = execute(path, args.timeout, args.output_dir)
        runs.append(run)
        print(f"{run.name:28s} {run.seconds:6.1f} s {run.peak_mb:7.0f} MB"
              + ("  tensorflow" if run.tensorflow else "")
              + (f"  PROBLEMS: {run.errors}" if run.errors else ""), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(run) for run in runs], indent=2) + "\n")
    return 1 if any(run.errors for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
