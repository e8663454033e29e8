# %% [markdown] slideshow={"slide_type": "slide"}
# # Build a feed-forward network and see where it fails on sequences
#
# **What you will do.** Compute a neuron, a layer and a small network in NumPy;
# play with one neuron in a widget; then watch feed-forward networks fail on
# sentences that a recurrent network (built in notebook 02) gets right.
#
# **What you will learn.**
# - what a neuron and a layer compute, $y = \varphi(x W + b)$, and what the
#   activation $\varphi$ does;
# - how the shapes flow through a network, batch first as in Keras;
# - why a network without memory cannot tell "Jim is a young intelligent
#   ... **boy**" from "Amy ... **girl**";
# - why, shown the whole sentence, it needs one fixed length, and what padding costs.
#
# **What you need.** Notebook 00.
#
# **Time.** About 30 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/01_feedforward.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The first half (neuron, layer, network) is a quick refresher for anyone who
# has seen neural networks; spend the time on the widget and on the shapes. The
# second half is the motivation for the rest of the course: make sure everyone
# sees the 50% against the 100% and understands why, then let the room predict
# what the padded network does with a name in a new place. The recurrent
# network is a black box here on purpose: say so, and promise notebook 02.
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
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit.course import diagrams, plots
from rnnkit.course.exercises import feedforward as ex
from rnnkit.course.widgets.neuron import neuron_widget
from rnnkit.lm import Vocabulary, tokenize
from rnnkit.optim import Adam

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
# <details class="notes"><summary>For the instructor</summary>
#
# Keep this light. The only new notation is x . w (a dot product) and phi.
#
# </details>

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
W1, b1 = np.array([[1.0, -2.0], [0.5, 1.0], [0.0, 3.0]]), np.array([0.5, -1.0])   # 3 -> 2
W2, b2 = np.array([[2.0], [-1.0]]), np.array([0.25])                             # 2 -> 1
two_layers = (x @ W1 + b1) @ W2 + b2                  # no activation in between
one_layer = x @ (W1 @ W2) + (b1 @ W2 + b2)            # one layer with W = W1 W2
print("two layers without an activation are one layer:", np.allclose(two_layers, one_layer))

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
neuron_widget(weight=1.0, bias=0.0, activation="tanh")

# %% [markdown] slideshow={"slide_type": "subslide"}
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
# is the article's $W$ transposed.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This is the one place the course explains the row-vector convention; every
# later formula (h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)) uses it. The second
# code cell shows numerically that the two conventions agree. Our W is also
# exactly the kernel of a Keras Dense layer, shape (D, O). If someone reads
# the article closely: it writes the sum as W_ij X_j + b_j, but the bias
# belongs to the output neuron i: y_i = phi(sum_j W_ij x_j + b_i).
#
# </details>

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
# <details class="notes"><summary>For the instructor</summary>
#
# Ask: how many weights does this network have? (3*4 + 4*4 + 4*2 = 36, plus
# 10 biases.) The printed shapes below answer it.
#
# </details>

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
# <details class="notes"><summary>For the instructor</summary>
#
# The data set is built so that the middle phrase says nothing about the
# answer: each of the 50 middle phrases comes 12 times, once with each of the
# six boys' names and once with each of the six girls' names (the cell prints
# the counts). Only the name, four words back, decides.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
BOY_NAMES = ["jim", "tom", "sam", "ben", "leo", "max"]
GIRL_NAMES = ["amy", "eva", "mia", "zoe", "ann", "kim"]
VERBS = ["is", "was"]
ADJECTIVES = ["young", "tall", "clever", "quiet", "happy"]
QUALITIES = ["intelligent", "kind", "funny", "brave", "shy"]
MIDDLES = [f"{verb} a {adjective} {quality}"
           for verb in VERBS for adjective in ADJECTIVES for quality in QUALITIES]
ANSWERS = ["boy", "girl"]


def make_pairs(seed):
    """Every (boy sentence, girl sentence) pair that shares a middle phrase, in a seeded random order."""
    pairs = [(f"{boy} {middle} boy", f"{girl} {middle} girl")
             for middle in MIDDLES for boy, girl in zip(BOY_NAMES, GIRL_NAMES)]
    order = np.random.default_rng(seed).permutation(len(pairs))
    return [pairs[i] for i in order]


def middles_before(sentences, answer):
    """How often each middle phrase (the words between the name and the answer) comes before answer."""
    return Counter(" ".join(tokenize(s)[1:-1]) for s in sentences if tokenize(s)[-1] == answer)


