"""Greedy and sampled next tokens, with a temperature and top-k."""

import numpy as np
import pytest

from rnnkit.lm.sampling import next_token, sample


def test_sample_draws_in_proportion_to_p():
    rng = np.random.default_rng(0)
    p = np.array([0.1, 0.6, 0.3])
    draws = sample(np.tile(p, (20000, 1)), rng)
    assert draws.shape == (20000,)
    assert np.allclose(np.bincount(draws, minlength=3) / 20000, p, atol=0.01)
    assert isinstance(sample(p, rng), int)
    assert sample(np.array([0.0, 0.0, 1.0]), rng) == 2
    assert sample(np.array([1.0 - 1e-17, 0.0]), np.random.default_rng(1)) in (0, 1)


def test_temperature_zero_is_greedy_and_ties_go_first():
    assert next_token([0.1, 3.0, 3.0, -1.0], temperature=0) == 1
    assert list(next_token([[0.0, 1.0], [2.0, 1.0]], 0.0)) == [1, 0]


def test_low_temperature_sharpens_high_flattens():
    logits = np.log([0.2, 0.5, 0.3])
    share = {}
    for tau in (0.25, 1.0, 4.0):
        draws = next_token(np.tile(logits, (20000, 1)), tau, rng=0)
        share[tau] = np.mean(draws == 1)
    assert share[0.25] > 0.8 > share[1.0] > share[4.0] > 0.33


def test_top_k_keeps_only_the_k_best():
    draws = next_token(np.tile([0.0, 0.1, 5.0, 4.9, 0.2], (2000, 1)), 10.0, rng=1, top_k=2)
    assert set(np.unique(draws)) == {2, 3}
    assert next_token([1.0, 2.0], 1.0, rng=0, top_k=5) in (0, 1)


def test_the_same_seed_gives_the_same_draws():
    logits = np.random.default_rng(3).normal(size=(50, 10))
    assert np.array_equal(next_token(logits, 1.0, rng=7), next_token(logits, 1.0, rng=7))


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="temperature must be >= 0"):
        next_token([1.0, 2.0], -0.5)
    with pytest.raises(ValueError, match="logits"):
        next_token([[[1.0]]], 1.0)
    with pytest.raises(ValueError, match="top_k"):
        next_token([1.0, 2.0], 1.0, top_k=0)
    with pytest.raises(TypeError, match="rng"):
        next_token([1.0, 2.0], 1.0, rng="seed")
    with pytest.raises(ValueError, match="logits contains NaN"):
        next_token([np.nan, 1.0])
