"""The GRU cell and network: a hand-computed step, BPTT against numerical gradients,
Keras' GRU on the same weights both ways, errors, training."""

import numpy as np
import pytest
from cell_helpers import perturbed, sigmoid

import rnnkit
from rnnkit.cells.gru import GRU, gru_backward, gru_forward, gru_step, gru_step_backward
from rnnkit.gradcheck import check_gradients, numerical_gradient, relative_error


@pytest.fixture(scope="module")
def keras():
    pytest.importorskip("keras")
    from rnnkit.keras_bridge import import_keras
    return import_keras()


def test_gru_step_matches_a_hand_computed_value():
    # D = 1, H = 1: each block z, r, h is one number, written out by hand.
    W_x, W_h = np.array([[0.5, -1.0, 2.0]]), np.array([[0.1, 0.2, -0.4]])
    b = np.array([[0.0, 1.0, 0.1],        # input bias
                  [0.3, -0.2, 0.5]])      # recurrent bias
    x, h_prev = 2.0, 0.5
    z = sigmoid(2.0 * 0.5 + 0.0 + 0.5 * 0.1 + 0.3)
    r = sigmoid(2.0 * -1.0 + 1.0 + 0.5 * 0.2 - 0.2)
    ha_h = 0.5 * -0.4 + 0.5
    h_tilde = np.tanh(2.0 * 2.0 + 0.1 + r * ha_h)
    h, gates = gru_step([[x]], [[h_prev]], W_x, W_h, b)
    np.testing.assert_allclose(h, [[z * h_prev + (1 - z) * h_tilde]])
    np.testing.assert_allclose(np.ravel(gates), [z, r, h_tilde, ha_h])


def test_forward_equals_repeated_gru_step_and_stores_the_gates():
    rng = np.random.default_rng(0)
    gru = perturbed(GRU, 3, 4, 2, seed=1)
    X, h0 = rng.normal(size=(5, 6, 3)), rng.normal(size=(5, 4))
    Y = gru.forward(X, h0)
    Hs = gru.hidden_states
    assert Y.shape == (5, 6, 2) and Hs.shape == (5, 6, 4)
    assert set(gru.gates) == {"z", "r", "h_tilde"}
    p, h = gru.params, h0
    for t in range(6):
        h, gates = gru_step(X[:, t], h, p["W_x"], p["W_h"], p["b"])
        np.testing.assert_allclose(Hs[:, t], h, atol=1e-12)
        for name, gate in zip(("z", "r", "h_tilde"), np.split(gates, 4, axis=1)):
            assert gru.gates[name].shape == (5, 6, 4)
            np.testing.assert_allclose(gru.gates[name][:, t], gate, atol=1e-12)
    np.testing.assert_allclose(Y, Hs @ p["W_oh"] + p["b_o"], atol=1e-12)
    np.testing.assert_array_equal(gru.hidden_states, Hs)


@pytest.mark.parametrize("N,T,D,H,O", [(1, 1, 1, 1, 1), (3, 4, 2, 5, 3), (2, 6, 3, 4, 2)])
@pytest.mark.parametrize("seed", [0, 1])
def test_bptt_matches_numerical_gradients_every_step(seed, N, T, D, H, O):
    rng = np.random.default_rng(seed)
    gru = perturbed(GRU, D, H, O, seed)
    X, targets = rng.normal(size=(N, T, D)), rng.normal(size=(N, T, O))
    errors = check_gradients(gru, X, targets)
    assert set(errors) == {"W_x", "W_h", "b", "W_oh", "b_o"}
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("seed", [0, 5])
@pytest.mark.parametrize("T", [1, 6, 15])
def test_bptt_with_the_loss_on_the_last_step_only(seed, T):
    # dY zero at every step but the last: the gradient reaches earlier steps through h only.
    rng = np.random.default_rng(seed)
    gru = perturbed(GRU, 2, 4, 3, seed)
    X, h0 = rng.normal(size=(3, T, 2)), rng.normal(size=(3, 4))
    w = rng.normal(size=(3, 3))                      # loss = sum(w * y_T)

    def loss():
        return float(np.sum(w * gru.forward(X, h0)[:, -1]))

    Y = gru.forward(X, h0)
    dY = np.zeros_like(Y)
    dY[:, -1] = w
    grads = gru.backward(dY)
    grad_X, grad_state = gru.grad_X.copy(), gru.grad_state.copy()
    for key, value in gru.params.items():
        assert relative_error(grads[key], numerical_gradient(loss, value)) < 1e-7, key
    assert relative_error(grad_X, numerical_gradient(loss, X)) < 1e-7
    assert relative_error(grad_state, numerical_gradient(loss, h0)) < 1e-7