pairs = make_pairs(SEED)
print(len(pairs), "pairs, for example:")
for boy_sentence, girl_sentence in pairs[:3]:
    print(f"   {boy_sentence:<32} {girl_sentence}")
everything = [s for pair in pairs for s in pair]
for answer in ANSWERS:
    counts = sorted(set(middles_before(everything, answer).values()))
    print(f"times each of the {len(MIDDLES)} middle phrases comes before '{answer}':",
          ", ".join(map(str, counts)))

# %% [markdown] slideshow={"slide_type": "subslide"}
# We hold out 20% of the pairs for testing. Splitting by *pairs* keeps both
# sentences of a pair on the same side, so in each part every middle phrase
# comes as often before "boy" as before "girl".
#
# Each word becomes a *one-hot* vector: a vector of $V$ zeros (one per word in
# the vocabulary) with a 1 at the word's index. A sentence of $T$ words is then
# an array of shape $(T, V)$, and the data set $X$ has shape $(N, T, V)$, with
# labels $y$: 0 for boy, 1 for girl.

# %% slideshow={"slide_type": "fragment"}
num_test = len(pairs) // 5
train_sentences = [s for pair in pairs[num_test:] for s in pair]
test_sentences = [s for pair in pairs[:num_test] for s in pair]
for part, sentences in (("train", train_sentences), ("test", test_sentences)):
    balanced = middles_before(sentences, "boy") == middles_before(sentences, "girl")
    print(f"{part}: every middle phrase as often before 'boy' as before 'girl': {balanced}")

vocab = Vocabulary.of_words([tokenize(s)[:-1] for s in train_sentences])  # the words the networks read


def encode(sentences, vocab):
    """Sentences of one length -> X (N, T, V) one-hot words without the last one,
    y (N,) 0 = boy, 1 = girl."""
    tokens = [tokenize(s) for s in sentences]
    X = np.stack([vocab.one_hot(words[:-1]) for words in tokens])
    y = np.array([ANSWERS.index(words[-1]) for words in tokens])
    return X, y


X_train, y_train = encode(train_sentences, vocab)
X_test, y_test = encode(test_sentences, vocab)
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


def train_mlp(X, y, seed=SEED):
    """An MLP with 16 hidden units trained on X (N, inputs) and labels y (N,); returns it."""
    model = rnnkit.MLP((X.shape[1], 16, 2), seed=seed)
    rnnkit.train(model, X, y, loss="softmax_cross_entropy", epochs=15, batch_size=32,
                 optimizer=Adam(0.01), seed=seed)
    return model


last_word_train, last_word_test = X_train[:, -1], X_test[:, -1]      # (N, V): one word each
feedforward = train_mlp(last_word_train, y_train)
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
# For comparison, a network with memory. **You will build it in notebook 02**;
# here it is a box. `rnnkit.ManyToOne` reads the sentence one word per step and
# updates a hidden state $h_t$ at every step (notebook 00's "memory"). It
# answers from the last state $h_T$, which can still hold the name. Same
# sentences, same training.

# %% slideshow={"slide_type": "fragment"}
def train_rnn(groups, seed=SEED):
    """A recurrent net with 8 hidden units trained on groups [(X (N, T, V), y (N,)), ...], one
    sentence length T per group (one group here; more below); returns it."""
    model = rnnkit.ManyToOne(input_size=groups[0][0].shape[2], hidden_size=8, output_size=2,
                             seed=seed)
    shuffle, optimizer = np.random.default_rng(seed), Adam(0.01)
    for _ in range(15):                                      # epochs
        for X, y in groups:                                  # one length at a time
            rnnkit.train(model, X, y, loss="softmax_cross_entropy", epochs=1, batch_size=32,
                         optimizer=optimizer, seed=shuffle)
    return model


