"""The recurrent cell: one step forward and back, a whole sequence, and SimpleRNN.

Notation (batch-major, weights multiply from the right, as in Keras):

    h_t = tanh(x_t @ W_xh + h_{t-1} @ W_hh + b_h)     W_xh (D, H), W_hh (H, H), b_h (H,)
    y_t = phi(h_t @ W_oh + b_o)                         W_oh (H, O), b_o (O,)

X has shape (N, T, D): N sequences, T time steps, D features per step.
One set of weights and one bias b_h serve every time step.

    rnn_step            one step forward: h_t from x_t and h_{t-1}
    rnn_step_backward   one step back: the gradients of that step
    rnn_forward         rnn_step over t = 1 .. T
    rnn_backward        rnn_step_backward over t = T .. 1, weight gradients summed
    SimpleRNN           the cell plus an output layer at every step

Each function checks its arguments, unless called with check=False: the
loops check once, then call the step with check=False, so the step a
student reads is the step that runs, and no check runs once per step.
"""

import numpy as np

from . import activations
from ._validate import (
    as_array,
    as_sequences,
    float_dtype,
    initial_state,
    needs_forward,
    one_of,
    optional_seed,
    positive_int,
)
from .feedforward import dense, dense_backward
from .initializers import glorot_uniform, orthogonal


def rnn_step(x_t, h_prev, W_xh, W_hh, b_h, *, check=True):
    """One time step: h_t = tanh(x_t @ W_xh + h_prev @ W_hh + b_h).

    x_t: (N, D), h_prev: (N, H), W_xh: (D, H), W_hh: (H, H), b_h: (H,).
    Returns h_t: (N, H). check=False skips the input checks (rnn_forward's
    loop has checked everything once already).
    """
    if check:
        W_xh, W_hh, b_h = _check_cell(W_xh, W_hh, b_h)
        x_t, h_prev = _check_step(x_t, h_prev, W_xh)
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)


def rnn_step_backward(dh_t, x_t, h_prev, h_t, W_xh, W_hh, *, check=True):
    """Backpropagate one step of h_t = tanh(x_t @ W_xh + h_prev @ W_hh + b_h).

    dh_t: (N, H), dLoss/dh_t. x_t: (N, D), h_prev: (N, H), h_t: (N, H) as in
    the forward step. W_xh: (D, H), W_hh: (H, H).
    Returns (dx_t, dh_prev, dW_xh, dW_hh, db_h) with the shapes of x_t,
    h_prev, W_xh, W_hh and b_h (H,): this step's share of each gradient.
    """
    if check:
        W_xh, W_hh, _ = _check_cell(W_xh, W_hh)
        x_t, h_prev = _check_step(x_t, h_prev, W_xh)
        dh_t = as_array(dh_t, "dh_t", shape=h_prev.shape, why="dLoss/dh_t, one row per sequence")
        h_t = as_array(h_t, "h_t", shape=h_prev.shape, why="the state the step produced")
    da_t = dh_t * (1.0 - h_t * h_t)            # through tanh: tanh'(a_t) = 1 - h_t**2
    dx_t = da_t @ W_xh.T
    dh_prev = da_t @ W_hh.T
    dW_xh = x_t.T @ da_t
    dW_hh = h_prev.T @ da_t
    db_h = da_t.sum(axis=0)
    return dx_t, dh_prev, dW_xh, dW_hh, db_h


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
    N, T, _ = X.shape
    Hs = np.empty((N, T, W_hh.shape[0]), dtype=X.dtype)
    h = h0
    for t in range(T):
        h = rnn_step(X[:, t], h, W_xh, W_hh, b_h, check=False)
        Hs[:, t] = h
    return Hs


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
    N, T, _ = X.shape
    dX = np.empty_like(X)
    dW_xh, dW_hh = np.zeros_like(W_xh), np.zeros_like(W_hh)
    db_h = np.zeros(W_hh.shape[0], dtype=W_hh.dtype)
    dh_next = np.zeros_like(h0)                 # nothing flows back into h_T from a later step
    for t in range(T - 1, -1, -1):
        h_prev = Hs[:, t - 1] if t > 0 else h0
        dX[:, t], dh_next, dW_xh_t, dW_hh_t, db_h_t = rnn_step_backward(
            dHs[:, t] + dh_next, X[:, t], h_prev, Hs[:, t], W_xh, W_hh, check=False)
        dW_xh += dW_xh_t
        dW_hh += dW_hh_t
        db_h += db_h_t
    return dX, dh_next, dW_xh, dW_hh, db_h


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


def _check_step(x_t, h_prev, W_xh):
    """x_t (N, D) and h_prev (N, H) checked against W_xh (D, H)."""
    D, H = W_xh.shape
    x_t = as_array(x_t, "x_t", shape=(None, D), why="one row of D input features per sequence")
    h_prev = as_array(h_prev, "h_prev", shape=(x_t.shape[0], H),
                      why="one hidden state per sequence")
    return x_t, h_prev


class Recurrent:
    """What every recurrent model shares: the cache of its last forward pass.

    forward() stores (X, h0, Hs, output); hidden_states reads Hs from it.
    """

    _cache = None

    @property
    def hidden_states(self):
        """Hs (N, T, H): the hidden state at every step of the last forward pass."""
        return needs_forward(self._cache, "hidden_states")[2]


