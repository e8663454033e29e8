"""Binder: build the course's environment from binder/ alone, as mybinder.org does, and run it.

A fresh Python 3.11 venv (in a temporary folder, shared by the tests of one
pytest session only) gets `pip install -r binder/requirements.txt`; then
binder/postBuild runs in a temporary copy of the course (tests/course_copy.py:
the files a commit would hold) with a fresh HOME, as a Binder user has; then
every notebook runs on a new kernel through binder/start, as every Binder
session does (tools/measure.py, run by the Binder venv's python). Each
notebook must run without an error or any stderr output, and its kernel's
peak memory must stay under its budget (tools/measure.py's budget): 700 MB for
a notebook that imports TensorFlow or loads the trained LSTM, 250 MB for the
others (mybinder.org gives a session 1-2 GB in all).
The per-notebook peak memory and time go to artifacts/binder_memory.txt.

The build costs about a minute with a warm pip cache (the cache is shared,
nothing else is). Skip it with RNN_COURSE_SKIP_BINDER=1.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from course_copy import copy_course

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from measure import HEAVY, LIGHT, budget, uses_tensorflow  # noqa: E402

BINDER = ROOT / "binder"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [path.stem for path in NOTEBOOKS]
ARTIFACT = ROOT / "artifacts" / "binder_memory.txt"

# Pins of requirements.txt that Binder does not need: the browser driver for
# tests/test_browser.py (Binder has no Chromium, and it is a developer's tool),
# threadpoolctl for tests/test_portability.py, and the website's builder (make book).
NOT_ON_BINDER = {"playwright", "ruff", "threadpoolctl", "jupyter-book"}

pytestmark = pytest.mark.skipif(os.environ.get("RNN_COURSE_SKIP_BINDER") == "1",
                                reason="RNN_COURSE_SKIP_BINDER=1 is set")

# Variables of the developer's shell that would leak into the Binder build or
# hide what binder/start must set itself (the Makefile exports TF_CPP_MIN_LOG_LEVEL).
_NOT_INHERITED = re.compile(r"^(VIRTUAL_ENV|PYTHONPATH|PYTHONHOME|PYTHONSTARTUP|CONDA_.*|"
                            r"JUPYTER_.*|IPYTHONDIR|MPLCONFIGDIR|MPLBACKEND|XDG_.*|TF_.*|"
                            r"KERAS_.*|OMP_.*|OPENBLAS_.*|COV_CORE_.*|COVERAGE_.*|PYTEST_.*|PIP_USER|"
                            r"PIP_TARGET|PIP_PREFIX|PIP_REQUIRE_VIRTUALENV)$")


# ---------------------------------------------------------------- helpers

def pins(path):
    """{normalised name: (version, marker)} of the `name==version` lines of a requirements file."""
    found = {}
    for line in Path(path).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*==\s*([^;\s]+)\s*(?:;\s*(.+))?", line)
        assert match, f"{path}: '{line}' is not an exact pin (name==version)"
        name = re.sub(r"[-_.]+", "-", match[1]).lower()
        found.setdefault(name, []).append((match[2], match[3]))
    return found


def find_python311():
    for candidate in (shutil.which("python3.11"),
                      sys.executable if sys.version_info[:2] == (3, 11) else None):
        if candidate:
            return candidate
    pytest.skip("Binder builds with Python 3.11 (binder/runtime.txt) and none was found: "
                "install python3.11, or set RNN_COURSE_SKIP_BINDER=1")


def run(command, what, **kwargs):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, (f"{what} failed (exit {done.returncode}) after {seconds:.0f} s:\n"
                                  f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done, seconds


# ---------------------------------------------------------------- the build, once per session

@pytest.fixture(scope="session")
def binder(tmp_path_factory):
    """The Binder environment: a copy of the course, a venv built from binder/, and its env vars."""
    base = tmp_path_factory.mktemp("binder")
    course = copy_course(base / "course")
    home = base / "home"
    home.mkdir()
    venv = base / "venv"
    pip_cache = os.environ.get("PIP_CACHE_DIR") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pip")
    env = {key: value for key, value in os.environ.items() if not _NOT_INHERITED.match(key)}
    env.update(HOME=str(home), PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
               PIP_CACHE_DIR=pip_cache, PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONNOUSERSITE="1")

    _, venv_seconds = run([find_python311(), "-m", "venv", str(venv)], "creating the venv")
    _, pip_seconds = run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                          "-r", "binder/requirements.txt"],
                         "pip install -r binder/requirements.txt",
                         cwd=course, env=env, timeout=1800)
    _, post_seconds = run(["binder/postBuild"], "binder/postBuild",
                          cwd=course, env=env, timeout=600)
    return {"course": course, "venv": venv, "env": env, "home": home,
            "seconds": {"venv": venv_seconds, "pip install": pip_seconds,
                        "postBuild": post_seconds}}


@pytest.fixture(scope="session")
def binder_runs(binder, tmp_path_factory):
    """Every notebook of the copy, run through binder/start (tools/measure.py's records), by
    (notebook name, oneDNN): every notebook with oneDNN off, the course's setting, and the
    TensorFlow ones once more with it forced on, as a student's environment might set it."""
    course = binder["course"]
    notebooks = sorted(str(p.relative_to(course)) for p in (course / "notebooks").glob("*.ipynb"))
    if not notebooks:
        return {}
    # Three runners side by side (a kernel's peak memory is its own): every notebook with
    # oneDNN off, in two halves of about the same budgeted time, and the TensorFlow ones with
    # oneDNN forced on.
    halves = ([], [])
    for name in sorted(notebooks, key=lambda n: -budget(course / n).seconds):
        lighter = min(halves, key=lambda half: sum(budget(course / n).seconds for n in half))
        lighter.append(name)
    batches = [("0", halves[0]), ("0", halves[1]),
               ("1", [n for n in notebooks if uses_tensorflow(course / n)])]
    runs = []
    for index, (onednn, chosen) in enumerate(batches):
        out = tmp_path_factory.mktemp(f"binder_runs_{index}_onednn{onednn}")
        log = open(out / "runner.txt", "w")
        runs.append((onednn, out, log, subprocess.Popen(
            ["binder/start", "python", "tools/measure.py", "--json", str(out / "runs.json"),
             "--output-dir", str(out / "executed"), *sorted(chosen)],
            cwd=course, env=dict(binder["env"], TF_ENABLE_ONEDNN_OPTS=onednn),
            stdout=log, stderr=subprocess.STDOUT, text=True)))
    records = {}
    for onednn, out, log, process in runs:
        returncode = process.wait(timeout=3600)
        log.close()
        assert (out / "runs.json").exists(), \
            (f"the notebook runner crashed (exit {returncode}):\n"
             f"{(out / 'runner.txt').read_text()[-6000:]}")
        for record in json.loads((out / "runs.json").read_text()):
            records[record["name"] + ".ipynb", onednn == "1"] = record
    write_artifact(records, binder)
    return records


def budget_mb(record):
    return budget(record["path"]).peak_mb


def write_artifact(records, binder):
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# Binder build (tests/test_binder.py), {time.strftime('%Y-%m-%d %H:%M:%S')}",
             "# " + ", ".join(f"{step} {seconds:.0f} s"
                              for step, seconds in binder["seconds"].items()),
             "# seconds: three runners side by side on the machine's cores",
             "# peak = the kernel's peak resident memory (VmHWM); budget: "
             f"{HEAVY.peak_mb} MB for a notebook that {HEAVY.why}, {LIGHT.peak_mb} MB otherwise",
             f"{'notebook':34s} {'oneDNN':>6s} {'seconds':>8s} {'peak MB':>8s} {'budget':>7s}"
             "  tensorflow  problems"]
    for (name, onednn), record in sorted(records.items()):
        record["path"] = binder["course"] / "notebooks" / name
        record["uses_tensorflow"] = uses_tensorflow(record["path"])
        peak = "n/a" if record["peak_mb"] is None else f"{record['peak_mb']:.0f}"
        lines.append(f"{name:34s} {'on' if onednn else 'off':>6s} {record['seconds']:8.1f} "
                     f"{peak:>8s} {budget_mb(record):7d}  "
                     f"{'yes' if record['tensorflow'] else 'no':10s}  {len(record['errors'])}")
    ARTIFACT.write_text("\n".join(lines) + "\n")


