import numpy as np
import pytest

from rnnkit.data import (
    article_generate_sequence,
    memory_task,
    noisy_sine,
    random_walk,
    random_walk_noise_floor,
    train_test_split,
)

GENERATORS = [random_walk, noisy_sine]


@pytest.mark.parametrize("generate", GENERATORS)
def test_shapes(generate):
    X, y = generate(7, 5, seed=0)
    assert X.shape == (7, 4, 1) and y.shape == (7,)
    X, y = generate(3, 2, seed=0)              # the shortest: one input step, one target
    assert X.shape == (3, 1, 1) and y.shape == (3,)


@pytest.mark.parametrize("generate", GENERATORS)
def test_same_seed_same_data_different_seed_different_data(generate):
    X1, y1 = generate(20, 6, seed=1)
    X2, y2 = generate(20, 6, seed=1)
    X3, y3 = generate(20, 6, seed=2)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.allclose(X1, X3) and not np.allclose(y1, y3)


def test_random_walk_is_a_walk_with_the_documented_noise_floor():
    noise = 0.1
    X, y = random_walk(20_000, 6, noise=noise, seed=0)
    starts = X[:, 0, 0]
    assert -1 <= starts.min() and starts.max() <= 1 and abs(starts.mean()) < 0.03
    steps = np.diff(X[:, :, 0], axis=1)
    assert steps.std() == pytest.approx(noise, rel=0.02)
    assert abs(steps.mean()) < 0.005
    residual = y - X[:, -1, 0]                 # one more step plus the target noise
    assert residual.var() == pytest.approx(2 * noise**2, rel=0.05)
    assert np.mean(residual**2) == pytest.approx(random_walk_noise_floor(noise), rel=0.05)


def test_zero_noise_walk_is_constant():
    X, y = random_walk(4, 5, noise=0, seed=3)
    assert np.array_equal(X[:, :, 0], np.repeat(X[:, :1, 0], 4, axis=1))
    assert np.array_equal(y, X[:, 0, 0])


def test_noise_floor():
    assert random_walk_noise_floor(0.1) == pytest.approx(0.02)
    with pytest.raises(ValueError, match="noise"):
        random_walk_noise_floor(-1)


def test_noisy_sine_without_noise_is_a_sine():
    X, y = noisy_sine(500, 40, noise=0, seed=0)
    full = np.concatenate([X[:, :, 0], y[:, None]], axis=1)
    assert np.abs(full).max() <= 1
    # a sampled sine obeys s_{k+1} + s_{k-1} = 2 cos(w) s_k with the same w along a sequence
    ratio = (full[:, 2:] + full[:, :-2]) / (2 * full[:, 1:-1])
    ok = np.abs(full[:, 1:-1]) > 0.1
    spread = np.array([r[m].std() for r, m in zip(ratio, ok)])
    assert spread.max() < 1e-8
    X, y = noisy_sine(2000, 3, noise=0.2, seed=0)
    X0, y0 = noisy_sine(2000, 3, noise=0, seed=0)
    assert (X - X0).std() == pytest.approx(0.2, rel=0.05)


@pytest.mark.parametrize("generate", GENERATORS)
@pytest.mark.parametrize("kwargs, error, name", [
    (dict(num_samples=0, sequence_length=4), ValueError, "num_samples"),
    (dict(num_samples=2.5, sequence_length=4), TypeError, "num_samples"),
    (dict(num_samples=3, sequence_length=1), ValueError,
     "sequence_length.*one input step and one target"),
    (dict(num_samples=3, sequence_length="4"), TypeError, "sequence_length"),
    (dict(num_samples=3, sequence_length=4, noise=-0.1), ValueError, "noise"),
    (dict(num_samples=3, sequence_length=4, seed=-1), TypeError, "seed"),
])
def test_generator_validation(generate, kwargs, error, name):
    with pytest.raises(error, match=name):
        generate(**kwargs)


