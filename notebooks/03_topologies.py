# %% [markdown] slideshow={"slide_type": "slide"}
# # Match the network's shape to the task: five RNN topologies
#
# **What you will do.** Meet the five ways of wiring a recurrent cell's inputs
# and outputs: for each, its diagram, its shapes from a real forward pass, a
# use, and a tiny rnnkit model trained on a toy task.
#
# **What you will learn.**
# - one-to-one, one-to-many, many-to-one, many-to-many and encoder-decoder,
#   and the shapes of each: all five are the *same* cell;
# - how to pick a topology for a task, and why machine translation (the
#   article's same-length example) needs the encoder-decoder;
# - teacher forcing, how a decoder is trained, and why its error grows when
#   it generates; why one context vector is a bottleneck.
#
# **What you need.** Notebook 02.
#
# **Time.** About 30 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/03_topologies.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Each topology section has the same rhythm: diagram, shapes, use, toy task.
# Keep the toy tasks quick; the point is the shapes and that the same cell
# learns all five. The summary table at the end collects every result.
#
# </details>

# %% slideshow={"slide_type": "skip"} tags=["install-rnnkit"]
# rnnkit, the course's package, and what this notebook needs are already here when you run
# the course from its folder, and then this cell does nothing. On Colab, or in a Jupyter
# without the course, it installs what is missing of rnnkit (widgets) from the
# course's repository first: about a minute.
import importlib.util

extra_of = {'ipywidgets': 'widgets'}
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
from rnnkit.course import diagrams, plots
from rnnkit.course.exercises import topologies as ex
from rnnkit.course.widgets.topologies import topology_picker_widget
from rnnkit.optim import Adam

plots.use_style()
SEED = 0  # one fixed seed: the same data, weights and training order, so the same results, on every run
rng = np.random.default_rng(SEED)
results = {}  # topology -> what its toy model achieved, for the summary at the end


def accuracy(logits, labels):
    """The fraction of rows whose largest logit is the true class."""
    return float(np.mean(logits.argmax(axis=-1) == labels))


def report_mse(name, model, test_x, test_y):
    """Print a regression model's MSE on held-out data beside always predicting 0."""
    test_mse = rnnkit.evaluate(model, test_x, test_y)
    results[name] = f"test MSE {test_mse:.5f}"
    print(f"test MSE: {test_mse:.5f}   (always predicting 0: {np.mean(test_y**2):.5f})")


def signed(values, digits=2):
    """A sequence of numbers, each with its sign and a fixed number of decimals."""
    return np.array2string(values, precision=digits, floatmode="fixed", sign="+")


# %% [markdown] slideshow={"slide_type": "slide"}
# ## Five shapes, one cell
#
# In every drawing below the inputs are at the bottom, the hidden states in
# the middle and the outputs on top; a box appears only where the topology
# takes an input or gives an output. The cell in the middle row is always the
# same one from notebook 02. What changes is *where data goes in* and *where
# answers come out*.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# These are the pictures from Karpathy's "The Unreasonable Effectiveness of
# Recurrent Neural Networks". Ask for a task for each before going on.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
fig = diagrams.all_topologies()
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. One to one: image classification
#
# One input, one output, no sequence at all. The article's example is image
# classification: one image in, one label ("cat") out. With a single step and
# $h_0 = 0$ the term $h_0 W_{hh}$ is always zero, so $W_{hh}$ has nothing to do:
# a one-to-one "RNN" is an ordinary feed-forward net with one tanh hidden layer.
# `rnnkit.OneToOne` therefore has no $W_{hh}$ at all.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This is notebook 01's network again; the only new thing is to see it as the
# degenerate case T = 1 of the recurrent cell.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
_ = diagrams.topology("one_to_one")
plt.show()

