"""Linear recurrences, h_t = a_t * h_{t-1} + b_t, by a loop of T steps or by a parallel scan of
about log2(T) rounds.

A recurrence whose a_t and b_t do not depend on h (the gates of a minGRU, rnnkit.cells.mingru)
is linear in h, element by element (* is the element-wise product):

    h_t = a_t * h_{t-1} + b_t          a_t, b_t, h_t (N, H); A, B, Hs (N, T, H), as in the course

Two steps make one step of the same form:

    h_t = a_t * (a_{t-1} * h_{t-2} + b_{t-1}) + b_t
        = (a_t * a_{t-1}) * h_{t-2} + (a_t * b_{t-1} + b_t)

so the pairs (a_t, b_t) combine in any grouping, and a **scan** (a prefix sum with this
combination in place of +) finds every h_t in rounds: in round j, every step t is combined at
once with the pair 2^(j-1) steps before it; after it, the pair at t covers the 2^j steps ending
at t (Hillis and Steele 1986). ceil(log2 T) rounds cover all T steps, each round one vectorised
operation over all of them. The loop needs T operations, each waiting for the one before.

    linear_recurrence  the loop: T steps, h_t from h_{t-1}
    doubling_step      one round of the scan: every step t >= k combined with the pair at t - k
    parallel_scan      doubling_step for k = 1, 2, 4, ... < T: the same Hs as the loop
    scan_rounds        how many rounds parallel_scan takes for T steps: ceil(log2 T)
    scan_backward      the gradients of Hs with respect to A, B and h0; the gradient along h
                       is a linear recurrence too, run from t = T down to 1, by a scan or a loop

The scan does more arithmetic than the loop (about T log2 T combinations instead of T); what it
saves is waiting. Blelloch's scan (1990) needs only about 2T combinations in 2 log2 T rounds.
"""

import numpy as np

from ._validate import as_array, initial_state, positive_int


def linear_recurrence(A, B, h0=None, *, check=True):
    """h_t = a_t * h_{t-1} + b_t for t = 1 .. T, one step after another.

    A, B: (N, T, H), a_t and b_t at every step. h0: (N, H), or (H,) for the same state in every
    sequence, or None for zeros (with check=False: an (N, H) array). Returns Hs (N, T, H),
    h_1 .. h_T.
    """
    if check:
        A, B, h0 = _check_recurrence(A, B, h0)
    Hs = np.empty_like(B)
    h = h0
    for t in range(A.shape[1]):
        h = A[:, t] * h + B[:, t]               # waits for h_{t-1}
        Hs[:, t] = h
    return Hs


def doubling_step(A, B, k, *, check=True):
    """One round of the scan: every step t >= k takes in the pair k steps before it, at once
    (t counted from 0 along axis 1, as NumPy counts).

    A, B: (N, T, H), the pairs (a_t, b_t) so far, each standing for k steps:
    h_t = a_t * h_{t-k} + b_t. k: the distance, >= 1. Returns new arrays (A_new, B_new), both
    (N, T, H), with for t >= k

        a_t' = a_t * a_{t-k}        b_t' = a_t * b_{t-k} + b_t

    (so h_t = a_t' * h_{t-2k} + b_t'), and the first k pairs as they were: they already reach
    back to the start, where nothing is left to take in, and their b_t is h_t.
    """
    if check:
        A, B, _ = _check_recurrence(A, B, None)
        k = positive_int(k, "k")
    A_new = np.concatenate([A[:, :k], A[:, k:] * A[:, :-k]], axis=1)
    B_new = np.concatenate([B[:, :k], A[:, k:] * B[:, :-k] + B[:, k:]], axis=1)
    return A_new, B_new


def parallel_scan(A, B, h0=None, *, check=True):
    """The same Hs as linear_recurrence(A, B, h0), in scan_rounds(T) rounds of doubling_step.

    A, B: (N, T, H). h0: (N, H), (H,) or None for zeros (with check=False: an (N, H) array).
    Returns Hs (N, T, H), equal to the loop's up to float rounding (the products are grouped
    differently).
    """
    if check:
        A, B, h0 = _check_recurrence(A, B, h0)
    B = np.concatenate([A[:, :1] * h0[:, None] + B[:, :1], B[:, 1:]], axis=1)  # h_1 = a_1 h_0 + b_1
    k = 1
    while k < A.shape[1]:
        A, B = doubling_step(A, B, k, check=False)
        k *= 2
    return B                                   # every pair now starts at step 1: b_t = h_t


def scan_rounds(T):
    """How many rounds of doubling_step parallel_scan takes for T steps: ceil(log2 T) (0 for
    T = 1)."""
    T = positive_int(T, "T")
    return (T - 1).bit_length()


def scan_backward(dHs, A, Hs, h0=None, *, parallel=True, check=True):
    """Backpropagate h_t = a_t * h_{t-1} + b_t over all T steps.

    dHs: (N, T, H), the loss gradient reaching each h_t from outside the recurrence. A: (N, T, H)
    and Hs (N, T, H) as in the forward pass; h0: (N, H), (H,) or None for zeros.

    The whole gradient at h_t, g_t, is what reaches it directly plus what flows back from h_{t+1}:

        g_t = dHs_t + a_{t+1} * g_{t+1}        (g_T = dHs_T)

    a linear recurrence run from t = T down to 1: reversed in time, parallel_scan computes it
    (parallel=False: linear_recurrence, one step after another). Then
    dL/da_t = g_t * h_{t-1}, dL/db_t = g_t and dL/dh_0 = a_1 * g_1.
    Returns (dA, dB, dh0) with the shapes of A, B and h0 (N, H).
    """
    if check:
        A, dHs, h0 = _check_recurrence(A, dHs, h0, names=("A", "dHs"))
        Hs = as_array(Hs, "Hs", shape=A.shape, why="the hidden states of the forward pass")
    A_next = np.concatenate([A[:, 1:], np.zeros_like(A[:, :1])], axis=1)   # a_{t+1}; none after T
    run = parallel_scan if parallel else linear_recurrence
    nothing_after_T = np.zeros_like(h0)
    G = run(A_next[:, ::-1], dHs[:, ::-1], nothing_after_T, check=False)[:, ::-1]  # reversed
    H_prev = np.concatenate([h0[:, None], Hs[:, :-1]], axis=1)             # h_0 .. h_{T-1}
    return G * H_prev, G, A[:, 0] * G[:, 0]


def _check_recurrence(A, B, h0, names=("A", "B")):
    """A and B (N, T, H) of one shape, and h0 for N sequences of H units (zeros if None)."""
    A = as_array(A, names[0], ndim=3, why="(N, T, H): a_t at every step of every sequence")
    B = as_array(B, names[1], shape=A.shape, why=f"one value per value of {names[0]}")
    return A, B, initial_state(h0, A.shape[0], A.shape[2], A.dtype)
