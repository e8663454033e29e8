# %% [markdown] slideshow={"slide_type": "slide"}
# # Train the article's Keras SimpleRNN, fixed, and test its claims
#
# **What you will do.** Repair the article's random-walk data and Keras
# model, judge it on held-out data beside honest baselines, match it in
# NumPy, write its training loop, and test the article's claim that more
# samples raise the MSE.
#
# **What you will learn.**
# - why recurrent layers need inputs of shape (N, T, D);
# - to read an MSE beside a baseline and the data's *noise floor*;
# - to test a claim about training with repeated, controlled runs.
#
# **What you need.** Notebooks 02, 03 (many-to-one) and 05 (BPTT). No Keras
# experience.
#
# **Time.** About 40 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/06_keras_regression.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The article's only runnable example, and none of it runs as printed. Fix it
# piece by piece, then treat its closing claim as a hypothesis. Stress the
# baselines (an MSE means nothing alone) and the sample-size experiment: on
# average the training MSE is lower with 2000 walks than with 10; it rises
# only for the ten-walk runs that happen to land low (section 6 counts
# them), and the article's explanations (the data, vanishing gradients) do
# not hold.
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
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import data
from rnnkit.course import plots
from rnnkit.course.exercises import keras_regression as ex

# import_keras sets TF_ENABLE_ONEDNN_OPTS=0 and TF_CPP_MIN_LOG_LEVEL=3 before TensorFlow loads
# (unless you set them): no oneDNN log on stderr, and the same float32 sums on every CPU.
keras = rnnkit.keras_bridge.import_keras()           # Keras, with TensorFlow behind it

plots.use_style()
SEED = 0  # one fixed seed: the same data, weights and batch order, so the same printed numbers, on every run
rnnkit.keras_bridge.repeatable(SEED)  # seeds Python, NumPy and TensorFlow; TF's sums repeatable

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The article's data set has no sequences in it
#
# Each sample should be a short *random walk*: a random start in $[-1, 1]$,
# then small Gaussian steps. The network sees the first values and predicts
# the next. The article's generator computes each next value and never
# appends it. rnnkit keeps that generator, for showing only.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Let the room predict what the generator returns. The article's X has zero
# time steps: its model could never have been trained on that data.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
sequence = data.article_generate_sequence(start_value=0.5, length=4, rng=SEED)
print("the article's 'sequence' of length 4:", sequence, " length", len(sequence))
print("its input part sequence[:-1]:", sequence[:-1])

rng = np.random.default_rng(SEED)
article_X = np.array([data.article_generate_sequence(rng.uniform(-1, 1), 4, rng)[:-1] for _ in range(10)])
print("the article's X for 10 samples has shape", article_X.shape, "-> zero time steps")

# %% [markdown] slideshow={"slide_type": "subslide"}
# `data.random_walk` is the generator fixed: $s_0 \sim U(-1, 1)$, then
# $s_k = s_{k-1} + \varepsilon_k$ with steps of standard deviation `noise`.
# With `sequence_length=4`, as in the article, the input is $s_0, s_1, s_2$
# (T = 3) and the target $s_3$ plus fresh noise. Half of 800 walks become a
# **test set** the model never trains on: more than usual, so that its MSE
# is less noisy.

# %% slideshow={"slide_type": "fragment"}
NUM_SAMPLES, SEQUENCE_LENGTH, NOISE = 800, 4, 0.1
X, y = data.random_walk(NUM_SAMPLES, SEQUENCE_LENGTH, noise=NOISE, seed=SEED)
X_train, X_test, y_train, y_test = data.train_test_split(X, y, test_fraction=0.5, seed=SEED)

print("X:", X.shape, " (N, T, D): N walks, T = 3 time steps, D = 1 number per step")
print("y:", y.shape, " one target per walk")
print(f"training set: {len(X_train)} walks, test set: {len(X_test)} walks")

# %% slideshow={"slide_type": "subslide"}
ax = plots.sequences(X_train, y_train, n=6)
ax.set_title("Six training walks: three inputs, then the target")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Why three axes: (N, T, D)
#
# A recurrent layer reads N sequences of T steps with D features per step.
# Our walks have D = 1, and the article drops that axis, building X of
# shape (N, T). Keras then cannot tell steps from features:

