"""rnnkit.forecast: windows, the split in time, the standardiser, the baselines, LastStep,
the recursive forecast and the errors, each with its checks of bad input."""

import numpy as np
import pytest

from rnnkit import forecast
from rnnkit.forecast import LinearAR, Standardizer

CYCLE = np.array([0.1, 0.8, 1.5, 2.6, 3.1, 2.3, 0.6, -1.5, -3.2, -3.3, -2.0, -0.9])


def trend_and_cycle(M=120, slope=0.15, start=300.0):
    """x_t = start + slope t + CYCLE[t mod 12]: a straight trend plus a fixed yearly cycle."""
    t = np.arange(M)
    return start + slope * t + CYCLE[t % 12]


# ---------------------------------------------------------------- sliding_windows

def test_windows_hold_the_last_L_values_and_the_next_one():
    series = np.arange(10.0)
    X, y = forecast.sliding_windows(series, length=3)
    assert X.shape == (7, 3, 1) and y.shape == (7, 1)
    assert X[0, :, 0].tolist() == [0, 1, 2] and y[0, 0] == 3
    assert X[-1, :, 0].tolist() == [6, 7, 8] and y[-1, 0] == 9
    for i in range(7):                                   # never the target inside its window
        assert y[i, 0] not in X[i, :, 0]


def test_windows_with_a_horizon_aim_h_steps_past_the_window():
    X, y = forecast.sliding_windows(list(range(10)), length=3, horizon=4)
    assert X.shape == (4, 3, 1) and y.shape == (4, 1)
    assert X[0, :, 0].tolist() == [0, 1, 2] and y[0, 0] == 6      # 2 + 4
    assert y[:, 0].tolist() == [6, 7, 8, 9]


def test_the_shortest_series_gives_one_window():
    X, y = forecast.sliding_windows([1.0, 2.0, 3.0], length=2)
    assert X.shape == (1, 2, 1) and y.tolist() == [[3.0]]


@pytest.mark.parametrize("series, kwargs, error, match", [
    (np.arange(5.0), {"length": 5}, ValueError, "length = 5 and horizon = 1 need a series of "
                                                "at least 6 values"),
    (np.arange(5.0), {"length": 9}, ValueError, "series has 5"),
    (np.arange(5.0), {"length": 2, "horizon": 4}, ValueError, "horizon = 4"),
    (np.arange(5.0), {"length": 2, "horizon": 0}, ValueError, "horizon"),
    (np.arange(5.0), {"length": 0}, ValueError, "length"),
    (np.arange(5.0), {"length": 2.5}, TypeError, "length"),
    ([1.0, np.nan, 3.0, 4.0], {"length": 2}, ValueError, "series contains NaN"),
    (np.zeros((6, 1)), {"length": 2}, ValueError, "series must have 1 dimensions"),
    ([], {"length": 1}, ValueError, "series is empty"),
    ("ppm", {"length": 1}, TypeError, "series"),
])
def test_windows_reject_bad_input(series, kwargs, error, match):
    with pytest.raises(error, match=match):
        forecast.sliding_windows(series, **kwargs)


# ---------------------------------------------------------------- time_split

def test_time_split_keeps_time_order_and_sizes():
    train, val, test = forecast.time_split(10, validation=3, test=2)
    assert (train, val, test) == (slice(0, 5), slice(5, 8), slice(8, 10))
    order = np.arange(10)
    assert order[train].max() < order[val].min() and order[val].max() < order[test].min()


def test_time_split_can_leave_one_training_sample():
    train, _, _ = forecast.time_split(3, validation=1, test=1)
    assert train == slice(0, 1)


@pytest.mark.parametrize("args, error, match", [
    ((10, 5, 5), ValueError, r"time_split leaves the training part empty: n = 10 samples, "
                             r"validation = 5 and test = 5 take 10"),
    ((10, 0, 2), ValueError, "validation must be a whole number >= 1"),
    ((10, 2, 0), ValueError, "test must be a whole number >= 1"),
    ((10, 2.0, 2), TypeError, "validation"),
    ((np.zeros(10), 2, 2), TypeError, r"n must be the number of samples, e\.g\. len\(y\)"),
    ((0, 1, 1), ValueError, "n must be"),
])
def test_time_split_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        forecast.time_split(*args)


