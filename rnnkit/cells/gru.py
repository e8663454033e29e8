"""The GRU cell: an update gate, a reset gate, one step forward and back, and the GRU network.

Notation (batch-major, weights multiply from the right, as in Keras' GRU with
reset_after=True, its default; sigma is the logistic sigmoid, * is the
element-wise product):

    xa_t = x_t @ W_x + b[0]          W_x (D, 3H), b (2, 3H): row 0 the input bias,
    ha_t = h_{t-1} @ W_h + b[1]      W_h (H, 3H)             row 1 the recurrent bias
    xa_t and ha_t are three blocks of H side by side, in Keras' order z, r, h:
    z_t = sigma(xa_z + ha_z)                 update gate: how much of h_{t-1} to keep
    r_t = sigma(xa_r + ha_r)                 reset gate: how much of h_{t-1} the candidate sees
    h~_t = tanh(xa_h + r_t * ha_h)           candidate: what h_t would become
    h_t = z_t * h_{t-1} + (1 - z_t) * h~_t   kept plus replaced: no separate cell state
    y_t = phi(h_t @ W_oh + b_o)              W_oh (H, O), b_o (O,)

Along h_{t-1} -> h_t one path multiplies the gradient by z_t only: with z_t
near 1 it crosses many steps intact, as along an LSTM's cell state.

    gru_gates            from xa_t, ha_t and h_{t-1}: the gates and h_t
    gru_gates_backward   the same backwards: from dh_t to dxa_t, dha_t and the direct dh_{t-1}
    gru_step             one step forward: xa_t and ha_t, then gru_gates
    gru_step_backward    one step back: the gradients of that step
    gru_forward          the step over t = 1 .. T
    gru_backward         the step backward over t = T .. 1, weight gradients summed
    GRU                  the cell plus an output layer at every step

What a step keeps for its backward pass is one array (N, 4H), [z r h~ ha_h]
side by side, ha_h being the recurrent part of the candidate before r_t
scales it. gru_forward and gru_backward call gru_gates and
gru_gates_backward at every step; the products with x_t and the weight
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

GATES = ("z", "r", "h_tilde")          # Keras' order of the three blocks of W_x, W_h and b


def gru_gates(xa_t, ha_t, h_prev):
    """The gates and the new state: xa_t, ha_t (N, 3H), the input's and the hidden state's
    parts; h_prev (N, H).

    Returns (h_t, kept): h_t (N, H), and kept (N, 4H), [z r h~ ha_h] side by side.
    """
    xa_z, xa_r, xa_h = blocks(xa_t, 3)
    ha_z, ha_r, ha_h = blocks(ha_t, 3)
    z = sigmoid(xa_z + ha_z, check=False)
    r = sigmoid(xa_r + ha_r, check=False)
    h_tilde = np.tanh(xa_h + r * ha_h)
    h_t = z * h_prev + (1.0 - z) * h_tilde
    return h_t, np.concatenate([z, r, h_tilde, ha_h], axis=1)


def gru_gates_backward(dh_t, h_prev, kept):
    """Backpropagate gru_gates: dh_t (N, H), the loss gradient reaching h_t; h_prev (N, H) and
    kept (N, 4H) as in the forward step.

    Returns (dxa_t, dha_t, dh_kept): dxa_t and dha_t (N, 3H), the gradients at the input's and
    the hidden state's parts, and dh_kept (N, H), what reaches h_{t-1} directly through z_t.
    """
    z, r, h_tilde, ha_h = blocks(kept, 4)
    da_h = dh_t * (1.0 - z) * (1.0 - h_tilde * h_tilde)   # candidate, through its tanh
    da_z = dh_t * (h_prev - h_tilde) * z * (1.0 - z)      # update gate, through its sigmoid
    da_r = da_h * ha_h * r * (1.0 - r)                    # reset gate, through its sigmoid
    dxa_t = np.concatenate([da_z, da_r, da_h], axis=1)    # (N, 3H), in the order of xa_t
    dha_t = np.concatenate([da_z, da_r, da_h * r], axis=1)  # r_t scales ha_h
    return dxa_t, dha_t, dh_t * z


def gru_step(x_t, h_prev, W_x, W_h, b, *, check=True):
    """One time step of the GRU.

    x_t: (N, D), h_prev: (N, H), W_x: (D, 3H), W_h: (H, 3H), b: (2, 3H).
    Returns (h_t, kept): h_t (N, H), and kept (N, 4H), [z r h~ ha_h] side by side (gru_gates).
    """
    if check:
        W_x, W_h, b = _check_cell(W_x, W_h, b)
        x_t, h_prev = one_step(x_t, W_x.shape[0], W_x.shape[1] // 3, h_prev=h_prev)
    return gru_gates(x_t @ W_x + b[0], h_prev @ W_h + b[1], h_prev)


def gru_step_backward(dh_t, x_t, h_prev, kept, W_x, W_h, *, check=True):
    """Backpropagate one GRU step.

    dh_t: (N, H), the loss gradient reaching h_t. x_t (N, D), h_prev (N, H)
    and kept (N, 4H) as in the forward step. W_x: (D, 3H), W_h: (H, 3H).
    Returns (dx_t, dh_prev, dW_x, dW_h, db) with the shapes of x_t, h_prev,
    W_x, W_h and b (2, 3H): this step's share of each gradient.
    """
    if check:
        W_x, W_h, _ = _check_cell(W_x, W_h)
        x_t, h_prev = one_step(x_t, W_x.shape[0], W_x.shape[1] // 3, h_prev=h_prev)
        dh_t = as_array(dh_t, "dh_t", shape=h_prev.shape, why="one row per sequence")
        kept = as_array(kept, "kept", shape=(h_prev.shape[0], 4 * h_prev.shape[1]),
                        why="[z r h~ ha_h] side by side, as gru_step returned them")
    dxa, dha, dh_kept = gru_gates_backward(dh_t, h_prev, kept)
    db = np.stack([dxa.sum(axis=0), dha.sum(axis=0)])
    return dxa @ W_x.T, dh_kept + dha @ W_h.T, x_t.T @ dxa, h_prev.T @ dha, db


def gru_forward(X, h0, W_x, W_h, b, *, check=True):
    """Run the GRU cell over every time step.

    X: (N, T, D). h0: (N, H), or (H,) for the same state in every sequence,
    or None for zeros. W_x: (D, 3H), W_h: (H, 3H), b: (2, 3H).
    Returns (Hs, Ks): Hs (N, T, H), the hidden state after each step, and
    Ks (N, T, 4H), what gru_gates kept at each step: [z r h~ ha_h].
    """
    if check:
        W_x, W_h, b = _check_cell(W_x, W_h, b)
        X = as_sequences(X, "X", W_x.shape[0])
        h0 = initial_state(h0, X.shape[0], W_h.shape[0], X.dtype)
    XA = input_part(time_major(X), W_x, b[0])    # x_t @ W_x + b[0] for every t: one product
    T, N, _ = XA.shape
    H = len(W_h)
    Hs, Ks = np.empty((T, N, H), XA.dtype), np.empty((T, N, 4 * H), XA.dtype)
    h = h0
    for t in range(T):
        h, Ks[t] = gru_gates(XA[t], h @ W_h + b[1], h)   # gru_step: only h @ W_h waits
        Hs[t] = h
    return batch_major(Hs), batch_major(Ks)


def gru_backward(dHs, X, h0, Hs, Ks, W_x, W_h, *, check=True):
    """Backpropagation through time for the GRU cell.

    dHs: (N, T, H), the loss gradient reaching each h_t from outside the
    recurrence. X (N, T, D), h0 (N, H) (or (H,), or None for zeros), and
    Hs (N, T, H) and Ks (N, T, 4H) as gru_forward returned them.
    W_x: (D, 3H), W_h: (H, 3H).
    Returns (dX, dh0, dW_x, dW_h, db) with the shapes of X, h0 (N, H), W_x,
    W_h and b (2, 3H).
    """
    if check:
        W_x, W_h, _ = _check_cell(W_x, W_h)
        X = as_sequences(X, "X", W_x.shape[0])
        shape = (*X.shape[:2], W_h.shape[0])                        # (N, T, H)
        Hs = as_array(Hs, "Hs", shape=shape, why="the hidden states gru_forward returned")
        dHs = as_array(dHs, "dHs", shape=shape, why="one gradient per hidden state")
        Ks = as_array(Ks, "Ks", shape=(*shape[:2], 4 * shape[2]),
                      why="what gru_forward kept of each step")
        h0 = initial_state(h0, shape[0], shape[2], X.dtype)
    X, Hs, Ks, dHs = (time_major(A) for A in (X, Hs, Ks, dHs))
    T, N, H = Hs.shape
    dXA, dHA = np.empty((T, N, 3 * H), Hs.dtype), np.empty((T, N, 3 * H), Hs.dtype)
    dh_next = np.zeros_like(h0)                  # nothing flows into step T from later
    W_h_T = transposed(W_h)                     # W.T in memory: read at every step
    for t in range(T - 1, -1, -1):
        h_prev = Hs[t - 1] if t > 0 else h0
        dXA[t], dHA[t], dh_kept = gru_gates_backward(dHs[t] + dh_next, h_prev, Ks[t])
        dh_next = dh_kept + dHA[t] @ W_h_T      # only this must wait for step t+1
    # Every step's shares at once: sum_t x_t.T @ dxa_t = X.T @ dXA over the stacked steps.
    dXA_all, dHA_all = stacked(dXA), stacked(dHA)
    dX = (dXA_all @ W_x.T).reshape(X.shape)
    dW_x = stacked(X).T @ dXA_all
    dW_h = stacked(previous_states(h0, Hs)).T @ dHA_all
    db = np.stack([dXA_all.sum(axis=0), dHA_all.sum(axis=0)])
    return batch_major(dX), dh_next, dW_x, dW_h, db


def _check_cell(W_x, W_h, b=None):
    """The GRU's weights, checked against each other: W_x (D, 3H), W_h (H, 3H), b (2, 3H)."""
    W_h = as_array(W_h, "W_h", ndim=2, why="(H, 3H): hidden state to the blocks z, r, h")
    H = W_h.shape[0]
    if W_h.shape[1] != 3 * H:
        raise ValueError(f"W_h must have shape (H, 3H), three blocks z, r, h of H units side by "
                         f"side; got shape {W_h.shape}")
    W_x = as_array(W_x, "W_x", shape=(None, 3 * H), why="(D, 3H) with H from W_h")
    if b is not None:
        b = as_array(b, "b", shape=(2, 3 * H),
                     why="row 0 the input bias, row 1 the recurrent bias, as Keras' "
                         "GRU(reset_after=True)")
    return W_x, W_h, b


