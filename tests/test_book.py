"""The course as a website (tools/book.py, `make book`), built and opened in a real browser.

The whole book is built into a temporary folder (about 20 s here; at most 3 minutes) and
served on 127.0.0.1 as a static site, as GitHub Pages serves it; two notebook pages are
opened in Debian's Chromium (Playwright, as tests/test_browser.py does it) with every other
network request refused, so the site is shown to load nothing from a CDN. On each page: the
mathematics is rendered by MathJax, the figures (and a widget's picture) are loaded images,
the Binder and Colab launch buttons open from the rocket icon and point at this notebook in
the repository of pyproject.toml, the navigation lists every notebook in course order, and
the install cell is not on the page. The search page finds a notebook. Screenshots go to
artifacts/screenshots/book_*.png.

Needs npm (for the pinned MathJax, fetched once into build/vendor/ as for the slide decks),
Chromium at /usr/bin/chromium and playwright; without them the tests are skipped with a
message saying so.
"""

import functools
import http.server
import importlib.util
import os
import re
import sys
import threading
import time
from pathlib import Path

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from course_cells import binder_url, colab_url, repository_slug, repository_url  # noqa: E402

import book as book_tool  # noqa: E402

BUILD_LIMIT_S = 180
# Two pages with mathematics, figures and (02) widgets; the first of each kind that exists.
PAGES = [name for name in ("02_recurrence", "09_forecast_co2")
         if (ROOT / "notebooks" / f"{name}.ipynb").exists()]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The built book: {index, seconds, warnings}."""
    if importlib.util.find_spec("jupyter_book") is None:
        pytest.skip("jupyter-book is not installed: it is pinned in requirements.txt "
                    "(make installs it)")
    start = time.perf_counter()
    try:
        index, warnings = book_tool.build(out=tmp_path_factory.mktemp("book"))
    except book_tool.BookError as error:
        if "npm" in str(error):
            pytest.skip(str(error))
        raise
    return {"index": index, "seconds": time.perf_counter() - start, "warnings": warnings}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    """The site on http://127.0.0.1:PORT/, as a static host serves it."""
    handler = functools.partial(_QuietHandler, directory=str(site["index"].parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: .venv/bin/pip install -r requirements.txt")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(chromium, server):
    """A page that refuses (and records) every request that is not to the site's server."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.remote, page.errors = [], []
    page.route(re.compile(rf"^(?!{re.escape(server)}/|data:|blob:|about:).*"),
               lambda route: (page.remote.append(route.request.url), route.abort()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def test_the_book_builds_in_time_without_warnings(site):
    assert site["seconds"] <= BUILD_LIMIT_S, \
        f"the book took {site['seconds']:.0f} s to build (at most {BUILD_LIMIT_S} s)"
    assert not site["warnings"], "jupyter-book warned:\n" + "\n".join(site["warnings"][:20])
    html = site["index"].parent
    built = sorted(path.stem for path in (html / "notebooks").glob("*.html"))
    assert built == [path.stem for path in book_tool.notebooks()]


@pytest.mark.parametrize("name", PAGES)
def test_a_notebook_page_renders(name, server, offline_page):
    page = offline_page
    page.goto(f"{server}/notebooks/{name}.html")
    # Mathematics: every formula typeset by the vendored MathJax (SVG), none left as TeX.
    page.wait_for_function("""() => {
        const math = document.querySelectorAll('article .math');
        return math.length > 0 && [...math].every(m => m.querySelector('mjx-container svg'));
    }""", timeout=60_000)
    # Figures (a widget shows its saved picture): loaded, with a size.
    images = page.locator("article .cell_output img")
    assert images.count() >= 1, f"{name}: no figure on the page"
    page.wait_for_function("""() => [...document.querySelectorAll('article .cell_output img')]
                               .every(img => img.complete && img.naturalWidth > 0)""")
    # Launch buttons: the rocket opens Binder and Colab, on this notebook of this repository.
    page.locator(".dropdown-launch-buttons button").click()
    slug = repository_slug(repository_url())
    notebook = f"{name}.ipynb"
    for label, expected in (("Binder", binder_url(slug, notebook).replace("/HEAD?", "/main?")),
                            ("Colab", colab_url(slug, notebook))):
        link = page.locator(".dropdown-launch-buttons a", has_text=label)
        link.wait_for(state="visible")
        assert link.get_attribute("href") == expected, (label, link.get_attribute("href"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"book_{name}.png"))
    # Navigation: every notebook, in course order; the install cell is not on the page.
    in_nav = page.evaluate("""() => [...document.querySelectorAll('nav.bd-docs-nav a')]
                               .map(a => new URL(a.href).pathname)""")
    order = [Path(path).stem for path in in_nav if "/notebooks/" in path]
    assert order == [path.stem for path in book_tool.notebooks()], order
    assert 'find_spec("rnnkit")' not in page.content()
    assert not page.errors, page.errors
    assert not page.remote, f"{name}: the page asked the network for {page.remote}"


def test_search_finds_a_notebook(server, offline_page):
    page = offline_page
    page.goto(f"{server}/search.html?q=backpropagation")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=30_000)
    assert any("notebooks/" in (link.get_attribute("href") or "")
               for link in results.all()), "the search for 'backpropagation' found no notebook"
    page.screenshot(path=str(SCREENSHOTS / "book_search.png"))
    assert not page.errors and not page.remote, (page.errors, page.remote)
