"""Activations and their derivatives."""

import warnings

import numpy as np
import pytest

import rnnkit
from rnnkit import activations


def test_activations_and_their_derivatives():
    z = np.linspace(-30, 30, 13)
    np.testing.assert_allclose(rnnkit.sigmoid(z), 1 / (1 + np.exp(-z)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # exp(1000) overflows, quietly
        assert rnnkit.sigmoid([-1000.0, 1000.0]).tolist() == [0.0, 1.0]
    np.testing.assert_allclose(rnnkit.softmax([[1000.0, 1000.0]]), [[0.5, 0.5]])
    np.testing.assert_allclose(rnnkit.relu([-1, 2]), [0, 2])
    np.testing.assert_allclose(rnnkit.identity([1, 2]), [1, 2])
    z = np.array([-2.0, -0.5, 0.3, 1.7])
    eps = 1e-6
    for name in ("tanh", "sigmoid", "relu", "identity"):
        f = activations.ACTIVATIONS[name]
        numeric = (f(z + eps) - f(z - eps)) / (2 * eps)
        np.testing.assert_allclose(activations.derivative(name, f(z)), numeric, atol=1e-6)
    with pytest.raises(ValueError,
                       match="activation must be one of 'tanh', 'sigmoid', 'relu', 'identity'"):
        activations.derivative("softmax", z)
    assert activations.derivative("sigmoid", 0.5) == 0.25
    with pytest.raises(ValueError, match="z contains NaN"):
        rnnkit.tanh([0.0, np.nan])


def test_softmax_temperature_sharpens_flattens_and_is_stable():
    z = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]])
    assert np.allclose(rnnkit.softmax(z, 2.0), rnnkit.softmax(z / 2.0))
    assert np.allclose(rnnkit.softmax(z, 0.0), [[0, 0, 1], [1, 0, 0]])
    assert np.allclose(rnnkit.softmax([1.0, 3.0, 3.0], 0), [0, 0.5, 0.5])     # ties share
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tiny = rnnkit.softmax(z, 1e-300)
    assert np.allclose(tiny, [[0, 0, 1], [1, 0, 0]])
    flat = rnnkit.softmax(z[0], 1e6)
    assert np.allclose(flat, 1 / 3) and np.isclose(flat.sum(), 1.0)


def test_softmax_temperature_validation():
    with pytest.raises(ValueError, match="temperature"):
        rnnkit.softmax([1.0, 2.0], -0.5)
    with pytest.raises(TypeError, match="temperature"):
        rnnkit.softmax([1.0, 2.0], "hot")
    with pytest.raises(ValueError, match="z contains NaN"):
        rnnkit.softmax([1.0, np.nan])
    with pytest.raises(TypeError, match="z must"):
        rnnkit.softmax("abc")


def test_unchecked_calls_give_the_same_numbers():
    z = np.random.default_rng(0).normal(size=(3, 4))
    for _name, f in activations.ACTIVATIONS.items():
        np.testing.assert_array_equal(f(z, check=False), f(z))
    a = rnnkit.softmax(z)
    da = np.ones_like(a)
    np.testing.assert_allclose(activations.backprop("softmax", a, da), 0.0, atol=1e-15)
    np.testing.assert_array_equal(activations.backprop("tanh", np.tanh(z), da), 1 - np.tanh(z) ** 2)
