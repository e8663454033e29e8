import numpy as np
import pytest
from widget_timing import median_redraw_seconds

from rnnkit import gradients
from rnnkit.cells.rnn import SimpleRNN
from rnnkit.course.widgets import FigureWidget
from rnnkit.course.widgets.gradients import gradient_flow_widget


def _expected_ratio(rho, input_scale, k, seed=0):
    """The widget's network and inputs rebuilt from the seed: the ratio at distance k."""
    rng = np.random.default_rng(seed)
    rnn = SimpleRNN(4, 16, 1, seed=rng)
    X = rng.standard_normal((32, 50, 4))
    params = dict(rnn.params, W_hh=gradients.scale_to_spectral_radius(rnn.params["W_hh"], rho))
    norms = gradients.gradient_norms_through_time(params, input_scale * X)
    return norms[k] / norms[0]


def test_starting_state_shows_the_measured_ratios():
    widget = gradient_flow_widget()
    assert isinstance(widget, FigureWidget)
    assert widget.values == {"rho": 1.0, "input_scale": 1.0}
    assert bytes(widget.image.value).startswith(b"\x89PNG")
    for k in (10, 20, 40):
        assert f"k = {k}: {_expected_ratio(1.0, 1.0, k):.1e}" in widget.text.value
    assert "vanishing" in widget.text.value
    assert "FigureWidget" in repr(widget)


@pytest.mark.parametrize("control, value", [("rho", 2.5), ("input_scale", 0.01)])
def test_every_control_redraws_the_figure(control, value):
    widget = gradient_flow_widget()
    before = bytes(widget.image.value)
    widget.update(**{control: value})
    assert widget.values[control] == pytest.approx(value)
    assert bytes(widget.image.value) != before


def test_the_verdict_follows_the_measurement():
    widget = gradient_flow_widget(rho=0.5, input_scale=0.01)
    assert "vanishing" in widget.text.value
    widget.update(rho=3.0)
    assert _expected_ratio(3.0, 0.01, 40) > 100
    assert "exploding" in widget.text.value
    widget.update(rho=1.0)
    assert "roughly kept" in widget.text.value
    assert f"k = 40: {_expected_ratio(1.0, 0.01, 40):.1e}" in widget.text.value


def test_update_is_fast():
    steps = [{"rho": r} for r in np.linspace(0.3, 2.9, 12)] + \
            [{"input_scale": s} for s in (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)]
    median = median_redraw_seconds(gradient_flow_widget(), steps)
    assert median < 0.1, f"median update took {median * 1000:.0f} ms"


def test_unknown_control_raises():
    widget = gradient_flow_widget()
    with pytest.raises(ValueError, match="unknown control 'radius'"):
        widget.update(radius=2.0)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"rho": 5.0}, ValueError, "rho"),
    ({"rho": "big"}, TypeError, "rho"),
    ({"input_scale": 0.0}, ValueError, "input_scale"),
    ({"input_scale": float("nan")}, ValueError, "input_scale"),
    ({"steps": 20}, ValueError, "steps"),
    ({"hidden_size": 0}, ValueError, "hidden_size"),
    ({"seed": -1}, TypeError, "seed"),
])
def test_bad_starting_values_raise(kwargs, error, match):
    with pytest.raises(error, match=match):
        gradient_flow_widget(**kwargs)
