"""The minGRU cell (Feng et al. 2024, "Were RNNs all we needed?"): a GRU whose gate and candidate
see only x_t, so that h_t is linear in h_{t-1} and all T steps can run at once, by a scan.

Notation (batch-major, weights multiply from the right; sigma is the logistic sigmoid, * the
element-wise product), as the paper writes it:

    xa_t = x_t @ W_x + b                      W_x (D, 2H), b (2H,): two blocks z, h of H units
    z_t = sigma(xa_z)                         update gate: how much of h_t is new
    h~_t = xa_h                               candidate: a linear function of x_t, no tanh
    h_t = (1 - z_t) * h_{t-1} + z_t * h~_t    old kept plus new written
    y_t = phi(h_t @ W_oh + b_o)               W_oh (H, O), b_o (O,)

(The paper's z_t is the share replaced; the Keras GRU of rnnkit.cells.gru names z_t the share
kept.) Neither z_t nor h~_t needs h_{t-1}: they are one product for all T steps. What is left,

    h_t = a_t * h_{t-1} + b_t     with a_t = 1 - z_t, b_t = z_t * h~_t,

is a linear recurrence (rnnkit.scan): a loop of T steps, or a scan of ceil(log2 T) rounds. Its
backward pass is a linear recurrence too, run from T down to 1. One layer is linear in h;
stacked layers (layers=2) put a non-linearity between one layer's h and the next.

    mingru_gates           from xa (..., 2H): z and h~, for one step or all T at once
    mingru_gates_backward  from the gradients at a_t and b_t back to xa
    mingru_step            one step forward: h_t from x_t and h_{t-1}
    mingru_step_backward   one step back: the gradients of that step
    mingru_forward         every step: the gates at once, then the scan (or the loop)
    mingru_backward        the same backwards: the scan (or the loop) back, then the gates at once
    MinGRU                 the cell plus an output layer at every step

What a step keeps for its backward pass is one array (N, 2H), [z h~] side by side.
"""

import numpy as np

from .._validate import as_array, as_sequences, initial_state, needs_forward, one_step
from ..activations import sigmoid
from ..initializers import glorot_uniform
from ..scan import linear_recurrence, parallel_scan, scan_backward
from .cell import Cell, blocks, stacked
from .network import RecurrentNetwork

GATES = ("z", "h_tilde")          # the order of the two blocks of W_x, b and what a step keeps


def mingru_gates(xa):
    """The update gate and the candidate from the input's part xa = x_t @ W_x + b.

    xa: (..., 2H): one step (N, 2H), or every step at once (N, T, 2H).
    Returns (z, h_tilde), each (..., H).
    """
    xa_z, xa_h = blocks(xa, 2)
    return sigmoid(xa_z, check=False), xa_h


def mingru_gates_backward(dA, dB, z, h_tilde):
    """Backpropagate a = 1 - z, b = z * h~ and z = sigma(xa_z), h~ = xa_h.

    dA, dB: (..., H), the loss gradients at a_t and b_t; z and h_tilde (..., H) as mingru_gates
    gave them. Returns dxa (..., 2H), the gradient at xa, [dxa_z dxa_h] side by side.
    """
    dz = dB * h_tilde - dA                         # z enters b = z * h~ and a = 1 - z
    return np.concatenate([dz * z * (1.0 - z),     # through the sigmoid
                           dB * z], axis=-1)


