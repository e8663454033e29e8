"""Widget for notebook 05: how far back does the gradient reach?

    gradient_flow_widget(rho=1.0, input_scale=1.0)

A slider sets the spectral radius rho of W_hh, another the size of the
inputs. The figure shows ||dL/dh_{T-k}|| / ||dL/dh_T|| against the distance
k for a loss on the last step of T = 50 steps (log scale), beside the dashed
line rho**k: what the gradient would do if tanh were not there (a linear
RNN, whose W_hh here is a scaled orthogonal matrix). The line under the
figure gives the ratio at k = 10, 20 and 40 and the mean slope of tanh.

The network and the input sequences are fixed (seeded): only rho and the
input scale change. Each update recomputes the gradients (a few
milliseconds) and moves two lines on axes that never change.
"""

import ipywidgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.lines import Line2D

from ... import gradients
from ..._validate import optional_seed, positive_int, real_number
from ...cells.rnn import SimpleRNN
from .. import plots
from . import FigureWidget, on_first_draw

RHO_RANGE = (0.2, 3.0)
SCALE_RANGE = (0.01, 3.0)
Y_LIMITS = (1e-12, 1e6)
SHOWN = (10, 20, 40)


class _FlowFigure:
    """Fixed axes drawn once and kept as a picture; two lines and a title move on top of it.

    Drawing tick labels and the legend is most of the cost of a redraw, and
    they never change here (the limits are fixed), so they are rendered once.
    """

    def __init__(self, fig, T):
        FigureCanvasAgg(fig)                            # lets us render the fixed layer to pixels
        fig.subplots_adjust(left=0.14, right=0.97, bottom=0.15, top=0.9)
        k = np.arange(T)
        base = plots.gradient_norms(k, np.ones(T), ax=fig.add_subplot())
        base.lines[0].remove()                                    # the real curve is drawn on top
        base.axhline(1.0, color=plots.COLORS["black"], lw=1)
        base.set(ylim=Y_LIMITS, xlim=(0, T - 1), title=" ",
                 ylabel=r"$\|\partial L/\partial h_{T-k}\| \,/\, \|\partial L/\partial h_T\|$")
        base.legend([Line2D([], [], marker="o", markersize=4, color=plots.CYCLE[0]),
                     Line2D([], [], ls="--", color=plots.COLORS["grey"], lw=2)],
                    ["measured (tanh RNN)", r"$\rho^k$ (no tanh)"], loc="lower left")
        fig.canvas.draw()
        background = np.asarray(fig.canvas.buffer_rgba()).copy()
        base.set_visible(False)                         # from now on it is part of the picture
        fig.figimage(background, origin="upper", zorder=-10)
        top = self.top = fig.add_axes(base.get_position(), xlim=(0, T - 1), ylim=Y_LIMITS,
                                      yscale="log")
        top.set_axis_off()
        self.measured, = top.plot(k, np.ones(T), marker="o", markersize=4, color=plots.CYCLE[0])
        self.linear, = top.plot(k, np.ones(T), "--", color=plots.COLORS["grey"], lw=2)

    def update(self, ratio, linear, title):
        """Show the measured ratios (T,) and the linear prediction rho**k (T,)."""
        self.measured.set_ydata(np.maximum(ratio, 1e-300))        # 0 has no place on a log axis
        self.linear.set_ydata(np.maximum(linear, 1e-300))
        self.top.set_title(title)


def gradient_flow_widget(rho=1.0, input_scale=1.0, steps=50, hidden_size=16, seed=0):
    """Sliders for the spectral radius of W_hh and the input size; the gradient norm against k.

    rho: starting spectral radius of W_hh, in [0.2, 3]. input_scale: the
    standard deviation of the inputs, in [0.01, 3] (small inputs keep tanh
    in its linear part; large ones saturate it). steps: T, the sequence
    length (>= 41, so that k = 40 exists). hidden_size: H. seed: fixes the
    network (Keras-style initial weights, D = 4 inputs) and the N = 32 input
    sequences.
    Returns a FigureWidget with controls "rho" and "input_scale"; display it
    as the last line of a cell.
    """
    rho = real_number(rho, "rho", *RHO_RANGE)
    input_scale = real_number(input_scale, "input_scale", *SCALE_RANGE)
    T = positive_int(steps, "steps", minimum=max(SHOWN) + 1)
    H = positive_int(hidden_size, "hidden_size")
    rng = optional_seed(seed)
    rnn = SimpleRNN(4, H, 1, seed=rng)
    X = rng.standard_normal((32, T, 4))
    W_hh = rnn.params["W_hh"]
    k = np.arange(T)
    controls = {
        "rho": ipywidgets.FloatSlider(value=rho, min=RHO_RANGE[0], max=RHO_RANGE[1], step=0.05,
                                      description="spectral radius", readout_format=".2f",
                                      continuous_update=True,
                                      style={"description_width": "initial"},
                                      layout=ipywidgets.Layout(width="330px")),
        "input_scale": ipywidgets.FloatLogSlider(value=input_scale, base=10,
                                                 min=np.log10(SCALE_RANGE[0]),
                                                 max=np.log10(SCALE_RANGE[1]),
                                                 step=0.05, description="input size",
                                                 readout_format=".2f",
                                                 style={"description_width": "initial"},
                                                 layout=ipywidgets.Layout(width="330px")),
    }
    figure = on_first_draw(lambda fig: _FlowFigure(fig, T))

    def draw(fig, rho, input_scale):
        params = dict(rnn.params, W_hh=gradients.scale_to_spectral_radius(W_hh, rho))
        norms = gradients.gradient_norms_through_time(params, input_scale * X)
        figure(fig).update(norms / norms[0], float(rho) ** k,
                           f"spectral radius {rho:.2f}, inputs of size {input_scale:.2f}")
        slope = gradients.tanh_slopes(params, input_scale * X).mean()
        shown = ", ".join(f"k = {d}: {norms[d] / norms[0]:.1e}" for d in SHOWN)
        return (f"Fraction of the gradient left: {shown} "
                f"(<b>{gradients.fate(norms[40] / norms[0])}</b>). "
                f"Mean tanh slope 1 - h<sup>2</sup>: {slope:.2f}.")

    return FigureWidget(controls, draw, figsize=(8, 4.2), dpi=72, keep=True)
