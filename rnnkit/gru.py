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

    gru_step            one step forward: h_t and the gates from x_t, h_{t-1}
    gru_step_backward   one step back: the gradients of that step
    gru_forward         gru_step over t = 1 .. T
    gru_backward        gru_step_backward over t = T .. 1, weight gradients summed
    GRU                 the cell plus an output layer at every step

As in rnnkit.rnn, the loops check their arguments once and call the step
with check=False.
"""

import numpy as np

from ._validate import as_array, as_sequences, initial_state, needs_forward
from .activations import _sigmoid as sigmoid  # unchecked: the step has checked its inputs
from .initializers import glorot_uniform, orthogonal
from .rnn import RecurrentNetwork

GATES = ("z", "r", "h_tilde")          # Keras' order of the three blocks of W_x, W_h and b
CACHE = ("z", "r", "h_tilde", "ha_h")  # what gru_step keeps for the backward pass


def gru_step(x_t, h_prev, W_x, W_h, b, *, check=True):
    """One time step of the GRU.

    x_t: (N, D), h_prev: (N, H), W_x: (D, 3H), W_h: (H, 3H), b: (2, 3H).
    Returns (h_t, gates): h_t (N, H), and gates the tuple
    (z_t, r_t, h_tilde_t, ha_h), each (N, H); ha_h = h_prev @ W_h_h + b[1]_h is
    the recurrent part of the candidate before r_t scales it, kept for the
    backward pass.
    """
    if check:
        W_x, W_h, b = _check_cell(W_x, W_h, b)
        x_t, h_prev = _check_step(x_t, h_prev, W_x)
    xa = x_t @ W_x + b[0]                      # (N, 3H): the input's part of each block
    ha = h_prev @ W_h + b[1]                   # (N, 3H): the hidden state's part
    xa_z, xa_r, xa_h = np.split(xa, 3, axis=1)
    ha_z, ha_r, ha_h = np.split(ha, 3, axis=1)
    z = sigmoid(xa_z + ha_z)
    r = sigmoid(xa_r + ha_r)
    h_tilde = np.tanh(xa_h + r * ha_h)
    h_t = z * h_prev + (1.0 - z) * h_tilde
    return h_t, (z, r, h_tilde, ha_h)


def gru_step_backward(dh_t, x_t, h_prev, gates, W_x, W_h, *, check=True):
    """Backpropagate one GRU step.

    dh_t: (N, H), the loss gradient reaching h_t. x_t (N, D), h_prev (N, H)
    and gates (z, r, h_tilde, ha_h), each (N, H), as in the forward step.
    W_x: (D, 3H), W_h: (H, 3H).
    Returns (dx_t, dh_prev, dW_x, dW_h, db) with the shapes of x_t, h_prev,
    W_x, W_h and b (2, 3H): this step's share of each gradient.
    """
    if check:
        W_x, W_h, _ = _check_cell(W_x, W_h)
        x_t, h_prev = _check_step(x_t, h_prev, W_x)
        dh_t = as_array(dh_t, "dh_t", shape=h_prev.shape, why="one row per sequence")
        gates = _check_gates(gates, h_prev.shape)
    z, r, h_tilde, ha_h = gates
    da_h = dh_t * (1.0 - z) * (1.0 - h_tilde * h_tilde)   # candidate, through its tanh
    da_z = dh_t * (h_prev - h_tilde) * z * (1.0 - z)      # update gate, through its sigmoid
    da_r = da_h * ha_h * r * (1.0 - r)                    # reset gate, through its sigmoid
    dxa = np.concatenate([da_z, da_r, da_h], axis=1)      # (N, 3H), in the order of xa_t
    dha = np.concatenate([da_z, da_r, da_h * r], axis=1)  # (N, 3H): r_t scales ha_h
    dx_t = dxa @ W_x.T
    dh_prev = dh_t * z + dha @ W_h.T                      # kept directly, and through W_h
    db = np.stack([dxa.sum(axis=0), dha.sum(axis=0)])
    return dx_t, dh_prev, x_t.T @ dxa, h_prev.T @ dha, db


def gru_forward(X, h0, W_x, W_h, b, *, check=True):
    """Run the GRU cell over every time step.

    X: (N, T, D). h0: (N, H), or (H,) for the same state in every sequence,
    or None for zeros. W_x: (D, 3H), W_h: (H, 3H), b: (2, 3H).
    Returns (Hs, Gs): Hs (N, T, H), the hidden state after each step, and
    Gs (4, N, T, H), what gru_step kept at each step: z, r, h_tilde, ha_h.
    """
    if check:
        W_x, W_h, b = _check_cell(W_x, W_h, b)
        X = as_sequences(X, "X", W_x.shape[0])
        h0 = initial_state(h0, X.shape[0], W_h.shape[0], X.dtype)
    N, T, _ = X.shape
    H = W_h.shape[0]
    Hs = np.empty((N, T, H), dtype=X.dtype)
    Gs = np.empty((4, N, T, H), dtype=X.dtype)
    h = h0
    for t in range(T):
        h, Gs[:, :, t] = gru_step(X[:, t], h, W_x, W_h, b, check=False)
        Hs[:, t] = h
    return Hs, Gs


def gru_backward(dHs, X, h0, Hs, Gs, W_x, W_h, *, check=True):
    """Backpropagation through time for the GRU cell.

    dHs: (N, T, H), the loss gradient reaching each h_t from outside the
    recurrence. X (N, T, D), h0 (N, H) (or (H,), or None for zeros), and
    Hs (N, T, H) and Gs (4, N, T, H) as gru_forward returned them.
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
        Gs = as_array(Gs, "Gs", shape=(4, *shape), why="the gates gru_forward returned")
        h0 = initial_state(h0, shape[0], shape[2], X.dtype)
    N, T, _ = X.shape
    dX = np.empty_like(X)
    dW_x, dW_h = np.zeros_like(W_x), np.zeros_like(W_h)
    db = np.zeros((2, W_h.shape[1]), dtype=W_h.dtype)
    dh_next = np.zeros_like(h0)                        # nothing flows into step T from later
    for t in range(T - 1, -1, -1):
        h_prev = Hs[:, t - 1] if t > 0 else h0
        dX[:, t], dh_next, dW_x_t, dW_h_t, db_t = gru_step_backward(
            dHs[:, t] + dh_next, X[:, t], h_prev, Gs[:, :, t], W_x, W_h, check=False)
        dW_x += dW_x_t
        dW_h += dW_h_t
        db += db_t
    return dX, dh_next, dW_x, dW_h, db


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


