"""Widget for notebook 07: prime a character model, set a temperature, read what it writes.

    generate_text_widget(rnn, vocab, prime="The king ", temperature=1.0, seed=0, length=240)

A text box holds the prime, a slider the temperature (0 = greedy: always the
most likely character), another the random seed used when sampling. Left:
the model's probabilities for the character after the prime at that
temperature, the most likely first (what the first sampled character is
drawn from). Right: the prime continued by the model for ``length``
characters, as rnnkit.lm.generate writes it. A character the model does
not know, or an empty box, shows a message instead of raising.

For speed the axes are drawn once and frozen into a picture
(rnnkit.widgets.freeze); each update changes only the bars, their labels and
the text.
"""

import html
import textwrap

import ipywidgets
import numpy as np

from ..._validate import positive_int, real_number
from ...lm import as_language_model, generate, next_token_probabilities
from .. import plots
from . import FigureWidget, freeze, on_first_draw

TEMPERATURES = (0.0, 2.0)
SEEDS = (0, 20)
WIDTH, LINES = 58, 11           # the text panel: characters per line, lines shown
NAMES = {" ": "space", "\n": "newline", "\t": "tab"}


def readable(character):
    """A character as a label a reader can see: 'e', 'space', 'newline'."""
    return NAMES.get(character, character)


def unknown_characters(vocab, prime):
    """The characters of ``prime`` that vocab does not hold, each once, in order (a list)."""
    return [c for c in dict.fromkeys(prime) if c not in vocab]


def page(text, width=WIDTH, lines=LINES):
    """``text`` as at most ``lines`` lines of at most ``width`` characters (a str).

    Newlines are kept; a longer line is wrapped. Anything past the last line
    is cut, and the cut marked with "...".
    """
    rows = []
    for line in text.split("\n"):
        rows.extend(textwrap.wrap(line, width) or [""])
    if len(rows) > lines:
        rows = rows[:lines - 1] + [rows[lines - 1][:width - 3] + "..."]
    return "\n".join(rows)


class _WriterFigure:
    """Bars for the next character (left) and the text written (right), on frozen axes."""

    def __init__(self, fig, top):
        fig.subplots_adjust(left=0.09, right=0.99, top=0.86, bottom=0.05, wspace=0.05)
        grid = fig.add_gridspec(1, 2, width_ratios=(1, 2.3))
        self.ax = fig.add_subplot(grid[0])
        text_ax = fig.add_subplot(grid[1])
        text_ax.axis("off")
        self.bars = self.ax.barh(np.arange(top), np.zeros(top), color=plots.COLORS["sky"])
        self.bars[0].set_color(plots.COLORS["orange"])
        self.ax.set(xlim=(0, 1.25), ylim=(top - 0.5, -0.5), xticks=[])
        self.ax.yaxis.set_visible(False)
        self.ax.grid(False)
        self.ax.spines["bottom"].set_visible(False)
        self.names = [self.ax.text(-0.04, i, "", ha="right", va="center", fontsize=13,
                                   family="monospace") for i in range(top)]
        self.values = [self.ax.text(0, i, "", ha="left", va="center", fontsize=11)
                       for i in range(top)]
        self.title = fig.text(0.02, 0.97, " ", ha="left", va="top", fontsize=14)
        self.heading = fig.text(0.36, 0.97, " ", ha="left", va="top", fontsize=14)
        self.text = text_ax.text(0.0, 1.0, " ", ha="left", va="top", fontsize=11,
                                 family="monospace", linespacing=1.25,
                                 transform=text_ax.transAxes)
        self.message = fig.text(0.03, 0.8, " ", fontsize=13, va="top", linespacing=1.6)
        self.dynamic = [*self.bars, *self.names, *self.values, self.title, self.heading,
                        self.text, self.message]
        freeze(fig, self.dynamic)

    def _show(self, writing):
        for artist in self.dynamic:
            artist.set_visible(writing)
        self.message.set_visible(not writing)

    def update(self, probs, chars, title, heading, text):
        """probs (V,) of the next character, chars the V characters; the titles and the text."""
        order = np.argsort(-probs, kind="stable")[:len(self.bars)]
        for bar, name, value, i in zip(self.bars, self.names, self.values, order):
            bar.set_width(probs[i])
            name.set_text(readable(chars[i]))
            value.set_x(probs[i] + 0.02)
            value.set_text(f"{probs[i]:.2f}")
        self.title.set_text(title)
        self.heading.set_text(heading)
        self.text.set_text(text)
        self._show(True)

    def say(self, lines):
        """Hide the bars and the text and show these lines instead; returns them as HTML."""
        self._show(False)
        self.message.set_text("\n".join(lines))
        return "<br>".join(html.escape(line) for line in lines)


