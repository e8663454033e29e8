"""Widgets for notebook 02: the recurrent cell, one time step at a time.

    step_through_widget(X=None, rnn=None, t=1)   a slider over t: x_t, h_1..h_t, step t framed
    memory_widget(scale=0.9)                     how long a pulse at t = 1 lasts as W_hh is scaled

The numbers behind the memory widget, pulse_trace and steps_to_forget, are
computed in rnnkit.memory (the exercise checks of notebook 02 use them too); the
names are imported here, so the notebook reaches them as recurrence.steps_to_forget.

For speed every widget's figure class makes its artists once; what never
changes (axes, labels, the unrolled diagram, reference curves) is then
frozen into one picture (rnnkit.widgets.freeze), and an update only moves
the few artists that change.
"""

import html

import ipywidgets
import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator, MaxNLocator

from ..._validate import as_array, positive_int, real_number
from ...cells.rnn import SimpleRNN
from ...memory import pulse_trace, steps_to_forget
from .. import diagrams, plots
from . import FigureWidget, freeze, on_first_draw

COLORS = plots.COLORS
ROLE_COLORS = diagrams.ROLE_COLORS


# ---------------------------------------------------------------------------
# Step through a sequence
# ---------------------------------------------------------------------------

def _default_sequence():
    """A short sequence with a pulse up at t = 1 and one down at t = 4: x (6, 1)."""
    return np.array([1.0, 0.0, 0.0, -1.0, 0.0, 0.0])[:, None]


