"""Notebook 09's checks: the right answers pass, each typical wrong answer gets its own hint,
and no check gives the answer away."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, verdict

from rnnkit import datasets, forecast
from rnnkit.course.exercises import forecast_co2 as ex
from rnnkit.forecast import Standardizer

PPM = datasets.mauna_loa_co2().ppm
L, VALIDATION, TEST = 24, 120, 120


# ---------------------------------------------------------------- exercise 1: the windows

def windows(series, L, start=0, extra=0, target=0, axis=True, y_axis=True, transpose=False):
    """A student's loop, written independently of rnnkit: start / extra shift or stretch the
    window, target shifts the target, axis / y_axis keep the feature axes."""
    X_list, y_list = [], []
    for i in range(len(series) - L):
        window = series[i + start:i + L + extra]
        X_list.append(window[:, None] if axis else window)
        y_list.append(series[i + L + target])
    X, y = np.array(X_list), np.array(y_list)
    if transpose:
        X = X.transpose(0, 2, 1)
    return X, (y[:, None] if y_axis else y)


def test_the_windows_loop_passes(capsys):
    ok, line = verdict(capsys, ex.check_windows, windows, PPM)
    assert ok and "agrees with rnnkit on all 2 examples" in line


def test_the_notebook_solution_passes(capsys):
    def my_windows(series, L):
        X_list, y_list = [], []
        for i in range(len(series) - L):
            X_list.append(series[i:i + L, None])
            y_list.append(series[i + L:i + L + 1])
        return np.array(X_list), np.array(y_list)

    assert verdict(capsys, ex.check_windows, my_windows, PPM)[0]


@pytest.mark.parametrize("kwargs, hint", [
    ({"axis": False}, "the feature axis is missing"),
    ({"transpose": True}, "one time step with L features"),
    ({"start": 1, "extra": 1}, "each window ends on its own target"),
    ({"target": -1}, "y[i] is the last value of window i"),
    ({"y_axis": False}, "y has shape (N,)"),
], ids=["no-feature-axis", "wrong-axis", "overlaps-target", "target-off-by-one", "flat-y"])
def test_each_typical_windows_mistake_gets_its_hint(capsys, kwargs, hint):
    def student(series, L):
        return windows(series, L, **kwargs)

    X, y = forecast.sliding_windows(PPM, L)
    assert_not_yet(capsys, ex.check_windows, student, PPM, hint=hint, expected=y[:5])


def test_the_notebooks_unanswered_scaffold_gets_not_yet(capsys):
    def my_windows(series, L):
        X_list, y_list = [], []
        for i in range(0):
            X_list.append(series[i:i])
            y_list.append(series[i:i])
        return np.array(X_list), np.array(y_list)

    assert_not_yet(capsys, ex.check_windows, my_windows, PPM, hint="has shape (0,)")


def test_an_unwritten_broken_or_single_output_windows_function_is_named(capsys):
    def unwritten(series, L):
        return None

    def crashes(series, L):
        return series[len(series) + 5]

    def only_X(series, L):
        return forecast.sliding_windows(series, L)[0]

    assert_not_yet(capsys, ex.check_windows, unwritten, PPM, hint="returned None")
    assert_not_yet(capsys, ex.check_windows, crashes, PPM, hint="raised IndexError")
    assert_not_yet(capsys, ex.check_windows, only_X, PPM, hint="must return two arrays, (X, y)")
    assert_not_yet(capsys, ex.check_windows, "windows", PPM, hint="is not a function")


def test_check_windows_needs_a_long_enough_series():
    with pytest.raises(ValueError, match="series must hold at least 40 values"):
        ex.check_windows(windows, PPM[:30])


# ---------------------------------------------------------------- exercise 2: seasonal naive

@pytest.fixture(scope="module")
def X_test():
    X, y = forecast.sliding_windows(PPM, L)
    return X[forecast.time_split(len(y), VALIDATION, TEST)[2]]


def test_the_seasonal_naive_forecast_passes(capsys, X_test):
    answer = X_test[:, -12] + (X_test[:, -1] - X_test[:, -13])
    ok, line = verdict(capsys, ex.check_seasonal_naive, answer, X_test)
    assert ok and "matches" in line


@pytest.mark.parametrize("wrong, hint", [
    (lambda X: X[:, -1] + (X[:, -1] - X[:, -13]), "12 months back, not 1"),
    (lambda X: X[:, -12], "without the yearly rise"),
    (lambda X: X[:, -12] + (X[:, -1] - X[:, -12]), "this equals the last value"),
    (lambda X: X[:, -13] + (X[:, -1] - X[:, -13]), "the base and the rise cancel"),
    (lambda X: X[:, -11] + (X[:, -1] - X[:, -13]), "not X[:, -11]"),
    (lambda X: X[:, -12] - (X[:, -1] - X[:, -13]), "the yearly rise is subtracted"),
    (lambda X: X[:, -12, 0] + (X[:, -1, 0] - X[:, -13, 0]), "keep the feature axis"),
], ids=["lag-1", "no-rise", "rise-over-11", "13-back", "11-back", "minus-rise", "flat"])
def test_each_typical_seasonal_mistake_gets_its_hint(capsys, X_test, wrong, hint):
    expected = forecast.seasonal_naive(X_test)
    assert_not_yet(capsys, ex.check_seasonal_naive, wrong(X_test), X_test, hint=hint,
                   expected=expected[:20])


def test_an_unanswered_or_unknown_seasonal_forecast_is_named(capsys, X_test):
    expected = forecast.seasonal_naive(X_test)
    assert_not_yet(capsys, ex.check_seasonal_naive, None, X_test, hint="is None")
    line = assert_not_yet(capsys, ex.check_seasonal_naive, expected + 0.5, X_test,
                          hint="too large", expected=expected[:20])
    assert "at N = 0" in line


# ---------------------------------------------------------------- exercise 3: find the leak

def test_the_leaky_scalers_are_found_by_changing_the_test_years():
    assert ex.leaky_scalings(PPM, L, VALIDATION, TEST) == ("a", "d")


def test_each_scaling_does_what_its_code_says():
    """The code shown to the student, run as written, fits the same scaler as the check's."""
    X, y = forecast.sliding_windows(PPM, L)
    train, _, _ = forecast.time_split(len(y), VALIDATION, TEST)
    names = {"ppm": PPM, "X": X, "y": y, "train": train, "TEST": TEST,
             "Standardizer": Standardizer}
    for letter, (code, values) in ex.SCALINGS.items():
        shown = eval(code, names)                                   # noqa: S307 (our own code)
        checked = Standardizer().fit(values(PPM, X, y, train, TEST))
        assert (shown.mean, shown.std) == (checked.mean, checked.std), letter


@pytest.mark.parametrize("answer", ["ad", "da", "a, d", ["d", "a"], ("A", "D"), {"a", "d"}])
def test_the_leak_answer_passes_in_any_form(capsys, answer):
    assert verdict(capsys, ex.check_leaky_scalings, answer, PPM, L, VALIDATION, TEST)[0]


@pytest.mark.parametrize("answer, hint", [
    ("a", "at least one more reaches into the test decade"),
    ("d", "at least one more reaches into the test decade"),
    ("abd", "look again at b"),
    ("acd", "look again at c"),
    ("ade", "look again at e"),
    ("e", "look again at e"),
    ("", "some of them do use the test years"),
    ("az", "'z' is not one of the options"),
    (None, "is None"),
])
def test_each_typical_leak_answer_gets_its_hint(capsys, answer, hint):
    assert_not_yet(capsys, ex.check_leaky_scalings, answer, PPM, L, VALIDATION, TEST, hint=hint,
                   expected=("a", "d"))


def test_a_number_for_the_letters_is_named(capsys):
    assert_not_yet(capsys, ex.check_leaky_scalings, 2, PPM, L, VALIDATION, TEST,
                   hint='give the letters as a string such as "bc"; got 2 (int)')
