"""Widget for notebook 10: type an input, read what the translator writes and where it looked.

    attention_widget(model, source, target, text="sieben 4 zwei null nine", end=".")

A text box holds the input: tokens of the source vocabulary separated by spaces. The model
(a trained rnnkit.seq2seq.Seq2Seq with attention) translates it greedily with
rnnkit.seq2seq.translate, and the figure shows its attention weights: one row per token it
wrote, one column per input token, darker where it looked. The line under the figure gives the
input and what was written. An empty box, an unknown word or more than MAX_INPUTS tokens show
a message instead of raising.

For speed the axes are one fixed grid of MAX_INPUTS x MAX_OUTPUTS cells, drawn once and frozen
(rnnkit.widgets.freeze); each update sets the picture's cells (the unused ones blank), the
labels and a frame around the used block.
"""

import html
import textwrap

import ipywidgets
import numpy as np
from matplotlib.patches import Rectangle

from ...lm import UnknownTokenError, tokenize
from ...seq2seq import Seq2Seq, translate
from .. import plots
from . import FigureWidget, freeze, on_first_draw

MAX_INPUTS = 12
MAX_OUTPUTS = MAX_INPUTS + 3          # room for a translation one token too long, and more


class _AlignmentFigure:
    """A heatmap of MAX_OUTPUTS x MAX_INPUTS cells with a label per row and per column."""

    def __init__(self, fig):
        fig.subplots_adjust(left=0.12, right=0.93, top=0.88, bottom=0.2)
        ax = fig.add_subplot()
        blank = np.full((MAX_OUTPUTS, MAX_INPUTS), np.nan)
        self.image = ax.imshow(blank, cmap="Blues", vmin=0, vmax=1, interpolation="nearest",
                               aspect="auto")
        fig.colorbar(self.image, ax=ax, label="attention weight", fraction=0.04, pad=0.02)
        ax.set(xlim=(-0.5, MAX_INPUTS - 0.5), ylim=(MAX_OUTPUTS - 0.5, -0.5), xticks=[],
               yticks=[])
        ax.grid(False)
        ax.set_xlabel("input token", labelpad=52)
        ax.set_ylabel("token written", labelpad=28)
        self.columns = [ax.text(j, MAX_OUTPUTS - 0.2, "", rotation=50, ha="right", va="top",
                                fontsize=12) for j in range(MAX_INPUTS)]
        self.rows = [ax.text(-0.7, t, "", ha="right", va="center", fontsize=12,
                             family="monospace") for t in range(MAX_OUTPUTS)]
        self.frame = ax.add_patch(Rectangle((-0.5, -0.5), 1, 1, fill=False, lw=2,
                                            edgecolor=plots.COLORS["orange"]))
        self.title = fig.text(0.5, 0.96, " ", ha="center", va="top", fontsize=15)
        self.message = fig.text(0.08, 0.75, " ", fontsize=14, va="top", linespacing=1.6,
                                bbox={"facecolor": "white", "edgecolor": "none"})
        self.shown = [self.image, *self.columns, *self.rows, self.frame, self.title]
        freeze(fig, [*self.shown, self.message])

    def update(self, weights, inputs, outputs):
        """weights (T_out, T_in); inputs T_in tokens, outputs T_out tokens written."""
        T_out, T_in = weights.shape
        cells = np.full((MAX_OUTPUTS, MAX_INPUTS), np.nan)
        cells[:T_out, :T_in] = weights
        self.image.set_data(cells)
        for j, label in enumerate(self.columns):
            label.set_text(inputs[j] if j < T_in else "")
        for t, label in enumerate(self.rows):
            label.set_text(outputs[t] if t < T_out else "")
        self.frame.set_bounds(-0.5, -0.5, T_in, T_out)
        self.title.set_text(f"written: {''.join(outputs)}")
        self._show(True)

    def _show(self, translating):
        for artist in self.shown:
            artist.set_visible(translating)
        self.message.set_visible(not translating)

    def say(self, lines):
        """Hide the heatmap and show these lines instead; returns them as HTML."""
        self._show(False)
        self.message.set_text("\n".join(lines))
        return "<br>".join(html.escape(line) for line in lines)


def attention_widget(model, source, target, text="sieben 4 zwei null nine", end="."):
    """Translate what is typed, and show where each written token looked.

    model: a trained rnnkit.seq2seq.Seq2Seq with attention. source, target: the
    rnnkit.lm.Vocabulary of its inputs (words) and of its outputs. text: the starting input
    (str). end: the output token that ends a translation (in target).
    Returns a FigureWidget with the control "text"; display it as the last line of a cell.
    """
    if not isinstance(model, Seq2Seq) or not model.attention:
        raise TypeError(f"model must be an rnnkit.seq2seq.Seq2Seq with attention=True, got "
                        f"{model!r}")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str such as 'sieben 4 zwei', got {type(text).__name__}")
    target.index(end)                          # an end token the outputs do not hold: an error
    controls = {"text": ipywidgets.Text(value=text, description="say", continuous_update=False,
                                        layout=ipywidgets.Layout(width="420px"))}
    figure = on_first_draw(_AlignmentFigure)

    def draw(fig, text):
        heatmap = figure(fig)
        words = tokenize(text)
        if not words:
            return heatmap.say(["Type a number, one word per digit,",
                                "for example: sieben 4 zwei null nine"])
        if len(words) > MAX_INPUTS:
            return heatmap.say([f"{len(words)} words: at most {MAX_INPUTS} fit the picture."])
        try:
            written, weights = translate(model, source, target, words, end=end,
                                         max_steps=len(words) + 3)
        except UnknownTokenError as error:
            return heatmap.say(["The model does not know that word."]
                               + textwrap.wrap(str(error), 52))
        heatmap.update(weights, words, list(written))
        return (f"{len(words)} words in, {len(written)} characters written: "
                f"<b>{html.escape(written)}</b>")

    return FigureWidget(controls, draw, figsize=(7.5, 5), dpi=72, keep=True)