class _StepFigure:
    """The unrolled diagram over the inputs and the hidden states, frozen into a picture.

    On top of it move the frame around step t on the diagram, the white veil
    over the steps not read yet, the marks on x_t and h_t, and the inputs and
    hidden states read so far.
    """

    def __init__(self, fig, X, Hs):
        """X: (T, D), the sequence. Hs: (T, H), the hidden states the rnn computes from it."""
        T, D = X.shape
        self.X, self.Hs = X, Hs
        labels = [f"{v:+.1f}" for v in X[:, 0]] if D == 1 else None
        steps = np.arange(1, T + 1)
        ax = fig.add_axes((0.01, 0.47, 0.98, 0.46))
        diagrams.unrolled(T, ax=ax, labels=labels, show_weights=False)
        (_, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        # Where step s sits: the centre of the box that rnnkit.diagrams.unrolled tags "h_s".
        boxes = {patch.get_gid(): patch for patch in ax.patches}
        self.centres = [boxes[f"h_{s}"].get_x() + boxes[f"h_{s}"].get_width() / 2
                        for s in steps]
        self.step = self.centres[1] - self.centres[0]
        self.frame = ax.add_patch(Rectangle((0, y0 + 0.1), 0.95 * self.step, y1 - y0 - 0.2,
                                            fill=False, lw=3, edgecolor=COLORS["black"]))
        self.future = ax.add_patch(Rectangle((0, y0), x1, y1 - y0, facecolor="white",
                                             alpha=0.8, lw=0))
        ax.set_title("")
        fig.text(0.5, 0.975,
                 "Step t (framed):  h_t = tanh(x_t @ W_xh + h_(t-1) @ W_hh + b_h)",
                 ha="center", va="top", fontsize=14)
        ax_x = fig.add_axes((0.09, 0.09, 0.36, 0.30))
        if D == 1:
            self.bars = ax_x.bar(steps, X[:, 0], width=0.6,
                                 color=diagrams.lighten(COLORS["vermillion"], 0.6),
                                 edgecolor=COLORS["vermillion"], lw=2)
            top = max(1.0, float(np.abs(X).max())) * 1.25
            ax_x.set(ylim=(-top, top), ylabel="$x_t$")
            ax_x.yaxis.set_major_locator(MaxNLocator(3))
            ax_x.axhline(0, color=COLORS["grey"], lw=1)
            dynamic = list(self.bars)
        else:
            limit = float(np.abs(X).max()) or 1.0
            self.inputs = ax_x.imshow(X.T, cmap="RdBu_r", vmin=-limit, vmax=limit,
                                      aspect="auto", interpolation="nearest",
                                      extent=(0.5, T + 0.5, D - 0.5, -0.5))
            ax_x.grid(False)
            ax_x.set(ylabel="feature")
            ax_x.yaxis.set_major_locator(MaxNLocator(3, integer=True))
            dynamic = [self.inputs]
        low, high = ax_x.get_ylim()
        # A band behind bars, a frame on a heatmap.
        mark = dict(facecolor=COLORS["yellow"], alpha=0.4, lw=0, zorder=0) if D == 1 else \
            dict(fill=False, lw=3, edgecolor=COLORS["black"])
        self.x_mark = ax_x.add_patch(Rectangle((0.5, min(low, high)), 1, abs(high - low),
                                               **mark))
        ax_x.set(xlim=(0.5, T + 0.5), xlabel="time step t", title="inputs $x_t$")
        ax_x.xaxis.set_major_locator(FixedLocator(steps))
        ax_h = fig.add_axes((0.55, 0.09, 0.40, 0.30))
        plots.hidden_heatmap(Hs, ax=ax_h, highlight=1, title="hidden states $h_1 \\ldots h_t$")
        ax_h.xaxis.set_major_locator(FixedLocator(steps))
        ax_h.yaxis.set_major_locator(MaxNLocator(4, integer=True))
        self.heat, self.heat_frame = ax_h.images[0], ax_h.patches[-1]
        freeze(fig, dynamic + [self.frame, self.future, self.x_mark, self.heat,
                               self.heat_frame])

    def update(self, t):
        """Show step t (1 to T): frame it, veil the later steps, fill in x and h up to t."""
        T, D = self.X.shape
        centre = self.centres[t - 1]
        self.frame.set_x(centre - 0.475 * self.step)
        self.future.set_x(centre + 0.5 * self.step)
        self.future.set_visible(t < T)
        self.x_mark.set_x(t - 0.5)
        read = np.arange(T)[None, :] < t                      # later steps empty
        if D == 1:
            for s, bar in enumerate(self.bars, start=1):
                bar.set_alpha(1.0 if s <= t else 0.25)
        else:
            self.inputs.set_data(np.where(read, self.X.T, np.nan))
        self.heat.set_data(np.where(read, self.Hs.T, np.nan))
        self.heat_frame.set_x(t - 0.5)


def step_through_widget(X=None, rnn=None, t=1):
    """Step through one sequence: a slider over t shows x_t, the states h_1..h_t and the step.

    X: (T, D), one sequence of T steps (2 <= T <= 8) with D features; by
    default a pulse +1 at t = 1 and -1 at t = 4 (T = 6, D = 1).
    rnn: an rnnkit.SimpleRNN with input size D (by default one with D = 1,
    H = 4, seed 0). t: the starting step, 1 to T.
    The top of the figure is the unrolled diagram with step t framed and the
    steps the network has not read yet greyed out; below it, the inputs x_1..x_T
    (x_t marked) and the hidden states h_1..h_t as a heatmap (later columns
    empty). The line under the figure prints x_t and h_t. Returns a
    FigureWidget with one control, "t".
    """
    if X is None:
        X = _default_sequence()
    else:
        X = as_array(X, "X", ndim=2, why="one sequence: T steps x D features")
    T, D = X.shape
    if not 2 <= T <= 8:
        raise ValueError(f"X must have from 2 to 8 time steps (rows) so the diagram fits, "
                         f"got T = {T}")
    if rnn is None:
        rnn = SimpleRNN(D, 4, 1, seed=0)
    if not isinstance(rnn, SimpleRNN):
        raise TypeError(f"rnn must be an rnnkit.SimpleRNN, got {type(rnn).__name__}")
    if rnn.sizes[0] != D:
        raise ValueError(f"rnn must read D = {D} features per step (the columns of X), "
                         f"got an rnn with input_size = {rnn.sizes[0]}")
    t = positive_int(t, "t")
    if t > T:
        raise ValueError(f"t must be a time step from 1 to T = {T}, got {t}")
    rnn.forward(X[None])
    Hs = rnn.hidden_states[0]                                    # (T, H)
    controls = {"t": ipywidgets.IntSlider(value=t, min=1, max=T, description="time step t",
                                          continuous_update=True,
                                          style={"description_width": "80px"})}
    figure = on_first_draw(lambda fig: _StepFigure(fig, X, Hs))

    def draw(fig, t):
        figure(fig).update(t)
        x_text = ", ".join(f"{v:+.2f}" for v in X[t - 1])
        h_text = ", ".join(f"{v:+.2f}" for v in Hs[t - 1])
        return html.escape(f"step t = {t} of {T}:  x_{t} = [{x_text}]  ->  "
                           f"h_{t} = tanh(x_{t} @ W_xh + h_{t - 1} @ W_hh + b_h) = [{h_text}]")

    return FigureWidget(controls, draw, figsize=(8.0, 5.4), dpi=72, keep=True)


# ---------------------------------------------------------------------------
# Memory: how long a pulse survives
# ---------------------------------------------------------------------------

MEMORY_SCALES = (0.5, 0.9, 1.0, 1.5)
SCALE_RANGE = (0.1, 2.0)


class _MemoryFigure:
    """The reference traces, the 1 % line and the axes, frozen; the chosen scale's trace moves."""

    def __init__(self, fig, references, T, floor):
        """references: dict scale -> pulse_trace (T,). floor: where the log axis starts."""
        steps = np.arange(1, T + 1)
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.18, right=0.86, bottom=0.15, top=0.89)
        for s, trace in references.items():
            ax.plot(steps, trace / trace[0], color=COLORS["grey"], lw=1.3)
            ax.text(T + 1, max(trace[-1] / trace[0], floor * 1.3), f"{s:g}",
                    color=COLORS["grey"], fontsize=12, va="center")
        ax.axhline(0.01, ls=":", color=COLORS["black"], lw=1.5)
        self.line, = ax.plot(steps, steps * 0.0 + 1, color=COLORS["orange"], lw=3)
        ax.set(yscale="log", ylim=(floor, 3), xlim=(1, T), xlabel="time step t",
               ylabel="$\\|h_t\\|$ as % of $\\|h_1\\|$")
        ax.set_yticks([1e-4, 1e-3, 1e-2, 1e-1, 1], ["0.01 %", "0.1 %", "1 %", "10 %", "100 %"])
        ax.minorticks_off()
        ax.set_title("What is left of a pulse at t = 1")
        freeze(fig, [self.line])

    def update(self, trace):
        """Show this pulse_trace (T,) as a fraction of its first value."""
        self.line.set_ydata(trace / trace[0])                    # below the axis: off the plot


