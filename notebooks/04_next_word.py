# %% [markdown] slideshow={"slide_type": "slide"}
# # Teach an RNN to finish "How are you?"
#
# **What you will do.** Turn words into vectors, train a small recurrent network
# in NumPy on a few dozen short sentences, and watch it predict the next word of
# "how are you ?" one step at a time.
#
# **What you will learn.**
# - how a word becomes a one-hot vector, and why multiplying it by $W_{xh}$ gives
#   the word a learned vector of its own (an *embedding*);
# - how a many-to-many RNN is trained to predict the next word at every step;
# - why even a perfect model cannot reach 100% accuracy on real text;
# - how the hidden state carries context, so the same word leads to different
#   predictions after different prefixes.
#
# **What you need.** Notebook 02 (the recurrent step $h_t$) and notebook 03 (the
# many-to-many topology).
#
# **Time.** About 25 minutes.

# %% slideshow={"slide_type": "skip"}
import matplotlib.pyplot as plt
import numpy as np

import rnnkit
from rnnkit import language
from rnnkit.checks import check_array, check_choice, check_function
from rnnkit.text import Vocabulary, load_corpus, next_word_pairs, tokenize

rnnkit.plots.use_style()
SEED = 0   # one seed for the weights and the shuffling: every run gives the same model and numbers

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Turn words into vectors

# %% [markdown] slideshow={"slide_type": "notes"}
# The article says the word "How" is "converted to a vector" and moves on. Slow
# down here: the one-hot vector is the whole interface between text and the
# network. The embedding remark (a one-hot vector times W_xh is a row of W_xh)
# is the bridge to the word vectors students will meet in every language model.

# %% [markdown] slideshow={"slide_type": "subslide"}
# The network will learn from a tiny corpus written for this course: short
# questions and answers, one sentence per line, with the punctuation as separate
# tokens.

# %% slideshow={"slide_type": "fragment"}
sentences = load_corpus("how_are_you")
print(f"{len(sentences)} sentences, for example:")
for sentence in sentences[::7]:
    print("   ", sentence)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The **vocabulary** lists every distinct token and gives each one a fixed index.
# Its size is $V$, the number of words the model can read and predict.

# %% slideshow={"slide_type": "fragment"}
vocab = Vocabulary(sentences)
V = len(vocab)
print(f"V = {V} words:")
print(vocab.words)

# %% [markdown] slideshow={"slide_type": "subslide"}
# A word enters the network as a **one-hot vector** $x_t$ of length $V$: all zeros
# except a 1 at the word's index.

