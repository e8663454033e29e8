"""Next-word prediction with a trained rnnkit model.

The model reads a prefix such as "how are" one word at a time, as one-hot
vectors x_t (V,), and its output y_t (V,) after the last word holds one score
(logit) per word of the vocabulary. Softmax turns the scores into the
probabilities of the next word. Because the whole prefix passes through the
recurrence, the hidden state carries the context: "are" after "how" and "are"
after "they" lead to different predictions.

    step_probabilities       the next-word probabilities after every word of a prefix
    next_word_probabilities  the words after a prefix, most likely first
    generate                 continue a prefix greedily (temperature 0) or by sampling
    next_word_accuracy       how often the top word is the right one, padding left out
    follower_counts          which words follow each prefix in a corpus, and how often
    best_possible_accuracy   the accuracy ceiling a corpus allows

The model is an rnnkit.ManyToMany or rnnkit.SimpleRNN with input and output
size V = len(vocab) and an "identity" (logits) or "softmax" output layer.
"""

from collections import Counter, defaultdict

import numpy as np

from ._validate import (
    as_labels,
    as_mask,
    as_sequences,
    describe,
    optional_seed,
    positive_int,
    real_number,
)
from .activations import softmax
from .cells.rnn import SimpleRNN
from .sampling import next_token
from .text import UnknownWordError, Vocabulary, as_corpus, as_tokens

DEFAULT_STOP = ("?", ".", "!")


def as_language_model(model, vocab):
    """The SimpleRNN of a ManyToMany or SimpleRNN model, after checking it fits vocab (V words)."""
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"vocab must be an rnnkit.text.Vocabulary, got {describe(vocab)}")
    rnn = model if isinstance(model, SimpleRNN) else getattr(model, "rnn", None)
    if not isinstance(rnn, SimpleRNN):
        raise TypeError(f"model must be an rnnkit.ManyToMany or rnnkit.SimpleRNN, got "
                        f"{type(model).__name__}")
    D, H, O = rnn.sizes
    V = len(vocab)
    if D != V or O != V:
        raise ValueError(f"model must read and predict one-hot words of the vocabulary: vocab has "
                         f"V = {V} words, so the model needs input_size = output_size = {V}, got "
                         f"input_size = {D}, output_size = {O}")
    if rnn.output_activation not in ("identity", "softmax"):
        raise ValueError(f"model must output scores (output_activation 'identity') or "
                         f"probabilities ('softmax'), got {rnn.output_activation!r}")
    return rnn


def _logits(rnn, X, h0=None):
    """Run the cell: X (N, T, V) -> (logits (N, T, V), Hs (N, T, H))."""
    Y = rnn.forward(X, h0)
    Hs = rnn.hidden_states
    if rnn.output_activation == "softmax":
        Y = np.log(np.maximum(Y, np.finfo(Y.dtype).tiny))
    return Y, Hs


def _prefix(prefix, vocab, name="prefix"):
    """A prefix (a str or a list of str tokens) -> (tokens, indices (T,)), with friendly errors."""
    tokens = as_tokens(prefix, name)
    if not tokens:
        raise ValueError(f"{name} is empty ({prefix!r}); it needs at least one word, e.g. 'how'")
    try:
        indices = vocab.encode(tokens)
    except UnknownWordError as exc:
        raise UnknownWordError(f"{name} {prefix!r} contains an {exc}") from None
    return tokens, indices


def step_probabilities(model, vocab, prefix, temperature=1.0):
    """Feed a prefix one word at a time; the next-word probabilities after each word.

    model: a trained ManyToMany or SimpleRNN of input and output size V.
    vocab: the Vocabulary (V words) the model was trained with.
    prefix: a str ("how are you") or a list of T tokens.
    temperature: as in rnnkit.softmax (1 = the model's own probabilities).
    Returns (tokens, P, Hs): the T tokens, P (T, V) where row t holds the
    probabilities of the word after tokens[:t + 1], and Hs (T, H) the hidden
    state after each word. One forward pass over the whole prefix: row t sees
    every word up to t through the hidden state.
    """
    rnn = as_language_model(model, vocab)
    tokens, indices = _prefix(prefix, vocab)
    logits, Hs = _logits(rnn, vocab.one_hot(indices)[None])
    return tokens, softmax(logits[0], temperature), Hs[0]


