"""Activation functions phi and their derivatives.

Each activation works elementwise on an array of any shape, except softmax,
which normalises over the last axis. ``derivative(name, a)`` gives phi'(z)
written in terms of the activation's *output* a = phi(z), which is what
backpropagation has at hand (for tanh: 1 - a**2).
"""

import numpy as np

from ._validate import as_array, one_of


def tanh(z):
    """tanh(z), range (-1, 1). Same shape as z."""
    return np.tanh(as_array(z, "z", allow_empty=True))


def sigmoid(z):
    """1 / (1 + exp(-z)), range (0, 1), computed without overflow. Same shape as z."""
    z = as_array(z, "z", allow_empty=True)
    # exp of a non-positive number never overflows: use the form that needs one.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def relu(z):
    """max(z, 0). Same shape as z."""
    return np.maximum(as_array(z, "z", allow_empty=True), 0.0)


def identity(z):
    """z itself: the output layer of a regression."""
    return as_array(z, "z", allow_empty=True).copy()


def softmax(z):
    """exp(z) / sum(exp(z)) over the last axis, shifted by the max so it never overflows.

    z: (..., C) scores ("logits"). Returns probabilities of the same shape,
    each row summing to 1.
    """
    z = as_array(z, "z", ndim=range(1, 8))
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


ACTIVATIONS = {"tanh": tanh, "sigmoid": sigmoid, "relu": relu,
               "identity": identity, "softmax": softmax}


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
