"""rnnkit.embedding: the lookup is the one-hot product, its gradient collects repeated tokens,
and the recurrent networks use it."""

import numpy as np
import pytest

import rnnkit
from rnnkit.embedding import as_tokens, embedding, embedding_backward
from rnnkit.gradcheck import numerical_gradient, relative_error


def test_the_lookup_is_the_one_hot_product():
    rng = np.random.default_rng(0)
    W_e = rng.normal(size=(6, 3))
    tokens = np.array([[0, 5, 2], [2, 2, 1]])
    one_hot = np.eye(6)[tokens]                                    # (N, T, V)
    np.testing.assert_allclose(embedding(tokens, W_e), one_hot @ W_e, atol=1e-15)
    assert embedding(tokens, W_e).shape == (2, 3, 3)
    assert embedding(4, W_e).shape == (3,)


def test_the_gradient_matches_finite_differences_and_adds_up_repeats():
    rng = np.random.default_rng(1)
    W_e = rng.normal(size=(5, 4))
    tokens = np.array([[1, 3, 1], [4, 1, 0]])                     # token 1 three times, 2 never
    G = rng.normal(size=(2, 3, 4))
    dW_e = embedding_backward(G, tokens, W_e)
    numeric = numerical_gradient(lambda: float(np.sum(embedding(tokens, W_e) * G)), W_e)
    assert relative_error(dW_e, numeric) < 1e-8
    np.testing.assert_allclose(dW_e[1], G[0, 0] + G[0, 2] + G[1, 1])
    np.testing.assert_array_equal(dW_e[2], 0.0)


def test_a_network_with_an_embedding_looks_up_its_tokens():
    rnn = rnnkit.SimpleRNN(7, 4, 2, seed=0, embedding_size=3)
    tokens = np.array([[1, 6, 2, 2]])
    rnn.forward(tokens)
    expected = rnnkit.rnn_forward(embedding(tokens, rnn.params["W_e"]), None, rnn.params["W_xh"],
                                  rnn.params["W_hh"], rnn.params["b_h"])
    np.testing.assert_allclose(rnn.hidden_states, expected, atol=1e-15)
    grads = rnn.backward(np.ones((1, 4, 2)))
    assert grads["W_e"].shape == (7, 3) and np.all(grads["W_e"][[0, 3, 4, 5]] == 0)


def test_a_token_outside_the_vocabulary_is_named():
    W_e = np.zeros((4, 2))
    with pytest.raises(ValueError, match=r"tokens holds the token 7 at position \(1, 0\), "
                                         r"outside the vocabulary.*0 to 3 \(V = 4\)"):
        embedding([[0, 1], [7, 2]], W_e)
    with pytest.raises(ValueError, match=r"X holds the token -1 at position \(0,\)"):
        as_tokens([-1, 2], 4, "X")
    with pytest.raises(ValueError, match=r"X holds the token 9"):
        rnnkit.SimpleRNN(4, 3, 2, embedding_size=2).forward(np.array([[1, 9]]))


@pytest.mark.parametrize("call, error, match", [
    (lambda: embedding([[0.5, 1]], np.zeros((3, 2))), TypeError, "tokens"),
    (lambda: embedding(np.zeros((2, 0), int), np.zeros((3, 2))), ValueError, "tokens is empty"),
    (lambda: embedding([1], np.zeros(3)), ValueError, "W_e"),
    (lambda: embedding(["a"], np.zeros((3, 2))), TypeError, "tokens"),
    (lambda: embedding_backward(np.zeros((2, 3)), [0, 1], np.zeros((3, 2))), ValueError, "dE"),
    (lambda: embedding_backward(np.zeros((1, 2)), [5], np.zeros((3, 2))), ValueError, "tokens"),
])
def test_bad_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
