"""Notebook 06's checks: the right answers pass, each typical wrong answer gets its own hint."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, verdict

import rnnkit
from rnnkit.course.exercises import keras_regression as ex


@pytest.fixture(scope="module")
def walks():
    """The notebook's data: 800 walks of length 4 split in half."""
    X, y = rnnkit.data.random_walk(800, 4, noise=0.1, seed=0)
    return rnnkit.data.train_test_split(X, y, test_fraction=0.5, seed=0)


def test_the_feature_axis(capsys, walks):
    X_train, X_test, y_train, y_test = walks
    flat = X_test[:, :, 0]
    for right in (flat[:, :, None], flat.reshape(len(flat), -1, 1), flat[..., np.newaxis]):
        assert verdict(capsys, ex.check_feature_axis, right, flat)[0]
    for wrong, hint in [(flat, "still (N, T)"), (flat[None], "at the front"),
                        (flat[:, None, :], "in the middle"), (flat.T[:, :, None], "swapped")]:
        line = assert_not_yet(capsys, ex.check_feature_axis, wrong, flat, hint=hint)
        assert not any(f"{value:.4f}" in line for value in X_test.ravel())
    assert_not_yet(capsys, ex.check_feature_axis, None, flat, hint="is None")
    assert_not_yet(capsys, ex.check_feature_axis, flat.reshape(-1, 1), flat,
                   hint="the answer has shape (400, 3, 1)")
    shifted = flat[:, :, None] + 1.0
    line = assert_not_yet(capsys, ex.check_feature_axis, shifted, flat,
                          hint="is wrong at N = 0, T = 0")
    assert not any(f"{value:.4f}" in line for value in X_test.ravel())


def test_the_mean_baseline(capsys, walks):
    X_train, X_test, y_train, y_test = walks
    right = np.mean((y_test - np.mean(y_train)) ** 2)
    assert verdict(capsys, ex.check_mean_baseline, right, y_train, y_test)[0]
    for wrong, hint in [(np.mean((y_test - y_test.mean()) ** 2), "predict the mean of y_train"),
                        (np.var(y_train), "the MSE on the training targets"),
                        (np.sqrt(right), "root mean squared error"),
                        (np.mean(np.abs(y_test - y_train.mean())), "mean absolute error"),
                        (np.mean(y_test - y_train.mean()), "not squared"),
                        (right * 1.3, "too large by 10% to 50%")]:
        assert_not_yet(capsys, ex.check_mean_baseline, wrong, y_train, y_test, hint=hint,
                       expected=right)


def test_the_average_baseline(capsys, walks):
    X_train, X_test, y_train, y_test = walks
    right = np.mean((X_test[:, :, 0].mean(axis=1) - y_test) ** 2)
    assert verdict(capsys, ex.check_average_baseline, right, X_test, y_test)[0]
    assert verdict(capsys, ex.check_average_baseline,
                   np.mean((X_test.mean(axis=(1, 2)) - y_test) ** 2), X_test, y_test)[0]
    for wrong, hint in [(np.mean((X_test.mean(axis=1) - y_test) ** 2), "broadcasts to an (N, N)"),
                        (np.mean((X_test[:, -1, 0] - y_test) ** 2), "repeating the last value"),
                        (np.mean((X_test.sum(axis=(1, 2)) - y_test) ** 2), "adds the inputs"),
                        (np.sqrt(right), "root mean squared error"),
                        (np.mean(np.abs(X_test[:, :, 0].mean(axis=1) - y_test)),
                         "mean absolute error"),
                        (right * 0.8, "too small by 10% to 50%")]:
        assert_not_yet(capsys, ex.check_average_baseline, wrong, X_test, y_test, hint=hint,
                       expected=right)


def test_the_guess_before_the_average(capsys, walks):
    X_train, X_test, y_train, y_test = walks
    assert verdict(capsys, ex.check_average_guess, "worse", X_test, y_test)[0]
    assert verdict(capsys, ex.check_average_guess, " Worse", X_test, y_test)[0]
    assert_not_yet(capsys, ex.check_average_guess, "better", X_test, y_test,
                   hint="say nothing about the target", expected="worse")
    assert_not_yet(capsys, ex.check_average_guess, None, X_test, y_test, hint="is None",
                   expected="worse")


def test_the_checks_name_bad_data(walks):
    X_train, X_test, y_train, y_test = walks
    with pytest.raises(ValueError, match="walks"):
        ex.check_feature_axis(X_test[:, 0, 0], X_test[:, 0, 0])
    with pytest.raises(ValueError, match="y_test"):
        ex.check_mean_baseline(0.3, y_train, y_test[:, None])
    with pytest.raises(ValueError, match="X_test"):
        ex.check_average_baseline(0.02, X_test[:, :, 0], y_test)
    with pytest.raises(ValueError, match="X_test and y_test"):
        ex.check_average_guess("worse", X_test, y_test[:10])
    with pytest.raises(ValueError, match="X_train"):
        ex.check_training_loop(lambda *args: [0.0], X_train[:, :, 0], y_train)


# The loop a student writes from the scaffold, and its typical mistakes, written independently
# of the module's wrong_loop.

def my_train(net, X, y, epochs, batch_size, optimizer, seed):
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        total = 0.0
        for begin in range(0, len(X), batch_size):
            idx = order[begin:begin + batch_size]
            y_hat = net.forward(X[idx])
            loss, dy = rnnkit.mse(y_hat, y[idx][:, None])
            grads = net.backward(dy)
            optimizer.step(net.params, grads)
            total += loss * len(idx)
        losses.append(total / len(X))
    return losses


