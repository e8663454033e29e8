"""The checks of notebook 00_start_here's exercises.

    check_T(my_T, sentence)               exercise 1: the number of time steps T of a sentence
    check_pulse_left(my_h, x, decay, t)   exercise 2: what a fading sum still holds of a pulse

Each check computes the right answer from the notebook's own data, reads the typical
wrong answers from its exercise's registry (T_MISTAKES, PULSE_LEFT_MISTAKES), gives each
its own hint, and never prints the right answer.
"""

import numpy as np

from ..._validate import as_array, positive_int, real_number
from ...lm import tokenize
from ..checks import Mistake, check_array, check_choice, edit


def T_solution(sentence):
    """The notebook's solution: how many tokens tokenize() makes of ``sentence``."""
    return len(tokenize(sentence))


T_MISTAKES = [
    Mistake("one short", "one token short: tokenize keeps a punctuation mark as a token of its "
                         "own, and T counts the tokens from 1 (it is not the last index from 0)",
            edit(T_solution, "len(tokenize(sentence))", "len(tokenize(sentence)) - 1")),
    Mistake("characters", "that is the number of characters in the string; T counts tokens "
                          "(words and punctuation marks)",
            edit(T_solution, "len(tokenize(sentence))", "len(sentence)")),
    Mistake("the tokens", "that is the list of tokens itself; T is how many tokens it holds",
            edit(T_solution, "len(tokenize(sentence))", "tokenize(sentence)")),
]


def check_T(answer, sentence):
    """Exercise 1: T, the number of tokens that tokenize() makes of ``sentence`` (a str).

    answer: the student's count (an int). Prints "Correct: ..." or "Not yet: ..."
    and returns True or False.
    """
    tokens = tokenize(sentence)
    if not tokens:
        raise ValueError(f"sentence must hold at least one word, got {sentence!r}")
    return check_choice(answer, len(tokens), "T", mistakes=T_MISTAKES, given=(sentence,))


def pulse_left_solution(x, decay, t):
    """What h_t = decay * h_{t-1} + x_t still holds of a single pulse of 1 in x (T,)."""
    pulse = int(np.flatnonzero(x)[0]) + 1
    return decay ** (t - pulse)


def _pulse_left_with(wrong):
    return edit(pulse_left_solution, "decay ** (t - pulse)", wrong)


PULSE_LEFT_MISTAKES = [
    Mistake("a factor too few", "one factor of {decay} too few: count the steps from the pulse "
                                "at t = {pulse} to t = {t}",
            _pulse_left_with("decay ** (t - pulse - 1)")),
    Mistake("a factor too many", "one factor of {decay} too many: at the pulse's own step, "
                                 "t = {pulse}, nothing has faded yet",
            _pulse_left_with("decay ** (t - pulse + 1)")),
    Mistake("times, not to the power", "that is {decay} times {steps}: each step *multiplies* "
                                       "what is left by {decay}; it does not add {decay} once "
                                       "per step", _pulse_left_with("decay * (t - pulse)")),
    Mistake("counted from 0", "that counts the steps from t = 0; the pulse arrives at "
                              "t = {pulse}", _pulse_left_with("decay ** t")),
    Mistake("what each step loses", "that multiplies by what each step loses; the state keeps "
                                    "{decay} of itself at every step",
            _pulse_left_with("(1 - decay) ** (t - pulse)")),
    Mistake("what has faded", "that is how much of the pulse has faded, not how much is left",
            _pulse_left_with("1 - decay ** (t - pulse)")),
    Mistake("the example's decay", "that uses the decay 0.5 of the example above; this "
                                   "exercise's decay is {decay}",
            _pulse_left_with("0.5 ** (t - pulse)")),
]


def check_pulse_left(answer, x, decay, t):
    """Exercise 2: h_t of the fading sum h_t = decay * h_{t-1} + x_t, h_0 = 0.

    answer: the student's h_t (a number). x: (T,) the inputs x_1 ... x_T, one
    pulse (the first non-zero value) and zeros. decay: the number in front of
    h_{t-1}. t: the step asked about, from 1 to T.
    """
    x = as_array(x, "x", ndim=1, why="the inputs x_1 ... x_T")
    decay = real_number(decay, "decay")
    t = positive_int(t, "t")
    if t > len(x):
        raise ValueError(f"t must be a step from 1 to T = {len(x)}, got {t}")
    if not np.any(x[:t]):
        raise ValueError(f"x must hold a pulse (a non-zero value) at or before step t = {t}")
    h = 0.0
    for x_t in x[:t]:                        # the notebook's running state, step by step
        h = decay * h + x_t
    pulse = int(np.flatnonzero(x)[0]) + 1    # the pulse's step, counted from 1
    facts = {"decay": f"{decay:g}", "pulse": pulse, "t": t, "steps": t - pulse}
    return check_array(answer, h, f"h_{t}", mistakes=PULSE_LEFT_MISTAKES, given=(x, decay, t),
                       facts=facts)
