"""Tokens as numbers: a vocabulary of words or of characters, and one-hot vectors.

A text becomes a list of tokens, each token an index into the vocabulary, and each index a
one-hot vector x_t of length V (the vocabulary's size): what the RNN reads at step t.

    words        "How are you?" -> ["how", "are", "you", "?"] (tokenize)
    characters   "to be" -> ["t", "o", " ", "b", "e"]

    Vocabulary.of_words(sentences)   every word of a corpus, sorted
    Vocabulary.of_characters(text)   every character of a text, sorted
    encode, decode, one_hot, index   tokens <-> indices (T,) <-> one-hot vectors (T, V)

A token the vocabulary does not hold raises UnknownTokenError (a KeyError and a ValueError):
for a word it suggests close words, for a character it names it and its position.
"""

import difflib
import re

import numpy as np

from .._validate import as_labels, describe, one_of

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


class UnknownTokenError(KeyError, ValueError):
    """A word or character that is not in the vocabulary (both a KeyError and a ValueError)."""

    def __str__(self):  # KeyError would show the message in quotes
        return self.args[0]


class Vocabulary:
    """The tokens a model knows, words or characters, each with a fixed index.

    Vocabulary(tokens, unit="word"): tokens, a list of distinct str in index
    order; unit, "word" or "character" (each token then one character). The
    two constructors below build one from a corpus; this one rebuilds a saved one.

    len(vocab) is V; vocab.tokens lists the tokens in index order; vocab.unit
    says what they are. A str given to encode or one_hot is split by the unit:
    into words by tokenize(), or into its characters.
    """

    def __init__(self, tokens, unit="word"):
        self.unit = one_of(unit, "unit", ("word", "character"))
        if isinstance(tokens, str) or not isinstance(tokens, (list, tuple)) or \
                not all(isinstance(t, str) for t in tokens):
            raise TypeError(f"tokens must be a list of str (the {unit}s in index order), got "
                            f"{describe(tokens)}")
        if not tokens or len(set(tokens)) != len(tokens):
            raise ValueError(f"tokens must be one or more distinct {unit}s, got {len(tokens)} "
                             f"of which {len(set(tokens))} differ")
        one = (lambda t: len(t) == 1) if unit == "character" else (lambda t: t.split() == [t])
        odd = next((t for t in tokens if not one(t)), None)
        if odd is not None:
            raise ValueError(f"tokens must each be one {unit}, got {odd!r} (to build a "
                             f"vocabulary from a text, use Vocabulary.of_{unit}s)")
        self._tokens = list(tokens)
        self._index = {token: i for i, token in enumerate(self._tokens)}

    @classmethod
    def of_words(cls, sentences, specials=()):
        """Every word of ``sentences`` (a list of str, tokenized with tokenize(), or of token
        lists), sorted, so the same corpus always gives the same indices. ``specials`` (e.g.
        ["<pad>"]) come first, at indices 0, 1, ..."""
        words = {t for sentence in as_corpus(sentences, "sentences") for t in sentence}
        if isinstance(specials, str) or not all(isinstance(w, str) for w in specials):
            raise TypeError(f"specials must be a list of str, got {describe(specials)}")
        return cls(list(specials) + sorted(words - set(specials)), "word")

    @classmethod
    def of_characters(cls, text):
        """Every distinct character of ``text`` (a non-empty str), sorted."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str (the training text), got {describe(text)}")
        if not text:
            raise ValueError("text is empty (''); the vocabulary needs at least one character")
        return cls(sorted(set(text)), "character")

    def __len__(self):
        return len(self._tokens)

    def __contains__(self, token):
        return token in self._index

    def __repr__(self):
        shown = ", ".join(repr(t) for t in self._tokens[:8])
        return f"Vocabulary({len(self)} {self.unit}s: {shown}{', ...' if len(self) > 8 else ''})"

    @property
    def tokens(self):
        """The tokens in index order (a new list)."""
        return list(self._tokens)

    @property
    def dtype(self):
        """The integer type of encoded tokens: uint8 (a byte a character) for a vocabulary of
        at most 256 characters, int64 otherwise."""
        return np.dtype(np.uint8 if self.unit == "character" and len(self) <= 256 else np.int64)

    def _unknown(self, token):
        """'unknown word 'yuo': not in the vocabulary of V words; did you mean 'you'?'"""
        V, unit = len(self), self.unit
        close = difflib.get_close_matches(token, self._tokens, n=3) if unit == "word" else []
        return (f"unknown {unit} {token!r}: not in the vocabulary of {V} {unit}s"
                + (f"; did you mean {' or '.join(map(repr, close))}?" if close else ""))

    def index(self, token):
        """The index of one token (a str); an unknown one raises UnknownTokenError (a word's
        message suggests close words)."""
        if not isinstance(token, str):
            raise TypeError(f"{self.unit} must be a str, got {describe(token)}")
        if token not in self._index:
            raise UnknownTokenError(self._unknown(token))
        return self._index[token]

    def encode(self, tokens, name=None):
        """Tokens -> int array (T,) of their indices, of dtype self.dtype.

        tokens: a str (split into words by tokenize(), or into its characters)
        or a list of str tokens. name: the argument's name for the error
        messages ("prime", ...; by default "tokens" for words, "text" for
        characters). An empty one raises ValueError; an unknown token raises
        UnknownTokenError naming it (and a character's position).
        """
        name = name or ("text" if self.unit == "character" else "tokens")
        if isinstance(tokens, str):
            split = list(tokens) if self.unit == "character" else tokenize(tokens)
        else:
            split = as_tokens(tokens, name)
        if not split:
            raise ValueError(f"{name} is empty ({tokens!r}); it needs at least one {self.unit}")
        unknown = next((i for i, t in enumerate(split) if t not in self._index), None)
        if unknown is not None and self.unit == "character":
            raise UnknownTokenError(
                f"{name} contains the character {split[unknown]!r} (at position {unknown}), "
                f"which is not in the vocabulary of {len(self)} characters; use only characters "
                f"that occur in the training text")
        if unknown is not None:
            raise UnknownTokenError(f"{name} {tokens!r} contains an "
                                    f"{self._unknown(split[unknown])}")
        return np.array([self._index[t] for t in split], dtype=self.dtype)

    def decode(self, indices):
        """Indices (T,) -> the T tokens: a str of characters, or a list of words."""
        indices = as_labels(indices, "indices", num_classes=len(self), ndim=1)
        tokens = [self._tokens[i] for i in indices]
        return "".join(tokens) if self.unit == "character" else tokens

    def one_hot(self, tokens_or_indices, dtype=np.float64):
        """Tokens (as for encode) or indices of any shape (...) -> one-hot vectors (..., V):
        x_t[i] = 1 for token i. dtype: the vectors' float type."""
        given = tokens_or_indices
        if isinstance(given, str) or np.asarray(given).dtype.kind in "US":
            indices = self.encode(given)
        else:
            indices = as_labels(given, "tokens_or_indices", num_classes=len(self))
        return np.eye(len(self), dtype=dtype)[indices]
