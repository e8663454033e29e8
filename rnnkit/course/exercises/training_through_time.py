"""The checks of notebook 05's exercises (training through time).

    check_bptt_loop(my_rnn_backward, dHs, X, h0, Hs, W_xh, W_hh)   exercise 1: the BPTT loop
    check_gradient_fate(answer, params, X, rho, input_size)        exercises 2 and 3: predict
    check_clipped(answer, grads, max_norm)                         exercise 4: clip by hand

Each computes the right answer with rnnkit from the notebook's data, prints
one line, "Correct: ..." or "Not yet: ...", returns True or False, and never
prints the answer. Each knows its exercise's typical mistakes and gives each
its own hint.
"""

import numpy as np

from ... import gradients
from ..._validate import as_array, positive, positive_int
from ...cells.rnn import rnn_backward, rnn_forward
from ...optim import clip_by_global_norm
from ..checks import call_examples, check_array, check_choice, diagnose, verdict

OUTPUTS = ("dX", "dh0", "dW_xh", "dW_hh", "db_h")
_AXES = (("N", "T", "D"), ("N", "H"), ("D", "H"), None, ("H",))   # W_hh: (H, H), by index

# The typical mistakes in a BPTT loop, each with the hint its author needs.
BPTT_MISTAKES = {
    "no dh_next": "the gradient reaching h_t has two sources, dHs[:, t] from its output and "
                  "dh_next flowing back from h_{t+1}: add both",
    "forwards": "BPTT walks backwards: the gradient of h_t needs that of h_{t+1} first, so "
                "loop t from T - 1 down to 0",
    "no tanh": "the gradient must pass through tanh before it reaches the weights: multiply "
               "by its slope, 1 - h_t**2",
    "h_t in dW_hh": "W_hh multiplies h_{t-1} in the forward step, so dW_hh gathers "
                    "h_prev.T @ da, not h_t.T @ da",
    "Hs[:, -1] as h0": "at t = 0, Hs[:, t - 1] is Hs[:, -1], the last state; the state before "
                       "the first step is h0",
    "last share only": "every step uses the same W_xh, W_hh and b_h, so add each step's share "
                       "(+=) instead of replacing the last one (=)",
}


def _bptt_with(mistake, dHs, X, h0, Hs, W_xh, W_hh):
    """BPTT with one of BPTT_MISTAKES in it: what a student who made it computes."""
    T = X.shape[1]
    dX = np.zeros_like(X)
    dW_xh, dW_hh, db_h = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0])
    dh_next = np.zeros_like(h0)
    for t in range(T) if mistake == "forwards" else range(T - 1, -1, -1):
        h_prev = Hs[:, t - 1] if t > 0 or mistake == "Hs[:, -1] as h0" else h0
        dh = dHs[:, t] if mistake == "no dh_next" else dHs[:, t] + dh_next
        da = dh if mistake == "no tanh" else dh * (1 - Hs[:, t] ** 2)
        dX[:, t] = da @ W_xh.T
        state = Hs[:, t] if mistake == "h_t in dW_hh" else h_prev
        shares = (X[:, t].T @ da, state.T @ da, da.sum(axis=0))
        if mistake == "last share only":
            dW_xh, dW_hh, db_h = shares
        else:
            dW_xh, dW_hh, db_h = dW_xh + shares[0], dW_hh + shares[1], db_h + shares[2]
        dh_next = da @ W_hh.T
    return dX, dh_next, dW_xh, dW_hh, db_h


def _second_example():
    """A smaller batch of a different shape, with a non-zero starting state h0."""
    rng = np.random.default_rng(5)
    N, T, D, H = 3, 4, 2, 3
    W_xh, W_hh, b_h = rng.normal(size=(D, H)), 0.6 * rng.normal(size=(H, H)), rng.normal(size=H)
    X, h0 = rng.normal(size=(N, T, D)), np.tanh(rng.normal(size=(N, H)))
    Hs = rnn_forward(X, h0, W_xh, W_hh, b_h)
    return rng.normal(size=(N, T, H)), X, h0, Hs, W_xh, W_hh


def _matches(got, want):
    return diagnose(got, want) is None


