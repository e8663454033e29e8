"""Gradient flow through time: against brute-force BPTT, exact scaling, and every error."""

import numpy as np
import pytest

import rnnkit
from rnnkit.cells.rnn import SimpleRNN
from rnnkit.gradients import (
    EXPLODED,
    VANISHED,
    fate,
    gradient_norms_through_time,
    lstm_state_gradients,
    scale_to_spectral_radius,
    spectral_radius,
    state_gradients,
    tanh_slopes,
)


def _brute_force(rnn, X, dy):
    """dL/dh_t for every t by SimpleRNN.backward alone, with dY non-zero only at the last step.

    The gradient reaching h_t is the gradient of the loss with respect to the
    starting state of the rest of the sequence: run the network on
    X[:, t+1:] from h_t and read grad_state. At t = T-1 it is dy @ W_oh.T.
    """
    rnn.forward(X)
    Hs = rnn.hidden_states
    N, T, H = Hs.shape
    G = np.empty_like(Hs)
    G[:, T - 1] = dy @ rnn.params["W_oh"].T
    for t in range(T - 1):
        Y_rest = rnn.forward(X[:, t + 1:], state=Hs[:, t])
        dY = np.zeros_like(Y_rest)
        dY[:, -1] = dy
        rnn.backward(dY)
        G[:, t] = rnn.grad_state
    return G


@pytest.mark.parametrize("N,T,D,H,O,seed",
                         [(1, 1, 1, 1, 1, 0), (3, 6, 2, 4, 2, 1), (4, 9, 3, 5, 3, 2)])
def test_state_gradients_match_brute_force_bptt(N, T, D, H, O, seed):
    rng = np.random.default_rng(seed)
    rnn = SimpleRNN(D, H, O, seed=seed)
    rnn.params["b_h"][:] = 0.3 * rng.normal(size=H)
    rnn.params["W_hh"][:] *= 1.3
    X = rng.normal(size=(N, T, D))
    dy = rng.normal(size=(N, O))
    expected = _brute_force(rnn, X, dy)
    G = state_gradients(rnn, X, dh_T=dy @ rnn.params["W_oh"].T)
    assert G.shape == (N, T, H)
    np.testing.assert_allclose(G, expected, rtol=1e-10, atol=1e-12)


def test_state_gradients_match_the_full_backward_pass_at_h0():
    # One more step back from h_1 gives dL/dh_0, which SimpleRNN.backward returns as grad_state.
    rng = np.random.default_rng(5)
    rnn = SimpleRNN(2, 3, 2, seed=5)
    X, dy = rng.normal(size=(3, 5, 2)), rng.normal(size=(3, 2))
    Y = rnn.forward(X)
    Hs = rnn.hidden_states
    dY = np.zeros_like(Y)
    dY[:, -1] = dy
    rnn.backward(dY)
    G = state_gradients(rnn, X, dh_T=dy @ rnn.params["W_oh"].T)
    one_more = (G[:, 0] * (1 - Hs[:, 0] ** 2)) @ rnn.params["W_hh"].T
    np.testing.assert_allclose(one_more, rnn.grad_state, atol=1e-12)


def test_norms_are_the_mean_norm_of_each_sequence_counted_back_from_T():
    rng = np.random.default_rng(0)
    rnn = SimpleRNN(2, 4, 1, seed=0)
    X = rng.normal(size=(5, 7, 2))
    dh_T = rng.normal(size=(5, 4))
    G = state_gradients(rnn, X, dh_T)
    norms = gradient_norms_through_time(rnn, X, dh_T)
    assert norms.shape == (7,)
    for k in range(7):
        assert norms[k] == pytest.approx(np.mean(np.linalg.norm(G[:, 6 - k], axis=1)))
    assert norms[0] == pytest.approx(np.mean(np.linalg.norm(dh_T, axis=1)))


def test_default_dh_T_is_a_unit_vector_shared_by_all_sequences():
    rnn = SimpleRNN(1, 4, 1, seed=0)
    X = np.random.default_rng(1).normal(size=(3, 5, 1))
    G = state_gradients(rnn, X)
    np.testing.assert_allclose(G[:, -1], np.full((3, 4), 0.5))
    np.testing.assert_allclose(gradient_norms_through_time(rnn, X)[0], 1.0)
    np.testing.assert_allclose(state_gradients(rnn, X, dh_T=[0.5] * 4), G)


def test_linear_regime_follows_rho_to_the_power_k():
    # Tiny inputs keep tanh linear (slope ~1); a scaled orthogonal W_hh then shrinks
    # every vector by exactly rho per step, so the norm after k steps is rho**k.
    rnn = SimpleRNN(2, 8, 1, seed=0)
    X = 1e-6 * np.random.default_rng(0).normal(size=(4, 30, 2))
    for rho in (0.5, 0.9):
        params = dict(rnn.params, W_hh=scale_to_spectral_radius(rnn.params["W_hh"], rho))
        norms = gradient_norms_through_time(params, X)
        np.testing.assert_allclose(norms, rho ** np.arange(30), rtol=1e-6)
        np.testing.assert_allclose(tanh_slopes(params, X), 1.0, atol=1e-9)


