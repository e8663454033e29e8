"""The checks of notebook 02's exercises (02_recurrence): the recurrent cell.

    check_step(my_rnn_step)             1. one step of the cell, against rnnkit.rnn_step
    check_forward(my_rnn_forward)       2. the loop over T, against rnnkit.rnn_forward
    check_hidden_shape(my_shape)        3. the shape of Hs from a SimpleRNN
    check_parameter_count(my_count)     4. the parameters of SimpleRNN(3, 16, 2)
    check_steps_to_forget(my_steps)     5. how long a pulse lasts when W_hh = 0

Each computes the right answer with rnnkit, gives every typical wrong answer
its own hint, and never prints the expected value.
"""

import numpy as np

from ...cells.rnn import SimpleRNN, rnn_forward, rnn_step
from ..checks import check_choice, check_function
from ..widgets.recurrence import pulse_trace, steps_to_forget

SEED = 0

# ---------------------------------------------------------------------------
# 1. One step
# ---------------------------------------------------------------------------


def step_examples(seed=SEED):
    """Three (x_t (N, D), h_prev (N, H), W_xh (D, H), W_hh (H, H), b_h (H,)) examples of
    different sizes, with a non-zero bias."""
    rng = np.random.default_rng(seed)
    return [tuple(rng.normal(size=s) for s in [(n, d), (n, h), (d, h), (h, h), (h,)])
            for n, d, h in [(1, 1, 1), (2, 3, 4), (5, 2, 6)]]


def _step_mistakes():
    return [
        (lambda x, h, W_xh, W_hh, b: x @ W_xh + h @ W_hh + b,
         "this is the sum before tanh: the cell squashes it with np.tanh"),
        (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh + h @ W_hh),
         "the bias b_h is missing: add it inside the tanh"),
        (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh + h @ W_hh.T + b),
         "W_hh is transposed: with row vectors the state multiplies from the left, h_prev @ W_hh"),
        (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh) + h @ W_hh + b,
         "tanh must wrap the whole sum, not only x_t @ W_xh"),
        (lambda x, h, W_xh, W_hh, b: 1 / (1 + np.exp(-(x @ W_xh + h @ W_hh + b))),
         "that is a sigmoid: the cell uses tanh, so the state can be negative"),
        (lambda x, h, W_xh, W_hh, b: np.tanh(x @ W_xh + b),
         "the previous state h_prev @ W_hh is missing: without it there is no memory"),
    ]


def check_step(my_rnn_step):
    """Exercise 1: my_rnn_step(x_t, h_prev, W_xh, W_hh, b_h) -> h_t (N, H), on three examples."""
    return check_function(my_rnn_step, rnn_step, step_examples(), "my_rnn_step",
                          axes=("N", "H"), mistakes=_step_mistakes())


# ---------------------------------------------------------------------------
# 2. The loop over T
# ---------------------------------------------------------------------------


def forward_examples(seed=SEED):
    """Three (X (N, T, D), h0 (N, H), W_xh (D, H), W_hh (H, H), b_h (H,)) examples with a
    non-zero h0 and bias. N = T in each, so that X[t] (a mistake) runs and gets its hint."""
    rng = np.random.default_rng(seed)
    return [tuple(0.8 * rng.normal(size=s) for s in [(n, n, d), (n, h), (d, h), (h, h), (h,)])
            for n, d, h in [(2, 3, 4), (3, 1, 2), (4, 2, 5)]]


def _loop(X, h0, step, steps=None, first=0, store_before=False):
    """Hs (N, T, H) filled as a student's loop would, with the given step(x_t, h, t) rule."""
    N, T, _ = X.shape
    Hs, h = np.zeros((N, T, h0.shape[1])), h0
    for t in range(first, T if steps is None else steps):
        if store_before:
            Hs[:, t] = h
        h = step(X, h, t)
        if not store_before:
            Hs[:, t] = h
    return Hs


