"""The checks of notebook 00's exercises: the right answer passes, each typical mistake of
the registries gets its own hint, and no message gives the answer away."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, verdict, wrong_answer

from rnnkit.course.exercises import start_here as ex

SENTENCE = "Jim is a young intelligent boy."       # the notebook's exercise 1
PULSE = np.zeros(12)
PULSE[2] = 1.0                                      # the notebook's pulse at t = 3


def test_exercise_1_counts_the_tokens(capsys):
    assert verdict(capsys, ex.check_T, 7, SENTENCE) == (True, "Correct: T is 7.")
    for right in (np.int64(7), 7.0, ex.T_solution(SENTENCE)):
        assert verdict(capsys, ex.check_T, right, SENTENCE)[0]
    for wrong, hint in [(8, "too large by 10% to 50%"), ("7", "should be of type int, not str"),
                        (None, "replace None"), (True, "a bool")]:
        assert_not_yet(capsys, ex.check_T, wrong, SENTENCE, hint=hint, expected=7)


@pytest.mark.parametrize("mistake", cases(ex.T_MISTAKES))
def test_exercise_1_each_typical_mistake(capsys, mistake):
    assert_not_yet(capsys, ex.check_T, wrong_answer(mistake, SENTENCE), SENTENCE, hint=mistake,
                   expected=7)


def test_exercise_2_what_is_left_of_the_pulse(capsys):
    right = 0.8 ** 3
    assert verdict(capsys, ex.check_pulse_left, right, PULSE, 0.8, 6) == \
        (True, "Correct: h_6 is right.")
    assert verdict(capsys, ex.check_pulse_left, np.float32(right), PULSE, 0.8, 6)[0]
    for wrong, hint in [(0.5, "too small by less than 10%"), (None, "is None"),
                        ("0.512", "must be numbers; got str")]:
        assert_not_yet(capsys, ex.check_pulse_left, wrong, PULSE, 0.8, 6, hint=hint,
                       expected=right)


@pytest.mark.parametrize("decay", [0.8, 0.5])
@pytest.mark.parametrize("mistake", cases(ex.PULSE_LEFT_MISTAKES))
def test_exercise_2_each_typical_mistake(capsys, mistake, decay):
    wrong, right = wrong_answer(mistake, PULSE, decay, 6), decay ** 3
    if np.isclose(wrong, right):     # with decay 0.5, the example's decay is the right one
        assert verdict(capsys, ex.check_pulse_left, wrong, PULSE, decay, 6)[0]
    else:
        line = assert_not_yet(capsys, ex.check_pulse_left, wrong, PULSE, decay, 6,
                              hint=mistake, expected=right)
        assert f"{decay:g}" in line or "{decay}" not in mistake.hint


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