# %% slideshow={"slide_type": "subslide"}
model = rnnkit.OneToOne(input_size=2, hidden_size=16, output_size=2, seed=SEED)
x = rng.normal(size=(4, 2))                       # N = 4 examples, D = 2 numbers each
print("input x:", x.shape, "(N, D)  ->  output:", model.forward(x).shape, "(N, O)")
print("parameters:", list(model.params))

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Toy task.** Our "images" are points $(x_1, x_2)$ in the square $[-1, 1]^2$;
# the label is 1 if the point lies inside the circle of radius $\sqrt{2/\pi}$
# (which holds half of the square's area) and 0 outside. Two output scores,
# one per class, trained with softmax cross-entropy.

# %% slideshow={"slide_type": "fragment"}
points = rng.uniform(-1, 1, size=(500, 2))
inside = (np.sum(points**2, axis=1) < 2 / np.pi).astype(int)
train_x, test_x, train_y, test_y = points[:400], points[400:], inside[:400], inside[400:]

history = rnnkit.train(model, train_x, train_y, loss="softmax_cross_entropy", epochs=60,
                       batch_size=20, optimizer=Adam(0.03), seed=SEED)
results["one_to_one"] = f"test accuracy {accuracy(model.forward(test_x), test_y):.1%}"
print(f"final training loss: {history.loss[-1]:.4f}")
print(f"test accuracy: {accuracy(model.forward(test_x), test_y):.1%}   "
      f"(always guessing the commoner class: {max(test_y.mean(), 1 - test_y.mean()):.1%})")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. One to many: image captioning
#
# One input, a sequence out. The article's example is image captioning: one
# image in, a sentence out, one word per step. How do several outputs come out
# of one input? `rnnkit.OneToMany` feeds the same input $x$ to the cell at every
# step (Keras calls this `RepeatVector`); the hidden state changes from step to
# step, so the outputs differ. (Real captioning models also feed each word they
# wrote back in as the next input.)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The repeated input surprises people: the input is identical at every step,
# so everything that changes from output to output lives in h_t.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
_ = diagrams.topology("one_to_many")
plt.show()

# %% slideshow={"slide_type": "subslide"}
model = rnnkit.OneToMany(input_size=1, hidden_size=16, output_size=1, steps=5, seed=SEED)
x = rng.normal(size=(4, 1))
print("input x:", x.shape, "(N, D)  ->  output:", model.forward(x).shape, "(N, T_out, O)")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Toy task.** From one start value $x$, write the sequence $x, 2x, 3x, 4x, 5x$.
# The network must count the steps in its hidden state, because its input is
# the same at every step.

# %% slideshow={"slide_type": "fragment"}
start = rng.uniform(-0.2, 0.2, size=(500, 1))
multiples = start[:, None, :] * np.arange(1, 6)[None, :, None]      # (N, 5, 1): x, 2x, ..., 5x
train_x, test_x, train_y, test_y = start[:400], start[400:], multiples[:400], multiples[400:]

history = rnnkit.train(model, train_x, train_y, epochs=30, batch_size=20, optimizer=Adam(0.01), seed=SEED)
report_mse("one_to_many", model, test_x, test_y)
print(f"x = {test_x[0, 0]:+.3f}")
print("  target:    ", signed(test_y[0, :, 0], 3))
print("  prediction:", signed(model.forward(test_x[:1])[0, :, 0], 3))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Many to one: sentiment analysis
#
# A sequence in, one output after the last step. The article's example is
# sentiment analysis: read a whole review, then say "positive", "negative" or
# "neutral". `rnnkit.ManyToOne` runs the cell over all $T$ steps and keeps only
# the last output $y_T$ (in Keras: `SimpleRNN(..., return_sequences=False)`
# followed by a `Dense` layer). Everything the answer needs must reach the
# last step through the hidden state.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# After the result, ask why the last number alone gets about two thirds right:
# it is part of the sum, so it agrees with the sum's sign more often than not.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
_ = diagrams.topology("many_to_one")
plt.show()

# %% slideshow={"slide_type": "subslide"}
model = rnnkit.ManyToOne(input_size=1, hidden_size=16, output_size=2, seed=SEED)
X = rng.normal(size=(4, 8, 1))
print("input X:", X.shape, "(N, T, D)  ->  output:", model.forward(X).shape, "(N, O)")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Toy task.** Read 8 random numbers; say whether their sum is positive. The
# last number alone is a poor guide, so the network has to keep a running total
# in its hidden state.

