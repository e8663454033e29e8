"""Diagrams of the networks in the course, drawn with matplotlib patches.

Inputs x are vermillion, hidden states h green and outputs y blue in every
drawing. Sizes are in data units and the text scales with the drawing, so a
diagram looks the same in a small widget and full screen on a projector.
Every function takes an optional ``ax=`` and returns the Axes it drew on.
Each box has a name (its gid) such as "h_2", so a widget can find it:
[p for p in ax.patches if p.get_gid() == "h_2"].
"""

import functools

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import to_rgb
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyArrow, FancyArrowPatch, FancyBboxPatch, PathPatch
from matplotlib.path import Path
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

from .._validate import one_of, positive_int, step_labels, time_step
from ..topologies import TOPOLOGIES
from .plots import COLORS, new_figure

ROLE_COLORS = {"x": COLORS["vermillion"], "h": COLORS["green"], "y": COLORS["blue"]}

# How each topology is drawn: (number of steps, steps with an input, steps with an output).
_LAYOUT = {
    "one_to_one": (1, [1], [1]),
    "one_to_many": (3, [1], [1, 2, 3]),
    "many_to_one": (3, [1, 2, 3], [3]),
    "many_to_many": (3, [1, 2, 3], [1, 2, 3]),
    "encoder_decoder": (5, [1, 2, 3], [4, 5]),
}


def lighten(color, amount=0.3):
    """The colour mixed with white: amount=1 is the colour itself, 0 is white."""
    return tuple(1 - amount * (1 - np.array(to_rgb(color))))


def _canvas(ax, xlim, ylim, title, max_width=12):
    """Prepare ax (or a new figure sized to the drawing): limits, equal aspect, no axes,
    a title.
    """
    if ax is None:
        width, height = xlim[1] - xlim[0], ylim[1] - ylim[0]
        scale = min(0.9, max_width / width)                 # inches per data unit
        title_room = 0.7                                    # inches above the drawing
        fig, ax = new_figure(figsize=(width * scale, height * scale + title_room))
        fig.subplots_adjust(left=0, right=1, bottom=0,
                            top=1 - title_room / (height * scale + title_room))
    else:
        new_figure(ax)                                      # checks that ax is an Axes
    ax.set(xlim=xlim, ylim=ylim, aspect="equal")
    ax.set_axis_off()
    ax.set_title(title)
    return ax


@functools.lru_cache(maxsize=None)
def _outline(text, italic):
    """The outline of ``text`` one unit high, centred on (0, 0).

    Typesetting maths such as "$h_1$" takes several milliseconds, so each
    label is typeset once and its outline reused: this keeps redrawing a
    diagram under a slider fast.
    """
    path = TextPath((0, 0), text, size=1,
                    prop=FontProperties(style="italic" if italic else "normal"))
    box = path.get_extents()
    return path.transformed(Affine2D().translate(-(box.x0 + box.x1) / 2, -0.3)), box.width


def _text(ax, x, y, text, height=0.3, color="black", align="center", italic=False):
    """Write ``text`` at (x, y) in letters ``height`` data units high, so it scales with the
    drawing.
    """
    path, width = _outline(text, italic)
    x += {"left": width / 2, "center": 0, "right": -width / 2}[align] * height
    ax.add_artist(PathPatch(path, transform=Affine2D().scale(height).translate(x, y) + ax.transData,
                            facecolor=color, edgecolor="none", label=text, zorder=3))


def _box(ax, x, y, text, role, size=(1.0, 0.7), strong=False, dashed=False, text_height=0.3,
         gid=None):
    """A rounded box centred at (x, y) with a label; strong fills it with the full colour of
    its role.
    """
    color, (w, h) = ROLE_COLORS[role], size
    ax.add_artist(FancyBboxPatch(
        (x - w / 2, y - h / 2), w, h, boxstyle=f"round,pad=0,rounding_size={0.15 * h}",
        facecolor=color if strong else lighten(color), edgecolor=color, linewidth=2,
        linestyle="--" if dashed else "-", gid=gid))
    _text(ax, x, y, text, text_height, color="white" if strong else "black")


def _arrow(ax, start, end, color=COLORS["grey"]):
    """A straight arrow from start to end (points on box edges), sized in data units."""
    (x0, y0), (x1, y1) = start, end
    ax.add_artist(FancyArrow(x0, y0, x1 - x0, y1 - y0, width=0.035, head_width=0.18,
                             head_length=0.2, length_includes_head=True, color=color, linewidth=0))


