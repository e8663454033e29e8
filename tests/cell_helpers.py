"""What the LSTM and GRU tests share: a sigmoid written out, and a cell with non-trivial weights."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def perturbed(cls, D, H, O, seed):
    """A cls (LSTM or GRU) whose weights and biases are all non-trivial (no zero bias, no
    orthogonal W_h)."""
    net = cls(D, H, O, seed=seed)
    rng = np.random.default_rng(seed + 100)
    for p in net.params.values():
        p += 0.3 * rng.normal(size=p.shape)
    return net
