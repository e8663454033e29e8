"""Next-word prediction on sentences: notebook 04's corpus, training pairs and scores.

The model reads a prefix such as "how are" one word at a time and predicts
the word after each. Sentences are short and start from h_0 = 0, so a batch
is padded to its longest sentence, with a mask.

    load_corpus              the course's sentences (rnnkit/lm/corpora), one per line
    next_word_pairs          one-hot inputs, next-word targets and a padding mask
    next_word_probabilities  the words after a prefix, most likely first
    next_word_accuracy       how often the top word is the right one, padding left out
    follower_counts          which words follow each prefix in a corpus, and how often
    best_possible_accuracy   the accuracy ceiling a corpus allows
"""

from collections import Counter, defaultdict
from importlib import resources

import numpy as np

from .._validate import as_labels, as_mask, as_sequences, describe
from .generation import step_probabilities
from .vocab import Vocabulary, as_corpus


def load_corpus(name="how_are_you"):
    """The sentences of a corpus shipped in rnnkit/lm/corpora/<name>.txt, one per line (list of
    str).

    "how_are_you": the training sentences of notebook 04, written for the
    course: greetings ("how" is mostly followed by "are", "how are" by "you"
    and "how are you" by "?") and short statements and questions built from a
    subject (i, you, we, they, he, she, jim, amy) and a last word (happy,
    ready, kind, ...): "we are happy ." and "are we happy ?".
    "how_are_you_heldout": sentences never trained on, made of the same words
    in new combinations, among them pairs with the same words in another
    order ("are they sad ?", "they are sad .") whose final mark only the
    first word decides.
    """
    folder = resources.files("rnnkit.lm") / "corpora"
    available = sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))
    if name not in available:
        raise ValueError(f"name must be one of {', '.join(map(repr, available))}, got {name!r}")
    lines = (folder / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def next_word_pairs(sentences, vocab):
    """Training data for a many-to-many next-word model.

    For a sentence w_1 ... w_n the inputs are the one-hot vectors of
    w_1 ... w_{n-1} and the targets the indices of w_2 ... w_n: at every step
    the model sees one word and must predict the next.

    Sentences differ in length, so every sentence is padded to the longest,
    T = (most tokens in a sentence) - 1 steps. A padded step has an all-zero
    input vector, target index 0 (a placeholder) and mask False, so that a
    masked loss (softmax_cross_entropy(..., mask=mask)) ignores it.

    sentences: list of str (tokenized with tokenize()) or of token lists,
    each with at least 2 tokens. vocab: a Vocabulary holding every word.
    Returns (X, Y, mask): X (N, T, V) float, Y (N, T) int, mask (N, T) bool.
    """
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"vocab must be an rnnkit.lm.Vocabulary, got {describe(vocab)}")
    corpus = as_corpus(sentences, "sentences")
    for i, tokens in enumerate(corpus):
        if len(tokens) < 2:
            raise ValueError(f"sentences[{i}] ({sentences[i]!r}) has {len(tokens)} token(s); "
                             f"a next-word pair needs at least 2 (a word and the word after it)")
    N, T, V = len(corpus), max(len(tokens) for tokens in corpus) - 1, len(vocab)
    X = np.zeros((N, T, V))
    Y = np.zeros((N, T), dtype=np.int64)
    mask = np.zeros((N, T), dtype=bool)
    for i, tokens in enumerate(corpus):
        indices = vocab.encode(tokens, f"sentences[{i}]")
        n = len(indices) - 1
        X[i, np.arange(n), indices[:-1]] = 1.0
        Y[i, :n] = indices[1:]
        mask[i, :n] = True
    return X, Y, mask


def next_word_probabilities(model, vocab, prefix, temperature=1.0):
    """The probability of every word coming next after ``prefix``, most likely first.

    model: a language model of vocab (rnnkit.lm.model). prefix: a str ("how
    are") or a list of tokens (at least one, all in vocab).
    Returns (words, probs): a list of V words and a (V,) array sorted from the
    most to the least likely (ties keep the vocabulary's order).
    An empty prefix raises ValueError; an unknown word raises
    rnnkit.lm.UnknownTokenError (a KeyError and ValueError) suggesting close words.
    """
    _, P, _ = step_probabilities(model, vocab, prefix, temperature, name="prefix")
    order = np.argsort(-P[-1], kind="stable")
    words = vocab.tokens
    return [words[i] for i in order], P[-1][order]


def next_word_accuracy(model, X, Y, mask=None):
    """The fraction of counted time steps where the most likely word is the target.

    model: anything whose forward(X) returns scores (N, T, V), e.g. a ManyToMany.
    X: (N, T, V) one-hot inputs. Y: (N, T) target word indices. mask: optional
    (N, T) booleans, False for padding steps, which are not counted.
    Returns a float in [0, 1].
    """
    if not hasattr(model, "forward"):
        raise TypeError(f"model must have a forward() method, got {type(model).__name__}")
    X = as_sequences(X, "X")
    N, T, V = X.shape
    Y = as_labels(Y, "Y", num_classes=V, ndim=2)
    if Y.shape != (N, T):
        raise ValueError(f"Y must have shape ({N}, {T}) (one target index per step of "
                         f"X {X.shape}), got {Y.shape}")
    mask = np.ones((N, T), dtype=bool) if mask is None else as_mask(mask, (N, T), "Y")
    logits = np.asarray(model.forward(X))
    if logits.shape != (N, T, V):
        raise ValueError(f"model.forward(X) must return scores of shape ({N}, {T}, {V}), "
                         f"got {logits.shape}")
    hits = (logits.argmax(axis=-1) == Y) & mask
    return float(hits.sum() / mask.sum())


def follower_counts(sentences):
    """For every prefix in a corpus, how often each word follows it.

    sentences: a list of str (tokenized with rnnkit.lm.tokenize) or of token
    lists. A prefix always starts at the beginning of a sentence, because the
    model starts every sentence from h_0 = 0.
    Returns a dict: prefix (a tuple of tokens) -> collections.Counter of the next words.
    """
    counts = defaultdict(Counter)
    for tokens in as_corpus(sentences):
        for t in range(1, len(tokens)):
            counts[tuple(tokens[:t])][tokens[t]] += 1
    return dict(counts)


def best_possible_accuracy(sentences):
    """The highest next-word accuracy any model can reach on these sentences.

    When a prefix has several continuations ("how are" -> mostly "you",
    sometimes "they" or "we") a model must predict one word for it, and the best
    it can do is the most frequent follower. The ceiling is the accuracy of
    that choice over every next-word step of the corpus (the steps that
    next_word_pairs' mask counts). Returns a float in [0, 1].
    """
    counts = follower_counts(sentences)
    total = sum(sum(c.values()) for c in counts.values())
    if total == 0:
        raise ValueError("sentences has no next-word step: every sentence needs at least 2 tokens")
    return sum(c.most_common(1)[0][1] for c in counts.values()) / total
