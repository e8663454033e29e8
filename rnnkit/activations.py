"""Activation functions phi and their derivatives.

Each activation works elementwise on an array of any shape, except softmax,
which normalises over the last axis and takes a temperature. Each checks its
input unless called with check=False, as the models' own loops do.

    tanh, sigmoid, relu, identity, softmax, log_softmax    the functions
    ACTIVATIONS              the same by name, as the layers name them ("tanh", ...)
    derivative(name, a)      phi'(z) of an elementwise activation, from its output a = phi(z)
    backprop(name, a, da)    dLoss/dz from a = phi(z) and dLoss/da, softmax included

Backpropagation has the output a = phi(z) at hand, not z, so the
derivatives are written in terms of a (for tanh: 1 - a**2).
"""

import numpy as np

from ._validate import as_array, one_of, real_number


def _checked(z, check):
    return as_array(z, "z", allow_empty=True) if check else z


def tanh(z, *, check=True):
    """tanh(z), range (-1, 1). Same shape as z."""
    return np.tanh(_checked(z, check))


def sigmoid(z, *, check=True):
    """1 / (1 + exp(-z)), range (0, 1). Same shape as z.

    For a very negative z, exp(-z) overflows to infinity and 1 / (1 + inf) = 0,
    which is the right answer (the true value is too small for a float).
    """
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-_checked(z, check)))


def relu(z, *, check=True):
    """max(z, 0). Same shape as z."""
    return np.maximum(_checked(z, check), 0.0)


def identity(z, *, check=True):
    """z itself: the output layer of a regression."""
    return as_array(z, "z", allow_empty=True).copy() if check else z


def softmax(z, temperature=1.0, *, check=True):
    """Probabilities from scores, p_i proportional to exp(z_i / temperature), on the last axis.

    z: (..., C) scores ("logits"). temperature: a number >= 0; 1 gives the
    plain softmax, below 1 sharpens the distribution, above 1 flattens it,
    and 0 is the limit where the highest score gets probability 1 (ties
    share it). The largest score is subtracted first, so no exp overflows.
    Returns probabilities of the shape of z, each row summing to 1.
    """
    if check:
        z = as_array(z, "z", ndim=range(1, 8), why="one score per class on the last axis")
        temperature = real_number(temperature, "temperature", minimum=0.0)
    shifted = z - z.max(axis=-1, keepdims=True)                    # every score <= 0
    if temperature == 0.0:
        weights = (shifted == 0.0).astype(z.dtype)
    elif temperature == 1.0:
        weights = np.exp(shifted)
    else:
        with np.errstate(over="ignore", under="ignore"):          # a tiny temperature: -inf -> 0
            weights = np.exp(shifted / temperature)
    return weights / weights.sum(axis=-1, keepdims=True)


def log_softmax(z):
    """log softmax(z) on the last axis: z - max(z) - log(sum(exp(z - max(z)))).

    z: (..., C). Returns (..., C), finite even where softmax(z) underflows to 0.
    """
    z = as_array(z, "z", ndim=range(1, 8), why="one score per class on the last axis")
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


ACTIVATIONS = {"tanh": tanh, "sigmoid": sigmoid, "relu": relu,
               "identity": identity, "softmax": softmax}

# phi'(z) in terms of the output a = phi(z), for the elementwise activations.
_DERIVATIVES = {"tanh": lambda a: 1.0 - a * a,
                "sigmoid": lambda a: a * (1.0 - a),
                "relu": lambda a: (a > 0).astype(a.dtype),
                "identity": np.ones_like}


def derivative(name, a):
    """phi'(z) for the elementwise activation ``name``, from its output a = phi(z).

    Softmax has no elementwise derivative (its Jacobian couples the outputs);
    use ``backprop("softmax", a, da)`` for it.
    """
    one_of(name, "activation", tuple(_DERIVATIVES))
    return _DERIVATIVES[name](as_array(a, "a", allow_empty=True))


def backprop(name, a, da):
    """Gradient with respect to z, given a = phi(z) and da = dLoss/da; unchecked (the layers
    call it).

    a, da: (..., C). Returns dz with the same shape. Elementwise activations
    multiply by phi'(z); softmax applies its Jacobian along the last axis:
    dz = a * (da - sum(da * a)).
    """
    if name == "softmax":
        return a * (da - np.sum(da * a, axis=-1, keepdims=True))
    if name == "identity":
        return da
    return da * _DERIVATIVES[name](a)
