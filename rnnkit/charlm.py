"""A character-level language model: characters as tokens, streams of text, truncated BPTT.

The model is an rnnkit.SimpleRNN that reads one character at a time, as a
one-hot vector x_t (V,), and scores every character of the vocabulary as the
next one: y_t (V,) = h_t @ W_oh + b_o, so input_size = output_size = V.

A long text cannot be unrolled in one piece: backpropagation through a
million steps would keep a million hidden states. Truncated BPTT cuts it:

    split_streams   the text as N contiguous streams, side by side
    stream_batches  each stream cut into chunks of T steps: inputs and targets (B, N, T)
    tbptt_step      one update on one chunk: h carried in, the gradient cut at its start
    train_streams   tbptt_step over chunk after chunk, h carried from each to the next

The hidden state runs on from chunk to chunk exactly as in one long forward
pass; only the gradient stops at each chunk's start. Then:

    character_losses, cross_entropy   -log p of each character of a text, state carried
    next_character_probabilities      what the model expects after a prime
    generate                          prime, then sample one character at a time

    CharVocabulary   the characters of a text, each with an index (encode, decode, one_hot)
    as_char_model    the checks every function here makes of its model
"""

import numpy as np

from ._validate import (
    as_labels,
    describe,
    initial_state,
    optional_seed,
    positive,
    positive_int,
    real_number,
)
from .activations import log_softmax, softmax
from .cells.rnn import SimpleRNN, rnn_step
from .feedforward import dense
from .losses import softmax_cross_entropy
from .optim import clip_by_global_norm
from .sampling import next_token


class UnknownCharacterError(KeyError, ValueError):
    """A character that is not in the vocabulary (both a KeyError and a ValueError)."""

    def __str__(self):  # KeyError would show the message in quotes
        return self.args[0]


class CharVocabulary:
    """The characters a model knows, each with a fixed index.

    CharVocabulary(text) collects the distinct characters of ``text`` (a
    non-empty str), sorted, so the same text always gives the same indices.
    len(vocab) is V; vocab.chars lists the characters in index order.
    """

    def __init__(self, text):
        if not isinstance(text, str):
            raise TypeError(f"text must be a str (the training text), got {describe(text)}")
        if not text:
            raise ValueError("text is empty (''); the vocabulary needs at least one character")
        self._chars = sorted(set(text))
        self._index = {c: i for i, c in enumerate(self._chars)}

    def __len__(self):
        return len(self._chars)

    def __contains__(self, character):
        return character in self._index

    def __repr__(self):
        return f"CharVocabulary({len(self)} characters: {''.join(self._chars)!r})"

    @property
    def chars(self):
        """The characters in index order (a new list)."""
        return list(self._chars)

    @property
    def dtype(self):
        """The integer type of encoded text: uint8 (a byte per character) for V <= 256."""
        return np.dtype(np.uint8 if len(self) <= 256 else np.int32)

    def encode(self, text, name="text"):
        """A str of T characters -> int array (T,) of indices, of dtype self.dtype.

        An empty text raises ValueError; a character that is not in the
        vocabulary raises UnknownCharacterError naming it and its position.
        name: the argument's name for the error message ("prime", ...).
        """
        if not isinstance(text, str):
            raise TypeError(f"{name} must be a str, got {describe(text)}")
        if not text:
            raise ValueError(f"{name} is empty (''); it needs at least one character")
        unknown = next((i for i, c in enumerate(text) if c not in self._index), None)
        if unknown is not None:
            raise UnknownCharacterError(
                f"{name} contains the character {text[unknown]!r} (at position {unknown}), "
                f"which is not in the vocabulary of {len(self)} characters; use only characters "
                f"that occur in the training text")
        return np.array([self._index[c] for c in text], dtype=self.dtype)

    def decode(self, indices):
        """Indices (T,) -> the str of those T characters."""
        indices = as_labels(indices, "indices", num_classes=len(self), ndim=1)
        return "".join(self._chars[i] for i in indices)

    def one_hot(self, indices, dtype=np.float64):
        """Indices of any shape (...) -> one-hot vectors (..., V): x_t[i] = 1 for character i."""
        indices = as_labels(indices, "indices", num_classes=len(self))
        return np.eye(len(self), dtype=dtype)[indices]


