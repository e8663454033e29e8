"""The course's own cells and links, written from one address: the repository's URL.

    python tools/course_cells.py            # update every notebooks/NN_*.{py,ipynb} and README.md
    python tools/course_cells.py --check    # change nothing; list what is not current (exit 1)
    python tools/course_cells.py notebooks/02_recurrence.py   # only these notebooks (no README)

The address is written once, in pyproject.toml ([project.urls] Repository, a placeholder
https://github.com/OWNER/REPO until the course is published). From it this tool writes:

- in every notebook, right under its header cell, an "Open in Colab" badge (a markdown cell
  of its own, tagged `colab-badge`, skipped in the slideshows: a deck loads nothing from the
  network);
- in every notebook, its first code cell (tagged `install-rnnkit`, skipped in the
  slideshows): where `rnnkit` cannot be imported (Colab, a Jupyter without the course, a
  notebook downloaded alone) it installs the course's package quietly with pip, from the
  repository, with the extras that notebook needs (`widgets`, and `keras` for the notebooks
  that import TensorFlow); in the course's folder it does nothing and prints nothing. The
  environment variable RNN_COURSE_SOURCE replaces the repository as the source (a pip URL:
  `file:///path/to/a/checkout` installs from a local copy; tests/test_packaging.py uses it);
- in README.md, the Binder and Colab links, the JupyterHub (nbgitpuller) link, the `pip
  install` line, and a Colab badge in each row of the notebook table.

Notebooks are changed without being executed (the install cell prints nothing in the
repository, so its saved output is empty): the .ipynb is edited as JSON, the new cell gets
the first execution count and the later ones move up by one, as a run would number them,
and the .py is written from it with jupytext, as tools/run_notebook.py does. A notebook
whose .py does not agree with its .ipynb (someone is editing it) is left alone and listed.
Running the tool twice changes nothing the second time.
"""

import argparse
import re
import sys
import tomllib
from pathlib import Path

import jupytext
import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import uses_tensorflow  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
BRANCH = "main"                  # the branch Colab opens the notebooks from
INSTALL_TAG = "install-rnnkit"
BADGE_TAG = "colab-badge"
SOURCE_VARIABLE = "RNN_COURSE_SOURCE"
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
SLUG = r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"


class CourseCellsError(RuntimeError):
    pass


# ------------------------------------------------------------------ the address


def repository_url(pyproject=ROOT / "pyproject.toml"):
    """The repository's URL, from pyproject.toml's [project.urls] Repository."""
    with open(pyproject, "rb") as file:
        url = tomllib.load(file)["project"]["urls"]["Repository"]
    repository_slug(url)   # checks that it is a GitHub repository
    return url.rstrip("/")


def repository_slug(url):
    """'OWNER/REPO' of https://github.com/OWNER/REPO (Binder and Colab need a GitHub address)."""
    match = re.fullmatch(rf"https://github\.com/({SLUG}?)(?:\.git)?/?", url)
    if not match:
        raise CourseCellsError(f"pyproject.toml's Repository URL must be https://github.com/OWNER/"
                               f"REPO (Binder and Colab open GitHub repositories); got {url!r}")
    return match[1]


def colab_url(slug, notebook):
    """Colab's address of notebooks/NAME.ipynb on the repository's main branch."""
    return f"https://colab.research.google.com/github/{slug}/blob/{BRANCH}/notebooks/{notebook}"


def binder_url(slug, notebook):
    """Binder's address that opens notebooks/NAME.ipynb in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{slug}/HEAD?urlpath=lab/tree/notebooks/{notebook}"


def pip_source(url):
    """The pip URL of the repository: git+https://github.com/OWNER/REPO."""
    return f"git+{url}"


# ------------------------------------------------------------------ the cells


def badge_markdown(slug, notebook):
    return f"[![Open In Colab]({COLAB_BADGE})]({colab_url(slug, notebook)})"


# The modules each extra of rnnkit brings: the install cell asks for an extra only where one
# of its modules is missing, so that Colab's own TensorFlow is never replaced.
EXTRA_MODULES = {"widgets": ("ipywidgets",), "keras": ("keras", "tensorflow")}


def install_source(url, extras):
    """The install cell's code for a notebook that needs rnnkit with these extras."""
    extra_of = {module: extra for extra in extras for module in EXTRA_MODULES[extra]}
    return f'''\
# rnnkit, the course's package, and what this notebook needs are already here when you run
# the course from its folder, and then this cell does nothing. On Colab, or in a Jupyter
# without the course, it installs what is missing of rnnkit ({", ".join(extras)}) from the
# course's repository first: about a minute.
import importlib.util

extra_of = {extra_of!r}
missing = [name for name in ("rnnkit", *extra_of) if importlib.util.find_spec(name) is None]
if missing:
    import os
    import site
    import subprocess
    import sys

    source = os.environ.get("{SOURCE_VARIABLE}", "{pip_source(url)}")
    extras = ",".join(sorted({{extra_of[name] for name in missing if name in extra_of}}))
    requirement = f"rnnkit[{{extras}}]" if extras else "rnnkit"
    print(f"Installing {{requirement}} from {{source}} ...")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", f"{{requirement}} @ {{source}}"],
        capture_output=True, text=True,
        env=dict(os.environ, PIP_ROOT_USER_ACTION="ignore", PIP_DISABLE_PIP_VERSION_CHECK="1"))
    if done.returncode != 0:
        raise RuntimeError(f"pip could not install rnnkit:\\n{{done.stderr[-3000:]}}")
    # Matplotlib builds its font cache once, here, instead of warning about it in the next cell.
    subprocess.run([sys.executable, "-c", "import matplotlib.pyplot"], capture_output=True)
    if site.ENABLE_USER_SITE:      # where pip puts packages when the environment is read-only
        site.addsitedir(site.getusersitepackages())
    importlib.invalidate_caches()
    print("Done: rnnkit is installed.")'''


