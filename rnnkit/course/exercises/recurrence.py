"""The checks of notebook 02's exercises (02_recurrence): the recurrent cell.

    check_step(my_rnn_step)             1. one step of the cell, against rnnkit.rnn_step
    check_forward(my_rnn_forward)       2. the loop over T, against rnnkit.rnn_forward
    check_hidden_shape(my_shape)        3. the shape of Hs from a SimpleRNN
    check_parameter_count(my_count)     4. the parameters of SimpleRNN(3, 16, 2)
    check_steps_to_forget(my_steps)     5. how long a pulse lasts when W_hh = 0

Each computes the right answer with rnnkit, reads the typical wrong answers from its
exercise's registry (STEP_MISTAKES, FORWARD_MISTAKES, ...), gives each its own hint, and
never prints the expected value.
"""

import functools

import numpy as np

from ...cells.rnn import SimpleRNN, rnn_forward, rnn_step
from ...memory import pulse_trace, steps_to_forget
from ..checks import Mistake, check_choice, check_function, edit

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


def step_solution(x_t, h_prev, W_xh, W_hh, b_h):
    """The notebook's solution: h_t (N, H)."""
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)


def _step_with(wrong):
    return edit(step_solution, "np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)", wrong)


STEP_MISTAKES = [
    Mistake("no tanh", "this is the sum before tanh: the cell squashes it",
            _step_with("x_t @ W_xh + h_prev @ W_hh + b_h")),
    Mistake("no bias", "the bias b_h is missing",
            _step_with("np.tanh(x_t @ W_xh + h_prev @ W_hh)")),
    Mistake("W_hh transposed", "W_hh is transposed: with the states as rows, W_hh acts on them "
                               "as it is, from the right",
            _step_with("np.tanh(x_t @ W_xh + h_prev @ W_hh.T + b_h)")),
    Mistake("tanh of a part", "tanh must wrap the whole sum, not only x_t @ W_xh",
            _step_with("np.tanh(x_t @ W_xh) + h_prev @ W_hh + b_h")),
    Mistake("sigmoid", "that is a sigmoid: the cell uses tanh, so the state can be negative",
            _step_with("1 / (1 + np.exp(-(x_t @ W_xh + h_prev @ W_hh + b_h)))")),
    Mistake("no memory", "the previous state h_prev @ W_hh is missing: without it there is no "
                         "memory", _step_with("np.tanh(x_t @ W_xh + b_h)")),
]


def check_step(my_rnn_step):
    """Exercise 1: my_rnn_step(x_t, h_prev, W_xh, W_hh, b_h) -> h_t (N, H), on three examples."""
    return check_function(my_rnn_step, rnn_step, step_examples(), "my_rnn_step",
                          axes=("N", "H"), mistakes=STEP_MISTAKES)


# ---------------------------------------------------------------------------
# 2. The loop over T
# ---------------------------------------------------------------------------


def forward_examples(seed=SEED):
    """Three (X (N, T, D), h0 (N, H), W_xh (D, H), W_hh (H, H), b_h (H,)) examples with a
    non-zero h0 and bias. N = T in each, so that X[t] (a mistake) runs and gets its hint."""
    rng = np.random.default_rng(seed)
    return [tuple(0.8 * rng.normal(size=s) for s in [(n, n, d), (n, h), (d, h), (h, h), (h,)])
            for n, d, h in [(2, 3, 4), (3, 1, 2), (4, 2, 5)]]


def forward_solution(X, h0, W_xh, W_hh, b_h):
    """The notebook's solution: Hs (N, T, H)."""
    N, T, D = X.shape
    Hs = np.zeros((N, T, h0.shape[1]))
    h = h0
    for t in range(T):
        h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b_h)
        Hs[:, t] = h
    return Hs


_CELL = "h = np.tanh(X[:, t] @ W_xh + h @ W_hh + b_h)"

FORWARD_MISTAKES = [
    Mistake("no loop", "Hs is still all zeros: write the loop that fills it, one time step at "
                       "a time",
            edit(forward_solution, "    for t in range(T):", "    for t in []:")),
    Mistake("restarts from h0", "every step starts again from h0: each step must read the "
                                "state the step before wrote",
            edit(forward_solution, "h @ W_hh", "h0 @ W_hh")),
    Mistake("stops early", "the last time step is still zeros: the loop stops one step early",
            edit(forward_solution, "range(T)", "range(T - 1)")),
    Mistake("starts late", "the first time step is still zeros: the loop skips step 0 (NumPy "
                           "counts the steps from 0)", edit(forward_solution, "range(T)",
                                                            "range(1, T)")),
    Mistake("X[t]", "X[t] is sequence t, all its steps (axis 0 is N), not step t of every "
                    "sequence", edit(forward_solution, "X[:, t] @", "X[t] @")),
    Mistake("W_hh transposed", "W_hh is transposed: with the states as rows, W_hh acts on them "
                               "as it is, from the right",
            edit(forward_solution, "h @ W_hh", "h @ W_hh.T")),
    Mistake("no tanh", "tanh is missing: each new state is the squashed sum",
            edit(forward_solution, _CELL, "h = X[:, t] @ W_xh + h @ W_hh + b_h")),
    Mistake("no bias", "the bias b_h is missing inside the tanh",
            edit(forward_solution, " + b_h)", ")")),
    Mistake("stores the old state", "Hs[:, t] holds the state from before step t: each stored "
                                    "state is one step behind",
            edit(forward_solution, f"{_CELL}\n        Hs[:, t] = h",
                 f"Hs[:, t] = h\n        {_CELL}")),
    Mistake("time first", "time comes first in yours, (T, N, H): rnnkit is batch-major, the "
                          "sequences (N) come first",
            edit(forward_solution, "return Hs", "return Hs.transpose(1, 0, 2)")),
]


