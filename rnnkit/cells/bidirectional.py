"""A bidirectional layer: one cell reads the sequence forwards, another backwards, and their
states stand side by side.

    forward direction    h_t^f = cell(x_t, h_{t-1}^f)      t = 1 .. T, from h_0^f = 0
    backward direction   h_t^b = cell(x_t, h_{t+1}^b)      t = T .. 1, from h_{T+1}^b = 0
    both                 h_t = [h_t^f, h_t^b]              (N, T, 2H)

h_t^f has read x_1 .. x_t and h_t^b has read x_t .. x_T, so h_t describes position t in the
light of the whole sequence. The backward direction is the cell run on the reversed sequence
X[:, ::-1], its states reversed back so that h_t^b stands at position t. Backwards, each
direction gets its half of dLoss/dh_t, and the gradient reaching x_t is the sum of the two.

Any cell works (rnnkit.cells.cell.Cell: RNN_CELL, LSTM_CELL, GRU_CELL): this is
keras.layers.Bidirectional(layer, merge_mode="concat") around a layer with
return_sequences=True, weight for weight.

    bidirectional_forward    X (N, T, D) -> Hs (N, T, 2H), each direction's final state
    bidirectional_backward   dHs (N, T, 2H) -> dX (N, T, D) and each direction's gradients
    Bidirectional            the two as a layer: params, forward, backward
"""

import numpy as np

from .._validate import (
    as_array,
    as_sequences,
    describe,
    float_dtype,
    needs_forward,
    optional_seed,
    positive_int,
)
from .cell import Cell

DIRECTIONS = ("fwd", "bwd")             # the prefixes of the two directions' weights


def bidirectional_forward(cell, p_fwd, p_bwd, X):
    """Run ``cell`` over X forwards with the weights p_fwd and backwards with p_bwd.

    cell: a Cell. p_fwd, p_bwd: the two directions' weights, each a dict named as
    cell.weights names them. X: (N, T, D).
    Returns (Hs, finals, cache): Hs (N, T, 2H), [h_t^f, h_t^b] at every position t; finals,
    (the forward direction's state after x_T, the backward one's after x_1), each a tuple
    like the cell's state; cache, what bidirectional_backward needs: each direction's cell
    cache, under "fwd" and "bwd". Both directions start from zeros.
    """
    N, H = len(X), len(p_fwd[cell.weights[1]])          # the recurrent kernel is (H, k H)
    zeros = tuple(np.zeros((N, H), X.dtype) for _ in cell.states)
    Hs_f, final_f, cache_f = cell.forward(p_fwd, X, zeros)
    Hs_r, final_b, cache_b = cell.forward(p_bwd, X[:, ::-1], zeros)   # reads x_T first
    Hs = np.concatenate([Hs_f, Hs_r[:, ::-1]], axis=2)                # h_t^b back at t
    return Hs, (final_f, final_b), {"fwd": cache_f, "bwd": cache_b}


def bidirectional_backward(cell, p_fwd, p_bwd, dHs, cache):
    """Backpropagate bidirectional_forward.

    dHs: (N, T, 2H), dLoss/dh_t at every position; cache as bidirectional_forward returned.
    Returns (dX, grads_fwd, grads_bwd): dX (N, T, D), and each direction's weight gradients,
    a dict named as cell.weights.
    """
    H = dHs.shape[2] // 2
    dX_f, _, grads_f = cell.backward(p_fwd, dHs[:, :, :H], cache["fwd"])
    dX_r, _, grads_b = cell.backward(p_bwd, dHs[:, ::-1, H:], cache["bwd"])  # in its own order
    return dX_f + dX_r[:, ::-1], grads_f, grads_b


def check_cell(cell, name="cell"):
    """``cell`` if it is a Cell (rnnkit.cells.RNN_CELL, LSTM_CELL, GRU_CELL), else TypeError."""
    if not isinstance(cell, Cell):
        raise TypeError(f"{name} must be a Cell such as rnnkit.cells.GRU_CELL, RNN_CELL or "
                        f"LSTM_CELL (a network's cell: rnnkit.GRU.cell), got {describe(cell)}")
    return cell


class Bidirectional:
    """A bidirectional recurrent layer: X (N, T, D) -> Hs (N, T, 2H).

    Bidirectional(cell, input_size=D, hidden_size=H, seed=None, dtype=np.float64)

    cell: any Cell (rnnkit.cells.GRU_CELL, ...). params: the forward direction's weights with
    fwd_ before the cell's names (fwd_W_xh, fwd_W_hh, fwd_b_h for RNN_CELL), then the backward
    direction's with bwd_, both drawn as Keras draws them: the order of
    keras.layers.Bidirectional's get_weights(). There is no output layer: Hs is the output,
    as in Keras. After forward: hidden_states (Hs) and final_state. After backward: grad_X.
    """

    def __init__(self, cell, input_size, hidden_size, seed=None, dtype=np.float64):
        self.cell = check_cell(cell)
        D, H = positive_int(input_size, "input_size"), positive_int(hidden_size, "hidden_size")
        rng, dtype = optional_seed(seed), float_dtype(dtype)
        self.params = {f"{direction}_{name}": w for direction in DIRECTIONS
                       for name, w in cell.init(rng, D, H, dtype).items()}
        self._sizes = (D, H)
        self._cache = None

    def __repr__(self):
        D, H = self._sizes
        return f"Bidirectional({self.cell.name}, input_size={D}, hidden_size={H})"

    def direction_params(self, direction):
        """The weights of one direction ("fwd" or "bwd"), under the cell's own names."""
        return {name: self.params[f"{direction}_{name}"] for name in self.cell.weights}

    def forward(self, X):
        """X: (N, T, D). Returns Hs (N, T, 2H): [h_t^f, h_t^b] at every position t."""
        D = self._sizes[0]
        dtype = self.params[f"fwd_{self.cell.weights[0]}"].dtype
        X = as_sequences(X, "X", D).astype(dtype, copy=False)
        Hs, finals, cache = bidirectional_forward(self.cell, *map(self.direction_params,
                                                                  DIRECTIONS), X)
        self._cache = {"Hs": Hs, "finals": finals, "cells": cache}
        return Hs

    @property
    def hidden_states(self):
        """Hs (N, T, 2H) of the last forward pass: the forward direction's h_t, then the
        backward direction's."""
        return needs_forward(self._cache, "hidden_states")["Hs"]

    @property
    def final_state(self):
        """(forward direction's state after x_T, backward direction's state after x_1) of the
        last forward pass, each h (N, H), or (h, c) for an LSTM."""
        finals = needs_forward(self._cache, "final_state")["finals"]
        return tuple(f[0] if len(f) == 1 else f for f in finals)

    def backward(self, dHs):
        """dHs: (N, T, 2H), dLoss/dh_t. Returns the gradients, a dict with the keys of params;
        keeps grad_X (N, T, D)."""
        cache = needs_forward(self._cache)
        dHs = as_array(dHs, "dHs", shape=cache["Hs"].shape, why="the shape of forward()'s Hs")
        self.grad_X, grads_f, grads_b = bidirectional_backward(
            self.cell, *map(self.direction_params, DIRECTIONS), dHs, cache["cells"])
        grads = {**{f"fwd_{k}": g for k, g in grads_f.items()},
                 **{f"bwd_{k}": g for k, g in grads_b.items()}}
        return {key: grads[key] for key in self.params}
