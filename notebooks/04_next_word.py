# %% [markdown] slideshow={"slide_type": "slide"}
# # Teach an RNN to finish "How are you?"
#
# **What you will do.** Train a small recurrent network in NumPy, watch it
# answer "how" with "are", "you", "?", then test it on sentences it never
# saw, against a model that only counts.
#
# **What you will learn.**
# - how a word becomes a vector (an *embedding*, a row of $W_{xh}$);
# - perplexity and accuracy, on training and on held-out sentences;
# - where an RNN beats counting: it reads the whole sentence so far;
# - teacher forcing, free-running generation and exposure bias.
#
# **What you need.** Notebooks 02 (the step $h_t$) and 03 (many-to-many).
#
# **Time.** About 30 minutes.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["colab-badge"]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/04_next_word.ipynb)

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
from rnnkit import NGram, lm
from rnnkit.course.exercises import next_word as ex
from rnnkit.lm import Vocabulary, load_corpus, next_word_pairs, tokenize

rnnkit.course.plots.use_style()
SEED = 0   # one seed for the weights and the shuffling: every run gives the same model and numbers

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Turn words into vectors

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The article says the word "How" is "converted to a vector" and moves on. Slow
# down here: the one-hot vector is the whole interface between text and the
# network, and a row of W_xh is the first word vector students meet. Stress
# the held-out file now: the numbers that matter later are measured on it.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# The corpus was written for this course: greetings, and short statements and
# questions built from a few subjects and words. One sentence per line, the
# marks as separate words. A second file holds **held-out** sentences that
# training never sees: new combinations of the same words.

# %% slideshow={"slide_type": "fragment"}
sentences = load_corpus("how_are_you")            # for training
heldout = load_corpus("how_are_you_heldout")      # never trained on
print(f"{len(sentences)} training sentences, e.g.:", " | ".join(sentences[::40]))
print(f"{len(heldout)} held-out sentences, e.g.:", " | ".join(heldout[::12]))
print("held-out sentences that are also training sentences:", sum(s in sentences for s in heldout))

# %% [markdown] slideshow={"slide_type": "subslide"}
# The **vocabulary** lists every distinct word of the training sentences and
# gives each a fixed index. Its size $V$ is the number of words the model can
# read and predict.

# %% slideshow={"slide_type": "fragment"}
vocab = Vocabulary.of_words(sentences)
V = len(vocab)
print(f"V = {V} words:", " ".join(vocab.tokens))
print("every held-out word is in it:", all(w in vocab for s in heldout for w in tokenize(s)))

# %% [markdown] slideshow={"slide_type": "subslide"}
# A word enters the network as a **one-hot vector** $x_t$ of length $V$: all
# zeros except a 1 at the word's index.

