"""The course's plotting style and its data plots (matplotlib only).

Call ``use_style()`` once at the top of a notebook: big fonts and thick lines
for a projector, and a colour-blind-safe palette (Okabe and Ito, 2008).
Every plotting function takes an optional ``ax=`` to draw on, creates a new
figure otherwise, and returns the matplotlib Axes it drew on.

Time steps are counted from 1, as in the maths: h_1 is the hidden state
after the first input x_1 (it is Hs[:, 0] in code).
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .._validate import as_array, positive_int, prediction_pair, step_labels, time_step

COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",      # not in Okabe-Ito: a neutral for guides and connections
}
# Yellow is left out of the line cycle: it is hard to see on white.
CYCLE = [COLORS[name]
         for name in ("blue", "orange", "green", "vermillion", "purple", "sky", "black")]

STYLE = {
    "figure.figsize": (8, 4.5),
    "figure.dpi": 100,
    "font.size": 14,
    "axes.titlesize": 16,
    "axes.labelsize": 14,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "legend.frameon": False,
    "lines.linewidth": 2.5,
    "lines.markersize": 8,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=CYCLE),
}


def use_style():
    """Apply the course style to every figure made from now on (safe to call again)."""
    mpl.rcParams.update(STYLE)


def new_figure(ax=None, figsize=None):
    """Return (fig, ax): the given Axes and its figure, or a new figure with one Axes.

    figsize: (width, height) in inches for a new figure; the style's default if None.
    """
    if ax is None:
        return plt.subplots(figsize=figsize)
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes (for example from plt.subplots()), "
                        f"got {type(ax).__name__}")
    return ax.figure, ax


def _curves(values, name, labels):
    """One curve (a 1-D array) or a dict name -> curve, as a list of (label, array)."""
    if isinstance(values, dict):
        if not values:
            raise ValueError(f"{name} is an empty dict; it needs at least one curve")
        curves = [(str(key), as_array(curve, f"{name}[{key!r}]", ndim=1))
                  for key, curve in values.items()]
    else:
        curves = [(None, as_array(values, name, ndim=1, why="one value per point"))]
    if labels is not None:
        labels = [labels] if isinstance(labels, str) else list(labels)
        if len(labels) != len(curves):
            raise ValueError(f"labels must give one name per curve: {name} has {len(curves)} "
                             f"curve(s), labels has {len(labels)}")
        curves = [(str(label), curve) for label, (_, curve) in zip(labels, curves)]
    return curves


def _from_history_object(history):
    """Keras' History (fit's return value) or rnnkit's History as
    {"train": ..., "validation": ...}.
    """
    if hasattr(history, "history"):                   # Keras keeps its logs in a dict
        curves = {"train": history.history.get("loss", []),
                  "validation": history.history.get("val_loss", [])}
    else:
        curves = {"train": history.loss, "validation": history.val_loss}
    return {name: losses for name, losses in curves.items() if len(losses)}


def loss_curve(history, ax=None, labels=None, log=False, title="Training loss"):
    """Plot loss against epoch (epochs count from 1).

    history: the losses, shape (E,) for E epochs; or a dict name -> (E,) such
    as {"train": [...], "test": [...]}; or the History that Keras' fit or
    rnnkit.train returns. labels: legend names, one per curve (default: the
    dict keys). log: use a logarithmic loss axis (losses must be > 0).
    """
    if hasattr(history, "history") or hasattr(history, "val_loss"):
        history = _from_history_object(history)
    curves = _curves(history, "history", labels)
    if log and any(np.any(losses <= 0) for _, losses in curves):
        raise ValueError("history must hold losses > 0 for log=True (a log axis cannot show 0 "
                         "or negative values); use log=False")
    fig, ax = new_figure(ax)
    for label, losses in curves:
        ax.plot(np.arange(1, len(losses) + 1), losses, label=label)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="epoch", ylabel="loss", title=title, yscale="log" if log else "linear")
    if curves[0][0] is not None:
        ax.legend()
    return ax


def predictions(y_true, y_pred, ax=None, title="Predictions against targets"):
    """Scatter each prediction against its target, with the line y = x of a perfect model.

    y_true, y_pred: the same shape, e.g. (N,) or (N, 1); they are flattened.
    """
    y_pred, y_true = prediction_pair(y_pred, y_true)
    y_true, y_pred = y_true.ravel(), y_pred.ravel()
    fig, ax = new_figure(ax)
    ax.scatter(y_true, y_pred, s=30, alpha=0.6, color=COLORS["blue"], label="one sample")
    low, high = min(y_true.min(), y_pred.min()), max(y_true.max(), y_pred.max())
    ax.plot([low, high], [low, high], "--", color=COLORS["black"], lw=1.5,
            label="perfect: prediction = target")
    margin = 0.05 * (high - low) or 1.0  # same range on both axes, so y = x is the diagonal
    ax.set(xlim=(low - margin, high + margin), ylim=(low - margin, high + margin), aspect="equal",
           xlabel="target", ylabel="prediction", title=title)
    ax.legend(loc="upper left")
    return ax


def series(y_true, y_pred, ax=None, title="Targets and predictions"):
    """Plot targets and predictions against the sample index.

    y_true, y_pred: the same shape, e.g. (N,) or (N, 1); they are flattened.
    """
    y_pred, y_true = prediction_pair(y_pred, y_true)
    y_true, y_pred = y_true.ravel(), y_pred.ravel()
    fig, ax = new_figure(ax)
    ax.plot(y_true, color=COLORS["blue"], label="target")
    ax.plot(y_pred, "--", color=COLORS["orange"], label="prediction")
    ax.set(xlabel="sample", ylabel="value", title=title)
    ax.legend()
    return ax


def hidden_heatmap(Hs, ax=None, tokens=None, highlight=None, title="Hidden state over time"):
    """Show the hidden states of one sequence as a heatmap: time across, hidden units down.

    Hs: (T, H), h_t for t = 1..T of one sequence (from a batch (N, T, H), pass Hs[0]).
    tokens: T labels for the time axis (e.g. the input words). highlight: a
    time step t (1..T) to frame. The colours are fixed to tanh's range [-1, 1]
    so that heatmaps of different sequences can be compared.
    """
    Hs = as_array(Hs, "Hs", ndim=2, why="shape (T, H) for one sequence; for a batch pass Hs[0]")
    T, H = Hs.shape
    tokens = None if tokens is None else step_labels(tokens, T, "tokens")
    highlight = None if highlight is None else time_step(highlight, T, "highlight")
    fig, ax = new_figure(ax)
    image = ax.imshow(Hs.T, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto", interpolation="nearest",
                      # pixel centres at t = 1..T, units 0..H-1
                      extent=(0.5, T + 0.5, H - 0.5, -0.5))
    fig.colorbar(image, ax=ax, label=r"$h_t$ value")
    ax.grid(False)
    if tokens is None:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        ax.set_xticks(range(1, T + 1), tokens)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if highlight is not None:
        ax.add_patch(Rectangle((highlight - 0.5, -0.5), 1, H, fill=False, lw=3,
                               edgecolor=COLORS["black"]))
    ax.set(xlabel="time step t", ylabel="hidden unit", title=title)
    return ax


def next_word_bars(words, probs, ax=None, top=8, title="Next-word probabilities"):
    """Horizontal bars of the ``top`` most likely next words, the most likely one highlighted.

    words: V words (the vocabulary, in the order of probs). probs: (V,), the
    model's probability for each word (e.g. a softmax output row).
    """
    probs = as_array(probs, "probs", ndim=1, why="one probability per word")
    if isinstance(words, str) or not hasattr(words, "__iter__"):
        raise TypeError(f"words must be a list of words (e.g. vocab.words), "
                        f"got {type(words).__name__}")
    words = [str(word) for word in words]
    if len(words) != len(probs):
        raise ValueError(f"words and probs must have the same length (one probability per word), "
                         f"got {len(words)} words and {len(probs)} probabilities")
    if probs.min() < 0 or probs.max() > 1:
        raise ValueError(f"probs must hold probabilities between 0 and 1, got values from "
                         f"{probs.min():g} to {probs.max():g}; apply softmax first")
    k = min(positive_int(top, "top"), len(probs))
    order = np.argsort(-probs, kind="stable")[:k]
    fig, ax = new_figure(ax)
    colors = [COLORS["orange"]] + [COLORS["sky"]] * (k - 1)
    bars = ax.barh(range(k), probs[order], color=colors)
    ax.bar_label(bars, fmt="%.2f", padding=4)
    ax.set_yticks(range(k), [words[i] for i in order], fontsize=14)
    ax.invert_yaxis()                                 # the most likely word on top
    ax.set_xlim(0, 1.15)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.grid(False, axis="y")
    ax.set(xlabel="probability", title=title)
    return ax


def gradient_norms(distances, norms, ax=None, labels=None, log=True,
                   title="Gradient norm against distance in time",
                   ylabel=r"$\|\partial L / \partial h_{T-k}\|$"):
    """Plot the norm of the gradient reaching h_{T-k} against the distance k.

    distances: (K,), the distances k in time steps. norms: (K,), one norm per
    distance; or a dict label -> (K,) for several curves, e.g.
    {"spectral radius 0.9": [...], "1.1": [...]}. labels: legend names, one
    per curve (default: the dict keys). log: logarithmic norm axis, where
    vanishing and exploding gradients show as straight lines. ylabel: what the
    curves are, when they are not ||dL/dh_{T-k}|| (a cell state's gradient, or
    norms divided by their value at k = 0).
    """
    distances = as_array(distances, "distances", ndim=1, why="one distance k per norm")
    curves = _curves(norms, "norms", labels)
    for label, curve in curves:
        if curve.shape != distances.shape:
            raise ValueError(f"norms must have one value per distance: distances has shape "
                             f"{distances.shape}, the curve {label or 'norms'} has shape "
                             f"{curve.shape}")
        if curve.min() < 0:
            raise ValueError(f"norms must be >= 0 (they are lengths of vectors), "
                             f"got {curve.min():g}")
    fig, ax = new_figure(ax)
    for label, curve in curves:
        ax.plot(distances, curve, marker="o", markersize=4, label=label)
    ax.set(xlabel="distance k (steps back from the last step T)", ylabel=ylabel,
           title=title, yscale="log" if log else "linear")
    if curves[0][0] is not None:
        ax.legend()
    return ax


def sequences(X, y=None, ax=None, n=5):
    """Plot the first ``n`` sequences over their time steps 1..T, each target as a marker at T + 1.

    X: (N, T, 1) or (N, T), one value per time step. y: optional (N,) or
    (N, 1), the value to predict after each sequence.
    """
    X = as_array(X, "X", ndim=(2, 3), why="N sequences of T time steps, one value per step")
    if X.ndim == 3:
        if X.shape[2] != 1:
            raise ValueError(f"X must have one feature per time step, shape (N, T, 1) or (N, T); "
                             f"got shape {X.shape} with D = {X.shape[2]} features")
        X = X[:, :, 0]
    N, T = X.shape
    if y is not None:
        y = as_array(y, "y", ndim=(1, 2), why="one target per sequence").ravel()
        if len(y) != N:
            raise ValueError(f"y must have one target per sequence (N = {N}), got {len(y)} values")
    count = min(positive_int(n, "n"), N)
    fig, ax = new_figure(ax)
    steps = np.arange(1, T + 1)
    for i in range(count):
        color = CYCLE[i % len(CYCLE)]
        ax.plot(steps, X[i], color=color)
        if y is not None:
            ax.plot([T, T + 1], [X[i, -1], y[i]], ":", color=color, lw=1.5)
            ax.plot(T + 1, y[i], "o", color=color, markeredgecolor=COLORS["black"], markersize=10)
    if y is not None:                                    # an empty line that only names the markers
        ax.plot([], [], "o", color=COLORS["grey"], markeredgecolor=COLORS["black"], markersize=10,
                label="target y (the next value)")
        ax.legend()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="time step t", ylabel=r"$x_t$", title=f"{count} of the {N} sequences")
    return ax


def perplexity_bars(perplexities, ax=None, title="Perplexity (lower is better)"):
    """Horizontal bars of several models' perplexities, each labelled, the lowest highlighted.

    perplexities: a dict model name -> perplexity (a number >= 1), in the order
    to show them from top to bottom, e.g. {"uniform": 50, "bigram": 12.7, "RNN": 3.4}.
    """
    if not isinstance(perplexities, dict) or not perplexities:
        raise TypeError(f"perplexities must be a non-empty dict of model name -> perplexity, "
                        f"got {type(perplexities).__name__}")
    names = [str(name) for name in perplexities]
    values = as_array(list(perplexities.values()), "perplexities", ndim=1,
                      why="one number per model")
    if values.min() < 1:
        raise ValueError(f"perplexities must be >= 1 (exp of a cross-entropy >= 0), "
                         f"got {values.min():g} for {names[int(values.argmin())]!r}")
    fig, ax = new_figure(ax, figsize=(8, 0.6 * len(names) + 1.4))
    best = int(values.argmin())
    colors = [COLORS["orange"] if i == best else COLORS["sky"] for i in range(len(names))]
    bars = ax.barh(range(len(names)), values, color=colors)
    ax.bar_label(bars, fmt="%.1f", padding=4)
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()                                 # the first model on top
    ax.set_xlim(0, values.max() * 1.15)
    ax.grid(False, axis="y")
    ax.set(xlabel="perplexity", title=title)
    return ax


def forecasts(t, y_true, y_preds, ax=None, xlabel="year", ylabel="value",
              title="Forecasts against what happened"):
    """Plot what happened (a solid black line) and one or more forecasts of it against time.

    t: (K,), the time of each value (e.g. decimal years). y_true: (K,) or
    (K, 1), the values that happened. y_preds: one forecast (K,) or (K, 1),
    or a dict name -> forecast, each of the shape of y_true, e.g.
    {"linear AR": ..., "RNN": ...}; they are drawn dashed, in the palette's order.
    """
    t = as_array(t, "t", ndim=1, why="one time per value")
    y_true = as_array(y_true, "y_true", ndim=(1, 2), why="one value per time").reshape(-1)
    if len(y_true) != len(t):
        raise ValueError(f"y_true must have one value per time in t ({len(t)}), "
                         f"got {len(y_true)}")
    if not isinstance(y_preds, dict):
        y_preds = {"forecast": y_preds}
    if not y_preds:
        raise ValueError("y_preds is an empty dict; it needs at least one forecast")
    curves = []
    for name, y_pred in y_preds.items():
        y_pred = as_array(y_pred, f"y_preds[{name!r}]", ndim=(1, 2)).reshape(-1)
        if len(y_pred) != len(t):
            raise ValueError(f"y_preds[{name!r}] must have one value per time in t ({len(t)}), "
                             f"got {len(y_pred)}")
        curves.append((str(name), y_pred))
    fig, ax = new_figure(ax)
    ax.plot(t, y_true, color=COLORS["black"], label="what happened")
    for i, (name, y_pred) in enumerate(curves):
        ax.plot(t, y_pred, "--", color=CYCLE[i % (len(CYCLE) - 1)], label=name)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))     # 2024, 2025, not 2024.25
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.legend()
    return ax


def perplexity_curves(curves, baselines=None, ax=None, xlabel="characters trained on",
                      title="Perplexity during training"):
    """Perplexity against training progress, with baselines as dashed horizontal lines.

    curves: a dict name -> (x, perplexity), each a pair of (K,) arrays, e.g.
    {"training": (characters, p_train), "held-out": (characters, p_held)};
    they are drawn in the palette's order, the points marked. baselines: an
    optional dict name -> perplexity (a number >= 1), e.g. {"bigram": 12.1},
    each drawn as a grey dashed line across the plot, labelled at its right
    end. The perplexity axis is logarithmic.
    """
    if not isinstance(curves, dict) or not curves:
        raise TypeError(f"curves must be a non-empty dict of name -> (x, perplexity), "
                        f"got {type(curves).__name__}")
    pairs = []
    for name, pair in curves.items():
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"curves[{name!r}] must be a pair (x, perplexity), "
                            f"got {type(pair).__name__}")
        x = as_array(pair[0], f"curves[{name!r}] x", ndim=1, why="one position per point")
        p = as_array(pair[1], f"curves[{name!r}] perplexity", ndim=1, why="one per point")
        if x.shape != p.shape:
            raise ValueError(f"curves[{name!r}] needs one perplexity per x: x has {len(x)} "
                             f"points, perplexity {len(p)}")
        if p.min() < 1:
            raise ValueError(f"curves[{name!r}] perplexity must be >= 1, got {p.min():g}")
        pairs.append((str(name), x, p))
    baselines = {} if baselines is None else baselines
    if not isinstance(baselines, dict):
        raise TypeError(f"baselines must be a dict of name -> perplexity or None, "
                        f"got {type(baselines).__name__}")
    levels = as_array(list(baselines.values()), "baselines", ndim=1, allow_empty=True)
    if levels.size and levels.min() < 1:
        raise ValueError(f"baselines must be perplexities >= 1, got {levels.min():g}")
    fig, ax = new_figure(ax)
    for i, (name, x, p) in enumerate(pairs):
        ax.plot(x, p, marker="o", markersize=4, color=CYCLE[i % len(CYCLE)], label=name)
    right = max(x.max() for _, x, _ in pairs)
    for name, level in zip(baselines, levels):
        ax.axhline(level, color=COLORS["grey"], ls="--", lw=1.5)
        ax.annotate(str(name), (1.0, level), xycoords=("axes fraction", "data"),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=12,
                    color=COLORS["grey"], annotation_clip=False)
    ax.set_xlim(0, right * 1.02)
    ax.set(xlabel=xlabel, ylabel="perplexity", title=title, yscale="log")
    plain = FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 10 or value == 0
                          else f"{value:g}")
    ax.yaxis.set_major_formatter(plain)                 # 5, 10, 20 rather than 10^1
    ax.yaxis.set_minor_formatter(plain)
    ax.xaxis.set_major_formatter(plain)                 # 200,000 rather than 2e5
    ax.legend()
    return ax


# -- notebook 11: what must wait, and the scan ----------------------------------------------

def times_against_length(lengths, times, ax=None, ylabel="seconds", ratio=None,
                         title="Time against sequence length"):
    """Measured times against the sequence length T, on log-log axes.

    lengths: (K,) the lengths T measured. times: (K,) seconds, one per length, or a dict
    label -> (K,) for several curves, e.g. {"GRU": [...], "minGRU": [...]}. On log-log axes a
    time proportional to T is a straight line of slope 1; a dotted grey line of that slope,
    through the first curve's first point, is drawn to compare with. ratio: None, or a pair
    of the dict's labels (slow, fast): each length is then labelled with slow's time over
    fast's ("3.2x"), halfway between the two points.
    """
    lengths = as_array(lengths, "lengths", ndim=1, why="one length T per time")
    if lengths.min() <= 0:
        raise ValueError(f"lengths must be > 0 (numbers of steps), got {lengths.min():g}")
    curves = _curves(times, "times", None)
    for label, curve in curves:
        if curve.shape != lengths.shape:
            raise ValueError(f"times must have one value per length: lengths has shape "
                             f"{lengths.shape}, the curve {label or 'times'} has shape "
                             f"{curve.shape}")
        if curve.min() <= 0:
            raise ValueError(f"times must be > 0 seconds, got {curve.min():g}")
    fig, ax = new_figure(ax)
    for label, curve in curves:
        ax.plot(lengths, curve, marker="o", label=label)
    first = curves[0][1][0]
    ax.plot(lengths, first * lengths / lengths[0], ls=":", color=COLORS["grey"],
            label="proportional to T")
    if ratio is not None:
        named = dict(curves)
        if not isinstance(ratio, (tuple, list)) or len(ratio) != 2 or \
                any(label not in named for label in ratio):
            raise ValueError(f"ratio must be a pair of the labels of times "
                             f"({', '.join(map(repr, named))}), got {ratio!r}")
        slow, fast = named[ratio[0]], named[ratio[1]]
        for x, s, f in zip(lengths, slow, fast):
            ax.annotate(f"{s / f:.1f}x", (x, np.sqrt(s * f)), xytext=(8, 0),
                        textcoords="offset points", ha="left", va="center", fontsize=12)
    ax.set(xscale="log", yscale="log", xlabel="sequence length T", ylabel=ylabel, title=title)
    ax.minorticks_off()
    ax.set_xticks(lengths, [f"{x:,.0f}" for x in lengths])         # the lengths measured
    ax.legend()
    return ax


def scan_diagram(T=8, ax=None, title=None):
    """The rounds of the doubling scan (rnnkit.scan.parallel_scan) over T steps.

    Row 0 holds the pairs (a_t, b_t) of steps t = 1 .. T; in round j (k = 2^(j-1)) every step
    t > k takes in the pair at t - k (an arrow), and the others pass down unchanged (a grey
    line). The label at the right of each row says how many steps each pair then covers.
    T: 2 to 32 steps.
    """
    T = positive_int(T, "T", minimum=2)
    if T > 32:
        raise ValueError(f"T must be at most 32 to be readable, got {T}")
    rounds = (T - 1).bit_length()
    fig, ax = new_figure(ax, figsize=(min(1.0 * T + 2.5, 14), 1.1 * rounds + 1.6))
    for j in range(rounds + 1):
        ax.scatter(np.arange(1, T + 1), np.full(T, -j), s=90, zorder=3,
                   color=COLORS["blue"] if j < rounds else COLORS["orange"])
        covers = ("1 step" if j == 0 else "from step 1: $b_t = h_t$" if j == rounds
                  else f"up to {2 ** j} steps")
        ax.annotate(("pairs $(a_t, b_t)$: " if j == 0 else f"round {j}, k = {2 ** (j - 1)}: ")
                    + covers, (T + 0.6, -j), va="center", fontsize=12, annotation_clip=False)
        if j == 0:
            continue
        k = 2 ** (j - 1)
        for t in range(1, T + 1):
            ax.plot([t, t], [-(j - 1), -j], color=COLORS["grey"], lw=1, zorder=1)
            if t > k:
                ax.annotate("", (t, -j + 0.12), (t - k, -(j - 1) - 0.12),
                            arrowprops={"arrowstyle": "->", "color": COLORS["vermillion"],
                                        "lw": 1.5})
    ax.set_xticks(range(1, T + 1), [f"{t}" for t in range(1, T + 1)])
    ax.set_yticks([])
    ax.set_xlim(0.4, T + 0.6)
    ax.set_ylim(-rounds - 0.5, 0.5)
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    ax.set(xlabel="step t", title=title or f"The scan over T = {T} steps: {rounds} rounds "
                                           f"instead of {T} steps")
    return ax


def loss_by_group(groups, losses, ax=None, xlabel="", ylabel="loss (nats per character)",
                  title="Loss by group (lower is better)"):
    """Side-by-side bars: each model's mean loss in each group of predictions.

    groups: G labels, e.g. ["never", "1-9", "10-99"]. losses: a dict model name ->
    G mean losses (one per group), drawn in the palette's order, e.g. {"LSTM": (G,),
    "6-gram": (G,)}. Returns the Axes.
    """
    labels = [str(g) for g in groups]
    if not isinstance(losses, dict) or not losses:
        raise TypeError(f"losses must be a non-empty dict of model name -> one loss per group, "
                        f"got {type(losses).__name__}")
    rows = {str(name): as_array(value, f"losses[{name!r}]", shape=(len(labels),),
                                why="one mean loss per group")
            for name, value in losses.items()}
    fig, ax = new_figure(ax, figsize=(8, 4.5))
    width = 0.8 / len(rows)
    for i, (name, value) in enumerate(rows.items()):
        ax.bar(np.arange(len(labels)) + (i - (len(rows) - 1) / 2) * width, value, width,
               color=CYCLE[i % len(CYCLE)], label=name)
    ax.set_xticks(range(len(labels)), labels)
    ax.grid(False, axis="x")
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.legend()
    return ax


def unit_activation(text, values, ax=None, width=64, title="One unit's activation"):
    """Each character of ``text`` on a background coloured by ``values``, one per character:
    blue below 0, red above, white at 0 (values are scaled by their largest |value|).

    text: a str of L characters (a newline starts a new row, a long row wraps at ``width``).
    values: (L,) numbers, e.g. one hidden unit's activation after each character.
    Returns the Axes (as Karpathy shows a unit in "The unreasonable effectiveness of recurrent
    neural networks").
    """
    if not isinstance(text, str) or not text:
        raise TypeError(f"text must be a non-empty str, got {type(text).__name__}")
    values = as_array(values, "values", shape=(len(text),), why="one value per character")
    scale = float(np.abs(values).max()) or 1.0
    places, row, col = [], 0, 0
    for char in text:
        if col == width:
            row, col = row + 1, 0
        places.append((row, col))
        row, col = (row + 1, 0) if char == "\n" else (row, col + 1)
    rows = places[-1][0] + 1
    fig, ax = new_figure(ax, figsize=(0.16 * width + 0.5, 0.32 * rows + 0.8))
    colours = plt.get_cmap("RdBu_r")
    for char, value, (r, c) in zip(text, values, places):
        ax.add_patch(Rectangle((c, -r - 1), 1, 1, color=colours(0.5 + 0.35 * value / scale),
                               lw=0))
        shown = "⏎" if char == "\n" else char
        ax.text(c + 0.5, -r - 0.5, shown, ha="center", va="center", fontsize=11,
                family="monospace")
    ax.set_xlim(0, width)
    ax.set_ylim(-rows, 0)
    ax.set_axis_off()
    ax.set_title(title)
    return ax


# ---------------------------------------------------------------------------
# Notebook 10: attention, accuracy against length, embeddings
# ---------------------------------------------------------------------------

def accuracy_by_length(lengths, results, ax=None, ylabel="share of outputs entirely right",
                       title="Accuracy against input length"):
    """Each model's accuracy against the input length: the mean over seeds as a line, the
    lowest to the highest seed as a band.

    lengths: (L,) input lengths. results: a dict model name -> (S, L) accuracies, one row per
    seed (S >= 1), drawn in the palette's order. Returns the Axes.
    """
    lengths = as_array(lengths, "lengths", ndim=1, why="one input length per column of results")
    if not isinstance(results, dict) or not results:
        raise TypeError(f"results must be a non-empty dict of model name -> (seeds, lengths) "
                        f"accuracies, got {type(results).__name__}")
    fig, ax = new_figure(ax)
    for i, (name, runs) in enumerate(results.items()):
        runs = as_array(runs, f"results[{name!r}]", shape=(None, len(lengths)),
                        why="one row per seed, one column per length")
        color = CYCLE[i % len(CYCLE)]
        ax.fill_between(lengths, runs.min(axis=0), runs.max(axis=0), color=color, alpha=0.2,
                        lw=0)
        ax.plot(lengths, runs.mean(axis=0), marker="o", color=color,
                label=f"{name} ({len(runs)} seeds)")
    ax.set(xlabel="input length (tokens)", ylabel=ylabel, ylim=(-0.03, 1.03), title=title)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend()
    return ax


def attention_heatmap(weights, inputs, outputs, ax=None, title="Where each output step looked"):
    """The attention weights of one translation: output steps down, input tokens across.

    weights: (T_out, T_in), row t the weights a_t over the inputs when writing output t (each
    row sums to 1). inputs: T_in labels (the input tokens); outputs: T_out labels (the
    tokens written). The colours run from 0 (white) to 1 (dark). Returns the Axes.
    """
    weights = as_array(weights, "weights", ndim=2,
                       why="(T_out, T_in): one row of weights per output step")
    T_out, T_in = weights.shape
    inputs = step_labels(inputs, T_in, "inputs")
    outputs = step_labels(outputs, T_out, "outputs")
    fig, ax = new_figure(ax, figsize=(0.6 * T_in + 2.5, 0.45 * T_out + 1.6))
    image = ax.imshow(weights, cmap="Blues", vmin=0, vmax=1, interpolation="nearest",
                      aspect="auto")
    fig.colorbar(image, ax=ax, label="attention weight $a_{t,j}$")
    ax.grid(False)
    ax.set_xticks(range(T_in), inputs, rotation=45, ha="right")
    ax.set_yticks(range(T_out), outputs)
    ax.set(xlabel="input token j", ylabel="output step t", title=title)
    return ax


def embedding_map(W_e, tokens, groups=None, ax=None, title="The learned embeddings"):
    """Each token at its embedding's first two principal components, written as its text.

    W_e: (V, E), one row per token (E >= 2). tokens: the V tokens, in the order of W_e's rows.
    groups: optional V labels; tokens of one group share a colour and are joined by thin
    lines, so a tight group shows as a small patch. Each token is a dot, its text beside it.
    The components are the two directions in which the rows of W_e vary most; each is signed
    so that its largest coordinate is positive. Returns the Axes.
    """
    W_e = as_array(W_e, "W_e", ndim=2, why="(V, E): one row per token")
    V, E = W_e.shape
    if V < 2 or E < 2:
        raise ValueError(f"W_e must have at least 2 rows and 2 columns to show two components, "
                         f"got shape {W_e.shape}")
    tokens = step_labels(tokens, V, "tokens")
    groups = [None] * V if groups is None else step_labels(groups, V, "groups")
    centred = W_e - W_e.mean(axis=0)
    components = np.linalg.svd(centred, full_matrices=False)[2][:2]     # (2, E)
    points = centred @ components.T                                     # (V, 2)
    points *= np.sign(points[np.abs(points).argmax(axis=0), [0, 1]])    # a fixed sign each
    fig, ax = new_figure(ax, figsize=(8, 6))
    spread = float(np.max(points.max(axis=0) - points.min(axis=0))) or 1.0
    names = list(dict.fromkeys(groups))
    for i, name in enumerate(names):
        members = [v for v in range(V) if groups[v] == name]
        color = CYCLE[i % len(CYCLE)] if name is not None else COLORS["black"]
        if name is not None and len(members) > 1:
            loop = members + members[:1]
            ax.plot(points[loop, 0], points[loop, 1], color=color, lw=1, alpha=0.5)
        ax.plot(points[members, 0], points[members, 1], "o", color=color, markersize=4)
        for k, v in enumerate(members):        # labels fanned out round the points
            angle = np.pi / 2 + 2 * np.pi * k / len(members)
            x, y = np.cos(angle), np.sin(angle)
            ax.text(*(points[v] + 0.02 * spread * np.array([x, y])), tokens[v], color=color,
                    fontsize=13, fontweight="bold",
                    ha="left" if x > 0.3 else "right" if x < -0.3 else "center",
                    va="bottom" if y > 0.3 else "top" if y < -0.3 else "center")
    margin = np.array([0.15, 0.1]) * (points.max(axis=0) - points.min(axis=0))
    ax.set(xlim=(points[:, 0].min() - margin[0], points[:, 0].max() + margin[0]),
           ylim=(points[:, 1].min() - margin[1], points[:, 1].max() + margin[1]),
           xlabel="first principal component", ylabel="second principal component",
           title=title)
    return ax
