"""The checks of notebook 10, "Look back instead of remembering" (10_attention).

    from rnnkit.course.exercises import attention as ex
    ex.check_attention_step(my_attention)        # 1. scores, softmax, context
    ex.check_equal_scores(my_answer)             # 2. predict: the context when all scores tie
    ex.check_lookup(my_rows, W_e, tokens)        # 3. an embedding as a row lookup
    ex.check_score_count(my_count, T=1000)       # 4. the scores of one self-attention layer

Each check works out the right answer with rnnkit (rnnkit.attention.attention, a one-hot
product, the weights of self-attention over T positions), prints "Correct: ..." or
"Not yet: ..." and never the expected value, and reads the exercise's typical wrong answers
from its registry (ATTENTION_STEP_MISTAKES, EQUAL_SCORES_MISTAKES, LOOKUP_MISTAKES,
SCORE_COUNT_MISTAKES), each with its own hint.
"""

import numpy as np

from ..._validate import positive_int
from ...attention import attention
from ...embedding import as_tokens
from ..checks import Mistake, check_array, check_choice, check_function, edit

SEED = 0

# ---------------------------------------------------------------------------
# 1. The attention step
# ---------------------------------------------------------------------------


def attention_examples(seed=SEED):
    """Three (s (N, d), Hs (N, T, d)) examples: a decoder state and the encoder's states, of
    different sizes, with T != d so that a sum over the wrong axis shows."""
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(n, d)), rng.normal(size=(n, t, d)))
            for n, t, d in [(1, 3, 2), (2, 4, 5), (3, 6, 4)]]


def attention_solution(s, Hs):
    """The notebook's solution: (context (N, d), weights (N, T))."""
    scores = np.sum(Hs * s[:, None, :], axis=2)                   # e_j = s . h_j
    weights = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
    context = np.sum(weights[:, :, None] * Hs, axis=1)            # sum_j a_j h_j
    return context, weights


def _reference(s, Hs):
    """rnnkit's attention, the encoder's states as both keys and values."""
    return attention(s, Hs, Hs)


_WEIGHTS = "weights = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)"

ATTENTION_STEP_MISTAKES = [
    Mistake("no softmax", "the weights are the raw scores: softmax turns them into positive "
                          "weights that sum to 1",
            edit(attention_solution, _WEIGHTS, "weights = scores")),
    Mistake("not normalised", "the weights do not sum to 1: each exp(e_j) must be divided by "
                              "the sum over the positions j",
            edit(attention_solution, _WEIGHTS, "weights = np.exp(scores)")),
    Mistake("softmax over the batch", "the softmax sums over the sequences (axis 0); it must "
                                      "sum over the positions j of each sequence",
            edit(attention_solution, "axis=1, keepdims=True", "axis=0, keepdims=True")),
    Mistake("scores summed over positions", "the scores sum the product over the positions; "
                                            "a score is one number per position j: sum over "
                                            "the features",
            edit(attention_solution, "s[:, None, :], axis=2)", "s[:, None, :], axis=1)")),
    Mistake("plain mean", "the context is the plain mean of the states: each h_j must count "
                          "with its own weight a_j",
            edit(attention_solution, "np.sum(weights[:, :, None] * Hs, axis=1)",
                 "np.mean(Hs, axis=1)")),
    Mistake("last state", "the context is the last encoder state: that is the bottleneck "
                          "attention removes; mix every h_j by its weight",
            edit(attention_solution, "np.sum(weights[:, :, None] * Hs, axis=1)", "Hs[:, -1]")),
    Mistake("swapped", "it returns the weights first; the step returns the context, then the "
                       "weights",
            edit(attention_solution, "return context, weights", "return weights, context")),
]


def check_attention_step(my_attention):
    """Exercise 1: my_attention(s (N, d), Hs (N, T, d)) must return (context (N, d),
    weights (N, T)), as rnnkit.attention.attention(s, Hs, Hs) does."""
    return check_function(my_attention, _reference, attention_examples(), "my_attention",
                          axes=(("N", "d"), ("N", "T")), mistakes=ATTENTION_STEP_MISTAKES,
                          outputs=("context", "weights"))


