"""Training a language model on a long text by truncated BPTT, and scoring it, state carried.

A long text cannot be unrolled in one piece: backpropagation through a
million steps would keep a million hidden states. Truncated BPTT cuts it:

    split_streams   the text as N contiguous streams, side by side
    stream_batches  each stream cut into chunks of T steps: inputs and targets (B, N, T)
    tbptt_step      one update on one chunk: the state carried in, the gradient cut at its start
    train_streams   tbptt_step over chunk after chunk, the state carried from each to the next

The state (h; (h, c) for an LSTM; a list of one per layer for a stacked network) runs on from
chunk to chunk exactly as in one long forward pass; only the gradient stops at each chunk's
start. Then, with no update:

    token_losses, cross_entropy   -log p of each token of a text, the state carried

The model is any language model (rnnkit.lm.model): a SimpleRNN, LSTM or GRU, with layers, an
embedding and dropout (used in training only); the text is token indices, of characters or
of words.
"""

import numpy as np

from .._validate import as_labels, positive, positive_int
from ..activations import log_softmax
from ..losses import softmax_cross_entropy
from ..optim import clip_by_global_norm
from .model import as_inputs, as_language_model, logits


def split_streams(tokens, N):
    """The text as N contiguous streams, one per row: (N, S + 1) ints, S = (L - 1) // N.

    tokens: (L,) token indices. Row n is tokens[n S : n S + S + 1]: the
    last token of a row is the first of the next, so each row predicts its
    S tokens after the first and every token but the first of the text is
    predicted exactly once. The last (L - 1) % N tokens are left out.
    """
    tokens = as_labels(tokens, "tokens", ndim=1)
    N = positive_int(N, "N")
    S = (len(tokens) - 1) // N
    if S < 1:
        raise ValueError(f"N = {N} streams need at least {N + 1} tokens (one to read and one "
                         f"to predict in each), but tokens has only {len(tokens)}")
    rows = np.arange(N)[:, None] * S + np.arange(S + 1)            # (N, S + 1) positions
    return tokens[rows]


def stream_batches(tokens, N, T):
    """Truncated BPTT's batches: N streams side by side, cut into chunks of T steps.

    tokens: (L,) token indices; N streams (split_streams), each cut into
    B = S // T chunks of T steps. Returns (inputs, targets), both (B, N, T)
    ints: inputs[b, n] is chunk b of stream n, targets[b, n] the same
    tokens shifted one ahead (what each step must predict). Chunk b + 1 of a
    stream continues chunk b where it stopped, so the state at the end of
    one chunk is the right start for the next. Tokens after the last full
    chunk of each stream are left out.
    """
    tokens = as_labels(tokens, "tokens", ndim=1)
    N, T = positive_int(N, "N"), positive_int(T, "T")
    if T > len(tokens) - 1:
        raise ValueError(f"T = {T} steps is a chunk longer than the text: {len(tokens)} "
                         f"tokens give at most {len(tokens) - 1} steps (one prediction each)")
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


def _training_data(model, x, y, clip_norm, names, ndim=2):
    """The checks of tbptt_step and train_streams: a model with scores out; the tokens read and
    the tokens to predict, of one shape, ndim dimensions and in [0, V); clip_norm > 0 or None."""
    V = as_language_model(model, trainable=True).sizes[0]
    x = as_labels(x, names[0], num_classes=V, ndim=ndim)
    y = as_labels(y, names[1], num_classes=V, ndim=ndim)
    if y.shape != x.shape:
        raise ValueError(f"{names[1]} must have the shape of {names[0]} {x.shape} (one target per "
                         f"token read), got {y.shape}")
    return x, y, None if clip_norm is None else positive(clip_norm, "clip_norm")


def tbptt_step(model, x, y, state, optimizer, clip_norm=None, *, check=True):
    """One update of truncated BPTT on one chunk of N streams.

    model: a language model with scores out (output_activation "identity").
    x: (N, T) the tokens read; y: (N, T) the tokens to predict (x shifted one
    ahead). state: the state the streams reached at the end of the previous
    chunk (model.final_state then), or None for zeros (the start of the text).
    optimizer: an rnnkit optimiser (Adam, SGD). clip_norm: None, or clip the
    gradients to this global norm.

    The forward pass starts from state, in training mode (dropout, if the
    model has any, is on); the backward pass runs through the T steps of this
    chunk and stops there: the state is an input, not something to train, so
    nothing flows back into the previous chunk (model.grad_state is not used).
    Returns (loss, state): the mean cross-entropy over the N T predictions
    (before the update) and model.final_state, the state after the last
    step, to carry into the next chunk.
    """
    if check:
        x, y, clip_norm = _training_data(model, x, y, clip_norm, ("x", "y"))
    Y = model.forward(as_inputs(model, x, check=False), state, training=True)   # state carried in
    loss, dY = softmax_cross_entropy(Y, y)
    grads = model.backward(dY)                                     # back to this chunk's start
    if clip_norm is not None:
        grads, _ = clip_by_global_norm(grads, clip_norm)
    optimizer.step(model.params, grads)
    return loss, model.final_state


def train_streams(model, inputs, targets, optimizer, state=None, clip_norm=None):
    """Truncated BPTT over chunk after chunk, the state carried from each to the next.

    inputs, targets: (B, N, T) from stream_batches (or a slice of them, such
    as inputs[100:200], to train on in stages). state: the state from the
    previous call, None for zeros. optimizer, clip_norm: as for tbptt_step.
    Returns (losses, state): losses (B,) the loss of each chunk, and the
    state after the last one, to pass to the next call.
    """
    inputs, targets, clip_norm = _training_data(model, inputs, targets, clip_norm,
                                                ("inputs", "targets"), ndim=3)
    losses = np.empty(len(inputs))
    for b in range(len(inputs)):
        losses[b], state = tbptt_step(model, inputs[b], targets[b], state, optimizer, clip_norm,
                                      check=False)
    return losses, state


def token_losses(model, streams, chunk=10):
    """-log p(token) for every token a model predicts in a text, the state carried.

    streams: (N, L) token indices, N contiguous pieces of text side by side
    (split_streams gives them). Each row is read from a zero state, carried
    to its end; each of its tokens after the first is predicted from
    everything before it in the row. chunk: how many steps run at a time (it
    changes the memory used, not the result beyond rounding).
    Returns (N, L - 1) losses in nats, with no update (and no dropout).
    """
    V = as_language_model(model).sizes[0]
    streams = as_labels(streams, "streams", num_classes=V, ndim=2)
    if streams.shape[1] < 2:
        raise ValueError(f"streams must hold at least 2 tokens per row (one to read, one to "
                         f"predict), got shape {streams.shape}")
    chunk = positive_int(chunk, "chunk")
    x, y = streams[:, :-1], streams[:, 1:]
    losses = np.empty(x.shape)
    state = None
    for start in range(0, x.shape[1], chunk):
        part = slice(start, start + chunk)
        log_p = log_softmax(logits(model, x[:, part], state))       # (N, chunk, V)
        losses[:, part] = -np.take_along_axis(log_p, y[:, part, None], axis=-1)[..., 0]
        state = model.final_state
    return losses


def cross_entropy(model, streams, chunk=10):
    """The mean of token_losses(model, streams): nats per token; exp() is the perplexity.

    streams: (N, L) token indices, as for token_losses. Returns a float.
    """
    return float(token_losses(model, streams, chunk).mean())
