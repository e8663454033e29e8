"""The five RNN topologies, all built on the same tanh cell.

Every model here has the same small interface, which is all that
``rnnkit.train`` needs:

    params            dict of weight arrays
    forward(X)        returns the model's output
    backward(dout)    takes dLoss/doutput, returns grads with the keys of params

    topology          input          output           example
    OneToOne          (N, D)         (N, O)           image classification
    OneToMany         (N, D)         (N, T_out, O)    image captioning
    ManyToOne         (N, T, D)      (N, O)           sentiment analysis
    ManyToMany        (N, T, D)      (N, T, O)        tagging every word
    EncoderDecoder    (N, T_in, D)   (N, T_out, O)    translation, speech recognition
"""

import numpy as np

from . import activations
from ._validate import as_array, positive_int
from .rnn import SimpleRNN, check_sequences, glorot_uniform, orthogonal, rnn_backward, rnn_forward


def _check_vectors(x, name, D):
    """x: (N, D), one input vector per example."""
    x = as_array(x, name, ndim=2, why="one input vector per example; for a single example use x[None]")
    if x.shape[1] != D:
        raise ValueError(f"{name} must have shape (N, {D}), got {x.shape}")
    return x


class _Wrapper:
    """Shared plumbing for the topologies that hold one SimpleRNN."""

    def __init__(self, input_size, hidden_size, output_size, output_activation, seed):
        self.rnn = SimpleRNN(input_size, hidden_size, output_size, output_activation, seed)
        self.params = self.rnn.params        # the same arrays: training one trains the other

    @classmethod
    def wrap(cls, rnn, **kwargs):
        """Use an existing SimpleRNN (for example one copied from Keras) as this topology."""
        if not isinstance(rnn, SimpleRNN):
            raise TypeError(f"rnn must be an rnnkit.SimpleRNN, got {type(rnn).__name__}")
        model = cls.__new__(cls)
        model.rnn, model.params = rnn, rnn.params
        for key, value in kwargs.items():
            setattr(model, key, positive_int(value, key))
        return model

    @property
    def hidden_states(self):
        """Hs (N, T, H) from the last forward pass."""
        return self.rnn._cache[2]

    def __repr__(self):
        D, H, O = self.rnn.sizes
        return f"{type(self).__name__}(input_size={D}, hidden_size={H}, output_size={O})"


class ManyToMany(_Wrapper):
    """A sequence in, an output at every step: X (N, T, D) -> Y (N, T, O)."""

    def __init__(self, input_size, hidden_size, output_size, output_activation="identity", seed=None):
        super().__init__(input_size, hidden_size, output_size, output_activation, seed)

    def forward(self, X, h0=None):
        """X: (N, T, D), h0: optional (N, H). Returns Y: (N, T, O)."""
        return self.rnn.forward(X, h0)[0]

    def backward(self, dY):
        """dY: (N, T, O). Returns grads with the keys of params."""
        return self.rnn.backward(dY)


class ManyToOne(_Wrapper):
    """A sequence in, one output after the last step: X (N, T, D) -> y (N, O).

    The cell runs over every step; the output layer reads only h_T, so
    y = phi(h_T @ W_oh + b_o), and BPTT starts from that single output.
    """

    def __init__(self, input_size, hidden_size, output_size, output_activation="identity", seed=None):
        super().__init__(input_size, hidden_size, output_size, output_activation, seed)

    def forward(self, X):
        """X: (N, T, D). Returns y_T: (N, O), the output at the last step only."""
        p, rnn = self.params, self.rnn
        X = check_sequences(X, "X", rnn.sizes[0]).astype(rnn.dtype, copy=False)
        h0 = np.zeros((X.shape[0], rnn.sizes[1]), dtype=rnn.dtype)
        Hs = rnn_forward(X, h0, p["W_xh"], p["W_hh"], p["b_h"])
        y = Hs[:, -1] @ p["W_oh"] + p["b_o"]
        if rnn.output_activation != "identity":
            y = activations.get(rnn.output_activation)(y)
        self._cache = (X, h0, Hs, y)
        return y

    @property
    def hidden_states(self):
        """Hs (N, T, H) from the last forward pass."""
        return self._cache[2]

    def backward(self, dy):
        """dy: (N, O), dLoss/dy_T. Returns grads with the keys of params."""
        if getattr(self, "_cache", None) is None:
            raise RuntimeError("backward() needs a forward() first")
        X, h0, Hs, y = self._cache
        dy = as_array(dy, "dy", shape=y.shape)
        p = self.params
        dz = activations.backprop(self.rnn.output_activation, y, dy)
        h_T = Hs[:, -1]
        dHs = np.zeros_like(Hs)
        dHs[:, -1] = dz @ p["W_oh"].T                  # only h_T feeds the output
        grads = {"W_oh": h_T.T @ dz, "b_o": dz.sum(axis=0)}
        _, _, grads["W_xh"], grads["W_hh"], grads["b_h"] = rnn_backward(
            dHs, X, h0, Hs, p["W_xh"], p["W_hh"])
        return {key: grads[key] for key in p}


class OneToMany(_Wrapper):
    """One vector in, a sequence out: x (N, D) -> Y (N, T_out, O).

    The input x is fed to the cell at every one of the ``steps`` time steps
    (Keras calls this RepeatVector); the hidden state is what changes from
    step to step, so the outputs can differ.
    """

    def __init__(self, input_size, hidden_size, output_size, steps, output_activation="identity",
                 seed=None):
        super().__init__(input_size, hidden_size, output_size, output_activation, seed)
        self.steps = positive_int(steps, "steps")

    def forward(self, x):
        """x: (N, D). Returns Y: (N, steps, O)."""
        x = _check_vectors(x, "x", self.rnn.sizes[0])
        X = np.repeat(x[:, None, :], self.steps, axis=1)
        return self.rnn.forward(X)[0]

    def backward(self, dY):
        """dY: (N, steps, O). Returns grads; grad_x (N, D) sums over the steps."""
        grads = self.rnn.backward(dY)
        self.grad_x = self.rnn.grad_X.sum(axis=1)
        return grads


