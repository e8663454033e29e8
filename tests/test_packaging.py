"""The course as a package, on the Pythons it supports, and outside its own folder.

- The supported Pythons (3.11, 3.12, 3.13) are the same in pyproject.toml, the Makefile and
  the README; the Makefile refuses another one, and one that does not run, with a message
  that says what to do, and rebuilds .venv when the Python changes (checked with `make -n`
  and stand-in interpreters, so nothing is installed).
- rnnkit's dependency ranges (pyproject.toml) hold the exact versions of requirements.txt,
  the lock that make, CI and Binder install; the `course` extra holds the others.
- One address: every link to the repository (README, the notebooks' Colab badges and
  install cells) is pyproject.toml's [project.urls] Repository, and every notebook has the
  current install cell and badge (tools/course_cells.py writes them).
- A bare Jupyter: a notebook, copied alone into an empty folder, runs top to bottom in a
  fresh venv that holds Jupyter's kernel machinery and nothing of the course. Its first cell
  installs rnnkit, here from a copy of this checkout (RNN_COURSE_SOURCE, so nothing is
  downloaded from the repository; the packages it needs come from PyPI). No error, nothing
  on stderr. This is the path Colab and a JupyterHub without the course take; Colab itself
  cannot be reached from here. Two notebooks by default (02, then 06, which installs Keras
  too), in about two minutes; every notebook with RNN_COURSE_BARE_NOTEBOOKS=all; skipped, like
  the Binder build, with RNN_COURSE_SKIP_BINDER=1.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest
from course_copy import copy_course
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import course_cells  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SUPPORTED = ["3.11", "3.12", "3.13"]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = [path.stem for path in NOTEBOOKS]
# The bare-Jupyter simulation runs 02 (cheap, with figures and widgets), then 06 (TensorFlow:
# its install cell finds Keras missing); RNN_COURSE_BARE_NOTEBOOKS=all runs every notebook.
BARE_NOTEBOOKS = (["02_recurrence.ipynb", "06_keras_regression.ipynb"]
                  if os.environ.get("RNN_COURSE_BARE_NOTEBOOKS") != "all"
                  else [path.name for path in NOTEBOOKS])


# ---------------------------------------------------------------- the Pythons


def test_the_supported_pythons_agree():
    project = PYPROJECT["project"]
    assert project["requires-python"] == f">={SUPPORTED[0]}"
    classifiers = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"]
                   if c.startswith("Programming Language :: Python :: 3.")]
    assert classifiers == SUPPORTED
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^SUPPORTED\s*:=\s*(.*)$", makefile, re.M)[1].split() == SUPPORTED
    assert "Python 3.11, 3.12 and 3.13" in (ROOT / "README.md").read_text()[:3000], \
        "the README's first screen should say which Pythons the course supports"


def fake_python(folder, answer):
    """A stand-in interpreter: prints `answer` (what the Makefile asks a Python) or fails."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "python"
    path.write_text("#!/bin/sh\n" + (f"echo '{answer}'\n" if answer else "exit 127\n"))
    path.chmod(0o755)
    return path