class RecurrentNetwork(Recurrent):
    """A recurrent cell plus an output layer y_t = phi(h_t @ W_oh + b_o) at every step.

    What SimpleRNN, LSTM and GRU share: the constructor (sizes, output
    activation, seed, dtype), ``sizes`` and the output layer. A subclass
    gives a staticmethod ``initial_params(rng, D, H, O, dtype)`` and its own
    forward(X) -> (Y, Hs) and backward(dY) -> gradients. params holds the
    cell's weights first, then W_oh (H, O) and b_o (O,).
    """

    def __init__(self, input_size, hidden_size, output_size, output_activation="identity",
                 seed=None, dtype=np.float64):
        D = positive_int(input_size, "input_size")
        H = positive_int(hidden_size, "hidden_size")
        O = positive_int(output_size, "output_size")
        self.output_activation = one_of(output_activation, "output_activation",
                                        tuple(activations.ACTIVATIONS))
        self.dtype = float_dtype(dtype)
        self.params = self.initial_params(optional_seed(seed), D, H, O, self.dtype)

    @property
    def sizes(self):
        """(D, H, O): input, hidden and output sizes."""
        W_in = next(iter(self.params.values()))          # the cell's input kernel, (D, ...)
        H, O = self.params["W_oh"].shape
        return W_in.shape[0], H, O

    def __repr__(self):
        D, H, O = self.sizes
        return (f"{type(self).__name__}(input_size={D}, hidden_size={H}, output_size={O}, "
                f"output_activation={self.output_activation!r})")

    def _inputs(self, X, h0):
        """X (N, T, D) and h0 (N, H) checked and in the model's dtype."""
        D, H, _ = self.sizes
        X = as_sequences(X, "X", D).astype(self.dtype, copy=False)
        return X, initial_state(h0, X.shape[0], H, self.dtype)

    def _output(self, Hs):
        """Y (N, T, O) = phi(Hs @ W_oh + b_o)."""
        return dense(Hs, self.params["W_oh"], self.params["b_o"], self.output_activation,
                     check=False)

    def _output_backward(self, dY, Hs, Y, dHs, grads):
        """dLoss/dHs (N, T, H) from dY (N, T, O) (plus dHs if given); W_oh's and b_o's
        gradients go into grads."""
        dY = as_array(dY, "dY", shape=Y.shape, why="the same shape as the forward pass's Y")
        dH, grads["W_oh"], grads["b_o"] = dense_backward(dY, Hs, Y, self.params["W_oh"],
                                                         self.output_activation, check=False)
        if dHs is not None:
            dH = dH + as_array(dHs, "dHs", shape=Hs.shape)
        return dH


class SimpleRNN(RecurrentNetwork):
    """An Elman RNN: the tanh cell above plus an output layer at every step.

    SimpleRNN(input_size=D, hidden_size=H, output_size=O,
              output_activation="identity", seed=None, dtype=np.float64)

    params holds exactly W_xh (D, H), W_hh (H, H), b_h (H,), W_oh (H, O),
    b_o (O,), initialised as Keras does (Glorot-uniform kernels, orthogonal
    W_hh, zero biases), so weights can move to and from Keras unchanged.
    After forward(), hidden_states holds Hs (N, T, H).
    """

    def forward(self, X, h0=None):
        """Run the network over a batch of sequences.

        X: (N, T, D). h0: (N, H) or (H,) starting state, zeros if None.
        Returns (Y, Hs): Y (N, T, O) the output y_t at every step, and
        Hs (N, T, H) the hidden state h_t at every step.
        """
        X, h0 = self._inputs(X, h0)
        p = self.params
        Hs = rnn_forward(X, h0, p["W_xh"], p["W_hh"], p["b_h"], check=False)
        Y = self._output(Hs)
        self._cache = (X, h0, Hs, Y)
        return Y, Hs

    def backward(self, dY, dHs=None):
        """Backpropagation through time from the last forward pass.

        dY: (N, T, O), dLoss/dy_t at every step (zeros where a step has no
        loss). dHs: optional (N, T, H), extra gradient reaching h_t directly.
        Returns a dict of gradients with the same keys and shapes as params.
        The gradients for the inputs and the starting state are kept as
        ``grad_X`` (N, T, D) and ``grad_h0`` (N, H).
        """
        X, h0, Hs, Y = needs_forward(self._cache)
        p = self.params
        grads = {}
        dH = self._output_backward(dY, Hs, Y, dHs, grads)
        self.grad_X, self.grad_h0, grads["W_xh"], grads["W_hh"], grads["b_h"] = rnn_backward(
            dH, X, h0, Hs, p["W_xh"], p["W_hh"], check=False)
        return {key: grads[key] for key in p}

    @staticmethod
    def initial_params(rng, D, H, O, dtype=np.float64):
        """SimpleRNN's starting weights from the Generator rng, in Keras' order of draws.

        Returns a dict: W_xh (D, H) and W_oh (H, O) Glorot-uniform, W_hh (H, H)
        orthogonal, b_h (H,) and b_o (O,) zeros.
        """
        return {
            "W_xh": glorot_uniform(rng, D, H, dtype),
            "W_hh": orthogonal(rng, H, dtype),
            "b_h": np.zeros(H, dtype=dtype),
            "W_oh": glorot_uniform(rng, H, O, dtype),
            "b_o": np.zeros(O, dtype=dtype),
        }
