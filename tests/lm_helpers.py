"""What the language-model tests share: a three-word vocabulary and models set by hand for it."""

import numpy as np

import rnnkit
from rnnkit.lm import Vocabulary

VOCAB = Vocabulary.of_words(["a b c"])                  # words a, b, c at indices 0, 1, 2


def cycle_model(scale=5.0, output_activation="identity"):
    """A hand-set model that predicts a -> b, b -> c, c -> a whatever came before.

    W_hh = 0 so the hidden state only holds the current word: h_t = tanh(2 x_t);
    W_oh sends word i's hidden unit to the score of word i + 1 (mod 3).
    """
    rnn = rnnkit.SimpleRNN(3, 3, 3, output_activation=output_activation)
    rnn.params["W_xh"][:] = 2.0 * np.eye(3)
    rnn.params["W_hh"][:] = 0.0
    rnn.params["W_oh"][:] = scale * np.roll(np.eye(3), 1, axis=1)
    return rnn


def context_model():
    """A hand-set model whose prediction after "c" depends on the word before it.

    Hidden unit 0 remembers an "a" seen one step earlier (through W_hh); after
    "c" the model predicts "a" if an "a" came just before, else "b".
    """
    model = rnnkit.ManyToMany(3, 2, 3)
    p = model.params
    p["W_xh"][:] = [[3.0, 0.0], [0.0, 0.0], [0.0, 3.0]]     # a -> unit 0, c -> unit 1
    p["W_hh"][:] = [[3.0, 0.0], [0.0, 0.0]]                 # unit 0 carries "a" forward
    p["b_h"][:] = [-1.5, 0.0]                                 # "a" now or just before: unit 0 > 0
    p["W_oh"][:] = [[4.0, -4.0, 0.0], [0.0, 2.0, 0.0]]
    p["b_o"][:] = 0.0
    return model