def unrolled(T=3, ax=None, highlight=None, show_weights=True, labels=None):
    """Draw the RNN unrolled over T time steps: x_t at the bottom, h_t in the middle, y_t on top.

    Each column is one time step t = 1..T; h_0 on the left is the starting
    state. highlight: a step t (1..T) to colour, e.g. from a slider.
    show_weights: label the arrows with W_xh, W_hh and W_oh. labels: T
    words to show in place of x_1..x_T (e.g. ["how", "are", "you"]).
    """
    T = positive_int(T, "T")
    highlight = None if highlight is None else time_step(highlight, T, "highlight")
    labels = None if labels is None else step_labels(labels, T, "labels")
    step, rows, (w, h) = 2.0, {"x": 0.0, "h": 1.8, "y": 3.6}, (1.0, 0.7)
    ax = _canvas(ax, (-0.8, step * T + 1.2), (-0.6, rows["y"] + 0.6),
                 f"The RNN unrolled over T = {T} time steps")
    _box(ax, 0, rows["h"], "$h_0$", "h", dashed=True, gid="h_0")
    for t in range(1, T + 1):
        cx, strong = step * t, t == highlight
        color = COLORS["black"] if strong else COLORS["grey"]
        if labels is None:
            _box(ax, cx, rows["x"], f"$x_{{{t}}}$", "x", strong=strong, gid=f"x_{t}")
        else:                                         # shrink long words to fit the box
            word = labels[t - 1]
            _box(ax, cx, rows["x"], word, "x", strong=strong, gid=f"x_{t}",
                 text_height=min(0.3, 1.5 * w / max(len(word), 1)))
        _box(ax, cx, rows["h"], f"$h_{{{t}}}$", "h", strong=strong, gid=f"h_{t}")
        _box(ax, cx, rows["y"], f"$y_{{{t}}}$", "y", strong=strong, gid=f"y_{t}")
        _arrow(ax, (cx, rows["x"] + h / 2), (cx, rows["h"] - h / 2), color)
        _arrow(ax, (cx, rows["h"] + h / 2), (cx, rows["y"] - h / 2), color)
        _arrow(ax, (cx - step + w / 2, rows["h"]), (cx - w / 2, rows["h"]), color)
        if show_weights:
            _text(ax, cx + 0.1, (rows["x"] + rows["h"]) / 2, "$W_{xh}$", 0.22, align="left")
            _text(ax, cx + 0.1, (rows["h"] + rows["y"]) / 2, "$W_{oh}$", 0.22, align="left")
            _text(ax, cx - step / 2, rows["h"] + 0.2, "$W_{hh}$", 0.22)
    return ax


def folded(ax=None):
    """Draw the folded RNN: x_t -> h_t -> y_t, with a loop on h_t that feeds h_{t-1} into h_t."""
    rows, (w, h) = {"x": 0.0, "h": 1.8, "y": 3.6}, (1.0, 0.7)
    ax = _canvas(ax, (-1.6, 2.4), (-0.6, rows["y"] + 0.6), "The folded RNN")
    for role, y in rows.items():
        _box(ax, 0, y, f"${role}_t$", role, gid=f"{role}_t")
    _arrow(ax, (0, rows["x"] + h / 2), (0, rows["h"] - h / 2))
    _arrow(ax, (0, rows["h"] + h / 2), (0, rows["y"] - h / 2))
    right, y = w / 2, rows["h"]                       # the loop leaves and re-enters h's right edge
    loop = Path([(right, y + 0.15), (right + 1.3, y + 1.0), (right + 1.3, y - 1.0),
                 (right, y - 0.15)],
                [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])
    ax.add_artist(FancyArrowPatch(path=loop, arrowstyle="-|>", color=COLORS["grey"], linewidth=2.2,
                                  mutation_scale=18))
    _text(ax, -0.1, (rows["x"] + rows["h"]) / 2, "$W_{xh}$", 0.22, align="right")
    _text(ax, -0.1, (rows["h"] + rows["y"]) / 2, "$W_{oh}$", 0.22, align="right")
    _text(ax, right + 1.1, y, "$W_{hh}$", 0.22, align="left")
    return ax


