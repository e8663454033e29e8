"""Words as vectors: tokens, a vocabulary, one-hot vectors and next-word training pairs.

A sentence becomes a list of tokens ("how are you ?" -> ["how", "are", "you", "?"]),
each token an index into the vocabulary, and each index a one-hot vector of
length V (the vocabulary size): the x_t fed to the RNN at step t.
"""

import difflib
import re
from importlib import resources

import numpy as np

from ._validate import as_labels, describe

PUNCTUATION = "?.!,"
_TOKEN = re.compile(rf"[^\s{re.escape(PUNCTUATION)}]+|[{re.escape(PUNCTUATION)}]")


def tokenize(sentence):
    """Lower-case a sentence and split it into words and punctuation marks.

    "How are you?" -> ["how", "are", "you", "?"]. The marks ? . ! , become
    tokens of their own; everything else is split on white space.
    """
    if not isinstance(sentence, str):
        raise TypeError(f"sentence must be a str, got {describe(sentence)}")
    return _TOKEN.findall(sentence.lower())


def as_tokens(sentence, name="sentence"):
    """A sentence given as a str or as a list of str tokens -> list of tokens."""
    if isinstance(sentence, str):
        return tokenize(sentence)
    if not isinstance(sentence, (list, tuple)) or not all(isinstance(t, str) for t in sentence):
        raise TypeError(f"{name} must be a str or a list of str tokens, got {describe(sentence)}")
    return list(sentence)


def as_corpus(sentences, name="sentences"):
    """A list of sentences (each a str or a token list) -> list of token lists."""
    if isinstance(sentences, str) or not isinstance(sentences, (list, tuple)):
        raise TypeError(f"{name} must be a list of sentences (str or token lists), got "
                        f"{describe(sentences)}; for one sentence write [sentence]")
    if len(sentences) == 0:
        raise ValueError(f"{name} is empty; it needs at least one sentence")
    return [as_tokens(s, f"{name}[{i}]") for i, s in enumerate(sentences)]


class UnknownWordError(KeyError, ValueError):
    """A word that is not in the vocabulary (both a KeyError and a ValueError)."""

    def __str__(self):  # KeyError would show the message in quotes
        return self.args[0]


class Vocabulary:
    """The words a model knows, each with a fixed index.

    Vocabulary(sentences, specials=()) collects every token of ``sentences``
    (a list of str, tokenized with tokenize(), or of token lists), sorted so
    the same corpus always gives the same indices. ``specials`` (e.g.
    ["<pad>"]) come first, at indices 0, 1, ...

    len(vocab) is V; vocab.words lists the words in index order.
    """

    def __init__(self, sentences, specials=()):
        tokens = {t for sentence in as_corpus(sentences, "sentences") for t in sentence}
        if isinstance(specials, str) or not all(isinstance(w, str) for w in specials):
            raise TypeError(f"specials must be a list of str, got {describe(specials)}")
        specials = list(specials)
        self._words = specials + sorted(tokens - set(specials))
        self._index = {word: i for i, word in enumerate(self._words)}

    def __len__(self):
        return len(self._words)

    def __contains__(self, word):
        return word in self._index

    def __repr__(self):
        shown = ", ".join(repr(w) for w in self._words[:8])
        return f"Vocabulary({len(self)} words: {shown}{', ...' if len(self) > 8 else ''})"

    @property
    def words(self):
        """The words in index order (a new list)."""
        return list(self._words)

    def index(self, word):
        """The index of ``word``; an unknown word raises UnknownWordError with a suggestion."""
        if not isinstance(word, str):
            raise TypeError(f"word must be a str, got {describe(word)}")
        if word not in self._index:
            message = f"unknown word {word!r}: not in the vocabulary of {len(self)} words"
            close = " or ".join(map(repr, difflib.get_close_matches(word, self._words, n=3)))
            raise UnknownWordError(message + (f"; did you mean {close}?" if close else ""))
        return self._index[word]

    def encode(self, tokens):
        """Tokens (a list of str, or a sentence str to tokenize) -> int array (T,) of indices."""
        tokens = as_tokens(tokens, "tokens")
        if not tokens:
            raise ValueError("tokens is empty; it needs at least one word")
        return np.array([self.index(t) for t in tokens], dtype=np.int64)

    def decode(self, indices):
        """Indices (T,) -> list of T words."""
        indices = as_labels(indices, "indices", num_classes=len(self), ndim=1)
        return [self._words[i] for i in indices]

    def one_hot(self, tokens_or_indices):
        """Words or indices (T of them) -> (T, V) float array, row t the one-hot vector x_t."""
        if np.asarray(tokens_or_indices).dtype.kind in "US":
            indices = self.encode(tokens_or_indices)
        else:
            indices = as_labels(tokens_or_indices, "tokens_or_indices", num_classes=len(self),
                                ndim=1)
        return np.eye(len(self))[indices]


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
        raise TypeError(f"vocab must be a Vocabulary, got {describe(vocab)}")
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
        indices = vocab.encode(tokens)
        n = len(indices) - 1
        X[i, np.arange(n), indices[:-1]] = 1.0
        Y[i, :n] = indices[1:]
        mask[i, :n] = True
    return X, Y, mask


def load_corpus(name="how_are_you"):
    """The sentences of a corpus shipped in rnnkit/corpora/<name>.txt, one per line (list of str).

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
    folder = resources.files("rnnkit") / "corpora"
    available = sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))
    if name not in available:
        raise ValueError(f"name must be one of {', '.join(map(repr, available))}, got {name!r}")
    lines = (folder / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]