# %% slideshow={"slide_type": "fragment"}
X = rng.normal(size=(500, 8, 1))
positive = (X.sum(axis=(1, 2)) > 0).astype(int)
train_x, test_x, train_y, test_y = X[:400], X[400:], positive[:400], positive[400:]

history = rnnkit.train(model, train_x, train_y, loss="softmax_cross_entropy", epochs=25,
                       batch_size=20, optimizer=Adam(0.01), seed=SEED)
last_only = np.mean((test_x[:, -1, 0] > 0) == test_y)
results["many_to_one"] = f"test accuracy {accuracy(model.forward(test_x), test_y):.1%}"
print(f"test accuracy: {accuracy(model.forward(test_x), test_y):.1%}   "
      f"(the sign of the last number alone: {last_only:.1%})")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Many to many, same length: tagging
#
# A sequence in, one output at *every* step, so the output is as long as the
# input. `rnnkit.ManyToMany` is `SimpleRNN` itself (in Keras:
# `return_sequences=True`).
#
# **A correction.** The article's example here is machine translation. But a
# translation rarely has as many words as its source ("thank you" is one word
# in German, "danke") and the order often changes, so translation needs the
# encoder-decoder of section 5. Good same-length tasks give one label per input
# step: the part of speech of every word, the event in every frame of a video,
# or the next word after every word (notebook 04).

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Spend a minute on the correction: "translation is many-to-many of the same
# length" is a common misreading of Karpathy's diagram.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
_ = diagrams.topology("many_to_many")
plt.show()

# %% slideshow={"slide_type": "subslide"}
model = rnnkit.ManyToMany(input_size=1, hidden_size=16, output_size=1, seed=SEED)
X = rng.normal(size=(4, 8, 1))
print("input X:", X.shape, "(N, T, D)  ->  output:", model.forward(X).shape, "(N, T, O)")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Toy task.** Label every step with the running sum of the inputs so far:
# $y_t = x_1 + \dots + x_t$.

# %% slideshow={"slide_type": "fragment"}
X = rng.uniform(-0.5, 0.5, size=(500, 8, 1))
running_sum = np.cumsum(X, axis=1)                                    # (N, T, 1)
train_x, test_x, train_y, test_y = X[:400], X[400:], running_sum[:400], running_sum[400:]

history = rnnkit.train(model, train_x, train_y, epochs=25, batch_size=20, optimizer=Adam(0.01), seed=SEED)
report_mse("many_to_many", model, test_x, test_y)
print("inputs:      ", signed(test_x[0, :, 0]))
print("running sum: ", signed(test_y[0, :, 0]))
print("prediction:  ", signed(model.forward(test_x[:1])[0, :, 0]))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Many to many, different lengths: the encoder-decoder
#
# A sequence in, a sequence of *another length* out: speech recognition
# (hundreds of audio frames in, a few words out), or translation. Output step
# $t$ has no matching input step, so two cells work in turn:
#
# - the **encoder** reads all $T_{in}$ inputs into one *context vector*
#   $c = h_{T_{in}}$ of $H$ numbers;
# - the **decoder** writes $T_{out}$ outputs, one per step. At step $t$ it
#   reads $c$ and its previous output $y_{t-1}$ (0 at the start), so it knows
#   what it has written so far.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The context vector is the idea to land: all of the input squeezed into H
# numbers. The diagram is Karpathy's and leaves the fed-back outputs out; the
# next two slides draw them. Attention is the natural next question; notebook
# 10 answers it.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
_ = diagrams.topology("encoder_decoder")
plt.show()

# %% slideshow={"slide_type": "subslide"}
model = rnnkit.EncoderDecoder(input_size=1, hidden_size=16, output_size=1, steps=3, feedback=True,
                              seed=SEED)
