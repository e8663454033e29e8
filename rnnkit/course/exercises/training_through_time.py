"""The checks of notebook 05's exercises (training through time).

    check_bptt_loop(my_rnn_backward, dHs, X, h0, Hs, W_xh, W_hh)   exercise 1: the BPTT loop
    check_gradient_fate(answer, params, X, rho, input_size)        exercises 2 and 3: predict
    check_clipped(answer, grads, max_norm)                         exercise 4: clip by hand

Each computes the right answer with rnnkit from the notebook's data, prints
one line, "Correct: ..." or "Not yet: ...", returns True or False, and never
prints the answer. Each reads its exercise's typical mistakes from a registry
(BPTT_MISTAKES, GRADIENT_FATE_MISTAKES, CLIPPED_MISTAKES) and gives each its own hint.
"""

import numpy as np

from ... import gradients
from ..._validate import as_array, positive, positive_int
from ...cells.rnn import rnn_backward, rnn_forward
from ...optim import clip_by_global_norm
from ..checks import Mistake, check_array, check_choice, check_function, edit

# ---------------------------------------------------------------- exercise 1: the BPTT loop

OUTPUTS = ("dX", "dh0", "dW_xh", "dW_hh", "db_h")
_AXES = (("N", "T", "D"), ("N", "H"), ("D", "H"), None, ("H",))   # W_hh: (H, H), by index


def bptt_solution(dHs, X, h0, Hs, W_xh, W_hh):
    """The notebook's solution: (dX, dh0, dW_xh, dW_hh, db_h), as rnnkit.rnn_backward."""
    N, T, D = X.shape
    dX = np.zeros_like(X)
    dW_xh, dW_hh, db_h = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0])
    dh_next = np.zeros_like(h0)
    for t in range(T - 1, -1, -1):
        h_prev = Hs[:, t - 1] if t > 0 else h0
        dh = dHs[:, t] + dh_next
        da = dh * (1 - Hs[:, t] ** 2)
        dX[:, t] = da @ W_xh.T
        dW_xh += X[:, t].T @ da
        dW_hh += h_prev.T @ da
        db_h += da.sum(axis=0)
        dh_next = da @ W_hh.T
    return dX, dh_next, dW_xh, dW_hh, db_h


BPTT_MISTAKES = [
    Mistake("no loop", "every gradient is still zero: write the loop that fills them",
            edit(bptt_solution, "range(T - 1, -1, -1)", "[]")),
    Mistake("no dh_next", "only dHs[:, t] reaches h_t here; the gradient flowing back from "
                          "h_{t+1}, dh_next, reaches it too",
            edit(bptt_solution, "dh = dHs[:, t] + dh_next", "dh = dHs[:, t]")),
    Mistake("forwards", "the loop runs forwards in time, but the gradient of h_t needs that of "
                        "h_{t+1} first", edit(bptt_solution, "range(T - 1, -1, -1)", "range(T)")),
    Mistake("no tanh", "the gradient skips tanh: on its way to the weights it must pass "
                       "through tanh's slope at h_t",
            edit(bptt_solution, "da = dh * (1 - Hs[:, t] ** 2)", "da = dh")),
    Mistake("h_t in dW_hh", "dW_hh is built from h_t, but in the forward step W_hh multiplies "
                            "the state before it, h_{t-1}",
            edit(bptt_solution, "dW_hh += h_prev.T @ da", "dW_hh += Hs[:, t].T @ da")),
    Mistake("Hs[:, -1] as h0", "at t = 0, Hs[:, t - 1] is Hs[:, -1], the last state; the state "
                               "before the first step is h0",
            edit(bptt_solution, "Hs[:, t - 1] if t > 0 else h0", "Hs[:, t - 1]")),
    Mistake("last share only", "each step replaces the weight gradients with its own share, so "
                               "only the last step's is left; every step uses the same weights",
            edit(bptt_solution, "dW_xh +=", "dW_xh =", "dW_hh +=", "dW_hh =", "db_h +=",
                 "db_h =")),
    Mistake("W_hh not transposed", "dh_next crosses W_hh as it is; going back, the gradient "
                                   "crosses it the other way round",
            edit(bptt_solution, "dh_next = da @ W_hh.T", "dh_next = da @ W_hh")),
    Mistake("W_xh not transposed", "dX[:, t] multiplies da by W_xh as it is, and the shapes do "
                                   "not line up: going back, the gradient crosses W_xh the "
                                   "other way round",
            edit(bptt_solution, "dX[:, t] = da @ W_xh.T", "dX[:, t] = da @ W_xh")),
]


def _second_example():
    """A smaller batch of a different shape, with a non-zero starting state h0."""
    rng = np.random.default_rng(5)
    N, T, D, H = 3, 4, 2, 3
    W_xh, W_hh, b_h = rng.normal(size=(D, H)), 0.6 * rng.normal(size=(H, H)), rng.normal(size=H)
    X, h0 = rng.normal(size=(N, T, D)), np.tanh(rng.normal(size=(N, H)))
    Hs = rnn_forward(X, h0, W_xh, W_hh, b_h)
    return rng.normal(size=(N, T, H)), X, h0, Hs, W_xh, W_hh


