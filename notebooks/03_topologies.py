# %% [markdown] slideshow={"slide_type": "slide"}
# # Match the network's shape to the task: five RNN topologies
#
# **What you will do.** Meet the five ways of wiring inputs and outputs to a
# recurrent cell. For each one you will see its diagram, read its input and
# output shapes off a real forward pass, connect it to a real-world task, and
# train a tiny rnnkit model on a toy task of that shape in a second or less.
#
# **What you will learn.**
# - one-to-one, one-to-many, many-to-one, many-to-many and encoder-decoder
#   (many-to-many of different lengths), and the array shapes of each;
# - that all five are the *same* cell $h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$,
#   fed and read in different places;
# - how to pick a topology for a task, and why the article's example for
#   same-length many-to-many (machine translation) belongs to the encoder-decoder.
#
# **What you need.** Notebook 02 (the cell, `SimpleRNN`, the output layer).
#
# **Time.** About 30 minutes.

# %% [markdown] slideshow={"slide_type": "notes"}
# Each topology section has the same rhythm: diagram, shapes, use, toy task.
# Keep the toy tasks quick; the point is the shapes and that the same cell
# learns all five. The summary table at the end collects every result.

# %% slideshow={"slide_type": "skip"}
import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import diagrams, plots
from rnnkit.optim import Adam
from rnnkit.widgets.topologies import topology_picker_widget

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
# These are the pictures from Karpathy's "The Unreasonable Effectiveness of
# Recurrent Neural Networks". Ask for a task for each before going on.

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
# This is notebook 01's network again; the only new thing is to see it as the
# degenerate case T = 1 of the recurrent cell.

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
# The repeated input surprises people: the input is identical at every step,
# so everything that changes from output to output lives in h_t.

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
# After the result, ask why the last number alone gets about two thirds right:
# it is part of the sum, so it agrees with the sum's sign more often than not.

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
# Spend a minute on the correction: "translation is many-to-many of the same
# length" is a common misreading of Karpathy's diagram.

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
# A sequence in, a sequence of *another length* out. The article's example is
# speech recognition: hundreds of audio frames in, a handful of words out;
# translation is the other classic. One cell cannot do this step by step,
# because output step $t$ has no matching input step. So two cells work in turn:
#
# - the **encoder** reads all $T_{in}$ inputs and squeezes them into one
#   *context vector* $c = h_{T_{in}}$ of $H$ numbers;
# - the **decoder** reads $c$ at each of its $T_{out}$ steps and writes one
#   output per step, as one-to-many does.

# %% [markdown] slideshow={"slide_type": "notes"}
# The context vector is the idea to land: all of the input squeezed into H
# numbers. Attention (further reading) is the natural next question.

# %% slideshow={"slide_type": "fragment"}
_ = diagrams.topology("encoder_decoder")
plt.show()

# %% slideshow={"slide_type": "subslide"}
model = rnnkit.EncoderDecoder(input_size=1, hidden_size=16, output_size=1, steps=3, seed=SEED)
X = rng.normal(size=(4, 6, 1))
print("input X:", X.shape, "(N, T_in, D)  ->  output:", model.forward(X).shape, "(N, T_out, O)")
print("context c:", model.context.shape, "(N, H): everything the decoder knows about X")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Toy task.** Read 6 numbers; write the first 3 in reverse order. The input
# has 6 steps, the output 3, and the first output ($x_3$) is needed before the
# decoder has written anything: the encoder must keep $x_1, x_2, x_3$ in $c$
# while it reads $x_4, x_5, x_6$.

# %% slideshow={"slide_type": "fragment"}
X = rng.uniform(-1, 1, size=(600, 6, 1))
first_three_reversed = X[:, 2::-1]                                    # (N, 3, 1): x_3, x_2, x_1
train_x, test_x, train_y, test_y = X[:500], X[500:], first_three_reversed[:500], first_three_reversed[500:]

history = rnnkit.train(model, train_x, train_y, epochs=30, batch_size=25, optimizer=Adam(0.01), seed=SEED)
report_mse("encoder_decoder", model, test_x, test_y)
print("input:     ", signed(test_x[0, :, 0]))
print("target:    ", signed(test_y[0, :, 0]))
print("prediction:", signed(model.forward(test_x[:1])[0, :, 0]))

# %% [markdown] slideshow={"slide_type": "fragment"}
# The context vector is a bottleneck: 16 numbers must hold the whole input.
# That is fine for 6 numbers, but not for a long sentence; *attention*, which
# lets the decoder look back at every encoder state, was invented to remove
# this bottleneck (see further reading).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Pick a topology
#
# Click through the five topologies. The line under the diagram shows the
# shapes from a real forward pass of each rnnkit model (with $N = 4$ examples,
# $T = 6$ input steps, $D = 3$, $O = 2$ and $T_{out} = 3$) and what the
# topology is used for.

