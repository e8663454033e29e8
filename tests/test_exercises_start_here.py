"""The checks of notebook 00's exercises: the right answer passes, each typical mistake gets
its own hint, and no message gives the answer away."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, verdict

from rnnkit.course.exercises import start_here as ex
from rnnkit.text import tokenize

SENTENCE = "Jim is a young intelligent boy."       # the notebook's exercise 1
PULSE = np.zeros(12)
PULSE[2] = 1.0                                      # the notebook's pulse at t = 3


def test_exercise_1_counts_the_tokens(capsys):
    assert verdict(capsys, ex.check_T, 7, SENTENCE) == (True, "Correct: T is 7.")
    assert verdict(capsys, ex.check_T, np.int64(7), SENTENCE)[0]
    assert verdict(capsys, ex.check_T, 7.0, SENTENCE)[0]
    assert_not_yet(capsys, ex.check_T, 6, SENTENCE, expected=7,
                   hint="one token short: tokenize keeps a punctuation mark as a token")
    assert_not_yet(capsys, ex.check_T, len(SENTENCE), SENTENCE, expected=7,
                   hint="the number of characters in the string")
    assert_not_yet(capsys, ex.check_T, tokenize(SENTENCE), SENTENCE,
                   hint="that is the list of tokens itself")
    assert_not_yet(capsys, ex.check_T, 8, SENTENCE, expected=7, hint="too large by 10% to 50%")
    assert_not_yet(capsys, ex.check_T, "7", SENTENCE, hint="should be of type int, not str")
    assert_not_yet(capsys, ex.check_T, None, SENTENCE, hint="replace None")


def test_exercise_2_what_is_left_of_the_pulse(capsys):
    right = 0.8 ** 3
    assert verdict(capsys, ex.check_pulse_left, right, PULSE, 0.8, 6) == \
        (True, "Correct: h_6 is right.")
    assert verdict(capsys, ex.check_pulse_left, np.float32(right), PULSE, 0.8, 6)[0]
    for wrong, hint in [(0.8 ** 2, "one factor of 0.8 too few"),            # off by one
                        (0.8 ** 4, "one factor of 0.8 too many"),           # off by one
                        (0.8 * 3, "each step *multiplies* what is left"),
                        (0.8 ** 6, "counts the steps from t = 0"),
                        (0.2 ** 3, "multiplies by what each step loses"),
                        (1 - 0.8 ** 3, "how much of the pulse has faded"),
                        (0.5 ** 3, "uses the decay 0.5 of the example above"),
                        (0.5, "too small by less than 10%"),
                        (None, "is None")]:
        assert_not_yet(capsys, ex.check_pulse_left, wrong, PULSE, 0.8, 6, hint=hint,
                       expected=right)


def test_exercise_2_with_the_decay_of_the_example(capsys):
    # with decay 0.5 the "decay of the example" mistake is the right answer: no such hint
    assert verdict(capsys, ex.check_pulse_left, 0.5 ** 3, PULSE, 0.5, 6)[0]
    assert_not_yet(capsys, ex.check_pulse_left, 0.5 ** 2, PULSE, 0.5, 6,
                   hint="one factor of 0.5 too few", expected=0.125)


def test_bad_exercise_data_is_named():
    with pytest.raises(ValueError, match="sentence must hold at least one word"):
        ex.check_T(7, "   ")
    with pytest.raises(TypeError, match="sentence must be a str"):
        ex.check_T(7, ["jim", "is"])
    with pytest.raises(ValueError, match="x must"):
        ex.check_pulse_left(0.5, np.zeros((2, 3)), 0.8, 1)
    with pytest.raises(ValueError, match="x must hold a pulse"):
        ex.check_pulse_left(0.5, np.zeros(5), 0.8, 3)
    with pytest.raises(ValueError, match="t must be a step from 1 to T = 12"):
        ex.check_pulse_left(0.5, PULSE, 0.8, 13)
    with pytest.raises(ValueError, match="t must be a whole number"):
        ex.check_pulse_left(0.5, PULSE, 0.8, 0)
    with pytest.raises((TypeError, ValueError), match="decay"):
        ex.check_pulse_left(0.5, PULSE, "fast", 6)
