"""The minGRU cell and network: a hand-computed step, the parallel pass against the step looped,
BPTT against numerical gradients, layers and an embedding, errors, training."""

import numpy as np
import pytest
from cell_helpers import perturbed, sigmoid

import rnnkit
from rnnkit.cells.mingru import (
    MinGRU,
    mingru_backward,
    mingru_forward,
    mingru_step,
    mingru_step_backward,
)
from rnnkit.gradcheck import check_gradients, numerical_gradient, relative_error


def cell(seed, D, H):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(D, 2 * H)), rng.normal(size=2 * H)


def test_mingru_step_matches_a_hand_computed_value():
    # D = 1, H = 1: the paper's three lines, written out.
    W_x, b = np.array([[0.5, -2.0]]), np.array([0.1, 0.3])
    x, h_prev = 2.0, 0.7
    z = sigmoid(2.0 * 0.5 + 0.1)
    h_tilde = 2.0 * -2.0 + 0.3
    h, kept = mingru_step([[x]], [[h_prev]], W_x, b)
    np.testing.assert_allclose(h, [[(1 - z) * h_prev + z * h_tilde]])
    np.testing.assert_allclose(np.ravel(kept), [z, h_tilde])


@pytest.mark.parametrize("parallel", [True, False])
@pytest.mark.parametrize("T", [1, 2, 9, 40])
def test_forward_equals_the_step_looped(T, parallel):
    rng = np.random.default_rng(T)
    W_x, b = cell(T, 3, 4)
    X, h0 = rng.normal(size=(5, T, 3)), rng.normal(size=(5, 4))
    Hs, Ks = mingru_forward(X, h0, W_x, b, parallel=parallel)
    assert Hs.shape == (5, T, 4) and Ks.shape == (5, T, 8)
    h = h0
    for t in range(T):
        h, kept = mingru_step(X[:, t], h, W_x, b)
        np.testing.assert_allclose(Hs[:, t], h, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(Ks[:, t], kept, atol=1e-15)


def test_mingru_step_backward_matches_numerical_gradients():
    rng = np.random.default_rng(0)
    N, D, H = 3, 2, 4
    x_t, h_prev, dh_t = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    W_x, b = cell(1, D, H)

    def loss():                                   # a loss whose gradient at h_t is dh_t
        return float(np.sum(mingru_step(x_t, h_prev, W_x, b)[0] * dh_t))

    _, kept = mingru_step(x_t, h_prev, W_x, b)
    grads = mingru_step_backward(dh_t, x_t, h_prev, kept, W_x)
    for grad, wrt in zip(grads, (x_t, h_prev, W_x, b)):
        assert grad.shape == wrt.shape
        assert relative_error(grad, numerical_gradient(loss, wrt)) < 1e-7


@pytest.mark.parametrize("parallel", [True, False])
def test_mingru_backward_is_the_sum_of_its_steps(parallel):
    rng = np.random.default_rng(1)
    W_x, b = cell(2, 2, 3)
    X, h0, dHs = rng.normal(size=(2, 6, 2)), rng.normal(size=(2, 3)), rng.normal(size=(2, 6, 3))
    Hs, Ks = mingru_forward(X, h0, W_x, b)
    dX, dh0, dW_x, db = mingru_backward(dHs, X, h0, Hs, Ks, W_x, parallel=parallel)
    total, dh = [0.0, 0.0], np.zeros((2, 3))
    for t in range(5, -1, -1):
        h_prev = Hs[:, t - 1] if t else h0
        dx, dh, *shares = mingru_step_backward(dHs[:, t] + dh, X[:, t], h_prev, Ks[:, t], W_x)
        np.testing.assert_allclose(dX[:, t], dx, atol=1e-12)
        total = [a + s for a, s in zip(total, shares)]
    np.testing.assert_allclose(dh0, dh, atol=1e-12)
    np.testing.assert_allclose(dW_x, total[0], atol=1e-12)
    np.testing.assert_allclose(db, total[1], atol=1e-12)


@pytest.mark.parametrize("N,T,D,H,O", [(1, 1, 1, 1, 1), (3, 4, 2, 5, 3), (2, 9, 3, 4, 2)])
@pytest.mark.parametrize("seed", [0, 1])
def test_bptt_matches_numerical_gradients_every_step(seed, N, T, D, H, O):
    rng = np.random.default_rng(seed)
    net = perturbed(MinGRU, D, H, O, seed)
    X, targets = rng.normal(size=(N, T, D)), rng.normal(size=(N, T, O))
    errors = check_gradients(net, X, targets)
    assert set(errors) == {"W_x", "b", "W_oh", "b_o"}
    assert max(errors.values()) < 1e-7, errors


def test_input_and_starting_state_gradients_with_the_loss_on_the_last_step():
    rng = np.random.default_rng(3)
    net = perturbed(MinGRU, 2, 3, 2, seed=4)
    X, h0, w = rng.normal(size=(2, 7, 2)), rng.normal(size=(2, 3)), rng.normal(size=(2, 2))

    def loss():
        return float(np.sum(w * net.forward(X, h0)[:, -1]))

    Y = net.forward(X, h0)
    dY = np.zeros_like(Y)
    dY[:, -1] = w
    grads = net.backward(dY)
    for key, value in net.params.items():
        assert relative_error(grads[key], numerical_gradient(loss, value)) < 1e-7, key
    assert relative_error(net.grad_X, numerical_gradient(loss, X)) < 1e-7
    assert relative_error(net.grad_state, numerical_gradient(loss, h0)) < 1e-7


def test_stacked_layers_an_embedding_and_dropout_come_from_the_network():
    rng = np.random.default_rng(5)
    net = MinGRU(7, 4, 7, seed=1, layers=2, embedding_size=3)
    for p in net.params.values():
        p += 0.3 * rng.normal(size=p.shape)
    assert list(net.params) == ["W_e", "W_x", "b", "W_x_2", "b_2", "W_oh", "b_o"]
    tokens, targets = rng.integers(0, 7, size=(3, 6)), rng.normal(size=(3, 6, 7))
    errors = check_gradients(net, tokens, targets)
    assert max(errors.values()) < 1e-6, errors
    whole = net.forward(tokens)
    first = net.forward(tokens[:, :4])
    second = net.forward(tokens[:, 4:], state=net.final_state)      # the state carried
    np.testing.assert_allclose(np.concatenate([first, second], axis=1), whole, atol=1e-12)
    dropped = MinGRU(3, 8, 2, seed=0, dropout=0.5)
    X = rng.normal(size=(2, 5, 3))
    assert not np.allclose(dropped.forward(X, training=True), dropped.forward(X))


def test_initialisation_and_gates():
    a, b = MinGRU(3, 4, 2, seed=7), MinGRU(3, 4, 2, seed=7)
    assert {k: v.shape for k, v in a.params.items()} == {
        "W_x": (3, 8), "b": (8,), "W_oh": (4, 2), "b_o": (2,)}
    for key in a.params:
        np.testing.assert_array_equal(a.params[key], b.params[key])
    assert not a.params["b"].any()
    a.forward(np.ones((2, 5, 3)))
    assert set(a.gates) == {"z", "h_tilde"} and a.gates["z"].shape == (2, 5, 4)
    np.testing.assert_allclose(a.gates["h_tilde"], np.ones((2, 5, 3)) @ a.params["W_x"][:, 4:])
    assert rnnkit.cells.NETWORKS["MinGRU"] is MinGRU
    assert repr(MinGRU(3, 4, 2, layers=2)) == ("MinGRU(input_size=3, hidden_size=4, "
                                               "output_size=2, output_activation='identity', "
                                               "layers=2)")


def test_bad_inputs_are_named():
    W_x, b, X = np.ones((2, 6)), np.zeros(6), np.ones((4, 5, 2))
    with pytest.raises(ValueError, match=r"W_x must have shape \(D, 2H\).*5 columns are odd"):
        mingru_forward(X, None, np.ones((2, 5)), b)
    with pytest.raises(ValueError, match=r"b must have shape \(6,\) \(the biases of z and h"):
        mingru_forward(X, None, W_x, np.zeros((2, 6)))
    with pytest.raises(ValueError, match=r"X must have D = 2 features per time step"):
        mingru_forward(np.ones((4, 5, 3)), None, W_x, b)
    with pytest.raises(ValueError, match=r"h0 must have shape \(4, 3\)"):
        mingru_forward(X, np.ones((4, 2)), W_x, b)
    with pytest.raises(ValueError, match=r"x_t must have shape \(any, 2\)"):
        mingru_step(np.ones((1, 3)), np.zeros((1, 3)), W_x, b)
    with pytest.raises(ValueError, match=r"h_prev must have shape \(1, 3\)"):
        mingru_step(np.ones((1, 2)), np.zeros((1, 4)), W_x, b)
    with pytest.raises(ValueError, match=r"kept must have shape \(1, 6\)"):
        mingru_step_backward(np.ones((1, 3)), np.ones((1, 2)), np.ones((1, 3)), np.ones((1, 4)),
                             W_x)
    with pytest.raises(ValueError, match=r"dh_t must have shape \(1, 3\)"):
        mingru_step_backward(np.ones((1, 2)), np.ones((1, 2)), np.ones((1, 3)), np.ones((1, 6)),
                             W_x)
    with pytest.raises(ValueError, match=r"Ks must have shape \(4, 5, 6\)"):
        mingru_backward(np.ones((4, 5, 3)), X, None, np.ones((4, 5, 3)), np.ones((4, 5, 3)), W_x)
    with pytest.raises(ValueError, match=r"dHs must have shape \(4, 5, 3\)"):
        mingru_backward(np.ones((4, 5, 2)), X, None, np.ones((4, 5, 3)), np.ones((4, 5, 6)), W_x)
    with pytest.raises(RuntimeError, match=r"backward\(\) needs a forward"):
        MinGRU(2, 3, 1, seed=0).backward(np.ones((1, 4, 1)))
    with pytest.raises(RuntimeError, match="gates needs a forward"):
        _ = MinGRU(2, 3, 1, seed=0).gates


def test_a_mingru_trains_on_a_tiny_task():
    # Many-to-many: output the previous step's input, y_t = x_{t-1}; it must remember one step.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(32, 5, 1))
    targets = np.concatenate([np.zeros_like(X[:, :1]), X[:, :-1]], axis=1)
    history = rnnkit.train(MinGRU(1, 6, 1, seed=0), X, targets, epochs=30, batch_size=8, seed=0,
                           optimizer=rnnkit.Adam(0.03))
    assert not history.diverged
    assert history.loss[-1] < 0.25 * history.loss[0], history.loss


def test_a_mingru_language_model_saves_and_loads(tmp_path):
    from rnnkit import lm
    vocab = lm.Vocabulary.of_characters("abcab")
    net = MinGRU(len(vocab), 4, len(vocab), seed=0, layers=2)
    path = lm.save_checkpoint(tmp_path / "m.npz", net, vocab, dtype=np.float32)
    loaded, _, _ = lm.load_checkpoint(path, dtype=np.float64)
    assert type(loaded) is MinGRU and loaded.layers == 2
    for key, value in net.params.items():
        np.testing.assert_allclose(loaded.params[key], value, rtol=1e-6, atol=1e-7)
