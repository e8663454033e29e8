"""tools/slides.py: a notebook becomes one self-contained reveal.js deck.

Renders into a temporary folder (never slides/), from the smallest course
notebook and from a small notebook made here, and checks the HTML: one
<section> per slide, reveal.js written into the page, nothing to fetch from
the network, widgets shown as their picture, solutions and notes handled.
The first run fetches reveal.js and MathJax with `npm pack` into build/vendor/.
"""

import base64
import importlib.util
import io
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

spec = importlib.util.spec_from_file_location("course_slides", ROOT / "tools" / "slides.py")
slides = importlib.util.module_from_spec(spec)
spec.loader.exec_module(slides)

# Anything the page would load: src/href of resource elements, CSS url() and @import, JS imports.
REMOTE_LOAD = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
    r"|url\(\s*[\"']?(?:https?:)?//"
    r"|@import\s+(?:url\()?[\"']?(?:https?:)?//"
    r"|\bimport\s[^;\n]*from\s*[\"'](?:https?:)?//"
    r"|require\(\s*\[[^\]]*[\"'](?:https?:)?//",
    re.IGNORECASE)


@pytest.fixture(scope="module")
def vendor():
    """reveal.js and MathJax, from build/vendor or fetched now; a skip where neither can be had."""
    try:
        slides.vendored("reveal.js")
        slides.vendored("mathjax")
    except slides.SlidesError as error:
        if shutil.which("npm") is None:
            pytest.skip(f"{error}")
        raise


def _png():
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    figure = Figure(figsize=(1, 1), dpi=20)
    figure.add_subplot().plot([0, 1], [1, 0])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


def small_notebook():
    png = _png()
    widget_view = {"version_major": 2, "version_minor": 0, "model_id": "abc123"}
    cells = [
        new_markdown_cell("# Title slide\n\nThe cell $h_t = \\tanh(x_t W_{xh})$.",
                          metadata={"slideshow": {"slide_type": "slide"}}),
        new_markdown_cell('<details class="notes"><summary>For the instructor</summary>\n\n'
                          "Speaker notes: say this aloud.\n\n</details>",
                          metadata={"slideshow": {"slide_type": "notes"}}),
        new_code_cell("import numpy  # setup", metadata={"slideshow": {"slide_type": "skip"}}),
        new_markdown_cell("## Second slide", metadata={"slideshow": {"slide_type": "slide"}}),
        new_code_cell("# NBVAL_IGNORE_OUTPUT: a live widget cannot be compared\nwidget()",
                      metadata={"slideshow": {"slide_type": "fragment"}}, execution_count=1,
                      outputs=[new_output("display_data", data={
                          "application/vnd.jupyter.widget-view+json": widget_view,
                          "image/png": png, "text/plain": "FigureWidget(controls=['t'])"})]),
        new_code_cell("slider()", metadata={"slideshow": {"slide_type": "subslide"}},
                      execution_count=2,
                      outputs=[new_output("display_data", data={
                          "application/vnd.jupyter.widget-view+json":
                              dict(widget_view, model_id="def456"),
                          "text/plain": "IntSlider(value=1)"})]),
        new_code_cell("answer = 42  # the solution", execution_count=3,
                      metadata={"slideshow": {"slide_type": "fragment"}, "tags": ["solution"]}),
    ]
    notebook = new_notebook(cells=cells)
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "version_major": 2, "version_minor": 0, "state": {"abc123": {}, "def456": {}}}}
    return notebook


def test_small_notebook_becomes_a_self_contained_deck(vendor, tmp_path):
    path = tmp_path / "small.ipynb"
    nbformat.write(small_notebook(), path)
    deck, sections = slides.render(path, tmp_path / "out")
    html = deck.read_text()
    assert deck.name == "small.slides.html"
    # two slides, the second with a subslide: 2 outer + 3 inner <section> elements
    assert sections == 5 and html.count("</section>") == 5
    assert "Reveal.initialize(" in html and "RevealNotes" in html
    assert f"reveal.js {slides.VENDOR['reveal.js'][0]}" in html, \
        "reveal.js is not written into the page"
    assert "unpkg.com" not in html and "cdnjs" not in html, \
        "nbconvert's CDN defaults reached the deck"
    assert "window.MathJax" in html, "the notebook has mathematics but the deck has no MathJax"
    remote = REMOTE_LOAD.findall(html)
    assert not remote, f"the deck loads from the network: {remote[:5]}"
    # the widget shows its PNG fallback, not an empty widget box, and no widget loader is added
    assert f"data:image/png;base64,{small_notebook().cells[4].outputs[0].data['image/png']}" in html
    assert "application/vnd.jupyter.widget-view+json" not in html and "embed-amd" not in html
    assert "FigureWidget(controls" not in html
    assert slides.WIDGET_NOTE in html, "a widget without a picture should say how to use it"
    assert '<aside class="notes">' in html and "say this aloud" in html
    assert '<details class="notes" open' in html, "a deck shows the instructor's notes open"
    assert "the solution" not in html, "a solution cell reached the slides"
    assert "import numpy  # setup" not in html, "a skip cell reached the slides"
    assert "NBVAL_IGNORE_OUTPUT" not in html, "nbval's marker line reached the slides"


def test_a_deck_without_mathematics_carries_no_mathjax(vendor, tmp_path):
    notebook = new_notebook(cells=[
        new_markdown_cell("# Plain", metadata={"slideshow": {"slide_type": "slide"}})])
    nbformat.write(notebook, tmp_path / "plain.ipynb")
    deck, _ = slides.render(tmp_path / "plain.ipynb", tmp_path)
    html = deck.read_text()
    assert "window.MathJax" not in html and len(html) < 1_500_000


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks yet")
def test_a_course_notebook_renders(vendor, tmp_path):
    smallest = min(NOTEBOOKS, key=lambda path: path.stat().st_size)
    assert slides.main([str(smallest), "--out", str(tmp_path)]) == 0
    html = (tmp_path / f"{smallest.stem}.slides.html").read_text()
    assert html.count("<section") >= 2, \
        f"{smallest.name} gave fewer than two slides: is its slide metadata set?"
    assert not REMOTE_LOAD.findall(html)
    assert "Error displaying widget" not in html


def test_vendored_files_match_their_pins(vendor):
    for package, (version, _integrity, files) in slides.VENDOR.items():
        folder = slides.vendored(package)
        assert folder.name == f"{package}-{version}"
        assert all((folder / name).is_file() for name in files)
