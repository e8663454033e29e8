"""Widget for notebook 04: type a prefix, see the next-word probabilities and a continuation.

    next_word_widget(model, vocab, prefix="how are")

A text box holds the prefix, a slider the temperature (0 = always the most
likely word), one the number of words to generate and one the random seed
used when sampling. The figure shows the probabilities of the next word at
that temperature; the line under it shows the prefix continued by the model.
An unknown word or an empty box shows a message naming close known words
instead of raising.

For speed the bar chart is drawn once, by rnnkit.plots.next_word_bars, and
each update only changes the bars' lengths, their labels and the words.
"""

import difflib
import html

import ipywidgets
import numpy as np
from matplotlib import transforms

from ..._validate import positive_int, real_number
from ...lm import as_language_model, generate, step_probabilities, tokenize
from .. import plots
from . import FigureWidget, on_first_draw


def unknown_word_message(vocab, tokens):
    """Plain-words lines about the tokens that are not in vocab (an empty list if all are known).

    vocab: a Vocabulary. tokens: a list of str. Each unknown word gets one
    line naming up to three close known words, so "hwo" suggests "how".
    """
    lines = []
    for word in dict.fromkeys(t for t in tokens if t not in vocab):
        close = difflib.get_close_matches(word, vocab.tokens, n=3)
        hint = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close \
            else "no known word is close."
        lines.append(f"Unknown word '{word}': {hint}")
    return lines


class _BarsFigure:
    """The bar chart, drawn once and then updated in place."""

    def __init__(self, fig, words, top):
        self.words = words
        self.ax = fig.add_subplot()
        fig.subplots_adjust(left=0.2, right=0.97, top=0.88, bottom=0.04)
        plots.next_word_bars(words, np.zeros(len(words)), ax=self.ax, top=top)
        self.ax.xaxis.set_visible(False)             # the bar labels give the values
        self.ax.spines["bottom"].set_visible(False)
        self.bars = self.ax.containers[0]
        self.labels = list(self.ax.texts)             # bar_label's annotations, one per bar
        # The words as plain texts where the tick labels were: drawing an axis costs far more.
        ticks = self.ax.get_yticklabels()
        self.ax.yaxis.set_visible(False)
        left = transforms.blended_transform_factory(self.ax.transAxes, self.ax.transData)
        self.words_shown = [self.ax.text(-0.02, y, "", transform=left, ha="right", va="center",
                                         fontsize=ticks[0].get_fontsize())
                            for y in range(len(self.bars))]
        self.message = fig.text(0.03, 0.85, "", fontsize=12, va="top", linespacing=1.6,
                                visible=False)

    def update(self, probs, title):
        """Show the probabilities probs (V,) of the next word: the top words, most likely first."""
        order = np.argsort(-probs, kind="stable")[:len(self.bars)]
        for bar, label, i in zip(self.bars, self.labels, order):
            bar.set_width(probs[i])
            label.xy = (probs[i], label.xy[1])
            label.set_text(f"{probs[i]:.2f}")
        for text, i in zip(self.words_shown, order):
            text.set_text(self.words[i])
        self.ax.set_title(title)
        self.ax.set_visible(True)
        self.message.set_visible(False)

    def say(self, lines):
        """Hide the bars and show these lines of text instead; returns them as HTML."""
        self.ax.set_visible(False)
        self.message.set_text("\n".join(lines))
        self.message.set_visible(True)
        return "<br>".join(html.escape(line) for line in lines)


def next_word_widget(model, vocab, prefix="how are", temperature=0.0, steps=5, seed=0, top=6):
    """Explore a trained next-word model: its probabilities and its continuation of a prefix.

    model: a trained rnnkit ManyToMany (or SimpleRNN) of input and output size
    V = len(vocab). vocab: the Vocabulary it was trained with. prefix: the
    starting text (str). temperature (0 to 2), steps (1 to 10), seed (0 to 20):
    starting values of the sliders. top: how many words the bars show.
    Returns a FigureWidget; display it as the last line of a cell.
    """
    as_language_model(model, vocab)                  # check the model and vocab once, up front
    if not isinstance(prefix, str):
        raise TypeError(f"prefix must be a str such as 'how are', got {type(prefix).__name__}")
    temperature = real_number(temperature, "temperature", minimum=0.0, maximum=2.0)
    steps = positive_int(steps, "steps")
    seed = positive_int(seed, "seed", minimum=0)
    if steps > 10 or seed > 20:
        raise ValueError(f"steps must be at most 10 and seed at most 20 (the sliders' ranges), "
                         f"got steps={steps}, seed={seed}")
    controls = {
        "prefix": ipywidgets.Text(value=prefix, description="prefix", continuous_update=False,
                                  layout=ipywidgets.Layout(width="240px")),
        "temperature": ipywidgets.FloatSlider(value=temperature, min=0.0, max=2.0, step=0.1,
                                              description="temperature", readout_format=".1f",
                                              style={"description_width": "initial"},
                                              layout=ipywidgets.Layout(width="280px")),
        "steps": ipywidgets.IntSlider(value=steps, min=1, max=10, description="steps",
                                      layout=ipywidgets.Layout(width="230px")),
        "seed": ipywidgets.IntSlider(value=seed, min=0, max=20, description="seed",
                                     layout=ipywidgets.Layout(width="230px")),
    }
    figure = on_first_draw(lambda fig: _BarsFigure(fig, vocab.tokens, top))

    def draw(fig, prefix, temperature, steps, seed):
        bars = figure(fig)
        tokens = tokenize(prefix)
        if not tokens:
            return bars.say(["Type one or more words in the prefix box,",
                             "for example 'how are'."])
        unknown = unknown_word_message(vocab, tokens)
        if unknown:
            return bars.say(unknown + [f"(The model knows {len(vocab)} words.)"])
        shown = temperature if temperature > 0 else 1.0     # greedy: the model's own probabilities
        _, P, _ = step_probabilities(model, vocab, tokens, shown)
        text = " ".join(tokens)
        text = text if len(text) <= 24 else "..." + text[-21:]    # keep the title on the figure
        how = f"temperature {temperature:.1f}" if temperature > 0 else "greedy"
        bars.update(P[-1], f"After '{text}' ({how})")
        new = generate(model, vocab, tokens, steps=steps, temperature=temperature, seed=seed)
        note = "greedy" if temperature == 0 else \
            f"sampled at temperature {temperature:.1f}, seed {seed}"
        return (f"<span style='font-size:1.3em'>{html.escape(' '.join(tokens))} "
                f"<b style='color:{plots.COLORS['vermillion']}'>{html.escape(' '.join(new))}</b>"
                f"</span> &nbsp; ({note})")

    return FigureWidget(controls, draw, figsize=(6.5, 3.4), dpi=72, keep=True)
