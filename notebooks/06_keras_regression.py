# %% [markdown] slideshow={"slide_type": "slide"}
# # Train the article's Keras SimpleRNN, fixed, and test its claims
#
# **What you will do.** Repair the article's random-walk data set and its Keras
# model, train the model on a training set and judge it on held-out data, set
# its error beside two honest baselines, copy its weights into NumPy, and run
# the experiment behind the article's claim that "with 1000 or 2000 samples
# the MSE increases". Then swap in an LSTM.
#
# **What you will learn.**
# - why Keras' recurrent layers need inputs of shape (N, T, D), and what goes
#   wrong without the feature axis $D$;
# - to read an MSE only beside a baseline and beside the lowest error the
#   data allows (its *noise floor*);
# - that a Keras `SimpleRNN` and rnnkit's NumPy `SimpleRNN` compute the same
#   thing, weight for weight;
# - how to test a claim about training with a controlled experiment: a fixed
#   test set, repeated runs, one thing changed at a time.
#
# **What you need.** Notebooks 02 (the recurrent cell), 03 (many-to-one) and
# 05 (training by BPTT, vanishing gradients). No Keras experience is needed.
#
# **Time.** About 45 minutes. The notebook runs top to bottom in about half a minute.

# %% [markdown] slideshow={"slide_type": "notes"}
# This is the article's only runnable example, and none of it runs as printed.
# The notebook fixes it piece by piece, then treats the article's closing
# claim as a hypothesis to test. The key teaching moments are the baselines
# (an MSE means nothing alone) and the sample-size experiment (the article's
# observation is real, its explanation is not).

# %% slideshow={"slide_type": "skip"}
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import data, plots

# TensorFlow with no C++ log lines on stderr and without oneDNN, whose rounding differs
# from CPU to CPU: TF_CPP_MIN_LOG_LEVEL=3 and TF_ENABLE_ONEDNN_OPTS=0 unless already set.
keras = rnnkit.keras_bridge.import_keras()
import tensorflow as tf  # noqa: E402  (already imported, quietly, by import_keras)

plots.use_style()
SEED = 0  # one fixed seed: the same data, weights and batch order, so the same printed numbers, on every run
keras.utils.set_random_seed(SEED)                    # seeds Python, NumPy and TensorFlow at once
tf.config.experimental.enable_op_determinism()      # and makes TensorFlow's own arithmetic repeatable

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The article's data set has no sequences in it
#
# The article builds a toy data set: each sample is a short *random walk*.
# Start at a random value in $[-1, 1]$ and take a few small random steps; the
# network sees the first values and must predict the next one.
#
# Its generator has a bug that is easy to miss. The loop that should grow the
# sequence computes the next value and then throws it away:
#
# ```python
# for _ in range(length - 1):
#     next_value = sequence[-1] + rng.normal(0, 0.1)   # computed ...
#     # ... but never appended: sequence.append(next_value) is missing
# ```
#
# rnnkit keeps a copy of the broken generator, for showing only:
# `data.article_generate_sequence`.

# %% [markdown] slideshow={"slide_type": "notes"}
# Let the room predict what the generator returns before running the cell.
# The consequence is drastic: the article's X has zero time steps, so the
# model it describes could never have been trained on that data.

# %% slideshow={"slide_type": "fragment"}
sequence = data.article_generate_sequence(start_value=0.5, length=4, rng=SEED)
print("the article's 'sequence' of length 4:", sequence, " length", len(sequence))
print("its input part sequence[:-1]:", sequence[:-1])

rng = np.random.default_rng(SEED)
article_X = np.array([data.article_generate_sequence(rng.uniform(-1, 1), 4, rng)[:-1] for _ in range(10)])
print("the article's X for 10 samples has shape", article_X.shape, "-> zero time steps")

