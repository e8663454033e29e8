"""A language model: a recurrent network that reads tokens and scores the next one.

Any rnnkit recurrent network (SimpleRNN, LSTM or GRU, with stacked layers, an embedding or
dropout; see rnnkit.cells.network) is a language model of a vocabulary of V tokens when it
reads those tokens and gives V scores at every step:

    x_t        one-hot (V,) without an embedding; the token's index with one (W_e (V, E)
               looks it up). Either way input_size = V.
    y_t (V,)   the scores z of the next token (output_activation "identity"), or their
               probabilities softmax(z) ("softmax")

    as_language_model   the check every function of rnnkit.lm makes of its model
    as_inputs           token indices (N, T) -> what model.forward reads
    logits              the model run over token indices: the scores z (N, T, V)
"""

import numpy as np

from .._validate import as_labels, describe
from ..cells.network import RecurrentNetwork
from .vocab import Vocabulary


def as_language_model(model, vocab=None, *, trainable=False):
    """``model``, checked to be a language model of ``vocab`` (V = len(vocab) tokens).

    model: an rnnkit recurrent network of input_size = output_size = V.
    vocab: a Vocabulary, or None to take V from the model. trainable: True
    also asks for scores (output_activation "identity"), which softmax
    cross-entropy trains; False accepts a "softmax" output layer too.
    Returns model.
    """
    if vocab is not None and not isinstance(vocab, Vocabulary):
        raise TypeError(f"vocab must be an rnnkit.lm.Vocabulary, got {describe(vocab)}")
    if not isinstance(model, RecurrentNetwork):
        raise TypeError(f"model must be an rnnkit recurrent network (SimpleRNN, LSTM or GRU), "
                        f"got {describe(model)}")
    D, _, O = model.sizes
    V = D if vocab is None else len(vocab)
    if D != V or O != V:
        need = ("the same tokens: input_size = output_size = V" if vocab is None else
                f"the tokens of the vocabulary: vocab has V = {V} {vocab.unit}s, so the model "
                f"needs input_size = output_size = {V}")
        raise ValueError(f"model must read and predict {need}, got input_size = {D}, "
                         f"output_size = {O}")
    if trainable and model.output_activation != "identity":
        raise ValueError(f"model must output scores (output_activation 'identity') to be "
                         f"trained by softmax cross-entropy, got {model.output_activation!r}")
    if model.output_activation not in ("identity", "softmax"):
        raise ValueError(f"model must output scores (output_activation 'identity') or "
                         f"probabilities ('softmax'), got {model.output_activation!r}")
    return model


def as_inputs(model, tokens, *, check=True):
    """Token indices (N, T) -> what model.forward reads: their one-hot vectors (N, T, V) in
    the model's dtype, or, for a model with an embedding, the indices themselves."""
    if check:
        tokens = as_labels(tokens, "tokens", num_classes=model.sizes[0], ndim=2)
    if model.embedding_size is not None:
        return tokens
    return np.eye(model.sizes[0], dtype=model.dtype)[tokens]


def logits(model, tokens, state=None):
    """Run a language model over token indices (N, T) from ``state`` (None: zeros).

    Returns the scores z (N, T, V) of the next token after every step: the
    model's outputs, or log p for a softmax output layer (whose softmax is p
    again). model.final_state is then the state after the last step.
    """
    Y = model.forward(as_inputs(model, tokens), state)
    if model.output_activation == "softmax":
        Y = np.log(np.maximum(Y, np.finfo(Y.dtype).tiny))
    return Y
