"""Notebook 09's checks: the right answers pass, each typical wrong answer of the registries
gets its own hint, and no check gives the answer away."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, changing, verdict, wrong_answer

from rnnkit import datasets, forecast
from rnnkit.course.exercises import forecast_co2 as ex

PPM = datasets.mauna_loa_co2().ppm
L, VALIDATION, TEST = 24, 120, 120


# ---------------------------------------------------------------- exercise 1: the windows

def test_the_windows_loop_passes(capsys):
    ok, line = verdict(capsys, ex.check_windows, ex.windows_solution, PPM)
    assert ok and line == "Correct: my_windows agrees with rnnkit on all 2 examples."

    def as_lists(series, L):                     # lists of lists, y from a scalar each
        X = [[[v] for v in series[i:i + L]] for i in range(len(series) - L)]
        return X, [[series[i + L]] for i in range(len(series) - L)]

    assert verdict(capsys, ex.check_windows, as_lists, PPM)[0]


@pytest.mark.parametrize("mistake", cases(ex.WINDOWS_MISTAKES))
def test_each_typical_windows_mistake_gets_its_hint(capsys, mistake):
    X, y = forecast.sliding_windows(PPM, L)
    assert_not_yet(capsys, ex.check_windows, mistake.wrong, PPM, hint=mistake, expected=y[:5])


def test_a_windows_function_that_changes_the_series_is_refused(capsys):
    assert_not_yet(capsys, ex.check_windows, changing(ex.windows_solution, 0), PPM,
                   hint="changed series in place")


def test_an_unwritten_broken_or_single_output_windows_function_is_named(capsys):
    def only_X(series, L):
        return forecast.sliding_windows(series, L)[0]

    def y_off(series, L):
        X, y = ex.windows_solution(series, L)
        return X, y + 1.0

    for function, hint in [(lambda series, L: None, "returned None"),
                           (lambda series, L: series[len(series) + 5], "raised IndexError"),
                           (only_X, "must return 2 results, X, y; got ndarray"),
                           ("windows", "is not a function"),
                           (y_off, "y, the 2nd of the 2 results of my_windows, is wrong")]:
        assert_not_yet(capsys, ex.check_windows, function, PPM, hint=hint)


def test_check_windows_needs_a_long_enough_series():
    with pytest.raises(ValueError, match="series must hold at least 40 values"):
        ex.check_windows(ex.windows_solution, PPM[:30])


# ---------------------------------------------------------------- exercise 2: seasonal naive

@pytest.fixture(scope="module")
def X_test():
    X, y = forecast.sliding_windows(PPM, L)
    return X[forecast.time_split(len(y), VALIDATION, TEST)[2]]


def test_the_seasonal_naive_forecast_passes(capsys, X_test):
    for right in (ex.seasonal_naive_solution(X_test), X_test[:, -12] - X_test[:, -13] +
                  X_test[:, -1], X_test[:, -12].astype(np.float32) + (X_test[:, -1] -
                                                                      X_test[:, -13])):
        ok, line = verdict(capsys, ex.check_seasonal_naive, right, X_test)
        assert ok and "matches" in line


@pytest.mark.parametrize("mistake", cases(ex.SEASONAL_NAIVE_MISTAKES))
def test_each_typical_seasonal_mistake_gets_its_hint(capsys, X_test, mistake):
    assert_not_yet(capsys, ex.check_seasonal_naive, wrong_answer(mistake, X_test), X_test,
                   hint=mistake, expected=forecast.seasonal_naive(X_test)[:20])


def test_an_unanswered_unknown_or_in_place_seasonal_forecast_is_named(capsys, X_test):
    expected = forecast.seasonal_naive(X_test)
    assert_not_yet(capsys, ex.check_seasonal_naive, None, X_test, hint="is None")
    assert_not_yet(capsys, ex.check_seasonal_naive, expected + 0.5, X_test,
                   hint="your forecast is wrong at N = 0, 1 = 0: too large", expected=expected[:20])
    windows = X_test.copy()
    windows[:, -12] += windows[:, -1] - windows[:, -13]          # the forecast, into the data
    assert_not_yet(capsys, ex.check_seasonal_naive, windows[:, -12], windows,
                   hint="is X, or a part of it, under a new name")


# ---------------------------------------------------------------- exercise 3: find the leak

def test_the_leaky_scalers_are_found_by_changing_the_test_years():
    assert ex.leaky_scalings(PPM, L, VALIDATION, TEST) == ("a", "d")


@pytest.mark.parametrize("answer", ["ad", "da", "a, d", ["d", "a"], ("A", "D"), {"a", "d"},
                                    " A D "])
def test_the_leak_answer_passes_in_any_form(capsys, answer):
    assert verdict(capsys, ex.check_leaky_scalings, answer, PPM, L, VALIDATION, TEST)[0]


@pytest.mark.parametrize("mistake", cases(ex.LEAKY_SCALINGS_MISTAKES))
def test_each_typical_leak_mistake(capsys, mistake):
    assert_not_yet(capsys, ex.check_leaky_scalings, mistake.wrong, PPM, L, VALIDATION, TEST,
                   hint=mistake, expected=("a", "d"))


@pytest.mark.parametrize("answer, hint", [
    ("a", "at least one more reaches into the test decade"),
    ("d", "at least one more reaches into the test decade"),
    ("abd", "look again at b"),
    ("acd", "look again at c"),
    ("ade", "look again at e"),
    ("e", "look again at e"),
    ("az", "'z' is not one of the options"),
    (None, "is None"),
    (2, 'give the letters as a string such as "bc"; got 2 (int)'),
])
def test_each_other_leak_answer_gets_its_hint(capsys, answer, hint):
    assert_not_yet(capsys, ex.check_leaky_scalings, answer, PPM, L, VALIDATION, TEST, hint=hint,
                   expected=("a", "d"))
