"""The checks of notebook 09, "Forecast the CO2 record".

    from rnnkit.course.exercises import forecast_co2 as ex
    ex.check_windows(my_windows, ppm)                        # exercise 1: write the loop
    ex.check_seasonal_naive(my_forecast, X[test])            # exercise 2: the seasonal naive
    ex.check_leaky_scalings(my_leaks, ppm, L, VALIDATION, TEST)   # exercise 3: find the leak

Each check works out the right answer itself from the notebook's data with
rnnkit.forecast (sliding_windows, seasonal_naive, and for exercise 3 by
changing the test years and watching which scalers move), prints
"Correct: ..." or "Not yet: ..." and never the expected value, and reads the
exercise's typical wrong answers from its registry (WINDOWS_MISTAKES,
SEASONAL_NAIVE_MISTAKES, LEAKY_SCALINGS_MISTAKES): a target off by one, a window
that holds its own target, a missing feature axis, a lag of 1 instead of 12, a
forgotten yearly rise, and so on, each with its own hint.
"""

import numpy as np

from ..._validate import as_array, describe, positive_int
from ...forecast import Standardizer, seasonal_naive, sliding_windows, time_split
from ..checks import Mistake, check_array, check_choice, check_function, edit

# ---------------------------------------------------------------- exercise 1: the windows


def windows_solution(series, L):
    """The notebook's solution: X (N, L, 1), the windows, and y (N, 1), the value after each."""
    X_list, y_list = [], []
    for i in range(len(series) - L):
        X_list.append(series[i:i + L, None])
        y_list.append(series[i + L:i + L + 1])
    return np.array(X_list), np.array(y_list)


WINDOWS_MISTAKES = [
    Mistake("no windows", "X and y are empty: the loop makes no windows yet",
            edit(windows_solution, "range(len(series) - L)", "range(0)")),
    Mistake("no feature axis", "X has no feature axis: an RNN reads (N, T, D), with D = 1 here",
            edit(windows_solution, "series[i:i + L, None]", "series[i:i + L]")),
    Mistake("L features", "X is (N, 1, L): one time step with L features, not L steps of one",
            edit(windows_solution, "np.array(X_list), np.array(y_list)",
                 "np.array(X_list).transpose(0, 2, 1), np.array(y_list)")),
    Mistake("holds its target", "each window ends on its own target, so the model is handed "
                                "the answer",
            edit(windows_solution, "series[i:i + L, None]", "series[i + 1:i + L + 1, None]")),
    Mistake("target one early", "y[i] is the last value of window i, not the value after it",
            edit(windows_solution, "series[i + L:i + L + 1]", "series[i + L - 1:i + L]")),
    Mistake("flat y", "y has no feature axis: Keras and rnnkit.train expect (N, 1)",
            edit(windows_solution, "series[i + L:i + L + 1]", "series[i + L]")),
    Mistake("one window short", "one window short: the last window, the one whose target is the "
                                "series' last value, is missing",
            edit(windows_solution, "range(len(series) - L)", "range(len(series) - L - 1)")),
    Mistake("one window too many", "one window too many: the last one has no value after it "
                                   "left for its target",
            edit(windows_solution, "range(len(series) - L)", "range(len(series) - L + 1)")),
]


def _windows_reference(series, L):
    return sliding_windows(series, L)


def check_windows(my_windows, series):
    """Exercise 1: my_windows(series (M,), L) must return (X, y) as
    rnnkit.forecast.sliding_windows(series, L) does: X (N, L, 1), y (N, 1), N = M - L.

    Called on the notebook's series with L = 24 and on a short piece of it with L = 12.
    """
    series = as_array(series, "series", ndim=1, why="the series the windows are cut from")
    if len(series) < 40:
        raise ValueError(f"series must hold at least 40 values for the examples, got {len(series)}")
    examples = {"the notebook's series, L = 24": (series, 24),
                "its first 40 values, L = 12": (series[:40], 12)}
    return check_function(my_windows, _windows_reference, examples, "my_windows",
                          axes=(("N", "L", "1"), ("N", "1")), mistakes=WINDOWS_MISTAKES,
                          outputs=("X", "y"))


# ---------------------------------------------------------------- exercise 2: seasonal naive


def seasonal_naive_solution(X):
    """The notebook's solution: the seasonal naive forecast (N, 1) of windows X (N, L, 1)."""
    return X[:, -12] + (X[:, -1] - X[:, -13])


