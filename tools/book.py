"""Build the course as a static website with Jupyter Book, from the saved notebooks.

    python tools/book.py                 # every notebook -> build/book/_build/html/index.html
    python tools/book.py notebooks/02_recurrence.ipynb --out /tmp/book   # a smaller book

Nothing is executed: each page shows the outputs saved in its notebook. The book's
settings are book/_config.yml and its home page book/intro.md; this tool copies them into a
staging folder (OUT/src) with, for each notebook, a copy made for a static page, and adds
what is computed:

- the table of contents: the notebooks in course order (their NN_ prefix), after the home page;
- the repository: pyproject.toml's [project.urls] Repository (the one place the address is
  written), which gives every notebook's page its Binder and Colab launch buttons and the
  GitHub button;
- MathJax: the pinned release that tools/slides.py fetches from the npm registry into
  build/vendor/ (`npm pack`, checked against its sha512), copied into the site, so that the
  pages load nothing from a CDN and the build needs no network once it is there.

A notebook's copy, as tools/slides.py makes it for a deck: a widget shows its PNG fallback
(or a note saying it is interactive), nbval's "# NBVAL_..." lines are dropped; and for a web
page: the install cell and the Colab badge are removed (the page has its own launch
buttons), a solution is collapsed behind a "Show code cell source" button, and the speaker
notes behind a "Notes for the instructor" one.

Then `jupyter-book build` (Sphinx, myst-nb, sphinx-book-theme; versions pinned in
requirements.txt) writes the site to OUT/_build/html: navigation in course order, full-text
search (Sphinx's, in the browser), figures, and mathematics rendered by MathJax in the browser.
Publish that folder as it is (README: "The course as a website").
"""

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from course_cells import BADGE_TAG, BRANCH, INSTALL_TAG, repository_url  # noqa: E402
from slides import SlidesError, prepare, vendored  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
OUT = ROOT / "build" / "book"
MATHJAX = "es5/tex-svg-full.js"


class BookError(RuntimeError):
    pass


def notebooks():
    """Every notebooks/NN_name.ipynb, in course order."""
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def add_tag(cell, tag):
    tags = cell.metadata.setdefault("tags", [])
    if tag not in tags:
        tags.append(tag)


def page_notebook(notebook):
    """A copy of the notebook made for a static web page."""
    notebook = prepare(notebook)     # widgets as pictures, no nbval markers (tools/slides.py)
    for cell in notebook.cells:
        tags = cell.metadata.get("tags", [])
        if INSTALL_TAG in tags or BADGE_TAG in tags:
            add_tag(cell, "remove-cell")
        elif "solution" in tags:
            add_tag(cell, "hide-input")
        elif (cell.cell_type == "markdown"
              and cell.metadata.get("slideshow", {}).get("slide_type") == "notes"
              and not cell.source.lstrip().startswith("<details")):   # not folded already
            cell.source = f":::{{admonition}} Notes for the instructor\n:class: dropdown\n\n" \
                          f"{cell.source}\n:::"
    return notebook


def config(url):
    """book/_config.yml with the repository added."""
    settings = yaml.safe_load((BOOK / "_config.yml").read_text())
    settings["repository"] = {"url": url, "branch": BRANCH, "path_to_book": ""}
    return settings


def table_of_contents(paths):
    return {"format": "jb-book", "root": "intro",
            "chapters": [{"file": f"notebooks/{path.stem}"} for path in paths]}


def stage(paths, src):
    """Write the book's sources into src (emptied first)."""
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(BOOK, src)
    (src / "_config.yml").write_text(yaml.safe_dump(config(repository_url()), sort_keys=False))
    (src / "_toc.yml").write_text(yaml.safe_dump(table_of_contents(paths), sort_keys=False))
    mathjax = src / "_vendor" / "mathjax" / Path(MATHJAX).name   # not _static: Jupyter Book
    # would load every .js there on every page, MathJax a second time
    mathjax.parent.mkdir(parents=True)
    try:
        shutil.copy2(vendored("mathjax") / MATHJAX, mathjax)
    except SlidesError as error:
        raise BookError(str(error)) from error
    (src / "notebooks").mkdir()
    for path in paths:
        notebook = page_notebook(nbformat.read(path, as_version=4))
        nbformat.write(notebook, src / "notebooks" / path.name)


def build(paths=None, out=OUT):
    """Stage and build the book of these notebooks (default: all); return its index.html."""
    paths = [Path(p) for p in (paths or notebooks())]
    if not paths:
        raise BookError("no notebooks to put in the book")
    out = Path(out)
    src = out / "src"
    stage(paths, src)
    html = out / "_build" / "html"
    if html.exists():
        shutil.rmtree(html)
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    done = subprocess.run([str(jupyter_book), "build", str(src), "--path-output", str(out),
                           "--builder", "html"], capture_output=True, text=True)
    index = html / "index.html"
    if done.returncode != 0 or not index.exists():
        raise BookError(f"jupyter-book build failed (exit {done.returncode}):\n"
                        f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    warnings = [line for line in (done.stdout + done.stderr).splitlines()
                if re.search(r"WARNING|ERROR", line)]
    return index, warnings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="default: every notebooks/NN_*.ipynb")
    parser.add_argument("--out", default=str(OUT), help="output folder (default: build/book)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        index, warnings = build(args.notebooks, args.out)
    except BookError as error:
        print(f"book: {error}", file=sys.stderr)
        return 1
    for line in warnings:
        print(line)
    pages = len(list(index.parent.glob("notebooks/*.html")))
    print(f"{index}: {pages} notebook pages, {len(warnings)} warning(s), "
          f"{time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