def test_h0_changes_the_states_and_can_be_shared():
    rnn = SimpleRNN(1, 3, 1, seed=2)
    X = np.zeros((2, 4, 1))
    a = state_gradients(rnn, X, h0=[0.5, -0.5, 0.2])
    b = state_gradients(rnn, X, h0=np.tile([0.5, -0.5, 0.2], (2, 1)))
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, state_gradients(rnn, X))


def test_a_params_dict_gives_the_same_result_as_the_model():
    rnn = SimpleRNN(2, 3, 2, seed=4)
    X = np.random.default_rng(4).normal(size=(2, 6, 2))
    cell = {key: rnn.params[key] for key in ("W_xh", "W_hh", "b_h")}
    np.testing.assert_array_equal(gradient_norms_through_time(rnn, X),
                                  gradient_norms_through_time(cell, X))
    np.testing.assert_array_equal(tanh_slopes(rnn, X), tanh_slopes(cell, X))


def test_tanh_slopes_by_hand():
    rnn = SimpleRNN(1, 2, 1, seed=0)
    X = np.random.default_rng(0).normal(size=(3, 4, 1))
    rnn.forward(X)
    Hs = rnn.hidden_states
    slopes = tanh_slopes(rnn, X)
    assert slopes.shape == (4,)
    np.testing.assert_allclose(slopes, (1 - Hs ** 2).mean(axis=(0, 2)))
    assert np.all((slopes > 0) & (slopes <= 1))


def test_spectral_radius_and_exact_rescaling():
    W = np.array([[0.0, 2.0], [-2.0, 0.0]])                 # eigenvalues +-2i
    assert spectral_radius(W) == pytest.approx(2.0)
    assert spectral_radius([[3.0, 0.0], [0.0, -4.0]]) == pytest.approx(4.0)
    W_hh = np.random.default_rng(0).normal(size=(6, 6))
    for rho in (0.5, 1.0, 1.1, 3.0):
        scaled = scale_to_spectral_radius(W_hh, rho)
        assert spectral_radius(scaled) == pytest.approx(rho, rel=1e-12)
        # one common factor: eigenvectors unchanged
        ratio = scaled / W_hh
        np.testing.assert_allclose(ratio, ratio[0, 0])
    # not modified
    np.testing.assert_array_equal(W_hh, np.random.default_rng(0).normal(size=(6, 6)))


def test_rescaling_keeps_float32():
    W = np.eye(3, dtype=np.float32) * 2
    scaled = scale_to_spectral_radius(W, 0.5)
    assert scaled.dtype == np.float32
    np.testing.assert_allclose(scaled, np.eye(3) * 0.5)


@pytest.mark.parametrize("W_hh, error, match", [
    (np.zeros((3, 3)), ValueError, "spectral radius 0"),
    (np.ones((2, 3)), ValueError, "W_hh must be square"),
    (np.ones(3), ValueError, "W_hh must have 2 dimensions"),
    ("W", TypeError, "W_hh"),
    ([[1.0, np.nan], [0.0, 1.0]], ValueError, "W_hh contains NaN"),
])
def test_bad_W_hh_raises(W_hh, error, match):
    with pytest.raises(error, match=match):
        scale_to_spectral_radius(W_hh, 1.0)


@pytest.mark.parametrize("rho, error", [(0, ValueError), (-1.0, ValueError), (np.inf, ValueError),
                                        ("1", TypeError), (None, TypeError)])
def test_bad_rho_raises(rho, error):
    with pytest.raises(error, match="rho"):
        scale_to_spectral_radius(np.eye(2), rho)


def test_bad_rnn_raises():
    X = np.zeros((1, 3, 2))
    with pytest.raises(TypeError, match="rnn must be an rnnkit.SimpleRNN or a dict"):
        gradient_norms_through_time([np.eye(2)], X)
    with pytest.raises(ValueError, match=r"the dict has no \['b_h'\]"):
        gradient_norms_through_time({"W_xh": np.ones((2, 2)), "W_hh": np.eye(2)}, X)
    with pytest.raises(ValueError, match="W_hh must have shape"):
        gradient_norms_through_time(
            {"W_xh": np.ones((2, 3)), "W_hh": np.eye(2), "b_h": np.zeros(3)}, X)
    with pytest.raises(ValueError, match="b_h must have shape"):
        gradient_norms_through_time(
            {"W_xh": np.ones((2, 3)), "W_hh": np.eye(3), "b_h": np.zeros(2)}, X)


@pytest.mark.parametrize("X, error, match", [
    (np.zeros((2, 3)), ValueError, "X must have 3 dimensions"),
    (np.zeros((2, 3, 4)), ValueError, "X must have D = 2"),
    (np.zeros((0, 3, 2)), ValueError, "X is an empty sequence batch"),
    (np.zeros((2, 0, 2)), ValueError, "X is an empty sequence batch"),
    ("abc", TypeError, "X"),
    (np.full((1, 2, 2), np.nan), ValueError, "X contains NaN"),
])
def test_bad_X_raises(X, error, match):
    rnn = SimpleRNN(2, 3, 1, seed=0)
    with pytest.raises(error, match=match):
        gradient_norms_through_time(rnn, X)
    with pytest.raises(error, match=match):
        tanh_slopes(rnn, X)


