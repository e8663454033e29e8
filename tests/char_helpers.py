"""A character model of notebook 07, trained for a moment: what its tests share."""

import rnnkit
from rnnkit import lm
from rnnkit.datasets import tiny_shakespeare


def brief_char_model(H, seed=0):
    """A SimpleRNN of H units trained for 40 updates on the first 30,000 characters of Tiny
    Shakespeare (16 streams, chunks of 25): (rnn, the whole text's character Vocabulary)."""
    vocab = lm.Vocabulary.of_characters(tiny_shakespeare())
    rnn = rnnkit.SimpleRNN(len(vocab), H, len(vocab), seed=seed)
    inputs, targets = lm.stream_batches(vocab.encode(tiny_shakespeare(30_000)), 16, 25)
    lm.train_streams(rnn, inputs[:40], targets[:40], rnnkit.Adam(0.01), clip_norm=5.0)
    return rnn, vocab
