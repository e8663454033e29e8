"""Render the notebooks to self-contained reveal.js slide decks (one .html file each).

    python tools/slides.py                      # every notebooks/*.ipynb -> slides/NAME.slides.html
    python tools/slides.py notebooks/02_recurrence.ipynb --out /tmp/deck

The decks are made from the saved notebooks (their outputs as committed; nothing
is executed) by nbconvert's slides exporter with the course's template
(tools/slides_template/course_reveal). The template writes everything a deck
needs into the page: reveal.js, its theme and fonts, the notebook styles,
figures (as data: URIs) and, where a notebook has mathematics, MathJax (SVG
output, so it needs no font files). A deck opens from the file system, offline,
and can be mailed or put on a USB stick; nothing is loaded from a CDN.

reveal.js and MathJax are not committed. The first run fetches the pinned
releases from the npm registry (`npm pack`, checked against the registry's
sha512 integrity below) into build/vendor/ (git-ignored) and later runs reuse
them. Set RNN_COURSE_VENDOR_DIR to use another folder, e.g. one filled on a
machine with network access.

Slide structure comes from each cell's slideshow metadata (slide, subslide,
fragment, skip, notes = speaker notes, press S in the deck; a notes cell's folded
"For the instructor" block is shown open). Cells tagged
"solution" are always left out: a deck never shows an exercise's answer; nbval's
"# NBVAL_..." marker lines are dropped from the code shown.
Widgets cannot run in a static page: a widget output shows its PNG fallback
(rnnkit.course.widgets.FigureWidget puts one in its mime bundle) and a widget with no
picture shows a short note instead of an empty box.
"""

import argparse
import base64
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import nbconvert
import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "slides_template"
TEMPLATE = "course_reveal"

# Pinned npm releases: version, the registry's integrity (sha512 of the tarball),
# and the files the decks use. reveal.js 4.x is the series nbconvert's reveal
# template is written for; MathJax 3.2.2 is the one JupyterLab 4 uses.
VENDOR = {
    "reveal.js": ("4.6.1",
                  "sha512-1CW0auaXNPmwmvQ7TwpszwVxMi2Xr5cTS3J3EBC/HHgbPF32Dn7aiu/LKWDOGjMbaDwKQiGmfqcoGQ74HUHCMw==",
                  ["LICENSE", "dist/reveal.js", "dist/reveal.css", "dist/theme/white.css",
                   "plugin/notes/notes.js", "dist/theme/fonts/source-sans-pro/LICENSE",
                   "dist/theme/fonts/source-sans-pro/source-sans-pro-regular.woff",
                   "dist/theme/fonts/source-sans-pro/source-sans-pro-italic.woff",
                   "dist/theme/fonts/source-sans-pro/source-sans-pro-semibold.woff",
                   "dist/theme/fonts/source-sans-pro/source-sans-pro-semibolditalic.woff"]),
    "mathjax": ("3.2.2",
                "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
                ["LICENSE", "es5/tex-svg-full.js"]),
}
FONTS = [("regular", "normal", "normal"), ("italic", "normal", "italic"),
         ("semibold", "600", "normal"), ("semibolditalic", "600", "italic")]

# nbconvert's HTML priority without the live widget view: a static page has no
# kernel, so the picture a widget carries is the best it can show.
DISPLAY_PRIORITY = ["application/javascript", "text/html", "text/markdown", "image/svg+xml",
                    "text/vnd.mermaid", "text/latex", "image/png", "image/jpeg", "text/plain"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = "(an interactive widget: open the notebook in JupyterLab to use it)"
MATH = re.compile(r"\$\$|(?<![\\$])\$[^$\n]+\$|\\\(|\\\[|\\begin\{")


class SlidesError(RuntimeError):
    pass


def vendor_dir():
    return Path(os.environ.get("RNN_COURSE_VENDOR_DIR") or ROOT / "build" / "vendor")


def _integrity(path):
    return "sha512-" + base64.b64encode(hashlib.sha512(Path(path).read_bytes()).digest()).decode()


def vendored(package):
    """The folder holding the pinned files of an npm package, fetched with `npm pack` on
    first use.
    """
    version, integrity, files = VENDOR[package]
    target = vendor_dir() / f"{package}-{version}"
    if all((target / name).is_file() for name in files):
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise SlidesError(f"{package} {version} is not in {target} and npm is not installed "
                          f"to fetch it: install Node.js and npm (apt-get install npm), "
                          f"or copy the files there")
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", f"{package}@{version}", "--json",
                               "--pack-destination", tmp],
                              capture_output=True, text=True, cwd=tmp)
        if done.returncode != 0:
            raise SlidesError(f"npm pack {package}@{version} failed:\n{done.stderr[-2000:]}")
        tarball = Path(tmp) / json.loads(done.stdout)[0]["filename"]
        if _integrity(tarball) != integrity:
            raise SlidesError(f"{tarball.name}: sha512 does not match the pinned integrity; "
                              f"not using it")
        staging = Path(tmp) / "package"
        with tarfile.open(tarball) as archive:
            members = [archive.getmember(f"package/{name}") for name in files]
            archive.extractall(tmp, members=members, filter="data")
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, target)
    return target