def feedforward(layer_sizes=(3, 4, 4, 2), ax=None, layer_names=None):
    """Draw a feed-forward network: one column of neurons per layer, every pair of neighbours
    connected.

    layer_sizes: the number of neurons per layer, input first, output last.
    layer_names: one name per layer (default: input, hidden 1, ..., output).
    """
    if isinstance(layer_sizes, (str, dict)) or not hasattr(layer_sizes, "__len__"):
        raise TypeError(f"layer_sizes must be a list of whole numbers, "
                        f"got {type(layer_sizes).__name__}")
    sizes = [positive_int(n, f"layer_sizes[{i}]") for i, n in enumerate(layer_sizes)]
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes must have at least 2 layers (input and output), "
                         f"got {len(sizes)}")
    if layer_names is None:
        layer_names = ["input"] + [f"hidden {i}" for i in range(1, len(sizes) - 1)] + ["output"]
    layer_names = step_labels(layer_names, len(sizes), "layer_names")
    step, radius, bottom = 2.4, 0.3, -max(sizes) / 2
    ys = [(n - 1) / 2 - np.arange(n) for n in sizes]                 # centred, first neuron on top
    ax = _canvas(ax, (-1.0, step * (len(sizes) - 1) + 1.0), (bottom - 0.6, -bottom),
                 "A feed-forward network: information flows left to right")
    lines = [[(step * i, a), (step * (i + 1), b)] for i in range(len(sizes) - 1)
             for a in ys[i] for b in ys[i + 1]]
    ax.add_collection(LineCollection(lines, colors=COLORS["grey"], linewidths=1, zorder=1))
    for i, (column, name) in enumerate(zip(ys, layer_names)):
        role = "x" if i == 0 else "y" if i == len(sizes) - 1 else "h"
        for j, y in enumerate(column, start=1):
            ax.add_artist(Circle((step * i, y), radius, facecolor=lighten(ROLE_COLORS[role]),
                                 edgecolor=ROLE_COLORS[role], linewidth=2, zorder=2))
            if role != "h":
                _text(ax, step * i, y, f"${role}_{{{j}}}$", 0.22)
        _text(ax, step * i, bottom - 0.15, name, 0.22)
    return ax


_TOPOLOGY_STEP = 1.4          # distance between time steps in topology()


def _topology_width(steps):
    """Width of a topology drawing in data units: its boxes, or at least room for the caption."""
    return max(_TOPOLOGY_STEP * (steps - 1) + 2.0, 4.4)


def topology(kind, ax=None):
    """Draw one of the five RNN topologies in the style of Karpathy's "unreasonable
    effectiveness" post.

    kind: "one_to_one", "one_to_many", "many_to_one", "many_to_many" or
    "encoder_decoder" (see rnnkit.topologies.TOPOLOGIES). Inputs at the bottom, the chain of
    hidden states in the middle, outputs on top; boxes only where the
    topology has an input or an output.
    """
    one_of(kind, "kind", tuple(TOPOLOGIES))
    info, (steps, inputs, outputs) = TOPOLOGIES[kind], _LAYOUT[kind]
    step, rows, size = _TOPOLOGY_STEP, {"x": 0.0, "h": 1.3, "y": 2.6}, (0.9, 0.6)
    w, h = size
    middle, half_width = step * (steps - 1) / 2, _topology_width(steps) / 2
    ax = _canvas(ax, (middle - half_width, middle + half_width), (-1.5, rows["y"] + 0.5),
                 info.title)

    # x when there is one input, x_1, x_2, ... otherwise
    def name(letter, i, count):
        return f"${letter}_{{{i}}}$" if count > 1 else f"${letter}$"

    for t in range(1, steps + 1):                     # gid "x_3": the input box at step 3
        cx = step * (t - 1)
        _box(ax, cx, rows["h"], name("h", t, steps), "h", size, text_height=0.25, gid=f"h_{t}")
        if t > 1:
            _arrow(ax, (cx - step + w / 2, rows["h"]), (cx - w / 2, rows["h"]))
        if t in inputs:
            _box(ax, cx, rows["x"], name("x", inputs.index(t) + 1, len(inputs)), "x", size,
                 text_height=0.25, gid=f"x_{t}")
            _arrow(ax, (cx, rows["x"] + h / 2), (cx, rows["h"] - h / 2))
        if t in outputs:
            _box(ax, cx, rows["y"], name("y", outputs.index(t) + 1, len(outputs)), "y", size,
                 text_height=0.25, gid=f"y_{t}")
            _arrow(ax, (cx, rows["h"] + h / 2), (cx, rows["y"] - h / 2))
    if kind == "encoder_decoder":                     # name the two halves where there are no boxes
        _text(ax, step, rows["y"], "encoder", 0.25, color=COLORS["grey"], italic=True)
        _text(ax, step * 3.5, rows["x"], "decoder", 0.25, color=COLORS["grey"], italic=True)
    _text(ax, middle, -0.75, info.example, 0.22, italic=True)
    _text(ax, middle, -1.2, f"{info.input_shape} \u2192 {info.output_shape}", 0.2)
    return ax


