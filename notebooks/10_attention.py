# %% [markdown] slideshow={"slide_type": "slide"}
# # Look back instead of remembering: embeddings, a bidirectional encoder and attention
#
# **What you will do.** Write down dictated numbers, a task where notebook
# 03's bottleneck bites. Build a translator that removes it (an embedding
# table, an encoder reading both ways, attention), checking each part against
# rnnkit; race it with and without attention over three seeds; see where it
# looked; then drop the loop.
#
# **What you will learn.**
# - why an embedding layer is a table, and what training puts in it;
# - how a bidirectional encoder and attention work, and what attention buys;
# - self-attention, and what Transformers gain and pay by dropping the loop.
#
# **What you need.** Notebooks 03 (the encoder-decoder), 04 (tokens) and 05 (BPTT).
#
# **Time.** About 35 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/10_attention.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Notebook 03 ended on a measured failure: an encoder-decoder's context of H
# numbers fills up as the input grows. This notebook is the fix that every
# textbook turns to next (Bahdanau et al. 2015), built from parts small enough
# to check one by one, and then the step to Transformers. Everything runs in
# NumPy; the Keras comparisons live in the tests (tests/test_bidirectional.py,
# tests/test_attention.py), so this notebook stays fast.
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
from rnnkit.attention import attention, attention_backward
from rnnkit.cells import RNN_CELL
from rnnkit.cells.bidirectional import Bidirectional
from rnnkit.course import diagrams, plots
from rnnkit.course.exercises import attention as ex
from rnnkit.course.widgets.attention import attention_widget
from rnnkit.embedding import embedding, embedding_backward
from rnnkit.gradcheck import numerical_gradient, relative_error
from rnnkit.lm import Vocabulary
from rnnkit.seq2seq import Seq2Seq, translate

plots.use_style()
SEED = 0  # one seed for the examples; the experiment seeds its own runs, so every run is the same
rng = np.random.default_rng(SEED)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. A task where one vector is not enough
#
# Someone dictates a number, one digit at a time, and says each digit as a
# numeral (`7`), in English (`seven`) or in German (`sieben`). Write it down in
# digits and end with a full stop. An input of $T$ words gives $T + 1$
# characters, and every extra digit is one more thing the decoder must get
# exactly right.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Why this task: its inputs grow as long as we like, every input word matters,
# and the words are a small vocabulary with structure (three words for each
# digit) that an embedding can find. It is a toy translation, generated here,
# with nothing to download.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
NUMERALS = list("0123456789")
ENGLISH = "zero one two three four five six seven eight nine".split()
GERMAN = "null eins zwei drei vier fünf sechs sieben acht neun".split()
source = Vocabulary(NUMERALS + ENGLISH + GERMAN, "word")   # V_in = 30 words: word 10 f + d says d
target = Vocabulary(list("^.0123456789"), "character")     # V_out = 12: start, end, the digits
START, END = target.index("^"), target.index(".")


def dictations(n, T, rng):
    """n numbers of T digits, each digit said in one of the three forms at random.
    Returns X (n, T), the words' indices, and Y (n, T + 1), the digits and the end mark."""
    digits = rng.integers(0, 10, size=(n, T))
    X = 10 * rng.integers(0, 3, size=(n, T)) + digits            # digit d in form f: 10 f + d
    Y = np.concatenate([digits + target.index("0"), np.full((n, 1), END)], axis=1)
    return X, Y


