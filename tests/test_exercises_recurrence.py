"""Notebook 02's exercise checks: the right answer passes, each typical wrong answer of the
registries gets "Not yet", its own hint, and never the expected value; a function that
changes its arguments in place is refused."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, changing, leaks, verdict, wrong_answer

import rnnkit
from rnnkit.course.exercises import recurrence as ex


def hidden(values):
    """The expected values a line must not contain, less those within 1e-3 of a whole number:
    leaks() would look for 0.99998 as "1", which any line holds ("1 of 6 values differ")."""
    values = np.concatenate([np.ravel(v) for v in values])
    return values[np.abs(values - np.round(values)) > 1e-3]


# --- 1. one step ----------------------------------------------------------------------------------

STEP_EXPECTED = hidden(rnnkit.rnn_step(*args) for args in ex.step_examples())


def test_the_step_passes(capsys):
    ok, line = verdict(capsys, ex.check_step, ex.step_solution)
    assert ok and line == "Correct: my_rnn_step agrees with rnnkit on all 3 examples."

    def my_rnn_step(x_t, h_prev, W_xh, W_hh, b_h):          # float32 and a copy of h_prev
        a = x_t.astype(np.float32) @ W_xh + h_prev.copy() @ W_hh + b_h
        return np.tanh(a).tolist()

    assert verdict(capsys, ex.check_step, my_rnn_step)[0]


@pytest.mark.parametrize("mistake", cases(ex.STEP_MISTAKES))
def test_each_typical_step_mistake(capsys, mistake):
    assert_not_yet(capsys, ex.check_step, mistake.wrong, hint=mistake, expected=STEP_EXPECTED)


@pytest.mark.parametrize("step, hint", [
    (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh + h @ W_hh + 2 * b), "is wrong at N = 0, H = 0"),
    (lambda x, h, W_xh, W_hh, b: None, "returned None"),
    (lambda x, h, W_xh, W_hh, b: np.tanh(W_xh @ x + b), "raised ValueError"),
])
def test_other_wrong_steps(capsys, step, hint):
    assert_not_yet(capsys, ex.check_step, step, hint=hint, expected=STEP_EXPECTED)


@pytest.mark.parametrize("index, name", list(enumerate(["x_t", "h_prev", "W_xh", "W_hh", "b_h"])))
def test_a_step_that_changes_an_argument_is_refused(capsys, index, name):
    assert_not_yet(capsys, ex.check_step, changing(ex.step_solution, index),
                   hint=f"changed {name} in place")


# --- 2. the loop over T ---------------------------------------------------------------------------

FORWARD_EXPECTED = hidden(rnnkit.rnn_forward(*args) for args in ex.forward_examples())


def test_the_loop_passes(capsys):
    ok, line = verdict(capsys, ex.check_forward, ex.forward_solution)
    assert ok and line == "Correct: my_rnn_forward agrees with rnnkit on all 3 examples."

    def stacked(X, h0, W_xh, W_hh, b_h):                    # a list of states, stacked
        states, h = [], h0
        for x_t in X.transpose(1, 0, 2):
            h = np.tanh(x_t @ W_xh + h @ W_hh + b_h)
            states.append(h)
        return np.stack(states, axis=1)

    assert verdict(capsys, ex.check_forward, stacked)[0]


@pytest.mark.parametrize("mistake", cases(ex.FORWARD_MISTAKES))
def test_each_typical_loop_mistake(capsys, mistake):
    assert_not_yet(capsys, ex.check_forward, mistake.wrong, hint=mistake,
                   expected=FORWARD_EXPECTED)


@pytest.mark.parametrize("forward, hint", [
    (lambda X, h0, W_xh, W_hh, b_h: ex.forward_solution(X, h0, W_xh, W_hh, b_h)[:, :-1],
     "axis T has too few entries"),
    (lambda X, h0, W_xh, W_hh, b_h: ex.forward_solution(X, 0 * h0, W_xh, W_hh, b_h),
     "is wrong at N = 0, T = 0, H = 0"),
    (lambda X, h0, W_xh, W_hh, b_h: X[:, X.shape[1]], "raised IndexError"),
    (lambda X, h0, W_xh, W_hh, b_h: None, "my_rnn_forward returned None on example 1"),
])
def test_other_wrong_loops(capsys, forward, hint):
    assert_not_yet(capsys, ex.check_forward, forward, hint=hint, expected=FORWARD_EXPECTED)


@pytest.mark.parametrize("index, name", list(enumerate(["X", "h0", "W_xh", "W_hh", "b_h"])))
def test_a_loop_that_changes_an_argument_is_refused(capsys, index, name):
    assert_not_yet(capsys, ex.check_forward, changing(ex.forward_solution, index),
                   hint=f"changed {name} in place")


def test_a_loop_that_updates_h0_in_place_is_refused(capsys):
    def in_place(X, h0, W_xh, W_hh, b_h):
        Hs, h = np.zeros((*X.shape[:2], h0.shape[1])), h0
        for t in range(X.shape[1]):
            h[:] = np.tanh(X[:, t] @ W_xh + h @ W_hh + b_h)
            Hs[:, t] = h
        return Hs

    assert_not_yet(capsys, ex.check_forward, in_place, hint="changed h0 in place")


# --- 3 to 5 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("check, right, registry", [
    (ex.check_hidden_shape, (32, 10, 16), ex.HIDDEN_SHAPE_MISTAKES),
    (ex.check_parameter_count, 3 * 16 + 16 * 16 + 16 + 16 * 2 + 2, ex.PARAMETER_COUNT_MISTAKES),
    (ex.check_steps_to_forget, 1, ex.STEPS_TO_FORGET_MISTAKES),
], ids=["hidden shape", "parameter count", "steps to forget"])
def test_each_typical_wrong_number(capsys, check, right, registry):
    assert verdict(capsys, check, right)[0]
    for mistake in registry:
        line = assert_not_yet(capsys, check, wrong_answer(mistake), hint=mistake)
        # a line may repeat the student's own number (3540 holds 354), never the right one
        assert not leaks(line.replace(repr(wrong_answer(mistake)), ""), right)


def test_other_answers_to_3_to_5(capsys):
    assert verdict(capsys, ex.check_hidden_shape, [32, 10, 16])[0]
    for wrong, hint in [((32, 11, 16), "entry 1 is wrong"), (None, "replace None")]:
        assert_not_yet(capsys, ex.check_hidden_shape, wrong, hint=hint, expected=(32, 10, 16))
    assert_not_yet(capsys, ex.check_parameter_count, 300, hint="too small by 10% to 50%",
                   expected=354)
    for wrong, hint in [(5, "too large"), ("never", "should be of type int"),
                        (True, "it is a bool")]:
        assert_not_yet(capsys, ex.check_steps_to_forget, wrong, hint=hint)

