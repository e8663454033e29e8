"""The checks of notebook 11, "Train an RNN in parallel".

    from rnnkit.course.exercises import parallel_rnns as ex
    ex.check_mingru_step(my_mingru_step)           # exercise 1: write the minGRU step
    ex.check_doubling_step(my_doubling_step)       # exercise 2: write one round of the scan
    ex.check_scan_rounds(my_rounds, T=1024)        # exercise 3: predict, then check

Each check works out the right answer itself with rnnkit (mingru_step, scan.doubling_step,
scan.scan_rounds), prints "Correct: ..." or "Not yet: ..." and never the expected value,
and reads the exercise's typical wrong answers from its registry (MINGRU_STEP_MISTAKES,
DOUBLING_STEP_MISTAKES, SCAN_ROUNDS_MISTAKES): z_t read as Keras' GRU reads it, a tanh
on the candidate, a pair combined with the one ahead instead of behind, the loop's count
of steps for the scan's rounds, each with its own hint.
"""

import numpy as np

from ..._validate import positive_int
from ...activations import sigmoid
from ...cells.mingru import mingru_step
from ...scan import doubling_step, scan_rounds
from ..checks import Mistake, check_choice, check_function, edit

# ---------------------------------------------------------------------------
# 1. The minGRU step
# ---------------------------------------------------------------------------


def mingru_step_examples():
    """Two (x_t (N, 3), h_prev (N, 4), W_x (3, 8), b (8,)) examples, for N = 1 and N = 4, with
    a non-zero bias."""
    rng = np.random.default_rng(11)
    return [(rng.normal(size=(n, 3)), rng.normal(size=(n, 4)), rng.normal(size=(3, 8)),
             rng.normal(size=8)) for n in (1, 4)]


def mingru_step_solution(x_t, h_prev, W_x, b):
    """The notebook's solution: h_t (N, H)."""
    a_z, a_h = np.split(x_t @ W_x + b, 2, axis=1)
    z = sigmoid(a_z)
    return (1 - z) * h_prev + z * a_h


def _reference_step(x_t, h_prev, W_x, b):
    """rnnkit's step, h_t only."""
    return mingru_step(x_t, h_prev, W_x, b)[0]


_UPDATE = "(1 - z) * h_prev + z * a_h"

MINGRU_STEP_MISTAKES = [
    Mistake("Keras' z", "z_t keeps h_{t-1} in yours, as in Keras' GRU of notebook 08; in the "
                        "paper's minGRU z_t is the share replaced by the candidate",
            edit(mingru_step_solution, _UPDATE, "z * h_prev + (1 - z) * a_h")),
    Mistake("tanh candidate", "the candidate is squashed by a tanh: the minGRU's h~_t is a "
                              "linear function of x_t",
            edit(mingru_step_solution, "z * a_h", "z * np.tanh(a_h)")),
    Mistake("blocks swapped", "the two blocks are swapped: W_x holds z's block first, then the "
                              "candidate's",
            edit(mingru_step_solution, "a_z, a_h =", "a_h, a_z =")),
    Mistake("no sigmoid", "z_t is not squashed: a gate is a sigmoid, between 0 and 1",
            edit(mingru_step_solution, "sigmoid(a_z)", "a_z")),
    Mistake("no bias", "the bias b is missing", edit(mingru_step_solution, " + b,", ",")),
    Mistake("no old state", "h_{t-1} is missing: the new state keeps a share of the old one",
            edit(mingru_step_solution, _UPDATE, "z * a_h")),
    Mistake("split along the batch", "x_t @ W_x + b is cut along axis 0, the examples, not into "
                                     "its two blocks of units side by side",
            edit(mingru_step_solution, "2, axis=1", "2, axis=0")),
]


def check_mingru_step(my_mingru_step):
    """Exercise 1: my_mingru_step(x_t (N, D), h_prev (N, H), W_x (D, 2H), b (2H,)) must return
    h_t (N, H), as rnnkit.cells.mingru.mingru_step does."""
    return check_function(my_mingru_step, _reference_step, mingru_step_examples(),
                          "my_mingru_step", axes=("N", "H"), mistakes=MINGRU_STEP_MISTAKES)


# ---------------------------------------------------------------------------
# 2. One round of the scan
# ---------------------------------------------------------------------------


def doubling_step_examples():
    """Three (A (N, T, H), B (N, T, H), k) examples: k = 1, 2 and 4 on 9 to 12 steps, with a_t
    in (0, 1) as a minGRU's 1 - z_t."""
    rng = np.random.default_rng(12)
    return {f"k = {k}, T = {T}": (rng.uniform(0.0, 1.0, size=(n, T, h)),
                                  rng.normal(size=(n, T, h)), k)
            for n, T, h, k in [(2, 9, 3, 1), (3, 10, 2, 2), (2, 12, 3, 4)]}


