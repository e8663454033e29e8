"""Feed-forward networks: y = phi(X @ W + b), layer after layer.

Row-vector convention as everywhere in the course: X (N, D_in) holds one
example per row, W (D_in, D_out), b (D_out,).

    dense            one layer forward: phi(X @ W + b)
    dense_backward   the same layer backward: (dX, dW, db)
    MLP              dense layers stacked, trained by rnnkit.train

Every output layer in rnnkit is this layer: SimpleRNN's y_t = phi(h_t @ W_oh + b_o)
included, so its backward pass is written once, here.
"""

import numpy as np

from . import activations
from ._validate import as_array, needs_forward, one_of, optional_seed, positive_int
from .initializers import glorot_uniform


def dense(X, W, b, activation="identity", *, check=True):
    """One layer: phi(X @ W + b).

    X: (N, D_in), (..., D_in) or (D_in,) for a single example, W: (D_in, D_out),
    b: (D_out,). Returns (N, D_out): the same leading axes as X, D_out last.
    check=False skips the input checks (the models check their inputs once).
    """
    if check:
        X, W = _check_layer(X, W)
        b = as_array(b, "b", shape=(W.shape[1],), why="one bias per output unit")
        one_of(activation, "activation", tuple(activations.ACTIVATIONS))
    Z = (X.reshape(-1, W.shape[0]) @ W).reshape(*X.shape[:-1], W.shape[1]) + b
    return activations.ACTIVATIONS[activation](Z, check=False)


def dense_backward(dY, X, Y, W, activation="identity", *, check=True):
    """Backpropagate through Y = phi(X @ W + b).

    dY: dLoss/dY, the shape of Y (..., D_out). X: (..., D_in) and Y: (..., D_out)
    as in the forward pass. W: (D_in, D_out).
    Returns (dX, dW, db) with the shapes of X, W and b. Every leading axis
    (examples, and time steps for an RNN's outputs) is summed into dW and db.
    """
    if check:
        X, W = _check_layer(X, W)
        Y = as_array(Y, "Y", shape=(*X.shape[:-1], W.shape[1]), why="the shape of X @ W")
        dY = as_array(dY, "dY", shape=Y.shape, why="the shape of Y")
    D_in, D_out = W.shape
    dZ = activations.backprop(activation, Y, dY).reshape(-1, D_out)      # through phi
    dW = X.reshape(-1, D_in).T @ dZ
    db = dZ.sum(axis=0)
    dX = (dZ @ W.T).reshape(X.shape)
    return dX, dW, db


def _check_layer(X, W):
    """X (..., D_in) and W (D_in, D_out), checked against each other."""
    W = as_array(W, "W", ndim=2, why="(inputs, outputs): one column of weights per output unit")
    X = as_array(X, "X", ndim=range(1, 8), why="one row of D_in features per example")
    if X.shape[-1] != W.shape[0]:
        raise ValueError(f"X has {X.shape[-1]} features per example but W expects {W.shape[0]} "
                         f"(W has shape {W.shape}); X must have shape (N, {W.shape[0]})")
    return X, W


class MLP:
    """A multilayer perceptron: dense layers with a hidden activation.

    MLP(layer_sizes=(D, H1, ..., O), activation="tanh",
        output_activation="identity", seed=None)
    params: W1 (D, H1), b1 (H1,), W2 (H1, H2), b2 (H2,), ...
    forward(X (N, D)) -> (N, O); backward(dY (N, O)) -> grads like params.
    """

    def __init__(self, layer_sizes, activation="tanh", output_activation="identity", seed=None):
        if isinstance(layer_sizes, (str, bytes)) or not hasattr(layer_sizes, "__len__") \
                or len(layer_sizes) < 2:
            raise ValueError(f"layer_sizes must list at least an input and an output size, "
                             f"e.g. (3, 4, 1), got {layer_sizes!r}")
        sizes = [positive_int(s, f"layer_sizes[{i}]") for i, s in enumerate(layer_sizes)]
        self.activation = one_of(activation, "activation", ("tanh", "sigmoid", "relu", "identity"))
        self.output_activation = one_of(output_activation, "output_activation",
                                        tuple(activations.ACTIVATIONS))
        rng = optional_seed(seed)
        self.params = {}
        for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
            self.params[f"W{i}"] = glorot_uniform(rng, fan_in, fan_out)
            self.params[f"b{i}"] = np.zeros(fan_out)
        self.num_layers = len(sizes) - 1
        self._cache = None

    def __repr__(self):
        sizes = [self.params["W1"].shape[0]] + [self.params[f"W{i}"].shape[1]
                                                for i in range(1, self.num_layers + 1)]
        return f"MLP(layer_sizes={tuple(sizes)}, activation={self.activation!r})"

    def _phi(self, i):
        """The activation of layer i (1-based): the output activation on the last layer."""
        return self.output_activation if i == self.num_layers else self.activation

    def forward(self, X):
        """X: (N, D). Returns the output (N, O); keeps every layer's output for backward."""
        D = self.params["W1"].shape[0]
        X = as_array(X, "X", ndim=2, why="one example per row")
        if X.shape[1] != D:
            raise ValueError(f"X must have shape (N, {D}), got {X.shape}")
        outputs = [X]
        for i in range(1, self.num_layers + 1):
            outputs.append(dense(outputs[-1], self.params[f"W{i}"], self.params[f"b{i}"],
                                 self._phi(i), check=False))
        self._cache = outputs
        return outputs[-1]

    def backward(self, dY):
        """dY: (N, O), dLoss/dY. Returns gradients with the keys of params."""
        outputs = needs_forward(self._cache)
        dY = as_array(dY, "dY", shape=outputs[-1].shape)
        grads = {}
        for i in range(self.num_layers, 0, -1):
            dY, grads[f"W{i}"], grads[f"b{i}"] = dense_backward(
                dY, outputs[i - 1], outputs[i], self.params[f"W{i}"], self._phi(i), check=False)
        self.grad_X = dY
        return {key: grads[key] for key in self.params}
