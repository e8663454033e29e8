"""Attention: look back at every state, and take a mix of them weighted by how well each matches.

For one query q (d,) and T keys k_j (d,), each with a value v_j (d_v,):

    e_j = q . k_j                  the scores: how well key j matches the query      (T,)
    a = softmax(e)                 the weights: positive, summing to 1                (T,)
    c = sum_j a_j v_j              the context: the values averaged with the weights  (d_v,)

In a translator (rnnkit.seq2seq) the query is the decoder's state, and the keys and the values
are the encoder's states h_1 .. h_T: at every output step the decoder reads a fresh mix of the
input, instead of all of it squeezed into one vector. This score, a dot product, is Luong et
al.'s (2015) "dot"; Bahdanau et al. (2015) scored with a small network instead. In
self-attention (Vaswani et al., 2017) the queries, keys and values all come from one sequence.

For N sequences and T_q queries at once, one product each:

    query (N, T_q, d), keys (N, T, d), values (N, T, d_v)
    scores  = query @ keys^T       (N, T_q, T)
    weights = softmax(scores)      on the last axis
    context = weights @ values     (N, T_q, d_v)

This is keras.layers.Attention() (score_mode="dot", use_scale=False). The Transformer's scaled
dot-product attention, softmax(Q K^T / sqrt(d)) V, is attention(Q / sqrt(d), K, V).

    attention            (query, keys, values) -> (context, weights)
    attention_backward   dLoss/dcontext -> (dquery, dkeys, dvalues)
"""

from . import activations
from ._validate import as_array


def attention(query, keys, values, *, check=True):
    """Dot-product attention: context = softmax(query @ keys^T) @ values.

    query: (N, d), one query per sequence (a decoder's state), or (N, T_q, d), T_q each.
    keys: (N, T, d), values: (N, T, d_v): one key and one value per position j.
    Returns (context, weights): context (N, d_v) and weights (N, T) for a query (N, d);
    (N, T_q, d_v) and (N, T_q, T) for queries (N, T_q, d). Each row of weights sums to 1.
    """
    if check:
        query, keys, values = _check(query, keys, values)
    one = query.ndim == 2                                  # one query per sequence
    Q = query[:, None, :] if one else query                # (N, T_q, d)
    scores = Q @ keys.transpose(0, 2, 1)                   # e_j = q . k_j     (N, T_q, T)
    weights = activations.softmax(scores, check=False)     # a = softmax(e)
    context = weights @ values                             # c = sum_j a_j v_j (N, T_q, d_v)
    return (context[:, 0], weights[:, 0]) if one else (context, weights)


def attention_backward(dcontext, query, keys, values, weights, *, check=True):
    """Backpropagate attention.

    dcontext: dLoss/dcontext, the shape of the context; query, keys, values as in the
    forward pass; weights: what attention returned with the context.
    Returns (dquery, dkeys, dvalues) with the shapes of query, keys and values.
    """
    if check:
        query, keys, values = _check(query, keys, values)
        T_q = () if query.ndim == 2 else (query.shape[1],)
        shape = (len(query), *T_q, keys.shape[1])
        weights = as_array(weights, "weights", shape=shape, why="what attention returned")
        dcontext = as_array(dcontext, "dcontext", shape=(*shape[:-1], values.shape[2]),
                            why="the shape of the context")
    one = query.ndim == 2
    Q, A, dC = (query[:, None], weights[:, None], dcontext[:, None]) if one else \
        (query, weights, dcontext)
    dvalues = A.transpose(0, 2, 1) @ dC                    # each value got a_j of dc
    dA = dC @ values.transpose(0, 2, 1)                    # (N, T_q, T)
    dS = activations.backprop("softmax", A, dA)            # through the softmax
    dQ = dS @ keys                                         # e_j = q . k_j, both ways
    dkeys = dS.transpose(0, 2, 1) @ Q
    return (dQ[:, 0] if one else dQ), dkeys, dvalues


def _check(query, keys, values):
    """query (N, d) or (N, T_q, d), keys (N, T, d) and values (N, T, d_v), checked against
    each other."""
    keys = as_array(keys, "keys", ndim=3, why="(N, T, d): one key of d numbers per position")
    N, T, d = keys.shape
    query = as_array(query, "query", ndim=(2, 3),
                     why="(N, d): one query per sequence, or (N, T_q, d)")
    if query.shape[0] != N or query.shape[-1] != d:
        raise ValueError(
            f"query must have shape (N, d) or (N, T_q, d) with N = {N} and d = {d}, as keys "
            f"{keys.shape}: a query is compared with every key by a dot product, so the two "
            f"need the same size (a decoder's state and the encoder's states alike); "
            f"got query of shape {query.shape}")
    values = as_array(values, "values", ndim=3, why="(N, T, d_v): one value per key")
    if values.shape[:2] != (N, T):
        raise ValueError(f"values must have shape ({N}, {T}, d_v), one value per key of keys "
                         f"{keys.shape}, got shape {values.shape}")
    return query, keys, values
