"""The recurrent cell: one step, a whole sequence forward, and BPTT backward.

Notation (batch-major, weights multiply from the right, as in Keras):

    h_t = tanh(x_t @ W_xh + h_{t-1} @ W_hh + b_h)     W_xh (D, H), W_hh (H, H), b_h (H,)
    y_t = phi(h_t @ W_oh + b_o)                         W_oh (H, O), b_o (O,)

X has shape (N, T, D): N sequences, T time steps, D features per step.
One set of weights and one bias b_h serve every time step.
"""

import numpy as np

from . import activations
from ._validate import as_array, one_of, optional_seed, positive_int


def rnn_step(x_t, h_prev, W_xh, W_hh, b_h):
    """One time step: h_t = tanh(x_t @ W_xh + h_prev @ W_hh + b_h).

    x_t: (N, D), h_prev: (N, H), W_xh: (D, H), W_hh: (H, H), b_h: (H,).
    Returns h_t: (N, H).
    """
    W_xh = as_array(W_xh, "W_xh", ndim=2)
    D, H = W_xh.shape
    x_t = as_array(x_t, "x_t", shape=(None, D), why="one row of D input features per sequence")
    h_prev = as_array(h_prev, "h_prev", shape=(x_t.shape[0], H), why="one hidden state per sequence")
    W_hh = as_array(W_hh, "W_hh", shape=(H, H))
    b_h = as_array(b_h, "b_h", shape=(H,))
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)


def rnn_forward(X, h0, W_xh, W_hh, b_h):
    """Run the cell over every time step (inputs are assumed already checked).

    X: (N, T, D), h0: (N, H). Returns Hs: (N, T, H), the hidden state after
    each step. The input part x_t @ W_xh + b_h is computed for all steps in
    one matrix product; only the recurrence h_{t-1} @ W_hh needs the loop.
    """
    N, T, D = X.shape
    H = W_hh.shape[0]
    Hs = np.empty((T, N, H), dtype=X.dtype)         # time-major while we loop
    np.matmul(time_major(X).reshape(T * N, D), W_xh, out=Hs.reshape(T * N, H))   # every x_t @ W_xh at once
    Hs += b_h                                       # Hs[t] = x_t @ W_xh + b_h, then += h_{t-1} @ W_hh
    h = h0
    for t in range(T):
        a_t = Hs[t]
        a_t += h @ W_hh
        h = np.tanh(a_t, out=a_t)
    return Hs.transpose(1, 0, 2)


def rnn_backward(dHs, X, h0, Hs, W_xh, W_hh):
    """Backpropagation through time for the cell.

    dHs: (N, T, H), the loss gradient reaching each h_t from outside the
    recurrence (from the outputs y_t, or from whatever reads h_t).
    X: (N, T, D), h0: (N, H), Hs: (N, T, H) as in the forward pass.

    Returns (dX, dh0, dW_xh, dW_hh, db_h) with the shapes of X, h0, W_xh,
    W_hh and b_h. Walking back from t = T-1 to 0, the gradient reaching h_t
    is what comes from outside plus what flows back from h_{t+1}:

        da_t     = (dHs[:, t] + dh_next) * (1 - h_t**2)    (through tanh)
        dh_next  = da_t @ W_hh.T                           (to h_{t-1})

    and the weight gradients sum da_t over every step, because every step
    shares the same W_xh, W_hh and b_h.
    """
    N, T, H = Hs.shape
    D = X.shape[2]
    Hs_t = time_major(Hs)                                   # (T, N, H)
    dA = np.array(dHs.transpose(1, 0, 2), dtype=Hs.dtype, order="C")   # becomes da_t, step by step
    tanh_grad = np.empty((N, H), dtype=Hs.dtype)            # tanh'(a_t) = 1 - h_t**2, one step at a time
    W_hh_T = W_hh.T
    dh_next = None
    for t in range(T - 1, -1, -1):
        da = dA[t]
        if dh_next is not None:
            da += dh_next
        np.multiply(Hs_t[t], Hs_t[t], out=tanh_grad)
        np.subtract(1.0, tanh_grad, out=tanh_grad)
        da *= tanh_grad
        dh_next = da @ W_hh_T
    dA_flat = dA.reshape(T * N, H)
    H_prev = np.concatenate([h0[None], Hs_t[:-1]]).reshape(T * N, H)     # h_{t-1} for every step
    dW_xh = time_major(X).reshape(T * N, D).T @ dA_flat
    dW_hh = H_prev.T @ dA_flat
    db_h = dA_flat.sum(axis=0)
    dX = (dA_flat @ W_xh.T).reshape(T, N, D).transpose(1, 0, 2)
    return dX, dh_next, dW_xh, dW_hh, db_h


def time_major(A):
    """A (N, T, K) seen as (T, N, K), contiguous: free when A came from rnn_forward."""
    return np.ascontiguousarray(A.transpose(1, 0, 2))


def glorot_uniform(rng, fan_in, fan_out, dtype=np.float64):
    """Keras' default kernel initialiser: U(-l, l) with l = sqrt(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(dtype)


def orthogonal(rng, size, dtype=np.float64):
    """Keras' default recurrent initialiser: a random orthogonal (size, size) matrix."""
    q, r = np.linalg.qr(rng.standard_normal((size, size)))
    return (q * np.sign(np.diag(r))).astype(dtype)


