"""How the gradient flows back through time: vanishing and exploding, measured.

When the loss sits on the last step only, backpropagation through time
carries one gradient vector per sequence from h_T back to h_1. Each step
back multiplies it by the local slope of tanh and by W_hh transposed:

    dL/dh_{t-1} = (dL/dh_t * (1 - h_t**2)) @ W_hh.T

(the same recursion as ``rnnkit.rnn_backward``). Over k steps these k
factors multiply, so the gradient reaching h_{T-k} shrinks or grows roughly
geometrically in k: that is the vanishing or exploding gradient.

    spectral_radius              the largest |eigenvalue| of W_hh
    scale_to_spectral_radius     W_hh rescaled to a chosen spectral radius
    state_gradients              dL/dh_t for every step t, (N, T, H)
    gradient_norms_through_time  ||dL/dh_{T-k}|| for k = 0 .. T-1, (T,)
    tanh_slopes                  the mean slope 1 - h_t**2 of tanh at each step, (T,)
    fate                         "vanishing", "exploding" or "roughly kept" for a ratio of norms
    lstm_state_gradients         for an LSTM: dL/dh_t and dL/dc_t for every step t

For an rnnkit.LSTM, state_gradients and gradient_norms_through_time walk
back through lstm_step_backward instead. The gradient then has two paths:
along h (through W_h and the gates) and along the cell state, where the
carousel alone multiplies dL/dc_t by the forget gate f_t at each step back
(the "constant error carousel"). gradient_norms_through_time(lstm, X,
along="c") measures the whole gradient reaching c_{T-k}: the carousel's part
plus what reaches c through h_{T-k} and the gates.

Time steps count from 1 as in the maths: h_T is Hs[:, T-1] in code, and
h_{T-k} is Hs[:, T-1-k].
"""

import numpy as np

from ._validate import (
    as_array,
    describe,
    initial_state,
    non_negative,
    one_of,
    per_sequence,
    positive,
)
from .cells import LSTM, SimpleRNN, lstm_forward, rnn_forward, rnn_step_backward
from .cells.lstm import lstm_gates_backward

_CELL = ("W_xh", "W_hh", "b_h")
VANISHED, EXPLODED = 1e-2, 1e2      # fate(): below 1% of its size, above 100 times its size


def spectral_radius(W_hh):
    """The largest absolute eigenvalue of the square matrix W_hh (H, H), as a float.

    Repeated multiplication by W_hh grows or shrinks a vector roughly like
    spectral_radius(W_hh) ** k after k steps.
    """
    W_hh = as_array(W_hh, "W_hh", ndim=2, why="a square (H, H) recurrent weight matrix")
    if W_hh.shape[0] != W_hh.shape[1]:
        raise ValueError(f"W_hh must be square, shape (H, H), got shape {W_hh.shape}")
    return float(np.max(np.abs(np.linalg.eigvals(W_hh))))


def scale_to_spectral_radius(W_hh, rho):
    """Return W_hh (H, H) multiplied by a number so that its spectral radius is rho.

    rho: the spectral radius wanted, a number > 0. Scaling a matrix scales
    every eigenvalue by the same factor, so the result is W_hh * rho / r with
    r = spectral_radius(W_hh); the eigenvectors do not change. W_hh is not
    modified; a new (H, H) array of the same dtype is returned.
    """
    radius = spectral_radius(W_hh)
    rho = positive(rho, "rho")
    if radius == 0:
        raise ValueError("W_hh has spectral radius 0 (every eigenvalue is 0, e.g. a matrix of "
                         "zeros), so no scaling can give it spectral radius rho")
    W_hh = as_array(W_hh, "W_hh")
    return (W_hh * (rho / radius)).astype(W_hh.dtype, copy=False)


def _cell_weights(rnn):
    """W_xh, W_hh, b_h from a SimpleRNN or a dict holding them (e.g. rnn.params)."""
    if isinstance(rnn, SimpleRNN):
        return tuple(rnn.params[key] for key in _CELL)
    if not isinstance(rnn, dict):
        raise TypeError(f"rnn must be an rnnkit.SimpleRNN or a dict with W_xh, W_hh and b_h "
                        f"(such as rnn.params), got {describe(rnn)}")
    missing = [key for key in _CELL if key not in rnn]
    if missing:
        raise ValueError(f"rnn must hold the cell's weights {list(_CELL)}; the dict has no "
                         f"{missing}")
    return tuple(rnn[key] for key in _CELL)


def _unit_or(dh_T, N, H, dtype):
    """dL/dh_T (N, H): the given one (N, H) or (H,), or ones(H) / sqrt(H) for every sequence."""
    if dh_T is None:
        dh_T = np.full(H, 1.0 / np.sqrt(H))
    return per_sequence(dh_T, "dh_T", N, H, "dL/dh_T, the gradient arriving at the last hidden "
                        "state", dtype)


