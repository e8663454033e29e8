# %% [markdown] slideshow={"slide_type": "slide"}
# # Forecast the CO2 record: baselines first, then RNNs
#
# **What you will do.** Forecast the CO2 at Mauna Loa a month and a year
# ahead, scored in ppm on its last ten years: baselines first, then four
# RNNs set up on the decade before.
#
# **What you will learn.**
# - to cut a series into windows and split it by time;
# - to fit scaling on the training years only, and what leaks otherwise;
# - to choose settings on a validation decade, refit, and test once;
# - what an RNN needs on a trending series, and when a linear model wins;
# - how to stack recurrent layers.
#
# **What you need.** Notebooks 06 (many-to-one regression in Keras) and 08
# (the LSTM and GRU).
#
# **Time.** About 45 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/09_forecast_co2.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The course's first real series. The method matters more than the model:
# split by time, fit the scaling on the past, score the baselines first,
# choose on the validation decade and look at the test decade once. Ask the
# room to bet on the winner before section 9, and again before section 10.
#
# </details>

# %% slideshow={"slide_type": "skip"} tags=["install-rnnkit"]
# rnnkit, the course's package, and what this notebook needs are already here when you run
# the course from its folder, and then this cell does nothing. On Colab, or in a Jupyter
# without the course, it installs what is missing of rnnkit (widgets, keras) from the
# course's repository first: about a minute.
import importlib.util

extra_of = {'ipywidgets': 'widgets', 'keras': 'keras', 'tensorflow': 'keras'}
missing = [name for name in ("rnnkit", *extra_of) if importlib.util.find_spec(name) is None]
if missing:
    import os
    import site
    import subprocess
    import sys

    source = os.environ.get("RNN_COURSE_SOURCE", "git+https://github.com/OWNER/REPO")
    extras = ",".join(sorted({extra_of[name] for name in missing if name in extra_of}))
    requirement = f"rnnkit[{extras}]" if extras else "rnnkit"
    print(f"Installing {requirement} from {source} ...")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", f"{requirement} @ {source}"],
        capture_output=True, text=True,
        env=dict(os.environ, PIP_ROOT_USER_ACTION="ignore", PIP_DISABLE_PIP_VERSION_CHECK="1"))
    if done.returncode != 0:
        raise RuntimeError(f"pip could not install rnnkit:\n{done.stderr[-3000:]}")
    # Matplotlib builds its font cache once, here, instead of warning about it in the next cell.
    subprocess.run([sys.executable, "-c", "import matplotlib.pyplot"], capture_output=True)
    if site.ENABLE_USER_SITE:      # where pip puts packages when the environment is read-only
        site.addsitedir(site.getusersitepackages())
    importlib.invalidate_caches()
    print("Done: rnnkit is installed.")

# %% slideshow={"slide_type": "skip"}
import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import datasets, forecast
from rnnkit.course import plots
from rnnkit.course.exercises import forecast_co2 as ex
from rnnkit.forecast import LinearAR, Standardizer

keras = rnnkit.keras_bridge.import_keras()           # Keras, for section 7

plots.use_style()
SEED = 0  # one fixed seed: the same weights and batch order, so the same printed numbers, on every run
rnnkit.keras_bridge.repeatable(SEED)  # seeds Python, NumPy and TensorFlow; TF's sums repeatable

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
# <details class="notes"><summary>For the instructor</summary>
#
# The black curve is the source's own seasonally adjusted series. NOAA
# averages the seasonal cycle over a seven-year window around each month, so
# at month t it already knows years after t: fine for a picture, a leak as a
# model's input. The bars are the record minus that curve, averaged by
# calendar month.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Windows: the last $L$ months, then the next
#
# A forecaster reads a window of the last $L$ months and predicts the next
# one. Sliding the window a month at a time turns one series into $N$
# examples, in the shape an RNN reads: $(N, L, 1)$, one value per time step.
# We take $L = 24$, two full yearly cycles, for now: each model will choose
# its own window.

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
# <details class="notes"><summary>For the instructor</summary>
#
# Window i is series[i : i + L] and its target series[i + L + h - 1]: with
# M = 820 months there are M - L - h + 1 windows. Exercise 1 has the students
# write that loop; rnnkit.forecast.sliding_windows is the same loop.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Split by time, and scale with the past only
#
# A forecast is judged on a future it has not seen, so the split follows
# time, in three parts: train on the early decades, **validate** on the next
# ten years to choose each model's settings, and **test** on the last ten.
# Once the settings are chosen, each model is trained again on the training
# and validation years together (the past) and scored on the test decade,
# once. A random split would train on 2020 and test on 2019: that measures
# filling gaps, not forecasting.