# ---------------------------------------------------------------------------
# 2. Predict: every score the same
# ---------------------------------------------------------------------------

EQUAL_SCORES_CHOICES = ("the mean of the encoder states", "the last encoder state", "zero")


def equal_scores_context():
    """What the context is when every score ties, found by running rnnkit.attention with a
    query of zeros (every score 0) on random states (3, 5, 4). Returns one of
    EQUAL_SCORES_CHOICES."""
    Hs = np.random.default_rng(SEED).normal(size=(3, 5, 4))
    context, _ = attention(np.zeros((3, 4)), Hs, Hs)
    for answer, value in zip(EQUAL_SCORES_CHOICES, (Hs.mean(axis=1), Hs[:, -1], 0 * context)):
        if np.allclose(context, value):
            return answer
    raise AssertionError("the context is none of the choices")   # pragma: no cover


EQUAL_SCORES_MISTAKES = [
    Mistake("the last state", "that is the context of the encoder-decoder without attention, "
                              "h_T; here every h_j gets a weight", "the last encoder state"),
    Mistake("zero", "equal scores do not give zero weights: softmax turns them into equal "
                    "weights that still sum to 1", "zero"),
]


def check_equal_scores(answer):
    """Exercise 2: answer, one of EQUAL_SCORES_CHOICES (case and spaces do not matter)."""
    return check_choice(answer, equal_scores_context(), "your prediction",
                        mistakes=EQUAL_SCORES_MISTAKES, choices=EQUAL_SCORES_CHOICES)


# ---------------------------------------------------------------------------
# 3. An embedding is a row lookup
# ---------------------------------------------------------------------------


def lookup_solution(W_e, tokens):
    """The notebook's solution: the rows of W_e (V, E) for tokens (T,): (T, E)."""
    return W_e[tokens]


LOOKUP_MISTAKES = [
    Mistake("one-hot only", "those are the one-hot vectors: the embedding is what they pick "
                            "out of W_e", lambda W_e, tokens: np.eye(len(W_e))[tokens]),
    Mistake("first rows", "those are the first T rows of the table, not the rows of these "
                          "tokens", lambda W_e, tokens: W_e[:len(tokens)]),
    Mistake("summed", "the rows are added into one vector (a bag of words): keep one row per "
                      "token, in order", lambda W_e, tokens: W_e[tokens].sum(axis=0)),
    Mistake("the table", "that is the whole table W_e: pick the rows of the tokens",
            lambda W_e, tokens: W_e),
]


def check_lookup(my_rows, W_e, tokens):
    """Exercise 3: my_rows, the embeddings of tokens (T,) in the table W_e (V, E): (T, E),
    compared with one_hot(tokens) @ W_e."""
    W_e = np.array(W_e, dtype=float)
    tokens = as_tokens(tokens, len(W_e))
    expected = np.eye(len(W_e))[tokens] @ W_e                 # the product the lookup replaces
    return check_array(my_rows, expected, "my_rows", axes=("T", "E"), mistakes=LOOKUP_MISTAKES,
                       given=(W_e, tokens))


# ---------------------------------------------------------------------------
# 4. How many scores
# ---------------------------------------------------------------------------


def score_count(T):
    """The number of scores one self-attention layer computes over T positions, counted on
    rnnkit.attention's weights for queries, keys and values all from one sequence."""
    T = positive_int(T, "T")
    X = np.zeros((1, T, 1))
    return int(attention(X, X, X)[1].size)


SCORE_COUNT_MISTAKES = [
    Mistake("one per position", "that is one score per position; each position scores every "
                                "position", lambda T: T),
    Mistake("pairs once", "that counts each pair once: position i scores j and j scores i, two "
                          "different scores, and each position scores itself too",
            lambda T: T * (T - 1) // 2),
    Mistake("not itself", "a position also scores itself", lambda T: T * (T - 1)),
]


def check_score_count(my_count, T):
    """Exercise 4: my_count, the scores one self-attention layer computes for T tokens."""
    return check_choice(my_count, score_count(T), "the number of scores",
                        mistakes=SCORE_COUNT_MISTAKES, given=(T,))