def doubling_step_solution(A, B, k):
    """The notebook's solution: (A_new, B_new), each (N, T, H)."""
    A_new, B_new = A.copy(), B.copy()
    A_new[:, k:] = A[:, k:] * A[:, :-k]
    B_new[:, k:] = A[:, k:] * B[:, :-k] + B[:, k:]
    return A_new, B_new


_B_LINE = "B_new[:, k:] = A[:, k:] * B[:, :-k] + B[:, k:]"

DOUBLING_STEP_MISTAKES = [
    Mistake("the new a_t in b_t", "b_t' is computed with a_t after this round's update: both "
                                  "lines read the pairs as they were before the round",
            edit(doubling_step_solution, _B_LINE,
                 "B_new[:, k:] = A_new[:, k:] * B[:, :-k] + B[:, k:]")),
    Mistake("looks ahead", "each step takes in the pair k steps ahead of it; the scan looks "
                           "back: step t takes in the pair at t - k",
            edit(doubling_step_solution,
                 "A_new[:, k:] = A[:, k:] * A[:, :-k]", "A_new[:, :-k] = A[:, :-k] * A[:, k:]",
                 _B_LINE, "B_new[:, :-k] = A[:, :-k] * B[:, k:] + B[:, :-k]")),
    Mistake("order of the two steps", "the two pairs are composed in the wrong order: the pair "
                                      "k steps back acts on h first, then step t's pair",
            edit(doubling_step_solution, _B_LINE,
                 "B_new[:, k:] = A[:, :-k] * B[:, k:] + B[:, :-k]")),
    Mistake("a_t not updated", "a_t is left as it was: a round changes a pair's a as well as "
                               "its b, or the next round joins the wrong spans",
            edit(doubling_step_solution, "    A_new[:, k:] = A[:, k:] * A[:, :-k]\n", "")),
    Mistake("b without a_t", "b_{t-k} is added as it is, as if step t let all of it through",
            edit(doubling_step_solution, _B_LINE,
                                           "B_new[:, k:] = B[:, :-k] + B[:, k:]")),
    Mistake("axis 0", "the slices cut axis 0, the sequences (N); the steps are axis 1",
            edit(doubling_step_solution,
                 "A_new[:, k:] = A[:, k:] * A[:, :-k]", "A_new[k:] = A[k:] * A[:-k]",
                 _B_LINE, "B_new[k:] = A[k:] * B[:-k] + B[k:]")),
]


def check_doubling_step(my_doubling_step):
    """Exercise 2: my_doubling_step(A (N, T, H), B (N, T, H), k) must return (A_new, B_new), as
    rnnkit.scan.doubling_step does, leaving A and B as they were."""
    return check_function(my_doubling_step, doubling_step, doubling_step_examples(),
                          "my_doubling_step", axes=(("N", "T", "H"), ("N", "T", "H")),
                          mistakes=DOUBLING_STEP_MISTAKES, outputs=("A_new", "B_new"))


# ---------------------------------------------------------------------------
# 3. How many rounds
# ---------------------------------------------------------------------------


def scan_rounds_solution(T):
    """The notebook's solution: the doublings 1, 2, 4, ... below T, one round each."""
    return int(np.ceil(np.log2(T)))


SCAN_ROUNDS_MISTAKES = [
    Mistake("the loop's steps", "that is how many steps the loop takes; the scan's rounds each "
                                "double how far back every pair reaches", lambda T: T),
    Mistake("half of T", "halving T once is not enough: the reach doubles every round",
            lambda T: T // 2),
    Mistake("one round too many", "one round too many: the last round's k must be below T, and "
                                  "after it every pair reaches step 1",
            edit(scan_rounds_solution, "np.ceil(np.log2(T))", "np.ceil(np.log2(T)) + 1")),
    Mistake("one round too few", "one round too few: after it some pairs do not yet reach back "
                                 "to step 1", edit(scan_rounds_solution, "np.ceil(np.log2(T))",
                                                   "np.ceil(np.log2(T)) - 1")),
    Mistake("Blelloch's", "that is the count of Blelloch's scan (a sweep up and one down); the "
                          "doubling scan of section 3 needs one round per doubling",
            edit(scan_rounds_solution, "np.ceil(np.log2(T))", "2 * np.ceil(np.log2(T))")),
]


def check_scan_rounds(my_rounds, T):
    """Exercise 3: my_rounds, the rounds rnnkit.scan.parallel_scan takes for T steps."""
    T = positive_int(T, "T")
    return check_choice(my_rounds, scan_rounds(T), "your number of rounds",
                        mistakes=SCAN_ROUNDS_MISTAKES, given=(T,))
