"""The plain-words checks for the exercises: what is wrong, never the answer."""

import numpy as np
from exercise_helpers import assert_not_yet, leaks, verdict

import rnnkit
from rnnkit.course.checks import check_array, check_choice, check_function, diagnose


def test_a_right_answer_is_correct(capsys):
    assert verdict(capsys, check_array, [1.0, 2.0], [1.0, 2.0]) == \
        (True, "Correct: your answer matches (shape (2,)).")
    assert verdict(capsys, check_array, 7, 7, "T") == (True, "Correct: T is right.")
    assert verdict(capsys, check_array, np.float32(0.1), 0.1, atol=1e-6)[0]


def test_the_shape_is_named_with_a_hint(capsys):
    line = assert_not_yet(capsys, check_array, np.zeros((3, 2)), np.ones((2, 3)),
                          hint="shape (3, 2)")
    assert "the answer has shape (2, 3)" in line and "transpose or a reshape" in line
    assert_not_yet(capsys, check_array, [[1.0, 2.0]], [1.0, 2.0], hint="one axis too many")
    line = assert_not_yet(capsys, check_array, np.zeros((2, 4, 3)), np.zeros((2, 5, 3)),
                          axes=("N", "T", "H"), hint="axis T has too few entries")
    assert "off by some" in line
    assert_not_yet(capsys, check_array, np.zeros((2, 5)), np.zeros((2, 5, 1)),
                   hint="an axis is missing")
    assert_not_yet(capsys, check_array, np.zeros((2, 5, 1, 1)), np.zeros((2, 5, 1)),
                   hint="one axis too many")


def test_a_scalar_is_too_large_or_too_small_never_the_value(capsys):
    for got, want, hint in [(6, 7, "too small by 10% to 50%"), (7.35, 7, "too large by less than"),
                            (0.4, 0.123456, "too large by 2 to 10 times"),
                            (-0.123456, 0.123456, "the right size with the wrong sign"),
                            (-1.0, 0.123456, "of the wrong sign"), (5.0, 0.0, "too large"),
                            (300.0, 2.5, "more than 10 times"), (1.1, 0.6, "50% to 2 times")]:
        line = assert_not_yet(capsys, check_array, got, want, "T", hint=hint, expected=want)
        assert str(want) not in line


def test_an_array_says_where_and_how(capsys):
    want = np.array([[0.5, -0.25, 0.125], [1.5, 2.5, -3.5]])
    got = want.copy()
    got[1, 2] = -3.0
    line = assert_not_yet(capsys, check_array, got, want, "h", axes=("N", "H"),
                          hint="h is wrong at N = 1, H = 2: too small by 10% to 50%",
                          expected=want)
    assert "(1 of 6 values differ)" in line
    assert_not_yet(capsys, check_array, -want, want, hint="wrong sign in every value",
                   expected=want)
    assert_not_yet(capsys, check_array, want[::-1], want, hint="right values in the wrong places",
                   expected=want)
    assert_not_yet(capsys, check_array, want.T.copy().reshape(2, 3), want,
                   hint="right values in the wrong places")


def test_bad_answers_are_named(capsys):
    assert_not_yet(capsys, check_array, None, [1.0], hint="is None")
    assert_not_yet(capsys, check_array, "x", [1.0], hint="must be numbers; got str")
    assert_not_yet(capsys, check_array, [np.nan], [1.0], hint="NaN or infinity")
    assert_not_yet(capsys, check_array, [[1, 2], [3]], [1.0], hint="must be numbers")


def test_a_known_mistake_gets_its_own_hint(capsys):
    x, W, b = np.array([[1.0, -2.0]]), np.array([[1.0, 0.5], [1.0, -1.0]]), np.zeros(2)
    right = np.maximum(x @ W + b, 0)
    mistakes = [(x @ W + b, "this is x @ W + b before the ReLU")]
    assert_not_yet(capsys, check_array, x @ W + b, right, "y", mistakes=mistakes,
                   hint="y: this is x @ W + b before the ReLU")
    assert verdict(capsys, check_array, right, right, mistakes=mistakes)[0]
    # a "mistake" equal to the right answer never hides a right answer
    assert verdict(capsys, check_array, right, right, mistakes=[(right, "wrong")])[0]


