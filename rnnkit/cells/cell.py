"""What every recurrent cell shares: how its loops lay out a sequence, and what a network needs
to know of it.

A cell's sequence functions (rnn_forward, lstm_backward, ...) run the step's formulas, with the
work arranged so that the loop over time does only what must wait for the step before:

1. The input's part of every step, x_t @ W_x + b, does not depend on h: it is one product for
   all T steps, before the loop (``input_part``). Only h_{t-1} @ W_h must wait for step t-1.
   Notebook 11 builds on this.
2. Each step's share of a weight's gradient, x_t.T @ da_t or h_{t-1}.T @ da_t, sums over the
   steps into one product of the stacked steps, X.T @ dA or H_prev.T @ dA (``stacked``). So the
   backward loop keeps da_t, and these products run once after it; only the gradient flowing
   back into h_{t-1} must wait for the step after.
3. Inside the loops the arrays are time-major, (T, N, H): step t is one contiguous block
   (``time_major``), which the matrix products read several times faster than a strided slice.
   What the functions return is batch-major again, (N, T, H), as everywhere in the course.
4. The forward loop multiplies by W_h at every step, the backward loop by W_h.T. W_h starts
   laid out row by row (rnnkit.initializers.orthogonal), and W_h.T is copied once into its
   own contiguous array (``transposed``): BLAS multiplies by a transposed view up to twice as
   slowly.

tests/test_rnn.py, test_lstm.py and test_gru.py check that every sequence function equals its
step function looped over t.

    blocks                    the k blocks of H columns side by side in a gated cell's arrays
    time_major, batch_major   (N, T, ...) <-> (T, N, ...)
    input_part                x_t @ W + b for every step, one product: (T, N, k)
    stacked                   (T, N, k) -> (T N, k): the steps stacked as rows of one matrix
    transposed                W.T laid out in memory, for a product in every step
    previous_states           h_0 .. h_{T-1}, the state each step started from: (T, N, H)
    Cell                      a cell as a network sees it: its weights, its state, its loops
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np


def blocks(A, k):
    """A (..., k H) -> its k blocks of H columns, as views: the gates of a cell side by side.

    np.split(A, k, axis=-1) gives the same; this is the same thing in a tenth of the time,
    which counts in a loop over every step.
    """
    H = A.shape[-1] // k
    return [A[..., j * H:(j + 1) * H] for j in range(k)]


def time_major(A):
    """(N, T, ...) -> (T, N, ...), contiguous: step t is A_tm[t], one block of memory.

    No copy when A is already a batch_major view of a time-major array (what the sequence
    functions return), so a backward pass reads its forward's arrays as they were written.
    """
    return np.ascontiguousarray(np.swapaxes(A, 0, 1))


def batch_major(A):
    """(T, N, ...) -> (N, T, ...), a view: the layout the course shows."""
    return np.swapaxes(A, 0, 1)


def stacked(A):
    """(T, N, k) -> (T N, k): every step's rows under each other, for one product over all."""
    return A.reshape(-1, A.shape[-1])


def transposed(W):
    """W.T (k, m) as a contiguous array of its own, for a product repeated at every step."""
    return np.ascontiguousarray(W.T)


def input_part(X_tm, W, b):
    """x_t @ W + b for every step t at once: X_tm (T, N, D), W (D, k), b (k,) -> (T, N, k).

    The bias is added in place: a second (T, N, k) array, written to fresh memory, would cost
    as much as the product itself.
    """
    T, N, _ = X_tm.shape
    A = stacked(X_tm) @ W
    A += b
    return A.reshape(T, N, W.shape[1])


def previous_states(h0, H_tm):
    """The state each step started from, h_0 .. h_{T-1}: h0 (N, H) and H_tm (T, N, H) holding
    h_1 .. h_T -> (T, N, H)."""
    return np.concatenate([h0[None], H_tm[:-1]])


@dataclass(frozen=True)
class Cell:
    """A recurrent cell as a network sees it (rnnkit.cells.network): one per cell module.

    name: Keras' name for the layer ("SimpleRNN", "LSTM", "GRU").
    weights: the cell's params in Keras' order (kernel, recurrent_kernel, bias).
    states: the names of the state it carries, ("h",) or ("h", "c").
    init(rng, D, H, dtype) -> dict of the weights, as Keras initialises them.
    forward(p, X, state) -> (Hs, final, cache): X (N, T, D), state a tuple of (N, H) arrays
        named by ``states``; Hs (N, T, H), final the state after step T (a tuple like state),
        cache a dict of what backward needs.
    backward(p, dHs, cache) -> (dX, dstate, grads): dHs (N, T, H), the gradient reaching each
        h_t from outside the recurrence; dX (N, T, D), dstate a tuple like state, grads a dict
        with the keys of ``weights``.
    """

    name: str
    weights: tuple
    states: tuple
    init: Callable
    forward: Callable
    backward: Callable