SEASONAL_NAIVE_MISTAKES = [
    Mistake("lag 1", "this starts from last month: the seasonal base is the same month a year "
                     "before the target, not the month before it",
            edit(seasonal_naive_solution, "X[:, -12] + (", "X[:, -1] + (")),
    Mistake("no rise", "this is the same month a year ago, without the yearly rise",
            edit(seasonal_naive_solution, " + (X[:, -1] - X[:, -13])", "")),
    Mistake("rise over 11 months", "this equals the last value X[:, -1]: the base and the start "
                                   "of the rise are the same month, so they cancel",
            edit(seasonal_naive_solution, "X[:, -1] - X[:, -13]", "X[:, -1] - X[:, -12]")),
    Mistake("11 months back", "one month off: X[:, -11] is 11 months before the target, not a "
                              "year", edit(seasonal_naive_solution, "X[:, -12] + (",
                                           "X[:, -11] + (")),
    Mistake("rise subtracted", "the yearly rise is subtracted: CO2 rises",
            edit(seasonal_naive_solution, "X[:, -12] + (", "X[:, -12] - (")),
    Mistake("flat", "right values, but shape (N,): indexing with 0 dropped the feature axis",
            edit(seasonal_naive_solution, "X[:, -12] + (X[:, -1] - X[:, -13])",
                 "X[:, -12, 0] + (X[:, -1, 0] - X[:, -13, 0])")),
]


def check_seasonal_naive(my_forecast, X):
    """Exercise 2: my_forecast (N, 1), the seasonal naive forecast of the month after each
    window of X (N, L, 1): the same month a year before the target plus the rise over the
    last 12 months, as rnnkit.forecast.seasonal_naive(X) computes it."""
    right = seasonal_naive(X)
    X = as_array(X, "X", ndim=3)
    return check_array(my_forecast, right, "your forecast", axes=("N", "1"),
                       mistakes=SEASONAL_NAIVE_MISTAKES, given=(X,), inputs={"X": X})


# ---------------------------------------------------------------- exercise 3: find the leak

# Each scaler the exercise shows, as the notebook writes it; the check runs this very code on
# ppm, X, y = sliding_windows(ppm, L), train (the training slice) and TEST.
SCALINGS = {
    "a": "Standardizer().fit(ppm)",
    "b": "Standardizer().fit(y[train])",
    "c": "Standardizer().fit(X[train])",
    "d": "Standardizer().fit(X[:, -1])",
    "e": "Standardizer().fit(ppm[:-TEST])",
}

HOLDS = {
    "a": "ppm is the whole record, March 1958 to June 2026",
    "b": "y[train] holds the months the training windows forecast",
    "c": "X[train] holds the months the training windows read",
    "d": "X[:, -1] holds the last month of every window, from the first window to the last",
    "e": "ppm[:-TEST] is the record without its last TEST months",
}


def _fitted(series, length, validation, test):
    """(mean, std) of every scaler in SCALINGS, its code run on data built from ``series``."""
    X, y = sliding_windows(series, length)
    train, _, _ = time_split(len(y), validation, test)
    names = {"Standardizer": Standardizer, "ppm": series, "X": X, "y": y, "train": train,
             "TEST": test}
    fitted = {letter: eval(code, names) for letter, code in SCALINGS.items()}  # noqa: S307
    return {letter: (scaler.mean, scaler.std) for letter, scaler in fitted.items()}


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


LEAKY_SCALINGS_MISTAKES = [
    Mistake("none", "some of them do use the test years: which arrays reach past mid-2016?", ()),
]


def check_leaky_scalings(answer, series, length, validation, test):
    """Exercise 3: answer, the letters of the scalers in SCALINGS that use the test years
    (a string such as "bc" or a list of letters; order, case and spaces do not matter)."""
    expected = leaky_scalings(series, length, validation, test)

    def explain(letters):
        """What is wrong with a tuple of letters that is not the answer."""
        if not isinstance(letters, tuple):
            return f"give the letters as a string such as \"bc\"; got {describe(letters)}"
        unknown = [letter for letter in letters if letter not in SCALINGS]
        flagged = [letter for letter in letters if letter in SCALINGS and letter not in expected]
        if unknown:
            return f"{unknown[0]!r} is not one of the options, {', '.join(SCALINGS)}"
        if flagged:
            return (f"look again at {flagged[0]}: {HOLDS[flagged[0]]}. Does any of those "
                    f"months lie in the test decade?")
        return ("at least one more reaches into the test decade: for each line, which months "
                "does the array hold?")

    return check_choice(_letters(answer), expected, "your answer",
                        mistakes=LEAKY_SCALINGS_MISTAKES, explain=explain)
