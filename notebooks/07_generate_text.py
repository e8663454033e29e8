# %% [markdown] slideshow={"slide_type": "slide"}
# # Teach an RNN to write like Shakespeare
#
# **What you will do.** Train a character RNN on Shakespeare in NumPy for a
# few seconds and watch it learn to spell; measure it against models that
# count; load an LSTM trained longer by the course's script, find where it
# beats counting, make it write, and find a unit that tracks the line.
#
# **What you will learn.**
# - perplexity on held-out text, and how far counting (n-grams) gets;
# - truncated BPTT: streams, chunks, a state carried, a gradient cut;
# - where a recurrent model beats counting;
# - greedy decoding, sampling, and the temperature.
#
# **What you need.** Notebooks 02, 04 (perplexity) and 05 (BPTT); 08 (the
# LSTM) helps from section 6 on.
#
# **Time.** About 50 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/07_generate_text.ipynb)

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This is the notebook the earlier ones build up to: a model that writes. Every
# number is computed here, on the course's copy of Tiny Shakespeare. The small
# model trains in a few seconds, in front of the room, and loses to the
# best counting model; the trained LSTM (section 6) shows what more compute
# buys, and sections 7 to 9 where the difference comes from.
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
# <details class="notes"><summary>For the instructor</summary>
#
# The validation slice is the end of the training text, cut off before any
# model sees it. The n-gram's order and smoothing are chosen on it below; the
# RNN's set-up (size, chunk length, learning rate) was chosen on it when this
# notebook was written. The held-out tail is read only to report.
#
# </details>

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
# kept for section 7, before the tables go: each held-out and validation character's
# -log p under the chosen n-gram, and how often its context was seen in training
ngram_held = -np.log(np.stack(best_ngram.token_probabilities(list(held_streams))))   # (100, 500)
ngram_validation = -np.log(np.stack(best_ngram.token_probabilities(list(validation_streams))))
context_seen = np.stack(best_ngram.context_counts(list(held_streams)))             # (100, 500)
del six, best_ngram, unigram, bigram          # their counts are not needed again

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The validation slice is easier text than the held-out tail (lower perplexity
# for every model); what matters is that the choice is made without looking
# at the tail. The tables grow fast with the order: that is the price of
# counting, and the reason we stop at 6. NGram.variant shares the tables between
# orders exactly: an order-n model reads counts[0] to counts[n - 1] and nothing
# else, and alpha enters only when a probability is computed.
#
# </details>

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


def one_pass(T, trace=False):
    """Train once over the 8 x 2,000 characters in chunks of T: (updates, seconds), or with
    trace=True (updates, peak MB of Python's allocations, measured by tracemalloc)."""
    rnn, adam = rnnkit.SimpleRNN(V, 128, V, seed=SEED), rnnkit.Adam(0.01)
    x, y = long_inputs[0], long_targets[0]                          # (8, 2000)
    if trace:
        tracemalloc.start()     # it slows every allocation: the timed run is a separate one
    start, h = time.perf_counter(), None
    for b in range(2000 // T):
        _, h = lm.tbptt_step(rnn, x[:, b * T:(b + 1) * T], y[:, b * T:(b + 1) * T], h, adam)
    if not trace:
        return 2000 // T, time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return 2000 // T, peak / 1e6


def kept_mb(steps, streams=8, H=128):
    """What a chunk keeps for the backward pass: x_t (V), h_t (H), y_t (V) per step, float64."""
    return streams * steps * (V + H + V) * 8 / 1e6


peaks = {}
for name, T in (("full BPTT", 2000), ("truncated, T = 50", 50)):
    updates, seconds = one_pass(T)
    peaks[name] = one_pass(T, trace=True)[1]
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
# <details class="notes"><summary>For the instructor</summary>
#
# The kept arrays are counted, not measured: the measured peak (tracemalloc, all
# of Python's allocations) is larger, about twice as large for full BPTT, with
# the backward pass's gradients, and varies a little from run to run (other
# threads allocate too), so it is printed as an outcome. Karpathy's
# min-char-rnn trains with T = 25 and one stream; we use N = 32 streams, so each
# update does 32 times the work with nearly the same Python overhead.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Train it
#
# The set-up, chosen on the validation slice for the best perplexity that
# a few seconds of training allow:
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
# <details class="notes"><summary>For the instructor</summary>
#
# Ask the room what changes between the three samples before pointing it out:
# first letters, spaces and short words in about the right proportions, few
# of them real; then speaker names in capitals with a colon and a newline,
# and short lines; then longer lines and more real words (the share printed
# above each sample). The samples are drawn at temperature 0.8 (section 6
# explains what that is) with the same seed each time.
#
# </details>

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
# <details class="notes"><summary>For the instructor</summary>
#
# Do not oversell: with seconds of training a SimpleRNN does not beat a
# well-smoothed 6-gram on characters. Section 6 shows what more compute buys,
# with a model trained outside the class; the slide above says only what this
# run shows.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. What more compute buys
#
# `tools/train_charlm.py`, in the course's repository, trains a bigger model
# the same way: rnnkit, NumPy, truncated BPTT on the same training text. It is
# an LSTM (notebook 08) of two layers of 512 units over a learned 64-wide
# embedding of the characters, with dropout, Adam on a cosine schedule and
# clipping. Every 100 updates it scores the validation slice and keeps the
# best model: even when to stop is chosen on validation. The course ships its
# result; we load it and its log.

# %% slideshow={"slide_type": "fragment"}
lstm, _, settings = datasets.shakespeare_lstm()   # the model, its vocabulary, its settings
log = datasets.shakespeare_lstm_log()
passes = settings["updates"] * settings["streams"] * settings["steps"] / len(train)
print(f"{lstm.cell.name}: {lstm.layers} layers of {lstm.sizes[1]}, an embedding of "
      f"{lstm.embedding_size}, {sum(p.size for p in lstm.params.values()):,} weights")
print(f"trained {settings['updates']:,} updates ({passes:.1f} passes over the training text) "
      f"in {log['wall_seconds'] / 60:.0f} minutes on {settings['threads']} CPU thread; "
      f"kept update {settings['best_update']:,}, the best on validation")

# %% slideshow={"slide_type": "subslide"}
scores = log["validation"]
minutes = np.array([row["seconds"] for row in scores]) / 60
_ = plots.perplexity_curves(
    {"trained LSTM, validation": (minutes, np.exp([row["validation"] for row in scores]))},
    baselines={f"{best_order}-gram": grid[best_order, best_alpha]}, xlabel="minutes of training",
    title="The LSTM while it trained (from its log)")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# Now the test that counts: the same 50,000 held-out predictions as every
# model above, scored here (no update, no dropout).

# %% slideshow={"slide_type": "fragment"}
start = time.perf_counter()
lstm_held = lm.token_losses(lstm, held_streams)      # -log p, (100, 500) nats
results["LSTM, trained"] = perplexity(lstm_held.mean())
print(f"scored in {time.perf_counter() - start:.1f} s (timed)")
for name, value in results.items():
    print(f"  {name:14s} held-out perplexity {value:6.2f}")
print(f"the trained LSTM below the {best}: {results['LSTM, trained'] < results[best]}, "
      f"by {1 - results['LSTM, trained'] / results[best]:.0%} of its perplexity")
_ = plots.perplexity_bars(results, title="Held-out perplexity (lower is better)")
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The SimpleRNN trained here and the trained LSTM differ in everything at once:
# the cell, the size, the embedding, dropout and about a hundred times the
# training. The slide makes no claim about which of these matters most. To
# reproduce the file: `python tools/train_charlm.py` (its log, printed above,
# gives the machine it ran on). tests/test_train_charlm.py reruns its first
# updates and compares them with the log.
#
# The file keeps the weights in Keras' layout: `rnnkit.keras_bridge.to_keras(lstm)`
# gives the same model as `keras.Sequential([Embedding, LSTM, LSTM, Dense])`,
# and tests/test_lm_checkpoint.py checks that both score held-out text alike.
# The notebook itself does not import TensorFlow: it would cost a Binder kernel
# another 500 MB.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Where recurrence beats counting
#
# The 6-gram predicts from the last five characters and nothing else, and
# only as well as it has seen them. Split the held-out predictions by how
# often their five-character context occurred in the training text, and
# compare the two models' mean loss in each group.

# %% slideshow={"slide_type": "fragment"}
GROUPS = {"never": (0, 0), "1-9": (1, 9), "10-99": (10, 99), "100-999": (100, 999),
          "1000+": (1000, np.inf)}
by_context = {"trained LSTM": [], f"{best}": []}
print("context seen   share   LSTM   " + f"{best}   lower")
for label, (low, high) in GROUPS.items():
    where = (context_seen >= low) & (context_seen <= high)
    lstm_loss, ngram_loss = lstm_held[where].mean(), ngram_held[where].mean()
    by_context["trained LSTM"].append(lstm_loss)
    by_context[best].append(ngram_loss)
    print(f"{label:>12s}  {where.mean():6.1%}  {lstm_loss:5.2f}  {ngram_loss:7.2f}   "
          f"{'LSTM' if lstm_loss < ngram_loss else best}")

# %% slideshow={"slide_type": "subslide"}
_ = plots.loss_by_group(list(GROUPS), by_context, xlabel="times the context was seen in training",
                        ylabel="held-out loss (nats per character)",
                        title="Where each model loses (lower is better)")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Where in the line
#
# The line matters too. Its first character follows a newline, and what comes
# there (a speaker's name? a verse going on?) depends on lines before it,
# beyond five characters. A speaker's name is a line of capitals ending in a
# colon: "ROMEO:".

# %% slideshow={"slide_type": "fragment"}
def place_in_line(streams):
    """(N, L): how many characters of its line come before each character; -1 where the
    line began before the stream did."""
    newline, place = vocab.encode("\n")[0], np.full(streams.shape, -1)
    for t in range(1, streams.shape[1]):
        started = np.where(place[:, t - 1] >= 0, place[:, t - 1] + 1, -1)
        place[:, t] = np.where(streams[:, t - 1] == newline, 0, started)
    return place


def in_speaker_name(streams):
    """(N, L): True for each character of a speaker's name line such as "ROMEO:"."""
    name = np.zeros(streams.shape, dtype=bool)
    for n, stream in enumerate(streams):
        start = 0
        for line in vocab.decode(stream).split("\n"):
            if line.endswith(":") and line[:-1].replace(" ", "").isalpha() and line.isupper():
                name[n, start:start + len(line)] = True
            start += len(line) + 1
    return name


column = place_in_line(held_streams)[:, 1:]                  # of each predicted character
PLACES = {"1st": column == 0, "2nd-5th": (column >= 1) & (column <= 4),
          "6th-20th": (column >= 5) & (column <= 19), "21st on": column >= 20,
          "in a speaker's name": in_speaker_name(held_streams)[:, 1:]}
by_place = {"trained LSTM": [], best: []}
print("character of the line   share   LSTM   " + f"{best}")
for label, where in PLACES.items():
    by_place["trained LSTM"].append(lstm_held[where].mean())
    by_place[best].append(ngram_held[where].mean())
    print(f"{label:>22s}  {where.mean():6.1%}  {by_place['trained LSTM'][-1]:5.2f}  "
          f"{by_place[best][-1]:7.2f}")
_ = plots.loss_by_group(["1st", "2nd-5th", "6th-20th", "21st on", "name"], by_place,
                        xlabel="character of the line", ylabel="held-out loss (nats per character)",
                        title="Loss by place in the line")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The two together
#
# If each knows something the other does not, a mixture should beat both:
# $p = w\,p_{\text{LSTM}} + (1 - w)\,p_{\text{6-gram}}$, with the weight $w$
# chosen on half the validation slice (10,000 characters: enough for one
# number, and half the time).

# %% slideshow={"slide_type": "fragment"}
lstm_validation = lm.token_losses(lstm, validation_streams[:10])   # (10, 1000)


def mixture_loss(w, lstm_loss, ngram_loss):
    """The mean -log of w p_LSTM + (1 - w) p_ngram, from each model's -log p."""
    return float(-np.log(w * np.exp(-lstm_loss) + (1 - w) * np.exp(-ngram_loss)).mean())


weights = np.round(np.arange(0.0, 1.0001, 0.05), 2)
w = weights[np.argmin([mixture_loss(v, lstm_validation, ngram_validation[:10]) for v in weights])]
results["mixture"] = perplexity(mixture_loss(w, lstm_held, ngram_held))
print(f"w chosen on validation: {w:.2f}")
print(f"held-out perplexity: LSTM {results['LSTM, trained']:.2f}, {best} {results[best]:.2f}, "
      f"mixture {results['mixture']:.2f}")
print(f"the mixture below both: {results['mixture'] < min(results['LSTM, trained'], results[best])}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# - The LSTM is ahead wherever counting has little to go on: its lead is
#   widest for contexts seen only a few times. For the commonest contexts
#   (seen 1,000 times or more) the table holds the statistics exactly, and the
#   6-gram is as good or better.
# - Unseen contexts are hard for both; the LSTM, which reads further back,
#   loses less.
# - It is ahead at every place in the line, speaker names included.
# - The mixture beats both, so each knows things the other does not.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Read the tables before the plots: the "share" column says how much each
# group weighs in the total. Ask the room why the first character of a line is
# hard for the 6-gram: its context is the end of the previous line and a
# newline, which says little about whether a name, a new sentence or a verse
# goes on. The 1000+ group holds the commonest contexts; both models lose a
# lot there, because what follows them varies most.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. Greedy or sampled, and the temperature
#
# To write, the model picks a next character, feeds it back, and goes on.
# **Greedy** decoding always picks the most likely one:

# %% slideshow={"slide_type": "fragment"}
greedy = lm.generate(lstm, vocab, "ROMEO:\n", 300, temperature=0)
print(greedy)
piece = greedy[-20:]
print(f"\nthe last 20 characters occur {greedy.count(piece)} times in the greedy text")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Greedy text tends to repeat itself: the same state leads to the same
# choice. **Sampling** draws each character from
# $\mathrm{softmax}(y_t / \tau)$: at **temperature** $\tau = 1$ the model's own
# probabilities; below 1 sharper (towards greedy), above 1 flatter (towards
# uniform).

# %% slideshow={"slide_type": "fragment"}
for tau in (0.5, 1.0, 1.5):
    print(f"--- temperature {tau} ---")
    print(lm.generate(lstm, vocab, "ROMEO:\n", 160, temperature=tau, seed=SEED))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What the temperature does, counted
#
# For each temperature the trained LSTM writes 2,000 characters; we count the
# words that also occur in the training text, and how many different words
# there are.

# %% slideshow={"slide_type": "fragment"}
print("temperature   words   in the training text   different words")
for tau in (0.5, 0.8, 1.0, 1.5):                   # 0 is the greedy text above
    words = lm.generate(lstm, vocab, "\n", 2000, temperature=tau, seed=SEED).split()
    known = np.mean([w in known_words for w in words])
    print(f"{tau:11.1f} {len(words):7d} {known:18.0%} {len(set(words)):17d}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Low temperatures play safe: real words, fewer different ones. High ones
# invent. Between them is a trade-off, not a right answer; 0.7 to 1 is the
# usual choice. Try it:

# %% slideshow={"slide_type": "fragment"}
generate_text_widget(lstm, vocab, prime="The king ")

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# In the widget, set the temperature to 0 and change the seed: nothing moves,
# because greedy never draws. Then type a prime with a character Shakespeare
# never used (a digit other than 3, say, or an accent): the widget says which.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 9. One unit that tracks the line
#
# Some of the LSTM's 2,048 states (h and c of each of its 512 units, in two
# layers) follow things we can name. We ask, for each state, how closely it
# follows two properties of the text it reads: the place in the line, and
# being inside a speaker's name ("ROMEO:"). The choice is made on 5,000
# characters of the validation slice; 5,000 of the held-out tail test it.

# %% slideshow={"slide_type": "fragment"}
def line_properties(streams):
    """For each character read, (N, L): its place in the line (NaN where the line began before
    the stream), and 1 inside a speaker's name, 0 elsewhere."""
    place = place_in_line(streams).astype(float)
    return {"place in the line": np.where(place >= 0, place, np.nan),
            "inside a speaker's name": in_speaker_name(streams).astype(float)}


def all_states(streams):
    """Every state of both layers after each character: (N L, 2048), h and c of each layer.
    100 steps at a time, the state carried: a forward pass keeps all its gates, and all
    501 steps at once would keep 200 MB."""
    inputs, state, states = lm.as_inputs(lstm, streams), None, []
    for start in range(0, streams.shape[1], 100):
        lstm.forward(inputs[:, start:start + 100], state)
        state = lstm.final_state
        layers = [lstm.layer_states(layer) for layer in (1, 2)]
        states.append(np.concatenate([s[key] for s in layers for key in ("h", "c")], axis=2))
    return np.concatenate(states, axis=1).reshape(-1, 4 * lstm.sizes[1])


def correlations(states, values):
    """Pearson's r of every state (columns of states) with one property, where it is known."""
    known = ~np.isnan(values)
    states, values = states[known], values[known]
    z = (states - states.mean(0)) / (states.std(0) + 1e-12)
    return z.T @ ((values - values.mean()) / values.std()) / len(values)


sample, tail = validation_streams[:10, :501], held_streams[:10]     # 5,000 characters each
seen, tested = all_states(sample), all_states(tail)
properties, held_properties = line_properties(sample), line_properties(tail)
names = [f"{kind} {unit}, layer {layer}" for layer in (1, 2) for kind in ("h", "c")
         for unit in range(lstm.sizes[1])]
chosen = {}
for what, values in properties.items():
    r = correlations(seen, values.ravel())
    unit = int(np.argmax(np.abs(r)))
    r_held = correlations(tested[:, [unit]], held_properties[what].ravel())[0]
    chosen[what] = unit
    print(f"{what:24s}: {names[unit]:>15s}, |r| {abs(r[unit]):.2f} on validation, "
          f"{abs(r_held):.2f} on the held-out tail (of {len(r):,} states)")
del seen, tested          # 80 MB of states, not needed again

# %% slideshow={"slide_type": "subslide"}
passage = held_streams[3, :200]
lstm.forward(lm.as_inputs(lstm, passage[None]))
unit = chosen["place in the line"]
layer, kind, index = 1 + unit // 1024, ("h", "c")[unit % 1024 // 512], unit % 512
_ = plots.unit_activation(vocab.decode(passage), lstm.layer_states(layer)[kind][0, :, index],
                          title=f"{names[unit]}: red above 0, blue below")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# Nobody told a unit to count characters; training found one, presumably
# because the length of a line helps to predict its end (verse runs to a
# length). We looked at every state and picked the best on validation text;
# the held-out figure above says it holds on text it never saw.

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This is Karpathy's "line length" cell (Karpathy, Johnson and Fei-Fei, 2015).
# Most units are not this clean: say so, and show the correlation as what it
# is, the best of 2,048 on validation. Choosing on validation and reporting
# on the held-out tail is the same discipline as for the n-gram's order.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Perplexity on unseen text: how many characters a model is as unsure as.
# - Counting sets the bar: unigram, bigram, and an $n$-gram whose order and
#   $\alpha$ are chosen on validation text.
# - Truncated BPTT: $N$ streams in chunks of $T$; the state carries over, the
#   gradient stops at each chunk; small memory, frequent updates.
# - Seconds of training beat the bigram, not the tuned $n$-gram; a two-layer
#   LSTM trained longer by the same code beats it.
# - It wins where counting has little to go on (rare contexts, line starts);
#   a mixture of the two beats both.
# - Greedy text loops; the temperature trades safe words for variety.
# - Some units track what we can name: the place in the line.

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
# **Exercise 4. Write the truncated-BPTT loop.** Complete `my_train_chunks`:
# for each chunk in order, run the model from the state the last chunk left,
# take the loss and its gradient, update, and carry the state on. The check
# trains two copies of a small model, one with yours and one with
# `lm.train_streams`, and compares the losses and the weights.

# %% slideshow={"slide_type": "fragment"}
def my_train_chunks(model, inputs, targets, optimizer):
    """Train on chunks (B, N, T) of token indices in order, the state carried; the B losses."""
    losses, state = [], None                        # None: the first chunk starts from zeros
    for b in range(len(inputs)):
        pass  # your code: Y = model.forward(lm.as_inputs(model, inputs[b]), state);
        #       rnnkit.softmax_cross_entropy against targets[b] gives (loss, dY);
        #       model.backward(dY), optimizer.step(model.params, grads); keep the loss,
        #       and the state to carry, model.final_state
    return losses


_ = ex.check_tbptt_loop(my_train_chunks, vocab)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
# Solution: forward from the carried state, backward to this chunk's start only, update,
# and carry the state the chunk ended with.
def my_train_chunks(model, inputs, targets, optimizer):
    losses, state = [], None
    for b in range(len(inputs)):
        Y = model.forward(lm.as_inputs(model, inputs[b]), state)
        loss, dY = rnnkit.softmax_cross_entropy(Y, targets[b])
        optimizer.step(model.params, model.backward(dY))
        losses.append(loss)
        state = model.final_state
    return losses


_ = ex.check_tbptt_loop(my_train_chunks, vocab)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 5 (open).** Train the small model longer: call
# `h = train_until(1200, h)` (800 more updates, ten seconds or so) and rerun
# section 5. How far does its held-out perplexity fall? Then run
# `python tools/train_charlm.py --hidden 128 --layers 1 --epochs 1` in a
# terminal: what does an LSTM of the SimpleRNN's size reach in one pass?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Further reading
#
# - Andrej Karpathy, "The unreasonable effectiveness of recurrent neural
#   networks" (2015), karpathy.github.io, and his `min-char-rnn.py`.
# - Aston Zhang et al., *Dive into Deep Learning*, "Language models" and
#   "Recurrent neural networks" (d2l.ai): perplexity, RNNs from scratch.
# - Aurélien Géron, *Hands-On Machine Learning* (3rd ed.), chapter 16: a
#   Shakespeare char-RNN in Keras.
# - Ilya Sutskever, James Martens and Geoffrey Hinton, "Generating text with
#   recurrent neural networks", ICML 2011.
# - Andrej Karpathy, Justin Johnson and Li Fei-Fei, "Visualizing and
#   understanding recurrent networks", 2015 (arXiv:1506.02078): the units that
#   count, quote and indent, and where an LSTM beats an n-gram.
#
# **Next:** notebook 08 opens the LSTM and the GRU.
