"""Embeddings: a token's vector is a row of a table that training fills.

A token t of a vocabulary of V tokens is the one-hot vector one_hot(t) (V,), and a layer
without bias reads it as one_hot(t) @ W_e, W_e (V, E). The product only picks row t of W_e:

    one_hot(t) @ W_e  ==  W_e[t]          E numbers per token: its embedding

so an embedding layer is a lookup in the table W_e, with no product at all. Backwards, the
gradient reaching the vector of the token at (n, t) is added to row tokens[n, t] of dW_e; a
token that occurs twice collects both, and a token that never occurs gets zero.

    embedding            tokens (...) -> their rows of W_e (..., E)
    embedding_backward   dLoss/d(rows) (..., E) -> dLoss/dW_e (V, E)

rnnkit's recurrent networks (embedding_size=) and rnnkit.seq2seq read their tokens with these.
"""

import numpy as np

from ._validate import as_array, as_labels


def embedding(tokens, W_e, *, name="tokens", check=True):
    """The embedding of every token: W_e[tokens], which equals one_hot(tokens) @ W_e.

    tokens: integer indices of any shape (...), e.g. (N, T), each in [0, V).
    W_e: (V, E), one row of E numbers per token of the vocabulary.
    name: the tokens' name in error messages ("X", "teacher", ...).
    Returns (..., E). A token outside the vocabulary raises ValueError naming the first
    one, its position and V.
    """
    if check:
        W_e = as_array(W_e, "W_e", ndim=2, why="(V, E): one row of E numbers per token")
        tokens = as_tokens(tokens, len(W_e), name)
    return W_e[tokens]                                    # one_hot(tokens) @ W_e, as a lookup


def embedding_backward(dE, tokens, W_e, *, check=True):
    """dLoss/dW_e from the gradient reaching each looked-up row.

    dE: (..., E), dLoss/d(W_e[tokens]); tokens: (...) as in the forward pass; W_e: (V, E).
    Returns dW_e (V, E): row v sums dE over every position holding token v.
    """
    if check:
        W_e = as_array(W_e, "W_e", ndim=2, why="(V, E): one row of E numbers per token")
        tokens = as_tokens(tokens, len(W_e))
        dE = as_array(dE, "dE", shape=(*tokens.shape, W_e.shape[1]),
                      why="one gradient row per token")
    dW_e = np.zeros_like(W_e)
    np.add.at(dW_e, tokens, dE)                  # += at each token's row, repeats included
    return dW_e


def as_tokens(tokens, V, name="tokens"):
    """Integer token indices of any shape, each in [0, V): returns them as an int array.

    A token outside the vocabulary raises ValueError naming the first one and its position.
    """
    tokens = as_labels(tokens, name)
    outside = (tokens < 0) | (tokens >= V)
    if outside.any():
        where = tuple(int(i) for i in np.argwhere(outside)[0])
        raise ValueError(f"{name} holds the token {int(tokens[where])} at position {where}, "
                         f"outside the vocabulary: tokens are indices from 0 to {V - 1} "
                         f"(V = {V})")
    return tokens
