"""Dense layers and the multilayer perceptron."""

import numpy as np
import pytest

import rnnkit
from rnnkit.feedforward import MLP, dense


def test_dense_and_mlp():
    W, b = np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.1, 0.0])
    x = np.array([2.0, 1.0])
    np.testing.assert_allclose(dense(x, W, b, "relu"), np.maximum(x @ W + b, 0))
    with pytest.raises(ValueError, match=r"X has 3 features per example but W expects 2"):
        dense(np.ones((4, 3)), W, b)
    with pytest.raises(ValueError, match=r"b must have shape \(2,\)"):
        dense(x, W, np.zeros(3))
    mlp = MLP((3, 4, 4, 2), seed=0)
    assert set(mlp.params) == {"W1", "b1", "W2", "b2", "W3", "b3"}
    X = np.random.default_rng(0).normal(size=(5, 3))
    assert mlp.forward(X).shape == (5, 2)
    assert max(rnnkit.check_gradients(mlp, X, np.ones((5, 2))).values()) < 1e-7
    sig = MLP((3, 4, 2), activation="relu", output_activation="softmax", seed=1)
    assert max(rnnkit.check_gradients(sig, X + 0.1, np.ones((5, 2))).values()) < 1e-6
    assert repr(mlp) == "MLP(layer_sizes=(3, 4, 4, 2), activation='tanh')"
    with pytest.raises(ValueError, match="layer_sizes must list at least"):
        MLP((3,))
    with pytest.raises(ValueError, match=r"layer_sizes\[1\] must be a whole number >= 1"):
        MLP((3, 0, 1))
    with pytest.raises(ValueError, match=r"X must have shape \(N, 3\)"):
        mlp.forward(np.ones((2, 4)))
    with pytest.raises(RuntimeError, match="forward"):
        MLP((1, 1)).backward(np.ones((1, 1)))


def test_dense_backward_matches_numerical_gradients_on_any_leading_axes():
    rng = np.random.default_rng(0)
    X, W, b = rng.normal(size=(2, 3, 4)), rng.normal(size=(4, 5)), rng.normal(size=5)
    dY = rng.normal(size=(2, 3, 5))
    for activation in ("identity", "tanh", "sigmoid", "relu", "softmax"):
        def loss(activation=activation):
            return float(np.sum(dense(X, W, b, activation) * dY))

        Y = dense(X, W, b, activation)
        assert Y.shape == (2, 3, 5)
        dX, dW, db = rnnkit.dense_backward(dY, X, Y, W, activation)
        for grad, wrt in ((dX, X), (dW, W), (db, b)):
            assert rnnkit.relative_error(grad, rnnkit.numerical_gradient(loss, wrt)) < 1e-6


def test_dense_backward_names_bad_shapes():
    X, W = np.ones((3, 4)), np.ones((4, 2))
    with pytest.raises(ValueError, match=r"Y must have shape \(3, 2\)"):
        rnnkit.dense_backward(np.ones((3, 2)), X, np.ones((3, 5)), W)
    with pytest.raises(ValueError, match=r"dY must have shape \(3, 2\)"):
        rnnkit.dense_backward(np.ones((2, 2)), X, np.ones((3, 2)), W)
    with pytest.raises(ValueError, match=r"X has 3 features per example but W expects 4"):
        rnnkit.dense_backward(np.ones((3, 2)), np.ones((3, 3)), np.ones((3, 2)), W)
    with pytest.raises(ValueError, match="activation must be one of"):
        dense(X, W, np.zeros(2), "softplus")
