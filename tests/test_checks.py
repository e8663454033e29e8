"""The plain-words checks for the exercises."""

import numpy as np

import rnnkit


def test_exercise_checks_speak_plainly(capsys):
    assert rnnkit.check_array([1.0, 2.0], [1.0, 2.0])
    assert not rnnkit.check_array([[1.0, 2.0]], [1.0, 2.0])
    assert not rnnkit.check_array([1.0, 2.5], [1.0, 2.0], name="h_1")
    assert not rnnkit.check_array(None, [1.0])
    assert not rnnkit.check_array("x", [1.0])
    assert not rnnkit.check_array([np.nan], [1.0])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Correct:")
    assert "has shape (1, 2), expected (2,)" in out[1] and "transpose or reshape" in out[1]
    assert "h_1 is wrong at index (1,): got 2.5, expected 2" in out[2]
    assert "is None" in out[3] and "must be numbers" in out[4] and "NaN" in out[5]
    assert rnnkit.check_function(np.tanh, rnnkit.tanh, [(np.zeros(2),), (np.ones(2),)])
    assert not rnnkit.check_function(np.sin, rnnkit.tanh, [(np.zeros(2),), (np.ones(2),)])
    assert not rnnkit.check_function(lambda x: None, rnnkit.tanh, [(np.zeros(2),)], name="f")
    assert not rnnkit.check_function(lambda x: 1 / 0, rnnkit.tanh, [(np.zeros(2),)], name="g")
    out = capsys.readouterr().out
    assert "agrees with rnnkit on all 2 examples" in out and "Example 2:" in out
    assert "f returned None" in out and "g raised ZeroDivisionError" in out
    assert rnnkit.check_choice([2, 3], (2, 3)) and not rnnkit.check_choice("boy", "girl")
    assert not rnnkit.check_choice(None, "girl") and not rnnkit.check_choice((2, 3, 4), (2, 3))
    assert not rnnkit.check_choice(5, (2, 3)) and not rnnkit.check_choice(5, "five")
    out = capsys.readouterr().out
    assert "girl" not in out.replace("'boy' is not right", "")        # never gives the answer away
    assert "replace None" in out and "has 2 entries, yours has 3" in out
    assert "tuple of 2 numbers" in out and "should be of type str, not int" in out
