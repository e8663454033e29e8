"""Activation functions phi and their derivatives.

Each activation works elementwise on an array of any shape, except softmax,
which normalises over the last axis and takes a temperature.
``derivative(name, a)`` gives phi'(z) written in terms of the activation's
*output* a = phi(z), which is what backpropagation has at hand (for tanh:
1 - a**2).
"""

import numpy as np

from ._validate import as_array, one_of, real_number


def tanh(z):
    """tanh(z), range (-1, 1). Same shape as z."""
    return np.tanh(as_array(z, "z", allow_empty=True))


def sigmoid(z):
    """1 / (1 + exp(-z)), range (0, 1), computed without overflow. Same shape as z."""
    return _sigmoid(as_array(z, "z", allow_empty=True))


def relu(z):
    """max(z, 0). Same shape as z."""
    return np.maximum(as_array(z, "z", allow_empty=True), 0.0)


def identity(z):
    """z itself: the output layer of a regression."""
    return as_array(z, "z", allow_empty=True).copy()


def softmax(z, temperature=1.0):
    """Probabilities from scores, p_i proportional to exp(z_i / temperature), on the last axis.

    z: (..., C) scores ("logits"). temperature: a number >= 0; 1 gives the
    plain softmax, below 1 sharpens the distribution, above 1 flattens it,
    and 0 is the limit where the highest score gets probability 1 (ties
    share it). The largest score is subtracted first, so no exp overflows.
    Returns probabilities of the shape of z, each row summing to 1.
    """
    z = as_array(z, "z", ndim=range(1, 8), why="one score per class on the last axis")
    return _softmax(z, real_number(temperature, "temperature", minimum=0.0))


def log_softmax(z):
    """log softmax(z) on the last axis: z - max(z) - log(sum(exp(z - max(z)))).

    z: (..., C). Returns (..., C), finite even where softmax(z) underflows to 0.
    """
    z = as_array(z, "z", ndim=range(1, 8), why="one score per class on the last axis")
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _sigmoid(z):
    # exp of a non-positive number never overflows: use the form that needs one.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softmax(z, temperature=1.0):
    shifted = z - z.max(axis=-1, keepdims=True)                    # every score <= 0
    if temperature == 0.0:
        weights = (shifted == 0.0).astype(z.dtype)
    elif temperature == 1.0:
        weights = np.exp(shifted)
    else:
        with np.errstate(over="ignore", under="ignore"):          # a tiny temperature: -inf -> 0
            weights = np.exp(shifted / temperature)
    return weights / weights.sum(axis=-1, keepdims=True)


ACTIVATIONS = {"tanh": tanh, "sigmoid": sigmoid, "relu": relu,
               "identity": identity, "softmax": softmax}
# The same functions without the input checks, for the models' own forward passes.
_UNCHECKED = {"tanh": np.tanh, "sigmoid": _sigmoid, "relu": lambda z: np.maximum(z, 0.0),
              "identity": lambda z: z, "softmax": _softmax}


def apply(name, z):
    """phi(z) for the activation called ``name``, without checking z (the models call this)."""
    return _UNCHECKED[name](z)


def tanh_derivative(a):
    """d tanh / dz in terms of the output a = tanh(z): 1 - a**2."""
    return 1.0 - a * a


def sigmoid_derivative(a):
    """d sigmoid / dz in terms of a = sigmoid(z): a (1 - a)."""
    return a * (1.0 - a)


def relu_derivative(a):
    """d relu / dz in terms of a = relu(z): 1 where a > 0, else 0."""
    return (a > 0).astype(a.dtype)


def identity_derivative(a):
    """d z / dz = 1."""
    return np.ones_like(a)


_ELEMENTWISE_DERIVATIVES = {"tanh": tanh_derivative, "sigmoid": sigmoid_derivative,
                            "relu": relu_derivative, "identity": identity_derivative}


def get(name):
    """The activation function called ``name`` (one of ACTIVATIONS)."""
    return ACTIVATIONS[one_of(name, "activation", tuple(ACTIVATIONS))]


def backprop(name, a, da):
    """Gradient with respect to z, given a = phi(z) and da = dLoss/da.

    a, da: (..., C). Returns dz with the same shape. Elementwise activations
    multiply by phi'(z); softmax applies its Jacobian along the last axis:
    dz = a * (da - sum(da * a)).
    """
    one_of(name, "activation", tuple(ACTIVATIONS))
    if name == "softmax":
        return a * (da - np.sum(da * a, axis=-1, keepdims=True))
    if name == "identity":
        return da
    return da * _ELEMENTWISE_DERIVATIVES[name](a)


def derivative(name, a):
    """phi'(z) for an elementwise activation, from its output a = phi(z).

    Softmax has no elementwise derivative (its Jacobian couples the outputs);
    use ``backprop("softmax", a, da)`` for it.
    """
    one_of(name, "activation", tuple(_ELEMENTWISE_DERIVATIVES))
    return _ELEMENTWISE_DERIVATIVES[name](as_array(a, "a", allow_empty=True))
