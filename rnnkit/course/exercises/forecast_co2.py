"""The checks of notebook 09, "Forecast the CO2 record".

    from rnnkit.exercises import forecast_co2 as ex
    ex.check_windows(my_windows, ppm)                        # exercise 1: write the loop
    ex.check_seasonal_naive(my_forecast, X[test])            # exercise 2: the seasonal naive
    ex.check_leaky_scalings(my_leaks, ppm, L, VALIDATION, TEST)   # exercise 3: find the leak

Each check works out the right answer itself from the notebook's data with
rnnkit.forecast (sliding_windows, seasonal_naive, and for exercise 3 by
changing the test years and watching which scalers move), prints
"Correct: ..." or "Not yet: ..." and never the expected value, and knows the
exercise's typical wrong answers: a target off by one, a window that holds
its own target, a missing feature axis, a lag of 1 instead of 12, a
forgotten yearly rise, and so on.
"""

import contextlib
import io

import numpy as np

from ..._validate import as_array, describe, positive_int
from ...forecast import Standardizer, seasonal_naive, sliding_windows, time_split
from .. import checks

# ---------------------------------------------------------------- exercise 1: the windows


def _examples(series):
    """(series, L) pairs to call a window function on: the notebook's series with L = 24, and a
    short piece of it with L = 12."""
    series = as_array(series, "series", ndim=1, why="the series the windows are cut from")
    if len(series) < 40:
        raise ValueError(f"series must hold at least 40 values for the examples, got {len(series)}")
    return [(series, 24), (series[:40], 12)]


def _windows_X(series, L):
    return sliding_windows(series, L)[0]


def _windows_y(series, L):
    return sliding_windows(series, L)[1]


def _overlapping_X(series, L):
    """Window i = series[i + 1 : i + L + 1]: it ends on its own target."""
    return np.stack([series[i + 1:i + L + 1] for i in range(len(series) - L)])[:, :, None]


WINDOW_MISTAKES = [
    (lambda s, L: _windows_X(s, L)[:, :, 0],
     "X has shape (N, L): the feature axis is missing. An RNN reads (N, T, D); append "
     "series[i:i + L, None], or reshape at the end with X[..., None]"),
    (lambda s, L: _windows_X(s, L).transpose(0, 2, 1),
     "X has shape (N, 1, L): one time step with L features. The L months go along the time "
     "axis: (N, L, 1)"),
    (_overlapping_X,
     "each window ends on its own target: window i must stop just before y[i], series[i:i + L], "
     "or the model is handed the answer"),
]

TARGET_MISTAKES = [
    (lambda s, L: s[L - 1:len(s) - 1, None],
     "y[i] is the last value of window i: the target is the value right after it, series[i + L]"),
    (lambda s, L: _windows_y(s, L)[:, 0],
     "y has shape (N,): give each target its feature axis too, (N, 1), as Keras and "
     "rnnkit.train expect"),
]


def _part(result, index, name):
    """result[index] of a function that must return (X, y); None passes through for the
    check's own message."""
    if result is None:
        return None
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise TypeError(f"{name} must return two arrays, (X, y); got {type(result).__name__}")
    return result[index]


def _first_failure(*runs):
    """Run each check quietly; print the verdict of the first that fails, or of the last one.
    Returns True only if every check passed."""
    for number, run in enumerate(runs, start=1):
        with contextlib.redirect_stdout(io.StringIO()) as said:
            ok = run()
        if not ok or number == len(runs):
            print(said.getvalue(), end="")
            return ok
    return True        # pragma: no cover  (no runs: nothing to fail)


def check_windows(my_windows, series):
    """Exercise 1: my_windows(series (M,), L) must return (X, y) as
    rnnkit.forecast.sliding_windows(series, L) does: X (N, L, 1), y (N, 1), N = M - L.

    Called on the notebook's series with L = 24 and on a short piece of it with L = 12.
    """
    examples = _examples(series)
    if not callable(my_windows):
        return checks.check_function(my_windows, _windows_X, examples, "my_windows")
    name = getattr(my_windows, "__name__", "my_windows")

    def X_of(s, L):
        return _part(my_windows(s, L), 0, name)

    def y_of(s, L):
        return _part(my_windows(s, L), 1, name)

    X_of.__name__, y_of.__name__ = f"X from {name}", f"y from {name} (X is right)"
    return _first_failure(
        lambda: checks.check_function(X_of, _windows_X, examples, mistakes=WINDOW_MISTAKES),
        lambda: checks.check_function(y_of, _windows_y, examples, mistakes=TARGET_MISTAKES),
    )


# ---------------------------------------------------------------- exercise 2: seasonal naive


