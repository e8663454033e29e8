import numpy as np
import pytest
from widget_timing import median_redraw_seconds

from rnnkit.course.widgets import FigureWidget
from rnnkit.course.widgets.neuron import ACTIVATIONS, neuron_widget


def test_starting_state_shows_the_arithmetic():
    widget = neuron_widget()
    assert isinstance(widget, FigureWidget)
    assert widget.values == {"weight": 1.0, "bias": 0.0, "activation": "tanh", "x": 1.0}
    assert bytes(widget.image.value).startswith(b"\x89PNG")
    assert f"{np.tanh(1.0):.3f}" in widget.text.value
    assert "FigureWidget" in repr(widget)


@pytest.mark.parametrize("control, value", [("weight", -2.0), ("bias", 1.5),
                                            ("activation", "relu"), ("x", -3.0)])
def test_every_control_redraws_the_figure(control, value):
    widget = neuron_widget()
    before = bytes(widget.image.value)
    widget.update(**{control: value})
    assert widget.values[control] == value
    assert bytes(widget.image.value) != before


def test_the_line_under_the_figure_follows_the_controls():
    widget = neuron_widget()
    for activation in ACTIVATIONS:
        widget.update(weight=2.0, bias=-1.0, x=1.5, activation=activation)
        z = 2.0 * 1.5 - 1.0
        expected = {"tanh": np.tanh(z), "sigmoid": 1 / (1 + np.exp(-z)), "relu": max(z, 0.0),
                    "identity": z}[activation]
        assert f"{activation}(z) = {expected:.3f}" in widget.text.value
        assert "z = w x + b = 2.0 &times; 1.5 - 1.0 = 2.00" in widget.text.value


def test_starting_values_are_used():
    widget = neuron_widget(weight=-1.5, bias=0.5, activation="sigmoid", x=-2.0)
    assert widget.values == {"weight": -1.5, "bias": 0.5, "activation": "sigmoid", "x": -2.0}
    assert f"{1 / (1 + np.exp(-3.5)):.3f}" in widget.text.value


def test_update_is_fast():
    steps = [{"weight": w} for w in np.linspace(-2, 2, 8)] + \
            [{"bias": b} for b in np.linspace(-2, 2, 8)] + \
            [{"x": x} for x in np.linspace(-4, 4, 8)] + \
            [{"activation": a} for a in ACTIVATIONS * 2]
    median = median_redraw_seconds(neuron_widget(), steps)
    assert median < 0.1, f"median update took {median * 1000:.0f} ms"


def test_unknown_control_raises():
    widget = neuron_widget()
    with pytest.raises(ValueError, match="unknown control 'slope'"):
        widget.update(slope=2.0)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"weight": 5.0}, ValueError, "weight"),
    ({"weight": "big"}, TypeError, "weight"),
    ({"bias": -4.0}, ValueError, "bias"),
    ({"bias": float("nan")}, ValueError, "bias"),
    ({"activation": "softmax"}, ValueError, "activation"),
    ({"x": 6.0}, ValueError, "x"),
    ({"x": None}, TypeError, "x"),
])
def test_bad_starting_values_raise(kwargs, error, match):
    with pytest.raises(error, match=match):
        neuron_widget(**kwargs)