X = rng.normal(size=(4, 6, 1))
print("input X:", X.shape, "(N, T_in, D)  ->  output:", model.forward(X).shape, "(N, T_out, O)")
print("context c:", model.context.shape, "(N, H): everything the decoder knows about X")
print("decoder inputs [c, y_(t-1)]:", model.decoder_inputs.shape, "(N, T_out, H + O)")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Teacher forcing
#
# In training the true outputs are known, so the decoder is fed the *true*
# $y_{t-1}$, not its own guess: **teacher forcing**. Every step learns from a
# correct start. When it generates, there is no truth to feed: the decoder
# feeds back its own outputs. In rnnkit, `forward(X, teacher=Y)` feeds the
# truth $Y$; `forward(X)` feeds its own.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Ask what a translation model would be fed at step 2 in each picture: the
# reference translation's first word, or the word it wrote itself.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 2, figsize=(14, 3.9))
diagrams.decoder_feedback(teacher=True, ax=axes[0])
diagrams.decoder_feedback(teacher=False, ax=axes[1])
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Toy task.** Continue a wave: read 6 points of a sine wave (random phase and
# frequency), write the next 3. `rnnkit.train(..., forward_args={"teacher": Y})`
# trains by teacher forcing: each mini-batch's `forward` is fed the truth, cut
# to the batch like `X`.

# %% slideshow={"slide_type": "fragment"}
def waves(n, seed):
    """n sine waves of 9 points with random phases and frequencies: (n, 9, 1)."""
    r = np.random.default_rng(seed)
    phase, frequency = r.uniform(0, 2 * np.pi, size=(n, 1)), r.uniform(0.3, 0.8, size=(n, 1))
    return np.sin(frequency * np.arange(9) + phase)[..., None]


def wave_errors(seed):
    """Train on 400 waves by teacher forcing (the waves and the starting weights drawn with
    ``seed``). Returns the test MSE per output step (T_out,), fed the truth and fed its own
    outputs, the model and its 200 test waves (X, Y)."""
    wave = waves(600, seed)
    X, Y = wave[:, :6], wave[:, 6:]                                 # 6 points in, the next 3 out
    model = rnnkit.EncoderDecoder(1, 16, 1, steps=3, feedback=True, seed=seed)
    rnnkit.train(model, X[:400], Y[:400], epochs=30, batch_size=50, optimizer=Adam(0.02),
                 seed=SEED, forward_args={"teacher": Y[:400]})      # the truth goes in
    test_x, test_y = X[400:], Y[400:]
    fed_truth = np.mean((model.forward(test_x, teacher=test_y) - test_y) ** 2, axis=(0, 2))
    fed_own = np.mean((model.forward(test_x) - test_y) ** 2, axis=(0, 2))
    return fed_truth, fed_own, model, (test_x, test_y)


# %% slideshow={"slide_type": "fragment"}
runs = [wave_errors(seed) for seed in (SEED, 1, 2)]                # three seeds, for the spread
fed_truth, fed_own, model, (test_x, test_y) = runs[0]
model.forward(test_x, teacher=test_y)
y_read = model.decoder_inputs[:, 1, 16:]          # step 2 reads [c, y_1]; c is the first H = 16
print("teacher forcing: step 2 read the true y_1:", np.allclose(y_read, test_y[:, 0]))
Y_own = model.forward(test_x)
y_read = model.decoder_inputs[:, 1, 16:]
print("generation: step 2 read its own y_1:", np.allclose(y_read, Y_own[:, 0]),
      "| the true y_1:", np.allclose(y_read, test_y[:, 0]))

# %% slideshow={"slide_type": "fragment"}
print("test MSE at output step        1        2        3")
print("fed the truth (training):  ", "".join(f"{e:9.5f}" for e in fed_truth))
print("fed its own (generation):  ", "".join(f"{e:9.5f}" for e in fed_own))
ratios = [own[-1] / truth[-1] for truth, own, _, _ in runs]
growing = sum(bool(np.all(np.diff(own) > 0)) for _, own, _, _ in runs)
print(f"step 3, its own / the truth, over 3 seeds: {min(ratios):.0f} to {max(ratios):.0f} times")
print(f"fed its own, the error grows at every step: {growing} of 3 seeds")
results["encoder_decoder"] = f"test MSE {fed_own.mean():.5f} (generating)"

# %% [markdown] slideshow={"slide_type": "fragment"}
# Fed the truth, the error stays small at every step. Fed its own outputs, it
# grows from step to step: a small error at step 1 goes back in, and in
# training the decoder never saw its own mistakes. This gap between training
# and generation is called *exposure bias*.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The context bottleneck
#
# Everything the decoder knows about $X$ is the context $c$: $H$ numbers,
# however long $X$ is. Six inputs or six hundred, the encoder squeezes them
# into a vector of the same size:

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Keep this to a minute: state the squeeze, ask the room what they would
# expect of a long sentence held in 16 numbers, and leave the measurement to
# notebook 10, which opens with exactly this question.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
for T_in in (6, 60, 600):
    model.forward(np.zeros((1, T_in, 1)))                          # one input of T_in steps
    print(f"T_in = {T_in:3d}: context c has shape {model.context.shape}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Something has to give as inputs grow. Notebook 10 measures what: a plain
# encoder-decoder's accuracy falls as its inputs get longer. Then it lets the
# decoder look back at every encoder state instead of one vector: *attention*.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Pick a topology
#
# Click through the five topologies. The line under the diagram shows the
# shapes from a real forward pass of each rnnkit model (with $N = 4$ examples,
# $T = 6$ input steps, $D = 3$, $O = 2$ and $T_{out} = 3$) and what the
# topology is used for.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# A good moment for a quick quiz: name a task, let the room pick the button,
# then click it and read the shapes together.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
topology_picker_widget("many_to_one")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# | topology | input | output | real-world use |
# |---|---|---|---|
# | one to one | $(N, D)$ | $(N, O)$ | image classification (a plain feed-forward net) |
# | one to many | $(N, D)$ | $(N, T_{out}, O)$ | image captioning |
# | many to one | $(N, T, D)$ | $(N, O)$ | sentiment analysis |
# | many to many | $(N, T, D)$ | $(N, T, O)$ | tagging every word or frame |
# | encoder-decoder | $(N, T_{in}, D)$ | $(N, T_{out}, O)$ | translation, speech recognition |
#
# All five are the same recurrent cell, fed and read in different places. The
# encoder-decoder learns by teacher forcing; generating, it feeds back its own
# outputs and its error grows along them. Its context is $H$ numbers, however
# long the input. This notebook's tiny models:

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The exercises are quick: four "which topology?" questions, two shapes, one
# line of indexing, and teacher forcing by hand. Exercise 1 (c) is a good
# discussion starter: could a many-to-many model do speech recognition if we
# padded the words? (Yes, with a blank symbol: that is CTC.)
#
# </details>

# %% slideshow={"slide_type": "fragment"}
for kind, result in results.items():
    print(f"{rnnkit.TOPOLOGIES[kind].title:>16}: {result}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## On your own
#
# **Exercise 1.** Which topology fits each task? Answer with one of
# `"one_to_one"`, `"one_to_many"`, `"many_to_one"`, `"many_to_many"`,
# `"encoder_decoder"`.
#
# - (a) predict tomorrow's temperature from the last 30 days;
# - (b) mark every frame of a football video as "goal" or "no goal";
# - (c) turn a spoken sentence (a few hundred audio frames) into its words;
# - (d) write a melody of 16 notes in a style given by one genre label.

# %% slideshow={"slide_type": "fragment"}
my_temperature = None  # replace None with a topology name, e.g. "one_to_one"
my_video = None
my_speech = None
my_melody = None

_ = ex.check_topology("temperature", my_temperature)
_ = ex.check_topology("video", my_video)
_ = ex.check_topology("speech", my_speech)
_ = ex.check_topology("melody", my_melody)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: (a) 30 steps in, one number out; (b) one label per frame, same length;
# (c) many frames in, fewer words out; (d) one label in, 16 notes out.
my_temperature, my_video, my_speech, my_melody = "many_to_one", "many_to_many", "encoder_decoder", "one_to_many"
_ = ex.check_topology("temperature", my_temperature)
_ = ex.check_topology("video", my_video)
_ = ex.check_topology("speech", my_speech)
_ = ex.check_topology("melody", my_melody)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** An `rnnkit.EncoderDecoder(input_size=2, hidden_size=8,
# output_size=4, steps=7)` reads a batch `X` of shape $(10, 5, 2)$. What is the
# shape of its output? And of its context vector? Answer with tuples.

# %% slideshow={"slide_type": "fragment"}
my_output_shape = None   # replace None with a tuple, e.g. (1, 2, 3)
my_context_shape = None  # replace None with a tuple

_ = ex.check_output_shape(my_output_shape)
_ = ex.check_context_shape(my_context_shape)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: N = 10 sequences, T_out = steps = 7 outputs of O = 4 numbers each; the
# context is one hidden state of H = 8 numbers per sequence. T_in = 5 appears in neither.
my_output_shape, my_context_shape = (10, 7, 4), (10, 8)
_ = ex.check_output_shape(my_output_shape)
_ = ex.check_context_shape(my_context_shape)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** Many-to-one is many-to-many with all but the last output thrown
# away. `many_to_one.rnn` is the `SimpleRNN` inside a `ManyToOne`; its `forward`
# returns the outputs of every step. Keep only the last step's output, shape
# $(N, O)$; the check compares it with `ManyToOne.forward`.

# %% slideshow={"slide_type": "fragment"}
many_to_one = rnnkit.ManyToOne(input_size=1, hidden_size=8, output_size=2, seed=SEED)
X_ex = rng.normal(size=(3, 5, 1))                  # N = 3, T = 5, D = 1
Y_every_step = many_to_one.rnn.forward(X_ex)       # (N, T, O)

my_last = None  # replace None with your code

_ = ex.check_last_output(my_last, many_to_one, X_ex)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the last step along the time axis (axis 1), for every sequence.
my_last = Y_every_step[:, -1]
_ = ex.check_last_output(my_last, many_to_one, X_ex)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4.** Teacher forcing by hand. `decoder.forward(X_tf, teacher=Y_tf)`
# feeds decoder step $t$ the true previous output. Build what it feeds:
# `my_Y_prev` of shape $(N, T_{out}, O)$, the start value 0 at the first step,
# then $y_1, \dots, y_{T_{out}-1}$ from `Y_tf`. The check compares it with what
# the decoder read.

# %% slideshow={"slide_type": "fragment"}
decoder = rnnkit.EncoderDecoder(input_size=1, hidden_size=6, output_size=2, steps=4,
                                feedback=True, seed=SEED)
X_tf = rng.normal(size=(3, 5, 1))                  # N = 3, T_in = 5, D = 1
Y_tf = rng.normal(size=(3, 4, 2))                  # the true outputs: N = 3, T_out = 4, O = 2

my_Y_prev = None  # replace None with your code

_ = ex.check_teacher_inputs(my_Y_prev, decoder, X_tf, Y_tf)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: shift the outputs one step later along time (axis 1); step 1 reads the start, 0.
my_Y_prev = np.concatenate([np.zeros((3, 1, 2)), Y_tf[:, :-1]], axis=1)
_ = ex.check_teacher_inputs(my_Y_prev, decoder, X_tf, Y_tf)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Andrej Karpathy, "The Unreasonable Effectiveness of Recurrent Neural
#   Networks" (2015): the five diagrams of this notebook.
# - Sutskever, Vinyals and Le, "Sequence to Sequence Learning with Neural
#   Networks" (2014): the encoder-decoder for translation.
# - Vinyals et al., "Show and Tell" (2015): image captioning, one-to-many.
# - Bahdanau, Cho and Bengio, "Neural Machine Translation by Jointly Learning to
#   Align and Translate" (2015): attention, the way around the bottleneck
#   (notebook 10).
# - Williams and Zipser (1989): teacher forcing. Bengio et al., "Scheduled
#   Sampling for Sequence Prediction" (2015): the gap between teacher forcing
#   and generation, and one cure.
#
# **Next:** notebook 04 trains a many-to-many RNN on text to predict the next
# word of "How are you?".
