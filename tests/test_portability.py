"""Portability: every notebook prints the same digits on other CPUs' arithmetic.

A student's laptop, an instructor's machine and CI do not share this CPU.
What differs between them is the order in which floating-point sums are
added up, and so the last bits of every result:

- numpy's OpenBLAS picks a matrix kernel for the CPU (SkylakeX, Haswell,
  Sandybridge, ...); OPENBLAS_CORETYPE forces another one that this CPU can
  run, and OPENBLAS_NUM_THREADS splits the sums differently;
- numpy's own loops (tanh, exp, sums) dispatch to AVX-512 or AVX2 code
  where the CPU has it; NPY_DISABLE_CPU_FEATURES turns that off, as on an
  older CPU;
- TensorFlow's oneDNN (TF_ENABLE_ONEDNN_OPTS=1) rounds differently again.

Each run below re-executes notebooks under nbval with one such setting and
compares every saved output, with the same sanitizer as `make test` (which
masks only memory addresses and wall-clock timings). A printed digit that
depends on the kernel fails here, not on a student's machine. NumPy-only
notebooks run under every setting, the TensorFlow ones under two.

threadpoolctl reports the kernel that actually ran (a forced Prescott is
reported as Katmai); each run must differ from the default one, or it is
skipped and says why (e.g. Haswell on a CPU without AVX2, or a CPU whose
default already is Sandybridge). artifacts/portability.txt records what ran.

Skip it with RNN_COURSE_SKIP_PORTABILITY=1 (`make unit` does); check only some notebooks
with RNN_COURSE_NOTEBOOKS=07_generate_text,09_forecast_co2 (names without .ipynb).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from measure import cpuinfo, uses_tensorflow  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACT = ROOT / "artifacts" / "portability.txt"

# While writing a notebook: RNN_COURSE_NOTEBOOKS=07_generate_text,09_forecast_co2 checks only
# those (make test always checks every notebook).
ONLY = [name for name in os.environ.get("RNN_COURSE_NOTEBOOKS", "").split(",") if name]

pytestmark = pytest.mark.skipif(os.environ.get("RNN_COURSE_SKIP_PORTABILITY") == "1",
                                reason="RNN_COURSE_SKIP_PORTABILITY=1 is set")

# numpy's runtime-dispatched instruction sets (numpy 2.x names), newest last.
NUMPY_AVX512 = ("X86_V4", "AVX512_ICL", "AVX512_SPR")
NUMPY_AVX2 = ("X86_V3",)

# (name, OpenBLAS kernel, threads, numpy dispatch turned off, oneDNN, which notebooks)
RUNS = [
    ("prescott-1-thread-sse-onednn-on", "Prescott", 1, NUMPY_AVX2 + NUMPY_AVX512, "1", "all"),
    ("sandybridge-2-threads-avx", "Sandybridge", 2, NUMPY_AVX512, "0", "all"),
    ("haswell-1-thread-avx2", "Haswell", 1, NUMPY_AVX512, "0", "numpy"),
]
# The instructions a kernel needs (/proc/cpuinfo flags); Prescott's SSE3 is in every x86-64 CPU.
NEEDS = {"Prescott": "pni", "Sandybridge": "avx", "Haswell": "avx2"}

_PROBE = """
import json, threadpoolctl
import numpy
from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
print(json.dumps({"blas": [(i["internal_api"], i.get("architecture"), i["num_threads"])
                           for i in blas],
                  "dispatch": [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]}))