# %% [markdown] slideshow={"slide_type": "subslide"}
# `data.random_walk` is the generator fixed. Each walk starts at
# $s_0 \sim U(-1, 1)$ and takes Gaussian steps of standard deviation `noise`:
# $s_k = s_{k-1} + \varepsilon_k$. With `sequence_length=4`, as in the article,
# the input is $s_0, s_1, s_2$ (three time steps) and the target is
# $s_3$ plus a little fresh noise.
#
# We make 800 walks and keep half of them aside as a **test set** that the
# model never trains on. Half is more than usual; a large test set makes the
# test MSE precise enough to compare with baselines that differ by a few per cent.

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
# A recurrent layer reads a *batch* of sequences, one *time step* at a time,
# and at each step a *vector* of features: N sequences x T steps x D features.
# Our walks have one number per step, so D = 1, and it is tempting to drop that
# axis. The article's code does: it builds X with shape (N, T). Keras then
# cannot tell time steps from features and refuses:

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
# The article's model is not valid Python, and one line of it is out of date.
#
# | the article's code | what goes wrong | the fix |
# |---|---|---|
# | `Sequential([ SimpleRNN(...),` and the list is never closed | a `SyntaxError`: nothing runs | close the list `])` |
# | no output layer after `SimpleRNN(units=64)` | the model outputs 64 numbers, not one prediction | add `Dense(1)`: $y = h_T W_{oh} + b_o$ |
# | `model.compile(...), y, epochs=50)` | a garbled line: the `fit` call is lost | `model.compile(...)`, then `model.fit(X, y, epochs=50)` |
# | `SimpleRNN(..., input_shape=(None, 1))` | deprecated in Keras 3: a warning | start the model with `keras.Input(shape=(None, 1))` |
# | X of shape (N, T) | Keras refuses it (above) | X of shape (N, T, 1) |
#
# `shape=(None, 1)` means "any number of time steps, one feature per step":
# the batch axis N is never part of the shape.

# %% [markdown] slideshow={"slide_type": "notes"}
# The table is the checklist; the next cells show the two fixes that have a
# visible symptom (the deprecation warning) and the model as it should be
# written. Point out that the Dense layer is the article's own output
# equation y_t = phi(W_oh h_t + b_o) with phi the identity (linear output for
# regression).

# %% slideshow={"slide_type": "fragment"}
with warnings.catch_warnings(record=True) as caught:   # catch the warning to show it, not print it as noise
    warnings.simplefilter("always")
    keras.layers.SimpleRNN(64, input_shape=(None, 1))
print("Keras 3 on input_shape=:", caught[0].message)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The model, written out correctly. `build_model` takes the recurrent layer as
# an argument, so that section 7 can drop in an LSTM (or a GRU) unchanged.
# Resetting the seed inside it gives every model the same starting weights,
# whichever cells ran before.

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
# These five arrays are the course's $W_{xh}$ (1, 64), $W_{hh}$ (64, 64),
# $b_h$ (64,), $W_{oh}$ (64, 1) and $b_o$ (1,), in the same orientation:
# Keras multiplies row vectors from the right, $x_t W_{xh}$, where the article
# writes $W_{xh} \cdot X_t$ for column vectors.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Train it and judge it on held-out data
#
# As in the article: mean squared error, Adam with learning rate 0.001,
# 50 epochs, batches of 32. Two changes: `verbose=0` (no progress bar; we plot
# the history instead), and a small callback that, after every epoch, predicts
# the test walks and records their MSE. We only *watch* the test loss:
# nothing is tuned on it.

# %% [markdown] slideshow={"slide_type": "notes"}
# The article evaluates on its training data. Ask why that is not enough
# before showing both numbers. Keras' own `validation_data=` would record the
# same test loss, but rebuilds its input pipeline every epoch (about 70 ms
# per epoch here, about 3.5 s over 50 epochs); `predict_on_batch` on the 400 test walks
# takes a few milliseconds. The callback also times each epoch,
# for section 7.

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
# The loss falls in the first few epochs and then flattens, and the two
# curves stay close together: the model is not overfitting. Below,
# each test walk's prediction against its target; a perfect model would put
# every point on the dashed line.