recurrent = train_rnn([(X_train, y_train)])
print(f"recurrent, train accuracy: {accuracy(recurrent, X_train, y_train):.1%}")
print(f"recurrent, test accuracy:  {accuracy(recurrent, X_test, y_test):.1%}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# One run could be luck. The same network from four other random starts:

# %% slideshow={"slide_type": "fragment"}
for seed in range(1, 5):
    model = train_rnn([(X_train, y_train)], seed)
    print(f"seed {seed}: recurrent, test accuracy {accuracy(model, X_test, y_test):.1%}")

probabilities = rnnkit.softmax(recurrent.forward(np.stack([jim, amy])))
print(f"seed {SEED}: P(boy) after 'jim is a young intelligent': {probabilities[0, 0]:.4f}")
print(f"seed {SEED}: P(boy) after 'amy is a young intelligent': {probabilities[1, 0]:.4f}")

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

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Why not show the feed-forward net the whole sentence?
#
# *Flatten* each sentence: lay its $T$ one-hot vectors end to end, one row of
# $T V$ numbers, so that $X$ $(N, T, V)$ becomes $(N, T V)$. An MLP reading
# that row sees the name too.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Ask first: will this work? It does, here. The point of the next cells is
# that it works only because every sentence has the same length, and what it
# takes to make it work when they do not.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
flat_mlp = train_mlp(X_train.reshape(N, T * V), y_train)
print(f"flattened MLP: input of {T} x {V} = {T * V} numbers")
print(f"flattened MLP, test accuracy: "
      f"{accuracy(flat_mlp, X_test.reshape(len(X_test), T * V), y_test):.1%}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# It works, because every sentence here has $T = 5$ words before the answer.
# "Jim is a kind boy" has four:

# %% slideshow={"slide_type": "fragment"}
short = vocab.one_hot(tokenize("jim is a kind"))                   # (4, V)
print("4 one-hot words:", short.shape, "-> flattened:", short.reshape(1, -1).shape)
try:
    flat_mlp.forward(short.reshape(1, -1))
except ValueError as error:
    print("ValueError:", error)

# %% [markdown] slideshow={"slide_type": "fragment"}
# An MLP has a row of weights for each input number, so its input length is
# fixed when it is built. To read sentences of different lengths it must
# *pad* them to one length. What does that cost?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A name in a new place
#
# Put opening words in front of the same sentences: "then tom was a quiet kind
# boy". We train on sentences with no opener or one, so the name comes at
# $t = 1$ or $t = 2$, and test on held-out sentences with one opener and with
# two: "well then jim is a tall kind boy", the name at $t = 3$, where no
# training sentence had one.

# %% slideshow={"slide_type": "fragment"}
OPENERS = ["today", "now", "so", "yes", "well", "then"]


def with_openers(pairs, k, rng):
    """Both sentences of each pair behind the same k openers, drawn at random: 'so jim ... boy'."""
    sentences = []
    for pair in pairs:
        openers = list(rng.choice(OPENERS, size=k, replace=False))
        sentences += [" ".join(openers + [sentence]) for sentence in pair]
    return sentences


rng = np.random.default_rng(SEED)
train_pairs, half = pairs[num_test:], (len(pairs) - num_test) // 2
opened = {"train, name at t = 1": with_openers(train_pairs[:half], 0, rng),
          "train, name at t = 2": with_openers(train_pairs[half:], 1, rng),
          "test,  name at t = 2": with_openers(pairs[:num_test], 1, rng),
          "test,  name at t = 3": with_openers(pairs[:num_test], 2, rng)}
open_vocab = Vocabulary.of_words([tokenize(s)[:-1] for part, sentences in opened.items()
                                  if part.startswith("train") for s in sentences])
data = {part: encode(sentences, open_vocab) for part, sentences in opened.items()}
for part, (X, _) in data.items():
    print(f"{part}: X {X.shape}, e.g. {opened[part][0]!r}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Pad, then flatten
#
# For the MLP we *pad* every sentence with zero vectors up to one length,
# $T_{max} = 8$ (room to spare; a longer sentence would have to be cut), then
# flatten. The RNN needs none of this: it reads each length as it is, with the
# same weights. Both train from five random starts. **Predict first:** how will
# the padded MLP do when the name comes at $t = 3$?

# %% slideshow={"slide_type": "fragment"}
T_MAX, V2 = 8, len(open_vocab)


def padded(X):
    """X (N, T, V2) -> (N, T_MAX * V2): zero vectors after the T words, then flattened."""
    return np.pad(X, ((0, 0), (0, T_MAX - X.shape[1]), (0, 0))).reshape(len(X), T_MAX * V2)


train_groups = [data["train, name at t = 1"], data["train, name at t = 2"]]
X_padded = np.concatenate([padded(X) for X, _ in train_groups])
y_padded = np.concatenate([y for _, y in train_groups])
tests = [data["test,  name at t = 2"], data["test,  name at t = 3"]]
scores = {"padded MLP": [], "RNN": []}
for seed in range(5):
    mlp_run, rnn_run = train_mlp(X_padded, y_padded, seed), train_rnn(train_groups, seed)
    scores["padded MLP"].append([accuracy(mlp_run, padded(X), y) for X, y in tests])
    scores["RNN"].append([accuracy(rnn_run, X, y) for X, y in tests])
print("test accuracy, lowest to highest over 5 seeds:")
for name, runs in scores.items():
    at_2, at_3 = np.array(runs).T
    print(f"  {name:<11} name at t = 2: {at_2.min():6.1%} to {at_2.max():6.1%}   "
          f"name at t = 3: {at_3.min():6.1%} to {at_3.max():6.1%}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# With the name where training had one, both are right. With the name at
# $t = 3$ the padded MLP falls to about chance, in every run, while the RNN
# still gets every sentence right. Why? The padded MLP has its own weights
# for each position. No training sentence had a name at
# $t = 3$, so the weights that read one there never got a gradient: they are
# still the random numbers they started as.

# %% slideshow={"slide_type": "fragment"}
names_at_3 = [2 * V2 + open_vocab.index(name) for name in BOY_NAMES + GIRL_NAMES]  # inputs
start = rnnkit.MLP((T_MAX * V2, 16, 2), seed=seed).params["W1"]   # the last run's start
print("weights for a name at t = 3 unchanged by training:",
      np.array_equal(start[names_at_3], mlp_run.params["W1"][names_at_3]))
for t_max in (T_MAX, 2 * T_MAX):
    size = sum(p.size for p in rnnkit.MLP((t_max * V2, 16, 2), seed=SEED).params.values())
    print(f"parameters of a padded MLP for T_max = {t_max:2d}: {size}")
print(f"parameters of the RNN, for any T:          {sum(p.size for p in rnn_run.params.values())}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The RNN reads a name at $t = 3$ with the same weights that learned names at
# $t = 1$ and $t = 2$, and its size does not depend on $T$. That reuse of one
# set of weights at every step, the *recurrence*, is the subject of notebook 02.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A neuron computes $\varphi(x \cdot w + b)$; a layer of $O$ neurons computes
#   $\varphi(X W + b)$ for a batch: $X$ $(N, D)$, $W$ $(D, O)$, $b$ $(O,)$.
#   Rows, as in NumPy and Keras; the article's $W x$ uses $W$ transposed.
# - A feed-forward network sees only its current input. Shown the last word,
#   it stays at chance on "name ... boy/girl"; a small recurrent net gets the
#   held-out sentences right.
# - Shown the whole sentence, it needs one fixed length: padded, it learns
#   each position on its own and misses a name in a new place. The RNN reads
#   any length with one set of weights.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The three exercises take about ten minutes. Exercise 3 often surprises:
# a feed-forward net that sees the *first* word solves the task. Use it to
# discuss why that does not help in real text, where the clue can be anywhere
# (the two-opener sentences above are a small example).
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## On your own
#
# **Exercise 1.** Compute the output of this ReLU layer by hand, with NumPy
# (`np.maximum(a, 0)` is ReLU). Its shape must be $(1, 3)$.

# %% slideshow={"slide_type": "fragment"}
x_ex = np.array([[2.0, -1.0]])                         # (N, D) = (1, 2)
W_ex = np.array([[0.5, -1.0, 0.25],
                 [1.0, 0.5, -1.0]])                    # (D, O) = (2, 3)
b_ex = np.array([0.5, 1.0, -0.5])                      # (O,) = (3,)

my_y = None  # replace None with your code

_ = ex.check_relu_layer(my_y, x_ex, W_ex, b_ex)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: multiply, add the bias, then apply ReLU value by value.
my_y = np.maximum(x_ex @ W_ex + b_ex, 0)
print("before the ReLU:", x_ex @ W_ex + b_ex)
print("after the ReLU: ", my_y)
_ = ex.check_relu_layer(my_y, x_ex, W_ex, b_ex)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** A layer with weights $W$ of shape $(3, 4)$ reads a batch $X$
# of shape $(5, 3)$. What is the shape of its output? Answer with a tuple.

# %% slideshow={"slide_type": "fragment"}
my_shape = None  # replace None with a tuple, e.g. (2, 2)

_ = ex.check_output_shape(my_shape, X_shape=(5, 3), W_shape=(3, 4))

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: one row per example (N = 5), one column per neuron (O = 4).
my_shape = (5, 4)
_ = ex.check_output_shape(my_shape, X_shape=(5, 3), W_shape=(3, 4))

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** A feed-forward net that sees *one* word can still solve the
# boy/girl task, if it sees the right word. Which position $t$ (from 1 to
# $T = 5$) should it see? The solution trains it and checks.

# %% slideshow={"slide_type": "fragment"}
my_t = None  # replace None with a position from 1 to 5

_ = ex.check_clue_position(my_t, X_train, y_train)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the name, at t = 1 (index 0). With it, one word is enough.
my_t = 1
_ = ex.check_clue_position(my_t, X_train, y_train)
first_word = train_mlp(X_train[:, my_t - 1], y_train)
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