# %% slideshow={"slide_type": "fragment"}
X_flat = X_train[:, :, 0]                       # (N, T): the feature axis dropped, as in the article
try:
    keras.layers.SimpleRNN(4, name="rnn_demo")(X_flat)
except ValueError as error:
    print("Keras:", error)

X_fixed = X_flat[..., None]                      # put the feature axis back: (N, T) -> (N, T, 1)
print("shape with the feature axis:", X_fixed.shape, "| same as X_train:", np.array_equal(X_fixed, X_train))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Fix the article's Keras code
#
# | the article's code | what goes wrong | the fix |
# |---|---|---|
# | `Sequential([ SimpleRNN(...),` never closed | `SyntaxError` | close it: `])` |
# | nothing after `SimpleRNN(units=64)` | 64 outputs, not one | add `Dense(1)` |
# | `model.compile(...), y, epochs=50)` | the `fit` call is lost | `compile(...)`, then `fit(X, y, epochs=50)` |
# | `input_shape=(None, 1)` | deprecated in Keras 3 | start with `keras.Input(shape=(None, 1))` |
# | X of shape (N, T) | Keras refuses it | X of shape (N, T, 1) |
#
# `shape=(None, 1)`: any number of time steps, one feature each.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The table is the checklist; the next cells show the deprecation warning and
# the model as it should be written. The Dense layer is the article's output
# equation y_t = phi(W_oh h_t + b_o) with phi the identity, a linear output
# for regression. The batch axis N is never part of the shape.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
with warnings.catch_warnings(record=True) as caught:   # catch the warning to show it, not print it as noise
    warnings.simplefilter("always")
    keras.layers.SimpleRNN(64, input_shape=(None, 1))
print("Keras 3 on input_shape=:", caught[0].message)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The model, written right. `build_model` takes the recurrent layer as an
# argument, so that section 7 can drop in an LSTM, and resets the seed, so
# that every model starts from the same weights.

# %% slideshow={"slide_type": "fragment"}
def build_model(recurrent_layer=keras.layers.SimpleRNN):
    """Input (N, T, 1) -> recurrent layer with 64 tanh units -> Dense(1): y (N, 1)."""
    keras.utils.set_random_seed(SEED)
    model = keras.Sequential([
        keras.Input(shape=(None, 1)),                 # any number of time steps, 1 feature
        recurrent_layer(64, activation="tanh"),       # returns only the last hidden state h_T
        keras.layers.Dense(1),                        # y = h_T @ W_oh + b_o, the prediction
    ])
    model.compile(loss="mean_squared_error", optimizer=keras.optimizers.Adam(learning_rate=1e-3))
    return model


model = build_model()
recurrent, dense = model.layers
for name, weight in zip(["W_xh", "W_hh", "b_h"], recurrent.weights):
    print(f"{name:5s} {str(tuple(weight.shape)):9s} Keras: SimpleRNN {weight.name}")
for name, weight in zip(["W_oh", "b_o"], dense.weights):
    print(f"{name:5s} {str(tuple(weight.shape)):9s} Keras: Dense {weight.name}")
print("weights in total:", model.count_params())

# %% [markdown] slideshow={"slide_type": "fragment"}
# These are the course's $W_{xh}$, $W_{hh}$, $b_h$, $W_{oh}$ and $b_o$, in
# the course's orientation: Keras multiplies row vectors from the right,
# $x_t W_{xh}$, where the article writes $W_{xh} \cdot X_t$.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Train it and judge it on held-out data
#
# As in the article: MSE, Adam at 0.001, 50 epochs, batches of 32. We add
# `verbose=0` (no progress bar) and a callback that records the test MSE
# after each epoch. We only *watch* the test loss: nothing is tuned on it.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The article evaluates on its training data: ask why that is not enough.
# Keras' validation_data= would record the same test loss, but rebuilds its
# input pipeline every epoch (seconds over 50 epochs); predict_on_batch
# takes milliseconds. The callback also times the epochs, for section 5.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
EPOCHS, BATCH_SIZE = 50, 32


def fit(model, epochs=EPOCHS):
    """Train on (X_train, y_train) as the article does. Returns Keras' History, the
    seconds each epoch took, (E,), and the test MSE after each epoch, (E,)."""
    seconds, test_mse, clock = [], [], [time.perf_counter()]

    def after_epoch(epoch, logs):
        seconds.append(time.perf_counter() - clock[0])
        y_hat = model.predict_on_batch(X_test)[:, 0]          # (N, 1) -> (N,), all test walks in one batch
        test_mse.append(np.mean((y_hat - y_test) ** 2))
        clock[0] = time.perf_counter()                       # the next epoch's time leaves this test out

    history = model.fit(X_train, y_train, epochs=epochs, batch_size=BATCH_SIZE, verbose=0,
                        callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=after_epoch)])
    return history, np.array(seconds), np.array(test_mse)


