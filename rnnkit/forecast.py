"""Forecasting one series: windows, a split in time, scaling, and the baselines to beat.

A forecaster reads the last L values of a series and predicts the value h
steps after the last one (the horizon h; h = 1 is the next value):

    window i = series[i : i + L]          X (N, L, 1): N windows, L steps, 1 feature
    target i = series[i + L + h - 1]      y (N, 1)

    sliding_windows(series, length, horizon)   every window and its target, in time order
    time_split(n, validation, test)    train, validation, test: consecutive, never shuffled
    Standardizer                       z = (x - mean) / std, fitted on training data only
    last_value(X)                      repeat each window's last value
    seasonal_naive(X, horizon, season) the value a season before the target, plus the rise
                                       over the last season
    LinearAR                           a linear autoregression: y = X w + c, least squares
    recursive_forecast(predict, window, steps)   each forecast fed back in as the newest value
    mae, rmse                          errors in the series' own units
"""

import numpy as np

from ._validate import as_array, describe, positive_int, prediction_pair


def _series(series, name="series"):
    """A 1-D float array of finite values: one value per time step."""
    return as_array(series, name, ndim=1,
                    why="one value per time step; for a column of shape (M, 1) pass series[:, 0]")


def sliding_windows(series, length, horizon=1):
    """Every window of ``length`` consecutive values and the value ``horizon`` steps after it.

    series: (M,), the series in time order. length: L >= 1. horizon: h >= 1.
    Returns (X, y): X (N, L, 1) with X[i, :, 0] = series[i : i + L], and
    y (N, 1) with y[i, 0] = series[i + L + h - 1], for the N = M - L - h + 1
    windows, oldest first. The feature axis of X is there for the RNNs,
    which read (N, T, D).
    """
    series = _series(series)
    L = positive_int(length, "length")
    h = positive_int(horizon, "horizon")
    M = len(series)
    N = M - L - h + 1
    if N < 1:
        raise ValueError(f"length = {L} and horizon = {h} need a series of at least {L + h} "
                         f"values (a window and its target); series has {M}")
    X = np.stack([series[i:i + L] for i in range(N)])            # window i: the L values up to t
    y = np.array([series[i + L + h - 1] for i in range(N)])       # its target, h steps after t
    return X[:, :, None], y[:, None]


def time_split(n, validation, test):
    """Three consecutive parts of n samples kept in time order: train, validation, test.

    n: the number of samples (e.g. len(y)). validation, test: how many of the
    last samples each part gets (the test part is the latest).
    Returns three slices (train, validation, test): X[train] are the first
    n - validation - test samples. Nothing is shuffled: the model is trained
    on the past and scored on the future, as it will be used.
    """
    if isinstance(n, (np.ndarray, list, tuple)):
        raise TypeError(f"n must be the number of samples, e.g. len(y), got {describe(n)}")
    n = positive_int(n, "n")
    validation = positive_int(validation, "validation")
    test = positive_int(test, "test")
    train = n - validation - test
    if train < 1:
        raise ValueError(f"time_split leaves the training part empty: n = {n} samples, "
                         f"validation = {validation} and test = {test} take {validation + test}")
    return slice(0, train), slice(train, train + validation), slice(train + validation, n)


class Standardizer:
    """z = (x - mean) / std, with mean and std learnt from the training data only.

    Standardizer().fit(values) learns one mean and one std from every value
    given (any shape); transform(x) and inverse(z) apply it to arrays of any
    shape. Fitting it on data that includes the validation or test years
    leaks their level into training.
    """

    mean = None
    std = None

    def fit(self, values):
        """Learn mean and std from values (any shape, at least two distinct values).

        Returns the Standardizer itself, so that Standardizer().fit(y_train) reads as one step.
        """
        values = as_array(values, "values")
        std = float(values.std())
        if not std > 0:
            raise ValueError(f"values are all equal ({float(values.flat[0])!r}): a standardizer "
                             f"needs a spread (std > 0) to divide by")
        self.mean, self.std = float(values.mean()), std
        return self

    def transform(self, x):
        """(x - mean) / std, elementwise; x of any shape. Returns an array of x's shape."""
        self._fitted("transform")
        return (as_array(x, "x") - self.mean) / self.std

    def inverse(self, z):
        """z * std + mean: back to the series' units; z of any shape."""
        self._fitted("inverse")
        return as_array(z, "z") * self.std + self.mean

    def _fitted(self, what):
        if self.mean is None:
            raise RuntimeError(f"Standardizer.{what}() needs fit() first: fit it on the training "
                               f"data only, e.g. Standardizer().fit(y[train])")

    def __repr__(self):
        if self.mean is None:
            return "Standardizer(not fitted)"
        return f"Standardizer(mean={self.mean:.4g}, std={self.std:.4g})"


