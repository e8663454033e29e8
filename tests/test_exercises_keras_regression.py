"""Notebook 06's checks: the right answers pass, each typical wrong answer of the registries
gets its own hint, and a training loop that changes X or y is refused."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, changing, verdict, wrong_answer

import rnnkit
from rnnkit.course.exercises import keras_regression as ex


@pytest.fixture(scope="module")
def walks():
    """The notebook's data: 800 walks of length 4 split in half."""
    X, y = rnnkit.data.random_walk(800, 4, noise=0.1, seed=0)
    return rnnkit.data.train_test_split(X, y, test_fraction=0.5, seed=0)


def test_the_feature_axis(capsys, walks):
    flat = walks[1][:, :, 0]
    for right in (flat[:, :, None], flat.reshape(len(flat), -1, 1), flat[..., np.newaxis],
                  ex.feature_axis_solution(flat), np.expand_dims(flat, -1).tolist()):
        assert verdict(capsys, ex.check_feature_axis, right, flat)[0]
    for wrong, hint in [(None, "is None"),
                        (flat.reshape(-1, 1), "the answer has shape (400, 3, 1)"),
                        (flat[:, :, None] + 1.0, "is wrong at N = 0, T = 0")]:
        assert_not_yet(capsys, ex.check_feature_axis, wrong, flat, hint=hint, expected=flat[:5])


@pytest.mark.parametrize("mistake", cases(ex.FEATURE_AXIS_MISTAKES))
def test_each_feature_axis_mistake(capsys, walks, mistake):
    flat = walks[1][:, :, 0]
    assert_not_yet(capsys, ex.check_feature_axis, wrong_answer(mistake, flat), flat,
                   hint=mistake, expected=flat[:5])


def test_the_mean_baseline(capsys, walks):
    _, _, y_train, y_test = walks
    right = np.mean((y_test - np.mean(y_train)) ** 2)
    assert verdict(capsys, ex.check_mean_baseline, right, y_train, y_test)[0]
    assert verdict(capsys, ex.check_mean_baseline, float(np.float32(right)), y_train, y_test)[0]
    assert_not_yet(capsys, ex.check_mean_baseline, right * 1.3, y_train, y_test,
                   hint="too large by 10% to 50%", expected=right)


@pytest.mark.parametrize("mistake", cases(ex.MEAN_BASELINE_MISTAKES))
def test_each_mean_baseline_mistake(capsys, walks, mistake):
    _, _, y_train, y_test = walks
    assert_not_yet(capsys, ex.check_mean_baseline, wrong_answer(mistake, y_train, y_test),
                   y_train, y_test, hint=mistake,
                   expected=ex.mean_baseline_solution(y_train, y_test))


def test_the_average_baseline(capsys, walks):
    _, X_test, _, y_test = walks
    right = np.mean((X_test[:, :, 0].mean(axis=1) - y_test) ** 2)
    assert verdict(capsys, ex.check_average_baseline, right, X_test, y_test)[0]
    assert verdict(capsys, ex.check_average_baseline,
                   np.mean((X_test.mean(axis=(1, 2)) - y_test) ** 2), X_test, y_test)[0]
    assert_not_yet(capsys, ex.check_average_baseline, right * 0.8, X_test, y_test,
                   hint="too small by 10% to 50%", expected=right)


@pytest.mark.parametrize("mistake", cases(ex.AVERAGE_BASELINE_MISTAKES))
def test_each_average_baseline_mistake(capsys, walks, mistake):
    _, X_test, _, y_test = walks
    assert_not_yet(capsys, ex.check_average_baseline, wrong_answer(mistake, X_test, y_test),
                   X_test, y_test, hint=mistake,
                   expected=ex.average_baseline_solution(X_test, y_test))


