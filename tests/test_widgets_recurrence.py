"""Widgets of notebook 02: step-through and memory (pulse_trace itself: tests/test_memory.py)."""

import numpy as np
import pytest
from widget_timing import median_redraw_seconds

import rnnkit
from rnnkit.course.widgets import FigureWidget
from rnnkit.course.widgets.recurrence import memory_widget, step_through_widget
from rnnkit.memory import pulse_trace, steps_to_forget

# --- step-through ---------------------------------------------------------------------------------

def test_step_through_starts_at_t_1_and_prints_h_1():
    widget = step_through_widget()
    assert isinstance(widget, FigureWidget)
    assert widget.values == {"t": 1}
    assert bytes(widget.image.value).startswith(b"\x89PNG")
    X = np.array([1.0, 0, 0, -1, 0, 0])[None, :, None]
    rnn = rnnkit.SimpleRNN(1, 4, 1, seed=0)
    rnn.forward(X)
    Hs = rnn.hidden_states
    assert "x_1 = [+1.00]" in widget.text.value
    assert ", ".join(f"{v:+.2f}" for v in Hs[0, 0]) in widget.text.value


def test_every_step_redraws_and_prints_its_hidden_state():
    widget = step_through_widget()
    X = np.array([1.0, 0, 0, -1, 0, 0])[None, :, None]
    rnn = rnnkit.SimpleRNN(1, 4, 1, seed=0)
    rnn.forward(X)
    Hs = rnn.hidden_states
    images = {bytes(widget.image.value)}
    for t in range(2, 7):
        widget.update(t=t)
        images.add(bytes(widget.image.value))
        assert f"step t = {t} of 6" in widget.text.value
        assert f"h_{t} = tanh(x_{t} @ W_xh + h_{t - 1} @ W_hh + b_h) = [" + \
            ", ".join(f"{v:+.2f}" for v in Hs[0, t - 1]) + "]" in widget.text.value
    assert len(images) == 6


def test_step_through_takes_a_sequence_with_several_features_and_an_rnn():
    X = np.random.default_rng(1).normal(size=(5, 2))
    rnn = rnnkit.SimpleRNN(2, 3, 1, seed=2)
    widget = step_through_widget(X, rnn, t=3)
    assert widget.values == {"t": 3}
    rnn.forward(X[None])
    Hs = rnn.hidden_states
    assert ", ".join(f"{v:+.2f}" for v in Hs[0, 2]) in widget.text.value
    before = bytes(widget.image.value)
    widget.update(t=5)
    assert bytes(widget.image.value) != before


@pytest.mark.parametrize("kwargs, error, match", [
    ({"X": np.zeros((6, 1, 1))}, ValueError, "X must have 2 dimensions"),
    ({"X": np.zeros((9, 1))}, ValueError, "X must have from 2 to 8 time steps"),
    ({"X": np.zeros((1, 1))}, ValueError, "X must have from 2 to 8"),
    ({"X": [[1.0], [float("nan")]]}, ValueError, "X contains NaN"),
    ({"rnn": "an rnn"}, TypeError, "rnn must be an rnnkit.SimpleRNN"),
    ({"rnn": rnnkit.SimpleRNN(2, 4, 1)}, ValueError, "rnn must read D = 1"),
    ({"t": 0}, ValueError, "t"),
    ({"t": 7}, ValueError, "t must be a time step from 1 to T = 6"),
    ({"t": 1.0}, TypeError, "t"),
])
def test_step_through_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        step_through_widget(**kwargs)


def test_step_through_update_is_fast():
    widget = step_through_widget()
    median = median_redraw_seconds(widget, [{"t": t} for t in (2, 3, 4, 5, 6, 5, 4, 3, 2, 1) * 2])
    assert median < 0.1, f"median update took {median * 1000:.0f} ms"


# --- memory ---------------------------------------------------------------------------------------

def test_memory_widget_reports_the_steps_to_forget():
    widget = memory_widget()
    assert widget.values == {"scale": 0.9}
    assert "after 40 steps" in widget.text.value
    before = bytes(widget.image.value)
    widget.update(scale=0.5)
    assert bytes(widget.image.value) != before
    assert "after 7 steps" in widget.text.value
    widget.update(scale=1.5)
    assert "stays above 1 % of its first size for all 60 steps" in widget.text.value


def test_memory_widget_takes_starting_values():
    widget = memory_widget(scale=0.3, T=20)
    assert widget.values == {"scale": 0.3}
    k = steps_to_forget(pulse_trace(0.3, 20))
    assert f"after {k} steps" in widget.text.value


@pytest.mark.parametrize("kwargs, error, match", [
    ({"scale": 0.0}, ValueError, "scale"),
    ({"scale": 2.5}, ValueError, "scale"),
    ({"scale": None}, TypeError, "scale"),
    ({"T": 5}, ValueError, "T"),
    ({"T": 500}, ValueError, "T must be a whole number from 10 to 200"),
])
def test_memory_widget_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        memory_widget(**kwargs)


def test_memory_update_is_fast():
    widget = memory_widget()
    scales = np.linspace(0.2, 1.9, 18).round(2)
    median = median_redraw_seconds(widget, [{"scale": s} for s in scales])
    assert median < 0.1, f"median update took {median * 1000:.0f} ms"


@pytest.mark.parametrize("make, updates", [
    (step_through_widget, [{"t": t} for t in (2, 6, 3)]),
    (lambda: step_through_widget(np.ones((4, 2)), rnnkit.SimpleRNN(2, 3, 1, seed=0)),
     [{"t": t} for t in (2, 4, 1)]),
    (memory_widget, [{"scale": s} for s in (0.5, 1.5, 0.2)]),
])
def test_widgets_make_their_artists_once(make, updates):
    widget = make()
    children = widget.figure.get_children()
    for values in updates:
        widget.update(**values)
    assert widget.figure.get_children() == children      # the same artists, moved in place
