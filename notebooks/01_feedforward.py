# %% [markdown] slideshow={"slide_type": "slide"}
# # Build a feed-forward network and see where it fails on sequences
#
# **What you will do.** Compute a neuron, a layer and a two-hidden-layer
# network by hand in NumPy and check them against rnnkit; play with one neuron
# in a widget; then train a feed-forward network and a small recurrent network
# on the same sentences and watch one of them fail.
#
# **What you will learn.**
# - what a neuron and a layer compute: $y = \varphi(x W + b)$;
# - what the activation function $\varphi$ does (tanh, sigmoid, ReLU, identity);
# - how the shapes flow through a network, batch first as in Keras;
# - why a network that sees one word at a time, with no memory, cannot tell
#   "Jim is a young intelligent ... **boy**" from "Amy is a young intelligent ... **girl**".
#
# **What you need.** Notebook 00.
#
# **Time.** About 25 minutes.

# %% [markdown] slideshow={"slide_type": "notes"}
# The first half (neuron, layer, network) is a quick refresher for anyone who
# has seen neural networks; spend the time on the widget and on the shapes. The
# second half is the motivation for the rest of the course: make sure everyone
# sees the 50% against the 100% and understands why.

# %% slideshow={"slide_type": "skip"}
import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import diagrams, plots
from rnnkit.optim import Adam
from rnnkit.text import Vocabulary, tokenize
from rnnkit.widgets.neuron import neuron_widget

plots.use_style()
SEED = 0  # one fixed seed: the same weights, data order and results on every run

# %% [markdown] slideshow={"slide_type": "slide"}
# ## One neuron
#
# A neuron takes $D$ input numbers $x_1, \dots, x_D$, multiplies each by its own
# *weight*, adds a *bias* $b$, and passes the sum $z$ through an *activation
# function* $\varphi$:
#
# $$z = x_1 w_1 + x_2 w_2 + \dots + x_D w_D + b = x \cdot w + b, \qquad y = \varphi(z).$$
#
# Training a network means finding weights and biases that make $y$ useful.

# %% [markdown] slideshow={"slide_type": "notes"}
# Keep this light. The only new notation is x . w (a dot product) and phi.

# %% slideshow={"slide_type": "fragment"}
x = np.array([0.5, -1.0, 2.0])        # D = 3 inputs
w = np.array([0.8, 0.2, -0.5])        # one weight per input
b = 0.1

