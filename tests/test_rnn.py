"""The cell and SimpleRNN: hand-computed values, BPTT against numerical gradients, errors."""

import numpy as np
import pytest

import rnnkit
from rnnkit.cells.rnn import SimpleRNN, rnn_backward, rnn_forward, rnn_step, rnn_step_backward
from rnnkit.gradcheck import check_gradients


def test_rnn_step_matches_a_hand_computed_value():
    # One sequence, D = 1, H = 2: h_1 = tanh(x W_xh + h_0 W_hh + b_h) written out by hand.
    x_t, h_prev = np.array([[2.0]]), np.array([[0.5, -1.0]])
    W_xh, W_hh, b_h = (np.array([[0.1, -0.2]]), np.array([[1.0, 0.0], [0.5, 2.0]]),
                       np.array([0.0, 0.3]))
    by_hand = np.tanh([[2 * 0.1 + 0.5 * 1.0 + -1.0 * 0.5 + 0.0,
                        2 * -0.2 + 0.5 * 0.0 + -1.0 * 2.0 + 0.3]])
    np.testing.assert_allclose(rnn_step(x_t, h_prev, W_xh, W_hh, b_h), by_hand)


def test_forward_on_a_tiny_case_computed_by_hand():
    rnn = SimpleRNN(1, 1, 1, seed=0)
    rnn.params.update(W_xh=np.array([[0.5]]), W_hh=np.array([[0.8]]), b_h=np.array([0.1]),
                      W_oh=np.array([[2.0]]), b_o=np.array([-1.0]))
    Y = rnn.forward([[[1.0], [0.0], [-1.0]]])
    Hs = rnn.hidden_states
    h1 = np.tanh(0.5 * 1 + 0.1)
    h2 = np.tanh(0.8 * h1 + 0.1)
    h3 = np.tanh(-0.5 + 0.8 * h2 + 0.1)
    np.testing.assert_allclose(Hs[0, :, 0], [h1, h2, h3])
    np.testing.assert_allclose(Y[0, :, 0], [2 * h1 - 1, 2 * h2 - 1, 2 * h3 - 1])


def test_forward_equals_repeated_rnn_step_and_shapes():
    rng = np.random.default_rng(3)
    rnn = SimpleRNN(3, 5, 2, seed=1)
    X, h0 = rng.normal(size=(4, 6, 3)), rng.normal(size=(4, 5))
    Y = rnn.forward(X, h0)
    Hs = rnn.hidden_states
    assert Y.shape == (4, 6, 2) and Hs.shape == (4, 6, 5)
    h, p = h0, rnn.params
    for t in range(6):
        h = rnn_step(X[:, t], h, p["W_xh"], p["W_hh"], p["b_h"])
        np.testing.assert_allclose(Hs[:, t], h, atol=1e-12)
    np.testing.assert_allclose(Y, Hs @ p["W_oh"] + p["b_o"], atol=1e-12)


def test_h0_can_be_one_state_for_every_sequence():
    rnn = SimpleRNN(2, 3, 1, seed=0)
    X = np.ones((2, 3, 2))
    rnn.forward(X, state=[0.1, 0.2, 0.3])
    a = rnn.hidden_states
    rnn.forward(X, state=np.tile([0.1, 0.2, 0.3], (2, 1)))
    b = rnn.hidden_states
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("N,T,D,H,O", [(1, 1, 1, 1, 1), (3, 4, 2, 5, 3), (2, 7, 3, 4, 2)])
@pytest.mark.parametrize("activation", ["identity", "tanh", "sigmoid", "softmax", "relu"])
def test_bptt_matches_numerical_gradients_every_step(seed, N, T, D, H, O, activation):
    rng = np.random.default_rng(seed)
    rnn = SimpleRNN(D, H, O, output_activation=activation, seed=seed)
    for p in rnn.params.values():
        p += 0.3 * rng.normal(size=p.shape)          # non-zero biases, non-orthogonal W_hh
    X, targets = rng.normal(size=(N, T, D)), rng.normal(size=(N, T, O))
    errors = check_gradients(rnn, X, targets)
    assert set(errors) == {"W_xh", "W_hh", "b_h", "W_oh", "b_o"}
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("seed", [0, 5])
def test_bptt_with_loss_on_the_last_step_only(seed):
    rng = np.random.default_rng(seed)
    model = rnnkit.ManyToOne(2, 4, 3, seed=seed)
    rnn = model.rnn
    X, y = rng.normal(size=(3, 5, 2)), rng.normal(size=(3, 3))
    errors = check_gradients(model, X, y)
    assert max(errors.values()) < 1e-7, errors
    # backward with dY zero everywhere but the last step gives the same gradients
    Y = rnn.forward(X)
    dY = np.zeros_like(Y)
    dY[:, -1] = 2 * (Y[:, -1] - y) / y.size
    grads = rnn.backward(dY)
    out = model.forward(X)
    same = model.backward(2 * (out - y) / y.size)
    for key in grads:
        np.testing.assert_allclose(grads[key], same[key])