X, Y = dictations(3, 6, rng)
for x, y in zip(X, Y):
    print(f"{' '.join(source.decode(x)):38s} ->  {target.decode(y)}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. An embedding is a table
#
# A word enters as a one-hot vector $x$ of $V_{in}$ numbers, a single 1. The
# first layer multiplies it by a weight matrix $W_e$ of shape $(V_{in}, E)$.
# A one-hot row times a matrix only *picks a row*:
#
# $$\mathrm{onehot}(j)\, W_e = \text{row } j \text{ of } W_e$$
#
# so the layer is a lookup in a table of $E$ numbers per word, which training
# fills like any other weights.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# rnnkit.embedding holds the lookup and its gradient, and the recurrent
# networks with embedding_size= use the same two functions. Keras calls the
# layer Embedding. The product and the lookup give the same numbers; the
# lookup skips the multiplications by zero.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
E = 8                                                    # numbers per word
W_e = rng.normal(size=(len(source), E))
words = ["sieben", "4", "zwei"]
product = source.one_hot(words) @ W_e                    # (3, V_in) @ (V_in, E)
lookup = W_e[source.encode(words)]                       # three rows of the table
print("one-hot times W_e = the rows of W_e:", np.allclose(product, lookup))
print("matches rnnkit.embedding:", np.allclose(embedding(source.encode(words), W_e), product))

# %% [markdown] slideshow={"slide_type": "fragment"}
# Backwards, the gradient reaching each word's vector goes to that word's row,
# and to no other row:

# %% slideshow={"slide_type": "fragment"}
dW_e = embedding_backward(np.ones((3, E)), source.encode(words), W_e)
print("rows with a gradient:", [source.tokens[v] for v in np.flatnonzero(np.any(dW_e, axis=1))])

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Read the input both ways
#
# An RNN's $h_j$ has read words $1..j$ only. A second RNN reading from the end
# gives $h^b_j$, which has read words $j..T$. Side by side,
# $h_j = [h^f_j, h^b_j]$ describes word $j$ in the light of the whole input:
# a **bidirectional** encoder. `Bidirectional` wraps any rnnkit cell.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Bahdanau et al. used exactly this encoder. tests/test_bidirectional.py
# checks rnnkit's Bidirectional against keras.layers.Bidirectional on the same
# weights, for the SimpleRNN, GRU and LSTM cells (outputs within 1e-5, float32
# rounding), and its BPTT against finite differences.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
encoder = Bidirectional(RNN_CELL, input_size=E, hidden_size=4, seed=SEED)
X_e = W_e[source.encode("sieben 4 zwei null nine")][None]   # (N, T, E) = (1, 5, 8)
Hs = encoder.forward(X_e)
print("Hs:", Hs.shape, "(N, T, 2H)")
one_way = rnnkit.SimpleRNN(E, 4, 1)
one_way.params.update(encoder.direction_params("fwd"))
one_way.forward(X_e)
print("first half = a SimpleRNN reading forwards:",
      np.allclose(Hs[..., :4], one_way.hidden_states))
one_way.params.update(encoder.direction_params("bwd"))
one_way.forward(X_e[:, ::-1])
print("second half = a SimpleRNN reading backwards, turned round:",
      np.allclose(Hs[..., 4:], one_way.hidden_states[:, ::-1]))

# %% slideshow={"slide_type": "fragment"}
errors = rnnkit.check_gradients(encoder, X_e, rng.normal(size=Hs.shape))
print("BPTT through both directions, largest relative error below 1e-6:",
      max(errors.values()) < 1e-6)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Attention: look back at every state
#
# At output step $t$ the decoder holds its state $s_{t-1}$. It scores every
# encoder state, turns the scores into weights, and takes the weighted mix, the
# **context**:
#
# $$e_{t,j} = s_{t-1} \cdot h_j \qquad a_t = \mathrm{softmax}(e_t) \qquad
#   c_t = \textstyle\sum_j a_{t,j}\, h_j$$
#
# Then it reads $c_t$ with its previous output, and steps.

# %% slideshow={"slide_type": "fragment"}
_ = diagrams.attention_decoder(["sieben", "4", "zwei", "null"], step=2)
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The score here is a dot product (Luong et al. 2015, "dot"); Bahdanau et al.
# scored with a small network. keras.layers.Attention computes this one, and
# tests/test_attention.py matches it on the same arrays. The decoder's state
# must have the size of an encoder state for the dot product: 2H.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# The three formulas in NumPy, for one decoder state, against `rnnkit.attention`:

# %% slideshow={"slide_type": "fragment"}
s = rng.normal(size=(1, 8))                   # a decoder state s_{t-1}: N = 1, 2H = 8 numbers
scores = Hs[0] @ s[0]                         # e_j = s . h_j for each of the T = 5 words
weights = np.exp(scores) / np.exp(scores).sum()
context = weights @ Hs[0]                     # sum_j a_j h_j: (8,)
c, a = attention(s, Hs, Hs)                   # query, keys, values
print("matches rnnkit.attention:", np.allclose(context, c[0]) and np.allclose(weights, a[0]))

G = rng.normal(size=c.shape)                  # a gradient reaching the context
ds, dK, dV = attention_backward(G, s, Hs, Hs, a)
numeric = numerical_gradient(lambda: float(np.sum(attention(s, Hs, Hs)[0] * G)), s)
print("its backward pass, relative error below 1e-7:", relative_error(ds, numeric) < 1e-7)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The translator
#
# `rnnkit.seq2seq.Seq2Seq` puts the parts together: an embedding and a
# bidirectional encoder; a decoder that starts from both directions' last
# states and at every step reads $[$its previous character's embedding$, c_t]$.
# With `attention=False` it reads the embedding alone: all it knows of the
# input is its starting state, notebook 03's bottleneck, with the same encoder.

# %% slideshow={"slide_type": "fragment"}
sizes = dict(input_vocab_size=len(source), output_vocab_size=len(target), embedding_size=8,
             hidden_size=16, start=START)
for with_attention in (False, True):
    model = Seq2Seq(**sizes, attention=with_attention, seed=SEED)
    count = sum(p.size for p in model.params.values())
    print(f"attention={with_attention!s:5s}: {count:,} weights, the decoder reads "
          f"{model.params['dec_W_xh'].shape[0]} numbers per step")

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The difference is the decoder's rows of W_xh for c_t: 2H x 2H = 32 x 32 =
# 1,024 weights. Attention itself has no weights here: the decoder's state is
# its query, and the encoder's states are both its keys and its values.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. With and without attention, over three seeds
#
# Each model trains on numbers of 1 to 8 digits, 400 of each length. A batch
# holds 50 numbers of one length (so no padding), and the batches of all
# lengths come in a random order. `rnnkit.train` on one batch is one step of
# Adam, with the true previous characters fed in (teacher forcing). Then each
# model writes 200 new numbers of each length alone, greedily.

# %% slideshow={"slide_type": "fragment"}
LENGTHS, TESTED, SEEDS = range(1, 9), (2, 4, 6, 8), (0, 1, 2)


def train_translator(model, data, seed, epochs=6):
    """Adam on batches of 50 numbers of one length, in a random order; gradients clipped to a
    norm of 5; the step size 0.01, divided by 4 for the last two epochs."""
    order, adam = np.random.default_rng(seed), rnnkit.Adam(0.01)
    batches = [(X[i:i + 50], Y[i:i + 50]) for X, Y in data for i in range(0, len(X), 50)]
    for epoch in range(epochs):
        adam.learning_rate = 0.01 if epoch < epochs - 2 else 0.0025
        for k in order.permutation(len(batches)):
            X, Y = batches[k]
            rnnkit.train(model, X, Y, loss="softmax_cross_entropy", epochs=1, batch_size=len(X),
                         shuffle=False, optimizer=adam, clip_norm=5.0, forward_args={"teacher": Y})


def written_right(model, X, Y):
    """The share of numbers the model writes entirely right, each character its own guess."""
    return np.mean(np.all(model.forward(X, steps=Y.shape[1]).argmax(axis=2) == Y, axis=1))


# %% slideshow={"slide_type": "subslide"}
results, models = {False: [], True: []}, {}
for seed in SEEDS:
    data = np.random.default_rng(seed)                       # each seed its own numbers
    train_data = [dictations(400, T, data) for T in LENGTHS]
    test_data = [dictations(200, T, data) for T in TESTED]
    for with_attention in (False, True):
        model = Seq2Seq(**sizes, attention=with_attention, seed=seed)
        train_translator(model, train_data, seed)
        results[with_attention].append([written_right(model, X, Y) for X, Y in test_data])
        models[with_attention, seed] = model
results = {key: np.array(runs) for key, runs in results.items()}   # (seeds, lengths)

print("seeds (of 3) writing at least 80% of new numbers entirely right")
print("digits   without attention   with attention")
for i, T in enumerate(TESTED):
    print(f"{T:6d}{np.sum(results[False][:, i] >= 0.8):13d} of 3"
          f"{np.sum(results[True][:, i] >= 0.8):14d} of 3")

# %% slideshow={"slide_type": "subslide"}
plots.accuracy_by_length(TESTED, {"without attention": results[False],
                                  "with attention": results[True]},
                         ylabel="numbers written entirely right",
                         title="Dictated numbers, written down")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# What three seeds allow us to say: without attention the share falls fast
# with the length, and at 6 and 8 digits no seed writes 80% of the numbers
# right; with attention every seed does, at every length. The same encoder,
# the same decoder, the same training: only the look back differs.

# %% slideshow={"slide_type": "fragment"}
gap = results[True][:, 2:].min(axis=0) - results[False][:, 2:].max(axis=0)
print("at 6 and 8 digits, the worst seed with attention beats the best without by more "
      "than 0.5:", bool(np.all(gap > 0.5)))

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The table counts seeds instead of printing each share: the models with
# attention learn to align at some point during training, and that moment
# shifts a little with the last bits of the arithmetic, so their exact shares
# differ from one CPU to another (the band in the plot is the spread of the
# seeds on this machine). Three seeds are few: "every seed" means 3 of 3.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Where it looked
#
# The attention weights of one translation: a row per character written, a
# column per input word. Each digit should look at its own word, so the weight
# should run down the diagonal, whatever form the word takes.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Ask the room first what the picture would look like for a task that
# reverses the digits (the anti-diagonal), and for the end mark (anywhere: it
# needs only to know that the input is used up).
#
# </details>

# %% slideshow={"slide_type": "fragment"}
translator = models[True, SEED]
said = "sieben 4 zwei null nine 3 acht"
written, weights = translate(translator, source, target, said, end=".")
print(f"{said}  ->  {written}")
_ = plots.attention_heatmap(weights, said.split(), list(written))
plt.show()

# %% slideshow={"slide_type": "fragment"}
X, Y = test_data[-1]                                     # the last seed's 8-digit numbers
translator.forward(X, teacher=Y)
looked = translator.attention_weights[:, :-1].argmax(axis=2)   # (N, 8): the word read most
share = np.mean(looked == np.arange(8))
print("share of digits whose largest weight is on their own word, above 0.9:", share > 0.9)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. What the table learned
#
# The encoder's embedding table has a row of $E = 8$ numbers per word. Drawn at
# its two main directions (principal components), the three words for one
# digit sit together: training learned that `7`, `seven` and `sieben` mean the
# same, from nothing but the task.

# %% slideshow={"slide_type": "fragment"}
table = translator.params["enc_W_e"]                     # (V_in, E)
digit_of = [v % 10 for v in range(len(source))]          # word 10 f + d says digit d
_ = plots.embedding_map(table, source.tokens, groups=digit_of,
                        title="The encoder's embeddings, two principal components")
plt.show()

# %% slideshow={"slide_type": "fragment"}
distance = np.linalg.norm(table[:, None] - table[None], axis=2)   # (V_in, V_in)
np.fill_diagonal(distance, np.inf)
nearest = distance.argmin(axis=1)
same = np.sum(np.array(digit_of)[nearest] == digit_of)
print(f"words whose nearest other word says the same digit, at least 27 of 30: {same >= 27}"
      f"   (by chance: about 2 of 30)")

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The distances are measured in all 8 dimensions; the picture shows only two
# of them, so groups that overlap on screen may be apart in the table. No one
# told the model which words go together: only the digits it had to write.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. Try it
#
# Dictate a number: one word per digit, in any of the three forms. The model
# was trained on at most 8 digits; try 10 or 12, a misspelt word, or the same
# digit many times over.

# %% slideshow={"slide_type": "fragment"}
attention_widget(translator, source, target, text="sieben 4 zwei null nine")

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Past 8 digits the model is beyond anything it trained on: let the room
# predict what the picture will do at 10 and 12 digits, then try it. An
# unknown word gets a message with the closest known words.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 9. The bridge: attention without the loop
#
# The encoder still reads with a loop: $h_j$ waits for $h_{j-1}$.
# **Self-attention** (Vaswani et al., 2017) drops the loop: every position
# scores every position, queries, keys and values all made from the same
# sequence $X$ $(T, d)$:
#
# $$\mathrm{softmax}\!\big(QK^\top / \sqrt d\big)\, V, \qquad Q = XW_q,\; K = XW_k,\;
#   V = XW_v$$
#
# ($V$ here holds the values, not a vocabulary size.)

# %% slideshow={"slide_type": "fragment"}
def self_attention(X, W_q, W_k, W_v):
    """X (T, d) -> (T, d): every position a mix of every position, no loop."""
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    S = Q @ K.T / np.sqrt(X.shape[1])                     # (T, T) scores, all at once
    A = np.exp(S - S.max(axis=1, keepdims=True))
    return (A / A.sum(axis=1, keepdims=True)) @ V


T, d = 6, 8
X_s = rng.normal(size=(T, d))
W_q, W_k, W_v = (rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(3))
out = self_attention(X_s, W_q, W_k, W_v)
Q, K, V = ((X_s @ W)[None] for W in (W_q, W_k, W_v))     # N = 1 sequence, for rnnkit
print("matches rnnkit.attention(Q / sqrt(d), K, V):",
      np.allclose(out, attention(Q / np.sqrt(d), K, V)[0][0]))
order = rng.permutation(T)
print("shuffle the positions, and the outputs shuffle with them:",
      np.allclose(self_attention(X_s[order], W_q, W_k, W_v), out[order]))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What the loop cost, and what dropping it costs
#
# - **Gained:** all $T$ positions at once, in a few matrix products; an RNN
#   takes $T$ steps, each waiting for the one before.
# - **Paid:** $T^2$ scores per layer, and no fixed-size state: to write token
#   $T + 1$ a Transformer keeps the keys and values of all $T$ before it.
# - **Lost:** the order (the shuffle above). Transformers add it back with
#   position encodings.

# %% slideshow={"slide_type": "fragment"}
width = 512                                               # d for attention, H for the RNN
print("tokens T   RNN steps in a row   scores per layer   numbers kept to write the next:")
print(f"{'':58s}RNN   self-attention")
for T in (100, 1_000, 10_000, 100_000):
    print(f"{T:8,d}{T:17,d}{T * T:21,d}{width:14,d}{2 * T * width:17,d}")

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Self-attention is the heart of a Transformer layer, which adds several heads,
# a feed-forward layer and residual connections. The table's last column is
# the "KV cache" per layer. Notebook 11 asks whether a recurrence can have both:
# train on all T steps at once and still carry a fixed state.
#
# </details>

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Next, notebook 11:** recurrence answers back. Recurrences whose steps can
# all run at once, and which still carry a fixed-size state.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - An embedding layer is a table: `one_hot(j) @ W_e` is row $j$; training put
#   the three words for each digit together.
# - A bidirectional encoder gives each word a state that has read the whole input.
# - Attention scores the encoder's states with the decoder's state, and reads
#   their softmax-weighted mix at every step: the input no longer has to fit
#   in one vector.
# - Over 3 seeds, without attention no model wrote 80% of the 6- or 8-digit
#   numbers right; with attention every model did, at every length.
# - Self-attention drops the loop: all positions at once, for $T^2$ scores and
#   a memory that grows with the text.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The exercises: the attention step by hand (the heart of the notebook), one
# prediction, the lookup as a one-liner, a count that shows the T^2, and an open
# experiment. Exercise 1 takes most of the time; the others are quick.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# **Exercise 1.** Write the attention step. Fill in `my_attention` so that it
# returns `(context, weights)` for one decoder state per sequence: the scores,
# their softmax over the positions, the weighted mix. The check compares it
# with `rnnkit.attention` on three examples.

# %% slideshow={"slide_type": "fragment"}
def my_attention(s, Hs):
    """s (N, d), Hs (N, T, d) -> (context (N, d), weights (N, T))."""
    return None  # replace with your code: scores e_j = s . h_j, weights, context


_ = ex.check_attention_step(my_attention)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: one score per position (a sum over the features), a softmax over the positions,
# then the states weighted and summed over the positions.
def my_attention(s, Hs):
    scores = np.sum(Hs * s[:, None, :], axis=2)
    weights = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
    context = np.sum(weights[:, :, None] * Hs, axis=1)
    return context, weights


_ = ex.check_attention_step(my_attention)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2.** Predict, then check: if every score $e_{t,j}$ is the same,
# what is the context $c_t$? Answer `"the mean of the encoder states"`,
# `"the last encoder state"` or `"zero"`.

# %% slideshow={"slide_type": "fragment"}
my_answer = None  # one of the three strings

_ = ex.check_equal_scores(my_answer)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: equal scores give equal weights 1 / T, so c_t = (h_1 + ... + h_T) / T.
my_answer = "the mean of the encoder states"
_ = ex.check_equal_scores(my_answer)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3.** One line: the embeddings of `acht 8 eight` in the trained
# table `table`, one row per word, without a product. The check compares
# them with `one_hot @ table`.

# %% slideshow={"slide_type": "fragment"}
tokens = source.encode("acht 8 eight")
my_rows = None  # replace None with your code, shape (3, E)

_ = ex.check_lookup(my_rows, table, tokens)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: index the table's rows with the tokens. (The three rows are close: section 7.)
my_rows = table[tokens]
_ = ex.check_lookup(my_rows, table, tokens)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4.** How many scores does one self-attention layer compute for a
# text of $T = 1000$ tokens? The check counts rnnkit's.

# %% slideshow={"slide_type": "fragment"}
my_count = None  # a whole number

_ = ex.check_score_count(my_count, T=1000)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: every position scores every position, itself included: T x T.
my_count = 1000 * 1000
_ = ex.check_score_count(my_count, T=1000)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 5 (open).** Two experiments for the race of section 5:
# - swap the cell, `Seq2Seq(..., cell=rnnkit.cells.GRU_CELL)`: does a gated
#   memory move the bottleneck, and what do three seeds let you say?
# - test the models on 10 and 12 digits, longer than any they trained on:
#   where does the diagonal break, with attention and without?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Dzmitry Bahdanau, Kyunghyun Cho and Yoshua Bengio, "Neural machine
#   translation by jointly learning to align and translate", ICLR 2015.
# - Minh-Thang Luong, Hieu Pham and Christopher Manning, "Effective approaches
#   to attention-based neural machine translation", EMNLP 2015.
# - Ashish Vaswani et al., "Attention is all you need", NeurIPS 2017.
# - Mike Schuster and Kuldip Paliwal, "Bidirectional recurrent neural
#   networks", IEEE Transactions on Signal Processing 45 (1997).
# - Aston Zhang, Zachary Lipton, Mu Li and Alexander Smola, *Dive into Deep
#   Learning*, chapter "Attention mechanisms and Transformers" (d2l.ai).
#
# **Next:** notebook 11, where recurrence answers back.