def _windows(X, name="X"):
    """Windows (N, L, 1) (or (N, L)) checked; returns (N, L)."""
    X = as_array(X, name, ndim=(2, 3), why="N windows of L values, shape (N, L, 1) or (N, L)")
    if X.ndim == 3:
        if X.shape[2] != 1:
            raise ValueError(f"{name} must hold one value per step, shape (N, L, 1); got shape "
                             f"{X.shape} with {X.shape[2]} features")
        X = X[:, :, 0]
    return X


def last_value(X):
    """The naive forecast: every window's last value. X: (N, L, 1). Returns (N, 1)."""
    return _windows(X)[:, -1:]


def seasonal_naive(X, horizon=1, season=12):
    """The value one season before the target, plus the rise over the last season seen.

    X: (N, L, 1) windows with L > season. horizon: h from 1 to season.
    With t the last step of a window, the forecast of x_{t+h} is
    x_{t+h-season} + (x_t - x_{t-season}): last year's value for the same
    month, lifted by how much the series rose over the last year.
    Returns (N, 1).
    """
    X = _windows(X)
    season = positive_int(season, "season")
    h = positive_int(horizon, "horizon")
    L = X.shape[1]
    if L <= season:
        raise ValueError(f"X must hold more than season = {season} steps per window "
                         f"(the rise x_t - x_(t-{season}) needs {season + 1}); got L = {L}")
    if h > season:
        raise ValueError(f"horizon must be from 1 to season = {season} (the value a season "
                         f"before the target must be known), got {h}")
    same_month_before = X[:, L - 1 - season + h]          # x_{t+h-season}
    rise = X[:, -1] - X[:, -1 - season]                   # x_t - x_{t-season}
    return (same_month_before + rise)[:, None]


class LinearAR:
    """A linear autoregression: y = X w + c, fitted by least squares in NumPy.

    fit(X, y) with X (N, L, 1) windows and y (N, 1) targets learns w (L,) and
    c (a float); predict(X) returns X w + c, shape (N, 1). The same windows as
    the RNNs, and no hidden state: a weighted sum of the last L values.
    """

    w = None
    c = None

    def fit(self, X, y):
        """Least squares on [X, 1]. X: (N, L, 1) or (N, L); y: (N, 1) or (N,). Returns self."""
        X = _windows(X)
        y = as_array(y, "y", ndim=(1, 2), why="one target per window, shape (N, 1)").reshape(-1)
        if len(y) != len(X):
            raise ValueError(f"y must have one target per window: X has N = {len(X)}, "
                             f"y has {len(y)}")
        if len(X) <= X.shape[1]:
            raise ValueError(f"X must hold more windows than weights to fit: N = {len(X)} "
                             f"windows for L + 1 = {X.shape[1] + 1} unknowns")
        A = np.column_stack([X, np.ones(len(X))])        # (N, L + 1): the values and a 1
        coef = np.linalg.lstsq(A, y, rcond=None)[0]
        self.w, self.c = coef[:-1], float(coef[-1])
        return self

    def predict(self, X):
        """X: (N, L, 1) or (N, L) windows of the length fitted. Returns X w + c, shape (N, 1)."""
        if self.w is None:
            raise RuntimeError("LinearAR.predict() needs fit() first: fit(X_train, y_train)")
        X = _windows(X)
        if X.shape[1] != len(self.w):
            raise ValueError(f"X must hold windows of L = {len(self.w)} values (as fitted), "
                             f"got L = {X.shape[1]}")
        return (X @ self.w + self.c)[:, None]


def recursive_forecast(predict, window, steps):
    """Forecast ``steps`` values ahead by feeding each forecast back in as the newest value.

    predict: a function from windows X (N, L, 1) to the next values (N, 1), in
    the series' units (e.g. LinearAR().fit(...).predict). window: (L,), the
    last L known values, oldest first. steps: how many values to forecast.
    Returns (steps,): the forecasts, the first one step after the window.
    From the second step on, the window holds forecasts, so errors compound.
    """
    if not callable(predict):
        raise TypeError(f"predict must be a function from windows (N, L, 1) to (N, 1), "
                        f"got {describe(predict)}")
    window = _series(window, "window")
    steps = positive_int(steps, "steps")
    forecasts = []
    for _ in range(steps):
        next_value = np.asarray(predict(window[None, :, None]), dtype=float)
        if next_value.size != 1:
            raise ValueError(f"predict must return one value for one window, shape (1, 1); "
                             f"got shape {next_value.shape}")
        forecasts.append(float(next_value.reshape(())))
        window = np.append(window[1:], forecasts[-1])     # drop the oldest, add the forecast
    return np.array(forecasts)


def mae(y_pred, y_true):
    """Mean absolute error, in the units of the series. y_pred, y_true: the same shape."""
    y_pred, y_true = prediction_pair(y_pred, y_true)
    return float(np.mean(np.abs(y_pred - y_true)))


def rmse(y_pred, y_true):
    """Root mean squared error, in the units of the series. y_pred, y_true: the same shape."""
    y_pred, y_true = prediction_pair(y_pred, y_true)
    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))