# %% slideshow={"slide_type": "fragment"}
VALIDATION = TEST = 120                           # ten years each; the test is the last decade
train, val, test = forecast.time_split(len(y), validation=VALIDATION, test=TEST)
past = slice(0, val.stop)                         # training and validation years: the refit
for name, part in (("train", train), ("validation", val), ("test", test), ("past", past)):
    print(f"{name:10s} {part.stop - part.start:3d} windows, forecasting {months[part][0]} "
          f"to {months[part][-1]}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Networks train best on inputs near 0 with a spread near 1, so we
# standardise: $z = (x - \text{mean}) / \text{std}$. Fitted on the training
# years, the mean and std describe the past. Fitted on every year, they have
# seen the years a model is scored on: the future pulls the mean up and
# tells the model where the future lies.

# %% slideshow={"slide_type": "fragment"}
honest = Standardizer().fit(y[train])             # the training years only
leaky = Standardizer().fit(ppm)                   # every month, validation and test included
print(f"{'scaler fitted on':18s} {'mean':>6s}   z of the months forecast, in the years of")
print(f"{'':18s} {'':6s}   {'training':15s}{'validation':15s}test")
for name, scaler in (("the training years", honest), ("every year", leaky)):
    z = [scaler.transform(y[part]) for part in (train, val, test)]
    print(f"{name:18s} {scaler.mean:6.1f}   " + "   ".join(f"{p.min():+.1f} to {p.max():+.1f}"
                                                          for p in z))

# %% [markdown] slideshow={"slide_type": "fragment"}
# With the honest scaler the validation decade reaches above every training
# value, and the test decade lies wholly above them: a model will have to go
# where it has never been. The leaky one squeezes both towards the training
# range, with numbers taken from the years it will be scored on. Section 5
# shows what that does to a score.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Baselines first
#
# Three forecasts that need little or no training:
#
# - **last value**: next month will be this month;
# - **seasonal naive**: the same month a year before, plus the rise over the
#   last 12 months, $x_{t+1-12} + (x_t - x_{t-12})$;
# - **linear autoregression** (AR): a weighted sum of the window's $L$
#   months plus a constant, fitted by least squares.
#
# The AR has one setting, its window: $L = 12$ or $24$, chosen on the
# validation decade, then refitted on the past. The networks of section 8
# will read the window it chooses.

# %% slideshow={"slide_type": "fragment"}
WINDOWS = (12, 24)                                # the windows the AR may choose from


def split_windows(L, horizon=1):
    """Windows (N, L, 1) of the record, their targets (N, 1), and the slices (train, val,
    test, past): the parts are counted from the end, so they hold the same target months
    at every L."""
    X_L, y_L = forecast.sliding_windows(ppm, length=L, horizon=horizon)
    parts = forecast.time_split(len(y_L), validation=VALIDATION, test=TEST)
    return X_L, y_L, (*parts, slice(0, parts[1].stop))


def chosen_ar(horizon):
    """The AR whose window does best on the validation decade, refitted on the past:
    (L, the AR, {L: validation MAE})."""
    scores = {}
    for L_ar in WINDOWS:
        X_L, y_L, (tr, va, _, _) = split_windows(L_ar, horizon)
        scores[L_ar] = forecast.mae(LinearAR().fit(X_L[tr], y_L[tr]).predict(X_L[va]), y_L[va])
    best = min(scores, key=scores.get)
    X_L, y_L, (_, _, _, pa) = split_windows(best, horizon)
    return best, LinearAR().fit(X_L[pa], y_L[pa]), scores


train12, val12, test12 = forecast.time_split(len(y12), validation=VALIDATION, test=TEST)
L_ar, ar, ar_scores = chosen_ar(horizon=1)
L_ar12, ar12, ar12_scores = chosen_ar(horizon=12)
for name, scores, best in (("next month", ar_scores, L_ar),
                           ("12 months ahead", ar12_scores, L_ar12)):
    print(f"AR, {name:15s} validation MAE: " + ", ".join(f"L = {k} {v:.2f} ppm"
                                                          for k, v in scores.items())
          + f"; chosen: L = {best}")

# %% slideshow={"slide_type": "subslide"}
baselines = {                # name: (next month, 12 months ahead), on the test windows
    "last value": (forecast.last_value(X[test]), forecast.last_value(X12[test12])),
    "seasonal naive": (forecast.seasonal_naive(X[test]),
                       forecast.seasonal_naive(X12[test12], horizon=12)),
    "linear AR": (ar.predict(X[test][:, -L_ar:]), ar12.predict(X12[test12][:, -L_ar12:])),
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
# <details class="notes"><summary>For the instructor</summary>
#
# X[test][:, -L:] keeps the last L months of each 24-month window, so every
# model is scored on the same test months, July 2016 to June 2026, whatever
# its window. The 12-month windows are split the same way. The AR fitted on
# the past has L + 1 numbers to fit (L weights and a constant) from 676
# windows.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. A first RNN, on the scaled values
#
# The obvious recipe: scale the windows with the honest scaler, train a
# SimpleRNN of 16 units read at its last step (many-to-one, as in notebook
# 06), and scale its forecast back to ppm. Three seeds, then the same three
# with the leaky scaler. We are still choosing how to model, so it is scored
# on the validation decade: the test decade waits for the end.

# %% slideshow={"slide_type": "fragment"}
SEEDS, BATCH, RATE = (0, 1, 2), 64, 0.03          # every RNN here: batches of 64, Adam at 0.03


def train_rnnkit(network, units, inputs, targets, epochs, seed):
    """An rnnkit network class (rnnkit.SimpleRNN, LSTM, GRU ...) of ``units`` units read at its
    last step, trained on inputs (N, T, 1) and targets (N, 1) for ``epochs`` epochs."""
    model = rnnkit.ManyToOne(1, units, 1, seed=seed, cell=network)
    rnnkit.train(model, inputs, targets, epochs=epochs, batch_size=BATCH,
                 optimizer=rnnkit.Adam(RATE), seed=seed)
    return model


level_errors, level_forecasts = {}, {}
for name, scaler in (("training years", honest), ("every year", leaky)):
    for seed in SEEDS:
        model = train_rnnkit(rnnkit.SimpleRNN, 16, scaler.transform(X[train]),
                             scaler.transform(y[train]), 20, seed)
        level_forecasts[name, seed] = scaler.inverse(model.forward(scaler.transform(X[val])))
        level_errors[name, seed] = forecast.mae(level_forecasts[name, seed], y[val])
for name in ("training years", "every year"):
    maes = [level_errors[name, seed] for seed in SEEDS]
    print(f"scaler fitted on {name:14s}: validation MAE from {min(maes):.0f} to "
          f"{max(maes):.0f} ppm")
print("the leaky scaler scores better in every seed:",
      all(level_errors["every year", s] < level_errors["training years", s] for s in SEEDS))

# %% slideshow={"slide_type": "subslide"}
plots.forecasts(co2.year[L:][val], y[val],
                {f"SimpleRNN on scaled values, seed {s}": level_forecasts["training years", s]
                 for s in SEEDS},
                ylabel="CO$_2$ (ppm)", title="The validation decade, honest scaler")
plt.show()
highest = max(level_forecasts["training years", s].max() for s in SEEDS)
print(f"highest training month {y[train].max():.0f} ppm; highest forecast of any seed "
      f"{highest:.0f} ppm; the validation decade {y[val].min():.0f} to {y[val].max():.0f} ppm; "
      f"seasonal naive MAE there {forecast.mae(forecast.seasonal_naive(X[val]), y[val]):.2f} ppm")

# %% [markdown] slideshow={"slide_type": "subslide"}
# It misses by 3 to 5 ppm, about ten times the seasonal naive forecast's
# miss. Its forecasts climb more slowly than the validation decade, and the
# highest stays below the decade's top. A tanh unit saturates, so the network cannot
# reach far past the values it was trained on, and the years to forecast lie
# beyond them.
#
# The leaky scaler makes the same network look better in every seed: it moved
# the validation decade towards the training range, using those years
# themselves. A score computed that way is not a forecast's score.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The digits of a failing network depend on its seed, so the cell prints the
# range over three seeds, rounded to whole ppm, and an outcome (better in
# every seed). The leak did not rescue the model; it only flattered it.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Remove the trend: forecast the change
#
# Difference the series, $d_t = x_t - x_{t-1}$. A window becomes its $L - 1$
# changes from month to month, the target is the change to the next month,
# and the forecast in ppm is $x_t + \hat d_{t+1}$. Changes stay within a few
# ppm in every decade, so the test years look much like the training years.
# The scaler for the changes is fitted on the years the model trains on.

# %% slideshow={"slide_type": "fragment"}
changes = Standardizer().fit(y[train] - X[train, -1])   # the training years' changes only
Z_train = changes.transform(np.diff(X[train], axis=1))   # (N, L - 1, 1): the changes, scaled
z_train = changes.transform(y[train] - X[train, -1])     # (N, 1): the change to the next month
print("inputs", Z_train.shape, " targets", z_train.shape)
d_train, d_test = np.diff(ppm[:train.stop + L]), np.diff(ppm[-TEST - 1:])
print(f"changes in a month: training years {d_train.min():+.1f} to {d_train.max():+.1f} ppm, "
      f"test years {d_test.min():+.1f} to {d_test.max():+.1f} ppm")


# %% slideshow={"slide_type": "subslide"}
def train_on_changes(network, units, X_fit, y_fit, epochs, seed, X_val=None, y_val=None):
    """A network of ``units`` units, read at its last step, trained on the changes of windows
    X_fit (N, L, 1) and their targets y_fit (N, 1), scaled on these windows only.

    epochs: the lengths to stop at, rising, e.g. (10, 20). Returns (predict, maes): predict,
    windows (M, >= L, 1) in ppm -> the next month (M, 1) in ppm, reading the last L months;
    and the MAE on (X_val, y_val) at each length of ``epochs``, if they are given.
    """
    L_fit = X_fit.shape[1]
    scaler = Standardizer().fit(y_fit - X_fit[:, -1])
    model = rnnkit.ManyToOne(1, units, 1, seed=seed, cell=network)

    def predict(windows):
        windows = windows[:, -L_fit:]
        z = model.forward(scaler.transform(np.diff(windows, axis=1)))
        return windows[:, -1] + scaler.inverse(z)

    adam, done, maes = rnnkit.Adam(RATE), 0, []
    for total in epochs:
        rnnkit.train(model, scaler.transform(np.diff(X_fit, axis=1)),
                     scaler.transform(y_fit - X_fit[:, -1]), epochs=total - done,
                     batch_size=BATCH, optimizer=adam, seed=seed + total)
        done = total
        if X_val is not None:
            maes.append(forecast.mae(predict(X_val), y_val))
    return predict, maes


# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The function keeps everything a forecaster needs: the scaler fitted on its
# own training windows (so the refit on the past gets its own), the model,
# and the window length it reads. Stopping at 10 and then 20 epochs scores two
# training lengths from one run.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Stack two recurrent layers
#
# A deeper RNN puts one recurrent layer on top of another. The upper layer
# must read a sequence, one vector per time step. Try it in Keras as you
# would write it first:

# %% slideshow={"slide_type": "fragment"}
try:
    keras.Sequential([keras.Input(shape=(None, 1)),
                      keras.layers.SimpleRNN(16, name="lower"),
                      keras.layers.SimpleRNN(16, name="upper"),
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
                            keras.layers.SimpleRNN(16, return_sequences=True, name="lower"),
                            keras.layers.SimpleRNN(16, name="upper"),
                            keras.layers.Dense(1, name="output")])
for layer in stacked.layers:
    print(f"{layer.name:6s} returns shape {layer.output.shape}")
print("5 windows in:", Z_train[:5].shape, "-> out:", tuple(stacked(Z_train[:5]).shape))

# %% [markdown] slideshow={"slide_type": "subslide"}
# rnnkit stacks the same way: `rnnkit.SimpleRNN(D, H, O, layers=2)` feeds
# layer 1's $h_t$ at every step to layer 2. Read at its last step, it holds
# as many numbers as the Keras model above.

# %% slideshow={"slide_type": "fragment"}
class TwoLayerRNN(rnnkit.SimpleRNN):
    """rnnkit.SimpleRNN with layers=2, as a class that rnnkit.ManyToOne can take as its cell."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, layers=2, **kwargs)


two_layers = rnnkit.ManyToOne(1, 16, 1, seed=SEED, cell=TwoLayerRNN)
print(", ".join(f"{key} {value.shape}" for key, value in two_layers.params.items()))
print("Keras' stacked model holds the same numbers:",
      sum(p.size for p in two_layers.params.values()) == stacked.count_params())
print("5 windows in:", Z_train[:5].shape, "-> out:", two_layers.forward(Z_train[:5]).shape)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Every recurrent layer but the last needs return_sequences=True; the last
# one keeps the default when a single forecast follows. None in a shape is
# Keras' "any size": the batch, and the time steps (Input(shape=(None, 1))).
# rnnkit's W_xh_2 (H, H) is the upper layer's input weights: it reads h_t.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. Choose on the validation decade, then refit
#
# Four networks on the changes: a SimpleRNN, an LSTM, a GRU and the two-layer
# SimpleRNN, each reading the window the AR chose on the validation decade.
# For each, a small grid, searched with one seed (seed 0), each setting
# trained on the training years and scored on the validation decade:
#
# - the units $H$: 8 or 16;
# - the training length: 10 or 20 epochs (one run, scored twice).
#
# The best setting of each is then trained on the past, three seeds.

# %% slideshow={"slide_type": "fragment"}
NETWORKS = {"SimpleRNN": rnnkit.SimpleRNN, "LSTM": rnnkit.LSTM, "GRU": rnnkit.GRU,
            "2-layer SimpleRNN": TwoLayerRNN}
UNITS, EPOCHS = (8, 16), (10, 20)
X_ar, y_ar, (tr, va, _, pa) = split_windows(L_ar)     # the AR's window, for every network
chosen = {}                                           # name -> (units, epochs)
print(f"{'validation MAE, ppm':18s} {'chosen':22s} {'its MAE':>7s} {'the worst':>10s}")
for name, network in NETWORKS.items():
    scores = {}
    for units in UNITS:
        maes = train_on_changes(network, units, X_ar[tr], y_ar[tr], EPOCHS, SEED,
                                X_ar[va], y_ar[va])[1]
        scores.update({(units, epochs): mae for epochs, mae in zip(EPOCHS, maes)})
    chosen[name] = min(scores, key=scores.get)
    setting = "{} units, {} epochs".format(*chosen[name])
    print(f"{name:18s} {setting:22s} {min(scores.values()):7.2f} {max(scores.values()):10.2f}")
print(f"{'linear AR':18s} {f'window L = {L_ar}':22s} {min(ar_scores.values()):7.2f} "
      f"{max(ar_scores.values()):10.2f}")

# %% slideshow={"slide_type": "subslide"}
predictors = {}           # (name, seed) -> a function: windows (N, L, 1) in ppm -> forecasts (N, 1)
for name, network in NETWORKS.items():
    units, epochs = chosen[name]
    for seed in SEEDS:
        predictors[name, seed] = train_on_changes(network, units, X_ar[pa], y_ar[pa], (epochs,),
                                                  seed)[0]
print(f"trained on the past ({months[past][0]} to {months[past][-1]}): {len(predictors)} runs, "
      f"{len(NETWORKS)} networks by {len(SEEDS)} seeds")

# %% [markdown] slideshow={"slide_type": "fragment"}
# On the validation decade the AR is already ahead of every network's best
# setting. Every network chose 20 epochs, the longest training the grid
# offered, and all but the 2-layer SimpleRNN chose 16 units, the most.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# One seed keeps the search inside the notebook's time (three would take three
# times as long), and the networks take the AR's window rather than search
# their own, for the same reason: each choice is one draw from a small grid.
# That every network took the grid's longest training, and most its largest
# units, says a bigger grid might do better: the comparison is fair (every model chosen
# on the same decade and refitted the same way), not exhaustive. Ask the room
# what they would add.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 9. The results
#
# Every forecast of the next month on the 120 test months, in ppm; for the
# networks the mean over three seeds and the range of their MAE. The mean
# error is the bias: below zero, the forecasts are too low on average.

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
# The linear AR is the best forecaster, 0.03 ppm ahead of the best of the 12
# network runs. The networks come second, close together: every run beats
# the seasonal naive forecast, and most forecast too low on average. Among
# them, three seeds allow little: the LSTM's three runs (0.32 to 0.34) all did
# better than the SimpleRNN's (0.35 to 0.39).

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Three runs of each network: if two networks were equally good, the three
# runs of one would all beat the three of the other one time in twenty by
# chance alone (3! 3! / 6!), so the LSTM's lead is a hint, not a ranking. The
# ranges of the GRU and the two SimpleRNNs overlap. The AR wins against
# every run, which is the claim the table does allow.
#
# </details>

# %% slideshow={"slide_type": "subslide"}
shown = slice(TEST - 36, TEST)                    # the last three years of the test
plots.forecasts(co2.year[L:][test][shown], y[test][shown],
                {"seasonal naive": baselines["seasonal naive"][0][shown],
                 "linear AR": baselines["linear AR"][0][shown],
                 "LSTM, seed 0": predictors["LSTM", SEED](X[test][shown])},
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
             "linear AR": forecast.recursive_forecast(
                 lambda windows: ar.predict(windows[:, -L_ar:]), history, AHEAD)}
for seed in SEEDS:
    recursive[f"SimpleRNN, seed {seed}"] = forecast.recursive_forecast(
        predictors["SimpleRNN", seed], history, AHEAD)
print(f"what happened: a rise of {(ppm[-1] - history[-1]) / 2:.1f} ppm a year; the past "
      f"rose {12 * np.mean(y[past] - X[past, -1]):.1f} ppm a year on average")
for name, path in recursive.items():
    print(f"{name:26s} MAE {forecast.mae(path, ppm[start:]):.2f} ppm, largest miss "
          f"{np.abs(path - ppm[start:]).max():.1f} ppm, a rise of {(path[-1] - history[-1]) / 2:.1f} "
          f"ppm a year")

# %% slideshow={"slide_type": "subslide"}
plots.forecasts(co2.year[start:], ppm[start:], recursive, ylabel="CO$_2$ (ppm)",
                title=f"24 months ahead from {co2.month[start - 1]}")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# The AR misses by 0.3 ppm on average and by at most 0.8 over two years. The
# SimpleRNNs forecast a rise of 1.2 to 1.3 ppm a year, slower than even the
# past's average, while CO2 rose 2.3 ppm a year: they fall further behind
# every month.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# After the first step the recursive forecast sees only its own forecasts,
# so a small bias each month adds up. The seasonal naive forecast repeats the
# rise of the last year it saw (June 2023 to June 2024, a fast one) for two
# years. Print each path's months to see where it drifts.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 10. Which wins, and why
#
# The linear AR wins, against every network run, every model chosen on the
# validation decade and refitted on the past. Why:
#
# - the record is a trend plus a fixed cycle plus noise, and a weighted sum
#   of the last 24 months can follow a trend and a cycle exactly;
# - nothing squashes the AR's output, so it extrapolates to levels it never saw;
# - the networks learnt their changes from 1960 to 2016: most runs forecast
#   too low on average, and fed their own forecasts the SimpleRNNs rise more
#   slowly than CO2 now does.
#
# And what the AR leaves is close to noise: its errors a month, two months or
# a year apart are barely related.

# %% slideshow={"slide_type": "fragment"}
ar_errors = (baselines["linear AR"][0] - y[test])[:, 0]
for lag in (1, 2, 12):
    r = np.corrcoef(ar_errors[:-lag], ar_errors[lag:])[0, 1]
    print(f"correlation of the AR's test errors {lag:2d} month(s) apart: {r:+.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Removing the trend took the SimpleRNN's validation MAE from 3 to 5 ppm
# (section 5) to 0.30, against the AR's 0.27 (section 8). A window, units
# and training length chosen on the validation decade, a gated cell or a
# second layer did not close that gap. On this series nothing in this notebook lets an RNN
# beat a linear model, and that is the lesson: a nearly linear series is a
# linear model's home ground. RNNs earn their cost where the dynamics are
# nonlinear or many related series train one model (see further reading).
# Score a baseline first, always.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# What else could be tried: a bigger grid (section 8), the level as a second
# input, an RNN that forecasts the AR's errors. Each is a fair exercise; none
# is shown here, so the claim above is only about what this notebook ran.
# The seasonal naive forecast is itself a weighted sum of the window (weights
# 1, 1 and -1), so on the fitted windows the AR's squared error can only be
# lower than the seasonal naive's: least squares picks the best such sum.
# Hyndman and Athanasopoulos (further reading) place the AR in the ARIMA
# family, the standard tool for a series like this one.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Cut a series into windows $(N, L, 1)$ of the last $L$ values, and a
#   target $h$ steps on.
# - Split by time into training, validation and test years. A scaler that
#   has seen the years it is scored on flatters the score.
# - Choose each model's settings on the validation decade, refit on all the
#   past, and score the test decade once.
# - Score the baselines first: last value, seasonal naive, linear AR.
# - On the CO2 record an RNN needs the trend removed to come close, and the
#   linear AR still wins: against every run of four networks a month ahead,
#   and of the SimpleRNN 24 months ahead.
# - Keras stacks recurrent layers with `return_sequences=True` below the top
#   one; rnnkit with `layers=2`.

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
# **Exercise 4.** Does depth help here? Section 8 trained the stacked model
# of section 7 (rnnkit's 2-layer SimpleRNN) over the same seeds as the
# one-layer SimpleRNN. For each seed, print the test MAE of both
# (`errors(predictors[name, seed](X[test]))[0]`) and which is lower. What do
# three seeds allow you to say?

# %% slideshow={"slide_type": "fragment"}
for seed in SEEDS:
    pass  # replace pass: print the seed, both test MAEs and which is lower

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: two layers did better in two seeds and worse in one, by 0.01 to 0.05 ppm either
# way. Three seeds cannot say that depth helps here, nor that it hurts.
for seed in SEEDS:
    one, two = (errors(predictors[name, seed](X[test]))[0]
                for name in ("SimpleRNN", "2-layer SimpleRNN"))
    print(f"seed {seed}: one layer {one:.3f} ppm, two layers {two:.3f} ppm; lower: "
          f"{'two layers' if two < one else 'one layer'}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 5 (open).** Train rnnkit's SimpleRNN for the 12-month horizon:
# the windows `X12`, the target `y12 - X12[:, -1]` (the change over a year,
# scaled by its own `Standardizer` fitted on the windows it trains on). Does
# it come closer to the AR a year ahead than a month ahead?

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
