"""The gradient checker: numerical gradients, relative errors, check_gradients."""

import numpy as np
import pytest

import rnnkit


def test_gradient_checker_catches_a_wrong_backward():
    model = rnnkit.ManyToOne(1, 3, 1, seed=0)
    X, y = np.random.default_rng(0).normal(size=(2, 3, 1)), np.ones((2, 1))
    assert max(rnnkit.check_gradients(model, X, y).values()) < 1e-7
    right = model.backward

    def wrong(dy):
        grads = right(dy)
        grads["W_hh"] = grads["W_hh"].T          # a classic mistake
        return grads

    model.backward = wrong
    assert rnnkit.check_gradients(model, X, y)["W_hh"] > 1e-3


def test_relative_error_and_numerical_gradient_arguments():
    assert rnnkit.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rnnkit.relative_error([1.0], [1.0 + 1e-9]) < 1e-9
    with pytest.raises(ValueError, match="a and b must have the same shape"):
        rnnkit.relative_error(np.zeros(3), np.zeros(2))
    with pytest.raises(TypeError, match="param must be a float numpy array"):
        rnnkit.numerical_gradient(lambda: 0.0, [1.0, 2.0])
    with pytest.raises(ValueError, match="eps must be a number > 0"):
        rnnkit.numerical_gradient(lambda: 0.0, np.zeros(2), eps=0)
