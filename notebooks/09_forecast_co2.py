# %% [markdown] slideshow={"slide_type": "slide"}
# # Forecast the CO2 record: baselines first, then RNNs
#
# **What you will do.** Forecast the CO2 at Mauna Loa a month and a year
# ahead, scored in ppm on the record's last ten years: three baselines first,
# then a SimpleRNN and an LSTM, in Keras and in rnnkit.
#
# **What you will learn.**
# - to cut a series into windows and split it by time, never at random;
# - why scaling is fitted on the training years only, and what leaks otherwise;
# - what an RNN needs on a series with a trend, and when a linear model is better;
# - how to stack recurrent layers.
#
# **What you need.** Notebooks 06 (many-to-one regression in Keras) and 08 (the LSTM).
#
# **Time.** About 40 minutes.

# %% [markdown] slideshow={"slide_type": "notes"}
# The course's first real series. The method matters more than the model:
# split by time, fit the scaling on the past, score the baselines first. Ask
# the room to bet on the winner before section 8, and again before section 9.

# %% slideshow={"slide_type": "skip"}
import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import datasets, forecast
from rnnkit.cells.lstm import LSTM
from rnnkit.course import plots
from rnnkit.course.exercises import forecast_co2 as ex
from rnnkit.forecast import LinearAR, Standardizer

# TensorFlow with no C++ log lines on stderr and without oneDNN, whose rounding differs
# from CPU to CPU: TF_CPP_MIN_LOG_LEVEL=3 and TF_ENABLE_ONEDNN_OPTS=0 unless already set.
keras = rnnkit.keras_bridge.import_keras()
import tensorflow as tf  # noqa: E402  (already imported, quietly, by import_keras)

plots.use_style()
SEED = 0  # one fixed seed: the same weights and batch order, so the same printed numbers, on every run
keras.utils.set_random_seed(SEED)                    # seeds Python, NumPy and TensorFlow at once
tf.config.experimental.enable_op_determinism()      # and makes TensorFlow's own arithmetic repeatable

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The record: a trend and a yearly cycle
#
# Since 1958 the observatory on Mauna Loa, Hawaii, has measured the CO2 in
# the air. The record gives one mean per month, in parts per million (ppm).
# rnnkit ships a copy with its source; nothing is downloaded.

# %% slideshow={"slide_type": "fragment"}
co2 = datasets.mauna_loa_co2()
ppm = co2.ppm
print(datasets.CO2_ATTRIBUTION)
print(f"{len(ppm)} months, {co2.month[0]} to {co2.month[-1]}: "
      f"from {ppm[0]:.2f} to {ppm[-1]:.2f} ppm")

# %% slideshow={"slide_type": "subslide"}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
calendar = np.array([int(month[5:]) for month in co2.month])     # 1 to 12
cycle = ppm - co2.deseasonalized_ppm                               # the yearly swing
by_month = np.array([cycle[calendar == m].mean() for m in range(1, 13)])

fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.5), width_ratios=(2, 1))
left.plot(co2.year, ppm, lw=1, label="monthly mean")
left.plot(co2.year, co2.deseasonalized_ppm, color=plots.COLORS["black"], lw=1.5,
          label="without the yearly cycle")
left.set(xlabel="year", ylabel="CO$_2$ (ppm)", title="Mauna Loa, 1958 to 2026")
left.legend()
right.bar(range(1, 13), by_month, color=plots.COLORS["sky"])
right.set_xticks(range(1, 13), [m[0] for m in MONTHS])
right.set(xlabel="month", ylabel="ppm above the trend", title="The yearly cycle")
plt.show()

# %% slideshow={"slide_type": "fragment"}
rise = ppm[12:] - ppm[:-12]               # each month minus the same month a year before
for start in (1960, 1990, 2016):
    decade = (co2.year[12:] >= start) & (co2.year[12:] < start + 10)
    print(f"{start} to {start + 9}: the record rose {rise[decade].mean():.1f} ppm a year")