# ---------------------------------------------------------------- Standardizer

def test_standardizer_learns_from_training_data_and_inverts():
    train = np.array([1.0, 2.0, 3.0, 4.0])
    scaler = Standardizer().fit(train)
    assert scaler.mean == 2.5 and scaler.std == pytest.approx(np.std(train))
    z = scaler.transform(np.array([[2.5], [10.0]]))
    assert z.shape == (2, 1) and z[0, 0] == 0 and z[1, 0] > 5       # later data is not refitted
    assert np.allclose(scaler.inverse(z), [[2.5], [10.0]])
    assert np.allclose(scaler.transform(train).mean(), 0) and np.isclose(
        scaler.transform(train).std(), 1)
    assert repr(scaler) == "Standardizer(mean=2.5, std=1.118)"


def test_standardizer_refuses_to_work_before_it_is_fitted():
    scaler = Standardizer()
    assert repr(scaler) == "Standardizer(not fitted)"
    with pytest.raises(RuntimeError, match=r"Standardizer\.transform\(\) needs fit\(\) first: "
                                           r"fit it on the training data only"):
        scaler.transform([1.0, 2.0])
    with pytest.raises(RuntimeError, match=r"Standardizer\.inverse\(\) needs fit\(\) first"):
        scaler.inverse([0.0])


@pytest.mark.parametrize("values, error, match", [
    ([3.0, 3.0, 3.0], ValueError, r"values are all equal \(3\.0\)"),
    ([1.0, np.inf], ValueError, "values contains NaN or infinity"),
    ([], ValueError, "values is empty"),
    (None, TypeError, "values"),
])
def test_standardizer_fit_rejects_bad_input(values, error, match):
    with pytest.raises(error, match=match):
        Standardizer().fit(values)


def test_standardizer_transform_rejects_nan():
    with pytest.raises(ValueError, match="x contains NaN"):
        Standardizer().fit([1.0, 2.0]).transform([np.nan])


# ---------------------------------------------------------------- baselines

def test_last_value_repeats_each_windows_last_value():
    X, _ = forecast.sliding_windows(np.arange(6.0), length=2)
    assert forecast.last_value(X).tolist() == [[1], [2], [3], [4]]
    assert forecast.last_value(X[:, :, 0]).shape == (4, 1)          # (N, L) works too


@pytest.mark.parametrize("horizon", [1, 5, 12])
def test_seasonal_naive_is_exact_on_a_straight_trend_plus_a_yearly_cycle(horizon):
    series = trend_and_cycle()
    X, y = forecast.sliding_windows(series, length=24, horizon=horizon)
    assert np.allclose(forecast.seasonal_naive(X, horizon=horizon), y)
    assert not np.allclose(forecast.last_value(X), y)


def test_seasonal_naive_is_last_years_value_plus_the_last_years_rise():
    window = np.arange(14.0) ** 2                        # x_0 .. x_13, t = 13
    expected = window[13 - 12 + 1] + (window[13] - window[13 - 12])
    assert forecast.seasonal_naive(window[None, :, None]).tolist() == [[expected]]
    season4 = forecast.seasonal_naive(window[None, :, None], horizon=2, season=4)
    assert season4[0, 0] == window[13 + 2 - 4] + (window[13] - window[9])


@pytest.mark.parametrize("X, kwargs, error, match", [
    (np.zeros((3, 12, 1)), {}, ValueError, r"X must hold more than season = 12 steps per "
                                           r"window .* got L = 12"),
    (np.zeros((3, 24, 1)), {"horizon": 13}, ValueError, "horizon must be from 1 to season = 12"),
    (np.zeros((3, 24, 1)), {"horizon": 0}, ValueError, "horizon"),
    (np.zeros((3, 24, 1)), {"season": 0}, ValueError, "season"),
    (np.zeros((3, 24, 2)), {}, ValueError, r"X must hold one value per step, shape \(N, L, 1\)"),
    (np.zeros(24), {}, ValueError, "X must have 2 or 3 dimensions"),
    (np.full((2, 24, 1), np.nan), {}, ValueError, "X contains NaN"),
])
def test_seasonal_naive_rejects_bad_input(X, kwargs, error, match):
    with pytest.raises(error, match=match):
        forecast.seasonal_naive(X, **kwargs)


