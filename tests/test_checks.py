"""The plain-words checks for the exercises: what is wrong, never the answer."""

import subprocess
import sys

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, changing, leaks, verdict

import rnnkit
from rnnkit.course.checks import (
    Mistake,
    check_array,
    check_choice,
    check_function,
    diagnose,
    edit,
)


def test_a_right_answer_is_correct(capsys):
    assert verdict(capsys, check_array, [1.0, 2.0], [1.0, 2.0]) == \
        (True, "Correct: your answer matches (shape (2,)).")
    assert verdict(capsys, check_array, 7, 7, "T") == (True, "Correct: T is right.")
    assert verdict(capsys, check_array, np.float32(0.1), 0.1, atol=1e-6)[0]
    assert verdict(capsys, check_array, 2 ** 70, 2.0 ** 70)[0]       # a Python int past int64


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


@pytest.mark.parametrize("answer, hint", [
    (None, "is None"), ("x", "must be numbers; got str"), ("0.5", "must be numbers; got str"),
    ([np.nan], "NaN or infinity"), ([[1, 2], [3]], "must be numbers; got list"),
    (True, "is True, a bool; the answer is a number"), ([True], "holds True/False values"),
    (10 ** 400, "an integer too large for a float"), ([1 + 2j], "must be real numbers"),
    ({"a": 1}, "must be numbers; got dict"), (object(), "must be numbers; got object"),
])
def test_odd_answers_are_named_never_raised(capsys, answer, hint):
    assert_not_yet(capsys, check_array, answer, [1.0], hint=hint)


def test_a_known_mistake_gets_its_own_hint(capsys):
    x, W, b = np.array([[1.0, -2.0]]), np.array([[1.0, 0.5], [1.0, -1.0]]), np.zeros(2)
    right = np.maximum(x @ W + b, 0)

    def no_relu(x, W, b):
        return x @ W + b

    mistakes = [Mistake("no ReLU", "this is x @ W + b before the ReLU", no_relu)]
    assert_not_yet(capsys, check_array, x @ W + b, right, "y", mistakes=mistakes,
                   given=(x, W, b), hint="y: this is x @ W + b before the ReLU")
    assert verdict(capsys, check_array, right, right, mistakes=mistakes, given=(x, W, b))[0]
    # a "mistake" equal to the right answer never hides a right answer
    assert verdict(capsys, check_array, right, right, mistakes=[Mistake("m", "wrong", right)])[0]
    # a mistake that cannot run on this data is left out
    assert_not_yet(capsys, check_array, 3.0, 2.0, mistakes=[Mistake("m", "no", no_relu)],
                   hint="too large by 50% to 2 times")


def test_facts_fill_a_hints_fields(capsys):
    mistakes = [Mistake("a power", "{decay} to the power {steps}", 0.512)]
    assert_not_yet(capsys, check_array, 0.512, 0.64, mistakes=mistakes,
                   facts={"decay": 0.8, "steps": 3}, hint="0.8 to the power 3")


def test_an_answer_that_is_the_data_itself_is_refused(capsys):
    grads = np.array([3.0, 4.0])
    grads *= 0.4                                          # clipped in place
    assert_not_yet(capsys, check_array, grads, grads * 1.0, inputs={"grads": grads},
                   hint="is grads, or a part of it, under a new name")
    assert verdict(capsys, check_array, grads.copy(), grads, inputs={"grads": grads})[0]
    assert_not_yet(capsys, check_array, grads[:1], grads[:1], inputs={"grads": grads},
                   hint="is grads, or a part of it")


def test_edit_makes_a_mistake_from_a_solution():
    def forward(X):
        total = 0.0
        for t in range(len(X)):
            total += X[t]
        return total

    short = edit(forward, "range(len(X))", "range(len(X) - 1)")
    assert short([1.0, 2.0, 4.0]) == 3.0 and forward([1.0, 2.0, 4.0]) == 7.0
    twice = edit(forward, "total = 0.0", "total = 1.0", "+= X[t]", "+= 2 * X[t]")
    assert twice([1.0, 2.0]) == 7.0
    with pytest.raises(ValueError, match="must occur once"):
        edit(forward, "X", "Y")
    with pytest.raises(TypeError, match="pairs"):
        edit(forward, "total")


EXAMPLES = [(np.zeros(2),), (np.ones(2),)]