history, epoch_seconds, test_history = fit(model)

# evaluate and predict change no weight, so they can take each data set in one batch
keras_train_mse = model.evaluate(X_train, y_train, batch_size=len(X_train), verbose=0)
keras_test_mse = model.evaluate(X_test, y_test, batch_size=len(X_test), verbose=0)
print(f"Keras SimpleRNN   training MSE {keras_train_mse:#.4g}   test MSE {keras_test_mse:#.4g}")

# %% slideshow={"slide_type": "subslide"}
ax = plots.loss_curve({"training set": history.history["loss"], "test set": test_history},
                      title="Keras SimpleRNN: loss after each epoch")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# The loss falls in a few epochs and flattens, and the test MSE ends below
# the training MSE (printed above): no overfitting. Below, each test walk's
# prediction against its target; a perfect model would put every point on
# the dashed line.

# %% slideshow={"slide_type": "subslide"}
y_pred = model.predict(X_test, batch_size=len(X_test), verbose=0)[:, 0]     # (N, 1) -> (N,)
ax = plots.predictions(y_test, y_pred, title="Keras SimpleRNN on the test set")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Honest baselines: what is a good MSE here?
#
# An MSE of 0.02 means nothing alone. Two numbers give it a scale:
#
# - **Repeat the last value**: predict $\hat y = s_2$, with no learning at
#   all (forecasters call it the *naive* forecast).
# - **The noise floor**: the target is $s_2 + \varepsilon_3 + \varepsilon$,
#   two Gaussian terms of variance $\sigma^2 = 0.01$ that nobody can
#   predict, so on average no model beats $\text{MSE} = 2\sigma^2 = 0.02$.
#   The model that reaches it *is* "repeat the last value".

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The central point of the notebook: the best possible model for this data is
# the one-line baseline, so all the RNN can learn is to copy its last input.
# Ask the room how they would know that without the baseline.
#
# </details>

# %% slideshow={"slide_type": "subslide"}
def last_value_mse(X, y):
    """MSE of predicting each target as the walk's last input value, X[:, -1, 0]."""
    return np.mean((X[:, -1, 0] - y) ** 2)