def all_topologies():
    """Draw the five topologies side by side; returns the Figure."""
    widths = [_topology_width(_LAYOUT[kind][0]) for kind in TOPOLOGIES]
    fig, axes = plt.subplots(1, len(TOPOLOGIES), figsize=(18, 4.1),
                             gridspec_kw={"width_ratios": widths})
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.84, wspace=0.08)
    for kind, ax in zip(TOPOLOGIES, axes):
        topology(kind, ax=ax)
    fig.suptitle("Five ways to connect inputs and outputs through time", fontsize=18)
    return fig


# ---------------------------------------------------------------------------
# The "forest": feed-forward nets side by side, their hidden layers chained
# ---------------------------------------------------------------------------

_FOREST_STEP = 3.2                      # distance between the nets, in data units
_FOREST_ROWS = {"x": 0.0, "h": 1.9, "y": 3.8}
# How far apart the neurons of a layer are (dx, dy): the hidden layer is a slanted column, so that
# the connections to the next step's hidden layer fan out between two columns, like two layers.
_FOREST_SPREAD = {"x": (1.0, 0.0), "h": (0.45, 0.55), "y": (1.0, 0.0)}
_FOREST_RADIUS = 0.18
FOREST_MAX_T = 5


def _layer(x0, role, n):
    """(n, 2) neuron centres of one layer of the net whose column is at x0."""
    offsets = np.arange(n) - (n - 1) / 2
    dx, dy = _FOREST_SPREAD[role]
    return np.column_stack([x0 + dx * offsets, _FOREST_ROWS[role] + dy * offsets])


def _pairs(a, b):
    """Every line from a point of a to a point of b, as a list of segments."""
    return [[tuple(p), tuple(q)] for p in a for q in b]


def forest(T=3, connected=True, ax=None, layer_sizes=(2, 3, 1)):
    """Draw T small feed-forward nets side by side, one per time step.

    T: the number of nets (time steps), 1 to 5. connected: chain the hidden
    layer of each net to the hidden layer of the next one (a recurrent
    network); if False the nets are independent (a feed-forward net applied
    to each step on its own). layer_sizes: neurons in the input, hidden and
    output layer of each net. Returns the Axes.
    """
    T = positive_int(T, "T")
    if T > FOREST_MAX_T:
        raise ValueError(f"T must be a whole number from 1 to {FOREST_MAX_T} (more nets do not fit "
                         f"a slide), got {T}")
    if not isinstance(connected, (bool, np.bool_)):
        raise TypeError(f"connected must be True or False, got {connected!r}")
    if (isinstance(layer_sizes, (str, dict)) or not hasattr(layer_sizes, "__len__")
            or len(layer_sizes) != 3):
        raise ValueError(f"layer_sizes must give 3 sizes (input, hidden, output), "
                         f"got {layer_sizes!r}")
    sizes = dict(zip("xhy", (positive_int(n, f"layer_sizes[{i}]")
                             for i, n in enumerate(layer_sizes))))
    if max(sizes.values()) > 5:
        raise ValueError(f"layer_sizes must be at most 5 neurons per layer to stay readable, "
                         f"got {layer_sizes!r}")
    fig, ax = new_figure(ax, figsize=(2.2 * T + 2.4, 5.0))
    xlim, ylim = (-2.6, _FOREST_STEP * (T - 1) + 1.1), (-1.2, 4.2)
    ax.set(xlim=xlim, ylim=ylim, aspect="equal")
    ax.set_axis_off()
    box, (fig_w, fig_h) = ax.get_position(), fig.get_size_inches()
    points = 72 * min(fig_w * box.width / np.ptp(xlim),
                      fig_h * box.height / np.ptp(ylim))                 # per data unit
    nets = [{role: _layer(_FOREST_STEP * t, role, sizes[role]) for role in "xhy"} for t in range(T)]
    forward = [seg for net in nets
               for seg in _pairs(net["x"], net["h"]) + _pairs(net["h"], net["y"])]
    ax.add_collection(LineCollection(forward, colors=COLORS["grey"], linewidths=1.2, zorder=1))
    if connected and T > 1:
        chain = [seg for a, b in zip(nets, nets[1:]) for seg in _pairs(a["h"], b["h"])]
        ax.add_collection(LineCollection(chain, colors=COLORS["green"], linewidths=2.2, zorder=1))
        for t in range(1, T):
            ax.text(_FOREST_STEP * (t - 0.5), _FOREST_ROWS["h"] + 0.85, "$W_{hh}$", ha="center",
                    fontsize=0.3 * points, color=COLORS["green"])
    circles, faces, edges = [], [], []
    for net in nets:
        for role in "xhy":
            for centre in net[role]:
                circles.append(Circle(centre, _FOREST_RADIUS))
                faces.append(lighten(ROLE_COLORS[role]))
                edges.append(ROLE_COLORS[role])
    ax.add_collection(PatchCollection(circles, facecolors=faces, edgecolors=edges, linewidths=2,
                                      zorder=2))
    for role, name in (("x", "input $x_t$"), ("h", "hidden $h_t$"), ("y", "output $y_t$")):
        ax.text(-2.5, _FOREST_ROWS[role], name, fontsize=0.3 * points, va="center",
                color=ROLE_COLORS[role])
    for t in range(T):
        ax.text(_FOREST_STEP * t, -0.95, f"step {t + 1}", ha="center", fontsize=0.3 * points)
    ax.set_title("Hidden layers chained: a recurrent network" if connected
                 else "Separate feed-forward nets: no memory")
    return ax