"""


def probe(env):
    """What numpy runs on under ``env``: its BLAS kernels and the dispatch targets this CPU
    has."""
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and not done.stderr.strip(), \
        f"probing numpy failed:\n{done.stderr[-2000:]}"
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def default():
    return probe(dict(os.environ))


@pytest.fixture(scope="module")
def record():
    lines = []
    yield lines
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text("# Portability runs (tests/test_portability.py), "
                        f"{time.strftime('%Y-%m-%d %H:%M:%S')}\n"
                        + "".join(line + "\n" for line in lines))


def plan(name, coretype, threads, no_dispatch, onednn, which, default):
    """What one run needs: ("skip", why) where this CPU cannot make it differ from the
    default, else ("run", env, forced BLAS, numpy features turned off, notebooks)."""
    flags = cpuinfo("flags")
    if flags is None or NEEDS[coretype] not in flags.split():
        return ("skip", f"this CPU has no {NEEDS[coretype]} (or no /proc/cpuinfo), which "
                        f"OpenBLAS' {coretype} kernel needs")
    env = dict(os.environ, OPENBLAS_CORETYPE=coretype, OPENBLAS_NUM_THREADS=str(threads),
               OMP_NUM_THREADS=str(threads), TF_NUM_INTRAOP_THREADS=str(threads),
               TF_NUM_INTEROP_THREADS=str(threads), TF_ENABLE_ONEDNN_OPTS=onednn,
               TF_CPP_MIN_LOG_LEVEL="3")
    # set with OPENBLAS_CORETYPE on some hosts; it goes with it
    env.pop("OPENBLAS_L2_SIZE", None)
    # the kernels draw inline, as the saved outputs were drawn
    env.pop("MPLBACKEND", None)
    disabled = [feature for feature in no_dispatch if feature in default["dispatch"]]
    if disabled:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(disabled)
    forced = probe(env)
    default_kernels = {kernel for _, kernel, _ in default["blas"]}
    forced_kernels = {kernel for _, kernel, _ in forced["blas"]}
    if not forced_kernels or forced_kernels <= default_kernels:
        return ("skip", f"OPENBLAS_CORETYPE={coretype} runs {sorted(forced_kernels)} here, "
                        f"which is the default kernel {sorted(default_kernels)}: nothing new "
                        f"to test")
    assert all(n == threads for _, _, n in forced["blas"]), \
        f"OpenBLAS ran {forced['blas']}, not {threads} threads"
    chosen = [p for p in NOTEBOOKS if (which == "all" or not uses_tensorflow(p))
              and (not ONLY or p.stem in ONLY)]
    if not chosen:
        return ("skip", f"no notebook of this run is in RNN_COURSE_NOTEBOOKS={','.join(ONLY)}")
    return ("run", env, forced["blas"], disabled, chosen)


@pytest.fixture(scope="module")
def launched(default, record, tmp_path_factory):
    """Every run that can differ here, started at once: each is nbval in its own process,
    mostly on one core, so on a machine with several cores they run side by side.
    {name: ("skip", why) or ("run", process, start time, output file, forced, disabled,
    notebooks)}."""
    record.append(f"# CPU: {cpuinfo('model name') or 'unknown'}; "
                  f"default: OpenBLAS {default['blas']}, numpy dispatch {default['dispatch']}")
    jobs = {}
    for name, *settings in RUNS:
        planned = plan(name, *settings, default)
        if planned[0] == "skip":
            jobs[name] = planned
            continue
        _, env, forced, disabled, chosen = planned
        output = tmp_path_factory.mktemp(name) / "nbval.txt"
        with open(output, "w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "pytest", "-q", "--nbval", "--nbval-current-env",
                 "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
                 *map(str, chosen)],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
        jobs[name] = ("run", process, time.perf_counter(), output, forced, disabled, chosen)
    yield jobs
    for job in jobs.values():
        if job[0] == "run" and job[1].poll() is None:
            job[1].kill()


@pytest.mark.parametrize("name, coretype, threads, no_dispatch, onednn, which", RUNS,
                         ids=[r[0] for r in RUNS])
def test_notebooks_print_the_same_digits(name, coretype, threads, no_dispatch, onednn, which,
                                         launched, record):
    job = launched[name]
    if job[0] == "skip":
        record.append(f"{name}: skipped, {job[1]}")
        pytest.skip(job[1])
    _, process, start, output, forced, disabled, chosen = job
    try:
        returncode = process.wait(timeout=1800)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"{name}: nbval did not finish in 30 minutes")
    seconds = time.perf_counter() - start
    text = output.read_text()
    summary = (text.strip().splitlines() or ["no output"])[-1]
    record.append(f"{name}: OpenBLAS {forced}, "
                  f"numpy dispatch off: {disabled or 'nothing to turn off'}, "
                  f"oneDNN {'on' if onednn == '1' else 'off'}, {len(chosen)} notebooks, "
                  f"{seconds:.0f} s (alongside the other runs): {summary}")
    assert returncode == 0, (f"the notebooks' outputs change under {name} "
                             f"({forced}, numpy dispatch off: {disabled}, "
                             f"oneDNN {onednn}); print results, not rounding:\n{text[-8000:]}")
