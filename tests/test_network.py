"""rnnkit.cells.network: layers of one cell and an output layer; stacked layers, an embedding,
dropout; the state carried in and out."""

import numpy as np
import pytest

import rnnkit
from rnnkit.gradcheck import check_gradients, numerical_gradient, relative_error

NETWORKS = [rnnkit.SimpleRNN, rnnkit.LSTM, rnnkit.GRU]


@pytest.mark.parametrize("network", NETWORKS)
def test_stacked_layers_with_an_embedding_match_finite_differences(network):
    rng = np.random.default_rng(0)
    net = network(7, 4, 3, seed=1, layers=2, embedding_size=5)
    for p in net.params.values():
        p += 0.3 * rng.normal(size=p.shape)
    tokens, targets = rng.integers(0, 7, size=(3, 6)), rng.normal(size=(3, 6, 3))
    errors = check_gradients(net, tokens, targets)
    assert set(errors) == set(net.params) and "W_e" in errors
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("network", NETWORKS)
def test_the_layers_are_the_cell_run_twice(network):
    """Layer 2 reads layer 1's states: the same as two one-layer networks' cells in a row."""
    rng = np.random.default_rng(2)
    net = network(3, 4, 2, seed=0, layers=2)
    X = rng.normal(size=(2, 5, 3))
    Y = net.forward(X)
    first = network(3, 4, 2)
    first.params.update({k: net.params[k] for k in net.cell.weights})
    first.forward(X)
    second = network(4, 4, 2)
    second.params.update({k: net.params[f"{k}_2"] for k in net.cell.weights})
    second.params.update(W_oh=net.params["W_oh"], b_o=net.params["b_o"])
    np.testing.assert_allclose(second.forward(first.hidden_states), Y, atol=1e-12)
    np.testing.assert_allclose(net.layer_states(1)["h"], first.hidden_states, atol=1e-12)
    assert list(net.params)[:3] == list(net.cell.weights)          # layer 1 keeps its names
    assert all(f"{k}_2" in net.params for k in net.cell.weights)


@pytest.mark.parametrize("network", NETWORKS)
def test_a_state_carried_across_chunks_is_one_long_pass(network):
    rng = np.random.default_rng(3)
    net = network(6, 5, 6, seed=0, layers=2, embedding_size=3)
    tokens = rng.integers(0, 6, size=(2, 9))
    whole = net.forward(tokens)
    first = net.forward(tokens[:, :4])
    second = net.forward(tokens[:, 4:], state=net.final_state)
    np.testing.assert_allclose(np.concatenate([first, second], axis=1), whole, atol=1e-12)


def test_the_starting_state_gets_its_gradient():
    rng = np.random.default_rng(4)
    lstm = rnnkit.LSTM(2, 3, 1, seed=0, layers=2)
    X, dY = rng.normal(size=(2, 4, 2)), rng.normal(size=(2, 4, 1))
    state = [(rng.normal(size=(2, 3)), rng.normal(size=(2, 3))) for _ in range(2)]

    def loss():
        return float(np.sum(lstm.forward(X, state) * dY))

    loss()
    lstm.backward(dY)
    for (dh, dc), (h, c) in zip(lstm.grad_state, state):
        assert relative_error(dh, numerical_gradient(loss, h)) < 1e-7
        assert relative_error(dc, numerical_gradient(loss, c)) < 1e-7


def test_dropout_acts_in_training_only_and_its_gradient_is_right():
    rng = np.random.default_rng(5)
    net = rnnkit.GRU(3, 20, 2, seed=0, layers=2, dropout=0.5)
    X = rng.normal(size=(4, 6, 3))
    quiet = net.forward(X)
    np.testing.assert_array_equal(net.forward(X), quiet)                # no dropout: the same
    state = net.rng.bit_generator.state               # the masks this training pass draws
    noisy = net.forward(X, training=True)
    assert not np.allclose(noisy, quiet)
    masks = [layer["mask"] for layer in net._cache["layers"]]
    assert all(set(np.unique(m)) <= {0.0, 2.0} for m in masks)           # 0 or 1 / (1 - p)
    dY = rng.normal(size=noisy.shape)
    grads = net.backward(dY)

    def loss():                                       # the same masks for every nudge
        net.rng.bit_generator.state = state
        return float(np.sum(net.forward(X, training=True) * dY))

    for key in ("W_x", "W_h_2", "W_oh"):
        net.rng.bit_generator.state = state
        assert relative_error(grads[key], numerical_gradient(loss, net.params[key])) < 1e-6, key


def test_bad_arguments_are_named():
    lstm = rnnkit.LSTM(5, 3, 5, layers=2, embedding_size=2)
    with pytest.raises(ValueError, match=r"X holds the token 7 at position \(0, 1\), outside"):
        lstm.forward([[1, 7]])
    with pytest.raises(ValueError, match=r"state must be a list of 2 states, one per layer"):
        lstm.forward([[1, 2]], state=np.zeros((1, 3)))
    with pytest.raises(ValueError, match=r"state\[1\] must be the pair \(h, c\)"):
        lstm.forward([[1, 2]], state=[None, np.zeros((1, 3))])
    with pytest.raises(RuntimeError, match="layer_states needs a forward"):
        lstm.layer_states(1)
    lstm.forward([[1, 2]])
    with pytest.raises(ValueError, match="layer must be from 1 to 2"):
        lstm.layer_states(3)
    with pytest.raises(ValueError, match="dropout must be"):
        rnnkit.GRU(2, 3, 1, dropout=1.0)
    with pytest.raises(ValueError, match="layers must be a whole number >= 1"):
        rnnkit.SimpleRNN(2, 3, 1, layers=0)
    assert repr(lstm) == ("LSTM(input_size=5, hidden_size=3, output_size=5, "
                          "output_activation='identity', layers=2, embedding_size=2)")
