"""The LSTM cell: gates, a cell state, one step forward and back, and the LSTM network.

Notation (batch-major, weights multiply from the right, as in Keras; sigma is
the logistic sigmoid, * is the element-wise product):

    a_t = x_t @ W_x + h_{t-1} @ W_h + b        W_x (D, 4H), W_h (H, 4H), b (4H,)
    a_t is four blocks of H side by side, in Keras' order:
    i_t = sigma(a_i)    input gate: how much of the candidate to write
    f_t = sigma(a_f)    forget gate: how much of the cell state to keep
    g_t = tanh(a_g)     candidate: what would be written
    o_t = sigma(a_o)    output gate: how much of the cell to show
    c_t = f_t * c_{t-1} + i_t * g_t             the cell state: kept plus written
    h_t = o_t * tanh(c_t)                       the hidden state: what the cell shows
    y_t = phi(h_t @ W_oh + b_o)                 W_oh (H, O), b_o (O,)

Along c_{t-1} -> c_t the gradient is multiplied by f_t only: no weight
matrix, no tanh slope. With f_t near 1 it crosses many steps intact.

    lstm_gates           from a_t and c_{t-1}: the gates, c_t and h_t
    lstm_gates_backward  the same backwards: from dh_t and dc_t to da_t and all that reaches c_t
    lstm_step            one step forward: a_t from x_t and h_{t-1}, then lstm_gates
    lstm_step_backward   one step back: the gradients of that step
    lstm_forward         the step over t = 1 .. T
    lstm_backward        the step backward over t = T .. 1, weight gradients summed
    LSTM                 the cell plus an output layer at every step

The gates are kept side by side as one array (N, 4H), [i f g o], in the
order of a_t's blocks. lstm_forward and lstm_backward call lstm_gates and
lstm_gates_backward at every step; the products with x_t and the weight
gradients run outside the loop (rnnkit.cells.cell says how, and why).
"""

import numpy as np

from .._validate import as_array, as_sequences, initial_state, needs_forward, one_step
from ..activations import sigmoid
from ..initializers import glorot_uniform, orthogonal
from .cell import (
    Cell,
    batch_major,
    blocks,
    input_part,
    previous_states,
    stacked,
    time_major,
    transposed,
)
from .network import RecurrentNetwork

GATES = ("i", "f", "g", "o")           # Keras' order of the four blocks of W_x, W_h and b


def lstm_gates(a_t, c_prev):
    """The gates and the new states from the pre-activations: a_t (N, 4H), c_prev (N, H).

    Returns (h_t, c_t, gates): h_t and c_t (N, H), and gates (N, 4H), the
    blocks i_t, f_t, g_t, o_t after their activations, side by side.
    """
    gates = sigmoid(a_t, check=False)            # i, f and o are sigmoids of their blocks...
    i, f, g, o = blocks(gates, 4)
    g[...] = np.tanh(blocks(a_t, 4)[2])          # ...and the candidate g a tanh of its own
    c_t = f * c_prev + i * g
    h_t = o * np.tanh(c_t)
    return h_t, c_t, gates


def lstm_gates_backward(dh_t, dc_t, c_prev, c_t, gates):
    """Backpropagate lstm_gates: dh_t, dc_t (N, H), the loss gradient reaching h_t and c_t from
    later; c_prev, c_t (N, H) and gates (N, 4H) as in the forward step.

    Returns (da_t, dc): da_t (N, 4H), the gradient at the pre-activations in the order of a_t,
    and dc (N, H), all that reaches c_t, directly and through h_t. What flows back along the
    cell state to c_{t-1} is dc * f_t: the forget gate, and nothing else.
    """
    i, f, g, o = blocks(gates, 4)
    tanh_c = np.tanh(c_t)
    dc = dc_t + dh_t * o * (1.0 - tanh_c * tanh_c)    # c_t reaches the loss directly and via h_t
    dgates = np.concatenate([dc * g,                  # dLoss/di_t: c_t = f c_{t-1} + i g
                             dc * c_prev,             # dLoss/df_t
                             dc * i,                  # dLoss/dg_t
                             dh_t * tanh_c], axis=1)  # dLoss/do_t: h_t = o tanh(c_t)
    slopes = gates * (1.0 - gates)                    # sigmoid' = s (1 - s) for i, f and o...
    blocks(slopes, 4)[2][...] = 1.0 - g * g           # ...and tanh' = 1 - g**2 for g
    return dgates * slopes, dc


def lstm_step(x_t, h_prev, c_prev, W_x, W_h, b, *, check=True):
    """One time step of the LSTM.

    x_t: (N, D), h_prev: (N, H), c_prev: (N, H), W_x: (D, 4H), W_h: (H, 4H),
    b: (4H,). Returns (h_t, c_t, gates): h_t and c_t (N, H), and gates
    (N, 4H), the four gates [i f g o] side by side (lstm_gates).
    """
    if check:
        W_x, W_h, b = _check_cell(W_x, W_h, b)
        x_t, h_prev, c_prev = one_step(x_t, W_x.shape[0], W_x.shape[1] // 4, h_prev=h_prev,
                                        c_prev=c_prev)
    return lstm_gates(x_t @ W_x + b + h_prev @ W_h, c_prev)   # a_t (N, 4H), then the gates


