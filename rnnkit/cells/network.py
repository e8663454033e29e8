"""A recurrent network: recurrent layers of one cell, then an output layer at every step.

SimpleRNN, LSTM and GRU are this network with their cell. The smallest, and the one the course
builds first, is one layer:

    h_t = cell(x_t, h_{t-1})                  the cell's state: h, or (h, c) for an LSTM
    y_t = phi(h_t @ W_oh + b_o)               W_oh (H, O), b_o (O,)

Bigger models are the same network with options, as Keras stacks layers:

    layers=L          L recurrent layers of H units; layer l reads layer l-1's h_t at every step
    embedding_size=E  inputs are token indices (N, T), each looked up in W_e (V, E): the row
                      one_hot(x_t) @ W_e picks, without the product (rnnkit.embedding)
    dropout=p         in training (forward(..., training=True)), each layer's outputs are zeroed
                      with probability p and the rest scaled by 1 / (1 - p)

Every model in rnnkit answers the same three things:

    params           dict of weight arrays, updated in place by the optimisers
    forward(X, ...)  the output Y (here (N, T, O)); what backward needs is kept
    backward(dY)     the gradients, a dict with the keys of params; the gradient reaching the
                     input is kept as grad_X

and a recurrent network also takes a starting state and gives its last one:

    forward(X, state=None)   None: zeros. SimpleRNN and GRU: h (N, H); LSTM: (h, c);
                             with layers > 1, a list of one such state (or None) per layer
    final_state              the state after the last step, to pass on as the next state
    grad_state               after backward: dLoss/d(starting state), shaped like the state
    hidden_states            Hs (N, T, H): the (top layer's) h_t at every step
"""

import numpy as np

from .. import activations
from .._validate import (
    as_array,
    as_labels,
    as_sequences,
    describe,
    float_dtype,
    initial_state,
    needs_forward,
    one_of,
    optional_seed,
    positive_int,
    real_number,
)
from ..embedding import embedding, embedding_backward
from ..feedforward import dense, dense_backward
from ..initializers import glorot_uniform, uniform