# %% slideshow={"slide_type": "subslide"}
y_pred = model.predict(X_test, batch_size=len(X_test), verbose=0)[:, 0]     # (N, 1) -> (N,)
ax = plots.predictions(y_test, y_pred, title="Keras SimpleRNN on the test set")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Honest baselines: what is a good MSE here?
#
# An MSE of 0.02 is neither good nor bad on its own. Two numbers give it a scale.
#
# - **Repeat the last value.** Predict $\hat y = s_2$, the last input, with no
#   learning at all (forecasters call this the *naive* forecast).
# - **The noise floor.** The target is $s_3 + \varepsilon = s_2 + \varepsilon_3 + \varepsilon$:
#   the last value plus two independent Gaussian terms of variance
#   $\sigma^2 = 0.01$. Nobody can predict those, so even the perfect model
#   misses by their variance on average: $\text{MSE} \ge 2\sigma^2 = 0.02$.
#   The perfect model is exactly "repeat the last value".

# %% [markdown] slideshow={"slide_type": "notes"}
# The central point of the notebook: the best possible model for this data is
# the one-line baseline. Everything the RNN can achieve is to learn to copy
# its last input. Ask the room how they would know that without the baseline.

# %% slideshow={"slide_type": "fragment"}
def last_value_mse(X, y):
    """MSE of predicting each target as the walk's last input value, X[:, -1, 0]."""
    return np.mean((X[:, -1, 0] - y) ** 2)


noise_floor = data.random_walk_noise_floor(NOISE)
print(f"{'MSE':30s} {'training set':>12s} {'test set':>10s}")
print(f"{'repeat the last input value':30s} {last_value_mse(X_train, y_train):12.5f} "
      f"{last_value_mse(X_test, y_test):10.5f}")
print(f"{'Keras SimpleRNN (trained)':30s} {keras_train_mse:12.5f} {keras_test_mse:10.5f}")
print(f"{'noise floor 2 * noise**2':30s} {noise_floor:12.5f} {noise_floor:10.5f}")

# %% slideshow={"slide_type": "fragment"}
gap = np.mean(np.abs(y_pred - X_test[:, -1, 0]))
print(f"the RNN's prediction differs from the last input value by {gap:.4f} on average,")
print(f"while the targets differ from it by {np.mean(np.abs(y_test - X_test[:, -1, 0])):.4f} on average")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The trained RNN has learned, nearly, to repeat its last input, and its MSE
# is within a few per cent of the baseline's on both sets. That is all any
# model can do here. The baseline itself lands a little above or below
# $2\sigma^2$ on a finite set of walks (the floor is an average over
# infinitely many), and so does the RNN: the training loss sitting above
# the test loss says only that these 400 test walks happen to be easier.
# A model that beat the baseline by a wide margin on this data would be
# lucky, buggy, or, on its training data, memorising noise.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. NumPy and Keras are the same machine
#
# `rnnkit.keras_bridge.from_keras` copies the trained Keras weights into an
# rnnkit `SimpleRNN`, the NumPy network of notebooks 02 to 05. Nothing is
# transposed: Keras' `kernel`, `recurrent_kernel`, `bias` are $W_{xh}$,
# $W_{hh}$, $b_h$, and the Dense layer's are $W_{oh}$, $b_o$. If the two
# libraries compute the same function, the predictions agree up to rounding
# (Keras computes in float32, about 7 significant digits).

# %% [markdown] slideshow={"slide_type": "notes"}
# This closes the loop with the NumPy notebooks: everything students built by
# hand is what Keras runs. The second half shows a practical surprise: for a
# model this small, NumPy trains faster than TensorFlow, whose per-batch
# overhead dominates.

# %% slideshow={"slide_type": "fragment"}
numpy_rnn = rnnkit.keras_bridge.from_keras(model)
Y_numpy, Hs = numpy_rnn.forward(X_test)                  # outputs at every step: (N, T, 1)
difference = np.max(np.abs(Y_numpy[:, -1, 0] - y_pred))   # Keras returns only the last step
print(numpy_rnn)
print(f"largest |NumPy - Keras| over {len(y_pred)} test predictions below 1e-5:", difference < 1e-5)

# %% [markdown] slideshow={"slide_type": "subslide"}
# Now the other direction: train the same network from scratch in NumPy, with
# `rnnkit.train` and the article's settings (Adam 0.001, 50 epochs, batches of
# 32). `ManyToOne` keeps only the last step's output, as Keras'
# `SimpleRNN` + `Dense(1)` does. We train it twice, from the same starting
# weights: once in float64, NumPy's default, and once in float32, Keras' default.

