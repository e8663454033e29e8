"""The checks of notebook 01_feedforward's exercises.

    check_relu_layer(my_y, x, W, b)                 exercise 1: a ReLU layer by hand
    check_output_shape(my_shape, X_shape, W_shape)  exercise 2: the shape of a layer's output
    check_clue_position(my_t, X, y)                 exercise 3: the one word that decides

Each check computes the right answer from the notebook's own data, reads the typical
wrong answers from its exercise's registry (RELU_LAYER_MISTAKES, OUTPUT_SHAPE_MISTAKES,
CLUE_POSITION_MISTAKES), gives each its own hint, and never prints the right answer.
"""

import numpy as np

from ..._validate import as_array, as_labels
from ...feedforward import dense
from ..checks import Mistake, check_array, check_choice, edit

# ---------------------------------------------------------------- exercise 1: a ReLU layer


def relu_layer_solution(x, W, b):
    """The notebook's solution: y (N, O) for x (N, D), W (D, O), b (O,)."""
    return np.maximum(x @ W + b, 0)


def _relu_layer_with(wrong):
    return edit(relu_layer_solution, "np.maximum(x @ W + b, 0)", wrong)


RELU_LAYER_MISTAKES = [
    Mistake("no ReLU", "this is x @ W + b before the ReLU: the ReLU turns every negative "
                       "value into 0", _relu_layer_with("x @ W + b")),
    Mistake("tanh", "this is tanh(x @ W + b); this layer's activation is the ReLU",
            _relu_layer_with("np.tanh(x @ W + b)")),
    Mistake("minimum", "np.minimum keeps the negative part; the ReLU keeps the positive part",
            _relu_layer_with("np.minimum(x @ W + b, 0)")),
    Mistake("max along an axis", "np.max(a, 0) is the largest value along axis 0, one number "
                                 "per column; the ReLU compares each value with 0 on its own",
            _relu_layer_with("np.max(x @ W + b, 0)")),
    Mistake("no bias", "the bias b is missing", _relu_layer_with("np.maximum(x @ W, 0)")),
    Mistake("bias after the ReLU", "the bias is added after the ReLU, not before it",
            _relu_layer_with("np.maximum(x @ W, 0) + b")),
    Mistake("a column", "these are the right values as a column, the article's W x form; the "
                        "course writes x as a row, so y has one row per example",
            _relu_layer_with("np.maximum(W.T @ x.T + b[:, None], 0)")),
    Mistake("broadcast to a square", "W.T @ x.T is a column; adding the row b to it broadcasts "
                                     "to a square",
            _relu_layer_with("np.maximum(W.T @ x.T + b, 0)")),
]


def check_relu_layer(answer, x, W, b):
    """Exercise 1: y = ReLU(x @ W + b) for x (N, D), W (D, O), b (O,); y is (N, O)."""
    right = dense(x, W, b, activation="relu")
    x, W, b = as_array(x, "x", ndim=2), as_array(W, "W", ndim=2), as_array(b, "b", ndim=1)
    return check_array(answer, right, "y", axes=("N", "O"), mistakes=RELU_LAYER_MISTAKES,
                       given=(x, W, b), inputs={"x": x, "W": W, "b": b})


# ---------------------------------------------------------------- exercise 2: the output shape


def output_shape_solution(X_shape, W_shape):
    """The notebook's solution: (N, O) for X of shape (N, D) and W of shape (D, O)."""
    return (X_shape[0], W_shape[1])


def _output_shape_with(wrong):
    return edit(output_shape_solution, "(X_shape[0], W_shape[1])", wrong)


OUTPUT_SHAPE_MISTAKES = [
    Mistake("W's shape", "that is the shape of W; the output has one row per example of X",
            _output_shape_with("W_shape")),
    Mistake("X's shape", "that is the shape of X; the layer changes the number of columns "
                         "from D inputs to one per neuron", _output_shape_with("X_shape")),
    Mistake("swapped", "rows and columns swapped: one row per example, one column per neuron",
            _output_shape_with("(W_shape[1], X_shape[0])")),
    Mistake("one per example", "one number per example; each example gets one output per neuron",
            _output_shape_with("(X_shape[0],)")),
    Mistake("one example", "that is one example's output (or the shape of b); the batch has N "
                           "examples", _output_shape_with("(W_shape[1],)")),
]


def check_output_shape(answer, X_shape, W_shape):
    """Exercise 2: the shape of a layer's output for X of X_shape (N, D) and W of W_shape (D, O)."""
    right = dense(np.ones(X_shape), np.ones(W_shape), np.zeros(W_shape[1])).shape
    return check_choice(answer, right, "the output shape", mistakes=OUTPUT_SHAPE_MISTAKES,
                        given=(tuple(X_shape), tuple(W_shape)))


# ---------------------------------------------------------------- exercise 3: the clue


def after_the_last_word(X, y):
    """t = T + 1 for sentences X (N, T, V): the position of the label, after the words."""
    return X.shape[1] + 1


def the_last_word(X, y):
    """t = T: the word the first feed-forward net of the notebook saw."""
    return X.shape[1]


CLUE_POSITION_MISTAKES = [
    Mistake("counted from 0", "t counts the words from 1 (t = 1 is the first word); NumPy's "
                              "indices count from 0", 0),
    Mistake("after the last word", "there is no word at t = T + 1: that is where the answer "
                                   "comes, after the T words the network reads",
            after_the_last_word),
    Mistake("the last word", "the last word is the one the first feed-forward net saw, and "
                             "it does not decide the label", the_last_word),
]


def check_clue_position(answer, X, y):
    """Exercise 3: the position t (from 1 to T) whose word alone decides the label.

    X: (N, T, V) one-hot sentences, y: (N,) labels. Exactly one position must
    decide: its word is followed by one label only, in every sentence.
    """
    X = as_array(X, "X", ndim=3, why="(N, T, V) one-hot words")
    y = as_labels(y, "y", ndim=1)
    if len(y) != len(X):
        raise ValueError(f"y must hold one label per sentence of X ({len(X)}), got {len(y)}")
    words = X.argmax(axis=2)                                    # (N, T) word indices
    T = words.shape[1]
    deciding = [t for t in range(1, T + 1) if _decides(words[:, t - 1], y)]
    if len(deciding) != 1:
        raise ValueError(f"X and y must have exactly one position whose word decides the "
                         f"label, found {len(deciding)}")

    def explain(t):
        """What is at a position that does not decide, in words."""
        if not isinstance(t, int) or isinstance(t, bool) or not 1 <= t <= T:
            return None
        which = ("every word there comes" if _undecided(words[:, t - 1], y)
                 else "some words there come")
        return f"at t = {t}, {which} before both answers, so that word cannot decide"

    return check_choice(answer, deciding[0], "t", mistakes=CLUE_POSITION_MISTAKES, given=(X, y),
                        explain=explain)


def _labels_after(words, y):
    """For each word at one position, (N,) words and (N,) labels: how many labels follow it."""
    return [len(np.unique(y[words == word])) for word in np.unique(words)]


def _decides(words, y):
    """True if every word at this position is followed by a single label."""
    return all(n == 1 for n in _labels_after(words, y))


def _undecided(words, y):
    """True if every word at this position is followed by more than one label."""
    return all(n > 1 for n in _labels_after(words, y))
