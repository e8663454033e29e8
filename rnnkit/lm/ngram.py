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

    NGram(order, V, alpha)    fit(tokens), count(gram), probabilities(context),
                              token_probabilities(tokens), cross_entropy(tokens),
                              context_counts(tokens), variant(order, alpha)

Tokens are integer indices in [0, V) of an rnnkit.lm.Vocabulary, of characters
or of words. The uniform model (every token 1/V) is the limit of order 0; its
perplexity is V.

How the counting is done: a run of k tokens (w_1, ..., w_k) is written as one
integer, w_1 V^(k-1) + ... + w_k (the tokens as the digits of a number in base
V), so NumPy counts a million of them at once (np.unique) and looks them up
by binary search (np.searchsorted), and a text is scored position by position
in a few array operations per order instead of a Python loop per character.
"""

import numpy as np

from .._validate import as_labels, describe, positive, positive_int


def as_token_sequences(tokens, V, name="tokens"):
    """An int array (T,) or a list of them -> a list of int arrays, each checked in [0, V)."""
    if isinstance(tokens, (list, tuple)) and tokens and not np.isscalar(tokens[0]):
        return [as_labels(t, f"{name}[{i}]", num_classes=V, ndim=1) for i, t in enumerate(tokens)]
    if isinstance(tokens, (list, tuple)) and not tokens:
        raise ValueError(f"{name} is empty; it needs at least one token")
    return [as_labels(tokens, name, num_classes=V, ndim=1)]


def gram_ids(sequence, k, V):
    """Every run of k consecutive tokens of ``sequence`` (T,) as one integer in base V.

    Returns an int64 array (T - k + 1,): entry i is the id of sequence[i : i + k]
    (k = 0 gives T + 1 zeros: the empty context, before every position).
    """
    ids = np.zeros(len(sequence) - k + 1, dtype=np.int64)
    for i in range(k):
        ids = ids * V + sequence[i:len(sequence) - k + 1 + i]
    return ids


def _look_up(table, ids):
    """How often each id occurs in table = (sorted unique ids, their counts); 0 if never."""
    keys, counts = table
    where = np.minimum(np.searchsorted(keys, ids), len(keys) - 1)
    return np.where(keys[where] == ids, counts[where], 0)


class NGram:
    """An n-gram model of token indices with additive smoothing towards shorter contexts.

    NGram(order, vocab_size, alpha=1.0): order n >= 1 (1 = unigram, 2 = bigram,
    ...), V = vocab_size tokens, alpha > 0 the pseudo-count given to the
    shorter context. fit() counts, probabilities() predicts, cross_entropy()
    scores a text, count() says how often a run of tokens occurred.

    After fit(), for k = 0 .. n - 1: grams[k] = (ids, counts) of every run of
    k + 1 tokens seen, and contexts[k] = (ids, counts) of every context of k
    tokens followed by a token: count(h, w) and count(h) of the formula.
    """

    def __init__(self, order, vocab_size, alpha=1.0):
        self.order = positive_int(order, "order")
        self.V = positive_int(vocab_size, "vocab_size")
        self.alpha = positive(alpha, "alpha")
        if self.V ** self.order >= 2 ** 62:
            raise ValueError(f"order {self.order} over vocab_size {self.V} is too long a context "
                             f"to count: V**order must stay below 2**62")
        self.grams = self.contexts = None

    def __repr__(self):
        return f"NGram(order={self.order}, vocab_size={self.V}, alpha={self.alpha:g})"

    def fit(self, tokens):
        """Count every run of 1 to n tokens, and every context of 0 to n - 1 tokens.

        tokens: an int array (T,), or a list of them (sentences: no n-gram
        crosses from one to the next). Returns self.
        """
        sequences = as_token_sequences(tokens, self.V)
        self.grams, self.contexts = [], []
        for k in range(self.order):                       # contexts of k tokens
            every = np.concatenate([gram_ids(s, k + 1, self.V) for s in sequences])
            self.grams.append(np.unique(every, return_counts=True))            # count(h, w)
            self.contexts.append(np.unique(every // self.V, return_counts=True))  # count(h)
        return self

    def count(self, gram):
        """How often the run of tokens ``gram`` (1 to n of them) occurred in the training text."""
        self._needs_fit()
        gram = self._context(gram, "gram")
        if not 1 <= len(gram) <= self.order:
            raise ValueError(f"gram must hold 1 to {self.order} tokens (the order), got "
                             f"{len(gram)}")
        return int(_look_up(self.grams[len(gram) - 1], gram_ids(np.array(gram), len(gram),
                                                                  self.V))[0])

    def variant(self, order=None, alpha=None):
        """The same counts read as a model of a lower order or another alpha, without
        counting again: an order-n model reads only the tables of k < n, and alpha
        enters only when a probability is computed. Returns a new NGram sharing the counts.
        """
        self._needs_fit()
        order = self.order if order is None else positive_int(order, "order")
        if order > self.order:
            raise ValueError(f"order must be at most {self.order} (the order counted), got "
                             f"{order}; fit a new NGram for a longer context")
        model = NGram(order, self.V, self.alpha if alpha is None else alpha)
        model.grams, model.contexts = self.grams[:order], self.contexts[:order]
        return model

    def _smooth(self, p, k, context_ids, gram_ids_):
        """One step of the recursion, for many predictions at once: P_k from P_{k-1} = p.

        context_ids: the id of each prediction's context of k tokens; gram_ids_:
        of that context followed by the token whose probability p holds.
        A context never seen keeps p.
        """
        c_h = _look_up(self.contexts[k], context_ids)
        c_hw = _look_up(self.grams[k], gram_ids_)
        return np.where(c_h > 0, (c_hw + self.alpha * p) / (c_h + self.alpha), p)

    def probabilities(self, context=()):
        """The probability of every token coming next after ``context``.

        context: a sequence of token indices (only the last n - 1 are read; a
        shorter one uses the shorter contexts). Returns a (V,) array summing to 1.
        """
        self._needs_fit()
        context = np.array(self._context(context), dtype=np.int64)
        p = np.full(self.V, 1.0 / self.V)                 # order 0: uniform
        for k in range(min(len(context), self.order - 1) + 1):
            h = gram_ids(context[len(context) - k:], k, self.V)[-1]          # the last k tokens
            p = self._smooth(p, k, np.full(self.V, h), h * self.V + np.arange(self.V))
        return p

    def token_probabilities(self, tokens):
        """P(w_t | the tokens before w_t) of every token but the first of each sequence.

        tokens: an int array (T,) or a list of them. Each token is predicted (as a
        language model that starts reading at the first token would) from at most
        n - 1 tokens before it in the same sequence. Returns a list of arrays (T - 1,),
        one per sequence.
        """
        self._needs_fit()
        found = []
        for sequence in as_token_sequences(tokens, self.V):
            T = len(sequence)
            p = np.full(T - 1, 1.0 / self.V)              # P(w_t) for t = 1 .. T - 1
            for k in range(min(self.order, T)):
                # the runs w_{t-k} .. w_t for t = max(k, 1) .. T - 1: a context of k, then w_t
                grams = gram_ids(sequence, k + 1, self.V)[max(0, 1 - k):]
                p[max(k, 1) - 1:] = self._smooth(p[max(k, 1) - 1:], k, grams // self.V, grams)
            found.append(p)
        return found

    def cross_entropy(self, tokens):
        """The mean of -log P(w_t | the tokens before w_t) over a text, in nats.

        tokens: as for token_probabilities. exp() of the result is the perplexity.
        """
        p = np.concatenate(self.token_probabilities(tokens))
        if p.size == 0:
            raise ValueError("tokens has nothing to predict: each sequence needs at least 2 "
                             "tokens (one to read, one to predict)")
        return float(-np.log(p).mean())

    def context_counts(self, tokens):
        """How often the context each token is predicted from occurred in the training text.

        tokens: as for token_probabilities. The context of w_t is the n - 1 tokens before it
        (fewer at the start of a sequence). Returns a list of int arrays (T - 1,): count(h)
        of the formula, 0 for a context never seen.
        """
        self._needs_fit()
        found = []
        for sequence in as_token_sequences(tokens, self.V):
            T = len(sequence)
            counts = np.empty(T - 1, dtype=np.int64)
            for t in range(1, min(self.order, T)):             # a shorter context at the start
                counts[t - 1] = _look_up(self.contexts[t], gram_ids(sequence[:t], t, self.V))[0]
            k = self.order - 1
            if T > k:
                counts[k - 1 if k else 0:] = _look_up(self.contexts[k],
                                                      gram_ids(sequence[:-1], k, self.V)[
                                                          0 if k else 1:])
            found.append(counts)
        return found

    def _context(self, context, name="context"):
        if isinstance(context, str):
            raise TypeError(f"{name} must be token indices, got {describe(context)}; encode "
                            f"text with the vocabulary first")
        if len(context) == 0:
            return ()
        return tuple(as_labels(context, name, num_classes=self.V, ndim=1).tolist())

    def _needs_fit(self):
        if self.grams is None:
            raise RuntimeError("this NGram has not been fitted: call fit(tokens) first")