# ---------------------------------------------------------------- the tests

def test_binder_folder_is_complete():
    """The files Binder reads, executable where Binder runs them."""
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    for script in ("postBuild", "start"):
        path = BINDER / script
        assert os.access(path, os.X_OK), \
            f"binder/{script} must be executable (git update-index --chmod=+x)"
        assert path.read_text().startswith("#!/usr/bin/env bash\n"), \
            f"binder/{script} needs a bash shebang"
    assert "set -euo pipefail" in (BINDER / "postBuild").read_text()
    assert (BINDER / "start").read_text().rstrip().endswith('exec "$@"'), \
        'binder/start must end with exec "$@"'
    assert "TF_CPP_MIN_LOG_LEVEL=3" in (BINDER / "start").read_text()
    assert 'TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-0}"' in (BINDER / "start").read_text()


def test_binder_pins_match_requirements():
    """binder/requirements.txt = requirements.txt, with tensorflow-cpu and without the dev-only
    tools."""
    top, binder = pins(ROOT / "requirements.txt"), pins(BINDER / "requirements.txt")
    expected = {}
    for name, versions in top.items():
        if name in NOT_ON_BINDER:
            continue
        for version, _marker in versions:
            # Binder runs Linux on x86_64: the CPU-only TensorFlow wheel, always.
            key = "tensorflow-cpu" if name in ("tensorflow", "tensorflow-cpu") else name
            expected.setdefault(key, set()).add(version)
    for name, versions in expected.items():
        assert len(versions) == 1, f"requirements.txt pins {name} at several versions: {versions}"
    expected = {name: versions.pop() for name, versions in expected.items()}
    actual = {}
    for name, versions in binder.items():
        assert len(versions) == 1 and versions[0][1] is None, \
            f"binder/requirements.txt: pin {name} once, without a marker (Binder is Linux x86_64)"
        actual[name] = versions[0][0]
    assert "tensorflow" not in actual, \
        "Binder should install tensorflow-cpu, not the CUDA-sized tensorflow"
    assert actual == expected, ("binder/requirements.txt and requirements.txt disagree: "
                                f"only in binder {sorted(actual.items() - expected.items())}, "
                                "only in requirements.txt "
                                f"{sorted(expected.items() - actual.items())}")
    assert "-e" not in (BINDER / "requirements.txt").read_text().split(), \
        "binder/requirements.txt must not install rnnkit (-e .): binder/postBuild does"