def split_streams(tokens, N):
    """The text as N contiguous streams, one per row: (N, S + 1) ints, S = (L - 1) // N.

    tokens: (L,) character indices. Row n is tokens[n S : n S + S + 1]: the
    last character of a row is the first of the next, so each row predicts
    its S characters after the first and every character but the first of
    the text is predicted exactly once. The last (L - 1) % N characters are
    left out.
    """
    tokens = as_labels(tokens, "tokens", ndim=1)
    N = positive_int(N, "N")
    S = (len(tokens) - 1) // N
    if S < 1:
        raise ValueError(f"N = {N} streams need at least {N + 1} characters (one to read and one "
                         f"to predict in each), but tokens has only {len(tokens)}")
    rows = np.arange(N)[:, None] * S + np.arange(S + 1)            # (N, S + 1) positions
    return tokens[rows]


def stream_batches(tokens, N, T):
    """Truncated BPTT's batches: N streams side by side, cut into chunks of T steps.

    tokens: (L,) character indices; N streams (split_streams), each cut into
    B = S // T chunks of T steps. Returns (inputs, targets), both (B, N, T)
    ints: inputs[b, n] is chunk b of stream n, targets[b, n] the same
    characters shifted one ahead (what each step must predict). Chunk b + 1
    of a stream continues chunk b where it stopped, so the state at the end
    of one chunk is the right start for the next. Characters after the last
    full chunk of each stream are left out.
    """
    tokens = as_labels(tokens, "tokens", ndim=1)
    N, T = positive_int(N, "N"), positive_int(T, "T")
    if T > len(tokens) - 1:
        raise ValueError(f"T = {T} steps is a chunk longer than the text: {len(tokens)} "
                         f"characters give at most {len(tokens) - 1} steps (one prediction each)")
    streams = split_streams(tokens, N)
    S = streams.shape[1] - 1
    if T > S:
        raise ValueError(f"T = {T} steps is a chunk longer than each of the N = {N} streams "
                         f"({S} steps each): use fewer streams (N <= {(len(tokens) - 1) // T}) "
                         f"or a shorter T")
    B = S // T
    inputs = streams[:, :B * T].reshape(N, B, T).transpose(1, 0, 2)
    targets = streams[:, 1:B * T + 1].reshape(N, B, T).transpose(1, 0, 2)
    return np.ascontiguousarray(inputs), np.ascontiguousarray(targets)


def as_char_model(rnn, vocab=None):
    """rnn, checked to be a character model: a SimpleRNN that reads V one-hot characters and
    scores V (output_activation "identity"); V = len(vocab) if a CharVocabulary is given."""
    if not isinstance(rnn, SimpleRNN):
        raise TypeError(f"rnn must be an rnnkit.SimpleRNN, got {describe(rnn)}")
    D, _, O = rnn.sizes
    if D != O:
        raise ValueError(f"rnn must read and predict the same characters: input_size = "
                         f"output_size = V, got input_size = {D}, output_size = {O}")
    if rnn.output_activation != "identity":
        raise ValueError(f"rnn must output scores (output_activation 'identity'), got "
                         f"{rnn.output_activation!r}")
    if vocab is not None:
        if not isinstance(vocab, CharVocabulary):
            raise TypeError(f"vocab must be an rnnkit.charlm.CharVocabulary, got "
                            f"{describe(vocab)}")
        if len(vocab) != D:
            raise ValueError(f"rnn must have input_size = output_size = V = {len(vocab)} (the "
                             f"vocabulary's size), got {D}")
    return rnn


