"""Keras' starting weights: Glorot-uniform kernels and an orthogonal recurrent kernel."""

import numpy as np

from rnnkit.initializers import glorot_uniform, orthogonal


def test_glorot_uniform_stays_within_its_limit_and_is_seeded():
    W = glorot_uniform(np.random.default_rng(0), 30, 20)
    limit = np.sqrt(6 / 50)
    assert W.shape == (30, 20) and W.dtype == np.float64
    assert np.abs(W).max() <= limit and np.abs(W).max() > 0.9 * limit
    np.testing.assert_array_equal(W, glorot_uniform(np.random.default_rng(0), 30, 20))
    assert glorot_uniform(np.random.default_rng(0), 3, 2, np.float32).dtype == np.float32


def test_orthogonal_is_orthogonal():
    Q = orthogonal(np.random.default_rng(1), 16)
    np.testing.assert_allclose(Q.T @ Q, np.eye(16), atol=1e-12)
    assert orthogonal(np.random.default_rng(1), 4, np.float32).dtype == np.float32


def test_orthogonal_rectangular_has_orthonormal_rows_as_keras():
    # The LSTM's recurrent kernel (H, 4H): its H rows are orthonormal.
    W = orthogonal(np.random.default_rng(0), (3, 12))
    assert W.shape == (3, 12)
    np.testing.assert_allclose(W @ W.T, np.eye(3), atol=1e-12)
    tall = orthogonal(np.random.default_rng(0), (12, 3))
    np.testing.assert_allclose(tall.T @ tall, np.eye(3), atol=1e-12)


def test_every_models_weights_start_laid_out_row_by_row():
    # A recurrent kernel is multiplied at every step; a column-major one (Q.T, as the LSTM's
    # and the GRU's (H, kH) kernels came out of QR) made each of those products a third slower.
    import rnnkit
    from rnnkit.cells import GRU_CELL, LSTM_CELL, Bidirectional
    models = [network(5, 4, 3, seed=0) for network in rnnkit.cells.NETWORKS.values()]
    models += [rnnkit.ManyToOne(5, 4, 3, seed=0, cell=rnnkit.LSTM),
               rnnkit.OneToMany(5, 4, 3, steps=2, seed=0, cell=rnnkit.GRU),
               rnnkit.EncoderDecoder(5, 4, 3, steps=2, seed=0),
               Bidirectional(LSTM_CELL, 5, 4, seed=0),
               rnnkit.Seq2Seq(6, 7, 3, 4, cell=GRU_CELL, seed=0),
               rnnkit.MLP([5, 4, 3], seed=0)]
    for model in models:
        for name, weight in model.params.items():
            assert weight.flags["C_CONTIGUOUS"], f"{type(model).__name__}.params[{name!r}]"
