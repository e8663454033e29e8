"""rnnkit.attention: the three formulas written out, the backward pass against finite
differences, Keras' Attention layer on the same arrays, and the errors."""

import numpy as np
import pytest

from rnnkit.attention import attention, attention_backward
from rnnkit.gradcheck import numerical_gradient, relative_error


@pytest.fixture(scope="module")
def keras():
    pytest.importorskip("keras")
    from rnnkit.keras_bridge import import_keras
    return import_keras()


def arrays(seed, N=3, T_q=None, T=5, d=4, d_v=2):
    rng = np.random.default_rng(seed)
    query = rng.normal(size=(N, d) if T_q is None else (N, T_q, d))
    return query, rng.normal(size=(N, T, d)), rng.normal(size=(N, T, d_v))


def test_one_query_is_the_three_formulas_written_out():
    query, keys, values = arrays(0)
    context, weights = attention(query, keys, values)
    assert context.shape == (3, 2) and weights.shape == (3, 5)
    for n in range(3):
        e = np.array([query[n] @ keys[n, j] for j in range(5)])         # e_j = q . k_j
        a = np.exp(e) / np.exp(e).sum()                                  # a = softmax(e)
        c = sum(a[j] * values[n, j] for j in range(5))                   # c = sum_j a_j v_j
        np.testing.assert_allclose(weights[n], a, atol=1e-14)
        np.testing.assert_allclose(context[n], c, atol=1e-14)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)


def test_several_queries_are_each_one_query():
    query, keys, values = arrays(1, T_q=4)
    context, weights = attention(query, keys, values)
    assert context.shape == (3, 4, 2) and weights.shape == (3, 4, 5)
    for i in range(4):
        c, a = attention(query[:, i], keys, values)
        np.testing.assert_allclose(context[:, i], c, atol=1e-14)
        np.testing.assert_allclose(weights[:, i], a, atol=1e-14)


@pytest.mark.parametrize("T_q", [None, 1, 3])
@pytest.mark.parametrize("seed", [0, 1])
def test_backward_matches_finite_differences(seed, T_q):
    query, keys, values = arrays(seed, T_q=T_q)
    context, weights = attention(query, keys, values)
    G = np.random.default_rng(seed + 10).normal(size=context.shape)     # dLoss/dcontext
    grads = attention_backward(G, query, keys, values, weights)
    for array, grad in zip((query, keys, values), grads):
        assert grad.shape == array.shape
        numeric = numerical_gradient(lambda: float(np.sum(attention(query, keys, values)[0] * G)),
                                     array)
        assert relative_error(grad, numeric) < 1e-7


def test_keras_attention_computes_the_same_on_the_same_arrays(keras):
    query, keys, values = arrays(2, T_q=3, T=6, d=5, d_v=4)
    layer = keras.layers.Attention()                            # dot scores, no scale: ours
    context, weights = layer([query.astype("float32"), values.astype("float32"),
                              keys.astype("float32")], return_attention_scores=True)
    ours = attention(query, keys, values)
    context_error = np.abs(context.numpy() - ours[0]).max()
    weights_error = np.abs(weights.numpy() - ours[1]).max()
    assert context_error < 1e-5 and weights_error < 1e-5        # float32 rounding


def test_a_query_that_matches_one_key_best_weighs_it_most():
    keys = np.eye(4)[None] * 5.0                                  # four orthogonal keys
    values = np.arange(4.0)[None, :, None]
    context, weights = attention(keys[:, 2], keys, values)
    assert weights[0].argmax() == 2 and weights[0, 2] > 0.99
    assert abs(context[0, 0] - 2.0) < 0.03


@pytest.mark.parametrize("shapes, error, match", [
    (((3, 4), (3, 5, 6), (3, 5, 2)), ValueError, r"query must have shape .* d = 6.*same size"),
    (((2, 4), (3, 5, 4), (3, 5, 2)), ValueError, r"query must have shape .* N = 3"),
    (((3, 4), (3, 5, 4), (3, 6, 2)), ValueError, r"values must have shape \(3, 5, d_v\)"),
    (((3, 4), (3, 0, 4), (3, 0, 2)), ValueError, "keys is empty"),
    (((3, 4), (5, 4), (3, 5, 2)), ValueError, "keys must have 3 dimensions"),
    (((4,), (3, 5, 4), (3, 5, 2)), ValueError, "query must have 2 or 3 dimensions"),
])
def test_mismatched_sizes_are_named(shapes, error, match):
    with pytest.raises(error, match=match):
        attention(*(np.ones(shape) for shape in shapes))


def test_backward_checks_what_it_is_given():
    query, keys, values = arrays(3)
    context, weights = attention(query, keys, values)
    with pytest.raises(ValueError, match="weights must have shape"):
        attention_backward(context, query, keys, values, weights[:, :4])
    with pytest.raises(ValueError, match="dcontext must have shape"):
        attention_backward(context[:, :1], query, keys, values, weights)
    with pytest.raises(TypeError, match="query"):
        attention("q", keys, values)