def check_forward(my_rnn_forward):
    """Exercise 2: my_rnn_forward(X, h0, W_xh, W_hh, b_h) -> Hs (N, T, H), on three examples."""
    return check_function(my_rnn_forward, rnn_forward, forward_examples(), "my_rnn_forward",
                          axes=("N", "T", "H"), mistakes=FORWARD_MISTAKES)


# ---------------------------------------------------------------------------
# 3 to 5: shapes, a count, a prediction
# ---------------------------------------------------------------------------

N, T, D, H, O = 32, 10, 3, 16, 2      # the network and the batch of exercises 3 and 4

HIDDEN_SHAPE_MISTAKES = [
    Mistake("X's shape", "that is the shape of X: the last axis of Hs holds the H hidden units",
            (N, T, D)),
    Mistake("Y's shape", "that is the shape of Y, the outputs; Hs holds the hidden states",
            (N, T, O)),
    Mistake("h_T alone", "that is one state per sequence, h_T alone; Hs keeps one for every step",
            (N, H)),
    Mistake("time first", "rnnkit is batch-major, as Keras: the sequences (N) come first",
            (T, N, H)),
]


def check_hidden_shape(my_shape):
    """Exercise 3: the shape of Hs when SimpleRNN(D=3, H=16, O=2) reads a batch (32, 10, 3)."""
    rnn = SimpleRNN(D, H, O, seed=SEED)
    rnn.forward(np.zeros((N, T, D)))
    return check_choice(my_shape, rnn.hidden_states.shape, "the shape of Hs",
                        mistakes=HIDDEN_SHAPE_MISTAKES)


PARAMETER_COUNT_MISTAKES = [
    Mistake("no biases", "the biases b_h and b_o are missing from the count",
            D * H + H * H + H * O),
    Mistake("no output layer", "the output layer's W_oh and b_o are parameters too",
            D * H + H * H + H),
    Mistake("no W_hh", "the recurrent weights W_hh (H, H) count too", D * H + H + H * O + O),
    Mistake("W_hh as H", "W_hh is counted as a vector of H numbers; it is a matrix",
            D * H + H + H + H * O + O),
    Mistake("times T", "the count does not depend on T: the same weights serve every step",
            T * (D * H + H * H + H + H * O + O)),
]


def check_parameter_count(my_count):
    """Exercise 4: how many numbers SimpleRNN(D=3, H=16, O=2) holds."""
    count = sum(p.size for p in SimpleRNN(D, H, O, seed=SEED).params.values())
    return check_choice(my_count, count, "the number of parameters",
                        mistakes=PARAMETER_COUNT_MISTAKES)


def forget_steps(scale):
    """After how many steps section 8's pulse is below 1 %, with W_hh scaled by ``scale``."""
    return steps_to_forget(pulse_trace(scale))


STEPS_TO_FORGET_MISTAKES = [
    Mistake("counts the pulse's step", "at t = 1 the pulse has just arrived: h_1 holds it. "
                                       "Count the steps after", 0),
    Mistake("one step more", "look at h_2 = tanh(x_2 W_xh + h_1 W_hh + b_h): what is left of "
                             "h_1 in it?", 2),
    Mistake("W_hh scaled by 0.5", "that is how long it lasts with W_hh scaled by 0.5; with "
                                  "W_hh = 0 nothing carries h_1 to the next step",
            functools.partial(forget_steps, 0.5)),
    Mistake("W_hh scaled by 0.9", "that is how long it lasts with W_hh scaled by 0.9; with "
                                  "W_hh = 0 nothing carries h_1 to the next step",
            functools.partial(forget_steps, 0.9)),
]


def check_steps_to_forget(my_steps):
    """Exercise 5: after how many steps a pulse is below 1 % when W_hh = 0 (and b_h = 0)."""
    return check_choice(my_steps, forget_steps(0.0), "the number of steps",
                        mistakes=STEPS_TO_FORGET_MISTAKES)