def test_linear_ar_recovers_the_coefficients_of_an_ar2_process():
    rng = np.random.default_rng(0)
    x = np.zeros(3000)
    for t in range(2, len(x)):
        x[t] = 1.0 + 0.5 * x[t - 1] + 0.3 * x[t - 2] + 0.1 * rng.normal()
    X, y = forecast.sliding_windows(x, length=2)
    ar = LinearAR().fit(X, y)
    assert np.allclose(ar.w, [0.3, 0.5], atol=0.03)      # oldest first: x_{t-1} then x_t
    assert ar.c == pytest.approx(1.0, abs=0.1)
    assert ar.predict(X).shape == (len(X), 1)


def test_linear_ar_fits_a_trend_plus_a_cycle_exactly():
    X, y = forecast.sliding_windows(trend_and_cycle(200), length=24)
    ar = LinearAR().fit(X[:150], y[:150])
    assert np.allclose(ar.predict(X[150:]), y[150:], atol=1e-6)     # it extrapolates the trend


def test_linear_ar_checks_its_input():
    X, y = forecast.sliding_windows(np.arange(30.0) % 7, length=4)
    with pytest.raises(RuntimeError, match=r"LinearAR\.predict\(\) needs fit\(\) first"):
        LinearAR().predict(X)
    with pytest.raises(ValueError, match="y must have one target per window: X has N = 26, "
                                         "y has 25"):
        LinearAR().fit(X, y[:-1])
    with pytest.raises(ValueError, match=r"X must hold more windows than weights to fit: N = 4"):
        LinearAR().fit(X[:4], y[:4])
    ar = LinearAR().fit(X, y)
    with pytest.raises(ValueError, match="X must hold windows of L = 4 values"):
        ar.predict(X[:, :3])
    with pytest.raises(ValueError, match="y contains NaN"):
        LinearAR().fit(X, np.full_like(y, np.nan))



# ---------------------------------------------------------------- recursive_forecast

def test_recursive_forecast_feeds_each_forecast_back():
    series = trend_and_cycle(100)
    path = forecast.recursive_forecast(forecast.seasonal_naive, series[40:64], steps=36)
    assert path.shape == (36,) and np.allclose(path, series[64:100])    # exact on this series
    calls = []

    def predict(X):
        calls.append(X[0, :, 0].copy())
        return X[:, -1:] + 1.0

    path = forecast.recursive_forecast(predict, [0.0, 1.0, 2.0], steps=3)
    assert path.tolist() == [3.0, 4.0, 5.0]
    assert calls[-1].tolist() == [2.0, 3.0, 4.0]          # the window holds its own forecasts
    assert all(call.shape == (3,) for call in calls)


@pytest.mark.parametrize("predict, window, steps, error, match", [
    ("ar", [1.0, 2.0], 3, TypeError, "predict must be a function"),
    (forecast.last_value, [[1.0, 2.0]], 3, ValueError, "window must have 1 dimensions"),
    (forecast.last_value, [1.0, np.nan], 3, ValueError, "window contains NaN"),
    (forecast.last_value, [1.0, 2.0], 0, ValueError, "steps"),
    (lambda X: X[0], [1.0, 2.0], 3, ValueError, r"predict must return one value for one window"),
])
def test_recursive_forecast_rejects_bad_input(predict, window, steps, error, match):
    with pytest.raises(error, match=match):
        forecast.recursive_forecast(predict, window, steps)


# ---------------------------------------------------------------- errors

def test_mae_and_rmse_in_the_series_units():
    y_true = np.array([[1.0], [2.0], [3.0], [4.0]])
    y_pred = np.array([[1.0], [2.0], [3.0], [8.0]])
    assert forecast.mae(y_pred, y_true) == 1.0
    assert forecast.rmse(y_pred, y_true) == 2.0          # sqrt(16 / 4): large misses weigh more
    assert isinstance(forecast.mae(y_pred, y_true), float)


@pytest.mark.parametrize("function", [forecast.mae, forecast.rmse])
def test_errors_reject_bad_input(function):
    with pytest.raises(ValueError, match=r"y_pred must have the shape of y_true \(3, 1\)"):
        function(np.zeros(3), np.zeros((3, 1)))
    with pytest.raises(ValueError, match="y_true contains NaN"):
        function(np.zeros(2), np.array([0.0, np.nan]))