# %% [markdown] slideshow={"slide_type": "notes"}
# A good moment for a quick quiz: name a task, let the room pick the button,
# then click it and read the shapes together.

# %% slideshow={"slide_type": "fragment"}
# NBVAL_IGNORE_OUTPUT: a live widget; its output holds a new widget id on every run
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
# All five are the same recurrent cell; they differ only in where the inputs
# go in and where the outputs are read. The tiny models of this notebook, each
# trained in a second or less:

# %% [markdown] slideshow={"slide_type": "notes"}
# The exercises are quick: four "which topology?" questions, two shapes, one line of code.
# Exercise 1 (c) is a good discussion starter: could a many-to-many model do speech
# recognition if we padded the words? (Yes, with a blank symbol: that is CTC.)

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

_ = rnnkit.check_choice(my_temperature, "many_to_one", "(a) temperature")
_ = rnnkit.check_choice(my_video, "many_to_many", "(b) video frames")
_ = rnnkit.check_choice(my_speech, "encoder_decoder", "(c) speech")
_ = rnnkit.check_choice(my_melody, "one_to_many", "(d) melody")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: (a) 30 steps in, one number out; (b) one label per frame, same length;
# (c) many frames in, fewer words out; (d) one label in, 16 notes out.
my_temperature, my_video, my_speech, my_melody = "many_to_one", "many_to_many", "encoder_decoder", "one_to_many"
_ = rnnkit.check_choice(my_temperature, "many_to_one", "(a) temperature")
_ = rnnkit.check_choice(my_video, "many_to_many", "(b) video frames")
_ = rnnkit.check_choice(my_speech, "encoder_decoder", "(c) speech")
_ = rnnkit.check_choice(my_melody, "one_to_many", "(d) melody")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** An `rnnkit.EncoderDecoder(input_size=2, hidden_size=8,
# output_size=4, steps=7)` reads a batch `X` of shape $(10, 5, 2)$. What is the
# shape of its output? And of its context vector? Answer with tuples.

# %% slideshow={"slide_type": "fragment"}
my_output_shape = None   # replace None with a tuple, e.g. (1, 2, 3)
my_context_shape = None  # replace None with a tuple

encoder_decoder = rnnkit.EncoderDecoder(input_size=2, hidden_size=8, output_size=4, steps=7, seed=SEED)
output = encoder_decoder.forward(np.zeros((10, 5, 2)))
_ = rnnkit.check_choice(my_output_shape, output.shape, "the output shape")
_ = rnnkit.check_choice(my_context_shape, encoder_decoder.context.shape, "the context shape")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: N = 10 sequences, T_out = steps = 7 outputs of O = 4 numbers each; the
# context is one hidden state of H = 8 numbers per sequence. T_in = 5 appears in neither.
my_output_shape, my_context_shape = (10, 7, 4), (10, 8)
_ = rnnkit.check_choice(my_output_shape, output.shape, "the output shape")
_ = rnnkit.check_choice(my_context_shape, encoder_decoder.context.shape, "the context shape")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** Many-to-one is many-to-many with all but the last output thrown
# away. `many_to_one.rnn` is the `SimpleRNN` inside a `ManyToOne`; its `forward`
# returns the outputs of every step. Keep only the last step's output, shape
# $(N, O)$, and check it against `ManyToOne.forward`.

# %% slideshow={"slide_type": "fragment"}
many_to_one = rnnkit.ManyToOne(input_size=1, hidden_size=8, output_size=2, seed=SEED)
X_ex = rng.normal(size=(3, 5, 1))                  # N = 3, T = 5, D = 1
Y_every_step, _ = many_to_one.rnn.forward(X_ex)    # (N, T, O)

my_last = None  # replace None with your code

_ = rnnkit.check_array(my_last, many_to_one.forward(X_ex), "y_T")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the last step along the time axis (axis 1), for every sequence.
my_last = Y_every_step[:, -1]
_ = rnnkit.check_array(my_last, many_to_one.forward(X_ex), "y_T")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Andrej Karpathy, "The Unreasonable Effectiveness of Recurrent Neural
#   Networks" (2015): the five diagrams of this notebook, with examples.
# - Sutskever, Vinyals and Le, "Sequence to Sequence Learning with Neural
#   Networks" (2014), and Cho et al. (2014): the encoder-decoder for translation.
# - Vinyals et al., "Show and Tell: A Neural Image Caption Generator" (2015): one-to-many.
# - Bahdanau, Cho and Bengio, "Neural Machine Translation by Jointly Learning to
#   Align and Translate" (2015): attention, the way around the context bottleneck.
# - The Keras guide "Working with RNNs": `return_sequences`, and `RepeatVector`
#   for one-to-many and encoder-decoder models.
#
# **Next:** notebook 04 trains a many-to-many RNN on text to predict the next
# word of "How are you?".
