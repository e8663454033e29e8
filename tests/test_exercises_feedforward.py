"""The checks of notebook 01's exercises: the right answer passes, each typical mistake of
the registries gets its own hint, and no message gives the answer away."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, verdict, wrong_answer

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
    for right in (RIGHT.tolist(), ex.relu_layer_solution(x, W, b), RIGHT.astype(np.float32)):
        assert verdict(capsys, ex.check_relu_layer, right, x, W, b)[0]


@pytest.mark.parametrize("mistake", cases(ex.RELU_LAYER_MISTAKES))
def test_exercise_1_each_typical_mistake(capsys, mistake):
    assert_not_yet(capsys, ex.check_relu_layer, wrong_answer(mistake, x, W, b), x, W, b,
                   hint=mistake, expected=RIGHT)


def test_exercise_1_other_wrong_answers(capsys):
    changed = RIGHT.copy()
    changed[0, 2] = 2.0
    for wrong, hint in [(RIGHT[:, :2], "axis O has too few entries"), (None, "is None"),
                        (changed, "y is wrong at N = 0, O = 2: too large")]:
        assert_not_yet(capsys, ex.check_relu_layer, wrong, x, W, b, hint=hint, expected=RIGHT)


def test_exercise_1_checks_its_data():
    with pytest.raises(ValueError, match="X has 3 features per example but W expects 2"):
        ex.check_relu_layer(RIGHT, np.ones((1, 3)), W, b)
    with pytest.raises(ValueError, match=r"b must have shape \(3,\)"):
        ex.check_relu_layer(RIGHT, x, W, np.zeros(2))


SHAPES = {"X_shape": (5, 3), "W_shape": (3, 4)}


def test_exercise_2_the_output_shape(capsys):
    assert verdict(capsys, ex.check_output_shape, (5, 4), **SHAPES) == \
        (True, "Correct: the output shape is (5, 4).")
    for right in ([5, 4], np.array([5, 4]), ex.output_shape_solution(**SHAPES)):
        assert verdict(capsys, ex.check_output_shape, right, **SHAPES)[0]
    for wrong, hint in [((5, 4, 1), "has 2 entries, yours has 3"), ((6, 4), "entry 0 is wrong"),
                        (20, "tuple of 2 entries"), (None, "replace None")]:
        assert_not_yet(capsys, ex.check_output_shape, wrong, **SHAPES, hint=hint,
                       expected=(5, 4))


@pytest.mark.parametrize("mistake", cases(ex.OUTPUT_SHAPE_MISTAKES))
def test_exercise_2_each_typical_mistake(capsys, mistake):
    assert_not_yet(capsys, ex.check_output_shape, wrong_answer(mistake, (5, 3), (3, 4)),
                   **SHAPES, hint=mistake, expected=(5, 4))


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
    for wrong, hint in [(2, "at t = 2, every word there comes before both answers"),
                        ("jim", "should be of type int, not str"), (True, "a bool"),
                        (None, "replace None")]:
        assert_not_yet(capsys, ex.check_clue_position, wrong, X, y, hint=hint)


@pytest.mark.parametrize("mistake", cases(ex.CLUE_POSITION_MISTAKES))
def test_exercise_3_each_typical_mistake(capsys, mistake):
    X, y = sentences()
    assert_not_yet(capsys, ex.check_clue_position, wrong_answer(mistake, X, y), X, y,
                   hint=mistake)


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
