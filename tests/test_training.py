"""train() and evaluate(): epochs, mini-batches, shuffling, loss history, clipping."""

import numpy as np
import pytest

import rnnkit


def _regression(n=300, seed=0):
    """The article's task: a random walk's next value (built here so this test stands alone)."""
    rng = np.random.default_rng(seed)
    start = rng.uniform(-1, 1, size=(n, 1))
    steps = np.concatenate([np.zeros((n, 1)), rng.normal(0, 0.1, (n, 3))], axis=1)
    walk = start + np.cumsum(steps, axis=1)
    return walk[:, :3, None], walk[:, 3:] + rng.normal(0, 0.1, (n, 1))


def test_train_reaches_the_noise_floor_on_the_article_regression():
    X, y = _regression()
    model = rnnkit.ManyToOne(1, 16, 1, seed=0)
    history = rnnkit.train(model, X, y, epochs=50, batch_size=32, seed=0)
    assert len(history.loss) == 50 and history.loss[-1] < history.loss[0]
    # the best possible MSE is 2 * 0.1**2 = 0.02 (two noise terms after the last input)
    assert history.loss[-1] < 0.03
    assert rnnkit.evaluate(model, X, y) < 0.03
    assert not history.diverged and history.seconds > 0


def test_train_learns_next_words_with_cross_entropy_and_a_mask():
    words = "how are you ? they are here .".split()
    sentences = [[0, 1, 2, 3], [4, 1, 5, 6]]
    V = len(words)
    X = np.zeros((2, 3, V))
    for i, s in enumerate(sentences):
        X[i, np.arange(3), s[:3]] = 1
    Y = np.array([s[1:] for s in sentences])
    mask = np.ones_like(Y, dtype=bool)
    mask[1, 2] = False              # pretend the last word of the second sentence is padding
    model = rnnkit.ManyToMany(V, 12, V, seed=0)
    history = rnnkit.train(model, X, Y, loss="softmax_cross_entropy", mask=mask, epochs=200,
                           batch_size=2, optimizer=rnnkit.Adam(0.05), seed=0)
    assert history.loss[-1] < 0.05
    predicted = model.forward(X).argmax(axis=-1)
    assert (predicted[mask] == Y[mask]).all()     # "how are" -> "you", "they are" -> "here"


def test_same_seed_same_run_and_shuffling_matters():
    X, y = _regression(100)
    runs = []
    for seed in (1, 1, 2):
        model = rnnkit.ManyToOne(1, 4, 1, seed=0)
        runs.append((rnnkit.train(model, X, y, epochs=3, batch_size=16, seed=seed).loss, model))
    assert runs[0][0] == runs[1][0]
    np.testing.assert_array_equal(runs[0][1].params["W_hh"], runs[1][1].params["W_hh"])
    assert runs[0][0] != runs[2][0]


def test_validation_history_and_clipping():
    X, y = _regression(100)
    model = rnnkit.ManyToOne(1, 4, 1, seed=0)
    history = rnnkit.train(model, X, y, epochs=2, clip_norm=0.01, validation_data=(X, y), seed=0,
                           optimizer=rnnkit.SGD(0.1), shuffle=False)
    assert len(history.val_loss) == 2 and len(history.grad_norm) == 2
    assert history.grad_norm[0] > 0.01        # recorded before clipping


def test_validation_data_may_carry_a_padding_mask():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(6, 4, 3)), rng.integers(0, 3, size=(6, 4))
    mask = np.ones((6, 4), dtype=bool)
    mask[:, 3] = False                                  # the last step is padding
    model = rnnkit.ManyToMany(3, 5, 3, seed=0)
    history = rnnkit.train(model, X, Y, loss="softmax_cross_entropy", mask=mask, epochs=1,
                           validation_data=(X, Y, mask), seed=0)
    masked = rnnkit.evaluate(model, X, Y, "softmax_cross_entropy", mask)
    assert history.val_loss == [masked] != [rnnkit.evaluate(model, X, Y, "softmax_cross_entropy")]
    with pytest.raises(TypeError, match="validation_data must be"):
        rnnkit.train(model, X, Y, loss="softmax_cross_entropy", validation_data=(X,))


def test_a_run_that_explodes_is_stopped_and_flagged():
    X, y = _regression(64)
    model = rnnkit.ManyToOne(1, 8, 1, seed=0)
    for p in model.params.values():
        p *= 50
    history = rnnkit.train(model, X, y * 1e3, epochs=200, optimizer=rnnkit.SGD(10.0), seed=0)
    assert history.diverged and len(history.loss) < 200
    assert all(np.isfinite(history.loss))


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(loss="mae"), ValueError, "loss must be one of"),
    (dict(epochs=0), ValueError, "epochs must be a whole number >= 1"),
    (dict(batch_size=2.5), TypeError, "batch_size must be a whole number"),
    (dict(clip_norm=0), ValueError, "clip_norm must be a number > 0"),
    (dict(targets=np.ones((5, 1))), ValueError,
     r"targets must have one row per sequence in X: X has N = 10"),
    (dict(X=np.ones((10, 3, 1, 1))), ValueError, "X must have 2 or 3 dimensions"),
    (dict(targets=[[np.nan]] * 10), ValueError, "targets contains NaN"),
    (dict(model=object()), TypeError, "model must have params, forward"),
    (dict(loss="softmax_cross_entropy", targets=np.zeros(10, int), mask=np.ones(3, bool)),
     ValueError, "mask must have the shape of targets"),
])
def test_train_arguments_are_checked(kwargs, error, match):
    arguments = dict(model=rnnkit.ManyToOne(1, 2, 1), X=np.ones((10, 3, 1)),
                     targets=np.ones((10, 1)))
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        rnnkit.train(arguments.pop("model"), arguments.pop("X"), arguments.pop("targets"),
                     **arguments)


def test_weights_that_overflow_stop_training_as_diverged():
    # float32 weights past 3e38 give an infinite output: train stops and flags it,
    # instead of failing inside the loss with "Y_pred contains NaN or infinity".
    model = rnnkit.ManyToOne(1, 4, 1, seed=0, dtype=np.float32)
    model.params["W_oh"][:] = np.float32(3e38)
    X = np.ones((8, 3, 1), dtype=np.float32)
    history = rnnkit.train(model, X, np.ones((8, 1), dtype=np.float32), epochs=2, batch_size=4)
    assert history.diverged and history.loss == []
    assert rnnkit.evaluate(model, X, np.ones((8, 1))) == float("inf")
