"""Losses: mean squared error and softmax cross-entropy."""

import numpy as np
import pytest

import rnnkit
from rnnkit.losses import mse, softmax_cross_entropy


def test_mse_value_and_gradient():
    loss, grad = mse([[1.0], [3.0]], [[0.0], [1.0]])
    assert loss == pytest.approx((1 + 4) / 2)
    np.testing.assert_allclose(grad, [[1.0], [2.0]])
    pred = np.random.default_rng(0).normal(size=(3, 2))
    true = np.zeros((3, 2))
    numeric = rnnkit.numerical_gradient(lambda: mse(pred, true)[0], pred)
    assert rnnkit.relative_error(mse(pred, true)[1], numeric) < 1e-8


def test_mse_shape_mismatch_says_how_to_fix():
    with pytest.raises(ValueError, match=r"Y_pred and Y_true must have the same shape.*\(N, 1\)"):
        mse(np.ones((4, 1)), np.ones(4))
    with pytest.raises(ValueError, match="Y_true contains NaN"):
        mse(np.ones(2), [1.0, np.nan])


def test_cross_entropy_matches_the_definition_and_is_stable():
    logits = np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0]])
    labels = np.array([0, 2])
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    loss, grad = softmax_cross_entropy(logits, labels)
    assert loss == pytest.approx(-np.mean(np.log(p[[0, 1], labels])))
    np.testing.assert_allclose(grad, (p - np.eye(3)[labels]) / 2)
    huge = np.array([[1000.0, 0.0, -1000.0]])
    value, g = softmax_cross_entropy(huge, [0])
    assert value == pytest.approx(0.0) and np.all(np.isfinite(g))
    value, _ = softmax_cross_entropy(huge, [2])
    assert value == pytest.approx(2000.0)


def test_cross_entropy_gradient_is_numerically_right_with_a_mask():
    rng = np.random.default_rng(0)
    logits, labels = rng.normal(size=(2, 3, 4)), rng.integers(0, 4, size=(2, 3))
    mask = np.array([[True, True, False], [True, False, False]])
    loss, grad = softmax_cross_entropy(logits, labels, mask)
    numeric = rnnkit.numerical_gradient(lambda: softmax_cross_entropy(logits, labels, mask)[0],
                                        logits)
    assert rnnkit.relative_error(grad, numeric) < 1e-7
    assert not grad[~mask].any()


@pytest.mark.parametrize("labels, mask, error, match", [
    ([0, 5], None, ValueError,
     r"labels must hold class indices from 0 to 2, got values from 0 to 5"),
    ([0.5, 1], None, TypeError, "whole-number class labels"),
    (["a", "b"], None, TypeError, "integer class labels"),
    ([0], None, ValueError, r"labels must have shape \(2,\)"),
    ([0, 1], [False, False], ValueError, "mask is False everywhere"),
    ([0, 1], [True], ValueError, "mask must have the shape of labels"),
    (None, None, TypeError, "labels must be an array of integer labels"),
])
def test_cross_entropy_errors(labels, mask, error, match):
    with pytest.raises(error, match=match):
        softmax_cross_entropy(np.zeros((2, 3)), labels, mask)


def test_perplexity_is_exp_of_the_cross_entropy():
    from rnnkit.losses import perplexity
    assert perplexity(0.0) == 1.0
    assert np.isclose(perplexity(np.log(65)), 65.0)
    with pytest.raises(ValueError, match="cross_entropy must be >= 0"):
        perplexity(-1.0)
    with pytest.raises(TypeError, match="cross_entropy"):
        perplexity("2")