class OneToOne:
    """One vector in, one out: x (N, D) -> y (N, O).

    A single step of the cell from h_0 = 0, so h_0 @ W_hh is always zero and
    W_hh has nothing to learn: params are W_xh (D, H), b_h (H,), W_oh (H, O),
    b_o (O,). This is exactly a feed-forward net with one tanh hidden layer.
    """

    def __init__(self, input_size, hidden_size, output_size, output_activation="identity", seed=None):
        rnn = SimpleRNN(input_size, hidden_size, output_size, output_activation, seed)
        self.output_activation = output_activation
        self.params = {k: v for k, v in rnn.params.items() if k != "W_hh"}
        self._cache = None

    def __repr__(self):
        D, H = self.params["W_xh"].shape
        return f"OneToOne(input_size={D}, hidden_size={H}, output_size={self.params['W_oh'].shape[1]})"

    def forward(self, x):
        """x: (N, D). Returns y: (N, O)."""
        p = self.params
        D, H = p["W_xh"].shape
        x = _check_vectors(x, "x", D)
        h0 = np.zeros((x.shape[0], H))
        Hs = rnn_forward(x[:, None, :], h0, p["W_xh"], np.zeros((H, H)), p["b_h"])
        y = activations.get(self.output_activation)(Hs[:, 0] @ p["W_oh"] + p["b_o"])
        self._cache = (x, h0, Hs, y)
        return y

    def backward(self, dy):
        """dy: (N, O). Returns grads with the keys of params."""
        if self._cache is None:
            raise RuntimeError("backward() needs a forward() first")
        x, h0, Hs, y = self._cache
        dy = as_array(dy, "dy", shape=y.shape)
        p = self.params
        dz = activations.backprop(self.output_activation, y, dy)
        grads = {"W_oh": Hs[:, 0].T @ dz, "b_o": dz.sum(axis=0)}
        H = p["b_h"].shape[0]
        _, _, grads["W_xh"], _, grads["b_h"] = rnn_backward(
            (dz @ p["W_oh"].T)[:, None, :], x[:, None, :], h0, Hs, p["W_xh"], np.zeros((H, H)))
        return {key: grads[key] for key in p}


class EncoderDecoder:
    """A sequence in, a sequence of another length out: X (N, T_in, D) -> Y (N, T_out, O).

    The encoder cell reads X and squeezes it into one context vector
    c = h_{T_in} (N, H). The decoder is a SimpleRNN that reads c at each of
    its ``steps`` time steps and emits an output at every one.

    params: enc_W_xh (D, H), enc_W_hh (H, H), enc_b_h (H,) for the encoder;
    W_xh (H, H), W_hh (H, H), b_h (H,), W_oh (H, O), b_o (O,) for the decoder.
    """

    def __init__(self, input_size, hidden_size, output_size, steps, output_activation="identity",
                 seed=None):
        D, H = positive_int(input_size, "input_size"), positive_int(hidden_size, "hidden_size")
        self.steps = positive_int(steps, "steps")
        self.decoder = SimpleRNN(H, H, output_size, output_activation, seed)
        rng = np.random.default_rng(None if seed is None else seed + 1)
        self.params = {"enc_W_xh": glorot_uniform(rng, D, H), "enc_W_hh": orthogonal(rng, H),
                       "enc_b_h": np.zeros(H)}
        self.params.update(self.decoder.params)      # the same arrays as the decoder's
        self._cache = None

    def __repr__(self):
        D, H = self.params["enc_W_xh"].shape
        return f"EncoderDecoder(input_size={D}, hidden_size={H}, " \
               f"output_size={self.params['W_oh'].shape[1]}, steps={self.steps})"

    def forward(self, X):
        """X: (N, T_in, D). Returns Y: (N, steps, O)."""
        p = self.params
        D, H = p["enc_W_xh"].shape
        X = check_sequences(X, "X", D)
        h0 = np.zeros((X.shape[0], H))
        Hs_enc = rnn_forward(X, h0, p["enc_W_xh"], p["enc_W_hh"], p["enc_b_h"])
        context = Hs_enc[:, -1]
        Y, _ = self.decoder.forward(np.repeat(context[:, None, :], self.steps, axis=1))
        self._cache = (X, h0, Hs_enc)
        return Y

    @property
    def context(self):
        """c (N, H): the encoder's last hidden state from the last forward pass."""
        return self._cache[2][:, -1]

    def backward(self, dY):
        """dY: (N, steps, O). Returns grads with the keys of params."""
        if self._cache is None:
            raise RuntimeError("backward() needs a forward() first")
        X, h0, Hs_enc = self._cache
        grads = self.decoder.backward(dY)
        dcontext = self.decoder.grad_X.sum(axis=1)                    # c was read at every step
        dHs_enc = np.zeros_like(Hs_enc)
        dHs_enc[:, -1] = dcontext
        _, _, grads["enc_W_xh"], grads["enc_W_hh"], grads["enc_b_h"] = rnn_backward(
            dHs_enc, X, h0, Hs_enc, self.params["enc_W_xh"], self.params["enc_W_hh"])
        return {key: grads[key] for key in self.params}


TOPOLOGIES = {"one_to_one": OneToOne, "one_to_many": OneToMany, "many_to_one": ManyToOne,
              "many_to_many": ManyToMany, "encoder_decoder": EncoderDecoder}
