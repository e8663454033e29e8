"""Widget for notebook 08: the forget gate decides how far back the gradient reaches.

    forget_gate_widget(forget_bias=1.0)

One slider sets the bias of the forget gate, b_f (Keras starts it at 1).
A fixed, seeded rnnkit.LSTM (D = 2 inputs, H hidden units, one output)
reads N = 32 fixed input sequences of T steps. Left: the mean forget gate
f_t and the mean |c_t| at every step t. Right, on a log scale: the fraction
of the gradient that survives k steps back from a loss on the last step,
along the cell state (||dL/dc_{T-k}|| / ||dL/dc_T||) and along the hidden
state (||dL/dh_{T-k}|| / ||dL/dh_T||), beside the dashed line mean(f)**k:
what the carousel c_{t-1} -> c_t alone would keep, since each step back
along it multiplies the gradient by f_t and nothing else. The line under
the figure gives the mean forget gate and the fraction left along the cell
state at k = 10, 20 and 39.

Only b_f changes. Each update reruns the LSTM and its gradients (a few
milliseconds) and moves five lines on axes that never change: the axes,
ticks, labels and legends are frozen into one picture
(rnnkit.widgets.freeze).
"""

import ipywidgets
import numpy as np

from ... import gradients
from ..._validate import optional_seed, positive_int, real_number
from ...cells.lstm import LSTM
from .. import plots
from . import FigureWidget, freeze, on_first_draw

COLORS = plots.COLORS
BIAS_RANGE = (-2.0, 6.0)
Y_LIMITS = (1e-12, 1e2)
SHOWN = (10, 20, 39)
N_SEQUENCES, D_INPUT = 32, 2


def _cell_limit(lstm, X):
    """The top of the left panel: room for f (at most 1) and for mean |c_t| at the largest bias.

    A bias near 1 on the forget gate keeps nearly all of c_{t-1}, so |c_t|
    is largest at the top of the slider; it is measured there once.
    """
    H = lstm.sizes[1]
    lstm.params["b"][H:2 * H] = BIAS_RANGE[1]
    lstm.forward(X)
    top = float(np.abs(lstm.cell_states).mean(axis=(0, 2)).max())
    return max(1.1, np.ceil(top * 1.1 / 0.5) * 0.5)       # a round number, 0.5 by 0.5


class _ForgetFigure:
    """Two panels with fixed limits, frozen once; five lines and a headline move on top.

    Left: mean f_t and mean |c_t| against t. Right: the fraction of the
    gradient left k steps back, along c and along h, and mean(f)**k.
    """

    def __init__(self, fig, T, cell_top):
        fig.subplots_adjust(left=0.075, right=0.985, bottom=0.16, top=0.8, wspace=0.25)
        ax_cell, ax_grad = fig.subplots(1, 2)
        t, k = np.arange(1, T + 1), np.arange(T)
        blue, orange, green = COLORS["blue"], COLORS["orange"], COLORS["green"]
        ax_cell.axhline(1.0, color=COLORS["grey"], lw=1, ls=":")
        self.forget, = ax_cell.plot(t, np.ones(T), color=blue, label="mean forget gate $f_t$")
        self.cell, = ax_cell.plot(t, np.ones(T), color=green, label=r"mean $|c_t|$")
        ax_cell.set(xlim=(1, T), ylim=(0, cell_top), xlabel="time step t",
                    title="Inside the cell")
        ax_cell.legend(loc="upper left", fontsize=12)
        ax_grad.axhline(1.0, color=COLORS["black"], lw=1)
        self.along_c, = ax_grad.plot(k, np.ones(T), marker="o", markersize=3, color=blue,
                                     label="along the cell state c")
        self.along_h, = ax_grad.plot(k, np.ones(T), color=orange, label="along h")
        self.carousel, = ax_grad.plot(k, np.ones(T), "--", color=COLORS["grey"], lw=2,
                                      label=r"mean$(f)^k$ (carousel alone)")
        ax_grad.set(xlim=(0, T - 1), ylim=Y_LIMITS, yscale="log",
                    xlabel="distance k (steps back from T)", title="Gradient left k steps back")
        ax_grad.set_yticks([1e-12, 1e-9, 1e-6, 1e-3, 1e0])
        ax_grad.minorticks_off()
        ax_grad.legend(loc="lower left", fontsize=11)
        self.headline = fig.text(0.5, 0.975, " ", ha="center", va="top", fontsize=15)
        self.lines = (self.forget, self.cell, self.along_c, self.along_h, self.carousel)
        freeze(fig, [*self.lines, self.headline])

    def update(self, forget, cell, along_c, along_h, carousel, headline):
        """forget, cell: (T,) per step t. along_c, along_h, carousel: (T,) per distance k."""
        self.forget.set_ydata(forget)
        self.cell.set_ydata(cell)
        for line, ratio in ((self.along_c, along_c), (self.along_h, along_h),
                            (self.carousel, carousel)):
            line.set_ydata(np.maximum(ratio, 1e-300))             # 0 has no place on a log axis
        self.headline.set_text(headline)