def test_backward_returns_input_and_initial_state_gradients():
    rng = np.random.default_rng(0)
    rnn = SimpleRNN(2, 3, 1, seed=0)
    X, h0, dY = rng.normal(size=(2, 4, 2)), rng.normal(size=(2, 3)), rng.normal(size=(2, 4, 1))

    def loss():
        return float(np.sum(rnn.forward(X, h0) * dY))

    loss()
    rnn.backward(dY)
    grad_X, grad_state = rnn.grad_X.copy(), rnn.grad_state.copy()
    assert rnnkit.relative_error(grad_X, rnnkit.numerical_gradient(loss, X)) < 1e-7
    assert rnnkit.relative_error(grad_state, rnnkit.numerical_gradient(loss, h0)) < 1e-7


def test_backward_accepts_extra_hidden_state_gradient():
    rng = np.random.default_rng(1)
    rnn = SimpleRNN(2, 3, 1, seed=0)
    X = rng.normal(size=(2, 4, 2))
    Y = rnn.forward(X)
    Hs = rnn.hidden_states
    dHs = rng.normal(size=Hs.shape)
    grads = rnn.backward(np.zeros_like(Y), dHs=dHs)
    _, _, dW_xh, dW_hh, db_h = rnn_backward(dHs, X, np.zeros((2, 3)), Hs, rnn.params["W_xh"],
                                            rnn.params["W_hh"])
    np.testing.assert_allclose(grads["W_xh"], dW_xh)
    np.testing.assert_allclose(grads["W_hh"], dW_hh)
    np.testing.assert_allclose(grads["b_h"], db_h)


def test_float32_is_kept_and_float64_is_the_default():
    X = np.ones((2, 3, 1), dtype=np.float32)
    rnn32 = SimpleRNN(1, 4, 1, seed=0, dtype=np.float32)
    Y = rnn32.forward(X)
    Hs = rnn32.hidden_states
    assert Y.dtype == np.float32 and Hs.dtype == np.float32
    assert all(g.dtype == np.float32 for g in rnn32.backward(np.ones_like(Y)).values())
    rnn64 = SimpleRNN(1, 4, 1, seed=0)
    assert rnn64.forward(X).dtype == np.float64
    np.testing.assert_allclose(rnn64.forward(X), Y, atol=1e-6)
    with pytest.raises(TypeError, match="dtype"):
        SimpleRNN(1, 4, 1, dtype=np.int32)


def test_initialisation_is_keras_like_and_seeded():
    a, b, c = SimpleRNN(3, 8, 2, seed=7), SimpleRNN(3, 8, 2, seed=7), SimpleRNN(3, 8, 2, seed=8)
    assert set(a.params) == {"W_xh", "W_hh", "b_h", "W_oh", "b_o"}
    assert {k: v.shape for k, v in a.params.items()} == {
        "W_xh": (3, 8), "W_hh": (8, 8), "b_h": (8,), "W_oh": (8, 2), "b_o": (2,)}
    for key in a.params:
        np.testing.assert_array_equal(a.params[key], b.params[key])
    assert not np.allclose(a.params["W_xh"], c.params["W_xh"])
    np.testing.assert_allclose(a.params["W_hh"] @ a.params["W_hh"].T, np.eye(8), atol=1e-12)
    assert np.abs(a.params["W_xh"]).max() <= np.sqrt(6 / 11)
    assert not a.params["b_h"].any() and not a.params["b_o"].any()
    assert repr(a) == ("SimpleRNN(input_size=3, hidden_size=8, output_size=2, "
                       "output_activation='identity')")