noise_floor = data.random_walk_noise_floor(NOISE)
baseline = last_value_mse(X_test, y_test)
print(f"{'MSE':30s} {'training set':>12s} {'test set':>10s}")
print(f"{'repeat the last input value':30s} {last_value_mse(X_train, y_train):12.5f} {baseline:10.5f}")
print(f"{'Keras SimpleRNN (trained)':30s} {keras_train_mse:12.5f} {keras_test_mse:10.5f}")
print(f"{'noise floor 2 * noise**2':30s} {noise_floor:12.5f} {noise_floor:10.5f}")
print(f"\ntest MSE of the RNN / the baseline's: {keras_test_mse / baseline:.2f}")
gap = np.mean(np.abs(y_pred - X_test[:, -1, 0]))
print(f"the RNN's prediction differs from the last input by {gap:.4f} on average, "
      f"the targets by {np.mean(np.abs(y_test - X_test[:, -1, 0])):.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The RNN has learned, nearly, to repeat its last input: its test MSE is
# within a few per cent of the baseline's. On a finite set the baseline lands
# a little above or below $2\sigma^2$, and the RNN with it: these 400 test
# walks happen to be easier than the training walks.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. NumPy and Keras are the same machine
#
# `rnnkit.keras_bridge.from_keras` copies the trained weights into an rnnkit
# `SimpleRNN` as they are: Keras' `kernel`, `recurrent_kernel` and `bias`
# are $W_{xh}$, $W_{hh}$ and $b_h$, the Dense layer's $W_{oh}$ and $b_o$. If
# both compute the same function, the predictions agree to float32 rounding.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This closes the loop with the NumPy notebooks: what students built by hand
# is what Keras runs. Then a practical surprise: for a model this small, NumPy
# trains faster than TensorFlow, whose fixed cost per batch dominates.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
numpy_rnn = rnnkit.keras_bridge.from_keras(model)
Y_numpy = numpy_rnn.forward(X_test)                      # outputs at every step: (N, T, 1)
difference = np.max(np.abs(Y_numpy[:, -1, 0] - y_pred))   # Keras returns only the last step
print(numpy_rnn)
print(f"largest |NumPy - Keras| over {len(y_pred)} test predictions below 1e-5:", difference < 1e-5)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The other direction: train the same network from scratch with
# `rnnkit.train` and the article's settings, in float64 (NumPy's default)
# and float32 (Keras'). `ManyToOne` reads only the last step's output, as
# `SimpleRNN` + `Dense(1)` does.

# %% slideshow={"slide_type": "fragment"}
def numpy_model(dtype=np.float32, seed=SEED):
    """rnnkit's many-to-one SimpleRNN with 64 tanh units and one linear output, in ``dtype``."""
    return rnnkit.ManyToOne(1, 64, 1, seed=seed, dtype=dtype)


def train_numpy(net, X, y, epochs=EPOCHS, seed=SEED):
    """Train ``net`` on X (N, T, 1), y (N,) like the Keras model; returns rnnkit's History."""
    dtype = net.rnn.dtype
    return rnnkit.train(net, X.astype(dtype), y[:, None].astype(dtype), epochs=epochs,
                        batch_size=BATCH_SIZE, optimizer=rnnkit.Adam(learning_rate=1e-3), seed=seed)


numpy_test_mse, seconds = {}, {"Keras SimpleRNN": epoch_seconds.sum()}
for dtype in (np.float64, np.float32):
    net = numpy_model(dtype)
    numpy_history = train_numpy(net, X_train, y_train)
    seconds[f"NumPy SimpleRNN, {np.dtype(dtype).name}"] = numpy_history.seconds
    numpy_test_mse[np.dtype(dtype).name] = rnnkit.evaluate(net, X_test, y_test[:, None])

print(f"{'':34s} test MSE   trained in")
print(f"{'Keras SimpleRNN':34s} {keras_test_mse:#.4g}    {seconds['Keras SimpleRNN']:.1f} s (timed)")
for name, mse in numpy_test_mse.items():
    print(f"{'NumPy SimpleRNN, ' + name:34s} {mse:#.4g}    "
          f"{seconds['NumPy SimpleRNN, ' + name]:.1f} s (timed)")
print("NumPy in float32 trained faster than Keras:",
      seconds["NumPy SimpleRNN, float32"] < seconds["Keras SimpleRNN"])

# %% [markdown] slideshow={"slide_type": "fragment"}
# The NumPy network lands near the baseline too (other starting weights and
# batch order, so other digits), float32 matches float64, and it trains
# faster than Keras: each Keras batch pays a fixed cost for calling into
# TensorFlow that dwarfs a 64-unit cell's arithmetic over 3 steps.

# %% slideshow={"slide_type": "subslide"}
ax = plots.loss_curve({"Keras": history.history["loss"], "NumPy (rnnkit), float32": numpy_history.loss},
                      title="Training loss: Keras and NumPy")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Test the claim: does the MSE rise with 1000 or 2000 samples?
#
# The article: set `num_samples` to 1000 or 2000 "and you'll see the MSE
# increasing", blaming the data or vanishing gradients. The experiment:
#
# - train the NumPy network (section 5) on 10, 100, 1000 and 2000 walks;
# - measure the **training** MSE (what the article's `model.evaluate(X, y)`
#   reports) and the **test** MSE on our 400 held-out walks;
# - repeat with new data and weights: 50 times with 10 walks, 5 with 100,
#   twice with 1000 and once with 2000, where runs are slow and agree.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Ask for predictions first: will the training MSE go up or down with more
# data? The test MSE? Stress the method: a fixed test set, repeats, one
# change at a time. Runs with 10 walks are cheap: 50 of them let us count.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
RUNS = {10: 50, 100: 5, 1000: 2, 2000: 1}      # num_samples -> how many independent runs
rows = []                                      # one row per training run
for n, runs in RUNS.items():
    for run in range(runs):
        X_n, y_n = data.random_walk(n, SEQUENCE_LENGTH, noise=NOISE, seed=100 + run)
        net = numpy_model(seed=run)
        train_numpy(net, X_n, y_n, seed=run)
        rows.append({"n": n,
                     "train": rnnkit.evaluate(net, X_n, y_n[:, None]),
                     "ideal": last_value_mse(X_n, y_n),      # the ideal predictor on the same walks
                     "test": rnnkit.evaluate(net, X_test, y_test[:, None])})


def results(n, key):
    """The values of ``key`` over every run with n training walks, as an array."""
    return np.array([r[key] for r in rows if r["n"] == n])


print(f"{'':26s}  MSE: mean (lowest - highest) over the runs")
print(f"num_samples  runs  updates  {'training':24s}  {'ideal, same walks':24s}  test")
for n, runs in RUNS.items():
    updates = EPOCHS * int(np.ceil(n / BATCH_SIZE))                  # 50 epochs x batches per epoch
    cells = [f"{v.mean():.4f} ({v.min():.4f} - {v.max():.4f})"
             for v in (results(n, "train"), results(n, "ideal"), results(n, "test"))]
    print(f"{n:11d} {runs:5d} {updates:8d}  " + "  ".join(cells))

# %% slideshow={"slide_type": "subslide"}
fig, ax = plots.new_figure()
for key, label, color in [("train", "training set", plots.COLORS["blue"]),
                          ("test", f"test set ({len(X_test)} held-out walks)", plots.COLORS["orange"])]:
    ax.scatter([r["n"] for r in rows], [r[key] for r in rows], color=color, alpha=0.3, s=30)
    ax.plot(list(RUNS), [results(n, key).mean() for n in RUNS], "o-", color=color, label=f"{label}, mean of the runs")
ax.axhline(baseline, ls=":", color=plots.COLORS["grey"], lw=2, label="repeat the last value, test set")
ax.axhline(noise_floor, ls="--", color=plots.COLORS["black"], lw=1.5, label="noise floor 2 noise²")
ax.set(xscale="log", xlabel="num_samples (training walks)", ylabel="MSE",
       title="MSE against the amount of training data")
ax.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What the experiment shows
#
# - **The test MSE falls with more data** until, from 1000 walks on, it
#   sits at the last-value baseline.
# - **With 10 walks the training MSE is a lottery**, from far below the noise
#   floor to far above it, because the ideal predictor's on the same ten
#   walks is too.
# - **Small sets get few updates**: 50 epochs give 10 walks 50 of them.
#
# Count the runs with 10 walks:

# %% slideshow={"slide_type": "subslide"}
train_10, ideal_10, test_10 = results(10, "train"), results(10, "ideal"), results(10, "test")
train_2000 = results(2000, "train").mean()
print(f"runs with 10 walks: {len(train_10)}")
print(f"  training MSE below the 2000-walk run's ({train_2000:.4f}): {np.sum(train_10 < train_2000)}")
print(f"  training MSE below the ideal predictor's on the same walks: {np.sum(train_10 < ideal_10)}")
excess = train_10 - ideal_10                   # (runs,): the training MSE above the ideal's
print(f"  training MSE minus the ideal predictor's: mean {excess.mean():+.4f}, "
      f"standard error {excess.std() / np.sqrt(len(excess)):.4f}")
print(f"  test MSE, mean over the runs: {test_10.mean() / baseline:.1f} times the last-value baseline")

# %% [markdown] slideshow={"slide_type": "fragment"}
# In the table, the mean training MSE rises from 10 to 100 walks, then falls
# below both at 1000 and 2000. So the article's rise, from 10 walks to 2000,
# is not the average: it is what the ten-walk runs counted above see, those
# that landed below the 2000-walk run. Not because the RNN memorised noise:
# it beats the ideal predictor on its own walks in about half the runs, and
# on average does no better than it (the mean difference is within two
# standard errors of zero). It *underfits*: 50 updates leave its test MSE
# far above the baseline.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### It is not vanishing gradients
#
# Vanishing gradients (notebook 05) shrink the gradient at every step back in
# time; it takes tens of steps to matter, and here T = 3. On an untrained
# network, compare the gradient at the start of each walk,
# $\partial L / \partial h_0$, with the one on the last hidden state,
# $\partial L / \partial h_3$:

# %% slideshow={"slide_type": "fragment"}
rnn = rnnkit.SimpleRNN(1, 64, 1, seed=SEED)            # untrained, initialised as Keras does
Y = rnn.forward(X_test)                                # outputs at every step: (N, T, 1)
dY = np.zeros_like(Y)
_, dY[:, -1] = rnnkit.mse(Y[:, -1], y_test[:, None])   # the loss reads only the last output y_3
rnn.backward(dY)
at_last_step = np.linalg.norm(dY[:, -1] @ rnn.params["W_oh"].T, axis=1)   # |dL/dh_3| per walk
at_start = np.linalg.norm(rnn.grad_state, axis=1)                        # |dL/dh_0|: 3 steps back
print(f"gradient after travelling back 3 steps: {np.mean(at_start / at_last_step):.0%} "
      f"of its size at the last step (mean over {len(X_test)} walks)")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Three steps lose almost nothing, so there is nothing for an LSTM or a GRU to
# cure. The data *is* sequential; it needs only its last value.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Drop in an LSTM
#
# The article names LSTM and GRU as the cure. They take the same arguments,
# so `build_model` accepts them unchanged. To fit the time budget we train
# the LSTM for 10 epochs and compare it with the SimpleRNN's test MSE after
# its own 10th epoch, which the callback recorded. The GRU is an exercise.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The gated cell is no better here, and larger: a cure helps only when there
# is a disease (notebook 08's memory task). One gated model only: each Keras
# model costs the kernel about 25 MB, and Binder's memory is small.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
GATED_EPOCHS = 10
weights_count = {"SimpleRNN": model.count_params()}
train_curves = {"SimpleRNN": history.history["loss"][:GATED_EPOCHS]}
test_after = {"SimpleRNN": test_history[GATED_EPOCHS - 1]}
for layer in (keras.layers.LSTM,):
    gated = build_model(layer)
    gated_history, _, gated_test = fit(gated, epochs=GATED_EPOCHS)
    train_curves[layer.__name__] = gated_history.history["loss"]
    test_after[layer.__name__] = gated_test[-1]
    weights_count[layer.__name__] = gated.count_params()

print(f"{'layer':10s} {'weights':>8s}   test MSE after {GATED_EPOCHS} epochs")
for name, mse in test_after.items():
    print(f"{name:10s} {weights_count[name]:8d}   {mse:#.4g}")
print(f"{'(repeat the last value':19s}   {baseline:#.4g})")

# %% slideshow={"slide_type": "subslide"}
ax = plots.loss_curve(train_curves, log=True, title="Training loss: two recurrent cells, same data")
ax.axhline(noise_floor, ls="--", color=plots.COLORS["black"], lw=1.5, label="noise floor")
ax.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# After 10 epochs the LSTM, with about four times the weights, is further
# from the baseline than the SimpleRNN. Whether more epochs close the gap,
# this notebook does not run (try it below); no model can beat the noise
# floor on average. Gates earn their cost where information must survive
# many steps, which a three-step walk never asks for.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The article's generator never grows its sequences; its Keras code has an
#   unclosed list, no output layer, a garbled `fit` and a deprecated
#   `input_shape=`. Fixed: `Input(shape=(None, 1))`, `SimpleRNN(64)`,
#   `Dense(1)`, X of shape (N, T, 1).
# - Here the best model repeats the last input, at the noise floor
#   $2\sigma^2$; the SimpleRNN comes within a few per cent of it. Alone,
#   "MSE 0.02" means nothing.
# - Keras' SimpleRNN and rnnkit's compute the same function.
# - More data lowers the test MSE, to the baseline. Ten walks give a training
#   MSE below the 2000-walk run's in 20 of 50 runs, above it on average; they
#   underfit. Three steps lose almost no gradient.
# - An LSTM does not help a task without long-range memory.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# ### Exercise 1: give the data its feature axis
#
# `walks` holds the test walks as the article built them, (N, T). Make
# `my_X` the array a Keras `SimpleRNN` accepts, (N, T, 1), without changing
# any value.

# %% slideshow={"slide_type": "fragment"}
walks = X_test[:, :, 0]
my_X = None  # replace None with your code

_ = ex.check_feature_axis(my_X, walks)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
my_X = walks[:, :, None]               # or walks.reshape(len(walks), -1, 1), or walks[..., np.newaxis]
_ = ex.check_feature_axis(my_X, walks)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Exercise 2: the laziest baseline
#
# A model that ignores its inputs can still predict the average target.
# Compute the test MSE of always predicting the mean of `y_train`. Where does
# it land beside section 4's numbers?

# %% slideshow={"slide_type": "fragment"}
my_mean_mse = None  # replace None with your code

_ = ex.check_mean_baseline(my_mean_mse, y_train, y_test)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
my_mean_mse = np.mean((y_test - np.mean(y_train)) ** 2)
_ = ex.check_mean_baseline(my_mean_mse, y_train, y_test)
print(f"always the mean: about {my_mean_mse / noise_floor:.0f} times the noise floor")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Exercise 3: a tempting baseline
#
# Predict each target as the **average of its walk's three inputs**. First
# guess: better or worse than repeating the last value? Then compute its
# test MSE.

# %% slideshow={"slide_type": "fragment"}
my_guess = None        # "better" or "worse"
my_average_mse = None  # replace None with your code

_ = ex.check_average_guess(my_guess, X_test, y_test)
_ = ex.check_average_baseline(my_average_mse, X_test, y_test)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
my_guess = "worse"    # the older values are the last value minus steps that say nothing about the target
average = X_test[:, :, 0].mean(axis=1)            # (N,): the mean over the T = 3 steps of each walk
my_average_mse = np.mean((average - y_test) ** 2)
_ = ex.check_average_guess(my_guess, X_test, y_test)
_ = ex.check_average_baseline(my_average_mse, X_test, y_test)
print(f"average of the inputs / last value: {my_average_mse / baseline:.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Exercise 4: write the training loop
#
# `rnnkit.train` is a loop over epochs and mini-batches. Write it: replace
# `[order]` with the epoch's batches (`batch_size` walks each, taken from
# `order`, the last one shorter), and `loss = 0.0` with one training step:
# `net.forward`, `rnnkit.mse` (the loss and its gradient `dy`),
# `net.backward(dy)` and `optimizer.step(net.params, grads)`. The check
# trains fresh networks with your loop and with `rnnkit.train`.

# %% slideshow={"slide_type": "fragment"}
def my_train(net, X, y, epochs, batch_size, optimizer, seed):
    """Train net in place on X (N, T, 1) and y (N,); return each epoch's mean loss, (epochs,)."""
    rng = np.random.default_rng(seed)            # shuffles as rnnkit.train(seed=seed) does
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))          # (N,): this epoch's order of the walks
        total = 0.0                              # the sum of loss * B over the batches
        for idx in [order]:                      # replace [order]: batches of (B,) indices
            loss = 0.0                           # replace: y_hat (B, 1), loss and dy (B, 1), grads, step
            total += loss * len(idx)
        losses.append(total / len(X))
    return losses