def _wire(ax, *points, color=COLORS["grey"], width=0.035):
    """A wire through ``points`` in straight pieces, an arrow head on the last piece only."""
    for (x0, y0), (x1, y1) in zip(points[:-2], points[1:-1]):
        ax.add_artist(FancyArrow(x0, y0, x1 - x0, y1 - y0, width=width, head_width=width,
                                 head_length=0, length_includes_head=True, color=color,
                                 linewidth=0))
    (x0, y0), (x1, y1) = points[-2:]
    ax.add_artist(FancyArrow(x0, y0, x1 - x0, y1 - y0, width=width, head_width=0.18 + width,
                             head_length=0.2 + width, length_includes_head=True, color=color,
                             linewidth=0))


def _op(ax, x, y, text, r=0.3):
    """A pointwise operation (a product, a sum, a tanh) in a circle of radius r at (x, y)."""
    ax.add_artist(Circle((x, y), r, facecolor="white", edgecolor=COLORS["grey"], linewidth=2,
                         zorder=2))
    _text(ax, x, y, text, 0.3 if r == 0.3 else 0.2)


def _gate_boxes(ax, gates, row, bus):
    """The gate boxes of a gated cell at height ``row``, each (name, x, function, label); every
    gate but the last gets an arrow up from the line at ``bus``, which turns up into the last."""
    for name, x, func, label in gates:
        _box(ax, x, row, func, "h", size=(1.4, 1.0), text_height=0.3, gid=f"{name}_t")
        _text(ax, x, row - 0.32, label, 0.18)
        if name != gates[-1][0]:
            _arrow(ax, (x, bus), (x, row - 0.5))


def _cell_outline(ax, width):
    """The grey rounded rectangle of a gated cell, from x = 1.1 over ``width`` data units."""
    ax.add_artist(FancyBboxPatch((1.1, 0.7), width, 5.45,
                                 boxstyle="round,pad=0,rounding_size=0.3",
                                 facecolor=lighten(COLORS["grey"], 0.12),
                                 edgecolor=COLORS["grey"], linewidth=1.5, zorder=0, gid="cell"))


