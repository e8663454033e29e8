# %% [markdown] slideshow={"slide_type": "slide"}
# # Teach an RNN to write like Shakespeare
#
# **What you will do.** Train a character-level RNN on Shakespeare's plays in
# NumPy and watch it learn to spell, then to write words, then to lay out a
# play; measure it on unseen text against models that only count; make it
# write, greedily and at several temperatures; train it in Keras too.
#
# **What you will learn.**
# - perplexity on held-out text, and how far counting (n-grams) gets;
# - truncated BPTT: streams, chunks, a state carried and a gradient cut;
# - greedy decoding against sampling, and what the temperature does.
#
# **What you need.** Notebooks 02 (the cell), 04 (next-word prediction,
# perplexity) and 05 (BPTT).
#
# **Time.** About 45 minutes (the notebook itself runs in about 30 seconds).

# %% [markdown] slideshow={"slide_type": "notes"}
# This is the notebook the earlier ones build up to: a model that writes. Every
# number is computed here, on the course's copy of Tiny Shakespeare, and the
# model trains in about ten seconds, in front of the room. The honest result
# is part of the lesson: ten seconds of training beats the simple counting
# models and not the best one. Keras appears only in section 7.

# %% slideshow={"slide_type": "skip"}
import os

# One BLAS thread for NumPy (read when NumPy loads; a setting of yours wins). This model's
# products, 32 x 128 by 128 x 128, are small: a second thread gains a few percent on an idle
# machine, and on a busy one it waits for a free core and can slow training several times.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import time
import tracemalloc

import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import NGram, datasets, lm, perplexity
from rnnkit.course import plots
from rnnkit.course.exercises import generate_text as ex
from rnnkit.course.widgets.generate_text import generate_text_widget
from rnnkit.lm import next_token

plots.use_style()
SEED = 0  # one seed for the weights: every run trains the same model and prints the same text

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The corpus, one character at a time
#
# Tiny Shakespeare is forty thousand lines of his plays in one file: who
# speaks, then what they say. The course ships it inside rnnkit.

# %% slideshow={"slide_type": "fragment"}
text = datasets.tiny_shakespeare()
print(datasets.SHAKESPEARE_ATTRIBUTION)
print(f"{len(text):,} characters in {text.count(chr(10)):,} lines. It opens:\n")
print(text[:230])

# %% [markdown] slideshow={"slide_type": "subslide"}
# The model reads and writes **characters**, so the vocabulary is the set of
# characters in the text: letters, digits, punctuation, the space and the
# newline. A character enters the RNN as a one-hot vector of length $V$.

# %% slideshow={"slide_type": "fragment"}
vocab = lm.Vocabulary.of_characters(text)
V = len(vocab)
print(f"V = {V} characters:", "".join(vocab.tokens).replace("\n", "\\n"))
print("'ROMEO:' ->", vocab.encode("ROMEO:"), "->", repr(vocab.decode(vocab.encode("ROMEO:"))))
try:
    vocab.encode("Romeo, 1597")
except lm.UnknownTokenError as error:
    print("Error:", error)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A held-out tail, and a validation slice before it
#
# We keep the last 50,001 characters for the final test and the 20,001
# before them for choices (model sizes, smoothing). Both are **contiguous**:
# a random sample of lines would leak, because neighbouring lines share
# speakers, names and phrases.

# %% slideshow={"slide_type": "fragment"}
HELD_OUT, VALIDATION = 50_001, 20_001
tokens = vocab.encode(text)
train = tokens[:-HELD_OUT - VALIDATION]
validation = tokens[-HELD_OUT - VALIDATION:-HELD_OUT]
held_out = tokens[-HELD_OUT:]
print(f"training {len(train):,}, validation {len(validation):,}, "
      f"held-out {len(held_out):,} characters")
print("the held-out tail opens:", repr(vocab.decode(held_out[:60])))

