"""Notebook 11's checks: the right answers pass, each typical wrong answer of the registries
gets its own hint and never the expected value, and a function that changes its arguments in
place is refused."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, changing, leaks, verdict, wrong_answer

from rnnkit import scan
from rnnkit.cells.mingru import mingru_step
from rnnkit.course.exercises import parallel_rnns as ex


def hidden(values):
    """The expected values a line must not contain, less those within 1e-3 of a whole number
    (any line holds small whole numbers: "example 1", "3 of 8 values")."""
    values = np.concatenate([np.ravel(v) for v in values])
    return values[np.abs(values - np.round(values)) > 1e-3]


# --- 1. the minGRU step ---------------------------------------------------------------------------

STEP_EXPECTED = hidden(mingru_step(*args)[0] for args in ex.mingru_step_examples())


def test_the_mingru_step_passes(capsys):
    ok, line = verdict(capsys, ex.check_mingru_step, ex.mingru_step_solution)
    assert ok and line == "Correct: my_mingru_step agrees with rnnkit on all 2 examples."

    def by_columns(x_t, h_prev, W_x, b):             # the blocks sliced, a list returned
        H = h_prev.shape[1]
        z = 1 / (1 + np.exp(-(x_t @ W_x[:, :H] + b[:H])))
        return (h_prev + z * (x_t @ W_x[:, H:] + b[H:] - h_prev)).tolist()

    assert verdict(capsys, ex.check_mingru_step, by_columns)[0]


@pytest.mark.parametrize("mistake", cases(ex.MINGRU_STEP_MISTAKES))
def test_each_typical_mistake_in_the_step_gets_its_hint(capsys, mistake):
    line = assert_not_yet(capsys, ex.check_mingru_step, mistake.wrong, hint=mistake,
                          expected=STEP_EXPECTED)
    assert "is wrong at" not in line             # the hint, not a generic position report


@pytest.mark.parametrize("index, name", list(enumerate(["x_t", "h_prev", "W_x", "b"])))
def test_a_step_that_changes_an_argument_is_refused(capsys, index, name):
    assert_not_yet(capsys, ex.check_mingru_step, changing(ex.mingru_step_solution, index),
                   hint=f"changed {name} in place")


def test_an_unwritten_or_broken_step_is_named(capsys):
    for function, hint in [(lambda x_t, h_prev, W_x, b: None, "returned None"),
                           (lambda x_t, h_prev, W_x, b: h_prev @ W_x, "raised ValueError"),
                           (None, "is not a function"),
                           (lambda x_t, h_prev, W_x, b: 2 * ex.mingru_step_solution(x_t, h_prev,
                                                                                    W_x, b),
                            "is wrong at N = 0, H = 0")]:
        assert_not_yet(capsys, ex.check_mingru_step, function, hint=hint, expected=STEP_EXPECTED)


# --- 2. one round of the scan ---------------------------------------------------------------------

ROUND_EXPECTED = hidden(np.concatenate([np.ravel(a) for a in scan.doubling_step(*args)])
                        for args in ex.doubling_step_examples().values())


def test_the_doubling_step_passes(capsys):
    ok, line = verdict(capsys, ex.check_doubling_step, ex.doubling_step_solution)
    assert ok and line == "Correct: my_doubling_step agrees with rnnkit on all 3 examples."

    def joined(A, B, k):                             # np.concatenate, a list returned
        return [np.concatenate([A[:, :k], A[:, k:] * A[:, :-k]], axis=1),
                np.concatenate([B[:, :k], A[:, k:] * B[:, :-k] + B[:, k:]], axis=1)]

    assert verdict(capsys, ex.check_doubling_step, joined)[0]


@pytest.mark.parametrize("mistake", cases(ex.DOUBLING_STEP_MISTAKES))
def test_each_typical_mistake_in_the_round_gets_its_hint(capsys, mistake):
    line = assert_not_yet(capsys, ex.check_doubling_step, mistake.wrong, hint=mistake,
                          expected=ROUND_EXPECTED)
    assert "is wrong at" not in line


@pytest.mark.parametrize("index, name", [(0, "A"), (1, "B")])
def test_a_round_that_changes_an_argument_is_refused(capsys, index, name):
    assert_not_yet(capsys, ex.check_doubling_step, changing(ex.doubling_step_solution, index),
                   hint=f"changed {name} in place")


def test_a_round_written_in_place_is_refused(capsys):
    def in_place(A, B, k):                           # right values, but A and B overwritten
        A_new, B_new = ex.doubling_step_solution(A, B, k)
        A[...], B[...] = A_new, B_new
        return A, B

    assert_not_yet(capsys, ex.check_doubling_step, in_place, hint="changed A in place")


def test_a_round_wrong_in_one_result_is_told_which(capsys):
    def b_only(A, B, k):
        A_new, B_new = ex.doubling_step_solution(A, B, k)
        return A_new, 2 * B_new

    line = assert_not_yet(capsys, ex.check_doubling_step, b_only,
                          hint="B_new, the 2nd of the 2 results of my_doubling_step, is wrong at",
                          expected=ROUND_EXPECTED)
    assert line.endswith("(right: A_new)")
    assert_not_yet(capsys, ex.check_doubling_step, lambda A, B, k: A,
                   hint="must return 2 results, A_new, B_new; got ndarray")


# --- 3. the rounds for T = 1,024 ------------------------------------------------------------------

def test_the_rounds_for_1024_steps(capsys):
    assert verdict(capsys, ex.check_scan_rounds, 10, T=1024)[0]
    assert verdict(capsys, ex.check_scan_rounds, np.int64(10), T=1024)[0]
    assert ex.scan_rounds_solution(1024) == scan.scan_rounds(1024) == 10
    for mistake in ex.SCAN_ROUNDS_MISTAKES:
        wrong = wrong_answer(mistake, 1024)
        line = assert_not_yet(capsys, ex.check_scan_rounds, wrong, T=1024, hint=mistake)
        assert not leaks(line.replace(repr(wrong), ""), 10)


@pytest.mark.parametrize("answer, hint", [(None, "replace None"), (True, "it is a bool"),
                                          (10.5, "too large"), ("ten", "should be of type int"),
                                          (float("nan"), "NaN")])
def test_other_answers_for_the_rounds(capsys, answer, hint):
    assert_not_yet(capsys, ex.check_scan_rounds, answer, T=1024, hint=hint)


def test_the_rounds_check_follows_T(capsys):
    assert verdict(capsys, ex.check_scan_rounds, 3, T=5)[0]
    with pytest.raises(ValueError, match="T must be a whole number >= 1"):
        ex.check_scan_rounds(3, T=0)
