"""Notebook 08's checks: the right answers pass, each typical wrong answer gets its own hint."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, verdict

from rnnkit.course.exercises import inside_the_lstm as ex


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm_step(x_t, h_prev, c_prev, W_x, W_h, b):
    """The solution in the notebook, written from the equations."""
    a = x_t @ W_x + h_prev @ W_h + b
    a_i, a_f, a_g, a_o = np.split(a, 4, axis=1)
    c_t = sigmoid(a_f) * c_prev + sigmoid(a_i) * np.tanh(a_g)
    return sigmoid(a_o) * np.tanh(c_t), c_t


def test_the_lstm_step_passes(capsys):
    assert verdict(capsys, ex.check_lstm_step, lstm_step)[0]


def variant(order="ifgo", forget=True, gate=sigmoid, candidate=np.tanh, squash=True, swap=False,
            bias=True):
    """A student's step with one mistake, written independently of the module's."""
    def step(x_t, h_prev, c_prev, W_x, W_h, b):
        a = x_t @ W_x + h_prev @ W_h + (b if bias else 0)
        parts = dict(zip(order, np.split(a, 4, axis=1)))
        i, f, o, g = gate(parts["i"]), gate(parts["f"]), gate(parts["o"]), candidate(parts["g"])
        c_t = (f if forget else 1.0) * c_prev + i * g
        h_t = o * (np.tanh(c_t) if squash else c_t)
        return (c_t, h_t) if swap else (h_t, c_t)
    return step


@pytest.mark.parametrize("step, hint", [
    (variant(order="ifog"), "wrong order"),
    (variant(order="igfo"), "wrong order"),
    (variant(order="fiog"), "wrong order"),
    (variant(forget=False), "the forget gate must multiply it"),
    (variant(gate=np.tanh), "a gate is a sigmoid"),
    (variant(candidate=sigmoid), "it is a tanh"),
    (variant(squash=False), "o_t * tanh(c_t)"),
    (variant(bias=False), "the bias b is missing"),
    (variant(swap=True), "return (h_t, c_t)"),
], ids=["ifog", "igfo", "fiog", "no-forget", "tanh-gates", "sigmoid-candidate", "no-squash",
        "no-bias", "swapped"])
def test_each_typical_mistake_in_the_step_gets_its_hint(capsys, step, hint):
    line = assert_not_yet(capsys, ex.check_lstm_step, step, hint=hint)
    assert "example" not in line             # the hint, not a generic position report


def test_an_unwritten_or_broken_step_is_named(capsys):
    def unwritten(x_t, h_prev, c_prev, W_x, W_h, b):
        return None

    def crashes(x_t, h_prev, c_prev, W_x, W_h, b):
        return x_t @ W_h

    assert_not_yet(capsys, ex.check_lstm_step, unwritten, hint="returned None")
    assert_not_yet(capsys, ex.check_lstm_step, crashes, hint="raised ValueError")
    assert_not_yet(capsys, ex.check_lstm_step, None, hint="is not a function")


def test_another_wrong_step_is_told_where_without_the_answer(capsys):
    def half_cell(x_t, h_prev, c_prev, W_x, W_h, b):
        h_t, c_t = lstm_step(x_t, h_prev, c_prev, W_x, W_h, b)
        return h_t, 0.5 * c_t

    line = assert_not_yet(capsys, ex.check_lstm_step, half_cell, hint="is wrong at")
    for example in ex.step_examples():
        h_t, c_t = lstm_step(*example)
        assert f"{c_t.ravel()[0]:.4f}" not in line and f"{h_t.ravel()[0]:.4f}" not in line


def test_a_stuck_forget_gate_keeps_only_this_steps_write(capsys):
    assert ex.stuck_forget_gate_holds() == "only this step's write"
    assert verdict(capsys, ex.check_stuck_forget_gate, "only this step's write")[0]
    assert verdict(capsys, ex.check_stuck_forget_gate, "  Only this step's write ")[0]
    expected = "only this step's write"
    assert_not_yet(capsys, ex.check_stuck_forget_gate, "everything so far",
                   hint="a forget gate stuck at 1", expected=expected)
    assert_not_yet(capsys, ex.check_stuck_forget_gate, "nothing",
                   hint="the input gate still writes", expected=expected)
    assert_not_yet(capsys, ex.check_stuck_forget_gate, "the last write",
                   hint="not one of the three answers", expected=expected)
    assert_not_yet(capsys, ex.check_stuck_forget_gate, None, hint="is None", expected=expected)
    assert_not_yet(capsys, ex.check_stuck_forget_gate, 0, hint="should be of type str",
                   expected=expected)


def test_the_cell_parameters_are_counted(capsys):
    D, H = 10, 32
    right = 4 * (D * H + H * H + H)
    assert ex.lstm_cell_parameters(D, H) == right
    assert verdict(capsys, ex.check_cell_parameters, right, D=D, H=H)[0]
    for wrong, hint in [(4 * (D * H + H * H), "the biases are missing"),
                        (D * H + H * H + H, "one block of weights"),
                        (3 * (D * H + H * H + H), "three blocks"),
                        (right + H + 1, "includes the output layer"),
                        (4 * (D * H + H), "W_h (H, 4H) are missing"),
                        (right + 1, "too large by less than 10%"),
                        (right * 0.6, "too small by 50% to 2 times")]:
        line = assert_not_yet(capsys, ex.check_cell_parameters, wrong, D=D, H=H, hint=hint,
                              expected=right)
        assert str(right) not in line


def test_the_checks_name_a_bad_size():
    with pytest.raises(ValueError, match="H"):
        ex.check_cell_parameters(5504, D=10, H=0)
    with pytest.raises(TypeError, match="D"):
        ex.lstm_cell_parameters(2.5, 32)