# %% [markdown] slideshow={"slide_type": "notes"}
# The validation slice is the end of the training text, cut off before any
# model sees it. The n-gram's order and smoothing are chosen on it below; the
# RNN's set-up (size, chunk length, learning rate) was chosen on it when this
# notebook was written. The held-out tail is read only to report.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The numbers to beat: models that count
#
# A language model gives every possible next character a probability. Its
# held-out loss is the mean of $-\log p$(the character that came); the
# **perplexity** $e^{\text{loss}}$ says how many characters it is as unsure
# as a fair die of that many sides.

# %% [markdown] slideshow={"slide_type": "subslide"}
# Every model reads the held-out tail as 100 streams of 501 characters and
# predicts each character after the first from the ones before it in its
# stream: the same 50,000 predictions for all. The uniform model gives each
# character $1/V$; its perplexity is $V$. Counting models (`rnnkit.NGram`)
# predict from the last $n - 1$ characters.

# %% slideshow={"slide_type": "fragment"}
held_streams = lm.split_streams(held_out, 100)             # (100, 501)
validation_streams = lm.split_streams(validation, 20)      # (20, 1001)
print("held-out streams:", held_streams.shape, "predictions:", held_streams[:, 1:].size)

unigram = NGram(1, V).fit(train)
bigram = NGram(2, V).fit(train)
results = {"uniform": float(V),
           "unigram": perplexity(unigram.cross_entropy(list(held_streams))),
           "bigram": perplexity(bigram.cross_entropy(list(held_streams)))}