_ = ex.check_training_loop(my_train, X_train, y_train)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
def my_train(net, X, y, epochs, batch_size, optimizer, seed):
    """Train net in place on X (N, T, 1) and y (N,); return each epoch's mean loss, (epochs,)."""
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        total = 0.0
        for idx in [order[i:i + batch_size] for i in range(0, len(X), batch_size)]:
            y_hat = net.forward(X[idx])                          # (B, 1)
            loss, dy = rnnkit.mse(y_hat, y[idx][:, None])        # targets (B, 1), like y_hat
            grads = net.backward(dy)                             # the keys of net.params
            optimizer.step(net.params, grads)
            total += loss * len(idx)
        losses.append(total / len(X))
    return losses


_ = ex.check_training_loop(my_train, X_train, y_train)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Going further (no checks)
#
# - Section 7: add `keras.layers.GRU`, or train the LSTM for 50 epochs.
#   Does it reach the baseline?
# - Section 6: train the 10-walk runs for 500 epochs. Do they memorise now?
# - Copy a NumPy model into Keras with `rnnkit.keras_bridge.to_keras(net.rnn)`:
#   do both predict the same?

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Further reading
#
# - Keras documentation: [the `SimpleRNN` layer](https://keras.io/api/layers/recurrent_layers/simple_rnn/)
#   and the guide [Working with RNNs](https://keras.io/guides/working_with_rnns/).
# - R. J. Hyndman and G. Athanasopoulos, *Forecasting: Principles and
#   Practice*, 3rd ed., section 5.2: the naive forecast.
# - R. Pascanu, T. Mikolov and Y. Bengio, "On the difficulty of training
#   recurrent neural networks", ICML 2013.
# - S. Hochreiter and J. Schmidhuber, "Long Short-Term Memory", 1997;
#   K. Cho et al., 2014 (the GRU).