def state_gradients(rnn, X, dh_T=None, h0=None):
    """The gradient reaching every hidden state when the loss is on the last step only.

    rnn: an rnnkit.SimpleRNN, or a dict with W_xh (D, H), W_hh (H, H) and
    b_h (H,) (for example ``rnn.params`` with W_hh rescaled).
    X: (N, T, D) input sequences. h0: optional (N, H) or (H,) starting state
    (zeros if None).
    dh_T: (N, H) or (H,), dL/dh_T, the gradient the loss sends into the last
    hidden state (for an output layer y_T = h_T @ W_oh + b_o it is
    dL/dy_T @ W_oh.T). Default: the unit vector ones(H) / sqrt(H) for every
    sequence, so that ||dL/dh_T|| = 1.

    Returns G (N, T, H) with G[:, t] = dL/dh_{t+1}: G[:, T-1] is dh_T itself
    and G[:, T-1-k] is the gradient k steps further back. Each step back is
    one rnn_step_backward: dL/dh_{t-1} = (dL/dh_t * (1 - h_t**2)) @ W_hh.T.
    For an rnnkit.LSTM: the dL/dh_t of lstm_state_gradients.
    """
    if isinstance(rnn, LSTM):
        return lstm_state_gradients(rnn, X, dh_T, h0)[0]
    W_xh, W_hh, b_h = _cell_weights(rnn)
    Hs = rnn_forward(X, h0, W_xh, W_hh, b_h)                 # checks X, h0 and the weights
    X = as_array(X, "X", dtype=Hs.dtype)
    N, T, H = Hs.shape
    h0 = initial_state(h0, N, H, Hs.dtype)
    g = _unit_or(dh_T, N, H, Hs.dtype)
    G = np.empty_like(Hs)
    for t in range(T - 1, -1, -1):
        G[:, t] = g
        h_prev = Hs[:, t - 1] if t > 0 else h0
        g = rnn_step_backward(g, X[:, t], h_prev, Hs[:, t], W_xh, W_hh, check=False)[1]
    return G


def gradient_norms_through_time(rnn, X, dh_T=None, h0=None, along="h"):
    """||dL/dh_{T-k}|| for k = 0, 1, ..., T-1 when the loss is on the last step only.

    rnn, X, dh_T, h0: as for ``state_gradients`` (X is (N, T, D)).
    along: "h" for the hidden state; "c" (an rnnkit.LSTM only) for the cell
    state, ||dL/dc_{T-k}||, whose norms[0] is that of dL/dc_T = dh_T * o_T * tanh'(c_T).

    Returns norms (T,): norms[k] is the Euclidean norm of the gradient
    reaching h_{T-k}, averaged over the N sequences. norms[0] is the norm of
    dh_T itself (1 with the default dh_T), so norms[k] / norms[0] says what
    fraction of the gradient survives k steps back in time.
    """
    if one_of(along, "along", ("h", "c")) == "c":
        if not isinstance(rnn, LSTM):
            raise ValueError(f"along='c' measures an LSTM's cell state; {describe(rnn)} has none "
                             f"(use along='h')")
        G = lstm_state_gradients(rnn, X, dh_T, h0)[1]
    else:
        G = state_gradients(rnn, X, dh_T, h0)
    norms = np.sqrt(np.einsum("nth,nth->nt", G, G)).mean(axis=0)     # (T,), h_1 .. h_T
    return norms[::-1].copy()                                        # k = 0 first


def tanh_slopes(rnn, X, h0=None):
    """The mean slope of tanh at each step: mean over sequences and units of 1 - h_t**2.

    rnn, X (N, T, D), h0: as for ``state_gradients``. Returns slopes (T,)
    for t = 1..T, each between 0 and 1: 1 where tanh is still linear
    (h_t near 0), near 0 where it saturates (h_t near -1 or 1). Every step
    back through time multiplies the gradient by these slopes.
    """
    Hs = rnn_forward(X, h0, *_cell_weights(rnn))
    return (1.0 - Hs * Hs).mean(axis=(0, 2))


def fate(ratio):
    """A word for what happened to a gradient over some distance back in time.

    ratio: a number >= 0, the fraction of the gradient left k steps back,
    norms[k] / norms[0] from ``gradient_norms_through_time``.
    Returns "vanishing" if ratio < VANISHED (1%), "exploding" if
    ratio > EXPLODED (100 times its size), and "roughly kept" in between.
    """
    ratio = non_negative(ratio, "ratio")
    if ratio < VANISHED:
        return "vanishing"
    return "exploding" if ratio > EXPLODED else "roughly kept"


def lstm_state_gradients(lstm, X, dh_T=None, h0=None, c0=None):
    """The gradients reaching every h_t and every c_t of an LSTM, the loss on the last step only.

    lstm: an rnnkit.LSTM. X: (N, T, D). h0, c0: optional (N, H) or (H,)
    starting states (zeros if None). dh_T: (N, H) or (H,), dL/dh_T; default
    ones(H) / sqrt(H) for every sequence, as in ``state_gradients``.

    Returns (G_h, G_c), each (N, T, H): G_h[:, t] = dL/dh_{t+1} and
    G_c[:, t] = dL/dc_{t+1}, both including every path back from the loss.
    Each step back is one lstm_gates_backward: dL/dc_{t-1} is dc * f_t (the
    carousel) plus what reaches c_{t-1} through h_{t-1}'s gradient.
    """
    if not isinstance(lstm, LSTM):
        raise TypeError(f"lstm must be an rnnkit.LSTM, got {describe(lstm)}")
    p = lstm.params
    X = as_array(X, "X", dtype=lstm.dtype)
    Hs, Cs, Gs = lstm_forward(X, h0, c0, p["W_x"], p["W_h"], p["b"])   # checks X, h0, c0
    N, T, H = Hs.shape
    c0 = initial_state(c0, N, H, Hs.dtype, name="c0")
    dh = _unit_or(dh_T, N, H, Hs.dtype)
    dc_next = np.zeros_like(dh)             # the loss reads h_T only; c_T is reached through it
    G_h, G_c = np.empty_like(Hs), np.empty_like(Hs)
    for t in range(T - 1, -1, -1):
        c_prev = Cs[:, t - 1] if t > 0 else c0
        da, G_c[:, t] = lstm_gates_backward(dh, dc_next, c_prev, Cs[:, t], Gs[:, t])
        G_h[:, t] = dh
        dh = da @ p["W_h"].T                                     # back to h_{t-1}
        dc_next = G_c[:, t] * np.split(Gs[:, t], 4, axis=1)[1]   # back to c_{t-1}: f_t only
    return G_h, G_c
