"""Counting language models: the n-gram baseline an RNN has to beat.

An n-gram model predicts the next token from the n - 1 tokens before it, by
counting in the training text how often each token followed that context:

    P(w | h) = count(h, w) / count(h)

A context never seen, or a token never seen after it, would get probability 0
and an infinite loss on new text. So each order falls back on the next shorter
context, in proportion to a pseudo-count alpha (additive smoothing towards the
lower order, a Dirichlet prior):

    P_n(w | h) = (count(h, w) + alpha * P_{n-1}(w | h')) / (count(h) + alpha)

where h' is h without its oldest token, and the order-1 model is the unigram
(count(w) + alpha / V) / (total + alpha). Every P_n sums to 1 over the V tokens.

    NGram(order, V, alpha)    fit(tokens), probabilities(context), cross_entropy(tokens),
                              variant(order, alpha): a lower order or another alpha, same counts

Tokens are integer indices in [0, V): characters (rnnkit.charlm) or words
(rnnkit.text.Vocabulary). The uniform model (every token 1/V) is the limit of
order 0; its perplexity is V.
"""

from collections import Counter

import numpy as np

from ._validate import as_labels, describe, positive, positive_int


def as_token_sequences(tokens, V, name="tokens"):
    """An int array (T,) or a list of them -> a list of int arrays, each checked in [0, V)."""
    if isinstance(tokens, (list, tuple)) and tokens and not np.isscalar(tokens[0]):
        return [as_labels(t, f"{name}[{i}]", num_classes=V, ndim=1) for i, t in enumerate(tokens)]
    if isinstance(tokens, (list, tuple)) and not tokens:
        raise ValueError(f"{name} is empty; it needs at least one token")
    return [as_labels(tokens, name, num_classes=V, ndim=1)]


class NGram:
    """An n-gram model of token indices with additive smoothing towards shorter contexts.

    NGram(order, vocab_size, alpha=1.0): order n >= 1 (1 = unigram, 2 = bigram,
    ...), V = vocab_size tokens, alpha > 0 the pseudo-count given to the
    shorter context. fit() counts, probabilities() predicts, cross_entropy()
    scores a text.
    """

    def __init__(self, order, vocab_size, alpha=1.0):
        self.order = positive_int(order, "order")
        self.V = positive_int(vocab_size, "vocab_size")
        self.alpha = positive(alpha, "alpha")
        self.counts = None

    def __repr__(self):
        return f"NGram(order={self.order}, vocab_size={self.V}, alpha={self.alpha:g})"

    def fit(self, tokens):
        """Count every context of 0 to n - 1 tokens and the token after it.

        tokens: an int array (T,), or a list of them (sentences: no n-gram
        crosses from one to the next). Returns self.
        counts[k] maps a context of k tokens (a tuple) to a Counter of the
        tokens that followed it.
        """
        self.counts = [dict() for _ in range(self.order)]
        for sequence in as_token_sequences(tokens, self.V):
            sequence = sequence.tolist()
            for k in range(self.order):                   # contexts of k tokens
                grams = Counter(zip(*(sequence[i:] for i in range(k + 1))))
                for gram, count in grams.items():
                    self.counts[k].setdefault(gram[:-1], Counter())[gram[-1]] += count
        return self

    def variant(self, order=None, alpha=None):
        """The same counts read as a model of a lower order or another alpha, without
        counting again: an order-n model reads only counts[0] to counts[n - 1], and alpha
        enters only when a probability is computed. Returns a new NGram sharing the counts.
        """
        self._needs_fit()
        order = self.order if order is None else positive_int(order, "order")
        if order > self.order:
            raise ValueError(f"order must be at most {self.order} (the order counted), got "
                             f"{order}; fit a new NGram for a longer context")
        model = NGram(order, self.V, self.alpha if alpha is None else alpha)
        model.counts = self.counts[:order]
        return model

    def _probability(self, context, w):
        """P_n(w | context) by the recursion above; context: a tuple of at most n - 1 tokens."""
        p = 1.0 / self.V                                  # order 0: uniform
        for k in range(min(len(context), self.order - 1) + 1):
            h = context[len(context) - k:] if k else ()
            followers = self.counts[k].get(h)
            if followers is None:                         # a context never seen: keep p
                continue
            p = (followers[w] + self.alpha * p) / (followers.total() + self.alpha)
        return p

    def probabilities(self, context=()):
        """The probability of every token coming next after ``context``.

        context: a sequence of token indices (only the last n - 1 are read; a
        shorter one uses the shorter contexts). Returns a (V,) array summing to 1.
        """
        self._needs_fit()
        context = self._context(context)
        return np.array([self._probability(context, w) for w in range(self.V)])

    def cross_entropy(self, tokens):
        """The mean of -log P(w_t | the tokens before w_t) over a text, in nats.

        tokens: an int array (T,) or a list of them. Every token but the first
        of each sequence is predicted (as a language model that starts reading
        at the first token would), from at most n - 1 tokens before it in the
        same sequence. exp() of the result is the perplexity.
        """
        self._needs_fit()
        total, count = 0.0, 0
        for sequence in as_token_sequences(tokens, self.V):
            sequence = tuple(sequence.tolist())
            for t in range(1, len(sequence)):
                context = sequence[max(0, t - self.order + 1):t]
                total -= np.log(self._probability(context, sequence[t]))
                count += 1
        if count == 0:
            raise ValueError("tokens has nothing to predict: each sequence needs at least 2 "
                             "tokens (one to read, one to predict)")
        return total / count

    def _context(self, context):
        if isinstance(context, str):
            raise TypeError(f"context must be token indices, got {describe(context)}; encode "
                            f"text with the vocabulary first")
        if len(context) == 0:
            return ()
        return tuple(as_labels(context, "context", num_classes=self.V, ndim=1).tolist())

    def _needs_fit(self):
        if self.counts is None:
            raise RuntimeError("this NGram has not been fitted: call fit(tokens) first")