def _forward_mistakes():
    def cell(W_xh, W_hh, b):
        return lambda X, h, t: np.tanh(X[:, t] @ W_xh + h @ W_hh + b)
    return [
        (lambda X, h0, W_xh, W_hh, b: np.zeros((*X.shape[:2], h0.shape[1])),
         "Hs is still all zeros: write the loop that fills it, one time step at a time"),
        (lambda X, h0, W_xh, W_hh, b: _loop(X, h0, lambda X, h, t: np.tanh(
            X[:, t] @ W_xh + h0 @ W_hh + b)),
         "every step starts again from h0: carry h from step to step (h = the new state)"),
        (lambda X, h0, W_xh, W_hh, b: _loop(X, h0, cell(W_xh, W_hh, b), steps=X.shape[1] - 1),
         "the last time step is still zeros: range(T - 1) stops one step early; "
         "range(T) visits t = 0 .. T - 1"),
        (lambda X, h0, W_xh, W_hh, b: _loop(X, h0, cell(W_xh, W_hh, b), first=1),
         "the first time step is still zeros: the loop must start at t = 0"),
        (lambda X, h0, W_xh, W_hh, b: _loop(X, h0, lambda X, h, t: np.tanh(
            X[t] @ W_xh + h @ W_hh + b)),
         "X[t] is sequence t, all its steps (axis 0 is N); step t of every sequence is X[:, t]"),
        (lambda X, h0, W_xh, W_hh, b: _loop(X, h0, cell(W_xh, W_hh.T, b)),
         "W_hh is transposed: the state multiplies from the left, h @ W_hh"),
        (lambda X, h0, W_xh, W_hh, b: _loop(X, h0, lambda X, h, t: X[:, t] @ W_xh + h @ W_hh + b),
         "tanh is missing: h = np.tanh(...)"),
        (lambda X, h0, W_xh, W_hh, b: _loop(X, h0, cell(W_xh, W_hh, 0.0)),
         "the bias b_h is missing inside the tanh"),
        (lambda X, h0, W_xh, W_hh, b: _loop(X, h0, cell(W_xh, W_hh, b), store_before=True),
         "Hs[:, t] holds the state before step t: store h after computing it"),
        (lambda X, h0, W_xh, W_hh, b: rnn_forward(X, h0, W_xh, W_hh, b).transpose(1, 0, 2),
         "time comes first in yours: Hs is (N, T, H), so stack the states along axis 1"),
    ]


def check_forward(my_rnn_forward):
    """Exercise 2: my_rnn_forward(X, h0, W_xh, W_hh, b_h) -> Hs (N, T, H), on three examples."""
    def reference(X, h0, W_xh, W_hh, b_h):
        return rnn_forward(X, h0, W_xh, W_hh, b_h)
    return check_function(my_rnn_forward, reference, forward_examples(), "my_rnn_forward",
                          axes=("N", "T", "H"), mistakes=_forward_mistakes())


# ---------------------------------------------------------------------------
# 3 to 5: shapes, a count, a prediction
# ---------------------------------------------------------------------------

N, T, D, H, O = 32, 10, 3, 16, 2      # the network and the batch of exercises 3 and 4


def check_hidden_shape(my_shape):
    """Exercise 3: the shape of Hs when SimpleRNN(D=3, H=16, O=2) reads a batch (32, 10, 3)."""
    rnn = SimpleRNN(D, H, O, seed=SEED)
    rnn.forward(np.zeros((N, T, D)))
    Hs = rnn.hidden_states
    mistakes = [((N, T, D), "that is the shape of X: the last axis of Hs holds the H hidden units"),
                ((N, T, O), "that is the shape of Y, the outputs; Hs holds the hidden states"),
                ((N, H), "that is one state per sequence, h_T alone; Hs keeps one for every step"),
                ((T, N, H), "rnnkit is batch-major, as Keras: the sequences (N) come first")]
    return check_choice(my_shape, Hs.shape, "the shape of Hs", mistakes)


def check_parameter_count(my_count):
    """Exercise 4: how many numbers SimpleRNN(D=3, H=16, O=2) holds."""
    count = sum(p.size for p in SimpleRNN(D, H, O, seed=SEED).params.values())
    mistakes = [(D * H + H * H + H * O, "count the biases too: b_h has H numbers, b_o has O"),
                (D * H + H * H + H, "the output layer's W_oh and b_o are parameters too"),
                (D * H + H + H * O + O, "the recurrent weights W_hh (H, H) count too"),
                (D * H + H + H + H * O + O, "W_hh is (H, H): it holds H * H numbers"),
                (T * count, "the count does not depend on T: the same weights serve every step")]
    return check_choice(my_count, count, "the number of parameters", mistakes)


def check_steps_to_forget(my_steps):
    """Exercise 5: after how many steps a pulse is below 1 % when W_hh = 0 (and b_h = 0)."""
    steps = steps_to_forget(pulse_trace(0.0))
    mistakes = [(0, "at t = 1 the pulse has just arrived: h_1 holds it. Count the steps after"),
                (2, "look at h_2 = tanh(x_2 W_xh + h_1 W_hh + b_h): what is left of h_1 in it?")]
    for scale in (0.5, 0.9):
        k = steps_to_forget(pulse_trace(scale))
        if k != steps:
            mistakes.append((k, f"that is how long it lasts with W_hh scaled by {scale}; "
                                f"with W_hh = 0 nothing carries h_1 to the next step"))
    return check_choice(my_steps, steps, "the number of steps", mistakes)
