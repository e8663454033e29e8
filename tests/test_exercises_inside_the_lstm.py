"""Notebook 08's checks: the right answers pass, each typical wrong answer of the registries
gets its own hint, and a step that changes its arguments is refused."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, changing, verdict, wrong_answer

from rnnkit.course.exercises import inside_the_lstm as ex


def test_the_lstm_step_passes(capsys):
    ok, line = verdict(capsys, ex.check_lstm_step, ex.lstm_step_solution)
    assert ok and line == "Correct: my_lstm_step agrees with rnnkit on all 2 examples."

    def as_a_list(x_t, h_prev, c_prev, W_x, W_h, b):      # gates one by one, a list returned
        H = h_prev.shape[1]
        blocks = [slice(k * H, (k + 1) * H) for k in range(4)]
        gate = [1 / (1 + np.exp(-(x_t @ W_x[:, s] + h_prev @ W_h[:, s] + b[s]))) for s in blocks]
        g = np.tanh(np.log(gate[2] / (1 - gate[2])))
        c_t = gate[1] * c_prev + gate[0] * g
        return [gate[3] * np.tanh(c_t), c_t]

    assert verdict(capsys, ex.check_lstm_step, as_a_list)[0]


@pytest.mark.parametrize("mistake", cases(ex.LSTM_STEP_MISTAKES))
def test_each_typical_mistake_in_the_step_gets_its_hint(capsys, mistake):
    line = assert_not_yet(capsys, ex.check_lstm_step, mistake.wrong, hint=mistake)
    assert "is wrong at" not in line             # the hint, not a generic position report


@pytest.mark.parametrize("index, name", list(enumerate(["x_t", "h_prev", "c_prev", "W_x", "W_h",
                                                        "b"])))
def test_a_step_that_changes_an_argument_is_refused(capsys, index, name):
    assert_not_yet(capsys, ex.check_lstm_step, changing(ex.lstm_step_solution, index),
                   hint=f"changed {name} in place")


def test_an_unwritten_or_broken_step_is_named(capsys):
    for function, hint in [(lambda x_t, h_prev, c_prev, W_x, W_h, b: None, "returned None"),
                           (lambda x_t, h_prev, c_prev, W_x, W_h, b: x_t @ W_h,
                            "raised ValueError"),
                           (None, "is not a function"),
                           (lambda *args: ex.lstm_step_solution(*args)[0],
                            "must return 2 results, h_t, c_t; got ndarray")]:
        assert_not_yet(capsys, ex.check_lstm_step, function, hint=hint)


def test_another_wrong_step_is_told_which_result_and_where(capsys):
    def half_cell(x_t, h_prev, c_prev, W_x, W_h, b):
        h_t, c_t = ex.lstm_step_solution(x_t, h_prev, c_prev, W_x, W_h, b)
        return h_t, 0.5 * c_t

    line = assert_not_yet(capsys, ex.check_lstm_step, half_cell,
                          hint="example 1: c_t, the 2nd of the 2 results of my_lstm_step, is "
                               "wrong at N = 0, H = 0")
    assert line.endswith("(right: h_t)")
    for example in ex.step_examples():
        h_t, c_t = ex.lstm_step_solution(*example)
        assert f"{c_t.ravel()[0]:.4f}" not in line and f"{h_t.ravel()[0]:.4f}" not in line


def test_a_stuck_forget_gate_keeps_only_this_steps_write(capsys):
    expected = "only this step's write"
    assert ex.stuck_forget_gate_holds() == expected
    for right in (expected, "  Only this step's write ", "ONLY THIS STEP'S  WRITE"):
        assert verdict(capsys, ex.check_stuck_forget_gate, right)[0]
    for mistake in ex.STUCK_FORGET_GATE_MISTAKES:
        assert_not_yet(capsys, ex.check_stuck_forget_gate, mistake.wrong, hint=mistake,
                       expected=expected)
    for wrong, hint in [("the last write", "not one of the 3 answers"), (None, "is None"),
                        (0, "should be of type str")]:
        assert_not_yet(capsys, ex.check_stuck_forget_gate, wrong, hint=hint, expected=expected)


def test_the_cell_parameters_are_counted(capsys):
    D, H = 10, 32
    right = ex.cell_parameters_solution(D, H)
    assert ex.lstm_cell_parameters(D, H) == right
    assert verdict(capsys, ex.check_cell_parameters, right, D=D, H=H)[0]
    for wrong, hint in [(right + 1, "too large by less than 10%"),
                        (right * 0.6, "too small by 50% to 2 times"), (True, "a bool")]:
        assert_not_yet(capsys, ex.check_cell_parameters, wrong, D=D, H=H, hint=hint,
                       expected=right)


@pytest.mark.parametrize("mistake", cases(ex.CELL_PARAMETERS_MISTAKES))
def test_each_typical_count_mistake(capsys, mistake):
    line = assert_not_yet(capsys, ex.check_cell_parameters, wrong_answer(mistake, 10, 32),
                          D=10, H=32, hint=mistake)
    assert str(ex.cell_parameters_solution(10, 32)) not in line


def test_the_checks_name_a_bad_size():
    with pytest.raises(ValueError, match="H"):
        ex.check_cell_parameters(5504, D=10, H=0)
    with pytest.raises(TypeError, match="D"):
        ex.lstm_cell_parameters(2.5, 32)


def test_the_gru_step_passes(capsys):
    ok, line = verdict(capsys, ex.check_gru_step, ex.gru_step_solution)
    assert ok and line == "Correct: my_gru_step agrees with rnnkit on all 3 examples."

    def block_by_block(x_t, h_prev, W_x, W_h, b):         # each block with its own product
        H = h_prev.shape[1]
        z_, r_, h_ = (slice(k * H, (k + 1) * H) for k in range(3))
        z = 1 / (1 + np.exp(-(x_t @ W_x[:, z_] + b[0, z_] + h_prev @ W_h[:, z_] + b[1, z_])))
        r = 1 / (1 + np.exp(-(x_t @ W_x[:, r_] + b[0, r_] + h_prev @ W_h[:, r_] + b[1, r_])))
        h_tilde = np.tanh(x_t @ W_x[:, h_] + b[0, h_] + r * (h_prev @ W_h[:, h_] + b[1, h_]))
        return (z * h_prev + (1 - z) * h_tilde).tolist()

    assert verdict(capsys, ex.check_gru_step, block_by_block)[0]


@pytest.mark.parametrize("mistake", cases(ex.GRU_STEP_MISTAKES))
def test_each_typical_mistake_in_the_gru_step_gets_its_hint(capsys, mistake):
    line = assert_not_yet(capsys, ex.check_gru_step, mistake.wrong, hint=mistake)
    assert "is wrong at" not in line


@pytest.mark.parametrize("index, name", list(enumerate(["x_t", "h_prev", "W_x", "W_h", "b"])))
def test_a_gru_step_that_changes_an_argument_is_refused(capsys, index, name):
    assert_not_yet(capsys, ex.check_gru_step, changing(ex.gru_step_solution, index),
                   hint=f"changed {name} in place")


def test_an_unwritten_broken_or_other_gru_step_is_named(capsys):
    for function, hint in [(lambda x_t, h_prev, W_x, W_h, b: None, "returned None"),
                           (lambda x_t, h_prev, W_x, W_h, b: x_t @ W_h, "raised ValueError"),
                           ("h_t", "is not a function"),
                           (lambda *args: 0.5 * ex.gru_step_solution(*args),
                            "example 1: the result of my_gru_step is wrong at N = 0, H = 0")]:
        assert_not_yet(capsys, ex.check_gru_step, function, hint=hint)
    line = assert_not_yet(capsys, ex.check_gru_step, lambda *args: ex.gru_step_solution(*args)[:1],
                          hint="shape")
    for example in ex.gru_step_examples():
        assert f"{ex.gru_step_solution(*example).ravel()[0]:.4f}" not in line
