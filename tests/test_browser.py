"""The course in a real browser: JupyterLab in Debian's Chromium, driven by Playwright.

JupyterLab starts on 127.0.0.1 (a free port, a random token) in a temporary
copy of the course (tests/course_copy.py), with its own settings, workspaces
and runtime folders. For every notebook the test opens it, clears its outputs,
runs it with the menu (Run > Run All Cells) and waits for the kernel; then it
asserts there is no error and no stderr output on the page, that every widget
the saved notebook shows is rendered (no "Error displaying widget"), and saves
a screenshot to artifacts/screenshots/NAME.png. In 02_recurrence it presses
ArrowRight on the step-through widget's slider and checks that the picture
changes. It opens one notebook as a RISE slideshow (/rise/...), and opens one
static deck from tools/slides.py from the file system with the network cut off.

Needs Chromium at /usr/bin/chromium (`apt-get install chromium`) and the
Python package playwright (in requirements.txt); never `playwright install`.
Without them the tests are skipped with a message saying so.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from course_copy import copy_course

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [path.stem for path in NOTEBOOKS]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("RNN_COURSE_CHROMIUM", "/usr/bin/chromium")
# As root, in a sandbox with a closed network: no sandbox, no GPU, no background traffic.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RUN_TIMEOUT_S = 240          # one notebook, all cells (the TensorFlow ones take about 30 s)
LOAD_TIMEOUT_S = 90
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'

# JupyterLab settings for the test: every cell in the DOM (no virtual scrolling),
# no news or update checks (the network is closed).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}

# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: .venv/bin/pip install -r requirements.txt "
                    "(never `playwright install`: the tests use Debian's Chromium)")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` "
                    "(or set RNN_COURSE_CHROMIUM to a Chromium binary)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of the course: {url, token, course, log}."""
    base = tmp_path_factory.mktemp("lab")
    course = copy_course(base / "course")
    settings = base / "settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(24)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", TF_ENABLE_ONEDNN_OPTS="0",
               JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(base / "runtime"),
               JUPYTER_CONFIG_DIR=str(base / "config"))
    env.pop("MPLBACKEND", None)   # the kernels draw inline
    log = open(base / "jupyter.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}",
         "--ServerApp.open_browser=False", f"--ServerApp.root_dir={course}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.extension_manager=readonly",
         *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])],
        cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("JupyterLab did not start:\n"
                            f"{(base / 'jupyter.log').read_text()[-3000:]}")
            time.sleep(0.5)
    yield {"url": url, "token": token, "course": course, "log": base / "jupyter.log"}
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def _api(lab, method, path):
    request = urllib.request.Request(f"{lab['url']}{path}", method=method,
                                     headers={"Authorization": f"token {lab['token']}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def _shut_down_kernels(lab):
    for session in _api(lab, "GET", "/api/sessions"):
        _api(lab, "DELETE", f"/api/sessions/{session['id']}")


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(LOAD_TIMEOUT_S * 1000)
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    yield page
    context.close()
    _shut_down_kernels(lab)


# ------------------------------------------------------------------ helpers

# The notebook's panel, found by its path (not "the current widget").
PANEL = """(path) => [...window.jupyterapp.shell.widgets('main')]
                      .find(widget => widget.context && widget.context.path === path)"""

KERNEL_IDLE = """(path) => {
  if (!window.jupyterapp) return false;
  const panel = (%s)(path);
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!(kernel && kernel.status === 'idle' && panel.content.widgets.length);
}""" % PANEL

# Done when the kernel is idle and every code cell with source has a count, or
# when an error stopped Run All (the assertions then say which).
RUN_FINISHED = """([path, stderr]) => {
  const panel = (%s)(path);
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const cells = panel.content.widgets.map(cell => cell.model)
      .filter(model => model.type === 'code' && model.sharedModel.getSource().trim());
  if (cells.every(model => model.executionCount !== null)) return true;
  return panel.node.querySelector(stderr) !== null &&
      cells.some(model => model.executionCount !== null);
}""" % PANEL


def open_notebook(page, lab, name):
    """Open notebooks/name in a new, empty workspace; wait for its kernel."""
    workspace = f"test-{secrets.token_hex(4)}"
    page.goto(f"{lab['url']}/lab/workspaces/{workspace}/tree/notebooks/{name}"
              f"?reset&token={lab['token']}")
    # JupyterLab shows a dialog when it cannot open the file (e.g. Jupytext refuses an
    # .ipynb that is newer than its paired .py and differs from it): fail with its text.
    try:
        page.wait_for_function("(path) => !!document.querySelector('.jp-Dialog')"
                               f" || ({KERNEL_IDLE})(path)",
                               arg=f"notebooks/{name}", timeout=LOAD_TIMEOUT_S * 1000)
    except Exception:
        screenshot(page, f"{Path(name).stem}_failed")
        raise
    dialog = page.locator(".jp-Dialog")
    if dialog.count():
        screenshot(page, f"{Path(name).stem}_failed")
        pytest.fail(f"JupyterLab could not open {name}: {dialog.first.inner_text()[:1500]}")
    page.notebook = f"notebooks/{name}"


def menu(page, top, item):
    """Click a menu-bar item and then an entry of its menu, as a student would."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).click()
    page.locator(".lm-Menu-content .lm-Menu-itemLabel",
                 has_text=re.compile(f"^{re.escape(item)}$")).first.click()


def run_all(page):
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        "() => !document.querySelector('.jp-NotebookPanel .jp-OutputArea-output')")
    start = time.perf_counter()
    menu(page, "Run", "Run All Cells")
    page.wait_for_timeout(500)
    page.wait_for_function(RUN_FINISHED, arg=[page.notebook, STDERR],
                           timeout=RUN_TIMEOUT_S * 1000, polling=250)
    return time.perf_counter() - start


def saved_widget_cells(path):
    """Indices of the cells whose saved outputs hold a widget."""
    notebook = nbformat.read(path, as_version=4)
    return [index for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            and any(WIDGET_VIEW in output.get("data", {})
                    for output in cell.get("outputs", []))]


def first_figure_cell(path):
    """The index of the first code cell with a picture in its saved outputs, or None."""
    notebook = nbformat.read(path, as_version=4)
    return next((index for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
                 and any("image/png" in output.get("data", {})
                         for output in cell.get("outputs", []))), None)


def cell(page, index):
    cells = page.locator(".jp-NotebookPanel:visible .jp-Notebook-cell")
    return cells.nth(index)


def wait_for_widgets(page, indices):
    """Every widget output of those cells rendered, with its picture where it has one."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    for index in indices:
        box = cell(page, index).locator(".jp-OutputArea-output .jupyter-widgets").first
        try:
            box.wait_for(state="attached", timeout=30_000)
        except PlaywrightTimeout:
            shown = cell(page, index).locator(".jp-OutputArea").inner_text()[:300]
            pytest.fail(f"cell {index}: no widget rendered within 30 s; the output shows {shown!r} "
                        "(is the @jupyter-widgets/jupyterlab-manager extension installed?)")
    page.wait_for_function("""() => ![...document.querySelectorAll(
                                       '.jp-NotebookPanel .jupyter-widgets img')]
                                   .some(img => !img.complete)""", timeout=30_000)


def screenshot(page, name, indices=()):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if indices:
        cell(page, indices[0]).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def page_problems(page):
    """Error/stderr outputs, tracebacks and failed widgets on the page."""
    problems = list(page.problems)
    for node in page.locator(f".jp-NotebookPanel:visible .jp-OutputArea-output{STDERR}").all():
        problems.append(f"stderr/error output: {node.inner_text()[:300]!r}")
    text = page.locator(".jp-NotebookPanel:visible").inner_text()
    for marker in ("Traceback (most recent call last)", "Error displaying widget",
                   "Error rendering output"):
        if marker in text:
            problems.append(f"the page shows '{marker}'")
    return problems


# ------------------------------------------------------------------ the tests


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_in_jupyterlab(path, page, lab):
    path = lab["course"] / "notebooks" / path.name   # the copy JupyterLab serves
    open_notebook(page, lab, path.name)
    expected = len(nbformat.read(path, as_version=4).cells)
    shown = page.locator(".jp-NotebookPanel:visible .jp-Notebook-cell").count()
    assert shown == expected, f"JupyterLab shows {shown} cells of {expected}"
    seconds = run_all(page)
    widgets = saved_widget_cells(path)
    problems = page_problems(page)
    if not problems:
        wait_for_widgets(page, widgets)
    figure = first_figure_cell(path)
    screenshot(page, path.stem, widgets or ([figure] if figure is not None else []))
    problems += page_problems(page)
    assert not problems, \
        f"{path.name} in JupyterLab ({seconds:.0f} s): " + "; ".join(dict.fromkeys(problems))
    for index in widgets:
        images = cell(page, index).locator(".jupyter-widgets img")
        if images.count():
            assert images.first.get_attribute("src"), \
                f"{path.name} cell {index}: the widget's picture is empty"
    print(f"{path.stem}: ran in {seconds:.1f} s in the browser, {len(widgets)} widget(s)")


def _step_through_cell(path):
    notebook = nbformat.read(path, as_version=4)
    for index in saved_widget_cells(path):
        if "step_through" in notebook.cells[index].source:
            return index
    pytest.fail(f"{path.name} has no step-through widget cell (a cell calling *step_through*)")


@pytest.mark.skipif(not (ROOT / "notebooks" / "02_recurrence.ipynb").exists(),
                    reason="no 02_recurrence yet")
def test_moving_the_slider_changes_the_picture(page, lab):
    path = lab["course"] / "notebooks" / "02_recurrence.ipynb"   # the copy JupyterLab serves
    index = _step_through_cell(path)
    open_notebook(page, lab, path.name)
    run_all(page)
    widget = cell(page, index)
    wait_for_widgets(page, [index])
    image = widget.locator(".jupyter-widgets img").first
    before = image.get_attribute("src")
    readout = widget.locator(".widget-readout").first
    value_before = readout.inner_text() if readout.count() else None
    handle = widget.locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.click()            # focuses the handle, as a student's click would
    handle.press("ArrowRight")
    page.wait_for_function("([img, old]) => img.getAttribute('src') !== old",
                           arg=[image.element_handle(), before], timeout=15_000)
    if value_before is not None:
        assert readout.inner_text() != value_before, "the slider's value did not change"
    screenshot(page, "02_recurrence_slider_moved", [index])
    assert not page_problems(page)


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks yet")
def test_rise_slideshow_opens(page, lab):
    import importlib.util
    assert importlib.util.find_spec("jupyterlab_rise"), \
        "jupyterlab-rise is not installed: it is pinned in requirements.txt (make test installs it)"
    path = NOTEBOOKS[0]
    page.goto(f"{lab['url']}/rise/notebooks/{path.name}?token={lab['token']}")
    page.wait_for_selector(".reveal .slides section", state="visible")
    page.wait_for_timeout(1000)
    sections = page.locator(".reveal .slides section").count()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{path.stem}_rise.png"))
    assert sections >= 2, f"the RISE slideshow of {path.name} has {sections} slide(s)"
    assert not [problem for problem in page.problems if "Error" in problem], page.problems
    # readable from the back of a room: notebooks/rise.css, which RISE loads beside the notebook
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector("
                         "'.reveal .slides section .jp-RenderedHTMLCommon p')).fontSize)")
    assert size >= 24, f"RISE body text is {size} px on a 1400 x 1000 screen; want 24 or more"
    # the instructor's notes reach the speaker view, whole
    note = first_note(path)
    notes = page.locator(".reveal aside.notes")
    assert notes.count() >= 3, f"RISE found {notes.count()} speaker notes in {path.name}"
    assert note in " ".join(notes.first.text_content().split()), \
        "the speaker view should get the whole first note"


def first_note(path):
    """A few words from inside the first instructor's note of a notebook (not its first line)."""
    notebook = nbformat.read(path, as_version=4)
    source = next(cell.source for cell in notebook.cells
                  if cell.metadata.get("slideshow", {}).get("slide_type") == "notes")
    body = " ".join(source.split("</summary>", 1)[1].replace("</details>", "").split())
    return " ".join(body.split()[12:20])


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks yet")
def test_instructor_notes_are_folded_in_jupyterlab(page, lab):
    """A student sees "For the instructor", folded; the note's text shows only when opened."""
    path = NOTEBOOKS[0]
    open_notebook(page, lab, path.name)
    note = first_note(path)
    summary = page.locator("details.notes summary").first
    summary.wait_for()
    assert summary.inner_text().strip() == "For the instructor"
    assert note not in " ".join(page.locator(".jp-NotebookPanel").inner_text().split()), \
        "an instructor's note is open in JupyterLab"
    summary.click()
    assert note in " ".join(page.locator(".jp-NotebookPanel").inner_text().split())
    screenshot(page, f"{path.stem}_notes_opened", [])


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks yet")
def test_static_deck_opens_offline(browser, tmp_path):
    """A deck from tools/slides.py opens from the file system with every network request refused."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("course_slides", ROOT / "tools" / "slides.py")
    slides = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(slides)
    try:
        deck, _ = slides.render(NOTEBOOKS[0], tmp_path)
    except slides.SlidesError as error:
        pytest.skip(str(error))
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    remote, errors = [], []
    page.route(re.compile(r"^(?!file:|data:|blob:).*"),
               lambda route: (remote.append(route.request.url), route.abort()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(deck.as_uri())
    page.wait_for_selector(".reveal.ready", timeout=30_000)
    total = page.evaluate("Reveal.getTotalSlides()")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{NOTEBOOKS[0].stem}_deck.png"))
    context.close()
    assert total >= 2 and not remote and not errors, (total, remote, errors)