def lstm_cell(ax=None):
    """Draw one LSTM cell: the cell state c runs straight across the top (the carousel), the
    four gates i, f, g, o read h_{t-1} and x_t from the bottom, and h_t leaves on the right.
    """
    ax = _canvas(ax, (-0.7, 12.9), (-0.7, 7.3), "Inside an LSTM cell")
    grey, orange, top, bus, row = COLORS["grey"], COLORS["orange"], 5.6, 1.2, 2.7
    _cell_outline(ax, 9.3)
    # the carousel: c_{t-1} -> (.) f_t -> + i_t (.) g_t -> c_t, with no matrix in the way
    _text(ax, 0.25, top, "$c_{t-1}$", align="center")
    _wire(ax, (0.8, top), (2.7, top), color=orange, width=0.07)
    _wire(ax, (3.3, top), (5.9, top), color=orange, width=0.07)
    _wire(ax, (6.5, top), (10.25, top), color=orange, width=0.07)
    _text(ax, 10.65, top, "$c_t$", align="center")
    _text(ax, 4.6, 6.5, "the carousel: the cell state $c$ flows straight through", 0.22,
          color=orange, italic=True)
    _op(ax, 3.0, top, r"$\odot$")
    _op(ax, 6.2, top, "$+$")
    # inputs: h_{t-1} and x_t join on one line that feeds every gate
    _box(ax, 0.0, bus, "$h_{t-1}$", "h", dashed=True, gid="h_prev")
    _box(ax, 1.8, -0.2, "$x_t$", "x", gid="x_t")
    _wire(ax, (0.5, bus), (8.0, bus), (8.0, row - 0.5))   # the line turns up into the output gate
    _arrow(ax, (1.8, 0.15), (1.8, bus))
    _gate_boxes(ax, [("f", 3.0, r"$\sigma$", "forget gate"), ("i", 4.6, r"$\sigma$", "input gate"),
                     ("g", 6.2, r"$\tanh$", "candidate"), ("o", 8.0, r"$\sigma$", "output gate")],
                row, bus)
    _wire(ax, (3.0, row + 0.5), (3.0, top - 0.3))
    _text(ax, 3.12, 4.3, "$f_t$", 0.25, align="left")
    _op(ax, 6.2, 4.3, r"$\odot$")
    _wire(ax, (4.6, row + 0.5), (4.6, 4.3), (5.9, 4.3))
    _text(ax, 4.72, 3.75, "$i_t$", 0.25, align="left")
    _arrow(ax, (6.2, row + 0.5), (6.2, 4.0))
    _text(ax, 6.32, 3.55, "$g_t$", 0.25, align="left")
    _arrow(ax, (6.2, 4.6), (6.2, top - 0.3))
    # the output: h_t = o_t (.) tanh(c_t), to the next step (right) and out of the cell (up)
    _op(ax, 9.6, 4.3, r"$\tanh$", r=0.42)
    _wire(ax, (9.6, top), (9.6, 4.72))
    _op(ax, 9.6, row, r"$\odot$")
    _arrow(ax, (9.6, 3.88), (9.6, row + 0.3))
    _arrow(ax, (8.7, row), (9.3, row))
    _text(ax, 9.0, row + 0.18, "$o_t$", 0.25)
    _box(ax, 12.2, bus, "$h_t$", "h", gid="h_t")
    _box(ax, 11.2, 6.7, "$h_t$", "y", gid="h_out")
    _wire(ax, (9.6, row - 0.3), (9.6, bus), (11.7, bus))
    _wire(ax, (11.2, bus), (11.2, 6.35))
    _text(ax, 12.2, 0.55, "to step $t+1$", 0.18, color=grey, italic=True)
    _text(ax, 11.85, 6.7, "output", 0.18, color=grey, italic=True, align="left")
    return ax


def gru_cell(ax=None):
    """Draw one GRU cell as lstm_cell draws the LSTM: the state h runs straight across the top,
    kept by the update gate z_t and topped up by (1 - z_t) times the candidate; the gates z and
    r read h_{t-1} and x_t from the bottom, and the reset gate r_t scales the part of the
    candidate that reads h_{t-1} (Keras' reset_after=True: r_t * (h_{t-1} @ W_h + b_h)).
    """
    ax = _canvas(ax, (-0.7, 11.1), (-0.7, 7.3), "Inside a GRU cell")
    grey, orange, top, bus, row = COLORS["grey"], COLORS["orange"], 5.6, 1.2, 2.7
    _cell_outline(ax, 7.5)
    # the state: h_{t-1} -> (.) z_t -> + (1 - z_t) (.) h~_t -> h_t, with no matrix in the way
    _box(ax, 0.0, top, "$h_{t-1}$", "h", dashed=True, gid="h_prev")
    _wire(ax, (0.5, top), (3.3, top), color=orange, width=0.07)
    _wire(ax, (3.9, top), (7.1, top), color=orange, width=0.07)
    _wire(ax, (7.7, top), (9.65, top), color=orange, width=0.07)
    _text(ax, 4.4, 6.5, "the state $h$ flows straight through: $z_t$ keeps, $1 - z_t$ replaces",
          0.22, color=orange, italic=True)
    _op(ax, 3.6, top, r"$\odot$")
    _op(ax, 7.4, top, "$+$")
    # inputs: h_{t-1} comes down and x_t joins it on one line that feeds the gates
    _wire(ax, (1.5, top), (1.5, bus), (7.4, bus), (7.4, row - 0.5))   # up into the candidate
    _box(ax, 2.3, -0.2, "$x_t$", "x", gid="x_t")
    _arrow(ax, (2.3, 0.15), (2.3, bus))
    _gate_boxes(ax, [("z", 3.6, r"$\sigma$", "update gate"), ("r", 5.3, r"$\sigma$", "reset gate"),
                     ("h_tilde", 7.4, r"$\tanh$", "candidate")], row, bus)
    # z_t keeps h_{t-1}; 1 - z_t lets the candidate in
    _wire(ax, (3.6, row + 0.5), (3.6, top - 0.3))
    _text(ax, 3.72, 3.75, "$z_t$", 0.25, align="left")
    _wire(ax, (3.6, 4.3), (4.95, 4.3))
    _op(ax, 5.25, 4.3, "$1-$")
    _wire(ax, (5.55, 4.3), (7.1, 4.3))
    _text(ax, 6.3, 4.5, "$1-z_t$", 0.25)
    _op(ax, 7.4, 4.3, r"$\odot$")
    # r_t into the candidate: it scales the candidate's h_{t-1} part
    _arrow(ax, (6.0, row), (6.7, row))
    _text(ax, 6.35, row + 0.18, "$r_t$", 0.25)
    _text(ax, 5.6, 0.25, "$r_t$ scales the part of the candidate that reads $h_{t-1}$", 0.18,
          color=grey, italic=True)
    _arrow(ax, (7.4, row + 0.5), (7.4, 4.0))
    _text(ax, 7.52, 3.55, r"$\tilde h_t$", 0.25, align="left")
    _arrow(ax, (7.4, 4.6), (7.4, top - 0.3))
    # the output: h_t itself, to the next step (right) and out of the cell (up)
    _box(ax, 10.15, top, "$h_t$", "h", gid="h_t")
    _box(ax, 9.0, 6.7, "$h_t$", "y", gid="h_out")
    _wire(ax, (9.0, top), (9.0, 6.35))
    _text(ax, 10.15, top - 0.65, "to step $t+1$", 0.18, color=grey, italic=True)
    _text(ax, 9.65, 6.7, "output", 0.18, color=grey, italic=True, align="left")
    return ax


