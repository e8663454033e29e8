"""Feed-forward networks: y = phi(X @ W + b), layer after layer.

Row-vector convention as everywhere in the course: X (N, D_in) holds one
example per row, W (D_in, D_out), b (D_out,).
"""

import numpy as np

from . import activations
from ._validate import as_array, one_of, optional_seed, positive_int
from .rnn import glorot_uniform


def dense(X, W, b, activation="identity"):
    """One layer: phi(X @ W + b).

    X: (N, D_in) or (D_in,) for a single example, W: (D_in, D_out),
    b: (D_out,). Returns (N, D_out) (or (D_out,) for a single example).
    """
    W = as_array(W, "W", ndim=2, why="(inputs, outputs): one column of weights per output unit")
    X = as_array(X, "X", ndim=(1, 2))
    if X.shape[-1] != W.shape[0]:
        raise ValueError(f"X has {X.shape[-1]} features per example but W expects {W.shape[0]} "
                         f"(W has shape {W.shape}); X must have shape (N, {W.shape[0]})")
    b = as_array(b, "b", shape=(W.shape[1],), why="one bias per output unit")
    return activations.get(activation)(X @ W + b)


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

    def forward(self, X):
        """X: (N, D). Returns the output (N, O); keeps every layer's output for backward."""
        D = self.params["W1"].shape[0]
        X = as_array(X, "X", ndim=2, why="one example per row")
        if X.shape[1] != D:
            raise ValueError(f"X must have shape (N, {D}), got {X.shape}")
        outputs = [X]
        for i in range(1, self.num_layers + 1):
            name = self.output_activation if i == self.num_layers else self.activation
            z = outputs[-1] @ self.params[f"W{i}"] + self.params[f"b{i}"]
            outputs.append(activations.ACTIVATIONS[name](z))
        self._cache = outputs
        return outputs[-1]

    def backward(self, dY):
        """dY: (N, O), dLoss/dY. Returns gradients with the keys of params."""
        if self._cache is None:
            raise RuntimeError("backward() needs a forward() first")
        outputs = self._cache
        dY = as_array(dY, "dY", shape=outputs[-1].shape)
        grads = {}
        for i in range(self.num_layers, 0, -1):
            name = self.output_activation if i == self.num_layers else self.activation
            dZ = activations.backprop(name, outputs[i], dY)
            grads[f"W{i}"] = outputs[i - 1].T @ dZ
            grads[f"b{i}"] = dZ.sum(axis=0)
            dY = dZ @ self.params[f"W{i}"].T
        self.grad_X = dY
        return {key: grads[key] for key in self.params}