def make_dry_run(*args):
    # Not the variables of a make that runs these tests (make test PYTHON=... passes them on).
    env = {key: value for key, value in os.environ.items()
           if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON", "VENV")}
    return subprocess.run(["make", "-n", "test", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)


@pytest.mark.skipif(shutil.which("make") is None, reason="no make here")
def test_the_makefile_refuses_an_unsupported_python(tmp_path):
    old = fake_python(tmp_path / "old", "3.10.13@/opt/python3.10")
    done = make_dry_run(f"PYTHON={old}", f"VENV={tmp_path / 'venv'}")
    assert done.returncode != 0
    assert f"PYTHON={old} is Python 3.10.13; the course supports Python 3.11, 3.12 and 3.13" \
        in done.stderr, done.stderr
    broken = fake_python(tmp_path / "shim", None)
    done = make_dry_run(f"PYTHON={broken}", f"VENV={tmp_path / 'venv'}")
    assert done.returncode != 0 and f"PYTHON={broken} does not run" in done.stderr, done.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="no make here")
def test_the_makefile_rebuilds_the_venv_when_the_python_changes(tmp_path):
    venv = tmp_path / "venv"
    fake_python(venv / "bin", "3.11.7@/opt/python3.11")
    (venv / "pyvenv.cfg").write_text("version = 3.11.7\n")
    new = fake_python(tmp_path / "new", "3.13.0@/opt/python3.13")
    done = make_dry_run(f"PYTHON={new}", f"VENV={venv}")
    assert done.returncode == 0, done.stderr
    assert (f"{venv} was made with Python 3.11.7 (/opt/python3.11); rebuilding it with "
            "Python 3.13.0 (/opt/python3.13)") in done.stdout
    assert f"{new} -m venv {venv}" in done.stdout
    # The same Python again, or none named while .venv's is supported: .venv is kept.
    same = fake_python(tmp_path / "same", "3.11.7@/opt/python3.11")
    for args in ([f"PYTHON={same}", f"VENV={venv}"], [f"VENV={venv}"]):
        done = make_dry_run(*args)
        assert done.returncode == 0 and "rebuilding" not in done.stdout \
            and "-m venv" not in done.stdout, done.stdout


# ---------------------------------------------------------------- the package and its lock


def pins():
    """{name: version} of requirements.txt's exact pins."""
    found = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            found[requirement.name.lower()] = spec.version
    return found


def test_the_ranges_hold_the_pinned_versions():
    locked = pins()
    locked.setdefault("tensorflow", locked.get("tensorflow-cpu"))
    locked.setdefault("tensorflow-cpu", locked.get("tensorflow"))
    project = PYPROJECT["project"]
    lines = project["dependencies"] + [line for extra in project["optional-dependencies"].values()
                                       for line in extra]
    checked = 0
    for line in lines:
        requirement = Requirement(line)
        if requirement.name == "rnnkit":
            continue
        name = requirement.name.lower()
        assert name in locked, f"pyproject.toml needs {name}, which requirements.txt does not pin"
        assert requirement.specifier.contains(locked[name]), \
            f"pyproject.toml's {line!r} leaves out the tested {name}=={locked[name]}"
        assert any(spec.operator == "<" for spec in requirement.specifier) or name == "ipykernel", \
            f"{line!r}: give it an upper bound (the next, untested, minor release)"
        checked += 1
    assert checked >= 6


def test_the_course_extra_is_everything_a_notebook_needs():
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert extras["course"] == ["rnnkit[widgets,keras,jupyter]"]
    needed = {Requirement(line).name for name in ("widgets", "keras", "jupyter")
              for line in extras[name]}
    assert {"ipywidgets", "keras", "tensorflow", "tensorflow-cpu", "jupyterlab"} <= needed


# ---------------------------------------------------------------- one address


def course_links(text):
    """The repository slugs ('OWNER/REPO') that the course's links in a text point at."""
    patterns = [r"mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/",
                r"colab\.research\.google\.com/github/([\w.-]+/[\w.-]+)/",
                r"git\+https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?[\"'\s)]",
                r"repo=https%3A%2F%2Fgithub\.com%2F([\w.-]+%2F[\w.-]+)&"]
    return [match.replace("%2F", "/") for pattern in patterns
            for match in re.findall(pattern, text)]


def test_every_link_to_the_repository_is_pyprojects():
    url = course_cells.repository_url()
    slug = course_cells.repository_slug(url)
    readme = (ROOT / "README.md").read_text()
    found = {"README.md": course_links(readme)}
    for path in NOTEBOOKS:
        found[path.name] = course_links(path.read_text())
    wrong = {name: sorted(set(links) - {slug}) for name, links in found.items()
             if set(links) - {slug}}
    assert not wrong, (f"links to another repository than pyproject.toml's {url}: {wrong}; "
                       "run `python tools/course_cells.py`")
    assert f'pip install "rnnkit[course] @ git+{url}"' in readme
    assert course_cells.update_readme(readme, url) == readme, \
        "README.md's course links are not current: run `python tools/course_cells.py`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_has_the_current_install_cell_and_badge(path):
    notebook = nbformat.read(path, as_version=4)
    url = course_cells.repository_url()
    changed = course_cells.update_cells(notebook, path.name, url, course_cells.extras_for(path))
    assert not changed, (f"{path.name}: its install cell or Colab badge is missing or not "
                         f"current: run `python tools/course_cells.py {path.with_suffix('.py')}`")
    cell = notebook.cells[[i for i, c in enumerate(notebook.cells) if c.cell_type == "code"][0]]
    assert course_cells.INSTALL_TAG in cell.metadata.get("tags", []), \
        f"{path.name}: the install cell must be the first code cell"
    assert cell.outputs == [], f"{path.name}: the install cell prints nothing in the repository"


def test_the_install_cell_is_quiet_where_rnnkit_is_installed():
    """Run as a script here (rnnkit importable): no output, no install."""
    code = course_cells.install_source(course_cells.repository_url(), ["widgets"])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, RNN_COURSE_SOURCE="file:///nonexistent"))
    assert done.returncode == 0 and done.stdout == "" and done.stderr == "", done


