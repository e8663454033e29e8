"""Optimisers and clipping: SGD with momentum, Adam, clipping by global norm."""

import numpy as np
import pytest

from rnnkit.optim import SGD, Adam, clip_by_global_norm, global_norm


def test_sgd_with_and_without_momentum():
    params = {"w": np.array([1.0, -2.0])}
    SGD(0.1).step(params, {"w": np.array([1.0, 1.0])})
    np.testing.assert_allclose(params["w"], [0.9, -2.1])
    opt = SGD(0.1, momentum=0.9)
    params = {"w": np.array([0.0])}
    opt.step(params, {"w": np.array([1.0])})
    opt.step(params, {"w": np.array([1.0])})
    np.testing.assert_allclose(params["w"], [-0.1 - (0.09 + 0.1)])


def test_adam_matches_the_formula():
    params = {"a": np.array([1.0, 2.0]), "b": np.array([[0.5]])}
    grads = [{"a": np.array([0.1, -0.2]), "b": np.array([[3.0]])},
             {"a": np.array([0.3, 0.1]), "b": np.array([[-1.0]])}]
    opt = Adam(0.01)
    expected = {k: v.copy() for k, v in params.items()}
    m = {k: 0.0 for k in params}
    v = {k: 0.0 for k in params}
    for t, g in enumerate(grads, start=1):
        opt.step(params, g)
        for k in expected:
            m[k] = 0.9 * m[k] + 0.1 * g[k]
            v[k] = 0.999 * v[k] + 0.001 * g[k] ** 2
            lr_t = 0.01 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)      # Keras' form
            expected[k] = expected[k] - lr_t * m[k] / (np.sqrt(v[k]) + 1e-7)
        for k in expected:
            np.testing.assert_allclose(params[k], expected[k], rtol=1e-10)


def test_adam_keeps_one_moment_per_number_and_follows_one_model():
    params = {"a": np.zeros((2, 3)), "b": np.zeros(4)}
    opt = Adam()
    opt.step(params, {"a": np.ones((2, 3)), "b": np.full(4, 2.0)})
    np.testing.assert_allclose(opt.m, [0.1] * 6 + [0.2] * 4)       # a's numbers, then b's
    with pytest.raises(ValueError, match="grads holds 6 numbers, the earlier steps 10: an Adam "
                                         "follows the params of one model"):
        opt.step({"a": params["a"]}, {"a": np.ones((2, 3))})
    with pytest.raises(TypeError, match=r"grads\['b'\] must be an array, as a model's backward "
                                        r"returns it, got 0.5 \(float\)"):
        Adam().step(params, {"a": np.ones((2, 3)), "b": 0.5})
    with pytest.raises(ValueError, match=r"grads has the arrays \{'a': \(2, 3\), 'c': \(4,\)\}, "
                                         r"the earlier steps \{'a': \(2, 3\), 'b': \(4,\)\}"):
        opt.step(params, {"a": np.ones((2, 3)), "c": np.ones(4)})


def test_adam_reads_each_gradient_by_its_key_not_by_its_place():
    """grads in another order of keys than at the first step update the same arrays the same."""
    grads = [{"a": np.full((2, 3), 0.5), "b": np.arange(4.0)},
             {"a": np.full((2, 3), -1.0), "b": np.ones(4)}]
    results = []
    for order in (("a", "b"), ("b", "a")):
        params, opt = {"a": np.zeros((2, 3)), "b": np.zeros(4)}, Adam(0.1)
        opt.step(params, grads[0])                       # the first step in the order a, b
        opt.step(params, {key: grads[1][key] for key in order})
        results.append(params)
    for key in ("a", "b"):
        np.testing.assert_array_equal(results[0][key], results[1][key])


def test_optimiser_arguments_are_checked():
    with pytest.raises(ValueError, match="learning_rate must be a number > 0"):
        Adam(0)
    with pytest.raises(ValueError, match="momentum must be <= 1"):
        SGD(0.1, momentum=2)
    with pytest.raises(TypeError, match="learning_rate must be a real number"):
        SGD("fast")


def test_clipping_keeps_direction_and_caps_norm():
    grads = {"a": np.array([3.0]), "b": np.array([4.0])}
    clipped, norm = clip_by_global_norm(grads, 1.0)
    assert norm == pytest.approx(5.0)
    assert global_norm(clipped) == pytest.approx(1.0)
    np.testing.assert_allclose(clipped["a"] / clipped["b"], 0.75)
    same, _ = clip_by_global_norm(grads, 10.0)
    np.testing.assert_array_equal(same["a"], grads["a"])
    with pytest.raises(ValueError, match="max_norm must be a number > 0"):
        clip_by_global_norm(grads, -1)