def memory_widget(scale=0.9, T=60):
    """How long one pulse at t = 1 lives in the hidden state, with a slider for the size of W_hh.

    scale: the starting scale of W_hh (0.1 to 2.0). T: steps shown (10 to 200).
    The figure plots ||h_t|| / ||h_1|| on a log axis for the chosen scale,
    with the scales 0.5, 0.9, 1.0 and 1.5 as thin reference curves and the
    1 % line; the line under it says after how many steps the trace falls
    below 1 %. Returns a FigureWidget with one control, "scale".
    """
    scale = real_number(scale, "scale", *SCALE_RANGE)
    T = positive_int(T, "T", minimum=10)
    if T > 200:
        raise ValueError(f"T must be a whole number from 10 to 200, got {T}")
    floor = 1e-4                                                 # the log axis starts here
    references = {s: pulse_trace(s, T) for s in MEMORY_SCALES}
    controls = {"scale": ipywidgets.FloatSlider(value=scale, min=SCALE_RANGE[0],
                                                max=SCALE_RANGE[1], step=0.05,
                                                description="scale of W_hh", readout_format=".2f",
                                                continuous_update=True,
                                                style={"description_width": "95px"},
                                                layout=ipywidgets.Layout(width="380px"))}
    figure = on_first_draw(lambda fig: _MemoryFigure(fig, references, T, floor))

    def draw(fig, scale):
        trace = pulse_trace(scale, T)
        figure(fig).update(trace)
        k = steps_to_forget(trace)
        if k is None:
            verdict = f"it stays above 1 % of its first size for all {T} steps"
        else:
            verdict = f"it falls below 1 % of its first size after {k} steps"
        return (f"<b>W_hh scaled by {scale:.2f}</b> (orange): after the pulse at t = 1, "
                f"{verdict}. Grey: the scales {', '.join(f'{s:g}' for s in MEMORY_SCALES)}.")

    return FigureWidget(controls, draw, figsize=(7.0, 4.0), dpi=72, keep=True)
