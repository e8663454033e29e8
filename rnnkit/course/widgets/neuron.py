"""Widget for notebook 01: one neuron, y = phi(w x + b), with its knobs.

    neuron_widget(weight=1.0, bias=0.0, activation="tanh", x=1.0)

Sliders set the weight w, the bias b and the input x; a menu picks the
activation phi. The figure shows the neuron's whole response curve
y = phi(w x + b) for x in [-5, 5], the plain activation phi(x) (w = 1, b = 0)
as a dashed reference, and the current input as a point on the curve. The
line under the figure spells out the arithmetic for that point.

Speed: drawing text (tick labels, legend) is most of the cost of a redraw.
Everything that only depends on the activation (axes, ticks, labels, legend,
the dashed reference) is drawn once per activation into a picture kept in
memory; each update draws that picture plus the few lines that move.
"""

import ipywidgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ... import activations
from ..._validate import one_of, real_number
from .. import plots
from . import FigureWidget, on_first_draw

ACTIVATIONS = ("tanh", "sigmoid", "relu", "identity")
WEIGHT_RANGE = (-3.0, 3.0)
BIAS_RANGE = (-3.0, 3.0)
X_RANGE = (-5.0, 5.0)
# Fixed y-limits per activation, so that moving w or b changes the curve, not the axes.
Y_LIMITS = {"tanh": (-1.25, 1.25), "sigmoid": (-0.15, 1.15), "relu": (-1.0, 6.0),
            "identity": (-6.0, 6.0)}
_XS = np.linspace(*X_RANGE, 201)
_CURVE = {"color": plots.COLORS["blue"], "lw": 2.5}
_POINT = {"marker": "o", "ls": "none", "color": plots.COLORS["vermillion"], "markersize": 10,
          "markeredgecolor": plots.COLORS["black"]}


def _slider(value, bounds, description):
    return ipywidgets.FloatSlider(value=value, min=bounds[0], max=bounds[1], step=0.1,
                                  description=description, readout_format=".1f",
                                  layout=ipywidgets.Layout(width="230px"),
                                  style={"description_width": "55px"})


class _NeuronFigure:
    """The figure: a static layer (cached as a picture per activation) under a moving layer."""

    def __init__(self, fig):
        self.fig = fig
        FigureCanvasAgg(fig)                         # lets us render the static layer to pixels
        fig.subplots_adjust(left=0.1, right=0.7, bottom=0.16, top=0.88)
        # Static layer: axes, ticks, labels, legend and the dashed reference phi(x).
        base = self.base = fig.add_subplot()
        base.axhline(0, color=plots.COLORS["grey"], lw=1)
        base.axvline(0, color=plots.COLORS["grey"], lw=1)
        self.reference, = base.plot(_XS, _XS, "--", color=plots.COLORS["grey"], lw=1.8)
        base.set(xlim=X_RANGE, xticks=range(-4, 5, 2), xlabel="input x", ylabel="output y")
        base.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
        base.legend([self.reference, Line2D([], [], **_CURVE), Line2D([], [], **_POINT)],
                    ["phi(x): w = 1, b = 0", "y = phi(w x + b)", "current input x"],
                    loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=11)  # beside the plot
        # Moving layer: a transparent axes on top, with no ticks, holding what every update changes.
        top = self.top = fig.add_axes(base.get_position(), xlim=X_RANGE)
        top.set_axis_off()
        self.curve, = top.plot(_XS, _XS, **_CURVE)
        self.guide, = top.plot([], [], ":", color=plots.COLORS["vermillion"], lw=1.5)
        self.point, = top.plot([], [], **_POINT)
        self.image = fig.figimage(np.zeros((1, 1, 4)), origin="upper", zorder=-10)
        self.backgrounds = {}
        self.activation = None

    def background(self, activation):
        """The static layer for this activation as an RGBA picture (rendered once, then reused)."""
        if activation not in self.backgrounds:
            self.reference.set_ydata(activations.ACTIVATIONS[activation](_XS))
            self.base.set_ylim(Y_LIMITS[activation])
            self.base.set_visible(True)
            self.top.set_visible(False)
            self.image.set_visible(False)
            self.fig.canvas.draw()
            self.backgrounds[activation] = np.asarray(self.fig.canvas.buffer_rgba()).copy()
            self.base.set_visible(False)                     # from now on it is part of the picture
            self.top.set_visible(True)
            self.image.set_visible(True)
        return self.backgrounds[activation]

    def update(self, weight, bias, activation, x):
        """Move the curve and the point; returns the neuron's output y at x."""
        if activation != self.activation:
            self.image.set_data(self.background(activation))
            self.top.set_ylim(Y_LIMITS[activation])
            self.activation = activation
        phi = activations.ACTIVATIONS[activation]
        y = float(phi(np.array(weight * x + bias)))
        self.curve.set_ydata(phi(weight * _XS + bias))
        self.guide.set_data([x, x, X_RANGE[0]], [Y_LIMITS[activation][0], y, y])
        self.point.set_data([x], [y])
        sign = "+" if bias >= 0 else "-"
        self.top.set_title(f"y = {activation}({weight:.1f} x {sign} {abs(bias):.1f})")
        return y


def neuron_widget(weight=1.0, bias=0.0, activation="tanh", x=1.0):
    """One neuron y = phi(w x + b) with sliders for w, b, x and a menu for phi.

    weight: the starting weight w, in [-3, 3]. bias: the starting bias b, in
    [-3, 3]. activation: "tanh", "sigmoid", "relu" or "identity". x: the
    starting input, in [-5, 5], marked as a point on the curve.
    Returns a FigureWidget with controls "weight", "bias", "activation" and
    "x"; display it as the last line of a cell.
    """
    weight = real_number(weight, "weight", *WEIGHT_RANGE)
    bias = real_number(bias, "bias", *BIAS_RANGE)
    activation = one_of(activation, "activation", ACTIVATIONS)
    x = real_number(x, "x", *X_RANGE)
    controls = {
        "weight": _slider(weight, WEIGHT_RANGE, "weight w"),
        "bias": _slider(bias, BIAS_RANGE, "bias b"),
        "activation": ipywidgets.Dropdown(options=ACTIVATIONS, value=activation,
                                          description="phi",
                                          layout=ipywidgets.Layout(width="170px"),
                                          style={"description_width": "30px"}),
        "x": _slider(x, X_RANGE, "input x"),
    }
    figure = on_first_draw(_NeuronFigure)

    def draw(fig, weight, bias, activation, x):
        y = figure(fig).update(weight, bias, activation, x)
        sign = "+" if bias >= 0 else "-"
        return (f"x = {x:.1f} &rarr; z = w x + b = {weight:.1f} &times; {x:.1f} {sign} "
                f"{abs(bias):.1f} = {weight * x + bias:.2f} &rarr; "
                f"<b>y = {activation}(z) = {y:.3f}</b>")

    return FigureWidget(controls, draw, figsize=(8, 3.8), dpi=72, keep=True)