def test_backward_returns_input_and_initial_state_gradients():
    rng = np.random.default_rng(0)
    gru = perturbed(GRU, 2, 3, 1, seed=0)
    X, h0, dY = rng.normal(size=(2, 4, 2)), rng.normal(size=(2, 3)), rng.normal(size=(2, 4, 1))

    def loss():
        return float(np.sum(gru.forward(X, h0) * dY))

    loss()
    gru.backward(dY)
    grad_X, grad_state = gru.grad_X.copy(), gru.grad_state.copy()
    assert relative_error(grad_X, numerical_gradient(loss, X)) < 1e-7
    assert relative_error(grad_state, numerical_gradient(loss, h0)) < 1e-7


def test_gru_step_backward_matches_numerical_gradients():
    rng = np.random.default_rng(0)
    N, D, H = 3, 2, 4
    x_t, h_prev, dh_t = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    W_x, W_h = rng.normal(size=(D, 3 * H)), rng.normal(size=(H, 3 * H))
    b = rng.normal(size=(2, 3 * H))

    def loss():                                   # a loss whose gradient at h_t is dh_t
        return float(np.sum(gru_step(x_t, h_prev, W_x, W_h, b)[0] * dh_t))

    _, gates = gru_step(x_t, h_prev, W_x, W_h, b)
    grads = gru_step_backward(dh_t, x_t, h_prev, gates, W_x, W_h)
    for grad, wrt in zip(grads, (x_t, h_prev, W_x, W_h, b)):
        assert grad.shape == wrt.shape
        assert relative_error(grad, numerical_gradient(loss, wrt)) < 1e-7


def test_gru_backward_is_the_sum_of_its_steps():
    rng = np.random.default_rng(1)
    p = perturbed(GRU, 2, 3, 1, seed=0).params
    X, dHs = rng.normal(size=(2, 4, 2)), rng.normal(size=(2, 4, 3))
    Hs, Gs = gru_forward(X, None, p["W_x"], p["W_h"], p["b"])
    dX, dh0, *weights = gru_backward(dHs, X, None, Hs, Gs, p["W_x"], p["W_h"])
    total, dh = [0.0, 0.0, 0.0], np.zeros((2, 3))
    for t in range(3, -1, -1):
        h_prev = Hs[:, t - 1] if t else np.zeros((2, 3))
        dx, dh, *shares = gru_step_backward(dHs[:, t] + dh, X[:, t], h_prev, Gs[:, t],
                                            p["W_x"], p["W_h"])
        np.testing.assert_allclose(dX[:, t], dx, atol=1e-12)
        total = [a + s for a, s in zip(total, shares)]
    np.testing.assert_allclose(dh0, dh, atol=1e-12)
    for got, want in zip(weights, total):
        np.testing.assert_allclose(got, want, atol=1e-12)


def test_initialisation_is_keras_like_and_seeded():
    a, b = GRU(3, 4, 2, seed=7), GRU(3, 4, 2, seed=7)
    assert {k: v.shape for k, v in a.params.items()} == {
        "W_x": (3, 12), "W_h": (4, 12), "b": (2, 12), "W_oh": (4, 2), "b_o": (2,)}
    for key in a.params:
        np.testing.assert_array_equal(a.params[key], b.params[key])
    np.testing.assert_allclose(a.params["W_h"] @ a.params["W_h"].T, np.eye(4), atol=1e-12)
    assert not a.params["b"].any() and not a.params["b_o"].any()
    assert a.sizes == (3, 4, 2)


def keras_gru(keras, D, H, T):
    layer = keras.layers.GRU(H, return_sequences=True)
    layer.build((None, T, D))
    return layer