def generate_text_widget(rnn, vocab, prime="The king ", temperature=1.0, seed=0, length=240,
                         top=8):
    """Explore a trained character model: the next character's odds and a continuation.

    rnn: a trained rnnkit SimpleRNN with input and output size V = len(vocab).
    vocab: the rnnkit.lm.Vocabulary it was trained with. prime: the
    starting text (str). temperature (0 to 2, 0 = greedy) and seed (0 to
    20): starting values of the sliders. length: how many characters to
    write (1 to 600). top: how many characters the bars show.
    Returns a FigureWidget; display it as the last line of a cell.
    """
    as_language_model(rnn, vocab)
    if not isinstance(prime, str):
        raise TypeError(f"prime must be a str such as 'The king ', got {type(prime).__name__}")
    temperature = real_number(temperature, "temperature", *TEMPERATURES)
    seed = positive_int(seed, "seed", minimum=0)
    if seed > SEEDS[1]:
        raise ValueError(f"seed must be at most {SEEDS[1]} (the slider's range), got {seed}")
    length = positive_int(length, "length")
    if length > 600:
        raise ValueError(f"length must be at most 600 characters (a few lines), got {length}")
    top = min(positive_int(top, "top"), len(vocab))
    chars = vocab.tokens
    controls = {
        "prime": ipywidgets.Text(value=prime, description="prime", continuous_update=False,
                                 layout=ipywidgets.Layout(width="260px")),
        "temperature": ipywidgets.FloatSlider(value=temperature, min=TEMPERATURES[0],
                                              max=TEMPERATURES[1], step=0.1,
                                              description="temperature", readout_format=".1f",
                                              style={"description_width": "initial"},
                                              layout=ipywidgets.Layout(width="300px")),
        "seed": ipywidgets.IntSlider(value=seed, min=SEEDS[0], max=SEEDS[1], description="seed",
                                     layout=ipywidgets.Layout(width="240px")),
    }
    figure = on_first_draw(lambda fig: _WriterFigure(fig, top))

    def draw(fig, prime, temperature, seed):
        writer = figure(fig)
        if not prime:
            return writer.say(["Type a few characters in the prime box,",
                               "for example 'The king '."])
        unknown = unknown_characters(vocab, prime)
        if unknown:
            shown = ", ".join(repr(c) for c in unknown)
            return writer.say([f"The model has never seen {shown}:",
                               f"it knows only the {len(vocab)} characters of its training "
                               f"text.", "Remove or replace them."])
        probs = next_token_probabilities(rnn, vocab, prime, temperature)
        new = generate(rnn, vocab, prime, length, temperature, seed)
        how = "greedy" if temperature == 0 else f"temperature {temperature:.1f}, seed {seed}"
        writer.update(probs, chars, f"Next character ({how.split(',')[0]})",
                      f"What it writes ({how})", page(prime + new))
        return f"{length} characters written after the prime {html.escape(repr(prime))} ({how})."

    return FigureWidget(controls, draw, figsize=(11, 4.2), dpi=72, keep=True)
