"""How long a recurrent network remembers: one pulse, followed step by step.

A pulse x_1 = 1 enters a SimpleRNN with no bias and zero inputs after it. Every
later step only multiplies the state by W_hh and squashes it with tanh,

    h_t = tanh(h_{t-1} @ W_hh)        for t = 2 .. T,

so ||h_t|| shows how much of the pulse the state still holds t - 1 steps on:
the forward twin of the vanishing gradient (rnnkit.gradients).

    pulse_trace(scale, T, H, seed)   ||h_t|| for t = 1 .. T, with W_hh scaled by ``scale``
    steps_to_forget(trace, fraction) steps until that trace is below fraction * ||h_1||
"""

import numpy as np

from ._validate import as_array, optional_seed, positive_int, real_number
from .cells.rnn import SimpleRNN


def pulse_trace(scale, T=60, H=8, seed=0):
    """||h_t|| for t = 1..T after a single input pulse x_1 = 1 (all later inputs 0).

    The network is an rnnkit.SimpleRNN with D = 1 input, H hidden units,
    zero bias and W_hh = scale * Q, where Q is the random orthogonal matrix
    Keras and rnnkit start from (so ||h @ W_hh|| = scale * ||h||).
    scale: the size of W_hh (>= 0). T: the number of steps. H: hidden units.
    seed: for W_xh and Q. Returns the norms, shape (T,).
    """
    scale = real_number(scale, "scale", minimum=0.0)
    T, H = positive_int(T, "T"), positive_int(H, "H")
    rnn = SimpleRNN(1, H, 1, seed=optional_seed(seed))
    rnn.params["W_hh"] *= scale
    X = np.zeros((1, T, 1))
    X[0, 0, 0] = 1.0
    rnn.forward(X)
    Hs = rnn.hidden_states[0]                                  # (T, H)
    return np.linalg.norm(Hs, axis=1)


def steps_to_forget(trace, fraction=0.01):
    """How many steps after the pulse its trace first falls below ``fraction`` of where it started.

    trace: (T,) norms ||h_t|| from pulse_trace, the pulse at index 0.
    fraction: the threshold as a fraction of trace[0] (0 < fraction < 1).
    Returns k such that trace[k] < fraction * trace[0] for the first time, or
    None if the trace stays above the threshold for all T steps.
    """
    trace = as_array(trace, "trace", ndim=1, why="one norm per time step")
    fraction = real_number(fraction, "fraction", minimum=0.0, maximum=1.0)
    below = np.flatnonzero(trace < fraction * trace[0])
    return int(below[0]) if below.size else None