def _script(text):
    """JavaScript that is safe inside an inline <script> element."""
    return text.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def vendor_resources(with_math):
    """The texts the template writes into the page."""
    reveal = vendored("reveal.js")
    fonts = reveal / "dist/theme/fonts/source-sans-pro"
    faces = "".join(
        "@font-face { font-family: 'Source Sans Pro'; font-weight: %s; font-style: %s; "
        "src: url(data:font/woff;base64,%s) format('woff'); }\n"
        % (weight, style,
           base64.b64encode((fonts / f"source-sans-pro-{name}.woff").read_bytes()).decode())
        for name, weight, style in FONTS)
    theme = re.sub(r"@import url\([^)]*\);\s*", "", (reveal / "dist/theme/white.css").read_text())
    resources = {
        "nbconvert_version": nbconvert.__version__,
        "reveal_version": VENDOR["reveal.js"][0],
        "reveal_css": (reveal / "dist/reveal.css").read_text(),
        "theme_css": faces + theme,
        "reveal_js": _script((reveal / "dist/reveal.js").read_text()),
        "notes_js": _script((reveal / "plugin/notes/notes.js").read_text()),
        "mathjax_js": "",
    }
    if with_math:
        resources["mathjax_js"] = _script((vendored("mathjax") / "es5/tex-svg-full.js").read_text())
    return resources


def has_math(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and MATH.search(cell.source):
            return True
        for output in cell.get("outputs", []):
            if "text/latex" in output.get("data", {}):
                return True
    return False


def prepare(notebook):
    """A copy of the notebook made for a static deck (solutions out, widgets as pictures)."""
    notebook = copy.deepcopy(notebook)
    notebook.metadata.pop("widgets", None)    # no widget state: nbconvert adds no widget loader
    for cell in notebook.cells:
        if "solution" in cell.metadata.get("tags", []):
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "skip"
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":   # open in a deck
            cell.source = cell.source.replace('<details class="notes">',
                                              '<details class="notes" open>')
        if cell.cell_type == "code":   # nbval's markers are for the tests, not the audience
            cell.source = "\n".join(line for line in cell.source.splitlines()
                                    if not line.lstrip().startswith(("# NBVAL_", "#NBVAL_")))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if not any(mime.startswith("image/") for mime in data):
                    data["text/plain"] = WIDGET_NOTE
    return notebook


def exporter():
    config = Config()
    config.NbConvertBase.display_data_priority = DISPLAY_PRIORITY
    return SlidesExporter(config=config, template_name=TEMPLATE,
                          extra_template_basedirs=[str(TEMPLATES)])


def render(path, out_dir):
    """Write out_dir/NAME.slides.html for the notebook at path; return (deck path, number of
    slides).
    """
    path = Path(path)
    notebook = prepare(nbformat.read(path, as_version=4))
    resources = {"metadata": {"name": path.stem, "path": str(path.parent)},
                 "course_slides": vendor_resources(has_math(notebook))}
    html, _ = exporter().from_notebook_node(notebook, resources=resources)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    deck = out_dir / f"{path.stem}.slides.html"
    deck.write_text(html, encoding="utf-8")
    return deck, html.count("<section")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="default: every notebooks/*.ipynb")
    parser.add_argument("--out", default=str(ROOT / "slides"),
                        help="output folder (default: slides/)")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not paths:
        print("no notebooks to render", file=sys.stderr)
        return 1
    try:
        for path in paths:
            start = time.perf_counter()
            deck, sections = render(path, args.out)
            print(f"{deck}: {sections} sections, {deck.stat().st_size / 1e6:.1f} MB, "
                  f"{time.perf_counter() - start:.1f} s")
    except SlidesError as error:
        print(f"slides: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
