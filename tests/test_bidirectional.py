"""rnnkit.cells.bidirectional: each direction is its cell, the pair is Keras' Bidirectional
weight for weight, and BPTT through both matches finite differences, for every cell."""

import numpy as np
import pytest

import rnnkit
from rnnkit.cells import GRU_CELL, LSTM_CELL, RNN_CELL
from rnnkit.cells.bidirectional import Bidirectional
from rnnkit.gradcheck import check_gradients, numerical_gradient, relative_error

CELLS = {"SimpleRNN": RNN_CELL, "GRU": GRU_CELL, "LSTM": LSTM_CELL}


@pytest.fixture(scope="module")
def keras():
    pytest.importorskip("keras")
    from rnnkit.keras_bridge import import_keras
    return import_keras()


def perturbed(cell, D, H, seed):
    """A Bidirectional whose weights are all non-trivial (no zero bias)."""
    layer = Bidirectional(cell, D, H, seed=seed)
    rng = np.random.default_rng(seed + 100)
    for p in layer.params.values():
        p += 0.3 * rng.normal(size=p.shape)
    return layer


def test_params_are_two_copies_of_the_cell_in_keras_order():
    layer = Bidirectional(GRU_CELL, 3, 4, seed=0)
    assert list(layer.params) == ["fwd_W_x", "fwd_W_h", "fwd_b", "bwd_W_x", "bwd_W_h", "bwd_b"]
    assert layer.params["bwd_W_h"].shape == (4, 12)
    assert not np.allclose(layer.params["fwd_W_x"], layer.params["bwd_W_x"])
    again = Bidirectional(GRU_CELL, 3, 4, seed=0)
    assert all(np.array_equal(layer.params[k], again.params[k]) for k in layer.params)
    assert repr(layer) == "Bidirectional(GRU, input_size=3, hidden_size=4)"


@pytest.mark.parametrize("name", CELLS)
def test_each_direction_is_the_cell_run_one_way(name):
    rng = np.random.default_rng(0)
    layer = perturbed(CELLS[name], 2, 3, seed=1)
    X = rng.normal(size=(4, 5, 2))
    Hs = layer.forward(X)
    assert Hs.shape == (4, 5, 6)
    forward = rnnkit.cells.NETWORKS[name](2, 3, 1)
    forward.params.update(layer.direction_params("fwd"))
    forward.forward(X)
    np.testing.assert_allclose(Hs[:, :, :3], forward.hidden_states, atol=1e-14)
    forward.params.update(layer.direction_params("bwd"))
    forward.forward(X[:, ::-1])                                   # read from x_T to x_1
    np.testing.assert_allclose(Hs[:, :, 3:], forward.hidden_states[:, ::-1], atol=1e-14)
    final_f, final_b = layer.final_state
    h_f = final_f if name != "LSTM" else final_f[0]
    h_b = final_b if name != "LSTM" else final_b[0]
    np.testing.assert_array_equal(h_f, Hs[:, -1, :3])            # after x_T
    np.testing.assert_array_equal(h_b, Hs[:, 0, 3:])             # after x_1


@pytest.mark.parametrize("name", CELLS)
def test_keras_bidirectional_computes_the_same_on_the_same_weights(keras, name):
    rng = np.random.default_rng(2)
    layer = perturbed(CELLS[name], 3, 4, seed=2)
    X = rng.normal(size=(5, 7, 3))
    keras_layer = keras.layers.Bidirectional(getattr(keras.layers, name)(4, return_sequences=True))
    keras_layer.build((None, 7, 3))
    keras_layer.set_weights(list(layer.params.values()))        # the same order
    difference = np.abs(keras_layer(X.astype("float32")).numpy() - layer.forward(X)).max()
    assert difference < 1e-5                                     # float32 rounding


@pytest.mark.parametrize("name", CELLS)
@pytest.mark.parametrize("N,T,D,H", [(1, 1, 1, 1), (3, 4, 2, 3)])
def test_bptt_through_both_directions_matches_finite_differences(name, N, T, D, H):
    rng = np.random.default_rng(3)
    layer = perturbed(CELLS[name], D, H, seed=3)
    X, targets = rng.normal(size=(N, T, D)), rng.normal(size=(N, T, 2 * H))
    errors = check_gradients(layer, X, targets)
    assert set(errors) == set(layer.params) and max(errors.values()) < 1e-6, errors
    _, dHs = rnnkit.mse(layer.forward(X), targets)
    layer.backward(dHs)
    numeric = numerical_gradient(lambda: rnnkit.mse(layer.forward(X), targets)[0], X)
    assert relative_error(layer.grad_X, numeric) < 1e-6


def test_trains_with_rnnkit_train():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(64, 6, 1))
    targets = np.concatenate([np.cumsum(X, 1), np.cumsum(X[:, ::-1], 1)[:, ::-1]], axis=2) / 3
    layer = Bidirectional(RNN_CELL, 1, 1, seed=4)                # sums from the left, the right
    history = rnnkit.train(layer, X, targets, epochs=30, optimizer=rnnkit.Adam(0.03), seed=4)
    assert history.loss[-1] < 0.5 * history.loss[0]


def test_errors_name_the_argument():
    with pytest.raises(TypeError, match="cell must be a Cell such as rnnkit.cells.GRU_CELL"):
        Bidirectional(rnnkit.GRU, 2, 3)
    with pytest.raises(ValueError, match="hidden_size"):
        Bidirectional(RNN_CELL, 2, 0)
    layer = Bidirectional(RNN_CELL, 2, 3)
    with pytest.raises(RuntimeError, match="needs a forward"):
        layer.backward(np.zeros((1, 1, 6)))
    with pytest.raises(RuntimeError, match="hidden_states needs a forward"):
        _ = layer.hidden_states
    with pytest.raises(ValueError, match="X is an empty sequence batch"):
        layer.forward(np.zeros((2, 0, 2)))
    with pytest.raises(ValueError, match=r"X must have D = 2 features"):
        layer.forward(np.zeros((2, 3, 5)))
    layer.forward(np.zeros((2, 3, 2)))
    with pytest.raises(ValueError, match=r"dHs must have shape \(2, 3, 6\)"):
        layer.backward(np.zeros((2, 3, 3)))
