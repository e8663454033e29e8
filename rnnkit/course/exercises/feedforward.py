"""The checks of notebook 01_feedforward's exercises.

    check_relu_layer(my_y, x, W, b)                 exercise 1: a ReLU layer by hand
    check_output_shape(my_shape, X_shape, W_shape)  exercise 2: the shape of a layer's output
    check_clue_position(my_t, X, y)                 exercise 3: the one word that decides

Each check computes the right answer from the notebook's own data, gives each
typical wrong answer its own hint, and never prints the right answer.
"""

import numpy as np

from ..._validate import as_array, as_labels
from ...feedforward import dense
from ..checks import check_array, check_choice


def check_relu_layer(answer, x, W, b):
    """Exercise 1: y = ReLU(x @ W + b) for x (N, D), W (D, O), b (O,); y is (N, O)."""
    right = dense(x, W, b, activation="relu")
    x, W, b = as_array(x, "x", ndim=2), as_array(W, "W", ndim=2), as_array(b, "b", ndim=1)
    before = x @ W + b
    mistakes = [
        (before, "this is x @ W + b before the ReLU: the ReLU turns every negative value "
                 "into 0"),
        (np.tanh(before), "this is tanh(x @ W + b); this layer's activation is the ReLU"),
        (np.minimum(before, 0), "np.minimum keeps the negative part; the ReLU keeps the "
                                "positive part"),
        (before.max(axis=0), "np.max(a, 0) is the largest value along axis 0, one number per "
                             "column; the ReLU is np.maximum(a, 0), value by value"),
        (np.maximum(x @ W, 0), "the bias b is missing: add it before the ReLU"),
        (np.maximum(x @ W, 0) + b, "the bias is added after the ReLU; it belongs inside, "
                                   "before the ReLU"),
        (np.maximum(W.T @ x.T + b[:, None], 0), "these are the right values as a column, "
                                                "the article's W x form; the course writes "
                                                "x as a row, so y has one row per example"),
    ]
    if x.shape[0] in (1, W.shape[1]):           # W.T @ x.T + b broadcasts to (O, O)
        mistakes.append((np.maximum(W.T @ x.T + b, 0),
                         "W.T @ x.T is a column; adding the row b to it broadcasts to a "
                         "square. Keep x as a row: x @ W + b"))
    return check_array(answer, right, "y", axes=("N", "O"), mistakes=mistakes)


def check_output_shape(answer, X_shape, W_shape):
    """Exercise 2: the shape of a layer's output for X of X_shape (N, D) and W of W_shape (D, O)."""
    N, D = X_shape
    O = W_shape[1]
    right = dense(np.ones(X_shape), np.ones(W_shape), np.zeros(O)).shape
    mistakes = [
        (tuple(W_shape), "that is the shape of W; the output has one row per example of X"),
        (tuple(X_shape), "that is the shape of X; the layer changes the number of columns "
                         "from D inputs to one per neuron"),
        ((O, N), "rows and columns swapped: one row per example, one column per neuron"),
        ((N,), "one number per example; each example gets one output per neuron"),
        ((O,), "that is one example's output (or the shape of b); the batch has N examples"),
    ]
    return check_choice(answer, right, "the output shape", mistakes=mistakes)


def check_clue_position(answer, X, y):
    """Exercise 3: the position t (from 1 to T) whose word alone decides the label.

    X: (N, T, V) one-hot sentences, y: (N,) labels. Exactly one position must
    decide: its word is followed by one label only, in every sentence.
    """
    X = as_array(X, "X", ndim=3, why="(N, T, V) one-hot words")
    y = as_labels(y, "y", ndim=1)
    if len(y) != len(X):
        raise ValueError(f"y must hold one label per sentence of X ({len(X)}), got {len(y)}")
    T = X.shape[1]
    words = X.argmax(axis=2)                                    # (N, T) word indices
    deciding = [t for t in range(1, T + 1) if _decides(words[:, t - 1], y)]
    if len(deciding) != 1:
        raise ValueError(f"X and y must have exactly one position whose word decides the "
                         f"label, found {len(deciding)}")
    mistakes = [(0, "t counts the words from 1 (t = 1 is the first word); NumPy's indices "
                    "count from 0"),
                (T + 1, f"t = {T + 1} is the answer itself; the network reads the {T} words "
                        f"before it")]
    for t in range(1, T + 1):
        if t not in deciding:
            which = ("every word there comes" if _undecided(words[:, t - 1], y)
                     else "some words there come")
            last = (" This is the word the first feed-forward net saw." if t == T else "")
            mistakes.append((t, f"at t = {t}, {which} before both answers, so that word "
                                f"cannot decide.{last}"))
    return check_choice(answer, deciding[0], "t", mistakes=mistakes)


def _labels_after(words, y):
    """For each word at one position, (N,) words and (N,) labels: how many labels follow it."""
    return [len(np.unique(y[words == word])) for word in np.unique(words)]


def _decides(words, y):
    """True if every word at this position is followed by a single label."""
    return all(n == 1 for n in _labels_after(words, y))


def _undecided(words, y):
    """True if every word at this position is followed by more than one label."""
    return all(n > 1 for n in _labels_after(words, y))
