"""Notebook 10's exercise checks: the right answers pass, each typical wrong answer of the
registries gets "Not yet", its own hint, and never the expected value; a function that changes
its arguments in place is refused."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, changing, leaks, verdict, wrong_answer

from rnnkit.attention import attention
from rnnkit.course.exercises import attention as ex

STEP_EXPECTED = np.concatenate([np.ravel(part) for args in ex.attention_examples()
                                for part in attention(args[0], args[1], args[1])])


# --- 1. the attention step ------------------------------------------------------------------

def test_the_attention_step_passes(capsys):
    ok, line = verdict(capsys, ex.check_attention_step, ex.attention_solution)
    assert ok and line == "Correct: my_attention agrees with rnnkit on all 3 examples."

    def with_matrices(s, Hs):                                # products, a stable softmax, a list
        scores = (Hs @ s[:, :, None])[:, :, 0]
        e = np.exp(scores - scores.max(axis=1, keepdims=True))
        weights = e / e.sum(axis=1, keepdims=True)
        return [(weights[:, None, :] @ Hs)[:, 0], weights]

    assert verdict(capsys, ex.check_attention_step, with_matrices)[0]


@pytest.mark.parametrize("mistake", cases(ex.ATTENTION_STEP_MISTAKES))
def test_each_typical_mistake_in_the_step_gets_its_hint(capsys, mistake):
    assert_not_yet(capsys, ex.check_attention_step, mistake.wrong, hint=mistake,
                   expected=STEP_EXPECTED)


@pytest.mark.parametrize("function, hint", [
    (lambda s, Hs: None, "returned None"),
    (lambda s, Hs: ex.attention_solution(s, Hs)[0], "must return 2 results"),
    (lambda s, Hs: (ex.attention_solution(s, Hs)[0], 0 * ex.attention_solution(s, Hs)[1]),
     "weights"),
    (lambda s, Hs: s @ Hs, "raised ValueError"),
])
def test_other_wrong_steps_are_named(capsys, function, hint):
    assert_not_yet(capsys, ex.check_attention_step, function, hint=hint, expected=STEP_EXPECTED)


@pytest.mark.parametrize("index, name", [(0, "s"), (1, "Hs")])
def test_a_step_that_changes_an_argument_is_refused(capsys, index, name):
    assert_not_yet(capsys, ex.check_attention_step, changing(ex.attention_solution, index),
                   hint=f"changed {name} in place")


# --- 2. equal scores ------------------------------------------------------------------------

def test_the_prediction(capsys):
    assert ex.equal_scores_context() == "the mean of the encoder states"
    assert verdict(capsys, ex.check_equal_scores, "  The mean of the  encoder states")[0]
    for mistake in ex.EQUAL_SCORES_MISTAKES:
        assert_not_yet(capsys, ex.check_equal_scores, mistake.wrong, hint=mistake)
    for wrong, hint in [(None, "replace None"), ("the first", "not one of the 3 answers"),
                        (0, "not right"), (True, "not right")]:
        assert_not_yet(capsys, ex.check_equal_scores, wrong, hint=hint)


# --- 3. the lookup --------------------------------------------------------------------------

W_E = np.random.default_rng(1).normal(size=(30, 8))
TOKENS = np.array([27, 4, 22, 4])


def test_the_lookup_passes(capsys):
    ok, line = verdict(capsys, ex.check_lookup, ex.lookup_solution(W_E, TOKENS), W_E, TOKENS)
    assert ok and line == "Correct: my_rows matches (shape (4, 8))."
    assert verdict(capsys, ex.check_lookup, (np.eye(30)[TOKENS] @ W_E).tolist(), W_E, TOKENS)[0]


@pytest.mark.parametrize("mistake", cases(ex.LOOKUP_MISTAKES))
def test_each_typical_lookup_mistake_gets_its_hint(capsys, mistake):
    assert_not_yet(capsys, ex.check_lookup, wrong_answer(mistake, W_E, TOKENS), W_E, TOKENS,
                   hint=mistake, expected=W_E[TOKENS])


@pytest.mark.parametrize("answer, hint", [
    (None, "is None"), ("rows", "must be numbers"), (W_E[TOKENS] + 1, "is wrong at T = 0"),
    (W_E[TOKENS].T, "a transpose or a reshape"), (True, "a bool"),
])
def test_other_wrong_lookups_are_named(capsys, answer, hint):
    assert_not_yet(capsys, ex.check_lookup, answer, W_E, TOKENS, hint=hint,
                   expected=W_E[TOKENS])


def test_the_lookup_check_names_a_token_outside_the_table():
    with pytest.raises(ValueError, match="tokens holds the token 30"):
        ex.check_lookup(W_E[:1], W_E, [30])


# --- 4. the number of scores ----------------------------------------------------------------

@pytest.mark.parametrize("T", [7, 1000])
def test_the_score_count(capsys, T):
    assert ex.score_count(T) == T * T
    assert verdict(capsys, ex.check_score_count, T * T, T=T)[0]
    for mistake in ex.SCORE_COUNT_MISTAKES:
        wrong = wrong_answer(mistake, T)
        line = assert_not_yet(capsys, ex.check_score_count, wrong, T=T, hint=mistake)
        assert not leaks(line.replace(repr(wrong), ""), T * T)
    assert_not_yet(capsys, ex.check_score_count, "a million", T=1000, hint="not right")
    assert_not_yet(capsys, ex.check_score_count, float("nan"), T=1000, hint="NaN")