def test_the_guess_before_the_average(capsys, walks):
    _, X_test, _, y_test = walks
    for right in ("worse", " Worse", "WORSE "):
        assert verdict(capsys, ex.check_average_guess, right, X_test, y_test)[0]
    for mistake in ex.AVERAGE_GUESS_MISTAKES:
        if mistake.wrong != "worse":
            assert_not_yet(capsys, ex.check_average_guess, mistake.wrong, X_test, y_test,
                           hint=mistake, expected="worse")
    for wrong, hint in [(None, "is None"), ("same", "not one of the 2 answers")]:
        assert_not_yet(capsys, ex.check_average_guess, wrong, X_test, y_test, hint=hint,
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


# ------------------------------------------------------------------ exercise 4: the training loop

def test_the_solution_is_rnnkit_train(capsys, walks):
    X_train, _, y_train, _ = walks
    ok, line = verdict(capsys, ex.check_training_loop, ex.train_solution, X_train, y_train)
    assert ok and line == "Correct: my_train agrees with rnnkit on all 2 examples."
    net_a, net_b = rnnkit.ManyToOne(1, 8, 1, seed=3), rnnkit.ManyToOne(1, 8, 1, seed=3)
    assert np.array_equal(ex.train_solution(net_a, X_train, y_train, 2, 32, rnnkit.Adam(1e-3), 3),
                          ex.reference_loop(net_b, X_train, y_train, 2, 32, rnnkit.Adam(1e-3), 3))


def test_another_right_loop_passes(capsys, walks):
    X_train, _, y_train, _ = walks

    def my_train(net, X, y, epochs, batch_size, optimizer, seed):
        rng = np.random.default_rng(seed)
        history = np.zeros(epochs)
        for epoch in range(epochs):
            order = rng.permutation(len(X))
            for begin in range(0, len(X), batch_size):
                idx = order[begin:begin + batch_size]
                targets = y[idx].reshape(-1, 1)
                loss, dy = rnnkit.mse(net.forward(X[idx]), targets)
                optimizer.step(net.params, net.backward(dy))
                history[epoch] += loss * len(idx) / len(X)
        return history

    assert verdict(capsys, ex.check_training_loop, my_train, X_train, y_train)[0]


@pytest.mark.parametrize("mistake", cases(ex.TRAINING_LOOP_MISTAKES))
def test_each_typical_mistake_in_the_loop_gets_its_hint(capsys, walks, mistake):
    X_train, _, y_train, _ = walks
    assert_not_yet(capsys, ex.check_training_loop, mistake.wrong, X_train, y_train,
                   hint=mistake)


@pytest.mark.parametrize("index, name", [(1, "X"), (2, "y")])
def test_a_loop_that_changes_x_or_y_is_refused(capsys, walks, index, name):
    X_train, _, y_train, _ = walks
    assert_not_yet(capsys, ex.check_training_loop, changing(ex.train_solution, index), X_train,
                   y_train, hint=f"my_train changed {name} in place")


def test_a_loop_that_draws_from_numpy_s_global_generator(capsys, walks):
    X_train, _, y_train, _ = walks
    unseeded = ex.edit(ex.train_solution, "rng.permutation", "np.random.permutation")
    assert_not_yet(capsys, ex.check_training_loop, unseeded, X_train, y_train,
                   hint="gives other results when run again on the same example")


def test_another_wrong_loop_is_told_which_epoch_without_the_losses(capsys, walks):
    X_train, _, y_train, _ = walks

    def too_fast(net, X, y, epochs, batch_size, optimizer, seed):
        optimizer.learning_rate *= 10
        return ex.train_solution(net, X, y, epochs, batch_size, optimizer, seed)

    line = assert_not_yet(capsys, ex.check_training_loop, too_fast, X_train, y_train,
                          hint="example 1 (2 epochs, batches of 32, seed 0): the losses it "
                               "returns is wrong at epoch = ")
    net = rnnkit.ManyToOne(1, 16, 1, seed=0)
    assert not any(f"{loss:.4f}" in line
                   for loss in ex.reference_loop(net, X_train, y_train, 2, 32,
                                                 rnnkit.Adam(1e-3), 0))


def test_the_losses_apart_from_the_training(capsys, walks):
    X_train, _, y_train, _ = walks
    halved = ex.edit(ex.train_solution, "total / len(X)", "total / len(X) / 2")
    line = assert_not_yet(capsys, ex.check_training_loop, halved, X_train, y_train,
                          hint="the losses it returns is wrong at epoch = 0: too small")
    assert line.endswith("(right: net.params)")


def test_an_error_inside_the_loop_is_reported_not_raised(capsys, walks):
    X_train, _, y_train, _ = walks

    def flat_inputs(net, X, y, epochs, batch_size, optimizer, seed):
        net.forward(X[:, :, 0])               # (N, T): the feature axis dropped
        return [0.0] * epochs

    line = assert_not_yet(capsys, ex.check_training_loop, flat_inputs, X_train, y_train,
                          hint="my_train raised ValueError")
    assert "Hint:" not in line
    assert_not_yet(capsys, ex.check_training_loop, None, X_train, y_train,
                   hint="is not a function")
    assert_not_yet(capsys, ex.check_training_loop, lambda *args: None, X_train, y_train,
                   hint="did you forget `return`")