def lstm_step_backward(dh_t, dc_t, x_t, h_prev, c_prev, c_t, gates, W_x, W_h, *, check=True):
    """Backpropagate one LSTM step.

    dh_t, dc_t: (N, H), the loss gradient reaching h_t and c_t. x_t (N, D),
    h_prev, c_prev, c_t (N, H) and gates (N, 4H) as in the forward step.
    W_x: (D, 4H), W_h: (H, 4H).
    Returns (dx_t, dh_prev, dc_prev, dW_x, dW_h, db) with the shapes of x_t,
    h_prev, c_prev, W_x, W_h and b (4H,): this step's share of each gradient.
    """
    if check:
        W_x, W_h, _ = _check_cell(W_x, W_h)
        x_t, h_prev, c_prev = one_step(x_t, W_x.shape[0], W_x.shape[1] // 4, h_prev=h_prev,
                                        c_prev=c_prev)
        dh_t, dc_t, c_t = (as_array(value, name, shape=h_prev.shape, why="one row per sequence")
                           for value, name in ((dh_t, "dh_t"), (dc_t, "dc_t"), (c_t, "c_t")))
        gates = as_array(gates, "gates", shape=(h_prev.shape[0], 4 * h_prev.shape[1]),
                         why="the gates [i f g o] side by side, as lstm_step returned them")
    da_t, dc = lstm_gates_backward(dh_t, dc_t, c_prev, c_t, gates)
    dc_prev = dc * blocks(gates, 4)[1]                # the carousel: only f_t on the way back
    return da_t @ W_x.T, da_t @ W_h.T, dc_prev, x_t.T @ da_t, h_prev.T @ da_t, da_t.sum(axis=0)


def lstm_forward(X, h0, c0, W_x, W_h, b, *, check=True):
    """Run the LSTM cell over every time step.

    X: (N, T, D). h0, c0: (N, H), or (H,) for the same state in every
    sequence, or None for zeros. W_x: (D, 4H), W_h: (H, 4H), b: (4H,).
    Returns (Hs, Cs, Gs): Hs and Cs (N, T, H), the hidden and cell states
    after each step, and Gs (N, T, 4H), the gates [i f g o] at each step.
    """
    if check:
        W_x, W_h, b = _check_cell(W_x, W_h, b)
        X = as_sequences(X, "X", W_x.shape[0])
        h0 = initial_state(h0, X.shape[0], W_h.shape[0], X.dtype)
        c0 = initial_state(c0, X.shape[0], W_h.shape[0], X.dtype, name="c0")
    A_x = input_part(time_major(X), W_x, b)      # x_t @ W_x + b for every t: one product
    T, N, _ = A_x.shape
    Hs, Cs = np.empty((T, N, len(W_h)), A_x.dtype), np.empty((T, N, len(W_h)), A_x.dtype)
    Gs = np.empty_like(A_x)                      # (T, N, 4H), step t contiguous
    h, c = h0, c0
    for t in range(T):
        h, c, Gs[t] = lstm_gates(A_x[t] + h @ W_h, c)   # lstm_step: only h @ W_h waits
        Hs[t], Cs[t] = h, c
    return batch_major(Hs), batch_major(Cs), batch_major(Gs)


def lstm_backward(dHs, X, h0, c0, Hs, Cs, Gs, W_x, W_h, *, check=True):
    """Backpropagation through time for the LSTM cell.

    dHs: (N, T, H), the loss gradient reaching each h_t from outside the
    recurrence. X (N, T, D), h0 and c0 (N, H) (or (H,), or None for zeros),
    and Hs, Cs (N, T, H) and Gs (N, T, 4H) as lstm_forward returned them.
    W_x: (D, 4H), W_h: (H, 4H).

    Returns (dX, dh0, dc0, dW_x, dW_h, db) with the shapes of X, h0 (N, H),
    c0 (N, H), W_x, W_h and b. Two gradients flow back from step t+1: one
    into h_t (through W_h) and one into c_t (through f_{t+1} only).
    """
    if check:
        W_x, W_h, _ = _check_cell(W_x, W_h)
        X = as_sequences(X, "X", W_x.shape[0])
        shape = (*X.shape[:2], W_h.shape[0])                        # (N, T, H)
        Hs, Cs, dHs = (as_array(value, name, shape=shape, why=why) for value, name, why in (
            (Hs, "Hs", "the hidden states lstm_forward returned"),
            (Cs, "Cs", "the cell states lstm_forward returned"),
            (dHs, "dHs", "one gradient per hidden state")))
        Gs = as_array(Gs, "Gs", shape=(*shape[:2], 4 * shape[2]),
                      why="the gates lstm_forward returned")
        h0 = initial_state(h0, shape[0], shape[2], X.dtype)
        c0 = initial_state(c0, shape[0], shape[2], X.dtype, name="c0")
    X, Hs, Cs, Gs, dHs = (time_major(A) for A in (X, Hs, Cs, Gs, dHs))
    dA = np.empty_like(Gs)                       # da_t for every step, (T, N, 4H)
    F = blocks(Gs, 4)[1]                         # the forget gates f_t, (T, N, H)
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)   # nothing flows in from step T+1
    W_h_T = transposed(W_h)                     # W.T in memory: read at every step
    for t in range(len(Hs) - 1, -1, -1):
        c_prev = Cs[t - 1] if t > 0 else c0
        dA[t], dc = lstm_gates_backward(dHs[t] + dh_next, dc_next, c_prev, Cs[t], Gs[t])
        dh_next = dA[t] @ W_h_T                  # these two are all that must wait for step t+1
        dc_next = dc * F[t]                      # the carousel: only f_t on the way back
    # Every step's shares at once: sum_t x_t.T @ da_t = X.T @ dA over the stacked steps.
    dA_all = stacked(dA)
    dX = (dA_all @ W_x.T).reshape(X.shape)
    dW_x = stacked(X).T @ dA_all
    dW_h = stacked(previous_states(h0, Hs)).T @ dA_all
    return batch_major(dX), dh_next, dc_next, dW_x, dW_h, dA_all.sum(axis=0)