def test_keras_gru_computes_what_rnnkit_computes_on_rnnkit_weights(keras):
    rng = np.random.default_rng(0)
    N, T, D, H = 3, 7, 2, 4
    gru = perturbed(GRU, D, H, 1, seed=3)
    X = rng.normal(size=(N, T, D))
    gru.forward(X)
    Hs = gru.hidden_states
    layer = keras_gru(keras, D, H, T)
    layer.set_weights([gru.params["W_x"], gru.params["W_h"], gru.params["b"]])
    got = np.asarray(layer(X.astype(np.float32)))
    assert np.abs(got - Hs).max() < 1e-5


def test_rnnkit_gru_computes_what_keras_computes_on_keras_weights(keras):
    rng = np.random.default_rng(1)
    N, T, D, H = 2, 5, 3, 3
    layer = keras.layers.GRU(H, return_sequences=True, bias_initializer="random_normal")
    layer.build((None, T, D))
    X = rng.normal(size=(N, T, D)).astype(np.float32)
    gru = GRU(D, H, 1)
    W_x, W_h, b = layer.get_weights()
    gru.params.update(W_x=W_x.astype(np.float64), W_h=W_h.astype(np.float64),
                      b=b.astype(np.float64))
    gru.forward(X.astype(np.float64))
    Hs = gru.hidden_states
    assert np.abs(np.asarray(layer(X)) - Hs).max() < 1e-5


def test_bad_inputs_are_named():
    W_x, W_h, b = np.ones((2, 9)), np.ones((3, 9)), np.zeros((2, 9))
    X = np.ones((4, 5, 2))
    with pytest.raises(ValueError, match=r"W_h must have shape \(H, 3H\).*got shape \(3, 6\)"):
        gru_forward(X, None, W_x, np.ones((3, 6)), b)
    with pytest.raises(ValueError, match=r"X must have D = 2 features per time step"):
        gru_forward(np.ones((4, 5, 3)), None, W_x, W_h, b)
    with pytest.raises(ValueError, match=r"b must have shape \(2, 9\) \(row 0 the input bias"):
        gru_forward(X, None, W_x, W_h, np.zeros(9))
    with pytest.raises(ValueError, match=r"W_x must have shape \(any, 9\)"):
        gru_step(np.ones((1, 2)), np.zeros((1, 3)), np.ones((2, 12)), W_h, b)
    with pytest.raises(ValueError, match=r"h_prev must have shape \(1, 3\)"):
        gru_step(np.ones((1, 2)), np.zeros((1, 4)), W_x, W_h, b)
    with pytest.raises(ValueError, match=r"kept must have shape \(1, 12\)"):
        gru_step_backward(np.ones((1, 3)), np.ones((1, 2)), np.ones((1, 3)), (1, 2, 3), W_x, W_h)
    with pytest.raises(ValueError, match=r"Ks must have shape \(4, 5, 12\)"):
        gru_backward(np.ones((4, 5, 3)), X, None, np.ones((4, 5, 3)), np.ones((3, 4, 5, 3)),
                     W_x, W_h)
    with pytest.raises(ValueError, match=r"X must have D = 2 features"):
        GRU(2, 3, 1, seed=0).forward(np.ones((1, 4, 5)))
    with pytest.raises(RuntimeError, match=r"backward\(\) needs a forward"):
        GRU(2, 3, 1, seed=0).backward(np.ones((1, 4, 1)))
    with pytest.raises(RuntimeError, match="gates needs a forward"):
        _ = GRU(2, 3, 1, seed=0).gates


def test_a_gru_trains_on_a_tiny_task():
    # Many-to-many: output the previous step's input, y_t = x_{t-1}; it must remember one step.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(32, 5, 1))
    targets = np.concatenate([np.zeros_like(X[:, :1]), X[:, :-1]], axis=1)
    history = rnnkit.train(GRU(1, 6, 1, seed=0), X, targets, epochs=30, batch_size=8, seed=0,
                           optimizer=rnnkit.Adam(0.03))
    assert not history.diverged
    assert history.loss[-1] < 0.25 * history.loss[0], history.loss