def _check_chunk(rnn, x, y, name_x="x", name_y="y"):
    """x and y: (N, T) character indices in [0, V) of the same shape."""
    V = rnn.sizes[0]
    x = as_labels(x, name_x, num_classes=V, ndim=2)
    y = as_labels(y, name_y, num_classes=V, ndim=2)
    if y.shape != x.shape:
        raise ValueError(f"{name_y} must have the shape of {name_x} {x.shape} (one target per "
                         f"step), got {y.shape}")
    return x, y


def tbptt_step(rnn, x, y, h, optimizer, clip_norm=None, *, check=True):
    """One update of truncated BPTT on one chunk of N streams.

    rnn: a SimpleRNN with input and output size V. x: (N, T) the characters
    read; y: (N, T) the characters to predict (x shifted one ahead).
    h: (N, H) the state the streams reached at the end of the previous
    chunk, or None for zeros (the start of the text). optimizer: an rnnkit
    optimiser (Adam, SGD). clip_norm: None, or clip the gradients to this
    global norm.

    The forward pass starts from h; the backward pass runs through the T
    steps of this chunk and stops there: h is an input, not something to
    train, so nothing flows back into the previous chunk (rnn.backward's
    grad_h0 is not used).
    Returns (loss, h_T): the mean cross-entropy over the N T predictions
    (before the update) and h_T (N, H), the state after the last step, to
    carry into the next chunk.
    """
    if check:
        as_char_model(rnn)
        x, y = _check_chunk(rnn, x, y)
        h = initial_state(h, x.shape[0], rnn.sizes[1], rnn.dtype, name="h")
        if clip_norm is not None:
            clip_norm = positive(clip_norm, "clip_norm")
    X = np.eye(rnn.sizes[0], dtype=rnn.dtype)[x]                   # (N, T, V) one-hot
    logits = rnn.forward(X, h)                                     # h carried in
    loss, dlogits = softmax_cross_entropy(logits, y)
    grads = rnn.backward(dlogits)                                  # back to this chunk's start
    if clip_norm is not None:
        grads, _ = clip_by_global_norm(grads, clip_norm)
    optimizer.step(rnn.params, grads)
    return loss, rnn.final_state


def train_streams(rnn, inputs, targets, optimizer, h=None, clip_norm=None):
    """Truncated BPTT over chunk after chunk, the state carried from each to the next.

    inputs, targets: (B, N, T) from stream_batches (or a slice of them, such
    as inputs[100:200], to train on in stages). h: (N, H) the state from the
    previous call, None for zeros. optimizer, clip_norm: as for tbptt_step.
    Returns (losses, h): losses (B,) the loss of each chunk, and h (N, H) the
    state after the last one, to pass to the next call.
    """
    as_char_model(rnn)
    V, H, _ = rnn.sizes
    inputs = as_labels(inputs, "inputs", num_classes=V, ndim=3)
    targets = as_labels(targets, "targets", num_classes=V, ndim=3)
    if targets.shape != inputs.shape:
        raise ValueError(f"targets must have the shape of inputs {inputs.shape} (B chunks, "
                         f"N streams, T steps), got {targets.shape}")
    h = initial_state(h, inputs.shape[1], H, rnn.dtype, name="h")
    if clip_norm is not None:
        clip_norm = positive(clip_norm, "clip_norm")
    losses = np.empty(len(inputs))
    for b in range(len(inputs)):
        losses[b], h = tbptt_step(rnn, inputs[b], targets[b], h, optimizer, clip_norm,
                                  check=False)
    return losses, h