def test_lists_are_accepted_as_inputs():
    rnn = SimpleRNN(1, 2, 1, seed=0)
    Y = rnn.forward([[[0.1], [0.2]]])
    assert Y.shape == (1, 2, 1)
    assert rnn_step([[1.0]], [[0.0, 0.0]], [[1.0, 2.0]], np.eye(2), [0.0, 0.0]).shape == (1, 2)


@pytest.mark.parametrize("X, match", [
    (np.ones((4, 3)), r"X must have 3 dimensions .*X\[\.\.\., None\]"),
    (np.ones((4, 3, 2)), r"X must have D = 1 features"),
    (np.ones((0, 3, 1)), r"X is an empty sequence batch"),
    (np.ones((2, 0, 1)), r"X is an empty sequence batch"),
    (np.array([[[1.0], [np.nan]]]), r"X contains NaN or infinity \(first at index \(0, 1, 0\)\)"),
    (np.array([[[1.0], [np.inf]]]), r"X contains NaN"),
    ("abc", r"X must be an array"),
    ([[[1.0], ["a"]]], r"X must contain numbers"),
    ([[[1.0], [2.0, 3.0]]], r"X must be a rectangular array"),
])
def test_forward_rejects_bad_input_clearly(X, match):
    rnn = SimpleRNN(1, 2, 1, seed=0)
    with pytest.raises((ValueError, TypeError), match=match):
        rnn.forward(X)


def test_other_bad_arguments_are_named():
    rnn = SimpleRNN(1, 2, 1, seed=0)
    with pytest.raises(ValueError, match=r"state must have shape \(3, 2\)"):
        rnn.forward(np.ones((3, 4, 1)), state=np.ones((2, 2)))
    with pytest.raises(RuntimeError, match="forward"):
        SimpleRNN(1, 2, 1).backward(np.ones((1, 1, 1)))
    rnn.forward(np.ones((3, 4, 1)))
    with pytest.raises(ValueError, match=r"dY must have shape \(3, 4, 1\)"):
        rnn.backward(np.ones((3, 1)))
    with pytest.raises(ValueError, match="hidden_size must be a whole number >= 1, got 0"):
        SimpleRNN(1, 0, 1)
    with pytest.raises(TypeError, match="input_size must be a whole number"):
        SimpleRNN(1.5, 2, 1)
    with pytest.raises(ValueError, match="output_activation must be one of"):
        SimpleRNN(1, 2, 1, output_activation="softplus")
    with pytest.raises(TypeError, match="seed must be None"):
        SimpleRNN(1, 2, 1, seed="zero")
    with pytest.raises(ValueError, match=r"x_t must have shape \(any, 2\)"):
        rnn_step(np.ones((1, 3)), np.zeros((1, 4)), np.ones((2, 4)), np.eye(4), np.zeros(4))
    with pytest.raises(ValueError, match=r"h_prev must have shape \(1, 4\)"):
        rnn_step(np.ones((1, 2)), np.zeros((1, 3)), np.ones((2, 4)), np.eye(4), np.zeros(4))
    with pytest.raises(ValueError, match=r"b_h must have shape \(4,\)"):
        rnn_step(np.ones((1, 2)), np.zeros((1, 4)), np.ones((2, 4)), np.eye(4), np.zeros(3))


def test_rnn_forward_is_vectorised_over_the_batch():
    """Sequences in one batch do not influence each other."""
    rng = np.random.default_rng(0)
    rnn = SimpleRNN(2, 3, 1, seed=0)
    X = rng.normal(size=(5, 4, 2))
    rnn.forward(X)
    together = rnn.hidden_states
    for i in range(5):
        rnn.forward(X[i:i + 1])
        np.testing.assert_allclose(rnn.hidden_states[0], together[i], atol=1e-12)
    p = rnn.params
    np.testing.assert_allclose(rnn_forward(X, np.zeros((5, 3)), p["W_xh"], p["W_hh"], p["b_h"]),
                               together)


def test_rnn_step_backward_matches_numerical_gradients():
    rng = np.random.default_rng(0)
    N, D, H = 3, 2, 4
    x_t, h_prev, dh_t = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    W_xh, W_hh, b_h = rng.normal(size=(D, H)), rng.normal(size=(H, H)), rng.normal(size=H)

    def loss():                                   # a loss whose gradient at h_t is dh_t
        return float(np.sum(rnn_step(x_t, h_prev, W_xh, W_hh, b_h) * dh_t))

    h_t = rnn_step(x_t, h_prev, W_xh, W_hh, b_h)
    grads = rnn_step_backward(dh_t, x_t, h_prev, h_t, W_xh, W_hh)
    for grad, wrt in zip(grads, (x_t, h_prev, W_xh, W_hh, b_h)):
        assert grad.shape == wrt.shape
        assert rnnkit.relative_error(grad, rnnkit.numerical_gradient(loss, wrt)) < 1e-7