def test_memory_task_holds_one_item_at_step_1_and_noise_everywhere():
    X, labels = memory_task(4000, 30, noise=3.0, seed=0)
    assert X.shape == (4000, 30, 2) and labels.shape == (4000,)
    assert set(np.unique(X[:, 0, 0])) == {-1.0, 1.0} and not X[:, 1:, 0].any()
    np.testing.assert_array_equal(labels, (X[:, 0, 0] > 0).astype(int))
    assert abs(labels.mean() - 0.5) < 0.03
    assert X[:, :, 1].std() == pytest.approx(3.0, rel=0.02)
    again, _ = memory_task(4000, 30, noise=3.0, seed=0)
    np.testing.assert_array_equal(X, again)


def test_memory_task_draws_as_notebook_08_drew_it():
    # The item first, then the noise, from the Generator passed in: 08's runs stay the same.
    rng, copy = np.random.default_rng(5), np.random.default_rng(5)
    X, _ = memory_task(6, 4, noise=2.0, seed=rng)
    item = copy.choice([-1.0, 1.0], size=6)
    np.testing.assert_array_equal(X[:, 0, 0], item)
    np.testing.assert_array_equal(X[:, :, 1], 2.0 * copy.normal(size=(6, 4)))


@pytest.mark.parametrize("kwargs, error, name", [
    (dict(num_samples=0, distance=3), ValueError, "num_samples"),
    (dict(num_samples=2, distance=0), ValueError, "distance"),
    (dict(num_samples=2, distance=2.5), TypeError, "distance"),
    (dict(num_samples=2, distance=3, noise=-1.0), ValueError, "noise"),
])
def test_memory_task_validation(kwargs, error, name):
    with pytest.raises(error, match=name):
        memory_task(**kwargs)


def test_train_test_split_partitions_and_shuffles():
    X, y = np.arange(20.0).reshape(10, 2, 1), np.arange(10)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.3, seed=0)
    assert X_train.shape == (7, 2, 1) and X_test.shape == (3, 2, 1)
    assert y_train.dtype == y.dtype                        # labels stay integers
    assert np.array_equal(X_train[:, 0, 0], 2 * y_train)   # rows stay with their targets
    assert np.array_equal(X_test[:, 0, 0], 2 * y_test)
    assert sorted(np.concatenate([y_train, y_test])) == list(range(10))
    again = train_test_split(X, y, test_fraction=0.3, seed=0)
    assert np.array_equal(again[3], y_test)
    other = [train_test_split(X, y, test_fraction=0.3, seed=s)[3] for s in range(1, 6)]
    assert any(not np.array_equal(o, y_test) for o in other)


@pytest.mark.parametrize("args, error, name", [
    ((np.zeros((5, 2)), np.zeros(4)), ValueError, "X and y.*X with 5.*y with 4"),
    (("abc", np.zeros(4)), TypeError, "X"),
    ((np.zeros((4, 2)), [1, np.nan, 2, 3]), ValueError, "y"),
    ((np.zeros((4, 2)), np.zeros(4), 0.0), ValueError, "test_fraction"),
    ((np.zeros((4, 2)), np.zeros(4), 1), ValueError, "test_fraction"),
    ((np.zeros((4, 2)), np.zeros(4), "half"), TypeError, "test_fraction"),
    ((np.zeros((2, 2)), np.zeros(2), 0.2), ValueError, "test_fraction=0.2 of 2 samples"),
    ((np.zeros((4, 2)), np.zeros(4), 0.9), ValueError, "test_fraction=0.9 of 4 samples"),
])
def test_train_test_split_validation(args, error, name):
    with pytest.raises(error, match=name):
        train_test_split(*args)


def test_article_generator_reproduces_the_bug():
    rng = np.random.default_rng(0)
    for length in (1, 4, 100):
        assert article_generate_sequence(0.5, length, rng) == [0.5]
    assert article_generate_sequence(0.5, 4, rng)[:-1] == []    # the article's X: empty
    with pytest.raises(ValueError, match="length"):
        article_generate_sequence(0.5, 0, rng)