def seasonal_mistakes(X):
    """The typical wrong seasonal naive forecasts of windows X (N, L, 1), each with its hint."""
    X = as_array(X, "X", ndim=3)
    rise = X[:, -1] - X[:, -13]
    return [
        (X[:, -1] + rise, "this is last month plus a year's rise: the seasonal value is the "
                          "same month a year before the target, 12 months back, not 1"),
        (X[:, -12], "this is the same month a year ago, without the yearly rise: add how much "
                    "the series rose over the last 12 months, X[:, -1] - X[:, -13]"),
        (X[:, -1], "this equals the last value X[:, -1]: the base and the rise cancel. The "
                   "base is the same month a year before the target, X[:, -12]; the rise "
                   "runs over 12 months, X[:, -1] - X[:, -13]"),
        (X[:, -11] + rise, "one month off: the target comes one month after X[:, -1], so the "
                           "same month a year before it is X[:, -12], not X[:, -11]"),
        (X[:, -12] - rise, "the yearly rise is subtracted: CO2 rises, so add it"),
        ((X[:, -12] + rise)[:, 0], "right values, but shape (N,): keep the feature axis, "
                                   "(N, 1); X[:, -12] keeps it, X[:, -12, 0] drops it"),
    ]


def check_seasonal_naive(my_forecast, X):
    """Exercise 2: my_forecast (N, 1), the seasonal naive forecast of the month after each
    window of X (N, L, 1): the same month a year before the target plus the rise over the
    last 12 months, as rnnkit.forecast.seasonal_naive(X) computes it."""
    return checks.check_array(my_forecast, seasonal_naive(X), "your forecast", atol=1e-6,
                              axes=("N", "1"), mistakes=seasonal_mistakes(X))


# ---------------------------------------------------------------- exercise 3: find the leak

# Each scaler the exercise shows, as the notebook would write it, and what it is fitted on, from
# (ppm, X, y, train, TEST) where X, y = sliding_windows(ppm, L) and train the training slice.
SCALINGS = {
    "a": ("Standardizer().fit(ppm)", lambda ppm, X, y, train, TEST: ppm),
    "b": ("Standardizer().fit(y[train])", lambda ppm, X, y, train, TEST: y[train]),
    "c": ("Standardizer().fit(X[train])", lambda ppm, X, y, train, TEST: X[train]),
    "d": ("Standardizer().fit(X[:, -1])", lambda ppm, X, y, train, TEST: X[:, -1]),
    "e": ("Standardizer().fit(ppm[:-TEST])", lambda ppm, X, y, train, TEST: ppm[:-TEST]),
}

HOLDS = {
    "a": "ppm is the whole record, March 1958 to June 2026",
    "b": "y[train] holds the months the training windows forecast",
    "c": "X[train] holds the months the training windows read",
    "d": "X[:, -1] holds the last month of every window, from the first window to the last",
    "e": "ppm[:-TEST] is the record without its last TEST months",
}


def _fitted(series, length, validation, test):
    """(mean, std) of every scaler in SCALINGS, fitted on data built from ``series``."""
    X, y = sliding_windows(series, length)
    train, _, _ = time_split(len(y), validation, test)
    return {letter: (lambda s: (s.mean, s.std))(Standardizer().fit(values(series, X, y, train,
                                                                          test)))
            for letter, (_, values) in SCALINGS.items()}


def leaky_scalings(series, length, validation, test):
    """The letters of the scalers in SCALINGS that use the test years, found by experiment:
    add 100 to every test month (the last ``test`` values) and see which scalers change.
    Returns a sorted tuple of letters."""
    series = as_array(series, "series", ndim=1, why="the whole record, in time order")
    test = positive_int(test, "test")
    changed = series.copy()
    changed[-test:] += 100.0
    before = _fitted(series, length, validation, test)
    after = _fitted(changed, length, validation, test)
    return tuple(sorted(letter for letter in SCALINGS
                        if not np.allclose(before[letter], after[letter])))


def _letters(answer):
    """'ad', 'a, d', ['a', 'd'], {'d', 'a'} -> ('a', 'd'); anything else as it came."""
    if isinstance(answer, str):
        answer = [letter for letter in answer.lower() if letter.isalpha()]
    if isinstance(answer, (list, tuple, set, frozenset)) and \
            all(isinstance(letter, str) for letter in answer):
        return tuple(sorted({letter.strip().lower() for letter in answer}))
    return answer


def check_leaky_scalings(answer, series, length, validation, test):
    """Exercise 3: answer, the letters of the scalers in SCALINGS that use the test years
    (a string such as "bc" or a list of letters; order does not matter)."""
    expected = leaky_scalings(series, length, validation, test)
    answer = _letters(answer)
    mistakes = []
    if answer is not None and not isinstance(answer, tuple):
        mistakes = [(answer, f"give the letters as a string such as \"bc\"; got "
                             f"{describe(answer)}")]
    elif isinstance(answer, tuple) and answer != expected:
        unknown = [letter for letter in answer if letter not in SCALINGS]
        flagged = [letter for letter in answer if letter in SCALINGS and letter not in expected]
        if unknown:
            hint = f"{unknown[0]!r} is not one of the options, {', '.join(SCALINGS)}"
        elif flagged:
            hint = (f"look again at {flagged[0]}: {HOLDS[flagged[0]]}. Does any of those "
                    f"months lie in the test decade?")
        elif not answer:
            hint = "some of them do use the test years: which arrays reach past mid-2016?"
        else:
            hint = ("at least one more reaches into the test decade: for each line, which months "
                    "does the array hold?")
        mistakes = [(answer, hint)]
    return checks.check_choice(answer, expected, "your answer", mistakes=mistakes)