def _check_step(x_t, h_prev, W_x):
    """x_t (N, D) and h_prev (N, H) checked against W_x (D, 3H)."""
    D, H = W_x.shape[0], W_x.shape[1] // 3
    x_t = as_array(x_t, "x_t", shape=(None, D), why="one row of D input features per sequence")
    h_prev = as_array(h_prev, "h_prev", shape=(x_t.shape[0], H),
                      why="one hidden state per sequence")
    return x_t, h_prev


def _check_gates(gates, shape):
    """gates: four (N, H) arrays z, r, h_tilde, ha_h, as gru_step returned them."""
    if len(gates) != 4:
        raise ValueError(f"gates must be the four arrays (z, r, h_tilde, ha_h) that gru_step "
                         f"returned, got {len(gates)}")
    return tuple(as_array(gate, f"gates[{k}] ({name})", shape=shape, why="one row per sequence")
                 for k, (gate, name) in enumerate(zip(gates, CACHE)))


class GRU(RecurrentNetwork):
    """A gated recurrent unit network: the GRU cell plus an output layer at every step.

    GRU(input_size=D, hidden_size=H, output_size=O,
        output_activation="identity", seed=None, dtype=np.float64)

    params holds exactly W_x (D, 3H), W_h (H, 3H), b (2, 3H), W_oh (H, O),
    b_o (O,), with the blocks in Keras' order (z, r, h) and b's rows the
    input and recurrent biases, so a Keras GRU's (reset_after=True) kernel,
    recurrent_kernel and bias copy in as they are. Initialised as Keras does:
    Glorot-uniform kernels, an orthogonal W_h, zero biases. After forward(),
    hidden_states holds Hs (N, T, H) and gates a dict of z, r and h_tilde,
    each (N, T, H).
    """

    def forward(self, X, h0=None):
        """Run the network over a batch of sequences.

        X: (N, T, D). h0: (N, H) or (H,) starting state, zeros if None.
        Returns (Y, Hs): Y (N, T, O) the output at every step and Hs (N, T, H)
        the hidden state at every step.
        """
        X, h0 = self._inputs(X, h0)
        p = self.params
        Hs, Gs = gru_forward(X, h0, p["W_x"], p["W_h"], p["b"], check=False)
        Y = self._output(Hs)
        self._cache = (X, h0, Hs, Y, Gs)
        return Y, Hs

    @property
    def gates(self):
        """{"z", "r", "h_tilde"}: each (N, T, H) at every step of the last forward pass."""
        return dict(zip(GATES, needs_forward(self._cache, "gates")[4]))

    def backward(self, dY, dHs=None):
        """Backpropagation through time from the last forward pass.

        dY: (N, T, O), dLoss/dy_t at every step (zeros where a step has no
        loss). dHs: optional (N, T, H), extra gradient reaching h_t directly.
        Returns a dict of gradients with the same keys and shapes as params;
        keeps grad_X (N, T, D) and grad_h0 (N, H).
        """
        X, h0, Hs, Y, Gs = needs_forward(self._cache)
        p = self.params
        grads = {}
        dH = self._output_backward(dY, Hs, Y, dHs, grads)
        self.grad_X, self.grad_h0, grads["W_x"], grads["W_h"], grads["b"] = gru_backward(
            dH, X, h0, Hs, Gs, p["W_x"], p["W_h"], check=False)
        return {key: grads[key] for key in p}

    @staticmethod
    def initial_params(rng, D, H, O, dtype=np.float64):
        """The GRU's starting weights from the Generator rng, as Keras initialises them.

        Returns a dict: W_x (D, 3H) and W_oh (H, O) Glorot-uniform, W_h (H, 3H)
        orthogonal, b (2, 3H) and b_o (O,) zeros.
        """
        return {
            "W_x": glorot_uniform(rng, D, 3 * H, dtype),
            "W_h": orthogonal(rng, (H, 3 * H), dtype),
            "b": np.zeros((2, 3 * H), dtype=dtype),
            "W_oh": glorot_uniform(rng, H, O, dtype),
            "b_o": np.zeros(O, dtype=dtype),
        }
