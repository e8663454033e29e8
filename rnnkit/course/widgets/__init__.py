"""Interactive widgets for the notebooks (ipywidgets 8).

Every widget in the course is a ``FigureWidget``: a row of controls above a
matplotlib figure (shown as a PNG image) and an optional line of text. Moving
a control calls ``draw(fig, **values)``, which redraws the figure and may
return a short HTML string to show under it. Because the figure is rendered to
PNG bytes in the kernel, the widget works in JupyterLab, on Binder and in a
static HTML export (which shows the starting state), and the tests and the
benchmark can time ``update()`` without a browser.

Every widget draws the same way: a small figure class owns the figure's
artists, builds them once in ``__init__(fig, ...)`` and changes them in
``update(...)``; the widget's draw callback gets that object with
``figure = on_first_draw(make)`` (made on the first draw, reused after),
calls ``figure(fig).update(...)`` and returns the line of text.

ipywidgets and matplotlib are imported here, never by ``import rnnkit``.
"""

import base64
import io
import time

import ipywidgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import plots


class FigureWidget:
    """Controls + a figure, redrawn whenever a control changes.

    controls: dict name -> ipywidgets control (its ``value`` is passed to draw).
    draw: function(fig, **values) -> None or an HTML string; it draws on the
    matplotlib Figure ``fig`` (cleared before each call unless keep=True).
    figsize: the figure size in inches. keep: if True the figure is not
    cleared, so draw can update existing artists (faster).
    """

    def __init__(self, controls, draw, figsize=(8, 4.5), dpi=80, keep=False):
        plots.use_style()
        self.controls, self.draw, self.keep = dict(controls), draw, keep
        self.figure = matplotlib.figure.Figure(figsize=figsize, dpi=dpi)
        self.image = ipywidgets.Image(format="png")
        self.text = ipywidgets.HTML()
        self.seconds = []            # time of every redraw, for the benchmark
        for control in self.controls.values():
            control.observe(lambda change: self.redraw(), names="value")
        self.widget = ipywidgets.VBox([ipywidgets.HBox(list(self.controls.values())),
                                       self.image, self.text])
        self.redraw()

    @property
    def values(self):
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self):
        """Call draw with the current values and show the new figure."""
        start = time.perf_counter()
        if not self.keep:
            self.figure.clear()
        html = self.draw(self.figure, **self.values)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        self.image.value = buffer.getvalue()
        self.text.value = html or ""
        self.seconds.append(time.perf_counter() - start)

    def update(self, **values):
        """Set controls by name, as a student moving them would (for tests and benchmarks)."""
        for name, value in values.items():
            if name not in self.controls:
                raise ValueError(f"unknown control {name!r}; "
                                 f"this widget has {sorted(self.controls)}")
            self.controls[name].value = value

    def __repr__(self):
        return f"{type(self).__name__}(controls={sorted(self.controls)})"

    def _repr_mimebundle_(self, **kwargs):
        """The live widget for JupyterLab, plus the starting figure as a PNG.

        JupyterLab shows the widget; a static page (an HTML export, a slide
        deck, GitHub) cannot run widgets and shows the picture instead.
        """
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        bundle["text/plain"] = repr(self)
        return bundle


def on_first_draw(make):
    """A widget's figure object, made on the first draw and the same one on every later draw.

    make: function(fig) -> the object that owns the figure's artists (a small
    figure class, or a lambda that gives it more arguments). Returns
    figure(fig), which calls make(fig) the first time and then returns what
    it made; a draw callback calls ``figure(fig).update(...)``.
    """
    made = []

    def figure(fig):
        if not made:
            made.append(make(fig))
        return made[0]

    return figure


def _check_figure(fig):
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    return fig


def render(fig):
    """Render a figure with Agg and return its pixels: (rows, cols, 4) uint8, top row first."""
    _check_figure(fig)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def freeze(fig, dynamic):
    """Draw everything in ``fig`` except the ``dynamic`` artists once, as a picture behind them.

    fig: a finished matplotlib Figure. dynamic: the artists that later
    updates change (a line, a patch, an image...). Every other artist (axes
    frames, ticks, labels, colour bars, diagrams, fixed curves) is rendered
    into one picture and then hidden, so each redraw renders only the
    dynamic artists on top of a ready-made picture: a few milliseconds
    instead of redrawing every tick label. Change only the dynamic artists
    (and no axes limits) afterwards. A changing text should be a figure
    text (fig.text), not an axes title: matplotlib moves a title once the
    axes' ticks are hidden. Returns the picture's FigureImage.
    """
    _check_figure(fig)
    dynamic = set(dynamic)
    shown = {artist: artist.get_visible() for artist in dynamic}
    for artist in dynamic:
        artist.set_visible(False)
    picture = render(fig)
    for artist, visible in shown.items():
        artist.set_visible(visible)
    for ax in fig.axes:
        for child in ax.get_children():
            if child not in dynamic:
                child.set_visible(False)
    for child in fig.texts + fig.images + fig.patches + fig.lines + fig.legends:
        if child not in dynamic:
            child.set_visible(False)
    fig.patch.set_visible(False)
    return fig.figimage(picture, zorder=-100)