def check_bptt_loop(function, dHs, X, h0, Hs, W_xh, W_hh):
    """Exercise 1: a BPTT loop written by the student, against rnnkit.rnn_backward.

    function(dHs, X, h0, Hs, W_xh, W_hh) must return (dX, dh0, dW_xh, dW_hh,
    db_h) as rnn_backward does. The arguments are the notebook's example:
    dHs (N, T, H) the gradient each output sends to h_t, X (N, T, D),
    h0 (N, H), Hs (N, T, H) from the forward pass, W_xh (D, H), W_hh (H, H).
    The function also runs on a second, smaller example with a non-zero h0.
    Prints the first problem found (with a hint if it is a typical mistake).
    """
    name = getattr(function, "__name__", "your function")
    examples = [(dHs, X, h0, Hs, W_xh, W_hh), _second_example()]
    expected = [rnn_backward(*example) for example in examples]
    results, problem = call_examples(function, examples, name, none_hint="write the loop, then "
                                     "return dX, dh_next, dW_xh, dW_hh, db_h")
    if problem is not None:
        return verdict(False, problem)
    for got in results:
        if not isinstance(got, (tuple, list)) or len(got) != len(OUTPUTS):
            return verdict(False, f"{name} must return five arrays, {', '.join(OUTPUTS)} "
                               f"(dh0 is the last dh_next); got {type(got).__name__}"
                               + (f" of length {len(got)}" if isinstance(got, (tuple, list))
                                  else ""))
    if all(_matches(g, np.zeros(np.shape(w))) for g, w in zip(results[0], expected[0])):
        return verdict(False, f"every gradient {name} returns is still zero: write the loop that "
                           f"fills them")
    wrong = {mistake: [_bptt_with(mistake, *example) for example in examples]
             for mistake in BPTT_MISTAKES}
    for i, (output, axes) in enumerate(zip(OUTPUTS, _AXES)):
        for number, (got, want) in enumerate(zip(results, expected), start=1):
            problem = diagnose(got[i], want[i], output, axes=axes)
            if problem is None:
                continue
            for mistake, hint in BPTT_MISTAKES.items():
                if all(_matches(g[i], w[i]) for g, w in zip(results, wrong[mistake])):
                    return verdict(False, f"{output} is wrong: {hint}")
            where = "" if number == 1 else " (a batch of 3 sequences with a non-zero h0)"
            return verdict(False, f"example {number}{where}: {problem}")
    return verdict(True, f"{name} agrees with rnnkit.rnn_backward on both examples: "
                      f"{', '.join(OUTPUTS)}.")


CHOICES = ("vanishing", "exploding", "roughly kept")


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
    linear = gradients.tanh_slopes(cell, input_size * X).mean() > 0.95
    if linear:
        per_step = (f"with these inputs tanh's slope 1 - h_t**2 stays near 1, so each step back "
                    f"multiplies the gradient by about rho: work out {rho:g}**{k}")
    else:
        per_step = ("these inputs push tanh into its flat parts, so each step back multiplies "
                    "the gradient by rho and by slopes 1 - h_t**2 well below 1 (section 3's "
                    "table gives the factor per step)")
    if np.linalg.norm(cell["W_hh"], 2) <= 1 + 1e-9:      # the largest singular value
        explode = ("tanh's slope is at most 1 and this W_hh stretches no vector (its singular "
                   "values are at most 1), so no step back can make the gradient longer")
    elif rho > 1:
        explode = f"rho > 1 is needed for an explosion but not enough; {per_step}"
    else:
        explode = per_step
    mistakes = [(word, explode if word == "exploding" else per_step)
                for word in CHOICES if word != right]
    if isinstance(answer, str):
        answer = " ".join(answer.lower().split())
        if answer not in CHOICES:
            mistakes.append((answer, 'is not one of the three choices: "vanishing", '
                                     '"exploding" or "roughly kept"'))
    return check_choice(answer, right, "your prediction", mistakes=mistakes)


def check_clipped(answer, grads, max_norm, key="W_hh"):
    """Exercise 4: grads[key] clipped by the global norm of every array in grads.

    answer: the student's clipped array. grads: a dict of gradient arrays
    (here W_hh (H, H) and b_h (H,)); max_norm: the largest global norm
    allowed, > 0. The right answer is rnnkit.clip_by_global_norm's.
    """
    if not isinstance(grads, dict) or key not in grads:
        raise ValueError(f"grads must be a dict of arrays holding key {key!r}; got "
                         f"{type(grads).__name__}")
    clipped, norm = clip_by_global_norm(grads, max_norm)
    max_norm = positive(max_norm, "max_norm")
    g = as_array(grads[key], f"grads[{key!r}]")
    own = float(np.sqrt((g ** 2).sum()))
    mistakes = [
        (np.clip(g, -max_norm, max_norm), "np.clip caps each value on its own; clipping by norm "
                                          "scales the whole gradient and keeps its direction"),
        (g * norm / max_norm, "that makes it longer: scale by max_norm / norm, not the inverse"),
        (g / norm, "that has global norm 1: scale to length max_norm"),
    ]
    if norm > max_norm:
        mistakes.insert(0, (g, "its global norm is above max_norm, so it must be scaled down"))
    if own > 0:
        mistakes.append((g * max_norm / own, f"the norm is global, over every array together "
                                             f"({', '.join(grads)}), not over {key} alone"))
    return check_array(answer, clipped[key], f"the clipped {key}", mistakes=mistakes)
