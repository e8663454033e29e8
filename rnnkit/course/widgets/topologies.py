"""Widget for notebook 03: pick a topology, see its diagram, its shapes and what it is for.

    topology_picker_widget(kind="many_to_one")
    model_shapes(kind, N=4, T=6, D=3, H=8, O=2, steps=3)   shapes from a real forward pass

The names, shapes and uses come from the one table of the five topologies,
rnnkit.topologies.TOPOLOGIES. The shapes under the diagram are not typed in:
the widget builds the rnnkit model of each topology (rnnkit.OneToOne,
OneToMany, ManyToOne, ManyToMany, EncoderDecoder), runs it on a small batch
and reads the shapes off the arrays. The five diagrams are drawn once, as
pictures, when the widget is made; picking a topology only swaps the
picture, so an update costs little more than writing the PNG.
"""

import html

import ipywidgets
from matplotlib.figure import Figure

from ..._validate import one_of, optional_seed, positive_int
from ...topologies import TOPOLOGIES
from .. import diagrams
from . import FigureWidget, on_first_draw, render

KINDS = tuple(TOPOLOGIES)


def example_model(kind, D=3, H=8, O=2, steps=3, seed=0):
    """The rnnkit model of a topology: OneToOne, OneToMany, ManyToOne, ManyToMany or EncoderDecoder.

    kind: one of KINDS. D, H, O: input, hidden and output sizes. steps: the
    output length T_out of "one_to_many" and "encoder_decoder" (ignored by
    the others). seed: for the starting weights.
    """
    kind = one_of(kind, "kind", KINDS)
    D, H, O = positive_int(D, "D"), positive_int(H, "H"), positive_int(O, "O")
    steps = positive_int(steps, "steps")
    model = TOPOLOGIES[kind].model
    if kind in ("one_to_many", "encoder_decoder"):
        return model(D, H, O, steps, seed=seed)
    return model(D, H, O, seed=seed)


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


class _PickerFigure:
    """The five diagrams, rendered once as pictures the size of the figure; an update swaps them."""

    def __init__(self, fig):
        self.pictures = {kind: _picture(kind, fig.get_size_inches(), fig.dpi) for kind in KINDS}
        self.image = fig.figimage(self.pictures[KINDS[0]])

    def update(self, kind):
        """Show the diagram of this topology."""
        self.image.set_data(self.pictures[kind])


def _describe(kind, shapes):
    """The line under the diagram: a real forward pass's shapes and what the topology is for."""
    (x_shape, y_shape), info = shapes[kind], TOPOLOGIES[kind]
    return (f"<b>{html.escape(info.title)}</b>: input {info.input_shape} &rarr; output "
            f"{info.output_shape}. rnnkit.{info.model.__name__} with N = 4, T = 6, D = 3, "
            f"O = 2{', T_out = 3' if kind in ('one_to_many', 'encoder_decoder') else ''}: "
            f"<code>{x_shape}</code> &rarr; <code>{y_shape}</code>.<br>{html.escape(info.use)}")


def topology_picker_widget(kind="many_to_one"):
    """Pick one of the five topologies: its diagram, the shapes of a real forward pass, and its use.

    kind: the topology shown first, one of "one_to_one", "one_to_many",
    "many_to_one", "many_to_many", "encoder_decoder". Returns a FigureWidget
    with one control, "kind" (toggle buttons).
    """
    kind = one_of(kind, "kind", KINDS)
    shapes = {k: model_shapes(k) for k in KINDS}
    controls = {"kind": ipywidgets.ToggleButtons(
        options=[(TOPOLOGIES[k].title, k) for k in KINDS], value=kind,
        style={"button_width": "120px"})}
    figure = on_first_draw(_PickerFigure)

    def draw(fig, kind):
        figure(fig).update(kind)
        return _describe(kind, shapes)

    return FigureWidget(controls, draw, figsize=(7.0, 3.9), dpi=90, keep=True)