def test_binder_environment_builds(binder):
    """pip and postBuild succeed; rnnkit is the copy's, editable; the lab extensions load."""
    python = str(binder["venv"] / "bin" / "python")
    where, _ = run([python, "-c", "import rnnkit, sys; print(rnnkit.__file__)"], "import rnnkit",
                   cwd=binder["home"], env=binder["env"])
    assert Path(where.stdout.strip()).resolve().is_relative_to(binder["course"].resolve()), \
        (f"rnnkit imports from {where.stdout.strip()}, "
         "not from the course's folder (editable install)")
    listing, _ = run([str(binder["venv"] / "bin" / "jupyter"), "labextension", "list"],
                     "jupyter labextension list", cwd=binder["course"], env=binder["env"])
    text = re.sub(r"\x1b\[[0-9;]*m", "", listing.stdout + listing.stderr)
    for extension in ("jupyterlab-rise", "@jupyter-widgets/jupyterlab-manager",
                      "jupyterlab-jupytext"):
        line = next((line for line in text.splitlines() if line.split()[:1] == [extension]), "")
        assert "enabled" in line and "OK" in line, f"{extension} is not enabled and OK:\n{text}"


RUNS = ([(path, False) for path in NOTEBOOKS]
        + [(path, True) for path in NOTEBOOKS if uses_tensorflow(path)])


@pytest.mark.parametrize("path, onednn", RUNS,
                         ids=[path.stem + ("-onednn-on" if on else "") for path, on in RUNS])
def test_notebook_runs_on_binder(path, onednn, binder, binder_runs):
    """The notebook runs clean on Binder (no error, nothing on stderr) and its kernel stays within
    the memory budget, with TensorFlow's oneDNN off (the course's setting) and forced on."""
    record = binder_runs.get((path.name, onednn))
    assert record is not None, f"{path.name} was not in the Binder copy (is it ignored by git?)"
    where = f"{path.name} on Binder with oneDNN {'on' if onednn else 'off'}"
    assert not record["errors"], f"{where}: " + "; ".join(record["errors"])
    assert record["kernel"] and record["kernel"].startswith(str(binder["venv"])), \
        f"the kernel ran {record['kernel']}, not the Binder venv's python"
    if record["peak_mb"] is None or record["peak_mb"] != record["peak_mb"]:      # NaN: no /proc
        pytest.skip("no /proc here: peak memory cannot be read")
    if not record["uses_tensorflow"]:
        assert not record["tensorflow"], \
            (f"{path.name} does not import TensorFlow, yet its kernel loaded it "
             "(does `import rnnkit` pull it in?)")
    assert record["peak_mb"] <= budget_mb(record), \
        (f"{where}: the kernel's peak memory {record['peak_mb']:.0f} MB is over the "
         f"{budget_mb(record)} MB budget on Binder (see {ARTIFACT.relative_to(ROOT)})")