def mingru_step(x_t, h_prev, W_x, b, *, check=True):
    """One time step of the minGRU: h_t = (1 - z_t) * h_{t-1} + z_t * h~_t.

    x_t: (N, D), h_prev: (N, H), W_x: (D, 2H), b: (2H,).
    Returns (h_t, kept): h_t (N, H), and kept (N, 2H), [z h~] side by side.
    """
    if check:
        W_x, b = _check_cell(W_x, b)
        x_t, h_prev = one_step(x_t, W_x.shape[0], W_x.shape[1] // 2, h_prev=h_prev)
    z, h_tilde = mingru_gates(x_t @ W_x + b)
    h_t = (1.0 - z) * h_prev + z * h_tilde
    return h_t, np.concatenate([z, h_tilde], axis=1)


def mingru_step_backward(dh_t, x_t, h_prev, kept, W_x, *, check=True):
    """Backpropagate one minGRU step.

    dh_t: (N, H), the loss gradient reaching h_t. x_t (N, D), h_prev (N, H) and kept (N, 2H)
    as in the forward step. W_x: (D, 2H).
    Returns (dx_t, dh_prev, dW_x, db) with the shapes of x_t, h_prev, W_x and b (2H,): this
    step's share of each gradient.
    """
    if check:
        W_x, _ = _check_cell(W_x)
        x_t, h_prev = one_step(x_t, W_x.shape[0], W_x.shape[1] // 2, h_prev=h_prev)
        dh_t = as_array(dh_t, "dh_t", shape=h_prev.shape, why="one row per sequence")
        kept = as_array(kept, "kept", shape=(h_prev.shape[0], 2 * h_prev.shape[1]),
                        why="[z h~] side by side, as mingru_step returned them")
    z, h_tilde = blocks(kept, 2)
    dxa = mingru_gates_backward(dh_t * h_prev, dh_t, z, h_tilde)    # dL/da_t, dL/db_t
    return dxa @ W_x.T, dh_t * (1.0 - z), x_t.T @ dxa, dxa.sum(axis=0)


def mingru_forward(X, h0, W_x, b, *, parallel=True, check=True):
    """Run the minGRU over every time step.

    X: (N, T, D). h0: (N, H), or (H,) for the same state in every sequence, or None for zeros.
    W_x: (D, 2H), b: (2H,). parallel: True runs the recurrence as a scan (rnnkit.scan, in
    ceil(log2 T) rounds); False as a loop over the T steps. The two agree up to float rounding.
    Returns (Hs, Ks): Hs (N, T, H), the hidden state after each step, and Ks (N, T, 2H), what
    each step kept: [z h~].
    """
    if check:
        W_x, b = _check_cell(W_x, b)
        X = as_sequences(X, "X", W_x.shape[0])
        h0 = initial_state(h0, X.shape[0], W_x.shape[1] // 2, X.dtype)
    N, T, _ = X.shape
    XA = (stacked(X) @ W_x + b).reshape(N, T, -1)  # x_t @ W_x + b for every t: one product
    Z, H_tilde = mingru_gates(XA)          # every step's gates at once: none needs h
    recurrence = parallel_scan if parallel else linear_recurrence
    Hs = recurrence(1.0 - Z, Z * H_tilde, h0, check=False)     # h_t = a_t * h_{t-1} + b_t
    return Hs, np.concatenate([Z, H_tilde], axis=2)


def mingru_backward(dHs, X, h0, Hs, Ks, W_x, *, parallel=True, check=True):
    """Backpropagation through time for the minGRU.

    dHs: (N, T, H), the loss gradient reaching each h_t from outside the recurrence. X (N, T, D),
    h0 (N, H) (or (H,), or None for zeros), and Hs (N, T, H) and Ks (N, T, 2H) as
    mingru_forward returned them. W_x: (D, 2H). parallel: the gradient along h by a scan run
    backwards (True) or by a loop from T down to 1 (False).
    Returns (dX, dh0, dW_x, db) with the shapes of X, h0 (N, H), W_x and b (2H,).
    """
    if check:
        W_x, _ = _check_cell(W_x)
        X = as_sequences(X, "X", W_x.shape[0])
        shape = (*X.shape[:2], W_x.shape[1] // 2)                        # (N, T, H)
        Hs = as_array(Hs, "Hs", shape=shape, why="the hidden states mingru_forward returned")
        dHs = as_array(dHs, "dHs", shape=shape, why="one gradient per hidden state")
        Ks = as_array(Ks, "Ks", shape=(*shape[:2], 2 * shape[2]),
                      why="what mingru_forward kept of each step")
        h0 = initial_state(h0, shape[0], shape[2], X.dtype)
    Z, H_tilde = blocks(Ks, 2)
    dA, dB, dh0 = scan_backward(dHs, 1.0 - Z, Hs, h0, parallel=parallel, check=False)
    dXA = mingru_gates_backward(dA, dB, Z, H_tilde)          # every step's gates at once
    # Every step's share of the weight gradients at once: sum_t x_t.T @ dxa_t = X.T @ dXA.
    dXA_all = stacked(dXA)
    dX = (dXA_all @ W_x.T).reshape(X.shape)
    return dX, dh0, stacked(X).T @ dXA_all, dXA_all.sum(axis=0)


def _check_cell(W_x, b=None):
    """The minGRU's weights, checked against each other: W_x (D, 2H), b (2H,)."""
    W_x = as_array(W_x, "W_x", ndim=2, why="(D, 2H): the input to the blocks z and h")
    if W_x.shape[1] % 2:
        raise ValueError(f"W_x must have shape (D, 2H), two blocks z, h of H units side by side; "
                         f"got shape {W_x.shape}, whose {W_x.shape[1]} columns are odd")
    if b is not None:
        b = as_array(b, "b", shape=(W_x.shape[1],), why="the biases of z and h, with 2H from W_x")
    return W_x, b


def _init(rng, D, H, dtype=np.float64):
    """The minGRU's starting weights: W_x (D, 2H) Glorot-uniform, b (2H,) zeros (z_t = 0.5)."""
    return {"W_x": glorot_uniform(rng, D, 2 * H, dtype), "b": np.zeros(2 * H, dtype=dtype)}


def _forward(p, X, state):
    (h0,) = state
    Hs, Ks = mingru_forward(X, h0, p["W_x"], p["b"], check=False)
    return Hs, (Hs[:, -1],), {"X": X, "h0": h0, "Hs": Hs, "Ks": Ks}


def _backward(p, dHs, cache):
    dX, dh0, *grads = mingru_backward(dHs, cache["X"], cache["h0"], cache["Hs"], cache["Ks"],
                                      p["W_x"], check=False)
    return dX, (dh0,), dict(zip(MINGRU_CELL.weights, grads))


MINGRU_CELL = Cell("MinGRU", ("W_x", "b"), ("h",), _init, _forward, _backward)


class MinGRU(RecurrentNetwork):
    """A minGRU network: the minGRU cell plus an output layer at every step, trained in parallel.

    MinGRU(input_size=D, hidden_size=H, output_size=O, output_activation="identity",
           seed=None, dtype=np.float64, *, layers=1, embedding_size=None, dropout=0.0)

    params holds W_x (D, 2H) (blocks z, h), b (2H,), W_oh (H, O), b_o (O,) (and W_x_2, b_2, ...
    for stacked layers). Glorot-uniform kernels and zero biases, as Keras starts its layers. Its
    state is h (N, H). forward and backward run every layer's recurrence as a scan. After
    forward(), hidden_states holds Hs (N, T, H) and gates a dict of z and h_tilde, each
    (N, T, H). (rnnkit.cells.network: stacked layers, an embedding, dropout.)
    """

    cell = MINGRU_CELL

    @property
    def gates(self):
        """{"z", "h_tilde"}: each (N, T, H) of the (top) layer at every step of the last forward
        pass."""
        Ks = needs_forward(self._cache, "gates")["layers"][-1]["Ks"]
        return dict(zip(GATES, blocks(Ks, 2)))