def test_rnn_backward_is_the_sum_of_its_steps():
    """rnn_backward loops over rnn_step_backward; the weight gradients add up over the steps."""
    rng = np.random.default_rng(1)
    rnn = SimpleRNN(2, 3, 1, seed=0)
    p = rnn.params
    X, dHs = rng.normal(size=(2, 4, 2)), rng.normal(size=(2, 4, 3))
    Hs = rnn_forward(X, None, p["W_xh"], p["W_hh"], p["b_h"])
    dX, dh0, dW_xh, dW_hh, db_h = rnn_backward(dHs, X, None, Hs, p["W_xh"], p["W_hh"])
    total, dh = [0.0, 0.0, 0.0], np.zeros((2, 3))
    for t in range(3, -1, -1):
        h_prev = Hs[:, t - 1] if t else np.zeros((2, 3))
        dx, dh, *shares = rnn_step_backward(dHs[:, t] + dh, X[:, t], h_prev, Hs[:, t],
                                            p["W_xh"], p["W_hh"])
        np.testing.assert_allclose(dX[:, t], dx, atol=1e-12)
        total = [a + b for a, b in zip(total, shares)]
    np.testing.assert_allclose(dh0, dh, atol=1e-12)
    for got, want in zip((dW_xh, dW_hh, db_h), total):
        np.testing.assert_allclose(got, want, atol=1e-12)


def test_rnn_forward_names_a_wrong_D_and_takes_lists():
    W_xh, W_hh, b_h = np.ones((2, 3)), np.eye(3), np.zeros(3)
    # Before: NumPy's "matmul: Input operand 1 has a mismatch in its core dimension 0".
    with pytest.raises(ValueError, match=r"X must have D = 2 features per time step"):
        rnn_forward(np.ones((4, 5, 3)), np.zeros((4, 3)), W_xh, W_hh, b_h)
    # Before: AttributeError: 'list' object has no attribute 'shape'.
    Hs = rnn_forward([[[1.0, 0.0], [0.0, 1.0]]], [[0.0, 0.0, 0.0]], W_xh.tolist(), W_hh, b_h)
    assert Hs.shape == (1, 2, 3)
    with pytest.raises(ValueError, match=r"h0 must have shape \(4, 3\)"):
        rnn_forward(np.ones((4, 5, 2)), np.zeros((4, 2)), W_xh, W_hh, b_h)
    with pytest.raises(ValueError, match=r"W_hh must have shape \(3, 3\)"):
        rnn_forward(np.ones((4, 5, 2)), None, W_xh, np.eye(2), b_h)
    with pytest.raises(ValueError, match=r"dHs must have shape \(4, 5, 3\)"):
        rnn_backward(np.ones((4, 5, 2)), np.ones((4, 5, 2)), None, np.ones((4, 5, 3)), W_xh, W_hh)
    with pytest.raises(ValueError, match=r"dh_t must have shape \(1, 3\)"):
        rnn_step_backward(np.ones((1, 2)), np.ones((1, 2)), np.ones((1, 3)), np.ones((1, 3)),
                          W_xh, W_hh)


def test_simple_rnn_hidden_states_need_a_forward():
    rnn = SimpleRNN(1, 2, 1, seed=0)
    with pytest.raises(RuntimeError, match="hidden_states needs a forward"):
        _ = rnn.hidden_states
    rnn.forward(np.ones((3, 4, 1)))
    Hs = rnn.hidden_states
    assert rnn.hidden_states is Hs


def test_a_bare_simple_rnn_trains_and_checks_without_a_wrapper():
    rng = np.random.default_rng(0)
    rnn = SimpleRNN(2, 3, 1, seed=0)
    X, targets = rng.normal(size=(4, 3, 2)), rng.normal(size=(4, 3, 1))
    assert max(check_gradients(rnn, X, targets).values()) < 1e-7
    history = rnnkit.train(rnn, X, targets, epochs=3, batch_size=2, seed=0)
    assert len(history.loss) == 3