def test_check_function_reports_the_first_wrong_example(capsys):
    ok, line = verdict(capsys, check_function, np.tanh, rnnkit.tanh, EXAMPLES)
    assert ok and line == "Correct: tanh agrees with rnnkit on all 2 examples."
    assert_not_yet(capsys, check_function, np.sin, rnnkit.tanh, EXAMPLES,
                   hint="example 2: the result of sin is wrong at index (0,)",
                   expected=np.tanh(1.0))
    assert_not_yet(capsys, check_function, lambda x: None, rnnkit.tanh, EXAMPLES, name="f",
                   hint="f returned None on example 1; did you forget `return`?")
    assert_not_yet(capsys, check_function, lambda x: [][0] if x[0] else x,
                   rnnkit.tanh, {"zeros": EXAMPLES[0], "ones": EXAMPLES[1]}, name="g",
                   hint="g raised IndexError on example 2 (ones): list index out of range")
    assert_not_yet(capsys, check_function, None, rnnkit.tanh, EXAMPLES, name="h",
                   hint="h is not a function (got NoneType); define it with def")
    assert_not_yet(capsys, check_function, np.sin, rnnkit.tanh, EXAMPLES, name="f",
                   mistakes=[Mistake("sin", "that is sin", np.sin)], hint="f: that is sin")


def test_check_function_names_which_result_is_wrong(capsys):
    def both(x):
        return np.tanh(x), 2 * x

    def halved(x):
        return np.tanh(x), x

    line = assert_not_yet(capsys, check_function, halved, both, EXAMPLES, name="f",
                          outputs=("h_t", "c_t"),
                          hint="example 2: c_t, the 2nd of the 2 results of f, is wrong")
    assert line.endswith("(right: h_t)")
    assert_not_yet(capsys, check_function, np.tanh, both, EXAMPLES, name="f",
                   outputs=("h_t", "c_t"), hint="f must return 2 results, h_t, c_t; got ndarray")
    mistakes = [Mistake("c_t halved", "c_t is halved", halved)]

    def halved_and_more(x):
        return np.tanh(x) + 1, x

    assert_not_yet(capsys, check_function, halved_and_more, both, EXAMPLES, name="f",
                   outputs=("h_t", "c_t"), mistakes=mistakes,
                   hint="example 1: h_t, the 1st of the 2 results of f, is wrong")
    assert_not_yet(capsys, check_function, halved, both, EXAMPLES, name="f",
                   outputs=("h_t", "c_t"), mistakes=mistakes, hint="f: c_t is halved")


def test_check_function_refuses_a_function_that_changes_its_arguments(capsys):
    def reference(x):
        return np.tanh(x)

    x = np.zeros(2)
    line = assert_not_yet(capsys, check_function, changing(np.tanh, 0), reference, [(x,)],
                          name="f", hint="f changed x in place on example 1")
    assert "leave its arguments as they are" in line
    assert np.all(x == 0.0)                        # the check's own arrays are untouched

    def shuffles(x, y):
        np.random.default_rng(0).shuffle(x)
        return x.sum() + y.sum()

    assert_not_yet(capsys, check_function, shuffles, lambda a, b: a.sum() + b.sum(),
                   [(np.arange(5.0), np.ones(5))], name="f",
                   hint="f changed x (the same rows in another order) in place")


def test_the_expected_values_come_from_the_checks_own_copies(capsys):
    model = rnnkit.SimpleRNN(1, 2, 1, seed=0)

    def reference(net, X):
        return net.forward(X)

    def zeroes_the_weights(net, X):
        for p in net.params.values():
            p[...] = 0.0
        return net.forward(X)

    X = np.ones((1, 3, 1))
    assert_not_yet(capsys, check_function, zeroes_the_weights, reference, [(model, X)],
                   name="f", hint="f changed net (its 'W_xh') in place")
    assert verdict(capsys, check_function, zeroes_the_weights, reference, [(model, X)],
                   may_change=("net",))[1].startswith("Not yet: example 1")
    assert not np.all(model.params["W_xh"] == 0.0)


def test_check_function_watches_what_the_function_reaches_outside(capsys):
    shared = {"W": np.ones(2)}

    def uses_a_global(x):
        shared["W"] += 1.0
        return x

    assert_not_yet(capsys, check_function, uses_a_global, lambda x: x, EXAMPLES, name="f",
                   watch={"the model": shared}, hint="f changed the model (its 'W') in place")


def test_check_function_with_observe_and_repeat(capsys):
    def train(w, steps):
        w += steps
        return [float(w.sum())]

    def observe(arguments, returned):
        return returned, arguments[0]

    examples = [(np.zeros(2), 1.0)]
    assert verdict(capsys, check_function, train, train, examples, outputs=("losses", "w"),
                   observe=observe, may_change=("w",))[0]

    def reports_wrong(w, steps):
        w += steps
        return [0.0]

    line = assert_not_yet(capsys, check_function, reports_wrong, train, examples,
                          outputs=("losses", "w"), observe=observe, may_change=("w",),
                          hint="example 1: losses is wrong at index (0,): zero where it")
    assert line.endswith("(right: w)")
    assert_not_yet(capsys, check_function, lambda w, steps: [np.random.normal()], train,
                   examples, name="f", repeat="draw from the rng", outputs=("losses", "w"),
                   observe=observe, may_change=("w",),
                   hint="f gives other results when run again on the same example: draw")