def _check_cell(W_x, W_h, b=None):
    """The LSTM's weights, checked against each other: W_x (D, 4H), W_h (H, 4H), b (4H,)."""
    W_h = as_array(W_h, "W_h", ndim=2, why="(H, 4H): hidden state to the four gates i, f, g, o")
    H = W_h.shape[0]
    if W_h.shape[1] != 4 * H:
        raise ValueError(f"W_h must have shape (H, 4H), four gates of H units side by side; "
                         f"got shape {W_h.shape}")
    W_x = as_array(W_x, "W_x", shape=(None, 4 * H), why="(D, 4H) with H from W_h")
    if b is not None:
        b = as_array(b, "b", shape=(4 * H,), why="one bias per gate unit, 4H")
    return W_x, W_h, b


def _init(rng, D, H, dtype=np.float64):
    """The LSTM's starting weights, as Keras draws them: W_x (D, 4H) Glorot-uniform, W_h (H, 4H)
    orthogonal, b (4H,) zeros but the forget gate's block at 1 (Keras' unit_forget_bias)."""
    b = np.zeros(4 * H, dtype=dtype)
    b[H:2 * H] = 1.0
    return {"W_x": glorot_uniform(rng, D, 4 * H, dtype), "W_h": orthogonal(rng, (H, 4 * H), dtype),
            "b": b}


def _forward(p, X, state):
    h0, c0 = state
    Hs, Cs, Gs = lstm_forward(X, h0, c0, p["W_x"], p["W_h"], p["b"], check=False)
    return Hs, (Hs[:, -1], Cs[:, -1]), {"X": X, "h0": h0, "c0": c0, "Hs": Hs, "Cs": Cs, "Gs": Gs}


def _backward(p, dHs, cache):
    dX, dh0, dc0, *grads = lstm_backward(dHs, cache["X"], cache["h0"], cache["c0"], cache["Hs"],
                                         cache["Cs"], cache["Gs"], p["W_x"], p["W_h"],
                                         check=False)
    return dX, (dh0, dc0), dict(zip(LSTM_CELL.weights, grads))


LSTM_CELL = Cell("LSTM", ("W_x", "W_h", "b"), ("h", "c"), _init, _forward, _backward)


class LSTM(RecurrentNetwork):
    """A long short-term memory network: the LSTM cell plus an output layer at every step.

    LSTM(input_size=D, hidden_size=H, output_size=O, output_activation="identity",
         seed=None, dtype=np.float64)

    params holds exactly W_x (D, 4H), W_h (H, 4H), b (4H,), W_oh (H, O),
    b_o (O,), with the gates in Keras' order (i, f, g, o), so a Keras LSTM's
    kernel, recurrent_kernel and bias copy in as they are. Initialised as
    Keras does: Glorot-uniform kernels, an orthogonal W_h, zero biases but
    the forget gate's at 1. Its state is the pair (h, c), each (N, H).
    After forward(), hidden_states holds Hs (N, T, H), cell_states
    Cs (N, T, H) and gates a dict of the four gates, each (N, T, H).
    (rnnkit.cells.network: stacked layers, an embedding, dropout.)
    """

    cell = LSTM_CELL

    @property
    def cell_states(self):
        """Cs (N, T, H): the (top layer's) cell state at every step of the last forward pass."""
        return needs_forward(self._cache, "cell_states")["layers"][-1]["Cs"]

    @property
    def gates(self):
        """{"i", "f", "g", "o"}: each gate (N, T, H) of the (top) layer at every step of the
        last forward pass."""
        Gs = needs_forward(self._cache, "gates")["layers"][-1]["Gs"]
        return dict(zip(GATES, blocks(Gs, 4)))