z = x @ w + b                         # 0.5*0.8 + (-1.0)*0.2 + 2.0*(-0.5) + 0.1
y = np.tanh(z)
print(f"z = {z:.4f}")
print(f"y = tanh(z) = {y:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Activation functions
#
# Without $\varphi$, stacking layers would be pointless: a chain of
# multiply-and-add steps is itself just one multiply-and-add. The activation
# bends the line. The four you will meet in this course:
#
# - **tanh**: squashes into $(-1, 1)$, keeps the sign; the RNN cell uses it (notebook 02);
# - **sigmoid**: squashes into $(0, 1)$, read as a probability;
# - **ReLU**: $\max(0, z)$, the default in hidden layers of image networks;
# - **identity**: $z$ itself, for outputs that can be any number (regression, notebook 06).

# %% slideshow={"slide_type": "fragment"}
z_grid = np.linspace(-4, 4, 201)
fig, ax = plots.new_figure(figsize=(8, 4))
for name in ("tanh", "sigmoid", "relu", "identity"):
    activation = getattr(rnnkit, name)             # rnnkit.tanh, rnnkit.sigmoid, ...
    ax.plot(z_grid, activation(z_grid), label=name)
ax.set(xlabel="z", ylabel=r"$\varphi(z)$", ylim=(-1.6, 2.6), title="Four activation functions")
ax.legend(loc="upper left")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Try it: one neuron with one input
#
# The widget shows $y = \varphi(w x + b)$ for every input $x$ from -5 to 5.
# The dashed line is the plain activation ($w = 1$, $b = 0$); the dot is the
# input chosen with the $x$ slider, and the line under the figure does its
# arithmetic. Try to answer:
#
# 1. What does the bias do to the curve? And a weight of 3?
# 2. What does a *negative* weight do?
# 3. Which activation can never output a negative number? Which one never
#    saturates (flattens out)?

# %% slideshow={"slide_type": "fragment"}
# NBVAL_IGNORE_OUTPUT: a live widget; its id changes on every run
neuron_widget(weight=1.0, bias=0.0, activation="tanh")

# %% [markdown] slideshow={"slide_type": "fragment"}
# *Answers:* the bias shifts the curve left or right (the step happens where
# $w x + b = 0$, at $x = -b / w$); a larger weight makes it steeper; a
# negative weight mirrors it left to right. ReLU and sigmoid are never
# negative; ReLU and identity never saturate for large inputs.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## A layer: many neurons at once
#
# A *layer* is $O$ neurons reading the same input. Put each neuron's weights in
# a column: the columns form a matrix $W$ of shape $(D, O)$, the biases a vector
# $b$ of shape $(O,)$. All $O$ outputs come from one matrix product:
#
# $$y = \varphi(x W + b).$$
#
# **Rows or columns?** The source article writes $y = \varphi(W x + b)$, with $x$
# a *column* vector and $W$ of shape $(O, D)$. This course writes $x$ as a *row*,
# $y = \varphi(x W + b)$ with $W$ of shape $(D, O)$, because that is how
# NumPy and Keras store data: a batch $X$ of shape $(N, D)$ holds one example
# per row, and $Y = \varphi(X W + b)$ computes all $N$ examples at once. Our $W$
# is the article's $W$ transposed, and exactly Keras' `Dense` kernel.
# (The article writes the sum as $W_{ij} X_j + b_j$; the bias belongs to the
# output neuron $i$, so read it as $y_i = \varphi(\sum_j W_{ij} x_j + b_i)$.)

# %% [markdown] slideshow={"slide_type": "notes"}
# This is the one place the course explains the row-vector convention; every
# later formula (h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)) uses it. The second
# code cell shows numerically that the two conventions agree.

# %% slideshow={"slide_type": "fragment"}
rng = np.random.default_rng(SEED)
X = rng.normal(size=(4, 3))              # N = 4 examples, D = 3 inputs each
W = rng.normal(size=(3, 2))              # D = 3 inputs -> O = 2 neurons
b = np.array([0.1, -0.2])                # one bias per neuron

Y = np.tanh(X @ W + b)                   # the whole batch in one line
print("X", X.shape, "@ W", W.shape, "+ b", b.shape, "->  Y", Y.shape)
print(np.array2string(Y, precision=4))
print("matches rnnkit:", np.allclose(Y, rnnkit.dense(X, W, b, activation="tanh")))

# %% slideshow={"slide_type": "fragment"}
W_article = W.T                          # the article's (O, D) matrix
x_column = X[0]                          # the first example
y_article = np.tanh(W_article @ x_column + b)
print("the article's W x + b gives the same first row:", np.allclose(y_article, Y[0]))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## A network with two hidden layers
#
# Feed one layer's output into the next and you have a *feed-forward network*
# (also called a multilayer perceptron, MLP): information flows one way, from
# the input through the hidden layers to the output. Here 3 inputs, two hidden
# layers of 4 neurons and 2 outputs:

# %% [markdown] slideshow={"slide_type": "notes"}
# Ask: how many weights does this network have? (3*4 + 4*4 + 4*2 = 36, plus
# 10 biases.) The printed shapes below answer it.

# %% slideshow={"slide_type": "fragment"}
diagrams.feedforward((3, 4, 4, 2))
plt.show()

# %% slideshow={"slide_type": "subslide"}
mlp = rnnkit.MLP((3, 4, 4, 2), activation="tanh", seed=SEED)
for name, value in mlp.params.items():
    print(f"{name}: shape {value.shape}")
print("parameters in total:", sum(value.size for value in mlp.params.values()))

# %% [markdown] slideshow={"slide_type": "fragment"}
# The forward pass by hand: tanh in the hidden layers, identity at the output
# (the MLP's default), the batch of 4 examples from above.

# %% slideshow={"slide_type": "fragment"}
A = X
print("input   ", A.shape)
for layer in (1, 2, 3):
    Z = A @ mlp.params[f"W{layer}"] + mlp.params[f"b{layer}"]
    A = Z if layer == 3 else np.tanh(Z)
    print(f"layer {layer} ", A.shape)
print("matches rnnkit:", np.allclose(A, mlp.forward(X)))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Where feed-forward networks fail: "Jim ... boy", "Amy ... girl"
#
# The source article's example: in "Jim is a young intelligent **boy**" and
# "Amy is a young intelligent **girl**", the last word depends on the *first*
# one. Everything in between is the same.
#
# We make a small data set of such sentences: six boys' and six girls' names,
# fifty middle phrases ("is a young intelligent", "was a tall shy", ...). The
# task: read every word but the last, then say **boy** or **girl**.

# %% [markdown] slideshow={"slide_type": "notes"}
# The data set is built so that the middle phrase says nothing about the
# answer: every middle phrase appears once with a boy's name and once with a
# girl's name. Only the name, four words back, decides.

# %% slideshow={"slide_type": "fragment"}
BOY_NAMES = ["jim", "tom", "sam", "ben", "leo", "max"]
GIRL_NAMES = ["amy", "eva", "mia", "zoe", "ann", "kim"]
MIDDLES = [f"{verb} a {adjective} {quality}"
           for verb in ("is", "was")
           for adjective in ("young", "tall", "clever", "quiet", "happy")
           for quality in ("intelligent", "kind", "funny", "brave", "shy")]


def make_pairs(seed):
    """Every (boy sentence, girl sentence) pair that shares a middle phrase, in a seeded random order."""
    pairs = [(f"{boy} {middle} boy", f"{girl} {middle} girl")
             for middle in MIDDLES for boy, girl in zip(BOY_NAMES, GIRL_NAMES)]
    order = np.random.default_rng(seed).permutation(len(pairs))
    return [pairs[i] for i in order]


pairs = make_pairs(SEED)
print(len(pairs), "pairs, for example:")
for boy_sentence, girl_sentence in pairs[:3]:
    print(f"   {boy_sentence:<32} {girl_sentence}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# We hold out 20% of the pairs for testing. Splitting by *pairs* keeps both
# sentences of a pair on the same side, so in both parts every middle phrase
# comes once before "boy" and once before "girl".
#
# Each word becomes a *one-hot* vector: a vector of $V$ zeros (one per word in
# the vocabulary) with a 1 at the word's index. A sentence of $T$ words is then
# an array of shape $(T, V)$, and the data set $X$ has shape $(N, T, V)$, with
# labels $y$: 0 for boy, 1 for girl.

# %% slideshow={"slide_type": "fragment"}
num_test = len(pairs) // 5
train_sentences = [s for pair in pairs[num_test:] for s in pair]
test_sentences = [s for pair in pairs[:num_test] for s in pair]
ANSWERS = ["boy", "girl"]

vocab = Vocabulary([tokenize(s)[:-1] for s in train_sentences])   # the words the networks read


def encode(sentences):
    """Sentences -> X (N, T, V) one-hot words without the last one, y (N,) 0 = boy, 1 = girl."""
    tokens = [tokenize(s) for s in sentences]
    X = np.stack([vocab.one_hot(words[:-1]) for words in tokens])
    y = np.array([ANSWERS.index(words[-1]) for words in tokens])
    return X, y


X_train, y_train = encode(train_sentences)
X_test, y_test = encode(test_sentences)
N, T, V = X_train.shape
print(f"X_train {X_train.shape}, y_train {y_train.shape}: N = {N} sentences, T = {T} words, V = {V}")
print(f"X_test  {X_test.shape}, y_test  {y_test.shape}")
print(f"share of 'girl' answers: train {y_train.mean():.2f}, test {y_test.mean():.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A feed-forward network that sees one word
#
# A feed-forward network has no memory: whatever it sees is all it knows.
# Reading the sentence one word at a time, at the moment it must answer it sees
# only the last word, "intelligent" or "shy". We train an MLP on exactly
# that: the one-hot vector of the word just before the answer.

# %% slideshow={"slide_type": "fragment"}
def accuracy(model, X, y):
    """Share of examples whose highest-scoring class is the right one."""
    return float(np.mean(model.forward(X).argmax(axis=1) == y))


last_word_train, last_word_test = X_train[:, -1], X_test[:, -1]      # (N, V): one word each
feedforward = rnnkit.MLP((V, 16, 2), seed=SEED)
ff_history = rnnkit.train(feedforward, last_word_train, y_train, loss="softmax_cross_entropy",
                          epochs=15, batch_size=32, optimizer=Adam(0.01), seed=SEED)
print(f"feed-forward, train accuracy: {accuracy(feedforward, last_word_train, y_train):.1%}")
print(f"feed-forward, test accuracy:  {accuracy(feedforward, last_word_test, y_test):.1%}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Chance level. The reason is not a bad network or too little training: for the
# article's two sentences, the network's *input is identical*, so its output
# must be identical too, and one of the two answers is wrong.

# %% slideshow={"slide_type": "fragment"}
jim = vocab.one_hot(tokenize("jim is a young intelligent"))       # (T, V)
amy = vocab.one_hot(tokenize("amy is a young intelligent"))
print("what the feed-forward net sees is identical:", np.array_equal(jim[-1], amy[-1]))

probabilities = rnnkit.softmax(feedforward.forward(np.stack([jim[-1], amy[-1]])))
print(f"P(boy) after 'jim ... intelligent': {probabilities[0, 0]:.4f}")
print(f"P(boy) after 'amy ... intelligent': {probabilities[1, 0]:.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# And across the data set every last word comes exactly as often before "boy"
# as before "girl", so *no* rule that looks at the last word alone can beat 50%:

# %% slideshow={"slide_type": "fragment"}
last_words = last_word_train.argmax(axis=1)
boys_per_word = np.bincount(last_words[y_train == 0], minlength=V)
girls_per_word = np.bincount(last_words[y_train == 1], minlength=V)
for word in ("intelligent", "shy"):
    i = vocab.index(word)
    print(f"'{word}' is followed by boy {boys_per_word[i]} times, by girl {girls_per_word[i]} times")
print("balanced for every word:", np.array_equal(boys_per_word, girls_per_word))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A recurrent network that reads the whole sentence
#
# A recurrent network reads the words one at a time too, but it keeps a hidden
# state $h_t$ that it updates at every step (notebook 00's "memory"; notebook 02
# builds it). The answer is computed from the last state $h_T$, which can still
# hold the name. `rnnkit.ManyToOne` is such a network: a sequence in, one output
# at the end, trained on exactly the same sentences.

# %% slideshow={"slide_type": "fragment"}
recurrent = rnnkit.ManyToOne(input_size=V, hidden_size=8, output_size=2, seed=SEED)
rnn_history = rnnkit.train(recurrent, X_train, y_train, loss="softmax_cross_entropy",
                           epochs=15, batch_size=32, optimizer=Adam(0.01), seed=SEED)
print(f"trained in {rnn_history.seconds:.1f} s (timed)")
print(f"recurrent, train accuracy: {accuracy(recurrent, X_train, y_train):.1%}")
print(f"recurrent, test accuracy:  {accuracy(recurrent, X_test, y_test):.1%}")

probabilities = rnnkit.softmax(recurrent.forward(np.stack([jim, amy])))
print(f"P(boy) after 'jim is a young intelligent': {probabilities[0, 0]:.4f}")
print(f"P(boy) after 'amy is a young intelligent': {probabilities[1, 0]:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# The training losses tell the same story. Cross-entropy at chance level is
# $\ln 2 \approx 0.693$: the feed-forward net stays there, the recurrent one
# drops towards 0.

# %% slideshow={"slide_type": "fragment"}
ax = plots.loss_curve({"feed-forward (last word only)": ff_history.loss,
                       "recurrent (whole sentence)": rnn_history.loss},
                      title="Training loss on the boy/girl task")
ax.axhline(np.log(2), ls=":", color=plots.COLORS["grey"], lw=1.5)
ax.text(len(ff_history.loss) / 2, np.log(2) - 0.07, "chance level: ln 2 = 0.693", ha="center",
        color=plots.COLORS["grey"])
plt.show()
print(f"final training loss: feed-forward {ff_history.loss[-1]:.4f}, "
      f"recurrent {rnn_history.loss[-1]:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Where does the recurrent net keep the name? Compare its hidden states for the
# two sentences: they differ from the first step on, and stay different through
# four identical words.

# %% slideshow={"slide_type": "fragment"}
recurrent.forward(np.stack([jim, amy]))
Hs = recurrent.hidden_states                          # (2, T, H): h_t for both sentences
words = tokenize("is a young intelligent")
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
for ax, sentence, name in zip(axes, Hs, ("jim", "amy")):
    plots.hidden_heatmap(sentence, ax=ax, tokens=[name] + words, title=f"h_t while reading '{name} ...'")
    plt.setp(ax.get_xticklabels(), rotation=20, ha="right")
fig.tight_layout()
plt.show()
gap = np.linalg.norm(Hs[0] - Hs[1], axis=1)
print("distance between the two hidden states, t = 1..T:", np.array2string(gap, precision=2))

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Why not give the feed-forward net the whole sentence?** Here it would work,
# because every sentence has exactly $T = 5$ words: flatten $X$ to shape
# $(N, T V)$ and an MLP can find the name in position 1. But such a network
# takes one fixed length only (a six-word sentence does not fit), has separate
# weights for every position (what it learns about "jim" in position 1 says
# nothing about "jim" in position 3), and grows with $T$. A recurrent network
# reads sequences of any length with one set of weights, reused at every step.
# That reuse, the *recurrence*, is the subject of notebook 02.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A neuron computes $\varphi(x \cdot w + b)$; a layer of $O$ neurons computes
#   $\varphi(X W + b)$ for a whole batch, $X$ $(N, D)$, $W$ $(D, O)$, $b$ $(O,)$.
#   The course writes row vectors, as NumPy and Keras do; the article's
#   $W x$ is the same with $W$ transposed.
# - A feed-forward network chains layers; each layer sees only the layer below,
#   and the network sees only its current input.
# - On "name ... boy/girl" a feed-forward net that sees the last word stays at
#   chance (50%): identical inputs, identical outputs. A small recurrent net,
#   which carries a hidden state from word to word, gets every held-out
#   sentence right.

# %% [markdown] slideshow={"slide_type": "notes"}
# The three exercises take about ten minutes. Exercise 3 often surprises:
# a feed-forward net that sees the *first* word solves the task. Use it to
# discuss why that does not help in real text, where the clue can be anywhere.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## On your own
#
# **Exercise 1.** Compute the output of this ReLU layer by hand, with NumPy
# (`np.maximum(a, 0)` is ReLU). Its shape must be $(1, 3)$.

# %% slideshow={"slide_type": "fragment"}
x_ex = np.array([[1.0, 2.0]])                          # (N, D) = (1, 2)
W_ex = np.array([[0.5, -1.0, 0.0],
                 [0.25, 0.5, 1.0]])                    # (D, O) = (2, 3)
b_ex = np.array([0.0, 0.5, -1.0])                      # (O,) = (3,)

my_y = None  # replace None with your code

_ = rnnkit.check_array(my_y, rnnkit.dense(x_ex, W_ex, b_ex, activation="relu"), "y")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: multiply, add the bias, then apply ReLU elementwise.
my_y = np.maximum(x_ex @ W_ex + b_ex, 0)
print(my_y)
_ = rnnkit.check_array(my_y, rnnkit.dense(x_ex, W_ex, b_ex, activation="relu"), "y")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** A layer with weights $W$ of shape $(3, 4)$ reads a batch $X$
# of shape $(5, 3)$. What is the shape of its output? Answer with a tuple.

# %% slideshow={"slide_type": "fragment"}
my_shape = None  # replace None with a tuple, e.g. (2, 2)

_ = rnnkit.check_choice(my_shape, rnnkit.dense(np.ones((5, 3)), np.ones((3, 4)), np.ones(4)).shape,
                        "the output shape")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: one row per example (N = 5), one column per neuron (O = 4).
my_shape = (5, 4)
_ = rnnkit.check_choice(my_shape, rnnkit.dense(np.ones((5, 3)), np.ones((3, 4)), np.ones(4)).shape,
                        "the output shape")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** A feed-forward net that sees *one* word can still solve the
# boy/girl task, if it sees the right word. Which position $t$ (from 1 to
# $T = 5$) should it see? The solution trains it and checks.

# %% slideshow={"slide_type": "fragment"}
my_t = None  # replace None with a position from 1 to 5

_ = rnnkit.check_array(my_t, 1, "t")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the name, at t = 1 (index 0). With it, one word is enough.
my_t = 1
_ = rnnkit.check_array(my_t, 1, "t")
first_word = rnnkit.MLP((V, 16, 2), seed=SEED)
_ = rnnkit.train(first_word, X_train[:, my_t - 1], y_train, loss="softmax_cross_entropy",
                 epochs=15, batch_size=32, optimizer=Adam(0.01), seed=SEED)
print(f"feed-forward on word t = {my_t}, test accuracy: {accuracy(first_word, X_test[:, my_t - 1], y_test):.1%}")
# In real text the clue can be at any position, and a sentence can be of any length:
# you cannot pick the one right word in advance. A network with memory reads them all.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Michael Nielsen, *Neural Networks and Deep Learning*, chapter 1: neurons,
#   layers and activation functions, gently.
# - Goodfellow, Bengio and Courville, *Deep Learning* (2016), chapter 6
#   (deep feed-forward networks) and the start of chapter 10 (why sequences
#   need parameter sharing across time).
# - The Keras documentation of the `Dense` layer: its `kernel` is this
#   notebook's $W$, of shape $(D, O)$.
#
# **Next:** notebook 02 chains the hidden layers through time and builds the
# recurrent cell step by step.