def check_sequences(X, name="X", D=None):
    """Check a batch of sequences: shape (N, T, D), finite, T >= 1.

    Plain lists are accepted. Returns a float array.
    """
    X = as_array(X, name, ndim=3, allow_empty=True,
                 why="N sequences x T time steps x D features; for one feature per step "
                     "add an axis with X[..., None]")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} is an empty sequence batch (shape {X.shape}); it needs at least "
                         f"one sequence (N >= 1) and one time step (T >= 1)")
    if D is not None and X.shape[2] != D:
        raise ValueError(f"{name} must have D = {D} features per time step (shape (N, T, {D})), "
                         f"got shape {X.shape}")
    return X


class SimpleRNN:
    """An Elman RNN: the tanh cell above plus an output layer at every step.

    SimpleRNN(input_size=D, hidden_size=H, output_size=O,
              output_activation="identity", seed=None)

    params holds exactly W_xh (D, H), W_hh (H, H), b_h (H,), W_oh (H, O),
    b_o (O,), initialised as Keras does (Glorot-uniform kernels, orthogonal
    W_hh, zero biases), so weights can move to and from Keras unchanged.
    """

    def __init__(self, input_size, hidden_size, output_size, output_activation="identity",
                 seed=None, dtype=np.float64):
        D = positive_int(input_size, "input_size")
        H = positive_int(hidden_size, "hidden_size")
        O = positive_int(output_size, "output_size")
        self.output_activation = one_of(output_activation, "output_activation",
                                        tuple(activations.ACTIVATIONS))
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(f"dtype must be float32 or float64, got {self.dtype}")
        rng = optional_seed(seed)
        self.params = {
            "W_xh": glorot_uniform(rng, D, H, self.dtype),
            "W_hh": orthogonal(rng, H, self.dtype),
            "b_h": np.zeros(H, dtype=self.dtype),
            "W_oh": glorot_uniform(rng, H, O, self.dtype),
            "b_o": np.zeros(O, dtype=self.dtype),
        }
        self._cache = None

    @property
    def sizes(self):
        """(D, H, O): input, hidden and output sizes."""
        D, H = self.params["W_xh"].shape
        return D, H, self.params["W_oh"].shape[1]

    def __repr__(self):
        D, H, O = self.sizes
        return f"SimpleRNN(input_size={D}, hidden_size={H}, output_size={O}, " \
               f"output_activation={self.output_activation!r})"

    def forward(self, X, h0=None):
        """Run the network over a batch of sequences.

        X: (N, T, D). h0: (N, H) or (H,) starting state, zeros if None.
        Returns (Y, Hs): Y (N, T, O) the output y_t at every step, and
        Hs (N, T, H) the hidden state h_t at every step.
        """
        D, H, O = self.sizes
        X = check_sequences(X, "X", D).astype(self.dtype, copy=False)
        N = X.shape[0]
        if h0 is None:
            h0 = np.zeros((N, H), dtype=self.dtype)
        else:
            h0 = as_array(h0, "h0", ndim=(1, 2), why="the hidden state before the first step")
            h0 = np.broadcast_to(h0, (N, H)) if h0.shape == (H,) else h0
            if h0.shape != (N, H):
                raise ValueError(f"h0 must have shape ({N}, {H}) (one hidden state per sequence) "
                                 f"or ({H},), got shape {h0.shape}")
            h0 = np.ascontiguousarray(h0, dtype=self.dtype)
        p = self.params
        Hs = rnn_forward(X, h0, p["W_xh"], p["W_hh"], p["b_h"])
        N, T, H = Hs.shape
        Y = (time_major(Hs).reshape(T * N, H) @ p["W_oh"]).reshape(T, N, O).transpose(1, 0, 2)
        Y += p["b_o"]
        if self.output_activation != "identity":
            Y = activations.get(self.output_activation)(Y)
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
        if self._cache is None:
            raise RuntimeError("backward() needs a forward() first: it uses the hidden states "
                               "that forward() stored")
        X, h0, Hs, Y = self._cache
        dY = as_array(dY, "dY", shape=Y.shape, why="the same shape as the forward pass's Y")
        p = self.params
        dZ = activations.backprop(self.output_activation, Y, dY)         # through phi
        N, T, H = Hs.shape
        dZ_flat = time_major(dZ).reshape(T * N, -1)
        grads = {
            "W_oh": time_major(Hs).reshape(T * N, H).T @ dZ_flat,
            "b_o": dZ_flat.sum(axis=0),
        }
        dH = (dZ_flat @ p["W_oh"].T).reshape(T, N, H).transpose(1, 0, 2)
        if dHs is not None:
            dH = dH + as_array(dHs, "dHs", shape=Hs.shape)
        dX, dh0, grads["W_xh"], grads["W_hh"], grads["b_h"] = rnn_backward(
            dH, X, h0, Hs, p["W_xh"], p["W_hh"])
        self.grad_X, self.grad_h0 = dX, dh0
        return {key: grads[key] for key in p}
