"""Starting weights, drawn as Keras draws them, so a model can move to Keras and back.

    glorot_uniform   Keras' default kernel: U(-l, l) with l = sqrt(6 / (fan_in + fan_out))
    orthogonal       Keras' default recurrent kernel: a random orthogonal matrix
    uniform          Keras' default embedding: U(-0.05, 0.05)

Every initialiser takes a numpy Generator (rnnkit._validate.optional_seed)
as its first argument, so that one seed fixes every draw of a model.
"""

import numpy as np


def glorot_uniform(rng, fan_in, fan_out, dtype=np.float64):
    """A (fan_in, fan_out) matrix from U(-l, l), l = sqrt(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(dtype)


def orthogonal(rng, size, dtype=np.float64):
    """A random orthogonal matrix: Q of the QR decomposition of a normal matrix.

    size: an int for a square (size, size) matrix, or (rows, cols), as the
    LSTM's (H, 4H) and the GRU's (H, 3H) recurrent kernels. Then the rows
    (if rows <= cols) or the columns are orthonormal, as in Keras. The
    matrix is laid out row by row in memory (C order), as every weight:
    the loops multiply by a recurrent kernel at every step, and BLAS reads
    a column-major one (Q.T) up to a third more slowly there.
    """
    rows, cols = (size, size) if np.ndim(size) == 0 else size
    q, r = np.linalg.qr(rng.standard_normal((max(rows, cols), min(rows, cols))))
    q = q * np.sign(np.diag(r))
    return np.ascontiguousarray(q.T if rows < cols else q, dtype=dtype)


def uniform(rng, shape, limit=0.05, dtype=np.float64):
    """An array of ``shape`` from U(-limit, limit); Keras' Embedding starts at limit 0.05."""
    return rng.uniform(-limit, limit, size=shape).astype(dtype)
