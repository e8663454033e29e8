"""Numerical gradient checking: is backward() right?

Nudge one weight by +eps and -eps, see how the loss changes, and compare
(L(w + eps) - L(w - eps)) / (2 eps) with what backpropagation computed.
"""

import numpy as np

from ._validate import as_array, positive
from .training import compute_loss


def relative_error(a, b):
    """max |a - b| / max(|a| + |b|), a scale-free distance between two arrays.

    Below about 1e-7 in float64 the two agree as well as finite differences can tell.
    """
    a = as_array(a, "a", allow_empty=True)
    b = as_array(b, "b", allow_empty=True)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    scale = np.max(np.abs(a) + np.abs(b), initial=0.0)
    return 0.0 if scale == 0 else float(np.max(np.abs(a - b)) / scale)


def numerical_gradient(f, param, eps=1e-6):
    """Centred-difference gradient of the scalar f() with respect to the array ``param``.

    f: a function of no arguments that reads ``param`` and returns a float.
    param: a float array, nudged in place one entry at a time and restored.
    Returns an array with the shape of param.
    """
    if not isinstance(param, np.ndarray) or param.dtype.kind != "f":
        raise TypeError("param must be a float numpy array that f() reads, "
                        f"got {type(param).__name__}")
    eps = positive(eps, "eps")
    grad = np.zeros_like(param)
    for i in np.ndindex(param.shape):
        saved = param[i]
        param[i] = saved + eps
        plus = f()
        param[i] = saved - eps
        minus = f()
        param[i] = saved
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def check_gradients(model, X, targets, loss="mse", mask=None, eps=1e-6):
    """Compare model.backward with numerical gradients for every parameter.

    model: anything rnnkit.train accepts (a SimpleRNN, a topology or an MLP).
    X, targets, loss, mask: as for rnnkit.train. Returns a dict mapping each
    parameter name to the relative error between the two gradients.
    """
    _, dout = compute_loss(model, X, targets, loss, mask)
    analytic = model.backward(dout)
    errors = {}
    for key, param in model.params.items():
        numeric = numerical_gradient(lambda: compute_loss(model, X, targets, loss, mask)[0],
                                     param, eps)
        errors[key] = relative_error(analytic[key], numeric)
    return errors
