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

    lstm_step            one step forward: h_t, c_t and the gates from x_t, h_{t-1}, c_{t-1}
    lstm_step_backward   one step back: the gradients of that step
    lstm_forward         lstm_step over t = 1 .. T
    lstm_backward        lstm_step_backward over t = T .. 1, weight gradients summed
    LSTM                 the cell plus an output layer at every step

As in rnnkit.rnn, the loops check their arguments once and call the step
with check=False.
"""

import numpy as np

from ._validate import as_array, as_sequences, initial_state, needs_forward
from .activations import _sigmoid as sigmoid  # unchecked: the step has checked its inputs
from .initializers import glorot_uniform, orthogonal
from .rnn import RecurrentNetwork

GATES = ("i", "f", "g", "o")           # Keras' order of the four blocks of W_x, W_h and b


def lstm_step(x_t, h_prev, c_prev, W_x, W_h, b, *, check=True):
    """One time step of the LSTM.

    x_t: (N, D), h_prev: (N, H), c_prev: (N, H), W_x: (D, 4H), W_h: (H, 4H),
    b: (4H,). Returns (h_t, c_t, gates): h_t and c_t (N, H), and gates the
    tuple (i_t, f_t, g_t, o_t), each (N, H).
    """
    if check:
        W_x, W_h, b = _check_cell(W_x, W_h, b)
        x_t, h_prev, c_prev = _check_step(x_t, h_prev, c_prev, W_x)
    a = x_t @ W_x + h_prev @ W_h + b             # (N, 4H): the four gates before activation
    a_i, a_f, a_g, a_o = np.split(a, 4, axis=1)
    i, f, g, o = sigmoid(a_i), sigmoid(a_f), np.tanh(a_g), sigmoid(a_o)
    c_t = f * c_prev + i * g
    h_t = o * np.tanh(c_t)
    return h_t, c_t, (i, f, g, o)


def lstm_step_backward(dh_t, dc_t, x_t, h_prev, c_prev, c_t, gates, W_x, W_h, *, check=True):
    """Backpropagate one LSTM step.

    dh_t, dc_t: (N, H), the loss gradient reaching h_t and c_t. x_t (N, D),
    h_prev, c_prev, c_t (N, H) and gates (i, f, g, o), each (N, H), as in
    the forward step. W_x: (D, 4H), W_h: (H, 4H).
    Returns (dx_t, dh_prev, dc_prev, dW_x, dW_h, db) with the shapes of x_t,
    h_prev, c_prev, W_x, W_h and b (4H,): this step's share of each gradient.
    """
    if check:
        W_x, W_h, _ = _check_cell(W_x, W_h)
        x_t, h_prev, c_prev = _check_step(x_t, h_prev, c_prev, W_x)
        dh_t, dc_t, c_t = (as_array(value, name, shape=h_prev.shape, why="one row per sequence")
                           for value, name in ((dh_t, "dh_t"), (dc_t, "dc_t"), (c_t, "c_t")))
        gates = _check_gates(gates, h_prev.shape)
    i, f, g, o = gates
    tanh_c = np.tanh(c_t)
    dc = dc_t + dh_t * o * (1.0 - tanh_c * tanh_c)    # c_t reaches the loss directly and via h_t
    da = np.concatenate([
        dc * g * i * (1.0 - i),                       # input gate, through its sigmoid
        dc * c_prev * f * (1.0 - f),                  # forget gate
        dc * i * (1.0 - g * g),                       # candidate, through its tanh
        dh_t * tanh_c * o * (1.0 - o),                # output gate
    ], axis=1)                                        # (N, 4H), in the order of a_t
    dx_t = da @ W_x.T
    dh_prev = da @ W_h.T
    dc_prev = dc * f                                  # the carousel: only f_t on the way back
    return dx_t, dh_prev, dc_prev, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)


def lstm_forward(X, h0, c0, W_x, W_h, b, *, check=True):
    """Run the LSTM cell over every time step.

    X: (N, T, D). h0, c0: (N, H), or (H,) for the same state in every
    sequence, or None for zeros. W_x: (D, 4H), W_h: (H, 4H), b: (4H,).
    Returns (Hs, Cs, Gs): Hs and Cs (N, T, H), the hidden and cell states
    after each step, and Gs (4, N, T, H), the gates i, f, g, o at each step.
    """
    if check:
        W_x, W_h, b = _check_cell(W_x, W_h, b)
        X = as_sequences(X, "X", W_x.shape[0])
        h0 = initial_state(h0, X.shape[0], W_h.shape[0], X.dtype)
        c0 = initial_state(c0, X.shape[0], W_h.shape[0], X.dtype, name="c0")
    N, T, _ = X.shape
    H = W_h.shape[0]
    Hs, Cs = np.empty((N, T, H), dtype=X.dtype), np.empty((N, T, H), dtype=X.dtype)
    Gs = np.empty((4, N, T, H), dtype=X.dtype)
    h, c = h0, c0
    for t in range(T):
        h, c, Gs[:, :, t] = lstm_step(X[:, t], h, c, W_x, W_h, b, check=False)
        Hs[:, t], Cs[:, t] = h, c
    return Hs, Cs, Gs


def lstm_backward(dHs, X, h0, c0, Hs, Cs, Gs, W_x, W_h, *, check=True):
    """Backpropagation through time for the LSTM cell.

    dHs: (N, T, H), the loss gradient reaching each h_t from outside the
    recurrence. X (N, T, D), h0 and c0 (N, H) (or (H,), or None for zeros),
    and Hs, Cs (N, T, H) and Gs (4, N, T, H) as lstm_forward returned them.
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
        Gs = as_array(Gs, "Gs", shape=(4, *shape), why="the gates lstm_forward returned")
        h0 = initial_state(h0, shape[0], shape[2], X.dtype)
        c0 = initial_state(c0, shape[0], shape[2], X.dtype, name="c0")
    N, T, _ = X.shape
    dX = np.empty_like(X)
    dW_x, dW_h = np.zeros_like(W_x), np.zeros_like(W_h)
    db = np.zeros(W_h.shape[1], dtype=W_h.dtype)
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)   # nothing flows into step T from later
    for t in range(T - 1, -1, -1):
        h_prev, c_prev = (Hs[:, t - 1], Cs[:, t - 1]) if t > 0 else (h0, c0)
        dX[:, t], dh_next, dc_next, dW_x_t, dW_h_t, db_t = lstm_step_backward(
            dHs[:, t] + dh_next, dc_next, X[:, t], h_prev, c_prev, Cs[:, t], Gs[:, :, t],
            W_x, W_h, check=False)
        dW_x += dW_x_t
        dW_h += dW_h_t
        db += db_t
    return dX, dh_next, dc_next, dW_x, dW_h, db


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