for name, value in results.items():
    print(f"{name:8s} held-out perplexity {value:6.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A longer context, chosen on validation text
#
# An $n$-gram with a longer context knows more, but sees each context less
# often; the smoothing $\alpha$ decides how far it trusts a rare context
# (notebook 04). We count once, for contexts of up to 5 characters, and try
# orders 4 to 6 and three values of $\alpha$ **on the validation slice**.

# %% slideshow={"slide_type": "fragment"}
six = NGram(6, V).fit(train)       # counts every context of 0 to 5 characters, once
ORDERS, ALPHAS = (4, 5, 6), (3.0, 10.0, 30.0)
grid = {(n, a): perplexity(six.variant(n, a).cross_entropy(list(validation_streams)))
        for n in ORDERS for a in ALPHAS}      # variant: a lower order or alpha, same counts
print("validation perplexity".ljust(28) + "".join(f"{f'alpha {a:g}':>10s}" for a in ALPHAS))
for n in ORDERS:
    print(f"order {n} ({len(six.contexts[n - 1][0]):,} contexts)".ljust(28)
          + "".join(f"{grid[n, a]:10.2f}" for a in ALPHAS))

# %% slideshow={"slide_type": "fragment"}
best_order, best_alpha = min(grid, key=grid.get)
best_ngram = six.variant(best_order, best_alpha)
results[f"{best_order}-gram"] = perplexity(best_ngram.cross_entropy(list(held_streams)))
counts = sum(len(ids) for ids, _ in best_ngram.grams)      # the distinct runs it counted
print(f"chosen on validation: order {best_order}, alpha {best_alpha:g}; "
      f"held-out perplexity {results[f'{best_order}-gram']:.2f}")
print(f"its tables hold {counts:,} counts (a context and a character after it)")
del six, best_ngram, unigram, bigram          # their counts are not needed again

# %% [markdown] slideshow={"slide_type": "notes"}
# The validation slice is easier text than the held-out tail (lower perplexity
# for every model); what matters is that the choice is made without looking
# at the tail. The tables grow fast with the order: that is the price of
# counting, and the reason we stop at 6. NGram.variant shares the tables between
# orders exactly: an order-n model reads counts[0] to counts[n - 1] and nothing
# else, and alpha enters only when a probability is computed.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Truncated BPTT: streams, chunks, a state carried
#
# The training text is a million steps long. We cut it into $N$ contiguous
# **streams** that run side by side as one batch, and each stream into
# **chunks** of $T$ steps. One update trains on chunk $b$ of every stream;
# the next update on chunk $b + 1$, which continues where chunk $b$ stopped.

# %% slideshow={"slide_type": "fragment"}
small_inputs, small_targets = lm.stream_batches(train[:3001], N=3, T=24)   # an example
for n in range(3):
    print(f"stream {n}: "
          + " | ".join(repr(vocab.decode(small_inputs[b, n]))[1:-1] for b in range(2)))
print("(B, N, T) =", small_inputs.shape, "  targets: the inputs shifted one step ahead")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Between chunks the hidden state is **carried**: chunk $b + 1$ starts from the
# $h$ that chunk $b$ ended with, so the forward pass is exactly one long pass
# over the stream. The **gradient is cut**: backpropagation stops at the
# chunk's first step and treats the carried $h$ as a given input.

# %% slideshow={"slide_type": "fragment"}
demo = rnnkit.SimpleRNN(V, 16, V, seed=SEED)
joined = np.concatenate([small_inputs[0], small_inputs[1]], axis=1)    # chunks 0 and 1: (3, 48)
demo.forward(vocab.one_hot(joined))                                     # one pass of 48 steps
Hs_long = demo.hidden_states
demo.forward(vocab.one_hot(small_inputs[0]))
Hs_0 = demo.hidden_states
demo.forward(vocab.one_hot(small_inputs[1]), Hs_0[:, -1])               # h carried
Hs_1 = demo.hidden_states
print("two chunks with h carried = one long pass:",
      np.array_equal(np.concatenate([Hs_0, Hs_1], axis=1), Hs_long))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Why cut? Memory, and updates per second
#
# Full BPTT is one chunk as long as the text. We train 8 streams of 2,000
# characters both ways, counting what an update keeps for its backward pass
# ($x_t$, $h_t$ and $y_t$ of every step), measuring its peak memory
# (`tracemalloc`) and timing it.

# %% slideshow={"slide_type": "fragment"}
long_inputs, long_targets = lm.stream_batches(train[:16_001], N=8, T=2000)


def one_pass(T):
    """Train once over the 8 x 2,000 characters in chunks of T; (updates, seconds, peak MB)."""
    rnn, adam = rnnkit.SimpleRNN(V, 128, V, seed=SEED), rnnkit.Adam(0.01)
    x, y = long_inputs[0], long_targets[0]                          # (8, 2000)
    tracemalloc.start()
    start, h = time.perf_counter(), None
    for b in range(2000 // T):
        _, h = lm.tbptt_step(rnn, x[:, b * T:(b + 1) * T], y[:, b * T:(b + 1) * T], h, adam)
    seconds, peak = time.perf_counter() - start, tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return 2000 // T, seconds, peak / 1e6


def kept_mb(steps, streams=8, H=128):
    """What a chunk keeps for the backward pass: x_t (V), h_t (H), y_t (V) per step, float64."""
    return streams * steps * (V + H + V) * 8 / 1e6


peaks = {}
for name, T in (("full BPTT", 2000), ("truncated, T = 50", 50)):
    updates, seconds, peaks[name] = one_pass(T)
    print(f"{name:18s}: {updates:2d} update(s), each keeps {kept_mb(T):4.1f} MB of x_t, h_t "
          f"and y_t, {seconds:.1f} s (timed)")
print("measured peak memory (tracemalloc), full BPTT over 10 times truncated's:",
      peaks["full BPTT"] > 10 * peaks["truncated, T = 50"])
print(f"the whole training text as one chunk would keep {kept_mb(len(train), 1) / 1000:.1f} GB "
      f"of them")

# %% [markdown] slideshow={"slide_type": "subslide"}
# - **Memory** grows with the steps unrolled: every $x_t$, $h_t$ and $y_t$ of
#   a chunk is kept for the backward pass, 40 times as much for full BPTT
#   here; the whole text in one chunk would keep gigabytes for one update.
# - **Time** per character is about the same either way (the same products),
#   so cutting buys 40 updates for the price of one.
# - **The cost:** no gradient reaches further back than $T$ steps. The
#   carried state can still hold older information; training just never
#   asks for it directly.

# %% [markdown] slideshow={"slide_type": "notes"}
# The kept arrays are counted, not measured: the measured peak (tracemalloc, all
# of Python's allocations) is larger, about twice as large for full BPTT, with
# the backward pass's gradients, and varies a little from run to run (other
# threads allocate too), so it is printed as an outcome. Karpathy's
# min-char-rnn trains with T = 25 and one stream; we use N = 32 streams, so each
# update does 32 times the work with nearly the same Python overhead.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Train it
#
# The set-up, chosen on the validation slice for the best perplexity that
# about ten seconds of training allow:
#
# - a SimpleRNN with $H = 128$, one-hot characters in, $V$ scores out;
# - $N = 32$ streams, chunks of $T = 50$, Adam with learning rate 0.01,
#   gradients clipped to a norm of 5 (notebook 05);
# - float64, so that every machine prints the same digits and samples.

# %% slideshow={"slide_type": "fragment"}
N, T, H, CLIP, EVERY = 32, 50, 128, 5.0, 40
inputs, targets = lm.stream_batches(train, N, T)
rnn = rnnkit.SimpleRNN(V, H, V, seed=SEED)
adam = rnnkit.Adam(0.01)
print(f"{len(inputs)} chunks of {N} x {T} characters; {sum(p.size for p in rnn.params.values()):,} "
      f"weights")
train_losses, checkpoints, h = [], {"updates": [], "held-out": []}, None


def train_until(stop, h):
    """Train chunk after chunk up to chunk `stop`, h carried; held-out perplexity every 40."""
    while len(train_losses) < stop:
        start = len(train_losses)
        end = min(start + EVERY, stop)
        losses, h = lm.train_streams(rnn, inputs[start:end], targets[start:end], adam, h,
                                     clip_norm=CLIP)
        train_losses.extend(losses)
        checkpoints["updates"].append(end)
        checkpoints["held-out"].append(perplexity(lm.cross_entropy(rnn, held_streams)))
    return h


known_words = set(text[:len(train)].split())       # every word of the training text


def show_progress(h):
    """The held-out perplexity so far; how many words of 2,000 characters written after a
    newline are real (found in the training text); the first 200 of them."""
    sample = lm.generate(rnn, vocab, "\n", 2000, temperature=0.8, seed=SEED)
    real = np.mean([word in known_words for word in sample.split()])
    print(f"after {len(train_losses)} updates ({len(train_losses) * N * T:,} characters): "
          f"held-out perplexity {checkpoints['held-out'][-1]:.2f}, real words written "
          f"{real:.0%}\n")
    print(sample[:200])


# %% slideshow={"slide_type": "subslide"}
h = train_until(40, h)
show_progress(h)

# %% slideshow={"slide_type": "subslide"}
h = train_until(120, h)
show_progress(h)

# %% slideshow={"slide_type": "subslide"}
start = time.perf_counter()
h = train_until(400, h)
print(f"280 more updates: {time.perf_counter() - start:.1f} s (timed)")
show_progress(h)

# %% [markdown] slideshow={"slide_type": "notes"}
# Ask the room what changes between the three samples before pointing it out:
# first letters, spaces and short words in about the right proportions, few
# of them real; then speaker names in capitals with a colon and a newline,
# and short lines; then longer lines and more real words (the share printed
# above each sample). The samples are drawn at temperature 0.8 (section 6
# explains what that is) with the same seed each time.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The curves
#
# The training loss is measured on each chunk as it is trained on, the
# held-out perplexity on the whole tail every 40 updates; the dashed lines
# are the counting models.

# %% slideshow={"slide_type": "fragment"}
characters = np.array(checkpoints["updates"]) * N * T
window = np.array(train_losses).reshape(-1, EVERY).mean(axis=1)    # mean loss of each 40
ax = plots.perplexity_curves(
    {"training (mean over each 40 chunks)": (characters, np.exp(window)),
     "held-out": (characters, checkpoints["held-out"])},
    baselines={name: results[name] for name in ("bigram", f"{best_order}-gram")},
    title="The RNN while it trains")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Where it stands

# %% slideshow={"slide_type": "fragment"}
results["RNN"] = checkpoints["held-out"][-1]
seen = len(train_losses) * N * T
print(f"RNN: {len(train_losses)} updates, {seen:,} characters "
      f"({seen / len(train):.0%} of the training text, seen once)")
print(f"held-out perplexity still falling over the last 80 updates: "
      f"{checkpoints['held-out'][-1] < checkpoints['held-out'][-3]}")
best = f"{best_order}-gram"
for name, value in results.items():
    print(f"  {name:8s} held-out perplexity {value:6.2f}")
print(f"RNN below the unigram and the bigram: {results['RNN'] < results['bigram']}; "
      f"below the {best}: {results['RNN'] < results[best]}")
print(f"the RNN's weights: {sum(p.size for p in rnn.params.values()):,}; "
      f"the {best}'s counts: {counts:,}")
_ = plots.perplexity_bars(results, title="Held-out perplexity (lower is better)")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# - The RNN beats the uniform, unigram and bigram models on text it never
#   saw: it uses far more than the last character.
# - The tuned counting model is still better, by a wide margin. It counted
#   every context of up to five characters in the whole training text; the
#   RNN has read part of the text once, in seconds, and its held-out
#   perplexity is still falling when we stop.
# - The RNN's weights are a summary, many times smaller than the counting
#   model's table (the last line above).

# %% [markdown] slideshow={"slide_type": "notes"}
# Do not oversell: with ten seconds of training a SimpleRNN does not beat a
# well-smoothed 6-gram on characters. Whether it would with hours of training,
# more units or an LSTM (notebook 08) is not something this run can show, so
# the slide says only what it shows. Exercise 4 lets students train longer
# and watch the gap.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Greedy or sampled, and the temperature
#
# To write, the model picks a next character, feeds it back, and goes on.
# **Greedy** decoding always picks the most likely one:

# %% slideshow={"slide_type": "fragment"}
greedy = lm.generate(rnn, vocab, "ROMEO:\n", 300, temperature=0)
print(greedy)
piece = greedy[-20:]
print(f"\nthe last 20 characters occur {greedy.count(piece)} times in the greedy text")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Greedy text falls into a loop: the same state leads to the same choice,
# again and again. **Sampling** draws each character from
# $\mathrm{softmax}(y_t / \tau)$: at **temperature** $\tau = 1$ the model's own
# probabilities; below 1 sharper (towards greedy), above 1 flatter (towards
# uniform).

# %% slideshow={"slide_type": "fragment"}
for tau in (0.5, 1.0, 1.5):
    print(f"--- temperature {tau} ---")
    print(lm.generate(rnn, vocab, "ROMEO:\n", 160, temperature=tau, seed=SEED))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What the temperature does, counted
#
# For each temperature we write 2,000 characters and count the words that
# also occur in the training text, and how many different words there are.

# %% slideshow={"slide_type": "fragment"}
print("temperature   words   in the training text   different words")
for tau in (0.0, 0.5, 0.8, 1.0, 1.5, 2.0):
    words = lm.generate(rnn, vocab, "\n", 2000, temperature=tau, seed=SEED).split()
    known = np.mean([w in known_words for w in words])
    print(f"{tau:11.1f} {len(words):7d} {known:18.0%} {len(set(words)):17d}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Low temperatures play safe: real words, few different ones, repeated. High
# ones invent: most of their "words" are not English. Between them is a
# trade-off, not a right answer; 0.7 to 1 is the usual choice. Try it:

# %% slideshow={"slide_type": "fragment"}
generate_text_widget(rnn, vocab, prime="The king ")

# %% [markdown] slideshow={"slide_type": "notes"}
# In the widget, set the temperature to 0 and change the seed: nothing moves,
# because greedy never draws. Then type a prime with a character Shakespeare
# never used (a digit other than 3, say, or an accent): the widget says which.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. The same model in Keras
#
# The same architecture in Keras: a `SimpleRNN(128, return_sequences=True,
# stateful=True)` and a `Dense(V)`. `stateful=True` carries $h$ from batch to
# batch as we do. We give it rnnkit's starting weights, the same chunks, Adam
# and clipping, and time 40 updates of each, in float32.

# %% slideshow={"slide_type": "fragment"}
# TensorFlow with no C++ log lines on stderr and without oneDNN, whose float32 rounding differs
# from CPU to CPU: TF_CPP_MIN_LOG_LEVEL=3 and TF_ENABLE_ONEDNN_OPTS=0 unless already set.
keras = rnnkit.keras_bridge.import_keras()
import tensorflow as tf  # noqa: E402

keras.utils.set_random_seed(SEED)
tf.config.experimental.enable_op_determinism()
UPDATES = 40
twin = rnnkit.SimpleRNN(V, H, V, seed=SEED, dtype=np.float32)     # rnnkit, float32
cell = keras.layers.SimpleRNN(H, return_sequences=True, stateful=True)
model = keras.Sequential([keras.Input(batch_shape=(N, T, V)), cell, keras.layers.Dense(V)])
p = twin.params
cell.set_weights([p["W_xh"], p["W_hh"], p["b_h"]])
model.layers[-1].set_weights([p["W_oh"], p["b_o"]])
model.compile(optimizer=keras.optimizers.Adam(0.01, global_clipnorm=CLIP),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))

# %% slideshow={"slide_type": "subslide"}
one_hot = np.eye(V, dtype=np.float32)
model.train_on_batch(one_hot[inputs[0]], targets[0])       # chunk 0: Keras builds its graph here
twin_adam = rnnkit.Adam(0.01)
_, twin_h = lm.train_streams(twin, inputs[:1], targets[:1], twin_adam, clip_norm=CLIP)

start = time.perf_counter()
for b in range(1, UPDATES + 1):                             # chunks 1 to 40, timed
    model.train_on_batch(one_hot[inputs[b]], targets[b])
keras_seconds = time.perf_counter() - start
start = time.perf_counter()
_ = lm.train_streams(twin, inputs[1:UPDATES + 1], targets[1:UPDATES + 1], twin_adam, twin_h,
                     clip_norm=CLIP)
rnnkit_seconds = time.perf_counter() - start
print(f"{UPDATES} updates: Keras {keras_seconds:.1f} s (timed), "
      f"rnnkit {rnnkit_seconds:.1f} s (timed)")

# %% slideshow={"slide_type": "fragment"}
keras_loss = lm.cross_entropy(rnnkit.keras_bridge.from_keras(model), held_streams)
rnnkit_loss = lm.cross_entropy(twin, held_streams)
print(f"held-out loss after {UPDATES} updates, Keras and rnnkit within 0.02 of each other: "
      f"{abs(keras_loss - rnnkit_loss) < 0.02}")
print(f"both have learned, below the unigram's loss: "
      f"{max(keras_loss, rnnkit_loss) < np.log(results['unigram'])}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# The two learn the same thing: the same weights, data, optimiser and
# carried state give the same held-out loss, to float32 rounding. What
# differs: Keras differentiates its graph automatically and runs it in
# TensorFlow's C++ kernels; rnnkit runs the formulas of notebooks 02 and 05
# in NumPy, one time step per Python loop turn. Which one is faster depends
# on the machine: the times above are this run's.

# %% [markdown] slideshow={"slide_type": "notes"}
# Keras' stateful layer needs a fixed batch size, given by batch_shape. To
# score both models the same way, Keras' trained weights are read back into
# rnnkit (keras_bridge.from_keras) and both go through lm.cross_entropy.
# The first train_on_batch call traces the graph (a second or more), so both
# models train on chunk 0 before the clock starts.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A character model is judged on text it never saw, by perplexity: the
#   number of characters it is as unsure as.
# - Counting models set the bar: uniform $V$, then unigram, bigram, and a
#   smoothed $n$-gram whose order and $\alpha$ are chosen on validation text.
# - Truncated BPTT trains on $N$ streams in chunks of $T$: the state carries
#   over, the gradient stops at each chunk; memory stays small and updates come often.
# - Ten seconds of training beat the unigram and bigram, not the tuned $n$-gram.
# - Greedy text loops; sampling with a temperature trades safe words for variety.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# **Exercise 1. Write the sampling loop.** Complete `my_generate`: after the
# prime, pick a character with `next_token`, keep it, and feed it back with
# the state. The check compares your text with `lm.generate` on four
# examples (the same model, and a Generator with the same seed for both).

# %% slideshow={"slide_type": "fragment"}
def my_generate(rnn, vocab, prime, length, temperature, rng):
    """`length` new characters after `prime` (a str), drawn with the Generator rng."""
    X = vocab.one_hot(vocab.encode(prime))[None]    # (1, P, V): the prime, one-hot
    logits = rnn.forward(X)                         # (1, P, V) scores
    new = []                                        # the indices written so far
    for _ in range(length):
        pass  # your code: pick i from the last scores, logits[0, -1] (V,), with
        #       next_token(scores, temperature, rng); keep it in new; run rnn.forward on
        #       its one-hot x (1, 1, V) from the last state, rnn.final_state (1, H)
    return vocab.decode(new) if new else None


_ = ex.check_sampling_loop(my_generate, rnn, vocab)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: draw, keep, feed back with the state, and take the new scores and state.
def my_generate(rnn, vocab, prime, length, temperature, rng):
    X = vocab.one_hot(vocab.encode(prime))[None]
    logits = rnn.forward(X)
    new = []
    for _ in range(length):
        i = next_token(logits[0, -1], temperature, rng)
        new.append(i)
        logits = rnn.forward(vocab.one_hot([[i]]), rnn.final_state)
    return vocab.decode(new)


_ = ex.check_sampling_loop(my_generate, rnn, vocab)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2. From loss to perplexity.** `line_losses` holds the model's
# $-\log p$ (in nats) for each character of a line of the held-out tail.
# Compute the model's perplexity on that line.

# %% slideshow={"slide_type": "fragment"}
newlines = np.flatnonzero(held_streams[0] == vocab.encode("\n")[0])
line = held_streams[:1, newlines[0] + 1:newlines[1] + 1]            # the second line, with its \n
line_losses = lm.token_losses(rnn, line)[0]
print(repr(vocab.decode(line[0])), f"({len(line_losses)} characters predicted)")
my_perplexity = None  # replace None with your code

_ = ex.check_perplexity(my_perplexity, line_losses)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: the exponent of the mean loss per character (nats, so base e).
my_perplexity = np.exp(line_losses.mean())
_ = ex.check_perplexity(my_perplexity, line_losses)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3. Predict, then check.** As the temperature goes to 0, what do
# the samples become: `"greedy"` (the greedy text, whatever the seed),
# `"uniform"` (random characters) or `"unchanged"` (as at $\tau = 1$)?

# %% slideshow={"slide_type": "fragment"}
my_prediction = None  # one of the three strings

_ = ex.check_cold_limit(my_prediction, rnn, vocab)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: dividing the scores by a tiny tau magnifies their gaps, so softmax puts all its
# weight on the largest score: every draw is the greedy choice.
my_prediction = "greedy"
_ = ex.check_cold_limit(my_prediction, rnn, vocab)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4 (open).** Train longer: call `h = train_until(1200, h)` (800
# more updates, about half a minute) and rerun section 5. How far does the
# held-out perplexity fall, and how close does it come to the 6-gram's? Then
# try $T = 10$ or $T = 200$, or $H = 256$: what changes in the time per
# update, and in the perplexity?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Andrej Karpathy, "The unreasonable effectiveness of recurrent neural
#   networks" (2015), karpathy.github.io, and his `min-char-rnn.py` (a
#   character RNN in 112 lines of NumPy).
# - Aston Zhang et al., *Dive into Deep Learning*, chapters "Language models"
#   and "Recurrent neural networks" (d2l.ai): perplexity, sequential
#   partitioning, RNNs from scratch.
# - Aurélien Géron, *Hands-On Machine Learning* (3rd ed.), chapter 16 and its
#   notebook in handson-ml3: a Shakespeare char-RNN in Keras, stateful and not.
# - Ilya Sutskever, James Martens and Geoffrey Hinton, "Generating text with
#   recurrent neural networks", ICML 2011.
#
# **Next:** notebook 08 opens the LSTM and the GRU.