def test_check_function_reports_the_first_wrong_example(capsys):
    examples = [(np.zeros(2),), (np.ones(2),)]
    ok, line = verdict(capsys, check_function, np.tanh, rnnkit.tanh, examples)
    assert ok and "agrees with rnnkit on all 2 examples" in line
    line = assert_not_yet(capsys, check_function, np.sin, rnnkit.tanh, examples,
                          hint="example 2: the result of sin is wrong at index (0,)",
                          expected=np.tanh(1.0))
    assert_not_yet(capsys, check_function, lambda x: None, rnnkit.tanh, examples, name="f",
                   hint="f returned None")
    assert_not_yet(capsys, check_function, lambda x: 1 / 0, rnnkit.tanh, examples, name="g",
                   hint="g raised ZeroDivisionError")
    assert_not_yet(capsys, check_function, None, rnnkit.tanh, examples, name="h",
                   hint="h is not a function")
    assert_not_yet(capsys, check_function, np.sin, rnnkit.tanh, examples, name="f",
                   mistakes=[(np.sin, "that is sin")], hint="f: that is sin")


def test_check_function_passes_copies(capsys):
    def changes_its_input(x):
        x += 1.0
        return x
    x = np.zeros(2)
    assert verdict(capsys, check_function, changes_its_input, lambda x: x + 1.0, [(x,)])[0]
    assert np.all(x == 0.0)


def test_check_choice_never_gives_the_answer_away(capsys):
    assert verdict(capsys, check_choice, [2, 3], (2, 3))[0]
    assert verdict(capsys, check_choice, np.array([2, 3]), (2, 3))[0]
    assert verdict(capsys, check_choice, np.array(5), 5)[0]
    assert_not_yet(capsys, check_choice, np.array([5, 4]), (4, 5), hint="entry 0 is wrong")
    assert_not_yet(capsys, check_choice, "boy", "girl", hint="'boy' is not right",
                   expected="girl")
    assert_not_yet(capsys, check_choice, None, "girl", hint="replace None")
    assert_not_yet(capsys, check_choice, (2, 3, 4), (2, 3), hint="has 2 entries, yours has 3")
    assert_not_yet(capsys, check_choice, 5, (2, 3), hint="tuple of 2 numbers")
    assert_not_yet(capsys, check_choice, 5, "five", hint="should be of type str, not int")
    assert_not_yet(capsys, check_choice, (32, 9, 16), (32, 10, 16), hint="entry 1 is wrong",
                   expected=(32, 10, 16))
    assert_not_yet(capsys, check_choice, 83, 98, hint="too small by 10% to 50%", expected=98)
    assert_not_yet(capsys, check_choice, "many_to_many", "many_to_one",
                   mistakes=[("many_to_many", "one output in all")], hint="one output in all")


def test_diagnose_is_silent_on_a_match_and_leaks_nothing():
    assert diagnose([1.0, 2.0], [1.0, 2.0]) is None
    line = diagnose(3.3, 3.14159)
    assert line == "your answer is too large by less than 10%" and not leaks(line, 3.14159)


def test_call_examples_puts_a_students_errors_in_words():
    from rnnkit.course.checks import call_examples
    x = np.zeros(2)
    results, problem = call_examples(lambda a, b: a + b, [(1, 2), (x, 1.0)])
    assert problem is None and results[0] == 3 and np.array_equal(results[1], x + 1.0)
    assert call_examples(3, [(1,)], "f") == (None, "f is not a function (got int); define it "
                                                   "with def")
    assert call_examples(lambda a: None, [(1,)], "f", none_hint="return it")[1] == \
        "f returned None on example 1; return it"
    assert call_examples(lambda a: 1 / a, [(1,), (0,)], "f")[1] == \
        "f raised ZeroDivisionError: division by zero (example 2)"