def next_word_probabilities(model, vocab, prefix, temperature=1.0):
    """The probability of every word coming next after ``prefix``, most likely first.

    prefix: a str ("how are") or a list of tokens (at least one, all in vocab).
    Returns (words, probs): a list of V words and a (V,) array sorted from the
    most to the least likely (ties keep the vocabulary's order).
    An empty prefix raises ValueError; an unknown word raises
    rnnkit.text.UnknownWordError (a KeyError and ValueError) suggesting close words.
    """
    _, P, _ = step_probabilities(model, vocab, prefix, temperature)
    order = np.argsort(-P[-1], kind="stable")
    words = vocab.words
    return [words[i] for i in order], P[-1][order]


def _stop_tokens(stop):
    if stop is None:
        return frozenset()
    if isinstance(stop, str):
        return frozenset([stop])
    if isinstance(stop, (list, tuple, set, frozenset)) and all(isinstance(s, str) for s in stop):
        return frozenset(stop)
    raise TypeError(f"stop must be None, a str or a list of str tokens, got {describe(stop)}")


def generate(model, vocab, prefix, steps=5, temperature=0.0, seed=None, stop=DEFAULT_STOP):
    """Continue ``prefix`` word by word, feeding each new word back into the model.

    prefix: a str or a list of tokens, all in vocab. steps: at most this many
    new words. temperature: 0 always takes the most likely word (greedy, the
    same result every time); above 0 samples from
    rnnkit.softmax(logits, temperature) with a Generator from seed.
    stop: a token or a list of tokens (by default "?", "." and "!") after which
    generation ends; None never stops early.
    Returns the list of new words (at most ``steps``), without the prefix.
    The prefix is read once; each new word then takes one step of the cell
    from the hidden state it left, exactly as a forward pass over the
    growing sentence would.
    """
    rnn = as_language_model(model, vocab)
    steps = positive_int(steps, "steps")
    temperature = real_number(temperature, "temperature", minimum=0.0)
    stop = _stop_tokens(stop)
    rng = optional_seed(seed)
    _, indices = _prefix(prefix, vocab)
    words, eye = vocab.words, np.eye(len(vocab))
    logits, Hs = _logits(rnn, eye[indices][None])
    new = []
    while True:
        index = next_token(logits[0, -1], temperature, rng, check=False)
        new.append(words[index])
        if len(new) == steps or words[index] in stop:
            return new
        logits, Hs = _logits(rnn, eye[index][None, None], h0=Hs[:, -1])


def next_word_accuracy(model, X, Y, mask=None):
    """The fraction of counted time steps where the most likely word is the target.

    model: anything whose forward(X) returns scores (N, T, V), e.g. a ManyToMany
    (a SimpleRNN's forward is also accepted). X: (N, T, V) one-hot inputs.
    Y: (N, T) target word indices. mask: optional (N, T) booleans, False for
    padding steps, which are not counted. Returns a float in [0, 1].
    """
    if not hasattr(model, "forward"):
        raise TypeError(f"model must have a forward() method, got {type(model).__name__}")
    X = as_sequences(X, "X")
    N, T, V = X.shape
    Y = as_labels(Y, "Y", num_classes=V, ndim=2)
    if Y.shape != (N, T):
        raise ValueError(f"Y must have shape ({N}, {T}) (one target index per step of "
                         f"X {X.shape}), "
                         f"got {Y.shape}")
    mask = np.ones((N, T), dtype=bool) if mask is None else as_mask(mask, (N, T), "Y")
    logits = np.asarray(model.forward(X))
    if logits.shape != (N, T, V):
        raise ValueError(f"model.forward(X) must return scores of shape ({N}, {T}, {V}), "
                         f"got {logits.shape}")
    hits = (logits.argmax(axis=-1) == Y) & mask
    return float(hits.sum() / mask.sum())


def follower_counts(sentences):
    """For every prefix in a corpus, how often each word follows it.

    sentences: a list of str (tokenized with rnnkit.text.tokenize) or of token
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
