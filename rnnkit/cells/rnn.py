"""The recurrent cell: one step forward and back, a whole sequence, and SimpleRNN.

Notation (batch-major, weights multiply from the right, as in Keras):

    h_t = tanh(x_t @ W_xh + h_{t-1} @ W_hh + b_h)     W_xh (D, H), W_hh (H, H), b_h (H,)
    y_t = phi(h_t @ W_oh + b_o)                         W_oh (H, O), b_o (O,)

X has shape (N, T, D): N sequences, T time steps, D features per step.
One set of weights and one bias b_h serve every time step.

    rnn_step            one step forward: h_t from x_t and h_{t-1}
    rnn_step_backward   one step back: the gradients of that step
    rnn_forward         the step over t = 1 .. T
    rnn_backward        the step backward over t = T .. 1, weight gradients summed
    SimpleRNN           the cell plus an output layer at every step

rnn_forward and rnn_backward run the step's formulas with the work that need not wait for the
step before taken out of the loop (rnnkit.cells.cell says how, and why it is faster).

Each function checks its arguments, unless called with check=False (a network checks its
input once, then calls the loops with check=False).
"""

import numpy as np

from .._validate import as_array, as_sequences, initial_state, one_step
from ..initializers import glorot_uniform, orthogonal
from .cell import Cell, batch_major, input_part, previous_states, stacked, time_major, transposed
from .network import RecurrentNetwork


def rnn_step(x_t, h_prev, W_xh, W_hh, b_h, *, check=True):
    """One time step: h_t = tanh(x_t @ W_xh + h_prev @ W_hh + b_h).

    x_t: (N, D), h_prev: (N, H), W_xh: (D, H), W_hh: (H, H), b_h: (H,).
    Returns h_t: (N, H).
    """
    if check:
        W_xh, W_hh, b_h = _check_cell(W_xh, W_hh, b_h)
        x_t, h_prev = one_step(x_t, W_xh.shape[0], W_xh.shape[1], h_prev=h_prev)
    return np.tanh(x_t @ W_xh + b_h + h_prev @ W_hh)


def rnn_step_backward(dh_t, x_t, h_prev, h_t, W_xh, W_hh, *, check=True):
    """Backpropagate one step of h_t = tanh(x_t @ W_xh + h_prev @ W_hh + b_h).

    dh_t: (N, H), dLoss/dh_t. x_t: (N, D), h_prev: (N, H), h_t: (N, H) as in
    the forward step. W_xh: (D, H), W_hh: (H, H).
    Returns (dx_t, dh_prev, dW_xh, dW_hh, db_h) with the shapes of x_t,
    h_prev, W_xh, W_hh and b_h (H,): this step's share of each gradient.
    """
    if check:
        W_xh, W_hh, _ = _check_cell(W_xh, W_hh)
        x_t, h_prev = one_step(x_t, W_xh.shape[0], W_xh.shape[1], h_prev=h_prev)
        dh_t = as_array(dh_t, "dh_t", shape=h_prev.shape, why="dLoss/dh_t, one row per sequence")
        h_t = as_array(h_t, "h_t", shape=h_prev.shape, why="the state the step produced")
    da_t = dh_t * (1.0 - h_t * h_t)            # through tanh: tanh'(a_t) = 1 - h_t**2
    return da_t @ W_xh.T, da_t @ W_hh.T, x_t.T @ da_t, h_prev.T @ da_t, da_t.sum(axis=0)


def rnn_forward(X, h0, W_xh, W_hh, b_h, *, check=True):
    """Run the cell over every time step.

    X: (N, T, D), h0: (N, H), or (H,) for the same state in every sequence,
    or None for zeros. W_xh: (D, H), W_hh: (H, H), b_h: (H,).
    Returns Hs: (N, T, H), the hidden state after each step.
    """
    if check:
        W_xh, W_hh, b_h = _check_cell(W_xh, W_hh, b_h)
        X = as_sequences(X, "X", W_xh.shape[0])
        h0 = initial_state(h0, X.shape[0], W_xh.shape[1], X.dtype)
    A_x = input_part(time_major(X), W_xh, b_h)   # x_t @ W_xh + b_h for every t: one product
    Hs = np.empty_like(A_x)                      # (T, N, H), step t contiguous
    h = h0
    for t in range(len(A_x)):
        h = Hs[t] = np.tanh(A_x[t] + h @ W_hh)   # rnn_step: only h @ W_hh waits for step t-1
    return batch_major(Hs)