def _check_step(x_t, h_prev, c_prev, W_x):
    """x_t (N, D), h_prev and c_prev (N, H) checked against W_x (D, 4H)."""
    D, H = W_x.shape[0], W_x.shape[1] // 4
    x_t = as_array(x_t, "x_t", shape=(None, D), why="one row of D input features per sequence")
    h_prev = as_array(h_prev, "h_prev", shape=(x_t.shape[0], H),
                      why="one hidden state per sequence")
    c_prev = as_array(c_prev, "c_prev", shape=(x_t.shape[0], H), why="one cell state per sequence")
    return x_t, h_prev, c_prev


def _check_gates(gates, shape):
    """gates: four (N, H) arrays i, f, g, o, as lstm_step returned them."""
    if len(gates) != 4:
        raise ValueError(f"gates must be the four arrays (i, f, g, o) that lstm_step returned, "
                         f"got {len(gates)}")
    return tuple(as_array(gate, f"gates[{k}] ({name})", shape=shape, why="one row per sequence")
                 for k, (gate, name) in enumerate(zip(gates, GATES)))


class LSTM(RecurrentNetwork):
    """A long short-term memory network: the LSTM cell plus an output layer at every step.

    LSTM(input_size=D, hidden_size=H, output_size=O,
         output_activation="identity", seed=None, dtype=np.float64)

    params holds exactly W_x (D, 4H), W_h (H, 4H), b (4H,), W_oh (H, O),
    b_o (O,), with the gates in Keras' order (i, f, g, o), so a Keras LSTM's
    kernel, recurrent_kernel and bias copy in as they are. Initialised as
    Keras does: Glorot-uniform kernels, an orthogonal W_h, zero biases but
    the forget gate's at 1. After forward(), hidden_states holds
    Hs (N, T, H), cell_states Cs (N, T, H) and gates a dict of the four
    gates, each (N, T, H).
    """

    def forward(self, X, h0=None, c0=None):
        """Run the network over a batch of sequences.

        X: (N, T, D). h0, c0: (N, H) or (H,) starting states, zeros if None.
        Returns (Y, Hs): Y (N, T, O) the output at every step and Hs (N, T, H)
        the hidden state at every step.
        """
        X, h0 = self._inputs(X, h0)
        c0 = initial_state(c0, X.shape[0], self.sizes[1], self.dtype, name="c0")
        p = self.params
        Hs, Cs, Gs = lstm_forward(X, h0, c0, p["W_x"], p["W_h"], p["b"], check=False)
        Y = self._output(Hs)
        self._cache = (X, h0, Hs, Y, c0, Cs, Gs)
        return Y, Hs

    @property
    def cell_states(self):
        """Cs (N, T, H): the cell state at every step of the last forward pass."""
        return needs_forward(self._cache, "cell_states")[5]

    @property
    def gates(self):
        """{"i", "f", "g", "o"}: each gate (N, T, H) at every step of the last forward pass."""
        return dict(zip(GATES, needs_forward(self._cache, "gates")[6]))

    def backward(self, dY, dHs=None):
        """Backpropagation through time from the last forward pass.

        dY: (N, T, O), dLoss/dy_t at every step (zeros where a step has no
        loss). dHs: optional (N, T, H), extra gradient reaching h_t directly.
        Returns a dict of gradients with the same keys and shapes as params;
        keeps grad_X (N, T, D), grad_h0 and grad_c0 (N, H).
        """
        X, h0, Hs, Y, c0, Cs, Gs = needs_forward(self._cache)
        p = self.params
        grads = {}
        dH = self._output_backward(dY, Hs, Y, dHs, grads)
        (self.grad_X, self.grad_h0, self.grad_c0,
         grads["W_x"], grads["W_h"], grads["b"]) = lstm_backward(
            dH, X, h0, c0, Hs, Cs, Gs, p["W_x"], p["W_h"], check=False)
        return {key: grads[key] for key in p}

    @staticmethod
    def initial_params(rng, D, H, O, dtype=np.float64):
        """The LSTM's starting weights from the Generator rng, as Keras initialises them.

        Returns a dict: W_x (D, 4H) and W_oh (H, O) Glorot-uniform, W_h (H, 4H)
        orthogonal, b (4H,) zeros except the forget gate's block at 1
        (Keras' unit_forget_bias), b_o (O,) zeros.
        """
        b = np.zeros(4 * H, dtype=dtype)
        b[H:2 * H] = 1.0
        return {
            "W_x": glorot_uniform(rng, D, 4 * H, dtype),
            "W_h": orthogonal(rng, (H, 4 * H), dtype),
            "b": b,
            "W_oh": glorot_uniform(rng, H, O, dtype),
            "b_o": np.zeros(O, dtype=dtype),
        }