def test_diagnose_is_silent_on_a_match_and_leaks_nothing():
    assert diagnose([1.0, 2.0], [1.0, 2.0]) is None
    line = diagnose(3.3, 3.14159)
    assert line == "your answer is too large by less than 10%" and not leaks(line, 3.14159)


def test_diagnose_compares_texts_words_and_dicts():
    assert diagnose("abc", "abc") is None
    assert diagnose("abd", "abc", "the text") == "the text first differs at character 3 of 3"
    assert diagnose("ab", "abc", "the text") == "the text has 2 characters; the answer has 3"
    assert diagnose(3, "abc", "the text") == "the text must be a str; got int"
    assert diagnose(["are", "you"], ["are", "they"], "w") == "w first differs at word 2 of 2"
    assert diagnose("are you", ["are", "you"], "w") == "w must be a list of words (str); got str"
    assert diagnose({"W": np.ones(2)}, {"W": np.zeros(2)}, "p").startswith("p['W'] is wrong")
    assert diagnose([1.0], {"W": np.zeros(2)}, "p") == "p must be a dict with the keys W"


def test_check_choice_never_gives_the_answer_away(capsys):
    assert verdict(capsys, check_choice, [2, 3], (2, 3))[0]
    assert verdict(capsys, check_choice, np.array([2, 3]), (2, 3))[0]
    assert verdict(capsys, check_choice, np.array(5), 5)[0]
    assert verdict(capsys, check_choice, np.int64(5), 5.0)[0]
    assert_not_yet(capsys, check_choice, np.array([5, 4]), (4, 5), hint="entry 0 is wrong")
    assert_not_yet(capsys, check_choice, "boy", "girl", hint="'boy' is not right",
                   expected="girl")
    assert_not_yet(capsys, check_choice, None, "girl", hint="replace None")
    assert_not_yet(capsys, check_choice, (2, 3, 4), (2, 3), hint="has 2 entries, yours has 3")
    assert_not_yet(capsys, check_choice, 5, (2, 3), hint="tuple of 2 entries")
    assert_not_yet(capsys, check_choice, 5, "five", hint="should be of type str, not int")
    assert_not_yet(capsys, check_choice, (32, 9, 16), (32, 10, 16), hint="entry 1 is wrong",
                   expected=(32, 10, 16))
    assert_not_yet(capsys, check_choice, 83, 98, hint="too small by 10% to 50%", expected=98)
    assert_not_yet(capsys, check_choice, "many_to_many", "many_to_one",
                   mistakes=[Mistake("m", "one output in all", "many_to_many")],
                   hint="one output in all")


def test_check_choice_has_one_rule_for_words_bools_and_odd_numbers(capsys):
    assert verdict(capsys, check_choice, "  Roughly   Kept ", "roughly kept") == \
        (True, "Correct: your answer is 'roughly kept'.")
    assert verdict(capsys, check_choice, ["A", "d"], ("a", "d"))[0]
    assert_not_yet(capsys, check_choice, True, 1, hint="it is a bool, True or False; the "
                                                       "answer is a number")
    assert_not_yet(capsys, check_choice, (True, 2), (1, 2), hint="entry 0 is wrong")
    assert_not_yet(capsys, check_choice, 1 + 0j, 1, hint="should be of type int, not complex")
    assert_not_yet(capsys, check_choice, 10 ** 400, 354, hint="too large by more than 10 times")
    assert_not_yet(capsys, check_choice, float("nan"), 354, hint="is NaN (not a number)")
    assert_not_yet(capsys, check_choice, "vanish", "vanishing", choices=("vanishing", "kept"),
                   hint="'vanish' is not one of the 2 answers the exercise offers")
    assert_not_yet(capsys, check_choice, 3, 1, explain=lambda t: f"at t = {t} nothing decides",
                   hint="t = 3 nothing decides")
    assert_not_yet(capsys, check_choice, 2, 1, mistakes=[Mistake("twice", "two of {what}",
                                                                 lambda n: 2 * n)],
                   given=(1,), facts={"what": "them"}, hint="two of them")


def test_the_exercise_checks_load_no_widgets():
    """A computation a check shares with a widget lives in the engine (rnnkit.memory)."""
    code = ("import sys, pkgutil, importlib, rnnkit.course.exercises as ex\n"
            "for m in pkgutil.iter_modules(ex.__path__):\n"
            "    importlib.import_module(f'rnnkit.course.exercises.{m.name}')\n"
            "print(sorted(n for n in sys.modules if 'widgets' in n))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"