print(f"the yearly cycle: highest in {MONTHS[by_month.argmax()]}, lowest in "
      f"{MONTHS[by_month.argmin()]}, {by_month.max() - by_month.min():.1f} ppm apart")

# %% [markdown] slideshow={"slide_type": "subslide"}
# What a model has to learn:
#
# - a **trend** that rises faster every decade;
# - a **yearly cycle** of about 6 ppm: the northern forests take CO2 in as
#   they grow in spring and summer, and give it back in autumn and winter;
# - **noise** from month to month (the weather).
#
# And the hard part: the last decade lies above every earlier value. A model
# trained on the past must forecast values it has never seen.

# %% [markdown] slideshow={"slide_type": "notes"}
# The black curve is the source's own seasonally adjusted series. NOAA
# averages the seasonal cycle over a seven-year window around each month, so
# at month t it already knows years after t: fine for a picture, a leak as a
# model's input. The bars are the record minus that curve, averaged by
# calendar month.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Windows: the last $L$ months, then the next
#
# A forecaster reads a window of the last $L$ months and predicts the next
# one. Sliding the window a month at a time turns one series into $N$
# examples, in the shape an RNN reads: $(N, L, 1)$, one value per time step.
# We take $L = 24$: two full yearly cycles.

# %% slideshow={"slide_type": "fragment"}
L = 24                                            # a window holds two years of months
X, y = forecast.sliding_windows(ppm, length=L)
months = co2.month[L:]                            # the month each window forecasts
print("X:", X.shape, " (N windows, L = 24 months, 1 value a month)")
print("y:", y.shape, "   the month after each window")
print(f"window 0 reads {co2.month[0]} to {co2.month[L - 1]} and forecasts {months[0]}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The same windows can aim further. With a **horizon** of $h = 12$ the target
# is the month a year after the window ends.

# %% slideshow={"slide_type": "fragment"}
X12, y12 = forecast.sliding_windows(ppm, length=L, horizon=12)
print("X12:", X12.shape, " y12:", y12.shape)
print(f"window 0 reads {co2.month[0]} to {co2.month[L - 1]} and forecasts {co2.month[L + 11]}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Window i is series[i : i + L] and its target series[i + L + h - 1]: with
# M = 820 months there are M - L - h + 1 windows. Exercise 1 has the students
# write that loop; rnnkit.forecast.sliding_windows is the same loop.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Split by time, and scale with the past only
#
# A forecast is judged on a future it has not seen, so the split follows
# time: train on the early decades, validate on the next ten years, test on
# the last ten. A random split would train on 2020 and test on 2019: that
# measures filling gaps, not forecasting.

# %% slideshow={"slide_type": "fragment"}
VALIDATION = TEST = 120                           # ten years each; the test is the last decade
train, val, test = forecast.time_split(len(y), validation=VALIDATION, test=TEST)
for name, part in (("train", train), ("validation", val), ("test", test)):
    print(f"{name:10s} {part.stop - part.start:3d} windows, forecasting {months[part][0]} "
          f"to {months[part][-1]}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Networks train best on inputs near 0 with a spread near 1, so we
# standardise: $z = (x - \text{mean}) / \text{std}$. Fitted on the training
# years, the mean and std describe the past. Fitted on every year, they have
# seen the test decade: the future pulls the mean up and tells the model
# where the future lies.

# %% slideshow={"slide_type": "fragment"}
honest = Standardizer().fit(y[train])             # the training years only
leaky = Standardizer().fit(ppm)                   # every month, the test decade included
print(f"{'scaler fitted on':18s} {'mean':>6s}   z of the training years   z of the test years")
for name, scaler in (("the training years", honest), ("every year", leaky)):
    z_train, z_test = scaler.transform(y[train]), scaler.transform(y[test])
    print(f"{name:18s} {scaler.mean:6.1f}   {z_train.min():+.1f} to {z_train.max():+.1f}"
          f"{'':13s}{z_test.min():+.1f} to {z_test.max():+.1f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# With the honest scaler the test decade lies above every training value: a
# model will have to go where it has never been. The leaky one squeezes the
# test decade towards the training range, with numbers taken from the test
# years. Section 5 shows what that does to a score.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Baselines first
#
# Three forecasts that need little or no training, each scored on the test years:
#
# - **last value**: next month will be this month;
# - **seasonal naive**: the same month a year before, plus the rise over the
#   last 12 months, $x_{t+1-12} + (x_t - x_{t-12})$;
# - **linear autoregression** (AR): a weighted sum of the window's 24
#   months plus a constant, fitted by least squares on the training windows.
#
# MAE is the mean absolute error; RMSE, the root of the mean squared error,
# weighs large misses more.

# %% slideshow={"slide_type": "fragment"}
train12, val12, test12 = forecast.time_split(len(y12), validation=VALIDATION, test=TEST)
ar = LinearAR().fit(X[train], y[train])
ar12 = LinearAR().fit(X12[train12], y12[train12])
baselines = {                # name: (next month, 12 months ahead), on the test windows
    "last value": (forecast.last_value(X[test]), forecast.last_value(X12[test12])),
    "seasonal naive": (forecast.seasonal_naive(X[test]),
                       forecast.seasonal_naive(X12[test12], horizon=12)),
    "linear AR": (ar.predict(X[test]), ar12.predict(X12[test12])),
}
print(f"test years, error in ppm {'next month':>13s} {'12 months ahead':>17s}")
print(f"{'':24s} {'MAE':>6s} {'RMSE':>6s}   {'MAE':>7s} {'RMSE':>7s}")
for name, (next_month, year_ahead) in baselines.items():
    print(f"{name:24s} {forecast.mae(next_month, y[test]):6.2f} "
          f"{forecast.rmse(next_month, y[test]):6.2f}   {forecast.mae(year_ahead, y12[test12]):7.2f} "
          f"{forecast.rmse(year_ahead, y12[test12]):7.2f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The last value misses by the yearly cycle. The seasonal naive forecast
# removes most of that, and the AR does better still, at both horizons: it
# is the model to beat.

# %% [markdown] slideshow={"slide_type": "notes"}
# All three are fitted or defined on the training years only; the 12-month
# windows are split the same way, so both horizons are scored on the same
# test months, July 2016 to June 2026. The AR has 25 numbers to fit (24
# weights and a constant) from 556 training windows.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. A first RNN, on the scaled values
#
# The obvious recipe: scale the windows with the honest scaler, train a
# SimpleRNN of 16 units read at its last step (many-to-one, as in notebook
# 06), and scale its forecast back to ppm. Three seeds, then the same three
# with the leaky scaler.

# %% slideshow={"slide_type": "fragment"}
UNITS, EPOCHS, BATCH, RATE = 16, 15, 64, 0.01     # the same for every RNN in this notebook
SEEDS = (0, 1, 2)


def train_rnnkit(cell, inputs, targets, seed):
    """An rnnkit cell (rnnkit.SimpleRNN or LSTM) of UNITS units read at its last step,
    trained on inputs (N, T, 1) and targets (N, 1)."""
    model = rnnkit.ManyToOne(1, UNITS, 1, seed=seed, cell=cell)
    rnnkit.train(model, inputs, targets, epochs=EPOCHS, batch_size=BATCH,
                 optimizer=rnnkit.Adam(RATE), seed=seed)
    return model


level_errors, level_forecasts = {}, {}
for name, scaler in (("training years", honest), ("every year", leaky)):
    for seed in SEEDS:
        model = train_rnnkit(rnnkit.SimpleRNN, scaler.transform(X[train]),
                             scaler.transform(y[train]), seed)
        level_forecasts[name, seed] = scaler.inverse(model.forward(scaler.transform(X[test])))
        level_errors[name, seed] = forecast.mae(level_forecasts[name, seed], y[test])
for name in ("training years", "every year"):
    maes = [level_errors[name, seed] for seed in SEEDS]
    print(f"scaler fitted on {name:14s}: test MAE from {min(maes):.0f} to {max(maes):.0f} ppm")
print("the leaky scaler scores better in every seed:",
      all(level_errors["every year", s] < level_errors["training years", s] for s in SEEDS))

# %% slideshow={"slide_type": "subslide"}
plots.forecasts(co2.year[L:][test], y[test],
                {f"SimpleRNN on scaled values, seed {s}": level_forecasts["training years", s]
                 for s in SEEDS},
                ylabel="CO$_2$ (ppm)", title="The test decade, honest scaler")
plt.show()
highest = max(level_forecasts["training years", s].max() for s in SEEDS)
print(f"highest training month {y[train].max():.0f} ppm; highest forecast of any seed "
      f"{highest:.0f} ppm; the test decade {y[test].min():.0f} to {y[test].max():.0f} ppm")

# %% [markdown] slideshow={"slide_type": "subslide"}
# It misses by 17 to 28 ppm. Its forecasts start near the highest training
# month and hardly climb, while the test decade climbs to 432 ppm. A tanh unit
# saturates, so the network cannot reach far past the values it was trained
# on, and the test decade lies beyond them.
#
# The leaky scaler makes the same network look better in every seed: it moved
# the test decade towards the training range, using the test years
# themselves. A score computed that way is not a forecast's score.

# %% [markdown] slideshow={"slide_type": "notes"}
# The digits of a failing network depend on its seed, so the cell prints the
# range over three seeds, rounded to whole ppm, and an outcome (better in
# every seed). The leak did not rescue the model; it only flattered it.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Remove the trend: forecast the change
#
# Difference the series, $d_t = x_t - x_{t-1}$. A window becomes its 23
# changes from month to month, the target is the change to the next month,
# and the forecast in ppm is $x_t + \hat d_{t+1}$. Changes stay within a few
# ppm in every decade, so the test years look much like the training years.
# The scaler for the changes is fitted on the training years, as before.

# %% slideshow={"slide_type": "fragment"}
changes = Standardizer().fit(y[train] - X[train, -1])   # the training years' changes only


def to_changes(windows):
    """Windows (N, L, 1) in ppm -> their L - 1 changes from month to month, scaled: (N, L - 1, 1)."""
    return changes.transform(np.diff(windows, axis=1))


def from_change(windows, z):
    """The scaled change z (N, 1) forecast after each window -> the forecast in ppm (N, 1)."""
    return windows[:, -1] + changes.inverse(z)


Z_train, z_train = to_changes(X[train]), changes.transform(y[train] - X[train, -1])
print("inputs", Z_train.shape, " targets", z_train.shape)
d_train, d_test = np.diff(ppm[:train.stop + L]), np.diff(ppm[-TEST - 1:])
print(f"changes in a month: training years {d_train.min():+.1f} to {d_train.max():+.1f} ppm, "
      f"test years {d_test.min():+.1f} to {d_test.max():+.1f} ppm")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Four RNNs on the same windows, scored on the same test years, each with 16
# units, 15 epochs, batches of 64 and Adam at 0.01. First rnnkit's SimpleRNN
# and LSTM, in NumPy, three seeds each:

# %% slideshow={"slide_type": "fragment"}
predictors = {}           # (name, seed) -> a function: windows (N, L, 1) in ppm -> forecasts (N, 1)
for name, cell in (("rnnkit SimpleRNN", rnnkit.SimpleRNN), ("rnnkit LSTM", LSTM)):
    for seed in SEEDS:
        model = train_rnnkit(cell, Z_train, z_train, seed)
        predictors[name, seed] = lambda windows, m=model: from_change(
            windows, m.forward(to_changes(windows)))
print("trained:", ", ".join(f"{name} seed {seed}" for name, seed in predictors))

# %% [markdown] slideshow={"slide_type": "fragment"}
# Then Keras' SimpleRNN and LSTM, one run each to keep the notebook quick.
# rnnkit's three seeds show how far runs of the same models differ.

# %% slideshow={"slide_type": "fragment"}
def train_keras(layer):
    """Input -> layer(UNITS) -> Dense(1), in Keras, trained on the same data as rnnkit's."""
    keras.utils.set_random_seed(SEED)
    model = keras.Sequential([keras.Input(shape=(None, 1)), layer(UNITS), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=keras.optimizers.Adam(RATE))
    model.fit(Z_train.astype("float32"), z_train.astype("float32"), epochs=EPOCHS,
              batch_size=BATCH, verbose=0)
    return model


for name, layer in (("Keras SimpleRNN", keras.layers.SimpleRNN), ("Keras LSTM", keras.layers.LSTM)):
    model = train_keras(layer)
    predictors[name, SEED] = lambda windows, m=model: from_change(
        windows, np.asarray(m(to_changes(windows).astype("float32")), dtype=float))
print("trained: Keras SimpleRNN and Keras LSTM, seed", SEED)

# %% [markdown] slideshow={"slide_type": "notes"}
# Keras computes in float32 and rnnkit here in float64; the printed errors
# below are rounded to 0.01 ppm, which neither the precision nor a change of
# CPU moves (the portability test re-runs this notebook on other kernels and
# with oneDNN on).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Stack two recurrent layers
#
# A deeper RNN puts one recurrent layer on top of another. The upper layer
# must read a sequence, one vector per time step. Try it as you would write
# it first:

# %% slideshow={"slide_type": "fragment"}
try:
    keras.Sequential([keras.Input(shape=(None, 1)),
                      keras.layers.SimpleRNN(UNITS, name="lower"),
                      keras.layers.SimpleRNN(UNITS, name="upper"),
                      keras.layers.Dense(1, name="output")])
except ValueError as error:
    print("ValueError:", error)

# %% [markdown] slideshow={"slide_type": "subslide"}
# A recurrent layer returns only its last state, $h_T$, shape $(N, 16)$,
# unless told otherwise. The upper layer needs $(N, T, 16)$: its `ndim=3`.
# With `return_sequences=True` the lower layer returns its state at every
# step, $h_1, \dots, h_T$, and the upper layer reads them as its sequence.

# %% slideshow={"slide_type": "fragment"}
stacked = keras.Sequential([keras.Input(shape=(None, 1)),
                            keras.layers.SimpleRNN(UNITS, return_sequences=True, name="lower"),
                            keras.layers.SimpleRNN(UNITS, name="upper"),
                            keras.layers.Dense(1, name="output")])
for layer in stacked.layers:
    print(f"{layer.name:6s} returns shape {layer.output.shape}")
print("5 windows in:", Z_train[:5].shape, "-> out:", tuple(stacked(Z_train[:5]).shape))

# %% [markdown] slideshow={"slide_type": "notes"}
# Every recurrent layer but the last needs return_sequences=True; the last
# one keeps the default when a single forecast follows. None in a shape is
# Keras' "any size": the batch, and the time steps (Input(shape=(None, 1))).
# Exercise 4 trains this model.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. The results
#
# Every forecast of the next month on the 120 test months, in ppm; for
# rnnkit's models the mean over three seeds and the range of their MAE. The
# mean error is the bias: below zero, the forecasts are too low on average.

# %% slideshow={"slide_type": "fragment"}
def errors(forecasts):
    """(MAE, RMSE, mean error) in ppm of forecasts (N, 1) of the test months."""
    return (forecast.mae(forecasts, y[test]), forecast.rmse(forecasts, y[test]),
            float(np.mean(forecasts - y[test])))


table = {name: [errors(next_month)] for name, (next_month, _) in baselines.items()}
for name, seed in predictors:
    table.setdefault(name, []).append(errors(predictors[name, seed](X[test])))
print(f"{'next month, 2016-07 to 2026-06':31s} {'MAE':>5s} {'RMSE':>5s} {'mean error':>11s}")
for name, runs in table.items():
    runs = np.array(runs)
    label = f"{name}, {len(runs)} seeds" if len(runs) > 1 else name
    spread = f"  MAE {runs[:, 0].min():.2f} to {runs[:, 0].max():.2f}" if len(runs) > 1 else ""
    print(f"{label:31s} {runs[:, 0].mean():5.2f} {runs[:, 1].mean():5.2f} "
          f"{runs[:, 2].mean():+11.2f}{spread}")

# %% slideshow={"slide_type": "fragment"}
rnn_maes = [errors(predictors[key](X[test]))[0] for key in predictors]
print(f"RNN runs: {len(rnn_maes)}; the linear AR beats all of them:",
      all(mae > table["linear AR"][0][0] for mae in rnn_maes))
print(f"RNN runs better than the seasonal naive forecast: "
      f"{sum(mae < table['seasonal naive'][0][0] for mae in rnn_maes)} of {len(rnn_maes)}")
print(f"the AR's MAE below the best RNN run's by {min(rnn_maes) - table['linear AR'][0][0]:.2f} ppm")
too_low = sum(errors(predictors[key](X[test]))[2] < 0 for key in predictors)
print(f"RNN runs whose forecasts are too low on average: {too_low} of {len(predictors)}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The linear AR is the best forecaster, by 0.07 ppm over the best RNN run.
# The RNNs come second, close together: seven of the eight runs beat the
# seasonal naive forecast, and the LSTM is no better than the SimpleRNN.
# Every RNN forecasts too low on average.

# %% [markdown] slideshow={"slide_type": "notes"}
# Three seeds of the rnnkit models, one run of each Keras model: the table
# allows "the AR wins against every run" and "the RNNs are close together",
# not a ranking among the RNNs. Keras' runs land inside or next to rnnkit's
# range, as they should: the same models, trained the same way.

# %% slideshow={"slide_type": "subslide"}
shown = slice(TEST - 36, TEST)                    # the last three years of the test
plots.forecasts(co2.year[L:][test][shown], y[test][shown],
                {"seasonal naive": baselines["seasonal naive"][0][shown],
                 "linear AR": baselines["linear AR"][0][shown],
                 "Keras LSTM": predictors["Keras LSTM", SEED](X[test][shown])},
                ylabel="CO$_2$ (ppm)", title="Next month, the last three years")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# Further ahead, a one-month forecaster feeds each forecast back in as the
# newest month. Here: from June 2024, 24 months ahead, against what happened.

# %% slideshow={"slide_type": "fragment"}
AHEAD = 24
start = len(ppm) - AHEAD                          # forecast the last two years of the record
history = ppm[start - L:start]                    # the 24 months up to June 2024
recursive = {"seasonal naive": forecast.recursive_forecast(forecast.seasonal_naive, history, AHEAD),
             "linear AR": forecast.recursive_forecast(ar.predict, history, AHEAD)}
for seed in SEEDS:
    recursive[f"rnnkit SimpleRNN, seed {seed}"] = forecast.recursive_forecast(
        predictors["rnnkit SimpleRNN", seed], history, AHEAD)
print(f"what happened: a rise of {(ppm[-1] - history[-1]) / 2:.1f} ppm a year; the training "
      f"years rose {12 * np.mean(y[train] - X[train, -1]):.1f} ppm a year on average")
for name, path in recursive.items():
    print(f"{name:26s} MAE {forecast.mae(path, ppm[start:]):.2f} ppm, largest miss "
          f"{np.abs(path - ppm[start:]).max():.1f} ppm, a rise of {(path[-1] - history[-1]) / 2:.1f} "
          f"ppm a year")

# %% slideshow={"slide_type": "subslide"}
plots.forecasts(co2.year[start:], ppm[start:], recursive, ylabel="CO$_2$ (ppm)",
                title=f"24 months ahead from {co2.month[start - 1]}")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# The AR misses by 0.3 ppm on average and by at most 0.9 over two years. The
# RNNs forecast a rise of 0.9 to 1.4 ppm a year, no faster than the training
# years' average, while CO2 rose 2.3 ppm a year: they fall further behind
# every month.

# %% [markdown] slideshow={"slide_type": "notes"}
# After the first step the recursive forecast sees only its own forecasts,
# so a small bias each month adds up. The seasonal naive forecast repeats the
# rise of the last year it saw (June 2023 to June 2024, a fast one) for two
# years. Print each path's months to see where it drifts.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 9. Which wins, and why
#
# The linear AR wins, against every RNN run. Why:
#
# - the record is a trend plus a fixed cycle plus noise, and a weighted sum
#   of the last 24 months can follow a trend and a cycle exactly;
# - nothing squashes the AR's output, so it extrapolates to levels it never saw;
# - the RNNs learnt the changes of 1960 to 2006 and forecast too low now
#   that CO2 rises faster (their mean error is below zero).
#
# And what the AR leaves is close to noise: its errors a month, two months or
# a year apart are barely related.

# %% slideshow={"slide_type": "fragment"}
ar_errors = (baselines["linear AR"][0] - y[test])[:, 0]
for lag in (1, 2, 12):
    r = np.corrcoef(ar_errors[:-lag], ar_errors[lag:])[0, 1]
    print(f"correlation of the AR's test errors {lag:2d} month(s) apart: {r:+.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Would the RNN win with a longer window? Three years instead of two, for the
# AR and for rnnkit's SimpleRNN on the changes, three seeds:

# %% slideshow={"slide_type": "fragment"}
X36, y36 = forecast.sliding_windows(ppm, length=36)
train36, _, test36 = forecast.time_split(len(y36), validation=VALIDATION, test=TEST)
ar36 = LinearAR().fit(X36[train36], y36[train36])
changes36 = Standardizer().fit(y36[train36] - X36[train36, -1])
long_maes = []
for seed in SEEDS:
    model = train_rnnkit(rnnkit.SimpleRNN, changes36.transform(np.diff(X36[train36], axis=1)),
                         changes36.transform(y36[train36] - X36[train36, -1]), seed)
    z = model.forward(changes36.transform(np.diff(X36[test36], axis=1)))
    long_maes.append(forecast.mae(X36[test36, -1] + changes36.inverse(z), y36[test36]))
print(f"L = 36: linear AR MAE {forecast.mae(ar36.predict(X36[test36]), y36[test36]):.2f} ppm; "
      f"SimpleRNN MAE from {min(long_maes):.2f} to {max(long_maes):.2f} ppm")

# %% [markdown] slideshow={"slide_type": "subslide"}
# No. Removing the trend took the RNN from tens of ppm to within about 0.1
# ppm of the AR; neither a longer window nor a gated cell closed that gap.
# On this series nothing in this notebook lets an RNN beat a linear model,
# and that is the lesson: a nearly linear series is a linear model's home
# ground. RNNs earn their cost where the dynamics are nonlinear or many
# related series train one model (see further reading). Score a baseline
# first, always.

# %% [markdown] slideshow={"slide_type": "notes"}
# What else could be tried: more units or epochs, the level as a second
# input, an RNN that forecasts the AR's errors. Each is a fair exercise; none
# is shown here, so the claim above is only about what this notebook ran.
# The seasonal naive forecast is itself a weighted sum of the window (weights
# 1, 1 and -1), so on the training windows the AR's squared error can only be
# lower than the seasonal naive's: least squares picks the best such sum. Hyndman and Athanasopoulos (further reading) place the AR
# in the ARIMA family, the standard tool for a series like this one.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Cut a series into windows $(N, L, 1)$ of the last $L$ values, with the
#   value $h$ steps on as the target.
# - Split by time; fit every scaler on the training years only. A scaler
#   that has seen the test years flatters the score.
# - Score the baselines first: last value, seasonal naive, linear AR.
# - On the CO2 record an RNN needs the trend removed to come close, and the
#   linear AR still wins, one month and 24 months ahead.
# - Stacked recurrent layers need `return_sequences=True` below the top one.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# **Exercise 1.** Write the windows. Fill in `my_windows` so that it returns
# `X` of shape $(N, L, 1)$ and `y` of shape $(N, 1)$, with $N = M - L$:
# window $i$ holds the $L$ values just before `y[i]`. The check calls it on
# the CO2 record.

# %% slideshow={"slide_type": "fragment"}
def my_windows(series, L):
    """series (M,) -> X (N, L, 1), the windows, and y (N, 1), the value after each."""
    X_list, y_list = [], []
    for i in range(0):                 # replace 0: the number of windows, N
        X_list.append(series[i:i])     # replace series[i:i]: window i, its L values, shape (L, 1)
        y_list.append(series[i:i])     # replace series[i:i]: the value after it, shape (1,)
    return np.array(X_list), np.array(y_list)


_ = ex.check_windows(my_windows, ppm)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: window i is series[i:i + L]; its target is the next value, series[i + L].
# series[i:i + L, None] keeps a feature axis of size 1, as the RNNs need.
def my_windows(series, L):
    X_list, y_list = [], []
    for i in range(len(series) - L):
        X_list.append(series[i:i + L, None])
        y_list.append(series[i + L:i + L + 1])
    return np.array(X_list), np.array(y_list)


_ = ex.check_windows(my_windows, ppm)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Compute the seasonal naive forecast of the month after each
# test window yourself, from `X[test]` alone: the same month a year before the
# target, plus the rise over the last 12 months. Shape $(N, 1)$.

# %% slideshow={"slide_type": "fragment"}
my_forecast = None  # replace None with your code, using X[test]
_ = ex.check_seasonal_naive(my_forecast, X[test])

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the target is one month after X[:, -1], so the same month a year before it is
# X[:, -12]; the rise over the last 12 months is X[:, -1] - X[:, -13].
windows = X[test]
my_forecast = windows[:, -12] + (windows[:, -1] - windows[:, -13])
_ = ex.check_seasonal_naive(my_forecast, X[test])

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** Find the leak. Which of these scalers use the test years?
# Answer with their letters, e.g. `"bc"`; the check finds out by changing the
# test years and watching which scalers move.

# %% slideshow={"slide_type": "fragment"}
for letter, code in ex.SCALINGS.items():
    print(f"{letter}  {code}")
my_leaks = None  # replace None with the letters, e.g. "bc"
_ = ex.check_leaky_scalings(my_leaks, ppm, L, VALIDATION, TEST)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: ppm is the whole record (a), and X[:, -1] takes the last month of every window,
# the test windows' too (d). y[train] and X[train] hold training months only, and
# ppm[:-TEST] stops where the test decade starts.
my_leaks = "ad"
_ = ex.check_leaky_scalings(my_leaks, ppm, L, VALIDATION, TEST)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4 (open).** Train the stacked model of section 7 on `Z_train`
# and `z_train` as `train_keras` does, and add it to the table of section 8.
# Does depth help here? Run more than one seed before you answer.
#
# **Exercise 5 (open).** Train rnnkit's SimpleRNN for the 12-month horizon:
# the windows `X12`, the target `y12 - X12[:, -1]` (the change over a year,
# scaled by its own `Standardizer` fitted on the training windows). Does it
# come closer to the AR a year ahead than a month ahead?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Aurélien Géron, *Hands-On Machine Learning with Scikit-Learn, Keras and
#   TensorFlow*, 3rd ed. (2022), chapter 15: forecasting Chicago's ridership
#   with naive baselines, ARIMA, linear models and deep RNNs
#   (the handson-ml3 notebooks).
# - Rob J. Hyndman and George Athanasopoulos, *Forecasting: Principles and
#   Practice*, 3rd ed., otexts.com/fpp3: chapter 5 (the simple benchmarks and
#   how to measure forecast errors) and chapter 9 (ARIMA).
# - NOAA Global Monitoring Laboratory, "Trends in atmospheric carbon
#   dioxide", gml.noaa.gov/ccgg/trends: the record and how it is measured.
# - Keras guide, [Working with RNNs](https://keras.io/guides/working_with_rnns/):
#   `return_sequences` and stacking.
#
# **Next:** back to the course map in notebook 00.
