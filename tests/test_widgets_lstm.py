import numpy as np
import pytest
from widget_timing import median_redraw_seconds

from rnnkit import gradients
from rnnkit.cells.lstm import LSTM
from rnnkit.course.widgets import FigureWidget
from rnnkit.course.widgets.lstm import forget_gate_widget


def _expected(forget_bias, seed=0, steps=40, hidden_size=8):
    """The widget's LSTM and inputs rebuilt from the seed: (mean forget gate, fractions along c)."""
    rng = np.random.default_rng(seed)
    H = hidden_size
    lstm = LSTM(2, H, 1, seed=rng)
    X = rng.standard_normal((32, steps, 2))
    lstm.params["b"][H:2 * H] = forget_bias
    lstm.forward(X)
    norms = gradients.gradient_norms_through_time(lstm, X, along="c")
    return float(lstm.gates["f"].mean()), norms / norms[0]


def _expected_text(forget_bias):
    mean_f, along_c = _expected(forget_bias)
    shown = ", ".join(f"k = {k}: {along_c[k]:.1e}" for k in (10, 20, 39))
    return f"Mean forget gate {mean_f:.2f}. Gradient left along the cell state: {shown}."


def test_starting_state_shows_the_recomputed_values():
    widget = forget_gate_widget()
    assert isinstance(widget, FigureWidget)
    assert widget.values == {"forget_bias": 1.0}
    assert bytes(widget.image.value).startswith(b"\x89PNG")
    assert widget.text.value == _expected_text(1.0)
    assert "FigureWidget" in repr(widget)


def test_the_slider_redraws_and_a_higher_bias_keeps_more_gradient():
    widget = forget_gate_widget()
    before = bytes(widget.image.value)
    widget.update(forget_bias=3.0)
    assert widget.values["forget_bias"] == pytest.approx(3.0)
    assert bytes(widget.image.value) != before
    assert widget.text.value == _expected_text(3.0)
    assert _expected(3.0)[1][39] > _expected(1.0)[1][39]
    widget.update(forget_bias=-2.0)
    assert widget.text.value == _expected_text(-2.0)
    assert _expected(-2.0)[1][39] < _expected(1.0)[1][39]


def test_other_sizes_and_seeds_build():
    widget = forget_gate_widget(forget_bias=4.0, steps=45, hidden_size=3, seed=7)
    mean_f, along_c = _expected(4.0, seed=7, steps=45, hidden_size=3)
    assert widget.text.value.startswith(f"Mean forget gate {mean_f:.2f}.")
    assert f"k = 39: {along_c[39]:.1e}" in widget.text.value


def test_update_is_fast():
    steps = [{"forget_bias": b} for b in np.arange(-2.0, 6.01, 0.5)]
    median = median_redraw_seconds(forget_gate_widget(), steps)
    assert median < 0.1, f"median update took {median * 1000:.0f} ms"


def test_unknown_control_raises():
    widget = forget_gate_widget()
    with pytest.raises(ValueError, match="unknown control 'bias'"):
        widget.update(bias=2.0)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"forget_bias": 7.0}, ValueError, "forget_bias"),
    ({"forget_bias": -3.0}, ValueError, "forget_bias"),
    ({"forget_bias": "high"}, TypeError, "forget_bias"),
    ({"forget_bias": float("nan")}, ValueError, "forget_bias"),
    ({"steps": 20}, ValueError, "steps"),
    ({"steps": 40.5}, TypeError, "steps"),
    ({"hidden_size": 0}, ValueError, "hidden_size"),
    ({"seed": -1}, TypeError, "seed"),
])
def test_bad_starting_values_raise(kwargs, error, match):
    with pytest.raises(error, match=match):
        forget_gate_widget(**kwargs)
