"""Widget for notebook 03: pick a topology, see its diagram, its shapes and what it is for.

    topology_picker_widget(kind="many_to_one")
    model_shapes(kind, N=4, T=6, D=3, H=8, O=2, steps=3)   input and output shapes from a real forward pass

The shapes under the diagram are not typed in: the widget builds the rnnkit
model of each topology (rnnkit.OneToOne, OneToMany, ManyToOne, ManyToMany,
EncoderDecoder), runs it on a small batch and reads the shapes off the arrays.
The five diagrams are drawn once, as pictures, when the widget is made;
picking a topology only swaps the picture, so an update costs little more
than writing the PNG.
"""

import html

import ipywidgets
from matplotlib.figure import Figure

from .. import diagrams
from .._validate import one_of, optional_seed, positive_int
from ..topologies import TOPOLOGIES as MODELS
from . import FigureWidget
from . import render

KINDS = tuple(diagrams.TOPOLOGIES)

# What each topology is for: the article's example, and where it needs a correction.
USES = {
    "one_to_one": "Image classification: one image in, one label out. There are no time steps, so this "
                  "is an ordinary feed-forward net (W_hh is never used).",
    "one_to_many": "Image captioning: one image (as a vector) in, a sentence out, one word per step.",
    "many_to_one": "Sentiment analysis: a sentence in, one label (positive, negative, neutral) after "
                   "the last word.",
    "many_to_many": "Tagging: one label for every input step, such as the part of speech of each word or "
                    "the event in each frame of a video. (The article's example, machine translation, "
                    "rarely keeps the length: that is the encoder-decoder's job.)",
    "encoder_decoder": "Translation and speech recognition: the output's length differs from the input's. "
                       "The encoder reads everything into one vector, then the decoder writes the output.",
}


def example_model(kind, D=3, H=8, O=2, steps=3, seed=0):
    """The rnnkit model of a topology: OneToOne, OneToMany, ManyToOne, ManyToMany or EncoderDecoder.

    kind: one of KINDS. D, H, O: input, hidden and output sizes. steps: the
    output length T_out of "one_to_many" and "encoder_decoder" (ignored by
    the others). seed: for the starting weights.
    """
    kind = one_of(kind, "kind", KINDS)
    D, H, O = positive_int(D, "D"), positive_int(H, "H"), positive_int(O, "O")
    steps = positive_int(steps, "steps")
    if kind in ("one_to_many", "encoder_decoder"):
        return MODELS[kind](D, H, O, steps, seed=seed)
    return MODELS[kind](D, H, O, seed=seed)


def model_shapes(kind, N=4, T=6, D=3, H=8, O=2, steps=3, seed=0):
    """Run a topology's rnnkit model on a random batch and return (input shape, output shape).

    kind: one of KINDS. N: sequences in the batch. T: input steps (for the
    topologies that read a sequence). D, H, O: input, hidden and output
    sizes. steps: output steps T_out of "one_to_many" and "encoder_decoder".
    Returns two tuples, e.g. ((4, 6, 3), (4, 2)) for "many_to_one".
    """
    model = example_model(kind, D, H, O, steps, seed)
    N, T = positive_int(N, "N"), positive_int(T, "T")
    rng = optional_seed(seed)
    X = rng.normal(size=(N, D) if kind in ("one_to_one", "one_to_many") else (N, T, D))
    return X.shape, model.forward(X).shape


def _picture(kind, figsize, dpi):
    """The diagram of one topology, rendered to pixels (rows, cols, 4)."""
    fig = Figure(figsize=figsize, dpi=dpi)
    ax = fig.add_axes((0.0, 0.0, 1.0, 0.9))
    diagrams.topology(kind, ax=ax)
    ax.title.set_fontsize(20)
    return render(fig)


def _describe(kind, shapes):
    """The line under the diagram: the shapes of a real forward pass and what the topology is for."""
    (x_shape, y_shape), info = shapes[kind], diagrams.TOPOLOGIES[kind]
    return (f"<b>{html.escape(info['title'])}</b>: input {info['input_shape']} &rarr; output "
            f"{info['output_shape']}. rnnkit.{MODELS[kind].__name__} with N = 4, T = 6, D = 3, "
            f"O = 2{', T_out = 3' if kind in ('one_to_many', 'encoder_decoder') else ''}: "
            f"<code>{x_shape}</code> &rarr; <code>{y_shape}</code>.<br>{html.escape(USES[kind])}")


def topology_picker_widget(kind="many_to_one"):
    """Pick one of the five topologies: its diagram, the shapes of a real forward pass, and its use.

    kind: the topology shown first, one of "one_to_one", "one_to_many",
    "many_to_one", "many_to_many", "encoder_decoder". Returns a FigureWidget
    with one control, "kind" (toggle buttons).
    """
    kind = one_of(kind, "kind", KINDS)
    figsize, dpi = (7.0, 3.9), 90
    pictures = {k: _picture(k, figsize, dpi) for k in KINDS}
    shapes = {k: model_shapes(k) for k in KINDS}
    controls = {"kind": ipywidgets.ToggleButtons(
        options=[(diagrams.TOPOLOGIES[k]["title"], k) for k in KINDS], value=kind,
        style={"button_width": "120px"})}
    artists = {}

    def draw(fig, kind):
        if not artists:
            artists["image"] = fig.figimage(pictures[kind])
        artists["image"].set_data(pictures[kind])
        return _describe(kind, shapes)

    return FigureWidget(controls, draw, figsize=figsize, dpi=dpi, keep=True)