# %% slideshow={"slide_type": "fragment"}
def numpy_model(dtype=np.float32, seed=SEED):
    """rnnkit's many-to-one SimpleRNN with 64 tanh units and one linear output, in ``dtype``."""
    return rnnkit.ManyToOne.wrap(rnnkit.SimpleRNN(1, 64, 1, seed=seed, dtype=dtype))


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

print(f"{'test MSE':34s}")
print(f"{'Keras SimpleRNN':34s} {keras_test_mse:#.4g}")
for name, mse in numpy_test_mse.items():
    print(f"{'NumPy SimpleRNN, ' + name:34s} {mse:#.4g}")

# %% slideshow={"slide_type": "fragment"} tags=["nbval-ignore-output"]
# NBVAL_IGNORE_OUTPUT: wall-clock times differ on every run and on every machine
for name, value in seconds.items():
    print(f"{name:34s} trained in {value:5.2f} s")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The NumPy network also lands close to the last-value baseline (its
# starting weights and batch order differ from Keras', so the digits differ
# too), and float32 gives the same result as float64 in less time. For a
# network this small the NumPy version is also many times faster than Keras:
# each Keras batch pays a fixed cost for calling into TensorFlow that dwarfs
# the arithmetic of a 64-unit cell over 3 steps. The training curves have
# the same shape:

# %% slideshow={"slide_type": "subslide"}
ax = plots.loss_curve({"Keras": history.history["loss"], "NumPy (rnnkit), float32": numpy_history.loss},
                      title="Training loss: Keras and NumPy")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Test the claim: does the MSE rise with 1000 or 2000 samples?
#
# The article ends: set `num_samples` to 1000 or 2000 "and you'll see the MSE
# increasing", and blames the data or vanishing gradients. Let us run that
# experiment properly:
#
# - train on 10, 100, 1000 and 2000 walks of length 4 (T = 3), the article's settings otherwise;
# - measure the **training** MSE (what the article's `model.evaluate(X, y)`
#   reports) and the **test** MSE on the same 400 held-out walks for every size;
# - repeat each size with different data and starting weights: ten times for
#   10 and five times for 100 walks, where results scatter and runs are
#   cheap; twice for 1000 and 2000, where they are stable and slow.
#
# That is 19 training runs, over 15,000 updates. In Keras they would take
# minutes, so we use the NumPy network, which section 5 showed is the same
# machine and reaches about the same MSE.

# %% [markdown] slideshow={"slide_type": "notes"}
# Before running, ask for predictions: will the training MSE go up or down
# with more data? The test MSE? Then read the plot together. Stress the
# method: fixed test set, repeats, one change at a time.

# %% slideshow={"slide_type": "fragment"}
RUNS = {10: 10, 100: 5, 1000: 2, 2000: 2}      # num_samples -> how many independent runs
rows = []                                      # one row per training run
for n, runs in RUNS.items():
    for run in range(runs):
        X_n, y_n = data.random_walk(n, SEQUENCE_LENGTH, noise=NOISE, seed=100 + run)
        net = numpy_model(seed=run)
        train_numpy(net, X_n, y_n, seed=run)
        rows.append({"n": n,
                     "train": rnnkit.evaluate(net, X_n, y_n[:, None]),
                     "ideal on train": last_value_mse(X_n, y_n),     # the ideal predictor on the same walks
                     "test": rnnkit.evaluate(net, X_test, y_test[:, None])})


def results(n, key):
    """The values of ``key`` over every run with n training walks, as an array."""
    return np.array([r[key] for r in rows if r["n"] == n])


print(f"{'':26s}  MSE: mean (lowest - highest) over the runs")
print(f"num_samples  runs  updates  {'training':24s}  {'ideal, same walks':24s}  test")
for n, runs in RUNS.items():
    updates = EPOCHS * int(np.ceil(n / BATCH_SIZE))                  # 50 epochs x batches per epoch
    cells = [f"{v.mean():.4f} ({v.min():.4f} - {v.max():.4f})"
             for v in (results(n, "train"), results(n, "ideal on train"), results(n, "test"))]
    print(f"{n:11d} {runs:5d} {updates:8d}  " + "  ".join(cells))

# %% slideshow={"slide_type": "subslide"}
fig, ax = plots.new_figure()
for key, label, color in [("train", "training set", plots.COLORS["blue"]),
                          ("test", f"test set ({len(X_test)} held-out walks)", plots.COLORS["orange"])]:
    ax.scatter([r["n"] for r in rows], [r[key] for r in rows], color=color, alpha=0.4, s=40)
    ax.plot(list(RUNS), [results(n, key).mean() for n in RUNS], "o-", color=color, label=f"{label}, mean of the runs")
ax.axhline(last_value_mse(X_test, y_test), ls=":", color=plots.COLORS["grey"], lw=2,
           label="repeat the last value, test set")
ax.axhline(noise_floor, ls="--", color=plots.COLORS["black"], lw=1.5, label="noise floor 2 noise²")
ax.set(xscale="log", xlabel="num_samples (training walks)", ylabel="MSE",
       title="MSE against the amount of training data")
ax.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What the experiment shows
#
# - **The test MSE falls with more data** and ends at the last-value
#   baseline on the same test walks, which is as low as it can go. More data
#   never made the model worse.
# - **With 10 walks the training MSE is a lottery.** It ranges from far below
#   the noise floor to far above it, because the ten walks themselves do
#   (the "ideal, same walks" column). It follows the luck of the draw, not
#   the quality of the model.
# - **Small data sets are also trained less.** The article's fixed 50 epochs
#   give 10 walks 50 updates and 100 walks 200; at 100 walks the training MSE
#   is still well above what the ideal predictor scores on the same walks.
#   From 1000 walks on the two columns agree: the network has learned to
#   repeat the last value.
#
# So does the MSE rise from 10 to 2000 samples, as the article says?

# %% slideshow={"slide_type": "fragment"}
small, large = [r for r in rows if r["n"] == 10], results(2000, "train").mean()
rises = sum(r["train"] < large for r in small)
fits_noise = sum(r["train"] < r["ideal on train"] for r in small)
print(f"{rises} of {len(small)} runs with 10 walks have a training MSE below the 2000-walk runs' {large:.4f}:")
print("  for them the MSE 'increases' with more data, as the article saw; for the others it falls")
print(f"{fits_noise} of {len(small)} runs with 10 walks beat the ideal predictor on their own walks: they fitted noise")

# %% [markdown] slideshow={"slide_type": "fragment"}
# It is a coin toss. Whether the article's observation appears depends on
# which ten walks were drawn: when they were easy, or the model fitted their
# noise, the training MSE starts low and climbs to what the data allows once
# there are too many walks to fit them all. That is the honest reading of
# the article's observation: a single run, scored on its own training data,
# with ten samples. It is a fact about small samples, not a flaw of the RNN;
# the test MSE, the number that matters, only improves.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### It is not vanishing gradients
#
# Vanishing gradients (notebook 05) shrink the gradient by a factor at every
# step it travels back in time; it takes tens of steps to matter. Here T = 3.
# Measure it on an untrained network: how large is the gradient that reaches
# the start of each walk, $\partial L / \partial h_0$, compared with the one
# the loss puts on the last hidden state, $\partial L / \partial h_3$?

# %% slideshow={"slide_type": "fragment"}
rnn = rnnkit.SimpleRNN(1, 64, 1, seed=SEED)            # untrained, initialised as Keras does
Y, Hs = rnn.forward(X_test)                            # outputs at every step: (N, T, 1)
dY = np.zeros_like(Y)
_, dY[:, -1] = rnnkit.mse(Y[:, -1], y_test[:, None])   # the loss reads only the last output y_3
rnn.backward(dY)
at_last_step = np.linalg.norm(dY[:, -1] @ rnn.params["W_oh"].T, axis=1)   # |dL/dh_3| per walk
at_start = np.linalg.norm(rnn.grad_h0, axis=1)                           # |dL/dh_0|: 3 steps back
print(f"gradient after travelling back 3 steps: {np.mean(at_start / at_last_step):.0%} "
      f"of its size at the last step (mean over {len(X_test)} walks)")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Over three steps almost nothing is lost, so there is nothing for an LSTM or
# a GRU to cure. And the data *is* sequential; it simply needs only its last
# value. The plain SimpleRNN already reaches the floor.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Drop in an LSTM
#
# The article names LSTM and GRU as the cure for vanishing gradients. They
# replace the tanh cell with a gated one (notebook 05) and take the same
# arguments, so `build_model` accepts them unchanged.
#
# The SimpleRNN already sits close to the last-value baseline, the best any
# model can do, so a gated cell can at best equal it. To fit the time budget
# we train the LSTM for 10 epochs rather than 50, and compare it with the
# SimpleRNN's test loss after its own 10th epoch, which our callback recorded
# in `test_history`. The GRU is the "Going further" exercise below.

# %% [markdown] slideshow={"slide_type": "notes"}
# The expected result surprises students: the gated cells are no better here,
# and they are larger, with more arithmetic per step. A cure only helps when
# there is a disease: notebook 05's long-memory task is where LSTM and GRU
# earn their weights. Only one gated model is trained here because each Keras
# model costs the kernel about 25 MB, and Binder gives a session little memory.

# %% slideshow={"slide_type": "fragment"}
GATED_EPOCHS = 10
weights_count = {"SimpleRNN": model.count_params()}
times = {"SimpleRNN": epoch_seconds[:GATED_EPOCHS]}
train_curves = {"SimpleRNN": history.history["loss"][:GATED_EPOCHS]}
test_after = {"SimpleRNN": test_history[GATED_EPOCHS - 1]}
for layer in (keras.layers.LSTM,):
    gated = build_model(layer)
    gated_history, times[layer.__name__], gated_test = fit(gated, epochs=GATED_EPOCHS)
    train_curves[layer.__name__] = gated_history.history["loss"]
    test_after[layer.__name__] = gated_test[-1]
    weights_count[layer.__name__] = gated.count_params()

print(f"{'layer':10s} {'weights':>8s}   test MSE after {GATED_EPOCHS} epochs")
for name, mse in test_after.items():
    print(f"{name:10s} {weights_count[name]:8d}   {mse:#.4g}")
print(f"{'(repeat the last value':19s}   {last_value_mse(X_test, y_test):#.4g})")

# %% slideshow={"slide_type": "fragment"} tags=["nbval-ignore-output"]
# NBVAL_IGNORE_OUTPUT: wall-clock times differ on every run and on every machine
for name, value in times.items():
    print(f"{name:10s} first epoch (TensorFlow builds its graph) {value[0]:5.2f} s, "
          f"then {1000 * np.median(value[1:]):4.0f} ms per epoch")

# %% slideshow={"slide_type": "subslide"}
ax = plots.loss_curve(train_curves, log=True, title="Training loss: two recurrent cells, same data")
ax.axhline(noise_floor, ls="--", color=plots.COLORS["black"], lw=1.5, label="noise floor")
ax.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# On this task the gates buy nothing: the LSTM has four times as many
# weights, so every step does more arithmetic, and after the same number of
# epochs it is further from the baseline, not closer.
# Trained longer they would reach it, but not pass it: nothing can. (The
# times above depend on the machine and its load; the weight counts do not.)
# Gating earns its cost on sequences where information must survive many
# steps, which a three-step random walk never asks for.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The article's generator never grows its sequences, and its Keras code has
#   an unclosed list, no output layer, a garbled `fit` and a deprecated
#   `input_shape=`. Fixed, the model is
#   `Input(shape=(None, 1))` -> `SimpleRNN(64, tanh)` -> `Dense(1)`, trained on
#   X of shape (N, T, 1).
# - On this data the best possible model repeats the last input, and its MSE
#   is the noise floor $2\sigma^2 = 0.02$. The trained SimpleRNN comes within
#   a few per cent of that baseline on held-out data; judged alone, "MSE
#   0.02" would have meant nothing.
# - Keras' SimpleRNN and rnnkit's NumPy SimpleRNN compute the same function,
#   and train to about the same error.
# - More training data lowers the test MSE. The training MSE of a tiny data
#   set is noisy and can sit below the floor; it moves to the floor as the
#   data grows, so it rises when it started below. That, not vanishing
#   gradients over 3 steps, explains the article's observation.
# - A gated cell (the LSTM) does not help a task without long-range memory.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# ### Exercise 1: give the data its feature axis
#
# `walks` below holds the test walks without their feature axis, shape
# (N, T), as the article built them. Make `my_X` the array a Keras
# `SimpleRNN` accepts, shape (N, T, 1), without changing any value.

# %% slideshow={"slide_type": "fragment"}
walks = X_test[:, :, 0]
my_X = None  # replace None with your code

_ = rnnkit.check_array(my_X, X_test, name="my_X")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
my_X = walks[:, :, None]               # or walks.reshape(len(walks), -1, 1), or walks[..., np.newaxis]
_ = rnnkit.check_array(my_X, X_test, name="my_X")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Exercise 2: the laziest baseline
#
# A model that knows nothing about the inputs can still predict the average
# target. Compute the test MSE of always predicting the mean of `y_train`.
# Where does it land beside the numbers in section 4?

# %% slideshow={"slide_type": "fragment"}
my_mean_mse = None  # replace None with your code

_ = rnnkit.check_array(my_mean_mse, np.mean((y_test - y_train.mean()) ** 2), name="my_mean_mse")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
my_mean_mse = np.mean((y_test - np.mean(y_train)) ** 2)
_ = rnnkit.check_array(my_mean_mse, np.mean((y_test - y_train.mean()) ** 2), name="my_mean_mse")
print(f"always the mean: {my_mean_mse:.4f}, about {my_mean_mse / noise_floor:.0f} times the noise floor")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Exercise 3: a tempting baseline that loses
#
# Smoothing sounds wise: predict each target as the **average of the three
# input values** of its walk. Compute the test MSE of that prediction.
# Is it better or worse than repeating the last value, and why?

# %% slideshow={"slide_type": "fragment"}
my_average_mse = None  # replace None with your code

_ = rnnkit.check_array(my_average_mse, np.mean((X_test.mean(axis=(1, 2)) - y_test) ** 2), name="my_average_mse")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
average = X_test[:, :, 0].mean(axis=1)            # (N,): the mean over the T = 3 steps of each walk
my_average_mse = np.mean((average - y_test) ** 2)
_ = rnnkit.check_array(my_average_mse, np.mean((X_test.mean(axis=(1, 2)) - y_test) ** 2), name="my_average_mse")
print(f"average of the inputs: {my_average_mse:.5f}, last value: {last_value_mse(X_test, y_test):.5f}")
verdict = "worse" if my_average_mse > last_value_mse(X_test, y_test) else "better"
print(f"{verdict}: the older values are the last value minus random steps that say nothing about the target")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Going further (no checks)
#
# - In section 7, add `keras.layers.GRU` to the tuple of layers. How many
#   weights does it have, and where does it land after 10 epochs?
# - Raise the number of runs with 10 walks in `RUNS` (section 6) to 100:
#   how often does the article's observation appear now?
# - Give the data something to remember: make the target depend on the
#   *first* value of a long walk (`sequence_length=50`) and compare SimpleRNN,
#   LSTM and GRU again, as notebook 05 does.
# - Go the other way: train a NumPy model as in section 5, copy it into
#   Keras with `rnnkit.keras_bridge.to_keras(net.rnn)`, and check that the
#   Keras copy predicts the same values.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Further reading
#
# - Keras documentation: [the `SimpleRNN` layer](https://keras.io/api/layers/recurrent_layers/simple_rnn/)
#   and the guide [Working with RNNs](https://keras.io/guides/working_with_rnns/).
# - R. J. Hyndman and G. Athanasopoulos, *Forecasting: Principles and
#   Practice*, 3rd ed., section 5.2 "Some simple forecasting methods": the
#   naive forecast as the baseline every model must beat.
# - R. Pascanu, T. Mikolov and Y. Bengio, "On the difficulty of training
#   recurrent neural networks", ICML 2013: when gradients vanish or explode.
# - S. Hochreiter and J. Schmidhuber, "Long Short-Term Memory", *Neural
#   Computation*, 1997; K. Cho et al., "Learning Phrase Representations using
#   RNN Encoder-Decoder for Statistical Machine Translation", 2014 (the GRU).