# %% slideshow={"slide_type": "fragment"}
for word in tokenize("How are you?"):
    x = vocab.one_hot([word])[0]
    print(f"{word!r:>6}  index {vocab.index(word):2d}  x = {''.join(str(int(v)) for v in x)}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### A one-hot vector picks one row of $W_{xh}$
#
# The first thing the RNN does with $x_t$ is compute $x_t W_{xh}$, with $W_{xh}$
# of shape $(V, H)$. Multiplying a one-hot vector by a matrix selects one row: the
# row of that word. So the rows of $W_{xh}$ are **word vectors**, one per word,
# and training adjusts them like any other weight. These learned rows are what
# language models call *embeddings*. (In the article's column form
# $W_{xh} \cdot x_t$ the same product picks a column.)

# %% slideshow={"slide_type": "fragment"}
H = 16                                       # hidden units
model = rnnkit.ManyToMany(V, H, V, seed=SEED)
W_xh = model.params["W_xh"]
x_how = vocab.one_hot(["how"])[0]
print("W_xh shape:", W_xh.shape)
print("x @ W_xh equals row", vocab.index("how"), "of W_xh:",
      np.allclose(x_how @ W_xh, W_xh[vocab.index("how")]))

# %% [markdown] slideshow={"slide_type": "fragment"}
# At the first step $h_0 = 0$, so $h_1$ for "how" is just $\tanh$ of that row plus $b_h$:

# %% slideshow={"slide_type": "fragment"}
h_1 = np.tanh(W_xh[vocab.index("how")] + model.params["b_h"])
model.forward(x_how[None, None])                 # one sequence of one word: shape (1, 1, V)
print("h_1 = tanh(row + b_h) matches rnnkit:", np.allclose(h_1, model.hidden_states[0, 0]))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Build next-word training pairs

# %% [markdown] slideshow={"slide_type": "notes"}
# Make the shift by one explicit: the inputs are the sentence without its last
# token, the targets the sentence without its first. Padding is the practical
# detail students trip over; the mask is what keeps padded steps out of both the
# loss and the accuracy.

# %% [markdown] slideshow={"slide_type": "subslide"}
# At every step the model reads one word and must predict the next, so the
# inputs are the words $w_1 \dots w_{n-1}$ and the targets $w_2 \dots w_n$.
# Sentences have different lengths: shorter ones are padded to the longest, and a
# boolean **mask** marks the real steps so that padding counts neither in the
# loss nor in the accuracy.

# %% slideshow={"slide_type": "fragment"}
X, Y, mask = next_word_pairs(sentences, vocab)
N, T, _ = X.shape
print(f"X    {X.shape}   (N sentences, T steps, V-long one-hot vectors)")
print(f"Y    {Y.shape}      (the index of the next word at every step)")
print(f"mask {mask.shape}      ({mask.sum()} real steps, {(~mask).sum()} padding)")

# %% slideshow={"slide_type": "fragment"}
i = sentences.index("how are you ?")
for t in range(T):
    if mask[i, t]:
        seen = vocab.words[X[i, t].argmax()]
        print(f"step {t + 1}: reads {seen!r:>6} -> target {vocab.words[Y[i, t]]!r}")
    else:
        print(f"step {t + 1}: padding (mask False)")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Unrolled over the first three steps of that sentence, the network looks like
# this: one copy of the same cell per word, with $h_t$ passed to the right.

# %% slideshow={"slide_type": "fragment"}
_ = rnnkit.diagrams.unrolled(3, labels=["how", "are", "you"])
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Train a NumPy RNN to predict the next word

# %% [markdown] slideshow={"slide_type": "notes"}
# Everything here is rnnkit from earlier notebooks: ManyToMany gives an output at
# every step, softmax cross-entropy scores it, BPTT (notebook 05 opens it up)
# computes the gradients and Adam updates the weights. Stress the honest
# ceiling: with several valid continuations, 100% accuracy is impossible.

# %% [markdown] slideshow={"slide_type": "subslide"}
# The model is `rnnkit.ManyToMany(V, H, V)`: a $V$-long input, $H = 16$ hidden
# units, and $V$ output scores (logits) at every step,
# $y_t = h_t W_{oh} + b_o$. Softmax turns the scores into probabilities, and the
# loss is the cross-entropy $-\log p_t[\text{target}]$, averaged over the real
# steps only. Before training, every word is about equally likely, so the loss
# should be close to $\log V$. We compute it by hand and check it against rnnkit.

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
# and an Adam step for each mini-batch of 16 sentences, 200 times over the corpus.

# %% slideshow={"slide_type": "fragment"}
history = rnnkit.train(model, X, Y, loss="softmax_cross_entropy", mask=mask,
                       epochs=200, batch_size=16, optimizer=rnnkit.Adam(0.01), seed=SEED)
print(f"loss: {history.loss[0]:.3f} after the first epoch, {history.loss[-1]:.3f} after the last")
print(f"trained in {history.seconds:.1f} s (timed)")

# %% slideshow={"slide_type": "fragment"}
_ = rnnkit.plots.loss_curve(history, title="Next-word loss while training")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### How good can it get?
#
# Accuracy counts the real steps where the most likely word is the right one.
# But the corpus often allows several continuations: after "how" come "are",
# "is", "old", "do" and "was". A model has to bet on one word per prefix, so the
# best it can do is always name the most frequent follower of the full prefix.
# That choice gives the **ceiling**: the highest accuracy any model can reach here.

# %% slideshow={"slide_type": "fragment"}
counts = language.follower_counts(sentences)
for prefix in [("how",), ("how", "are"), ("how", "are", "you")]:
    print(f"{' '.join(prefix)!r:>15} is followed by {dict(counts[prefix].most_common())}")

# %% slideshow={"slide_type": "fragment"}
steps = int(mask.sum())
accuracy = language.next_word_accuracy(model, X, Y, mask)
ceiling = language.best_possible_accuracy(sentences)
print(f"training accuracy: {accuracy:.3f} ({round(accuracy * steps)} of {steps} steps)")
print(f"ceiling:           {ceiling:.3f} ({round(ceiling * steps)} of {steps} steps)")

# %% [markdown] slideshow={"slide_type": "fragment"}
# On the three steps of the sentence "how are you ?" the most frequent follower is
# always the right word, so there the model can and should be perfect:

# %% slideshow={"slide_type": "fragment"}
rows = [k for k, sentence in enumerate(sentences) if sentence == "how are you ?"]
accuracy_hay = language.next_word_accuracy(model, X[rows], Y[rows], mask[rows])
print(f"accuracy on the {len(rows)} copies of 'how are you ?' "
      f"({mask[rows].sum()} steps): {accuracy_hay:.3f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Walk through "how are you" with the trained model

# %% [markdown] slideshow={"slide_type": "notes"}
# This is the article's walkthrough, but every prediction now comes out of a
# trained model rather than being asserted. Point out that the three bar charts
# come from a single forward pass over "how are you": row t of the output already
# depends on every word up to t through the hidden state.

# %% [markdown] slideshow={"slide_type": "subslide"}
# Feed "how": the model should answer "are". Then "how are": "you". Then
# "how are you": "?". Each line below is computed by the trained model.

# %% slideshow={"slide_type": "fragment"}
for prefix in ["how", "how are", "how are you"]:
    words, probs = language.next_word_probabilities(model, vocab, prefix)
    print(f"{prefix!r:>15} -> {words[0]!r:>5} with probability {probs[0]:.3f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# One forward pass over "how are you" gives all three distributions at once:
# the output at step $t$ already sees every word up to $t$.

# %% slideshow={"slide_type": "fragment"}
tokens, P_steps, Hs = language.step_probabilities(model, vocab, "how are you")
fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
for t, ax in enumerate(axes):
    rnnkit.plots.next_word_bars(vocab.words, P_steps[t], ax=ax, top=5,
                                title=f"after '{' '.join(tokens[:t + 1])}'")
fig.tight_layout()
plt.show()

# %% slideshow={"slide_type": "fragment"}
separately = [np.sort(language.next_word_probabilities(model, vocab, tokens[:t + 1])[1])
              for t in range(3)]
print("one pass = three separate prefixes:", np.allclose(np.sort(P_steps, axis=1), separately))

# %% [markdown] slideshow={"slide_type": "subslide"}
# The hidden state $h_t$ after each word: 16 numbers in $(-1, 1)$ that carry what
# the network has read so far into the next step.

# %% slideshow={"slide_type": "fragment"}
_ = rnnkit.plots.hidden_heatmap(Hs, tokens=tokens, title="Hidden state while reading 'how are you'")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# Feeding each predicted word back in lets the model finish the question on its
# own (always taking the most likely word, called *greedy* decoding):

# %% slideshow={"slide_type": "fragment"}
print("how", " ".join(language.generate(model, vocab, "how", steps=5)))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. The same word, different contexts

# %% [markdown] slideshow={"slide_type": "notes"}
# This is the payoff of recurrence (idea 17). At the last step all three prefixes
# feed in exactly the same one-hot vector for "are"; only the hidden state
# differs, and it is enough to change the prediction. A network that saw only the
# current word could not do this.

# %% [markdown] slideshow={"slide_type": "subslide"}
# "are" after "how", after "they" and after "we": the input at the last step is
# the same vector, yet the predictions differ, because the hidden state remembers
# the word before.

# %% slideshow={"slide_type": "fragment"}
prefixes = ["how are", "they are", "we are"]
ranked = {prefix: language.next_word_probabilities(model, vocab, prefix) for prefix in prefixes}
for prefix, (words, probs) in ranked.items():                # sorted, the top word first
    print(f"{prefix!r:>10} -> {words[0]!r:>7} ({probs[0]:.3f})")

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
for (prefix, (words, probs)), ax in zip(ranked.items(), axes):
    rnnkit.plots.next_word_bars(words, probs, ax=ax, top=5, title=f"after '{prefix}'")
fig.tight_layout()
plt.show()

# %% slideshow={"slide_type": "fragment"}
last_h = {prefix: language.step_probabilities(model, vocab, prefix)[2][-1] for prefix in prefixes}
print("'are' alone ->", repr(language.next_word_probabilities(model, vocab, "are")[0][0]))
for prefix in prefixes[1:]:
    gap = np.linalg.norm(last_h[prefix] - last_h["how are"])
    print(f"|h('{prefix}') - h('how are')| = {gap:.3f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Play with the model

# %% [markdown] slideshow={"slide_type": "notes"}
# Temperature is new here; keep it light. Greedy decoding always gives the same
# sentence; sampling shows the other continuations the model has learned, in
# proportion to their probabilities. Let students try a misspelt word to see the
# friendly error.

# %% [markdown] slideshow={"slide_type": "subslide"}
# Instead of always taking the top word, we can **sample** the next word from the
# probabilities. A *temperature* $\tau$ reshapes them first,
# $p_i \propto \exp(z_i / \tau)$: $\tau < 1$ sharpens them, $\tau > 1$ flattens
# them, and $\tau = 0$ is greedy. A seed makes each sample repeatable.

# %% slideshow={"slide_type": "fragment"}
for seed in range(4):
    sample = language.generate(model, vocab, "how", steps=6, temperature=1.0, seed=seed)
    print(f"seed {seed}: how {' '.join(sample)}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Type a prefix (press Enter), move the temperature, the number of words to
# generate and the seed. Try a misspelt word too.

# %% slideshow={"slide_type": "fragment"}
# NBVAL_IGNORE_OUTPUT: a live widget; its saved view holds widget ids that change every run
from rnnkit.widgets.next_word import next_word_widget

next_word_widget(model, vocab, prefix="how are")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A word enters an RNN as a one-hot vector of length $V$; multiplying it by
#   $W_{xh}$ picks one row, so the rows of $W_{xh}$ are learned word vectors.
# - A many-to-many RNN trained with masked softmax cross-entropy, BPTT and Adam
#   predicts the next word at every step.
# - Accuracy has a ceiling below 100% whenever a prefix has several valid
#   continuations; compare a model with that ceiling, not with 1.
# - The trained model predicts "are", "you" and "?" for "how", "how are" and
#   "how are you", and the hidden state makes "are" lead to different words after
#   different prefixes.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## On your own
#
# ### Exercise 1: a one-hot vector
# Build the one-hot vector of "you" with NumPy: a vector of $V$ zeros with a 1 at
# the index of "you".

# %% slideshow={"slide_type": "fragment"}
my_one_hot = None  # replace None with your code
_ = check_array(my_one_hot, vocab.one_hot(["you"])[0], name="your one-hot vector of 'you'")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
my_one_hot = np.zeros(V)
my_one_hot[vocab.index("you")] = 1.0
_ = check_array(my_one_hot, vocab.one_hot(["you"])[0], name="your one-hot vector of 'you'")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Exercise 2: the shape of X for the questions
# Keep only the questions (the sentences that end with "?") and the same
# vocabulary. Without calling `next_word_pairs`, work out the shape `(N, T, V)`
# of the `X` it would build from them.

# %% slideshow={"slide_type": "fragment"}
questions = [sentence for sentence in sentences if sentence.endswith("?")]
my_shape = None  # replace None with a tuple (N, T, V)
_ = check_choice(my_shape, next_word_pairs(questions, vocab)[0].shape, name="your shape")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
longest = max(len(tokenize(question)) for question in questions)
my_shape = (len(questions), longest - 1, len(vocab))    # n tokens give n - 1 next-word steps
print("shape:", my_shape)
_ = check_choice(my_shape, next_word_pairs(questions, vocab)[0].shape, name="your shape")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Exercise 3: the word vector of "you"
# Take the trained model's $W_{xh}$ (`model.params["W_xh"]`) and pick out the
# word vector of "you" without any matrix product.

# %% slideshow={"slide_type": "fragment"}
my_vector = None  # replace None with your code
_ = check_array(my_vector, vocab.one_hot(["you"])[0] @ model.params["W_xh"], name="the vector of 'you'")

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
my_vector = model.params["W_xh"][vocab.index("you")]
_ = check_array(my_vector, vocab.one_hot(["you"])[0] @ model.params["W_xh"], name="the vector of 'you'")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Exercise 4: what comes after "how old are"?
# "how old are" appears only once in the corpus. Guess the next word first. Then
# write `predict(prefix)`, which returns the **index** of the most likely next
# word using only `vocab.one_hot`, `model.forward` and `argmax`. (Which time
# step of the output holds the prediction for the whole prefix?)

# %% slideshow={"slide_type": "fragment"}
def predict(prefix):
    return None  # replace None with your code


def top_index(prefix):             # rnnkit's answer, to check yours against
    return vocab.index(language.next_word_probabilities(model, vocab, prefix)[0][0])


_ = check_function(predict, top_index, [("how old are",), ("how",), ("they are",)])

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["solution"]
def predict(prefix):
    X_prefix = vocab.one_hot(tokenize(prefix))[None]     # (1, T, V): one sequence
    return int(model.forward(X_prefix)[0, -1].argmax())  # the scores after the last word


print(f"after 'how old are' the model predicts {vocab.words[predict('how old are')]!r}")
_ = check_function(predict, top_index, [("how old are",), ("how",), ("they are",)])

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Going further
# - Add sentences to a copy of the corpus (for example "how old is she ?") and
#   retrain: which predictions change, and how does the ceiling move?
# - Train with $H = 4$ hidden units. Does the model still reach the ceiling?
# - In the widget, find a prefix where sampling at temperature 1 often gives a
#   different sentence from the greedy one.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Further reading
#
# - Andrej Karpathy, [The Unreasonable Effectiveness of Recurrent Neural
#   Networks](https://karpathy.github.io/2015/05/21/rnn-effectiveness/) (2015): a
#   character-level RNN that writes text, with `min-char-rnn.py` in 112 lines of NumPy.
# - Dive into Deep Learning, [chapter 9: Recurrent Neural
#   Networks](https://d2l.ai/chapter_recurrent-neural-networks/index.html):
#   language models, perplexity and sampling.
# - Tomas Mikolov et al., [Efficient Estimation of Word Representations in Vector
#   Space](https://arxiv.org/abs/1301.3781) (2013): word2vec, where the learned
#   rows of an input matrix became famous as word embeddings.
# - Next: notebook 05 opens up backpropagation through time and shows why plain
#   RNNs forget over long distances.