# ---------------------------------------------------------------- a bare Jupyter

# Variables that would let the fresh environment see the course or the developer's setup.
_LEAKS = re.compile(r"^(VIRTUAL_ENV|PYTHONPATH|PYTHONHOME|PYTHONSTARTUP|CONDA_.*|JUPYTER_.*|"
                    r"IPYTHONDIR|MPLCONFIGDIR|MPLBACKEND|XDG_.*|COV_CORE_.*|COVERAGE_.*|"
                    r"PYTEST_.*|PIP_USER|PIP_TARGET|PIP_PREFIX|RNN_COURSE_.*)$")

RUNNER = """
import sys, nbformat
from nbclient import NotebookClient
notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=600, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(notebook, sys.argv[3])
"""


def _run(command, what, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, (f"{what} failed (exit {done.returncode}):\n"
                                  f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """A fresh venv with Jupyter's kernel and a notebook runner, and nothing of the course;
    its install cells take rnnkit from a copy of this checkout. (python, env, venv, home)."""
    if os.environ.get("RNN_COURSE_SKIP_BINDER") == "1":
        pytest.skip("RNN_COURSE_SKIP_BINDER=1 is set (it skips the fresh environments)")
    tmp = tmp_path_factory.mktemp("bare")
    checkout = copy_course(tmp / "checkout")     # what a commit holds, as pip's source
    venv, home = tmp / "venv", tmp / "home"
    home.mkdir()
    pip_cache = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")
    env = {key: value for key, value in os.environ.items() if not _LEAKS.match(key)}
    env.update(HOME=str(home), PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
               PIP_CACHE_DIR=pip_cache, PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONNOUSERSITE="1",
               RNN_COURSE_SOURCE=checkout.as_uri())
    python = str(venv / "bin" / "python")
    _run([sys.executable, "-m", "venv", str(venv)], "creating the venv", env=env)
    # Jupyter's kernel and the notebook runner, at the versions of the course's lock.
    _run([python, "-m", "pip", "install", "--quiet", f"ipykernel=={version('ipykernel')}",
          f"nbclient=={version('nbclient')}"], "installing Jupyter", env=env, timeout=900)
    missing = subprocess.run([python, "-c", "import rnnkit"], capture_output=True, env=env,
                             cwd=home)
    assert missing.returncode != 0, "the fresh venv can already import rnnkit"
    return python, env, venv, home


@pytest.mark.parametrize("name", BARE_NOTEBOOKS)
def test_a_notebook_alone_runs_in_a_bare_jupyter(name, bare, tmp_path):
    """Run in the order listed, in one venv: the first installs rnnkit with the widgets; a
    TensorFlow notebook after it finds Keras missing and installs it, as on a JupyterHub."""
    python, env, venv, home = bare
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy2(ROOT / "notebooks" / name, alone / name)
    before = _run([python, "-c", "import importlib.util as u; print(all(u.find_spec(m) for m in "
                   "('rnnkit', 'ipywidgets', 'keras', 'tensorflow')))"],
                  "looking for the course's packages", env=env, cwd=home).stdout.strip()
    out = tmp_path / "executed.ipynb"
    _run([python, "-c", RUNNER, str(alone / name), str(alone), str(out)],
         f"running {name} alone", env=env, cwd=alone, timeout=900)

    notebook = nbformat.read(out, as_version=4)
    problems = [f"cell {i}: {o.get('name') or o['output_type']}: "
                f"{(o.get('text') or json.dumps(o.get('evalue')))[:300]}"
                for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
                for o in cell.outputs if o["output_type"] == "error" or o.get("name") == "stderr"]
    assert not problems, f"{name} alone in a bare Jupyter: " + "; ".join(problems)
    first = next(cell for cell in notebook.cells if cell.cell_type == "code")
    shown = "".join(o.get("text", "") for o in first.outputs)
    needs_keras = course_cells.extras_for(ROOT / "notebooks" / name) == ["widgets", "keras"]
    if name == BARE_NOTEBOOKS[0] or (needs_keras and before != "True"):
        assert "Installing rnnkit" in shown and "rnnkit is installed" in shown, shown
    where = _run([python, "-c", "import rnnkit; print(rnnkit.__file__)"], "import rnnkit",
                 env=env, cwd=home).stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), \
        f"rnnkit was installed at {where}, not into the notebook's environment"
