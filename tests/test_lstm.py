"""The LSTM cell and network: a hand-computed step, BPTT against numerical gradients,
Keras' layout and initialisation, carried states, errors."""

import numpy as np
import pytest
from cell_helpers import perturbed, sigmoid

import rnnkit
from rnnkit.cells.lstm import LSTM, lstm_backward, lstm_forward, lstm_step, lstm_step_backward
from rnnkit.gradcheck import check_gradients, numerical_gradient, relative_error


def test_lstm_step_matches_a_hand_computed_value():
    # D = 1, H = 1: the four gates are four numbers, written out by hand.
    W_x, W_h, b = np.array([[0.5, -1.0, 2.0, 0.3]]), np.array([[0.1, 0.2, -0.4, 1.0]]), \
        np.array([0.0, 1.0, 0.1, -0.2])
    x, h_prev, c_prev = 2.0, 0.5, -0.3
    a = x * W_x[0] + h_prev * W_h[0] + b
    i, f, g, o = sigmoid(a[0]), sigmoid(a[1]), np.tanh(a[2]), sigmoid(a[3])
    c = f * c_prev + i * g
    h, c_t, gates = lstm_step([[x]], [[h_prev]], [[c_prev]], W_x, W_h, b)
    np.testing.assert_allclose(c_t, [[c]])
    np.testing.assert_allclose(h, [[o * np.tanh(c)]])
    np.testing.assert_allclose(np.ravel(gates), [i, f, g, o])


def test_forward_equals_repeated_lstm_step_and_stores_everything():
    rng = np.random.default_rng(0)
    lstm = perturbed(LSTM, 3, 4, 2, seed=1)
    X, h0, c0 = rng.normal(size=(5, 6, 3)), rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    Y = lstm.forward(X, (h0, c0))
    Hs = lstm.hidden_states
    assert Y.shape == (5, 6, 2) and Hs.shape == (5, 6, 4) and lstm.cell_states.shape == (5, 6, 4)
    p, h, c = lstm.params, h0, c0
    for t in range(6):
        h, c, gates = lstm_step(X[:, t], h, c, p["W_x"], p["W_h"], p["b"])
        np.testing.assert_allclose(Hs[:, t], h, atol=1e-12)
        np.testing.assert_allclose(lstm.cell_states[:, t], c, atol=1e-12)
        for name, gate in zip("ifgo", np.split(gates, 4, axis=1)):
            np.testing.assert_allclose(lstm.gates[name][:, t], gate, atol=1e-12)
    np.testing.assert_allclose(Y, Hs @ p["W_oh"] + p["b_o"], atol=1e-12)
    np.testing.assert_array_equal(lstm.hidden_states, Hs)