def forget_gate_widget(forget_bias=1.0, steps=40, hidden_size=8, seed=0):
    """A slider for the forget gate's bias; the gates, the cell state and the gradient's reach.

    forget_bias: starting bias b_f of the forget gate, in [-2, 6] (Keras'
    default is 1: f starts near sigma(1) = 0.73). steps: T, the sequence
    length (>= 40, so that k = 39 exists). hidden_size: H. seed: fixes the
    LSTM (Keras-style initial weights, D = 2 inputs, one output) and the
    N = 32 standard normal input sequences, drawn from one Generator in that
    order.
    Returns a FigureWidget with the control "forget_bias"; display it as the
    last line of a cell.
    """
    forget_bias = real_number(forget_bias, "forget_bias", *BIAS_RANGE)
    T = positive_int(steps, "steps", minimum=max(SHOWN) + 1)
    H = positive_int(hidden_size, "hidden_size")
    rng = optional_seed(seed)
    lstm = LSTM(D_INPUT, H, 1, seed=rng)
    X = rng.standard_normal((N_SEQUENCES, T, D_INPUT))
    k = np.arange(T)
    cell_top = _cell_limit(lstm, X)
    controls = {
        "forget_bias": ipywidgets.FloatSlider(value=forget_bias, min=BIAS_RANGE[0],
                                              max=BIAS_RANGE[1], step=0.25,
                                              description="forget-gate bias",
                                              readout_format=".2f", continuous_update=True,
                                              style={"description_width": "initial"},
                                              layout=ipywidgets.Layout(width="380px")),
    }
    figure = on_first_draw(lambda fig: _ForgetFigure(fig, T, cell_top))

    def draw(fig, forget_bias):
        lstm.params["b"][H:2 * H] = forget_bias
        lstm.forward(X)
        forget = lstm.gates["f"].mean(axis=(0, 2))                     # (T,), t = 1 .. T
        cell = np.abs(lstm.cell_states).mean(axis=(0, 2))
        along_c = gradients.gradient_norms_through_time(lstm, X, along="c")
        along_h = gradients.gradient_norms_through_time(lstm, X, along="h")
        along_c, along_h = along_c / along_c[0], along_h / along_h[0]
        mean_f = float(forget.mean())
        figure(fig).update(forget, cell, along_c, along_h, mean_f ** k,
                           f"forget-gate bias {forget_bias:.2f}: mean forget gate "
                           f"{mean_f:.2f}")
        shown = ", ".join(f"k = {d}: {along_c[d]:.1e}" for d in SHOWN)
        return f"Mean forget gate {mean_f:.2f}. Gradient left along the cell state: {shown}."

    return FigureWidget(controls, draw, figsize=(10, 4), dpi=72, keep=True)