def _init(rng, D, H, dtype=np.float64):
    """The GRU's starting weights, as Keras draws them: W_x (D, 3H) Glorot-uniform, W_h (H, 3H)
    orthogonal, b (2, 3H) zeros."""
    return {"W_x": glorot_uniform(rng, D, 3 * H, dtype), "W_h": orthogonal(rng, (H, 3 * H), dtype),
            "b": np.zeros((2, 3 * H), dtype=dtype)}


def _forward(p, X, state):
    (h0,) = state
    Hs, Ks = gru_forward(X, h0, p["W_x"], p["W_h"], p["b"], check=False)
    return Hs, (Hs[:, -1],), {"X": X, "h0": h0, "Hs": Hs, "Ks": Ks}


def _backward(p, dHs, cache):
    dX, dh0, *grads = gru_backward(dHs, cache["X"], cache["h0"], cache["Hs"], cache["Ks"],
                                   p["W_x"], p["W_h"], check=False)
    return dX, (dh0,), dict(zip(GRU_CELL.weights, grads))


GRU_CELL = Cell("GRU", ("W_x", "W_h", "b"), ("h",), _init, _forward, _backward)


class GRU(RecurrentNetwork):
    """A gated recurrent unit network: the GRU cell plus an output layer at every step.

    GRU(input_size=D, hidden_size=H, output_size=O, output_activation="identity",
        seed=None, dtype=np.float64)

    params holds exactly W_x (D, 3H), W_h (H, 3H), b (2, 3H), W_oh (H, O),
    b_o (O,), with the blocks in Keras' order (z, r, h) and b's rows the
    input and recurrent biases, so a Keras GRU's (reset_after=True) kernel,
    recurrent_kernel and bias copy in as they are. Initialised as Keras does:
    Glorot-uniform kernels, an orthogonal W_h, zero biases. Its state is
    h (N, H). After forward(), hidden_states holds Hs (N, T, H) and gates a
    dict of z, r and h_tilde, each (N, T, H).
    (rnnkit.cells.network: stacked layers, an embedding, dropout.)
    """

    cell = GRU_CELL

    @property
    def gates(self):
        """{"z", "r", "h_tilde"}: each (N, T, H) of the (top) layer at every step of the last
        forward pass."""
        Ks = needs_forward(self._cache, "gates")["layers"][-1]["Ks"]
        return dict(zip(GATES, blocks(Ks, 4)))
