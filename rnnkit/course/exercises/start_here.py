"""The checks of notebook 00_start_here's exercises.

    check_T(my_T, sentence)               exercise 1: the number of time steps T of a sentence
    check_pulse_left(my_h, x, decay, t)   exercise 2: what a fading sum still holds of a pulse

Each check computes the right answer from the notebook's own data, gives each
typical wrong answer its own hint, and never prints the right answer.
"""

import numpy as np

from ..._validate import as_array, positive_int, real_number
from ...text import tokenize
from ..checks import check_array, check_choice


def check_T(answer, sentence):
    """Exercise 1: T, the number of tokens that tokenize() makes of ``sentence`` (a str).

    answer: the student's count (an int). Prints "Correct: ..." or "Not yet: ..."
    and returns True or False.
    """
    tokens = tokenize(sentence)
    if not tokens:
        raise ValueError(f"sentence must hold at least one word, got {sentence!r}")
    mistakes = [
        (len(tokens) - 1, "one token short: tokenize keeps a punctuation mark as a token of "
                          "its own, and T counts the tokens from 1 (it is not the last index "
                          "from 0)"),
        (len(sentence), "that is the number of characters in the string; T counts tokens "
                        "(words and punctuation marks)"),
        (tokens, "that is the list of tokens itself; T is how many tokens it holds"),
    ]
    return check_choice(answer, len(tokens), "T", mistakes=mistakes)


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
    steps = t - pulse                        # steps of fading since the pulse
    mistakes = [
        (decay ** (steps - 1), f"one factor of {decay} too few: count the steps from the "
                               f"pulse at t = {pulse} to t = {t}"),
        (decay ** (steps + 1), f"one factor of {decay} too many: at the pulse's own step, "
                               f"t = {pulse}, nothing has faded yet"),
        (decay * steps, f"that is {decay} times {steps}: each step *multiplies* what is left "
                        f"by {decay}, so {steps} steps multiply it {steps} times (a power, **)"),
        (decay ** t, f"that counts the steps from t = 0; the pulse arrives at t = {pulse}"),
        ((1 - decay) ** steps, f"that multiplies by what each step loses; the state keeps "
                               f"{decay} of itself at every step"),
        (1 - decay ** steps, "that is how much of the pulse has faded, not how much is left"),
    ]
    if decay != 0.5:
        mistakes.append((0.5 ** steps, f"that uses the decay 0.5 of the example above; this "
                                       f"exercise's decay is {decay}"))
    return check_array(answer, h, f"h_{t}", mistakes=mistakes)