# ---------------------------------------------------------------------------
# The decoder that feeds back its outputs: teacher forcing and generation
# ---------------------------------------------------------------------------

DECODER_MAX_STEPS = 4


def decoder_feedback(teacher=True, steps=3, ax=None):
    """Draw the decoder of an encoder-decoder whose step t reads [c, y_{t-1}].

    c is the context vector; the previous output y_{t-1} is 0 (the start) at
    t = 1. teacher=True: training with teacher forcing, the true y_{t-1} from
    the data goes in. teacher=False: generation, the decoder's own y_{t-1}
    goes back in (an arrow from each output to the next input).
    steps: decoder steps T_out, 1 to 4. Boxes are named "u_t" (the input
    [c, y_{t-1}]), "h_t" and "y_t". Returns the Axes.
    """
    if not isinstance(teacher, (bool, np.bool_)):
        raise TypeError(f"teacher must be True (training) or False (generation), got {teacher!r}")
    steps = positive_int(steps, "steps")
    if steps > DECODER_MAX_STEPS:
        raise ValueError(f"steps must be a whole number from 1 to {DECODER_MAX_STEPS} (more do "
                         f"not fit a slide), got {steps}")
    step, rows, (w, h) = 2.4, {"x": 0.0, "h": 1.6, "y": 3.2}, (1.7, 0.7)
    title = "Training: teacher forcing" if teacher else "Generation: its own outputs go back in"
    ax = _canvas(ax, (-1.1, step * (steps - 1) + 1.1), (-0.9, rows["y"] + 0.6), title)
    fed = COLORS["vermillion"] if teacher else ROLE_COLORS["y"]
    for t in range(1, steps + 1):
        cx = step * (t - 1)
        if t == 1:
            label, note = "$c$, $0$", "start"
        else:
            label = f"$c$, true $y_{{{t - 1}}}$" if teacher else f"$c$, own $y_{{{t - 1}}}$"
            note = "from the data" if teacher else ""
        _box(ax, cx, rows["x"], label, "x", (w, h), text_height=0.24, gid=f"u_{t}")
        if note:
            _text(ax, cx, rows["x"] - 0.6, note, 0.2, color=COLORS["grey"], italic=True)
        _box(ax, cx, rows["h"], f"$h_{{{t}}}$", "h", (1.0, h), text_height=0.27, gid=f"h_{t}")
        _box(ax, cx, rows["y"], f"$y_{{{t}}}$", "y", (1.0, h), text_height=0.27, gid=f"y_{t}")
        _arrow(ax, (cx, rows["x"] + h / 2), (cx, rows["h"] - h / 2))
        _arrow(ax, (cx, rows["h"] + h / 2), (cx, rows["y"] - h / 2))
        if t > 1:
            _arrow(ax, (cx - step + 0.5, rows["h"]), (cx - 0.5, rows["h"]))
            if not teacher:                           # y_{t-1} comes back in at step t
                ax.add_artist(FancyArrowPatch(
                    (cx - step + 0.5, rows["y"]), (cx - 0.35 * w, rows["x"] + h / 2),
                    connectionstyle="arc3,rad=-0.25", arrowstyle="-|>", color=fed,
                    linewidth=2.2, mutation_scale=16, gid=f"feedback_{t}"))
    return ax


# ---------------------------------------------------------------------------
# Notebook 10: a bidirectional encoder and one decoder step with attention
# ---------------------------------------------------------------------------

