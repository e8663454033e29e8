"""Notebook 02's exercise checks: the right answer passes, each typical wrong answer gets
"Not yet", its own hint, and never the expected value."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, verdict

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
    def my_rnn_step(x_t, h_prev, W_xh, W_hh, b_h):
        return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)
    ok, line = verdict(capsys, ex.check_step, my_rnn_step)
    assert ok and "agrees with rnnkit on all 3 examples" in line


@pytest.mark.parametrize("step, hint", [
    (lambda x, h, W_xh, W_hh, b: x @ W_xh + h @ W_hh + b, "the sum before tanh"),
    (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh + h @ W_hh), "the bias b_h is missing"),
    (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh + h @ W_hh.T + b), "W_hh is transposed"),
    (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh) + h @ W_hh + b, "tanh must wrap the whole"),
    (lambda x, h, W_xh, W_hh, b: 1 / (1 + np.exp(-(x @ W_xh + h @ W_hh + b))), "a sigmoid"),
    (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh + b), "h_prev @ W_hh is missing"),
    (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh + h @ W_hh + 2 * b), "is wrong at N = 0, H = 0"),
    (lambda x, h, W_xh, W_hh, b: None, "returned None"),
    (lambda x, h, W_xh, W_hh, b: np.tanh(W_xh @ x + b), "raised ValueError"),
])
def test_typical_wrong_steps(capsys, step, hint):
    assert_not_yet(capsys, ex.check_step, step, hint=hint, expected=STEP_EXPECTED)


# --- 2. the loop over T ---------------------------------------------------------------------------

FORWARD_EXPECTED = hidden(rnnkit.rnn_forward(*args) for args in ex.forward_examples())


def right_forward(X, h0, W_xh, W_hh, b_h):
    N, T, D = X.shape
    Hs = np.zeros((N, T, h0.shape[1]))
    h = h0
    for t in range(T):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b_h)
        Hs[:, t] = h
    return Hs


def make_forward(step=None, steps=lambda T: range(T), x=lambda X, t: X[:, t], carry=True,
                 store_before=False, stack=None):
    """A student's loop with one thing changed."""
    def forward(X, h0, W_xh, W_hh, b_h):
        N, T, D = X.shape
        Hs, states, h = np.zeros((N, T, h0.shape[1])), [], h0
        for t in steps(T):
            if store_before:
                Hs[:, t] = h
            before = h if carry else h0
            h = (step or (lambda a: np.tanh(a)))(x(X, t) @ W_xh + before @ W_hh + b_h)
            if not store_before:
                Hs[:, t] = h
            states.append(h)
        return Hs if stack is None else np.stack(states, axis=stack)
    return forward


def test_the_loop_passes(capsys):
    ok, line = verdict(capsys, ex.check_forward, right_forward)
    assert ok and "my_rnn_forward agrees with rnnkit on all 3 examples" in line
    assert verdict(capsys, ex.check_forward, make_forward(stack=1))[0]    # a list, stacked


@pytest.mark.parametrize("forward, hint", [
    (lambda X, h0, W_xh, W_hh, b_h: np.zeros((*X.shape[:2], h0.shape[1])), "still all zeros"),
    (make_forward(carry=False), "every step starts again from h0"),
    (make_forward(steps=lambda T: range(T - 1)), "range(T - 1) stops one step early"),
    (make_forward(steps=lambda T: range(1, T)), "the loop must start at t = 0"),
    (make_forward(x=lambda X, t: X[t]), "X[t] is sequence t"),
    (make_forward(step=lambda a: a), "tanh is missing"),
    (make_forward(store_before=True), "holds the state before step t"),
    (make_forward(stack=0), "stack the states along axis 1"),
    (lambda X, h0, W_xh, W_hh, b_h: right_forward(X, h0, W_xh, W_hh.T, b_h), "W_hh is transposed"),
    (lambda X, h0, W_xh, W_hh, b_h: right_forward(X, h0, W_xh, W_hh, 0 * b_h),
     "the bias b_h is missing"),
    # not a listed mistake: the general diagnosis, with the axis names
    (lambda X, h0, W_xh, W_hh, b_h: right_forward(X, h0, W_xh, W_hh, b_h)[:, :-1],
     "axis T has too few entries"),
    (lambda X, h0, W_xh, W_hh, b_h: right_forward(X, 0 * h0, W_xh, W_hh, b_h),
     "is wrong at N = 0, T = 0, H = 0"),
    (make_forward(steps=lambda T: range(1, T + 1)), "raised IndexError"),
    (lambda X, h0, W_xh, W_hh, b_h: None, "my_rnn_forward returned None on example 1"),
])
def test_typical_wrong_loops(capsys, forward, hint):
    assert_not_yet(capsys, ex.check_forward, forward, hint=hint, expected=FORWARD_EXPECTED)


def test_every_listed_loop_mistake_differs_from_the_right_answer():
    for wrong, _ in ex._forward_mistakes():
        assert not all(np.allclose(wrong(*args), rnnkit.rnn_forward(*args))
                       for args in ex.forward_examples())


# --- 3 to 5 ---------------------------------------------------------------------------------------

def test_the_shape_of_Hs(capsys):
    assert verdict(capsys, ex.check_hidden_shape, (32, 10, 16))[0]
    assert verdict(capsys, ex.check_hidden_shape, [32, 10, 16])[0]
    for wrong, hint in [((32, 10, 3), "the shape of X"), ((32, 10, 2), "the shape of Y"),
                        ((32, 16), "h_T alone"), ((10, 32, 16), "batch-major"),
                        ((32, 11, 16), "entry 1 is wrong"), (None, "replace None")]:
        assert_not_yet(capsys, ex.check_hidden_shape, wrong, hint=hint, expected=(32, 10, 16))


def test_the_parameter_count(capsys):
    right = 3 * 16 + 16 * 16 + 16 + 16 * 2 + 2
    assert verdict(capsys, ex.check_parameter_count, right)[0]
    for wrong, hint in [(right - 18, "count the biases too"), (320, "W_oh and b_o"),
                        (right - 256, "W_hh (H, H) count too"), (right - 240, "H * H numbers"),
                        (300, "too small by 10% to 50%")]:
        line = assert_not_yet(capsys, ex.check_parameter_count, wrong, hint=hint, expected=right)
        assert str(right) not in line
    # T times the count: the line repeats the student's 3540, which holds 354, and says why
    # it is T times too many. That is the student's own number, not the check's.
    assert_not_yet(capsys, ex.check_parameter_count, 10 * right, hint="does not depend on T")


def test_the_steps_to_forget(capsys):
    assert verdict(capsys, ex.check_steps_to_forget, 1)[0]
    for wrong, hint in [(0, "h_1 holds it"), (2, "what is left of h_1"),
                        (7, "scaled by 0.5"), (40, "scaled by 0.9"), (5, "too large"),
                        ("never", "should be of type int")]:
        assert_not_yet(capsys, ex.check_steps_to_forget, wrong, hint=hint)
