"""train(), evaluate(), the gradient checker, the feed-forward net, activations, checks."""

import numpy as np
import pytest

import rnnkit
from rnnkit import activations
from rnnkit.feedforward import MLP, dense


def _regression(n=300, seed=0):
    """The article's task: a random walk's next value (built here so this test stands alone)."""
    rng = np.random.default_rng(seed)
    start = rng.uniform(-1, 1, size=(n, 1))
    walk = start + np.cumsum(np.concatenate([np.zeros((n, 1)), rng.normal(0, 0.1, (n, 3))], axis=1), axis=1)
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
    (dict(targets=np.ones((5, 1))), ValueError, r"targets must have one row per sequence in X: X has N = 10"),
    (dict(X=np.ones((10, 3, 1, 1))), ValueError, "X must have 2 or 3 dimensions"),
    (dict(targets=[[np.nan]] * 10), ValueError, "targets contains NaN"),
    (dict(model=object()), TypeError, "model must have params, forward"),
    (dict(loss="softmax_cross_entropy", targets=np.zeros(10, int), mask=np.ones(3, bool)),
     ValueError, "mask must have the shape of targets"),
])
def test_train_arguments_are_checked(kwargs, error, match):
    arguments = dict(model=rnnkit.ManyToOne(1, 2, 1), X=np.ones((10, 3, 1)), targets=np.ones((10, 1)))
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        rnnkit.train(arguments.pop("model"), arguments.pop("X"), arguments.pop("targets"), **arguments)


def test_gradient_checker_catches_a_wrong_backward():
    model = rnnkit.ManyToOne(1, 3, 1, seed=0)
    X, y = np.random.default_rng(0).normal(size=(2, 3, 1)), np.ones((2, 1))
    assert max(rnnkit.check_gradients(model, X, y).values()) < 1e-7
    right = model.backward

    def wrong(dy):
        grads = right(dy)
        grads["W_hh"] = grads["W_hh"].T          # a classic mistake
        return grads

    model.backward = wrong
    assert rnnkit.check_gradients(model, X, y)["W_hh"] > 1e-3


def test_relative_error_and_numerical_gradient_arguments():
    assert rnnkit.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rnnkit.relative_error([1.0], [1.0 + 1e-9]) < 1e-9
    with pytest.raises(ValueError, match="a and b must have the same shape"):
        rnnkit.relative_error(np.zeros(3), np.zeros(2))
    with pytest.raises(TypeError, match="param must be a float numpy array"):
        rnnkit.numerical_gradient(lambda: 0.0, [1.0, 2.0])
    with pytest.raises(ValueError, match="eps must be a number > 0"):
        rnnkit.numerical_gradient(lambda: 0.0, np.zeros(2), eps=0)


def test_dense_and_mlp():
    W, b = np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.1, 0.0])
    x = np.array([2.0, 1.0])
    np.testing.assert_allclose(dense(x, W, b, "relu"), np.maximum(x @ W + b, 0))
    with pytest.raises(ValueError, match=r"X has 3 features per example but W expects 2"):
        dense(np.ones((4, 3)), W, b)
    with pytest.raises(ValueError, match=r"b must have shape \(2,\)"):
        dense(x, W, np.zeros(3))
    mlp = MLP((3, 4, 4, 2), seed=0)
    assert set(mlp.params) == {"W1", "b1", "W2", "b2", "W3", "b3"}
    X = np.random.default_rng(0).normal(size=(5, 3))
    assert mlp.forward(X).shape == (5, 2)
    assert max(rnnkit.check_gradients(mlp, X, np.ones((5, 2))).values()) < 1e-7
    sig = MLP((3, 4, 2), activation="relu", output_activation="softmax", seed=1)
    assert max(rnnkit.check_gradients(sig, X + 0.1, np.ones((5, 2))).values()) < 1e-6
    assert repr(mlp) == "MLP(layer_sizes=(3, 4, 4, 2), activation='tanh')"
    with pytest.raises(ValueError, match="layer_sizes must list at least"):
        MLP((3,))
    with pytest.raises(ValueError, match=r"layer_sizes\[1\] must be a whole number >= 1"):
        MLP((3, 0, 1))
    with pytest.raises(ValueError, match=r"X must have shape \(N, 3\)"):
        mlp.forward(np.ones((2, 4)))
    with pytest.raises(RuntimeError, match="forward"):
        MLP((1, 1)).backward(np.ones((1, 1)))