# %% slideshow={"slide_type": "fragment"}
for word in tokenize("How are you?"):
    x = vocab.one_hot([word])[0]
    print(f"{word!r:>6}  index {vocab.index(word):2d}  x = {''.join(str(int(v)) for v in x)}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A one-hot vector picks one row of $W_{xh}$
#
# The RNN's first product is $x_t W_{xh}$, with $W_{xh}$ of shape $(V, H)$. A
# one-hot vector times a matrix selects one row, the word's own. So the rows
# of $W_{xh}$ are **word vectors**, trained like any other weight: language
# models call them *embeddings*.

# %% slideshow={"slide_type": "fragment"}
H = 16                                       # hidden units
model = rnnkit.ManyToMany(V, H, V, seed=SEED)
W_xh = model.params["W_xh"]
x_how = vocab.one_hot(["how"])[0]
print("W_xh shape:", W_xh.shape)
print("x @ W_xh equals row", vocab.index("how"), "of W_xh:",
      np.allclose(x_how @ W_xh, W_xh[vocab.index("how")]))

# %% [markdown] slideshow={"slide_type": "fragment"}
# At the first step $h_0 = 0$, so $h_1$ for "how" is $\tanh$ of that row plus $b_h$:

# %% slideshow={"slide_type": "fragment"}
h_1 = np.tanh(W_xh[vocab.index("how")] + model.params["b_h"])
model.forward(x_how[None, None])                 # one sequence of one word: shape (1, 1, V)
print("h_1 = tanh(row + b_h) matches rnnkit:", np.allclose(h_1, model.hidden_states[0, 0]))

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# In the article's column form, W_xh . x_t, the same product picks a column.
#
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Build next-word training pairs

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Make the shift by one explicit: the inputs are the sentence without its last
# word, the targets the sentence without its first. Name teacher forcing here
# and come back to it in section 8. The mask keeps padded steps out of both
# the loss and the accuracy.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# At every step the model reads one word and must predict the next: the
# inputs are $w_1 \dots w_{n-1}$, the targets $w_2 \dots w_n$. Shorter
# sentences are padded to the longest, and a **mask** marks the real steps.
# The input at each step is the *true* previous word, whatever the model
# would have guessed: this is called **teacher forcing**.

# %% slideshow={"slide_type": "fragment"}
X, Y, mask = next_word_pairs(sentences, vocab)
X_held, Y_held, mask_held = next_word_pairs(heldout, vocab)
N, T, _ = X.shape
print(f"X    {X.shape}   (N sentences, T steps, V-long one-hot vectors)")
print(f"Y    {Y.shape}      (the index of the next word at every step)")
print(f"mask {mask.shape}      ({mask.sum()} real steps, {(~mask).sum()} padding)")
print(f"held-out: X_held {X_held.shape}, {mask_held.sum()} words to predict")

# %% slideshow={"slide_type": "fragment"}
i = sentences.index("how are you ?")
for t in range(T):
    if mask[i, t]:
        seen = vocab.tokens[X[i, t].argmax()]
        print(f"step {t + 1}: reads {seen!r:>6} -> target {vocab.tokens[Y[i, t]]!r}")
    else:
        print(f"step {t + 1}: padding (mask False)")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Unrolled over the first three steps of that sentence: one copy of the same
# cell per word, with $h_t$ passed to the right.

# %% slideshow={"slide_type": "fragment"}
_ = rnnkit.course.diagrams.unrolled(3, labels=["how", "are", "you"])
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Train it, and score it on new sentences

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Everything here is rnnkit from earlier notebooks: ManyToMany gives an output
# at every step, softmax cross-entropy scores it, BPTT (notebook 05 opens it
# up) computes the gradients and Adam updates the weights. The set-up (H = 16,
# 25 epochs of Adam at 0.01, batches of 16) was chosen on a fifth of the
# training sentences set aside, never on the held-out file.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# The model `rnnkit.ManyToMany(V, H, V)` gives $V$ scores $y_t = h_t W_{oh} + b_o$
# at every step. Softmax turns them into probabilities; the loss is the mean
# of $-\log p(\text{true next word})$ over the real steps. Untrained, every
# word is about equally likely, so the loss is close to $\log V$:

# %% slideshow={"slide_type": "fragment"}
logits = model.forward(X)                                        # (N, T, V)
P = rnnkit.softmax(logits)
p_target = np.take_along_axis(P, Y[..., None], axis=-1)[..., 0]  # (N, T)
loss_by_hand = -np.log(p_target[mask]).mean()
loss_rnnkit, _ = rnnkit.softmax_cross_entropy(logits, Y, mask)
print(f"loss by hand {loss_by_hand:.4f}, rnnkit {loss_rnnkit:.4f}, log V = {np.log(V):.4f}")
print("matches rnnkit:", np.allclose(loss_by_hand, loss_rnnkit))

# %% [markdown] slideshow={"slide_type": "subslide"}
# `rnnkit.train` runs the forward pass, the loss, backpropagation through time
# and an Adam step for each batch of 16 sentences, 25 times over the corpus.

# %% slideshow={"slide_type": "fragment"}
def train_model(seed):
    """A next-word RNN (H hidden units) trained on the training sentences."""
    model = rnnkit.ManyToMany(V, H, V, seed=seed)
    history = rnnkit.train(model, X, Y, loss="softmax_cross_entropy", mask=mask, epochs=25,
                           batch_size=16, optimizer=rnnkit.Adam(0.01), seed=seed)
    return model, history


model, history = train_model(SEED)
print(f"loss: {history.loss[0]:.3f} after the first epoch, {history.loss[-1]:.3f} after the last")
print(f"trained in {history.seconds:.1f} s (timed)")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Perplexity
#
# The exponential of the mean loss is the **perplexity**: the model is as
# unsure as if it chose uniformly among that many words. Guessing uniformly
# gives $V$; a perfect model gives 1. Accuracy counts the steps where the top
# word is the true one.

# %% slideshow={"slide_type": "fragment"}
def rnn_scores(model, X, Y, mask):
    """(perplexity, accuracy) of a next-word model on (X, Y, mask)."""
    loss = rnnkit.evaluate(model, X, Y, "softmax_cross_entropy", mask=mask)
    return rnnkit.perplexity(loss), lm.next_word_accuracy(model, X, Y, mask)


for name, data in [("training", (X, Y, mask)), ("held-out", (X_held, Y_held, mask_held))]:
    ppl, accuracy = rnn_scores(model, *data)
    print(f"{name:>8}: perplexity {ppl:.2f}, accuracy {accuracy:.3f} "
          f"({round(accuracy * data[2].sum())} of {data[2].sum()} words)")

# %% [markdown] slideshow={"slide_type": "fragment"}
# New sentences are harder than the ones it trained on. And accuracy cannot
# reach 1: the training sentences that begin "are they" go on with several
# different words. Naming the most frequent follower of each prefix is the
# best any model can do on training:

# %% slideshow={"slide_type": "fragment"}
after = sorted({s.split()[2] for s in sentences if s.startswith("are they ")})
print(f"after 'are they' the training sentences go on with: {', '.join(after)}")
print(f"best possible training accuracy: {lm.best_possible_accuracy(sentences):.3f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Walk through "how are you" with the trained model

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This is the article's walkthrough, but every prediction now comes out of a
# trained model rather than being asserted. The three bar charts come from a
# single forward pass over "how are you": row t of the output already depends
# on every word up to t through the hidden state.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# Feed "how": the model should answer "are". Then "how are": "you". Then
# "how are you": "?". Each line is computed by the trained model.

# %% slideshow={"slide_type": "fragment"}
for prefix in ["how", "how are", "how are you"]:
    words, probs = lm.next_word_probabilities(model, vocab, prefix)
    print(f"{prefix!r:>15} -> {words[0]!r:>5} with probability {probs[0]:.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# One forward pass over "how are you" gives all three distributions at once:
# the output at step $t$ already sees every word up to $t$.

# %% slideshow={"slide_type": "fragment"}
tokens, P_steps, Hs = lm.step_probabilities(model, vocab, "how are you")
fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
for t, ax in enumerate(axes):
    rnnkit.course.plots.next_word_bars(vocab.tokens, P_steps[t], ax=ax, top=5,
                                title=f"after '{' '.join(tokens[:t + 1])}'")
fig.tight_layout()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# The hidden state $h_t$ after each word: 16 numbers in $(-1, 1)$ that carry
# what the network has read so far into the next step.

# %% slideshow={"slide_type": "fragment"}
_ = rnnkit.course.plots.hidden_heatmap(Hs, tokens=tokens, title="Hidden state while reading 'how are you'")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# Feeding each predicted word back in, the model finishes the question on its
# own (always taking the top word: *greedy* decoding):

# %% slideshow={"slide_type": "fragment"}
print("how", " ".join(lm.generate(model, vocab, "how", steps=5)))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. The same word, different contexts

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# This is the payoff of recurrence (idea 17). At the last step the network
# reads exactly the same one-hot vector; only the hidden state differs, and it
# is enough to change the prediction. The pair "are they sad" / "they are sad"
# comes from the held-out file: the model has never seen either sentence.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# "are" at the start, after "how" and after "they": the last input is the
# same vector, yet the predictions differ, because the hidden state remembers
# what came before.

# %% slideshow={"slide_type": "fragment"}
for prefix in ["are", "how are", "they are"]:
    words, probs = lm.next_word_probabilities(model, vocab, prefix)
    print(f"{prefix!r:>10} -> {words[0]!r:>7} ({probs[0]:.2f}), then {words[1]!r} ({probs[1]:.2f})")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Two held-out sentences with the same words in a different order: only the
# first word says whether a "?" or a "." comes after "sad".

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
for prefix, ax in zip(["are they sad", "they are sad"], axes):
    words, probs = lm.next_word_probabilities(model, vocab, prefix)
    rnnkit.course.plots.next_word_bars(words, probs, ax=ax, top=3, title=f"after '{prefix}'")
fig.tight_layout()
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Against counting

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# The question every language model must answer: does it beat counting? The
# bigram is the simplest honest baseline. Smoothing: P(w | v) =
# (count(v, w) + alpha P_unigram(w)) / (count(v) + alpha), so an unseen pair
# keeps a little probability. Choosing alpha on the held-out sentences
# flatters the bigram; the RNN's set-up was not chosen that way.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# A **bigram** counts how often each word follows each word in the training
# sentences and predicts the next word from the last one alone. A pair never
# seen gets a share of the word's overall frequency (the **unigram**), in
# proportion to a pseudo-count $\alpha$. We give it its best chance: the
# $\alpha$ that scores best on the held-out sentences themselves.

# %% slideshow={"slide_type": "fragment"}
train_tokens = [vocab.encode(s) for s in sentences]          # word indices, one array a sentence
held_tokens = [vocab.encode(s) for s in heldout]
alphas = [0.1, 0.3, 1, 3, 10, 30]
alpha = min(alphas, key=lambda a: NGram(2, V, a).fit(train_tokens).cross_entropy(held_tokens))
unigram = NGram(1, V).fit(train_tokens)
bigram = NGram(2, V, alpha).fit(train_tokens)
print(f"the bigram's best alpha of {alphas}: {alpha}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Perplexity and accuracy of every model, on the same words:

# %% slideshow={"slide_type": "fragment"}
def count_scores(ngram, tokens):
    """(perplexity, accuracy) of an n-gram over sentences, predicting every word but the first."""
    hits = [ngram.probabilities(s[:t]).argmax() == s[t] for s in tokens for t in range(1, len(s))]
    return rnnkit.perplexity(ngram.cross_entropy(tokens)), float(np.mean(hits))


rows = {"uniform": [(V, 1 / V)] * 2,
        "unigram": [count_scores(unigram, train_tokens), count_scores(unigram, held_tokens)],
        f"bigram (alpha {alpha})": [count_scores(bigram, train_tokens),
                                    count_scores(bigram, held_tokens)],
        "RNN (H = 16)": [rnn_scores(model, X, Y, mask), rnn_scores(model, X_held, Y_held, mask_held)]}
print(f"{'':19} {'perplexity':>20} {'accuracy':>18}")
print(f"{'':19} {'training':>10} {'held-out':>9} {'training':>9} {'held-out':>8}")
for name, ((ppl, acc), (ppl_held, acc_held)) in rows.items():
    print(f"{name:19} {ppl:10.2f} {ppl_held:9.2f} {acc:9.3f} {acc_held:8.3f}")

# %% slideshow={"slide_type": "fragment"}
_ = rnnkit.course.plots.perplexity_bars({name: held[0] for name, (_, held) in rows.items()},
                                 title="Held-out perplexity (lower is better)")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Where counting fails
#
# Follow "are they sad ?" word by word: the probability each model gave the
# word that came next.

# %% slideshow={"slide_type": "fragment"}
sentence = vocab.encode("are they sad ?")
_, P_rnn, _ = lm.step_probabilities(model, vocab, "are they sad")
print(f"{'reads':>6} {'next':>6} {'bigram':>8} {'RNN':>6}")
for t in range(1, len(sentence)):
    p_bigram = bigram.probabilities(sentence[t - 1:t])[sentence[t]]
    print(f"{vocab.tokens[sentence[t - 1]]:>6} {vocab.tokens[sentence[t]]:>6} "
          f"{p_bigram:8.3f} {P_rnn[t - 1, sentence[t]]:6.3f}")
they, sad = vocab.index("they"), vocab.index("sad")
print(f"'they' followed by 'sad' in the training sentences: {bigram.count([they, sad])} times")

# %% [markdown] slideshow={"slide_type": "fragment"}
# With no count for "they sad", the bigram has only its smoothing to go on;
# the RNN never saw the pair either, yet gives "sad" more. And after "sad"
# the bigram cannot know that it is in a question.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A test the bigram cannot pass
#
# The held-out file has pairs such as "are they sad ?" and "they are sad .":
# the same words in another order. The bigram sees only "sad", so it gives
# both the same mark. We count over every such pair.

# %% slideshow={"slide_type": "fragment"}
pairs = [(q, s) for q in heldout if q.endswith("?") for s in heldout
         if s.endswith(".") and sorted(q.split()[:-1]) == sorted(s.split()[:-1])]


def rnn_mark(model, sentence):      # the RNN's top word after everything but the mark
    return lm.next_word_probabilities(model, vocab, sentence.split()[:-1])[0][0]


def bigram_mark(sentence):          # the bigram's top word after the word before the mark
    return vocab.tokens[bigram.probabilities(vocab.encode(sentence.split()[-2:-1])).argmax()]


def marks_right(guess):
    """(marks right, pairs with both marks right) over the held-out pairs."""
    right = [[guess(s) == s.split()[-1] for s in pair] for pair in pairs]
    return int(np.sum(right)), sum(all(r) for r in right)


for name, guess in [("bigram", bigram_mark), ("RNN", lambda s: rnn_mark(model, s))]:
    marks, both = marks_right(guess)
    print(f"{name:>6}: {marks} of {2 * len(pairs)} marks right, "
          f"both marks right in {both} of {len(pairs)} pairs")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Is it luck? Five seeds

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Ask the room first: will every seed beat the bigram? One run proves little;
# the spread over five is what the comparison may claim.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# The seed sets the starting weights and the order of the batches. With a
# small model and a small corpus the results move with it, so we train four
# more models and compare the spread with the bigram.

# %% slideshow={"slide_type": "fragment"}
models = [model] + [train_model(seed)[0] for seed in range(1, 5)]
held_ppl = [rnn_scores(m, X_held, Y_held, mask_held)[0] for m in models]
pairs_right = [marks_right(lambda s, m=m: rnn_mark(m, s))[1] for m in models]
print("seed  held-out perplexity  pairs right  greedy after 'how'")
for seed, (m, ppl, both) in enumerate(zip(models, held_ppl, pairs_right)):
    print(f"{seed:4d} {ppl:20.2f} {both:8d} of {len(pairs)}  "
          f"{' '.join(lm.generate(m, vocab, 'how', steps=5))}")
print(f"held-out perplexity from {min(held_ppl):.2f} to {max(held_ppl):.2f}; "
      f"the bigram: {rows[f'bigram (alpha {alpha})'][1][0]:.2f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# The digits move with the seed; the verdict does not. On every seed the
# held-out perplexity is under a third of the bigram's, and nearly every pair
# gets both marks right.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. Teacher forcing, free running, exposure bias

# %% [markdown] slideshow={"slide_type": "notes"}
# <details class="notes"><summary>For the instructor</summary>
#
# Teacher forcing is why training is fast and stable: every step gets the
# true context, and all steps train in one pass. Its price is exposure bias.
# Remedies exist (scheduled sampling, training on the model's own samples),
# but the point here is to see the gap, not to close it.
#
# </details>

# %% [markdown] slideshow={"slide_type": "subslide"}
# In training the model never reads its own guesses. Where it guesses wrong,
# the next input is still the true word:

# %% slideshow={"slide_type": "fragment"}
tokens, P_steps, _ = lm.step_probabilities(model, vocab, "how are you today")
for t in range(len(tokens) - 1):
    guess = vocab.tokens[P_steps[t].argmax()]
    print(f"after {' '.join(tokens[:t + 1])!r:>15}: guesses {guess!r:>6}, "
          f"reads next the true {tokens[t + 1]!r}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Generating, it runs **free**: each word it picks becomes its next input.
# We draw 20 sentences after "how" at temperature 1 (each word drawn with its
# probability) and list those that, at some word, begin in a way no training
# sentence does:

# %% slideshow={"slide_type": "fragment"}
openings = set()                                          # every way a training sentence begins
for s in sentences:
    openings.update(tuple(tokenize(s)[:k]) for k in range(1, len(tokenize(s)) + 1))
left = 0
print(f"seed  {'sample':22s}  leaves them at")
for seed in range(20):
    words = ["how"] + lm.generate(model, vocab, "how", steps=6, temperature=1.0, seed=seed)
    k = next((k for k in range(len(words)) if tuple(words[:k + 1]) not in openings), None)
    if k is not None:                                     # words[:k + 1] begins no training sentence
        left += 1
        ranked, probs = lm.next_word_probabilities(model, vocab, words[:k])
        p_k = probs[ranked.index(words[k])]               # the model's probability of that word
        print(f"{seed:4d}  {' '.join(words):22s}  {words[k]!r} (p = {p_k:.3f})")
print(f"{left} of 20 samples leave the training sentences")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Most samples stay on paths the training sentences took. Each that leaves
# does so through a word the model itself rated unlikely, then carries on,
# reading its own word as if it were true. Training never showed it a wrong
# word to recover from: that mismatch between training and generation is
# **exposure bias**.

# %% [markdown] slideshow={"slide_type": "subslide"}
# Type a prefix (press Enter); move the temperature ($\tau = 0$ is greedy,
# higher flattens the probabilities), the number of words and the seed.

# %% slideshow={"slide_type": "fragment"}
from rnnkit.course.widgets.next_word import next_word_widget

next_word_widget(model, vocab, prefix="are they")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A word enters as a one-hot vector; its row of $W_{xh}$ is a learned word vector.
# - Trained with teacher forcing (the true previous word as input), the RNN
#   answers "how" with "are you ?".
# - Perplexity is $\exp$ of the mean loss. On held-out sentences the RNN's is
#   several times lower than the bigram's, on each of five seeds.
# - The bigram gives "are they sad" and "they are sad" the same mark; the RNN
#   gets both marks right in nearly every held-out pair.
# - Generating, it feeds on its own guesses: 4 of 20 samples take an unlikely
#   word where no training sentence went, and carry on from it: exposure bias.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# **Exercise 1.** Pick the word vector of "you" out of the trained model's
# $W_{xh}$ (`model.params["W_xh"]`), without a matrix product.

# %% slideshow={"slide_type": "fragment"}
my_vector = None  # replace None with your code
_ = ex.check_word_vector(my_vector, model, vocab, "you")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
my_vector = model.params["W_xh"][vocab.index("you")]    # row "you" of W_xh (V, H): shape (H,)
_ = ex.check_word_vector(my_vector, model, vocab, "you")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 2. Predict, then check.** A model gives the true next word
# probability 1 on half of the steps and 1/4 on the other half. What is its
# perplexity? Decide before you compute.

# %% slideshow={"slide_type": "fragment"}
my_answer = None  # replace None with a number
_ = ex.check_perplexity_guess(my_answer)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
my_answer = np.exp(np.mean([-np.log(1.0), -np.log(0.25)]))   # exp(ln 4 / 2) = 2: a fair coin
_ = ex.check_perplexity_guess(my_answer)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 3. Write the loop.** Compute the bigram's perplexity on the
# held-out *questions* by hand: for every sentence `s` (word indices) and
# every `t` from 1, the loss is $-\log$ `bigram.probabilities([s[t - 1]])[s[t]]`;
# average the losses of all words, then take the exponential.

# %% slideshow={"slide_type": "fragment"}
questions = [vocab.encode(s) for s in heldout if s.endswith("?")]   # int arrays (n,), one each
my_perplexity = None  # replace None: loop over questions and their words
_ = ex.check_bigram_perplexity(my_perplexity, bigram, questions)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
losses = []
for s in questions:
    for t in range(1, len(s)):                    # the first word has nothing before it
        losses.append(-np.log(bigram.probabilities([s[t - 1]])[s[t]]))
my_perplexity = np.exp(np.mean(losses))
_ = ex.check_bigram_perplexity(my_perplexity, bigram, questions)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Exercise 4. Write the loop: free-running generation.** Complete the loop
# of `my_generate(prefix, steps)`: run the model on the sentence so far,
# append its top word, repeat; stop after "?", "." or "!", or after `steps`
# new words.

# %% slideshow={"slide_type": "fragment"}
def my_generate(prefix, steps):
    sentence = tokenize(prefix)         # the words so far (list of str); append each new word
    for _ in range(steps):
        pass  # replace: vocab.one_hot(sentence)[None] is (1, T, V); model.forward of it gives
        #       scores (1, T, V); the scores after the last word, [0, -1], have shape (V,);
        #       append the top word (vocab.tokens[index]) and break after "?", "." or "!"
    return sentence[len(tokenize(prefix)):]       # the new words only


_ = ex.check_greedy(my_generate, model, vocab)

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
def my_generate(prefix, steps):
    sentence = tokenize(prefix)
    for _ in range(steps):
        scores = model.forward(vocab.one_hot(sentence)[None])[0, -1]   # (V,): after the last word
        sentence.append(vocab.tokens[int(scores.argmax())])
        if sentence[-1] in ("?", ".", "!"):
            break
    return sentence[len(tokenize(prefix)):]


_ = ex.check_greedy(my_generate, model, vocab)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Going further
# - Train for 100 epochs instead of 25. What happens to the training and the
#   held-out perplexity?
# - Fit a trigram, `NGram(3, V, alpha)`. Does it pass the test of the pairs?
#   Why, or why not?
# - In the widget, find a prefix where sampling at temperature 1 often gives a
#   different sentence from the greedy one.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Further reading
#
# - Andrej Karpathy, [The Unreasonable Effectiveness of Recurrent Neural
#   Networks](https://karpathy.github.io/2015/05/21/rnn-effectiveness/) (2015).
# - Dive into Deep Learning, [chapter 9: Recurrent Neural
#   Networks](https://d2l.ai/chapter_recurrent-neural-networks/index.html):
#   language models, perplexity and sampling.
# - Jurafsky and Martin, *Speech and Language Processing*, [chapter 3: N-gram
#   Language Models](https://web.stanford.edu/~jurafsky/slp3/): counting,
#   smoothing and perplexity.
# - Bengio et al., [Scheduled Sampling for Sequence Prediction with Recurrent
#   Neural Networks](https://arxiv.org/abs/1506.03099) (2015): exposure bias,
#   and one cure.
# - Next: notebook 05 opens up backpropagation through time.