class RecurrentNetwork:
    """Recurrent layers of one cell plus an output layer y_t = phi(h_t @ W_oh + b_o) at every step.

    A subclass names its cell (``cell = LSTM_CELL``). Arguments: input_size=D (the vocabulary
    size V with an embedding), hidden_size=H, output_size=O, output_activation="identity",
    seed=None, dtype=np.float64, and the keywords layers=1, embedding_size=None, dropout=0.0
    (see the module's docstring).

    rng: the numpy Generator (from seed) that drew the starting weights and draws dropout's
    masks. params: the embedding's W_e (V, E) if any; then each layer's weights, named as the cell
    names them (W_xh, W_hh, b_h for SimpleRNN) for layer 1 and with _2, _3, ... after the name
    for the layers above; then W_oh (H, O) and b_o (O,). Weights start as Keras' do.
    """

    cell = None                                        # the Cell; set by SimpleRNN, LSTM, GRU

    def __init__(self, input_size, hidden_size, output_size, output_activation="identity",
                 seed=None, dtype=np.float64, *, layers=1, embedding_size=None, dropout=0.0):
        D = positive_int(input_size, "input_size")
        H = positive_int(hidden_size, "hidden_size")
        O = positive_int(output_size, "output_size")
        self.layers = positive_int(layers, "layers")
        self.embedding_size = (None if embedding_size is None
                               else positive_int(embedding_size, "embedding_size"))
        self.dropout = real_number(dropout, "dropout", minimum=0.0, maximum=0.95)
        self.output_activation = one_of(output_activation, "output_activation",
                                        tuple(activations.ACTIVATIONS))
        self.dtype = float_dtype(dtype)
        self.rng = optional_seed(seed)                # the weights first, then dropout's masks
        self.params = {}
        if self.embedding_size is not None:
            self.params["W_e"] = uniform(self.rng, (D, self.embedding_size), 0.05, self.dtype)
        width = self.embedding_size or D
        for layer in range(1, self.layers + 1):
            weights = self.cell.init(self.rng, width if layer == 1 else H, H, self.dtype)
            self.params.update({self.param_name(name, layer): w for name, w in weights.items()})
        self.params["W_oh"] = glorot_uniform(self.rng, H, O, self.dtype)
        self.params["b_o"] = np.zeros(O, dtype=self.dtype)
        self._sizes = (D, H, O)
        self._cache = None

    @staticmethod
    def param_name(name, layer):
        """The key of weight ``name`` of recurrent layer ``layer`` (1-based): W_x, W_x_2, ..."""
        return name if layer == 1 else f"{name}_{layer}"

    def layer_params(self, layer):
        """The weights of recurrent layer ``layer`` (1-based), under the cell's own names."""
        return {name: self.params[self.param_name(name, layer)] for name in self.cell.weights}

    @property
    def sizes(self):
        """(D, H, O): input, hidden and output sizes (D is the vocabulary size V with an
        embedding)."""
        return self._sizes

    def __repr__(self):
        D, H, O = self.sizes
        options = "".join(f", {key}={value!r}" for key, value, default in (
            ("layers", self.layers, 1), ("embedding_size", self.embedding_size, None),
            ("dropout", self.dropout, 0.0)) if value != default)
        return (f"{type(self).__name__}(input_size={D}, hidden_size={H}, output_size={O}, "
                f"output_activation={self.output_activation!r}{options})")

    # -- forward ----------------------------------------------------------------------------

    def forward(self, X, state=None, training=False):
        """Run the network over a batch of sequences.

        X: (N, T, D) features, or (N, T) token indices in [0, V) with an embedding.
        state: the starting state, None for zeros (see the module's docstring).
        training: True applies dropout (when the network has some); False never does.
        Returns Y (N, T, O), the output y_t at every step.
        """
        inputs, tokens = self._inputs(X)
        states = self._states(state, inputs.shape[0])
        p = self.params
        layers, finals = [], []
        for layer, start in enumerate(states, start=1):
            Hs, final, cache = self.cell.forward(self.layer_params(layer), inputs, start)
            cache["mask"] = self._dropout_mask(Hs.shape) if training else None
            inputs = Hs if cache["mask"] is None else Hs * cache["mask"]
            layers.append(cache)
            finals.append(final)
        Y = dense(inputs, p["W_oh"], p["b_o"], self.output_activation, check=False)
        self._cache = {"tokens": tokens, "layers": layers,
                       "Hs": Hs, "top": inputs, "Y": Y, "final": finals}
        return Y

    def _inputs(self, X):
        """X checked -> (inputs (N, T, D) in the model's dtype, tokens): X itself and None, or
        with an embedding the rows of W_e for the (N, T) token indices, and those indices."""
        D = self.sizes[0]
        if self.embedding_size is None:
            return as_sequences(X, "X", D).astype(self.dtype, copy=False), None
        tokens = as_labels(X, "X", ndim=2)
        return embedding(tokens, self.params["W_e"], name="X"), tokens   # one_hot(x_t) @ W_e

    def _states(self, state, N):
        """The starting state of every layer, as a list of tuples of (N, H) arrays."""
        H, names, L = self.sizes[1], self.cell.states, self.layers
        if state is None:
            return [tuple(np.zeros((N, H), self.dtype) for _ in names)] * L
        if L > 1:
            if not isinstance(state, (list, tuple)) or len(state) != L:
                raise ValueError(f"state must be a list of {L} states, one per layer (or None "
                                 f"for zeros), got {describe(state)}")
            return [self._layer_state(s, N, f"state[{i}]") for i, s in enumerate(state)]
        return [self._layer_state(state, N, "state")]

    def _layer_state(self, state, N, name):
        H, names = self.sizes[1], self.cell.states
        if state is None:
            return tuple(np.zeros((N, H), self.dtype) for _ in names)
        if len(names) == 1:
            return (initial_state(state, N, H, self.dtype, name=name),)
        if not isinstance(state, (list, tuple)) or len(state) != len(names):
            raise ValueError(f"{name} must be the pair ({', '.join(names)}) of an LSTM's hidden "
                             f"and cell states, each (N, H), got {describe(state)}")
        return tuple(initial_state(s, N, H, self.dtype, name=f"{name}[{i}] ({n})")
                     for i, (s, n) in enumerate(zip(state, names)))

    def _dropout_mask(self, shape):
        """None without dropout, else a (N, T, H) mask: 0 with probability p, 1 / (1 - p) else."""
        if self.dropout == 0.0:
            return None
        keep = self.rng.random(shape) >= self.dropout
        return (keep / (1.0 - self.dropout)).astype(self.dtype)

    def _public(self, states):
        """A list of per-layer tuples -> the state as forward() takes it."""
        per_layer = [s[0] if len(s) == 1 else s for s in states]
        return per_layer[0] if self.layers == 1 else per_layer

    @property
    def final_state(self):
        """The state after the last step of the last forward pass, as forward(state=...)
        takes it: carry it into the next chunk of a long sequence."""
        return self._public(needs_forward(self._cache, "final_state")["final"])

    @property
    def hidden_states(self):
        """Hs (N, T, H): the (top layer's) hidden state at every step of the last forward pass."""
        return needs_forward(self._cache, "hidden_states")["Hs"]

    def layer_states(self, layer):
        """Every state of recurrent layer ``layer`` (1-based) at every step of the last forward
        pass, by the cell's names: {"h": (N, T, H)}, and "c" too for an LSTM."""
        layers = needs_forward(self._cache, "layer_states")["layers"]
        layer = positive_int(layer, "layer")
        if layer > len(layers):
            raise ValueError(f"layer must be from 1 to {len(layers)} (the network's layers), "
                             f"got {layer}")
        return {name: layers[layer - 1][f"{name.upper()}s"] for name in self.cell.states}

    # -- backward ---------------------------------------------------------------------------

    def backward(self, dY, dHs=None):
        """Backpropagation through time from the last forward pass.

        dY: (N, T, O), dLoss/dy_t at every step (zeros where a step has no
        loss). dHs: optional (N, T, H), extra gradient reaching the top layer's h_t directly.
        Returns a dict of gradients with the same keys and shapes as params. Keeps grad_X
        (N, T, D), dLoss/dX (None with an embedding: token indices have no gradient), and
        grad_state, dLoss/d(starting state), shaped like the state.
        """
        cache = needs_forward(self._cache)
        p, Y, top = self.params, cache["Y"], cache["top"]
        dY = as_array(dY, "dY", shape=Y.shape, why="the same shape as the forward pass's Y")
        grads = {}
        dH, grads["W_oh"], grads["b_o"] = dense_backward(dY, top, Y, p["W_oh"],
                                                         self.output_activation, check=False)
        if dHs is not None:
            dH = dH + as_array(dHs, "dHs", shape=cache["Hs"].shape)
        dstates = []
        for layer in range(self.layers, 0, -1):
            layer_cache = cache["layers"][layer - 1]
            if layer_cache["mask"] is not None:
                dH = dH * layer_cache["mask"]
            dH, dstate, layer_grads = self.cell.backward(self.layer_params(layer), dH,
                                                         layer_cache)
            grads.update({self.param_name(name, layer): g for name, g in layer_grads.items()})
            dstates.insert(0, dstate)
        if self.embedding_size is None:
            self.grad_X = dH
        else:                                  # each token's row gets what reached its x_t
            grads["W_e"] = embedding_backward(dH, cache["tokens"], p["W_e"], check=False)
            self.grad_X = None
        self.grad_state = self._public(dstates)
        return {key: grads[key] for key in p}