@pytest.mark.parametrize("kwargs, match", [
    ({"dh_T": np.ones((3, 3))}, r"dh_T must have shape \(2, 3\)"),
    ({"dh_T": np.ones(4)}, r"dh_T must have shape \(2, 3\)"),
    ({"dh_T": np.ones((2, 3, 1))}, "dh_T must have 1 or 2 dimensions"),
    ({"dh_T": [np.inf, 0, 0]}, "dh_T contains NaN or infinity"),
    ({"h0": np.ones((1, 3))}, r"h0 must have shape \(2, 3\)"),
    ({"h0": np.ones(2)}, r"h0 must have shape \(2, 3\)"),
])
def test_bad_dh_T_and_h0_raise(kwargs, match):
    rnn = SimpleRNN(2, 3, 1, seed=0)
    with pytest.raises(ValueError, match=match):
        state_gradients(rnn, np.zeros((2, 4, 2)), **kwargs)


def _lstm_reading_h(seed, D=2, H=3):
    """An LSTM whose output y_t is h_t itself, so that dL/dy_T is dL/dh_T."""
    lstm = rnnkit.LSTM(D, H, H, seed=seed)
    lstm.params["b"] += 0.3 * np.random.default_rng(seed).normal(size=4 * H)
    lstm.params["W_oh"], lstm.params["b_o"] = np.eye(H), np.zeros(H)
    return lstm


@pytest.mark.parametrize("seed", [0, 1])
def test_lstm_state_gradients_match_backward_from_each_step(seed):
    rng = np.random.default_rng(seed)
    lstm = _lstm_reading_h(seed)
    X, dh_T = rng.normal(size=(2, 7, 2)), rng.normal(size=(2, 3))
    G_h, G_c = lstm_state_gradients(lstm, X, dh_T)
    lstm.forward(X)
    Hs = lstm.hidden_states
    Cs, lstm_gates_o = lstm.cell_states, lstm.gates["o"]
    for t in (1, 3, 6):              # run from step t+1 on, starting at h_t and c_t
        Y = lstm.forward(X[:, t:], state=(Hs[:, t - 1], Cs[:, t - 1]))
        dY = np.zeros_like(Y)
        dY[:, -1] = dh_T
        lstm.backward(dY)
        np.testing.assert_allclose(G_h[:, t - 1], lstm.grad_state[0], atol=1e-12)
        # c_t reaches the loss from c_{t+1} (grad_c0) and through h_t = o_t * tanh(c_t)
        o_t, tanh_c = lstm_gates_o[:, t - 1], np.tanh(Cs[:, t - 1])
        dh, dc = lstm.grad_state
        dh, dc = lstm.grad_state
        np.testing.assert_allclose(G_c[:, t - 1], dc + dh * o_t * (1 - tanh_c ** 2), atol=1e-12)
    np.testing.assert_array_equal(state_gradients(lstm, X, dh_T), G_h)


def test_an_open_forget_gate_carries_the_gradient_along_the_cell_state():
    X = np.random.default_rng(0).normal(size=(8, 40, 2))
    lstm, rnn = rnnkit.LSTM(2, 4, 1, seed=0), rnnkit.SimpleRNN(2, 4, 1, seed=0)
    along_c = {}
    for bias in (1.0, 4.0):
        lstm.params["b"][4:8] = bias               # the forget gate's block
        norms = gradient_norms_through_time(lstm, X, along="c")
        along_c[bias] = norms[39] / norms[0]
    simple = gradient_norms_through_time(rnn, X)
    assert along_c[4.0] > 0.1 > 10 * along_c[1.0]
    assert along_c[1.0] > 1e3 * simple[39] / simple[0]
    with pytest.raises(ValueError, match="along='c'"):
        gradient_norms_through_time(rnn, X, along="c")
    with pytest.raises(ValueError, match="along"):
        gradient_norms_through_time(lstm, X, along="x")
    with pytest.raises(TypeError, match="rnnkit.LSTM"):
        lstm_state_gradients(rnn, X)


def test_fate_names_what_happened_at_the_thresholds():
    assert [fate(r) for r in (0.0, 0.0099, VANISHED, 1.0, EXPLODED, 100.5, 1e300)] == \
        ["vanishing", "vanishing", "roughly kept", "roughly kept", "roughly kept",
         "exploding", "exploding"]
    assert fate(np.float64(2e-6)) == "vanishing"


@pytest.mark.parametrize("ratio, error", [(-0.5, ValueError), (float("nan"), ValueError),
                                          (float("inf"), ValueError), ("small", TypeError),
                                          (None, TypeError), (np.ones(2), TypeError)])
def test_fate_rejects_a_bad_ratio(ratio, error):
    with pytest.raises(error, match="ratio"):
        fate(ratio)