ATTENTION_MAX_INPUTS = 6


def attention_decoder(inputs=("sieben", "4", "zwei", "null"), step=2, weights=None, ax=None):
    """Draw one decoder step with attention over a bidirectional encoder.

    Bottom: the input tokens x_j. Above them the encoder's states h_j, each read both ways
    (an arrow to the right for the forward direction, to the left for the backward one).
    Lines from every h_j meet in the context c_t, each as thick as its weight a_{t,j}, which
    the previous state s_{t-1} (the query) chose; c_t and s_{t-1} make s_t, which writes y_t.
    inputs: 1 to 6 input tokens (str). step: t, the output step drawn. weights: (T_in,)
    attention weights a_{t,j} (>= 0, summing to 1), or None for most of it on input j = t.
    Boxes are named "x_j", "h_j", "c", "s_prev", "s" and "y". Returns the Axes.
    """
    if isinstance(inputs, str) or not isinstance(inputs, (list, tuple)):
        raise TypeError(f"inputs must be a list of tokens such as ['sieben', '4'], got "
                        f"{type(inputs).__name__}")
    inputs, T = [str(token) for token in inputs], len(inputs)
    if not 1 <= T <= ATTENTION_MAX_INPUTS:
        raise ValueError(f"inputs must hold 1 to {ATTENTION_MAX_INPUTS} tokens (more do not fit a "
                         f"slide), got {T}")
    step = positive_int(step, "step")
    if weights is None:
        weights = np.full(T, 0.1 / max(T - 1, 1))
        weights[min(step, T) - 1] = 0.9 if T > 1 else 1.0
    weights = np.asarray(weights, dtype=float)
    if weights.shape != (T,) or weights.min() < 0 or not np.isclose(weights.sum(), 1.0):
        raise ValueError(f"weights must be {T} numbers >= 0 summing to 1, one per input, "
                         f"got {weights!r}")
    gap, rows, (w, h) = 1.9, {"x": 0.0, "h": 1.6, "c": 3.3, "s": 4.7, "y": 6.0}, (1.4, 0.7)
    xs = gap * np.arange(T)
    x_c = xs.mean() + (0.9 if T > 1 else 1.5)
    ax = _canvas(ax, (-1.0, max(xs[-1], x_c) + 1.0), (-0.6, rows["y"] + 0.6),
                 f"Output step t = {step} looks back at every input")
    for j, (x, word) in enumerate(zip(xs, inputs), start=1):
        _box(ax, x, rows["x"], word, "x", (w, h), gid=f"x_{j}",
             text_height=min(0.3, 1.6 * w / max(len(word), 1)))
        _box(ax, x, rows["h"], f"$h_{{{j}}}$", "h", (1.0, h), gid=f"h_{j}")
        _arrow(ax, (x, rows["x"] + h / 2), (x, rows["h"] - h / 2))
        if j > 1:                                  # the two directions between neighbours
            _arrow(ax, (x - gap + 0.5, rows["h"] + 0.15), (x - 0.5, rows["h"] + 0.15))
            _arrow(ax, (x - 0.5, rows["h"] - 0.15), (x - gap + 0.5, rows["h"] - 0.15))
        ax.plot([x, x_c], [rows["h"] + h / 2, rows["c"] - 0.3], color=COLORS["orange"],
                lw=0.5 + 8 * weights[j - 1], solid_capstyle="round", zorder=1)
    _text(ax, x_c + 0.55, rows["c"] - 0.05, "weights $a_{t,j}$", 0.24, color=COLORS["orange"],
          align="left", italic=True)
    _box(ax, x_c, rows["c"], "$c_t$", "h", (0.8, 0.6), gid="c")
    _box(ax, x_c - 2.2, rows["s"], "$s_{t-1}$", "h", (1.0, h), dashed=True, gid="s_prev")
    _box(ax, x_c, rows["s"], "$s_t$", "h", (1.0, h), strong=True, gid="s")
    _box(ax, x_c, rows["y"], "$y_t$", "y", (1.0, h), gid="y")
    _arrow(ax, (x_c, rows["c"] + 0.3), (x_c, rows["s"] - h / 2))
    _arrow(ax, (x_c - 2.2, rows["s"] - h / 2), (x_c - 0.4, rows["c"] + 0.1))   # the query
    _text(ax, x_c - 1.75, rows["c"] + 0.35, "query", 0.22, color=COLORS["grey"], align="right",
          italic=True)
    _arrow(ax, (x_c - 1.7, rows["s"]), (x_c - 0.5, rows["s"]))
    _arrow(ax, (x_c, rows["s"] + h / 2), (x_c, rows["y"] - h / 2))
    return ax