def check_bptt_loop(function, dHs, X, h0, Hs, W_xh, W_hh):
    """Exercise 1: a BPTT loop written by the student, against rnnkit.rnn_backward.

    function(dHs, X, h0, Hs, W_xh, W_hh) must return (dX, dh0, dW_xh, dW_hh,
    db_h) as rnn_backward does. The arguments are the notebook's example:
    dHs (N, T, H) the gradient each output sends to h_t, X (N, T, D),
    h0 (N, H), Hs (N, T, H) from the forward pass, W_xh (D, H), W_hh (H, H).
    The function also runs on a second, smaller example with a non-zero h0.
    Prints the first problem found (with a hint if it is a typical mistake).
    """
    examples = {"the notebook's arrays": (dHs, X, h0, Hs, W_xh, W_hh),
                "a batch of 3 sequences with a non-zero h0": _second_example()}
    return check_function(function, rnn_backward, examples, "my_rnn_backward", axes=_AXES,
                          mistakes=BPTT_MISTAKES,
                          outputs=OUTPUTS, against="rnnkit.rnn_backward",
                          none_hint="write the loop, then return the five gradients")


# ---------------------------------------------------------------- exercises 2 and 3: predict

CHOICES = ("vanishing", "exploding", "roughly kept")

GRADIENT_FATE_MISTAKES = [
    Mistake("vanishing", "{per_step}", "vanishing"),
    Mistake("exploding", "{explode}", "exploding"),
    Mistake("roughly kept", "{per_step}", "roughly kept"),
]


def check_gradient_fate(answer, params, X, rho, input_size, k=30):
    """Exercises 2 and 3: what happens to the gradient k steps back.

    answer: "vanishing", "exploding" or "roughly kept". params: the cell's
    weights W_xh (D, H), W_hh (H, H), b_h (H,) (a SimpleRNN's params); X:
    (N, T, D) sequences; the network runs with W_hh scaled to spectral radius
    rho on the inputs input_size * X, the loss on the last step. The right
    word is gradients.fate of the fraction of the gradient left k steps back.
    """
    rho, input_size = positive(rho, "rho"), positive(input_size, "input_size")
    k = positive_int(k, "k")
    cell = dict(params, W_hh=gradients.scale_to_spectral_radius(params["W_hh"], rho))
    norms = gradients.gradient_norms_through_time(cell, input_size * X)
    if k >= len(norms):
        raise ValueError(f"k must be below T = {len(norms)}, the length of X's sequences; "
                         f"got {k}")
    right = gradients.fate(norms[k] / norms[0])
    if gradients.tanh_slopes(cell, input_size * X).mean() > 0.95:
        per_step = (f"with these inputs tanh's slope stays near 1, so each step back "
                    f"multiplies the gradient by about rho = {rho:g}, {k} times over")
    else:
        per_step = ("these inputs push tanh into its flat parts, so each step back multiplies "
                    "the gradient by rho and by slopes of tanh well below 1 (section 3's "
                    "table gives the factor per step)")
    if np.linalg.norm(cell["W_hh"], 2) <= 1 + 1e-9:      # the largest singular value
        explode = ("tanh's slope is at most 1 and this W_hh stretches no vector (its singular "
                   "values are at most 1), so no step back can make the gradient longer")
    elif rho > 1:
        explode = f"rho > 1 is needed for an explosion but not enough; {per_step}"
    else:
        explode = per_step
    return check_choice(answer, right, "your prediction", mistakes=GRADIENT_FATE_MISTAKES,
                        facts={"per_step": per_step, "explode": explode}, choices=CHOICES)


# ---------------------------------------------------------------- exercise 4: clip by hand


def clipped_solution(grads, max_norm, key):
    """The notebook's solution: grads[key] scaled so that every array of grads together has a
    global norm of at most max_norm."""
    norm = np.sqrt(sum((g ** 2).sum() for g in grads.values()))
    return grads[key] * min(1.0, max_norm / norm)


CLIPPED_MISTAKES = [
    Mistake("not scaled", "its global norm is above max_norm, so it must be scaled down",
            edit(clipped_solution, "grads[key] * min(1.0, max_norm / norm)", "grads[key]")),
    Mistake("np.clip", "np.clip caps each value on its own; clipping by norm scales the whole "
                       "gradient and keeps its direction",
            edit(clipped_solution, "grads[key] * min(1.0, max_norm / norm)",
                 "np.clip(grads[key], -max_norm, max_norm)")),
    Mistake("upside down", "that makes it longer: the factor is upside down",
            edit(clipped_solution, "min(1.0, max_norm / norm)", "norm / max_norm")),
    Mistake("norm 1", "that has global norm 1, not max_norm",
            edit(clipped_solution, "min(1.0, max_norm / norm)", "(1 / norm)")),
    Mistake("scaled up", "that scales it up: clipping never makes a gradient longer",
            edit(clipped_solution, "min(1.0, max_norm / norm)", "(max_norm / norm)")),
    Mistake("own norm", "the norm is global, over every array together ({keys}), not over "
                        "{key} alone", edit(clipped_solution, "grads.values()", "[grads[key]]")),
]


def check_clipped(answer, grads, max_norm, key="W_hh"):
    """Exercise 4: grads[key] clipped by the global norm of every array in grads.

    answer: the student's clipped array. grads: a dict of gradient arrays
    (here W_hh (H, H) and b_h (H,)); max_norm: the largest global norm
    allowed, > 0. The right answer is rnnkit.clip_by_global_norm's.
    """
    if not isinstance(grads, dict) or key not in grads:
        raise ValueError(f"grads must be a dict of arrays holding key {key!r}; got "
                         f"{type(grads).__name__}")
    clipped, _ = clip_by_global_norm(grads, max_norm)
    arrays = {name: as_array(g, f"grads[{name!r}]") for name, g in grads.items()}
    return check_array(answer, clipped[key], f"the clipped {key}", mistakes=CLIPPED_MISTAKES,
                       given=(arrays, positive(max_norm, "max_norm"), key),
                       facts={"keys": ", ".join(grads), "key": key},
                       inputs={f"grads[{name!r}]": g for name, g in grads.items()})