def rnn_backward(dHs, X, h0, Hs, W_xh, W_hh, *, check=True):
    """Backpropagation through time for the cell.

    dHs: (N, T, H), the loss gradient reaching each h_t from outside the
    recurrence (from the outputs y_t, or from whatever reads h_t).
    X: (N, T, D), h0: (N, H) (or (H,), or None for zeros), Hs: (N, T, H) as
    in the forward pass. W_xh: (D, H), W_hh: (H, H).

    Returns (dX, dh0, dW_xh, dW_hh, db_h) with the shapes of X, h0 (N, H),
    W_xh, W_hh and b_h. Walking back from t = T to 1, the gradient reaching
    h_t is what comes from outside plus what flows back from h_{t+1}; the
    weight gradients add up every step's share, because every step uses the
    same W_xh, W_hh and b_h.
    """
    if check:
        W_xh, W_hh, _ = _check_cell(W_xh, W_hh)
        X = as_sequences(X, "X", W_xh.shape[0])
        shape = (*X.shape[:2], W_xh.shape[1])                       # (N, T, H)
        Hs = as_array(Hs, "Hs", shape=shape, why="the hidden states rnn_forward returned")
        dHs = as_array(dHs, "dHs", shape=shape, why="one gradient per hidden state")
        h0 = initial_state(h0, shape[0], shape[2], X.dtype)
    X, Hs, dHs = time_major(X), time_major(Hs), time_major(dHs)
    dA = 1.0 - Hs * Hs                  # tanh'(a_t) = 1 - h_t**2, every step at once (T, N, H)
    dh_next = np.zeros_like(h0)                  # nothing flows back into h_T from a later step
    W_hh_T = transposed(W_hh)                     # W.T in memory: read at every step
    for t in range(len(Hs) - 1, -1, -1):
        dA[t] *= dHs[t] + dh_next                # da_t = dh_t tanh'(a_t), rnn_step_backward's
        dh_next = dA[t] @ W_hh_T                 # only this must wait for step t+1
    # Every step's shares at once: sum_t x_t.T @ da_t = X.T @ dA over the stacked steps.
    dA_all = stacked(dA)
    dX = (dA_all @ W_xh.T).reshape(X.shape)
    dW_xh = stacked(X).T @ dA_all
    dW_hh = stacked(previous_states(h0, Hs)).T @ dA_all
    return batch_major(dX), dh_next, dW_xh, dW_hh, dA_all.sum(axis=0)


def _check_cell(W_xh, W_hh, b_h=None):
    """The cell's weights, checked against each other: W_xh (D, H), W_hh (H, H), b_h (H,).

    b_h None (the backward passes do not read it) is passed through unchecked.
    """
    W_xh = as_array(W_xh, "W_xh", ndim=2, why="(D, H): input features to hidden units")
    H = W_xh.shape[1]
    W_hh = as_array(W_hh, "W_hh", shape=(H, H), why="(H, H) with H from W_xh")
    if b_h is not None:
        b_h = as_array(b_h, "b_h", shape=(H,), why="one bias per hidden unit")
    return W_xh, W_hh, b_h


def _init(rng, D, H, dtype=np.float64):
    """The cell's starting weights, in Keras' order of draws: W_xh (D, H) Glorot-uniform,
    W_hh (H, H) orthogonal, b_h (H,) zeros."""
    return {"W_xh": glorot_uniform(rng, D, H, dtype), "W_hh": orthogonal(rng, H, dtype),
            "b_h": np.zeros(H, dtype=dtype)}


def _forward(p, X, state):
    (h0,) = state
    Hs = rnn_forward(X, h0, p["W_xh"], p["W_hh"], p["b_h"], check=False)
    return Hs, (Hs[:, -1],), {"X": X, "h0": h0, "Hs": Hs}


def _backward(p, dHs, cache):
    dX, dh0, *grads = rnn_backward(dHs, cache["X"], cache["h0"], cache["Hs"], p["W_xh"],
                                   p["W_hh"], check=False)
    return dX, (dh0,), dict(zip(RNN_CELL.weights, grads))


RNN_CELL = Cell("SimpleRNN", ("W_xh", "W_hh", "b_h"), ("h",), _init, _forward, _backward)


class SimpleRNN(RecurrentNetwork):
    """An Elman RNN: the tanh cell above plus an output layer at every step.

    SimpleRNN(input_size=D, hidden_size=H, output_size=O, output_activation="identity",
              seed=None, dtype=np.float64)

    params holds exactly W_xh (D, H), W_hh (H, H), b_h (H,), W_oh (H, O),
    b_o (O,), initialised as Keras does (Glorot-uniform kernels, orthogonal
    W_hh, zero biases), so weights can move to and from Keras unchanged.
    forward(X (N, T, D), state=h0) returns Y (N, T, O); its state is h (N, H).
    (rnnkit.cells.network: stacked layers, an embedding, dropout.)
    """

    cell = RNN_CELL