def scaffold(net, X, y, epochs, batch_size, optimizer, seed):
    """The exercise cell as given, before the student fills it in."""
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        total = 0.0
        for idx in [order]:
            loss = 0.0
            total += loss * len(idx)
        losses.append(total / len(X))
    return losses


def edited(**change):
    """my_train with one thing changed."""
    def train(net, X, y, epochs, batch_size, optimizer, seed):
        rng = np.random.default_rng(seed)
        losses = []
        for _ in range(epochs):
            order = rng.permutation(len(X))
            total = 0.0
            batches = [order[i:i + batch_size] for i in range(0, len(X), batch_size)]
            if change.get("batches") == "all":
                batches = [order]
            elif change.get("batches") == "array_split":
                batches = np.array_split(order, int(np.ceil(len(X) / batch_size)))
            elif change.get("batches") == "in order":
                batches = [np.arange(i, min(i + batch_size, len(X)))
                           for i in range(0, len(X), batch_size)]
            for idx in batches:
                if change.get("batches") == "whole X":
                    idx = np.arange(len(X))
                targets = y[idx] if change.get("targets") == "flat" else y[idx][:, None]
                y_hat = net.forward(X[idx])
                loss, dy = rnnkit.mse(y_hat, targets)
                gradient = {"error": y_hat - targets, "loss": loss}.get(change.get("backward"), dy)
                grads = net.backward(gradient)
                if change.get("step", True):
                    optimizer.step(net.params, grads)
                total += loss if change.get("weigh") is False else loss * len(idx)
            losses.append(total / len(X))
        return None if change.get("no_return") else losses
    return train


def test_a_training_loop_that_matches_rnnkit_train_passes(capsys, walks):
    X_train, _, y_train, _ = walks
    ok, line = verdict(capsys, ex.check_training_loop, my_train, X_train, y_train)
    assert ok and "all 2 examples" in line
    net_a, net_b = rnnkit.ManyToOne(1, 8, 1, seed=3), rnnkit.ManyToOne(1, 8, 1, seed=3)
    assert np.allclose(my_train(net_a, X_train, y_train, 2, 32, rnnkit.Adam(1e-3), 3),
                       ex.reference_loop(net_b, X_train, y_train, 2, 32, rnnkit.Adam(1e-3), 3))


def test_the_modules_wrong_loop_without_mistakes_is_rnnkit_train(walks):
    X_train, _, y_train, _ = walks
    runs = []
    for loop in (ex.wrong_loop(), ex.reference_loop):
        net = rnnkit.ManyToOne(1, 8, 1, seed=2)
        runs.append(loop(net, X_train, y_train, 2, 32, rnnkit.Adam(1e-3), 2))
    assert np.array_equal(*runs)


@pytest.mark.parametrize("change, hint", [
    ({"step": False}, "optimizer.step(net.params, grads)"),
    ({"backward": "error"}, "net.backward got the error"),
    ({"batches": "all"}, "one update per epoch"),
    ({"batches": "whole X"}, "every step uses all the walks"),
    ({"batches": "array_split"}, "np.array_split makes batches of nearly equal size"),
    ({"batches": "in order"}, "ignore the shuffled order"),
    ({"weigh": False}, "add loss times the number of walks"),
    ({"targets": "flat"}, "the targets of a batch must have the prediction's shape (B, 1)"),
    ({"backward": "loss"}, "net.backward takes dy"),
    ({"no_return": True}, "did you forget `return`"),
], ids=["no-step", "error-not-gradient", "no-batches", "whole-X", "array-split", "not-shuffled",
        "unweighted",
        "targets-shape", "backward-of-the-loss", "no-return"])
def test_each_typical_mistake_in_the_loop_gets_its_hint(capsys, walks, change, hint):
    X_train, _, y_train, _ = walks
    assert_not_yet(capsys, ex.check_training_loop, edited(**change), X_train, y_train, hint=hint)


def test_the_unfilled_scaffold_and_a_non_function_are_not_yet(capsys, walks):
    X_train, _, y_train, _ = walks
    assert_not_yet(capsys, ex.check_training_loop, scaffold, X_train, y_train,
                   hint="the losses are all 0")
    assert_not_yet(capsys, ex.check_training_loop, None, X_train, y_train,
                   hint="is not a function")


def test_another_wrong_loop_is_told_which_epoch_without_the_losses(capsys, walks):
    X_train, _, y_train, _ = walks

    def too_fast(net, X, y, epochs, batch_size, optimizer, seed):
        optimizer.learning_rate *= 10
        return my_train(net, X, y, epochs, batch_size, optimizer, seed)

    line = assert_not_yet(capsys, ex.check_training_loop, too_fast, X_train, y_train,
                          hint="wrong at epoch = ")
    net = rnnkit.ManyToOne(1, 16, 1, seed=0)
    assert not any(f"{loss:.4f}" in line
                   for loss in ex.reference_loop(net, X_train, y_train, 2, 32,
                                                 rnnkit.Adam(1e-3), 0))


def test_an_error_inside_the_loop_is_reported_not_raised(capsys, walks):
    X_train, _, y_train, _ = walks

    def flat_inputs(net, X, y, epochs, batch_size, optimizer, seed):
        net.forward(X[:, :, 0])               # (N, T): the feature axis dropped
        return [0.0] * epochs

    line = assert_not_yet(capsys, ex.check_training_loop, flat_inputs, X_train, y_train,
                          hint="my_train raised ValueError")
    assert "Hint:" not in line
