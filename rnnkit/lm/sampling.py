"""Choosing the next token from a model's scores: greedy, or sampled with a temperature.

A language model gives one score (logit) z_i per token of the vocabulary. To
continue a text it must pick one:

    greedy          the highest score (temperature 0): the same text every time
    sample          draw i with probability p_i = softmax(z / temperature)_i
    top_k           keep the k highest scores and sample among them

A temperature below 1 sharpens the distribution (towards greedy), above 1
flattens it (towards uniform). rnnkit.lm.generate picks every token, word or
character, with next_token.
"""

import numpy as np

from .._validate import as_array, optional_seed, positive_int, real_number
from ..activations import softmax


def sample(p, rng):
    """Draw one index from each row of probabilities.

    p: (V,) or (N, V), each row summing to 1. rng: a numpy Generator.
    Returns an int (for p of shape (V,)) or an int array (N,). Index i is drawn
    with probability p[i]: the first i whose running total passes a uniform
    number in [0, 1).
    """
    p = np.asarray(p)
    u = rng.random(p.shape[:-1])[..., None]                          # one number per row
    index = (np.cumsum(p, axis=-1) <= u).sum(axis=-1)                # how many totals it passes
    index = np.minimum(index, p.shape[-1] - 1)                       # rounding: never past V - 1
    return int(index) if index.ndim == 0 else index


def next_token(logits, temperature=1.0, rng=None, top_k=None, *, check=True):
    """The index of the next token from its scores.

    logits: (V,) or (N, V) scores. temperature: >= 0; 0 takes the highest
    score (greedy; ties go to the lowest index), otherwise samples from
    softmax(logits / temperature). rng: a numpy Generator, an int seed or None.
    top_k: None, or keep only the k highest scores before sampling.
    Returns an int, or an int array (N,) for (N, V) logits.
    """
    if check:
        logits = as_array(logits, "logits", ndim=(1, 2), why="one score per token")
        temperature = real_number(temperature, "temperature", minimum=0.0)
        if top_k is not None:
            top_k = positive_int(top_k, "top_k")
    if temperature == 0.0:
        index = np.argmax(logits, axis=-1)
        return int(index) if index.ndim == 0 else index
    p = softmax(logits, temperature)
    if top_k is not None and top_k < logits.shape[-1]:
        kth = np.sort(logits, axis=-1)[..., -top_k][..., None]       # the k-th highest score
        p = np.where(logits >= kth, p, 0.0)
        p = p / p.sum(axis=-1, keepdims=True)
    return sample(p, optional_seed(rng, "rng"))