def test_activations_and_their_derivatives():
    z = np.linspace(-30, 30, 13)
    np.testing.assert_allclose(rnnkit.sigmoid(z), 1 / (1 + np.exp(-z)))
    assert rnnkit.sigmoid([-1000.0, 1000.0]).tolist() == [0.0, 1.0]
    np.testing.assert_allclose(rnnkit.softmax([[1000.0, 1000.0]]), [[0.5, 0.5]])
    np.testing.assert_allclose(rnnkit.relu([-1, 2]), [0, 2])
    np.testing.assert_allclose(rnnkit.identity([1, 2]), [1, 2])
    z = np.array([-2.0, -0.5, 0.3, 1.7])
    eps = 1e-6
    for name in ("tanh", "sigmoid", "relu", "identity"):
        f = activations.get(name)
        numeric = (f(z + eps) - f(z - eps)) / (2 * eps)
        np.testing.assert_allclose(activations.derivative(name, f(z)), numeric, atol=1e-6)
    with pytest.raises(ValueError, match="activation must be one of 'tanh', 'sigmoid', 'relu', 'identity'"):
        activations.derivative("softmax", z)
    with pytest.raises(ValueError, match="activation must be one of"):
        activations.get("swish")
    with pytest.raises(ValueError, match="z contains NaN"):
        rnnkit.tanh([0.0, np.nan])


def test_exercise_checks_speak_plainly(capsys):
    assert rnnkit.check_array([1.0, 2.0], [1.0, 2.0])
    assert not rnnkit.check_array([[1.0, 2.0]], [1.0, 2.0])
    assert not rnnkit.check_array([1.0, 2.5], [1.0, 2.0], name="h_1")
    assert not rnnkit.check_array(None, [1.0])
    assert not rnnkit.check_array("x", [1.0])
    assert not rnnkit.check_array([np.nan], [1.0])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Correct:")
    assert "has shape (1, 2), expected (2,)" in out[1] and "transpose or reshape" in out[1]
    assert "h_1 is wrong at index (1,): got 2.5, expected 2" in out[2]
    assert "is None" in out[3] and "must be numbers" in out[4] and "NaN" in out[5]
    assert rnnkit.check_function(np.tanh, rnnkit.tanh, [(np.zeros(2),), (np.ones(2),)])
    assert not rnnkit.check_function(np.sin, rnnkit.tanh, [(np.zeros(2),), (np.ones(2),)])
    assert not rnnkit.check_function(lambda x: None, rnnkit.tanh, [(np.zeros(2),)], name="f")
    assert not rnnkit.check_function(lambda x: 1 / 0, rnnkit.tanh, [(np.zeros(2),)], name="g")
    out = capsys.readouterr().out
    assert "agrees with rnnkit on all 2 examples" in out and "Example 2:" in out
    assert "f returned None" in out and "g raised ZeroDivisionError" in out
    assert rnnkit.check_choice([2, 3], (2, 3)) and not rnnkit.check_choice("boy", "girl")
    assert not rnnkit.check_choice(None, "girl") and not rnnkit.check_choice((2, 3, 4), (2, 3))
    assert not rnnkit.check_choice(5, (2, 3)) and not rnnkit.check_choice(5, "five")
    out = capsys.readouterr().out
    assert "girl" not in out.replace("'boy' is not right", "")        # never gives the answer away
    assert "replace None" in out and "has 2 entries, yours has 3" in out
    assert "tuple of 2 numbers" in out and "should be of type str, not int" in out