def character_losses(rnn, streams, chunk=10):
    """-log p(character) for every character a model predicts in a text, the state carried.

    streams: (N, L) character indices, N contiguous pieces of text side by
    side (split_streams gives them). Each row is read from h = 0 and its
    state carried to its end; each of its characters after the first is
    predicted from everything before it in the row. chunk: how many steps
    run at a time (it changes the memory used, not the result beyond rounding).
    Returns (N, L - 1) losses in nats, with no update.
    """
    as_char_model(rnn)
    V, H, _ = rnn.sizes
    streams = as_labels(streams, "streams", num_classes=V, ndim=2)
    if streams.shape[1] < 2:
        raise ValueError(f"streams must hold at least 2 characters per row (one to read, one to "
                         f"predict), got shape {streams.shape}")
    chunk = positive_int(chunk, "chunk")
    eye = np.eye(V, dtype=rnn.dtype)
    x, y = streams[:, :-1], streams[:, 1:]
    losses = np.empty(x.shape)
    h = initial_state(None, len(streams), H, rnn.dtype)
    for start in range(0, x.shape[1], chunk):
        part = slice(start, start + chunk)
        logits = rnn.forward(eye[x[:, part]], h)
        log_p = log_softmax(logits)                                # (N, chunk, V)
        losses[:, part] = -np.take_along_axis(log_p, y[:, part, None], axis=-1)[..., 0]
        h = rnn.final_state
    return losses


def cross_entropy(rnn, streams, chunk=10):
    """The mean of character_losses(rnn, streams): nats per character; exp() is the perplexity.

    streams: (N, L) character indices, as for character_losses. Returns a float.
    """
    return float(character_losses(rnn, streams, chunk).mean())


def _read(rnn, vocab, prime):
    """Run the model over the prime. Returns (logits (V,) after its last character, h (1, H))."""
    x = vocab.encode(prime, "prime")
    logits = rnn.forward(vocab.one_hot(x, rnn.dtype)[None])
    return logits[0, -1], rnn.final_state


def next_character_probabilities(rnn, vocab, prime, temperature=1.0):
    """The probability of every character coming next after ``prime``.

    rnn: a SimpleRNN of input and output size V = len(vocab). prime: a
    non-empty str of characters in vocab. temperature: >= 0, as in
    rnnkit.softmax (1 = the model's own probabilities; 0 puts all of it on
    the most likely character, the greedy choice); below 0 is refused.
    Returns (V,) probabilities in the vocabulary's order, summing to 1.
    """
    as_char_model(rnn, vocab)
    temperature = real_number(temperature, "temperature", minimum=0.0)
    logits, _ = _read(rnn, vocab, prime)
    return softmax(logits, temperature)


def generate(rnn, vocab, prime, length=200, temperature=1.0, seed=None, top_k=None):
    """Continue ``prime`` character by character, feeding each new character back in.

    rnn: a SimpleRNN of input and output size V = len(vocab). prime: a
    non-empty str whose characters are all in vocab (an unknown one raises
    UnknownCharacterError naming it). length: how many characters to write.
    temperature: >= 0; 0 is greedy (always the most likely character, the
    same text every time), above 0 samples from softmax(logits / temperature)
    with a Generator from seed (rnnkit.sampling.next_token). top_k: None, or
    sample among the k most likely characters only.
    Returns the ``length`` new characters as a str, without the prime.

    The prime is read in one forward pass; then each step runs the cell once
    on the chosen character, from the state h it left, and the output layer
    on the new state: exactly what one forward pass over the growing text
    would compute at its last step.
    """
    as_char_model(rnn, vocab)
    length = positive_int(length, "length")
    temperature = real_number(temperature, "temperature", minimum=0.0)
    if top_k is not None:
        top_k = positive_int(top_k, "top_k")
    rng = optional_seed(seed)
    p = rnn.params
    eye = np.eye(len(vocab), dtype=rnn.dtype)
    logits, h = _read(rnn, vocab, prime)                      # logits (V,), h (1, H)
    new = []
    for _ in range(length):
        i = next_token(logits, temperature, rng, top_k, check=False)
        new.append(i)
        h = rnn_step(eye[[i]], h, p["W_xh"], p["W_hh"], p["b_h"], check=False)   # x_t (1, V)
        logits = dense(h, p["W_oh"], p["b_o"], check=False)[0]                   # y_t (V,)
    return vocab.decode(new)
