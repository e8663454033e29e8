"""The checks of notebook 01's exercises: the right answer passes, each typical mistake gets
its own hint, and no message gives the answer away."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, verdict

from rnnkit.course.exercises import feedforward as ex

# exercise 1's data, as in the notebook
x = np.array([[2.0, -1.0]])
W = np.array([[0.5, -1.0, 0.25],
              [1.0, 0.5, -1.0]])
b = np.array([0.5, 1.0, -0.5])
RIGHT = np.maximum(x @ W + b, 0)


def test_exercise_1_data_catches_a_forgotten_relu():
    assert np.any(x @ W + b < 0), "forgetting the ReLU must change the answer"
    assert not np.allclose(np.maximum(x @ W, 0), RIGHT), "forgetting b must change the answer"


def test_exercise_1_the_relu_layer(capsys):
    assert verdict(capsys, ex.check_relu_layer, RIGHT, x, W, b) == \
        (True, "Correct: y matches (shape (1, 3)).")
    assert verdict(capsys, ex.check_relu_layer, RIGHT.tolist(), x, W, b)[0]
    for wrong, hint in [
            (x @ W + b, "before the ReLU"),                                  # activation forgotten
            (np.tanh(x @ W + b), "this layer's activation is the ReLU"),     # the wrong activation
            (np.minimum(x @ W + b, 0), "np.minimum keeps the negative part"),
            (np.max(x @ W + b, 0), "np.max(a, 0) is the largest value along axis 0"),  # axis
            (np.maximum(x @ W, 0), "the bias b is missing"),
            (np.maximum(x @ W, 0) + b, "the bias is added after the ReLU"),
            (np.maximum(W.T @ x.T + b[:, None], 0), "the right values as a column"),  # transposed
            (np.maximum(W.T @ x.T + b, 0), "broadcasts to a square"),        # transposed, broadcast
            (RIGHT[:, :2], "axis O has too few entries"),                    # a slice off by one
            (None, "is None")]:
        assert_not_yet(capsys, ex.check_relu_layer, wrong, x, W, b, hint=hint, expected=RIGHT)
    changed = RIGHT.copy()
    changed[0, 2] = 2.0
    assert_not_yet(capsys, ex.check_relu_layer, changed, x, W, b, expected=RIGHT,
                   hint="y is wrong at N = 0, O = 2: too large")


def test_exercise_1_checks_its_data():
    with pytest.raises(ValueError, match="X has 3 features per example but W expects 2"):
        ex.check_relu_layer(RIGHT, np.ones((1, 3)), W, b)
    with pytest.raises(ValueError, match=r"b must have shape \(3,\)"):
        ex.check_relu_layer(RIGHT, x, W, np.zeros(2))


def test_exercise_2_the_output_shape(capsys):
    args = {"X_shape": (5, 3), "W_shape": (3, 4)}
    assert verdict(capsys, ex.check_output_shape, (5, 4), **args) == \
        (True, "Correct: the output shape is (5, 4).")
    assert verdict(capsys, ex.check_output_shape, [5, 4], **args)[0]
    assert verdict(capsys, ex.check_output_shape, np.array([5, 4]), **args)[0]
    assert_not_yet(capsys, ex.check_output_shape, np.array([4, 5]), **args,
                   hint="rows and columns swapped")
    for wrong, hint in [((3, 4), "that is the shape of W"),
                        ((5, 3), "that is the shape of X"),
                        ((4, 5), "rows and columns swapped"),                # transposed
                        ((5,), "one number per example"),                    # an axis missing
                        ((4,), "the shape of b"),
                        ((5, 4, 1), "has 2 entries, yours has 3"),
                        ((6, 4), "entry 0 is wrong"),                        # off by one
                        (20, "tuple of 2 numbers"),
                        (None, "replace None")]:
        assert_not_yet(capsys, ex.check_output_shape, wrong, **args, hint=hint,
                       expected=(5, 4))


def sentences(seed=0):
    """Sentences like the notebook's: a name (the clue), three words that come before both
    answers, and a last word that does too. X (N, 5, V) one-hot, y (N,)."""
    rng = np.random.default_rng(seed)
    V, n = 12, 40
    names = rng.integers(0, 4, size=n)               # words 0-3 are names, 0-1 boys
    y = (names >= 2).astype(int)
    words = np.column_stack([names] + [np.repeat(rng.integers(4, 12, size=n // 2), 2)
                                       for _ in range(4)])     # each pair shares its middle
    y[1::2] = 1 - y[::2]                                       # pairs: one boy, one girl
    words[1::2, 0] = np.where(y[1::2] == 1, 2, 0)
    words[::2, 0] = np.where(y[::2] == 1, 3, 1)
    return np.eye(V)[words], y


def test_exercise_3_the_clue_position(capsys):
    X, y = sentences()
    assert verdict(capsys, ex.check_clue_position, 1, X, y) == (True, "Correct: t is 1.")
    assert verdict(capsys, ex.check_clue_position, np.int64(1), X, y)[0]
    for wrong, hint in [(0, "t counts the words from 1"),                    # off by one: index
                        (2, "at t = 2, every word there comes before both answers"),
                        (5, "the word the first feed-forward net saw"),      # the last word
                        (6, "is the answer itself"),                         # off by one: T + 1
                        ("jim", "should be of type int, not str"),
                        (None, "replace None")]:
        assert_not_yet(capsys, ex.check_clue_position, wrong, X, y, hint=hint)


def test_exercise_3_says_some_words_when_only_some_are_shared(capsys):
    X, y = sentences()
    words = X.argmax(axis=2)
    words[y == 1, 2] = 11                     # at t = 3 word 11 now comes before girl only
    X = np.eye(X.shape[2])[words]
    assert_not_yet(capsys, ex.check_clue_position, 3, X, y,
                   hint="at t = 3, some words there come before both answers")


def test_exercise_3_checks_its_data():
    X, y = sentences()
    with pytest.raises(ValueError, match="X must"):
        ex.check_clue_position(1, X[0], y)
    with pytest.raises(ValueError, match="y must hold one label per sentence"):
        ex.check_clue_position(1, X, y[:-1])
    with pytest.raises(ValueError, match="exactly one position whose word decides"):
        ex.check_clue_position(1, X, np.zeros_like(y))