def test_two_chunks_with_carried_states_are_one_long_pass():
    rng = np.random.default_rng(2)
    lstm = perturbed(LSTM, 2, 3, 1, seed=0)
    X = rng.normal(size=(2, 8, 2))
    lstm.forward(X)
    Hs = lstm.hidden_states
    Cs = lstm.cell_states
    lstm.forward(X[:, :5])
    first = lstm.hidden_states
    lstm.forward(X[:, 5:], state=lstm.final_state)
    second = lstm.hidden_states
    np.testing.assert_allclose(np.concatenate([first, second], axis=1), Hs, atol=1e-14)
    np.testing.assert_allclose(lstm.cell_states, Cs[:, 5:], atol=1e-14)


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("N,T,D,H,O", [(1, 1, 1, 1, 1), (3, 4, 2, 5, 3), (2, 9, 3, 4, 2)])
@pytest.mark.parametrize("activation", ["identity", "tanh", "softmax"])
def test_bptt_matches_numerical_gradients_every_step(seed, N, T, D, H, O, activation):
    rng = np.random.default_rng(seed)
    lstm = perturbed(LSTM, D, H, O, seed)
    lstm.output_activation = activation
    X, targets = rng.normal(size=(N, T, D)), rng.normal(size=(N, T, O))
    errors = check_gradients(lstm, X, targets)
    assert set(errors) == {"W_x", "W_h", "b", "W_oh", "b_o"}
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("seed", [0, 3, 7])
@pytest.mark.parametrize("T", [1, 6, 20])
def test_bptt_with_the_loss_on_the_last_step_only(seed, T):
    rng = np.random.default_rng(seed)
    lstm = perturbed(LSTM, 2, 4, 3, seed)
    X, h0, c0 = rng.normal(size=(3, T, 2)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    w = rng.normal(size=(3, 3))                      # loss = sum(w * y_T)

    def loss():
        return float(np.sum(w * lstm.forward(X, (h0, c0))[:, -1]))

    Y = lstm.forward(X, (h0, c0))
    dY = np.zeros_like(Y)
    dY[:, -1] = w
    grads = lstm.backward(dY)
    saved = {"grad_X": lstm.grad_X.copy(), "grad_h0": lstm.grad_state[0].copy(),
             "grad_c0": lstm.grad_state[1].copy()}
    for key, value in lstm.params.items():
        assert relative_error(grads[key], numerical_gradient(loss, value)) < 1e-7, key
    for key, value in (("grad_X", X), ("grad_h0", h0), ("grad_c0", c0)):
        numerical = numerical_gradient(loss, value)
        if T <= 6:
            assert relative_error(saved[key], numerical) < 1e-7, key
        else:      # 20 steps back the gradient has mostly vanished: compare it absolutely
            np.testing.assert_allclose(saved[key], numerical, atol=1e-9)


def test_step_backward_is_one_step_of_lstm_backward():
    rng = np.random.default_rng(4)
    lstm = perturbed(LSTM, 2, 3, 1, seed=2)
    p = lstm.params
    X = rng.normal(size=(2, 1, 2))
    Hs, Cs, Gs = lstm_forward(X, None, None, p["W_x"], p["W_h"], p["b"])
    dHs = rng.normal(size=Hs.shape)
    whole = lstm_backward(dHs, X, None, None, Hs, Cs, Gs, p["W_x"], p["W_h"])
    zeros = np.zeros((2, 3))
    step = lstm_step_backward(dHs[:, 0], zeros, X[:, 0], zeros, zeros, Cs[:, 0], Gs[:, 0],
                              p["W_x"], p["W_h"])
    for a, b in zip(whole, (step[0][:, None], *step[1:])):
        np.testing.assert_allclose(a, b, atol=1e-14)


def test_initialisation_is_keras_like_with_the_forget_bias_at_one():
    a, b = LSTM(3, 5, 2, seed=7), LSTM(3, 5, 2, seed=7)
    assert {k: v.shape for k, v in a.params.items()} == {
        "W_x": (3, 20), "W_h": (5, 20), "b": (20,), "W_oh": (5, 2), "b_o": (2,)}
    for key in a.params:
        np.testing.assert_array_equal(a.params[key], b.params[key])
    np.testing.assert_array_equal(a.params["b"], np.repeat([0.0, 1.0, 0.0, 0.0], 5))
    np.testing.assert_allclose(a.params["W_h"] @ a.params["W_h"].T, np.eye(5), atol=1e-12)
    assert np.abs(a.params["W_x"]).max() <= np.sqrt(6 / 23)
    assert repr(a) == "LSTM(input_size=3, hidden_size=5, output_size=2, " \
                      "output_activation='identity')"


def test_float32_is_kept_and_rnnkit_train_lowers_the_loss():
    lstm = LSTM(1, 6, 1, seed=0, dtype=np.float32)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(32, 5, 1)).astype(np.float32)
    Y = lstm.forward(X)
    Hs = lstm.hidden_states
    assert Y.dtype == Hs.dtype == lstm.cell_states.dtype == np.float32
    assert all(g.dtype == np.float32 for g in lstm.backward(np.ones_like(Y)).values())
    # many-to-many: output the previous step's input, y_t = x_{t-1}
    targets = np.concatenate([np.zeros_like(X[:, :1]), X[:, :-1]], axis=1)
    history = rnnkit.train(lstm, X, targets, epochs=30, batch_size=8, seed=0,
                           optimizer=rnnkit.Adam(0.03))
    assert history.loss[-1] < 0.25 * history.loss[0], history.loss


def test_bad_input_gets_a_clear_error():
    lstm = LSTM(2, 3, 1, seed=0)
    p = lstm.params
    with pytest.raises(RuntimeError, match="forward"):
        lstm.backward(np.zeros((1, 1, 1)))
    with pytest.raises(ValueError, match=r"X .*\(N, T, 2\)"):
        lstm.forward(np.zeros((1, 4, 3)))
    with pytest.raises(ValueError, match=r"state\[1\] \(c\)"):
        lstm.forward(np.zeros((2, 4, 2)), state=(None, np.zeros((3, 3))))
    with pytest.raises(ValueError, match="pair"):
        lstm.forward(np.zeros((2, 4, 2)), state=np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"W_h must have shape \(H, 4H\)"):
        lstm_step(np.zeros((1, 2)), np.zeros((1, 3)), np.zeros((1, 3)), p["W_x"],
                  np.zeros((3, 3)), p["b"])
    with pytest.raises(ValueError, match="W_x"):
        lstm_step(np.zeros((1, 2)), np.zeros((1, 3)), np.zeros((1, 3)), p["W_x"][:, :4],
                  p["W_h"], p["b"])
    with pytest.raises(ValueError, match="b"):
        lstm_forward(np.zeros((1, 2, 2)), None, None, p["W_x"], p["W_h"], p["b"][:3])
    with pytest.raises(ValueError, match="c_prev"):
        lstm_step(np.zeros((1, 2)), np.zeros((1, 3)), np.zeros((2, 3)), p["W_x"], p["W_h"],
                  p["b"])
    with pytest.raises(ValueError, match="gates"):
        lstm_step_backward(np.zeros((1, 3)), np.zeros((1, 3)), np.zeros((1, 2)),
                           np.zeros((1, 3)), np.zeros((1, 3)), np.zeros((1, 3)),
                           (np.zeros((1, 3)),) * 3, p["W_x"], p["W_h"])
    with pytest.raises(ValueError, match="NaN"):
        lstm.forward(np.full((1, 2, 2), np.nan))
    with pytest.raises(ValueError, match="hidden_size"):
        LSTM(2, 0, 1)