def extras_for(path):
    """The extras of rnnkit a notebook needs: widgets always, keras where it imports TensorFlow."""
    return ["widgets", "keras"] if uses_tensorflow(path) else ["widgets"]


def _tagged(notebook, tag):
    return [i for i, cell in enumerate(notebook.cells) if tag in cell.metadata.get("tags", [])]


def update_cells(notebook, name, url, extras):
    """Put the current badge and install cell in the notebook (in place); True if it changed."""
    slug = repository_slug(url)
    changed = False

    badge = badge_markdown(slug, name)
    where = _tagged(notebook, BADGE_TAG)
    if where:
        cell = notebook.cells[where[0]]
        if cell.source != badge:
            cell.source, changed = badge, True
    else:
        cell = nbformat.v4.new_markdown_cell(badge, id="open-in-colab")
        cell.metadata = {"slideshow": {"slide_type": "skip"}, "tags": [BADGE_TAG]}
        notebook.cells.insert(1, cell)
        changed = True

    code = install_source(url, extras)
    where = _tagged(notebook, INSTALL_TAG)
    first_code = next(i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code")
    if where:
        index = where[0]
        cell = notebook.cells[index]
        if cell.source != code:
            cell.source, changed = code, True
        if index != first_code:
            notebook.cells.insert(first_code, notebook.cells.pop(index))
            changed = True
    else:
        cell = nbformat.v4.new_code_cell(code, id="install-rnnkit")
        cell.metadata = {"slideshow": {"slide_type": "skip"}, "tags": [INSTALL_TAG]}
        for other in notebook.cells:         # numbered as a run from the top would number them
            if other.cell_type == "code" and other.execution_count is not None:
                other.execution_count += 1
        cell.execution_count = 1
        notebook.cells.insert(first_code, cell)
        changed = True
    return changed


def update_notebook(script, url, check=False):
    """Bring notebooks/NAME.{py,ipynb} up to date. Returns 'current', 'updated', 'outdated'
    (check=True) or raises CourseCellsError when the pair disagrees."""
    script = Path(script).with_suffix(".py")
    target = script.with_suffix(".ipynb")
    notebook = nbformat.read(target, as_version=4)
    if script.read_text() != jupytext.writes(notebook, fmt="py:percent"):
        raise CourseCellsError(f"{script.name} does not agree with {target.name} (being edited?): "
                               f"rebuild it with tools/run_notebook.py first; left alone")
    if not update_cells(notebook, target.name, url, extras_for(target)):
        return "current"
    if check:
        return "outdated"
    nbformat.write(notebook, target)
    script.write_text(jupytext.writes(notebook, fmt="py:percent"))
    return "updated"


# ------------------------------------------------------------------ the README


README_TABLE_ROW = re.compile(r"^(\| \[(\d\d_\w+)\]\(notebooks/\2\.ipynb\))"
                              r"(?: \[!\[Open In Colab\]\([^)]*\)\]\([^)]*\))?( \|)", re.M)


def update_readme(text, url):
    """README.md's text with every course link on the repository's address."""
    slug = repository_slug(url)
    owner, repo = slug.split("/")
    text = re.sub(rf"(https://mybinder\.org/v2/gh/){SLUG}/", rf"\g<1>{slug}/", text)
    text = re.sub(rf"(https://colab\.research\.google\.com/github/){SLUG}/", rf"\g<1>{slug}/",
                  text)
    text = re.sub(r"git\+https://github\.com/" + SLUG + r"(?![\w/.-])", pip_source(url), text)
    # nbgitpuller's link: the repository, URL-encoded, and the folder it is cloned into
    text = re.sub(r"repo=https%3A%2F%2Fgithub\.com%2F[\w.-]+%2F[\w.-]+&",
                  f"repo=https%3A%2F%2Fgithub.com%2F{owner}%2F{repo}&", text)
    text = re.sub(r"urlpath=lab%2Ftree%2F[\w.-]+%2Fnotebooks", f"urlpath=lab%2Ftree%2F{repo}"
                  "%2Fnotebooks", text)
    return README_TABLE_ROW.sub(
        lambda m: f"{m[1]} [![Open In Colab]({COLAB_BADGE})]"
                  f"({colab_url(slug, m[2] + '.ipynb')}){m[3]}", text)


# ------------------------------------------------------------------ main


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*",
                        help="notebooks/NN_name.py (default: every notebook, and README.md)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if outdated")
    args = parser.parse_args(argv)
    url = repository_url()
    scripts = ([Path(p) for p in args.notebooks] if args.notebooks
               else sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py")))
    problems = 0
    for script in scripts:
        try:
            state = update_notebook(script, url, check=args.check)
        except CourseCellsError as error:
            state, problems = f"NOT CHANGED: {error}", problems + 1
        problems += state == "outdated"
        print(f"{script.with_suffix('.ipynb').name}: {state}")
    if not args.notebooks:
        text = README.read_text()
        new = update_readme(text, url)
        state = "current" if new == text else "outdated" if args.check else "updated"
        if state == "updated":
            README.write_text(new)
        problems += state == "outdated"
        print(f"README.md: {state}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
