"""Widgets and helpers of notebook 02: forest, step-through, memory, pulse_trace, steps_to_forget."""

import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

import rnnkit
from rnnkit.diagrams import forest
from rnnkit.widgets import FigureWidget, freeze, render
from rnnkit.widgets.recurrence import (memory_widget, pulse_trace, step_through_widget, steps_to_forget)

from widget_timing import median_redraw_seconds


# --- forest ---------------------------------------------------------------------------------------

def _line_collections(ax):
    return [c for c in ax.collections if isinstance(c, LineCollection)]


@pytest.mark.parametrize("T", [1, 3, 5])
def test_forest_draws_one_net_per_step(T):
    ax = forest(T, connected=True, ax=Figure().add_subplot())
    forward, *chain = _line_collections(ax)
    # each net: 2 x 3 input-to-hidden and 3 x 1 hidden-to-output connections
    assert len(forward.get_segments()) == T * (2 * 3 + 3 * 1)
    if T > 1:
        assert len(chain) == 1 and len(chain[0].get_segments()) == (T - 1) * 3 * 3
    else:
        assert chain == []
    assert [t.get_text() for t in ax.texts if t.get_text().startswith("step")] == \
        [f"step {t}" for t in range(1, T + 1)]


def test_forest_without_chain_has_no_recurrent_connections():
    ax = forest(3, connected=False, ax=Figure().add_subplot())
    assert len(_line_collections(ax)) == 1
    assert "no memory" in ax.get_title()
    assert "recurrent" in forest(3, True, ax=Figure().add_subplot()).get_title()


def test_forest_makes_its_own_figure_and_takes_layer_sizes():
    ax = forest(2, layer_sizes=(1, 4, 2))
    forward, chain = _line_collections(ax)
    assert len(forward.get_segments()) == 2 * (1 * 4 + 4 * 2)
    assert len(chain.get_segments()) == 4 * 4


@pytest.mark.parametrize("kwargs, error, match", [
    ({"T": 0}, ValueError, "T"),
    ({"T": 6}, ValueError, "T must be a whole number from 1 to 5"),
    ({"T": 2.5}, TypeError, "T"),
    ({"connected": "yes"}, TypeError, "connected"),
    ({"layer_sizes": (2, 3)}, ValueError, "layer_sizes"),
    ({"layer_sizes": "abc"}, ValueError, "layer_sizes"),
    ({"layer_sizes": (2, 0, 1)}, ValueError, r"layer_sizes\[1\]"),
    ({"layer_sizes": (2, 9, 1)}, ValueError, "at most 5"),
])
def test_forest_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        forest(ax=Figure().add_subplot(), **kwargs)


# --- freeze ---------------------------------------------------------------------------------------

def test_freeze_keeps_the_picture_and_redraws_only_the_dynamic_artists():
    fig = Figure(figsize=(3, 2), dpi=50)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    line, = ax.plot([0, 1], [1, 0])
    ax.set_xlabel("static label")
    before = render(fig)
    image = freeze(fig, [line])
    assert image in fig.images and not ax.xaxis.get_visible() and line.get_visible()
    assert np.array_equal(render(fig), before)      # looks exactly the same
    line.set_ydata([0.5, 0.5])
    assert not np.array_equal(render(fig), before)  # and the dynamic line still moves


# --- step-through ---------------------------------------------------------------------------------

def test_step_through_starts_at_t_1_and_prints_h_1():
    widget = step_through_widget()
    assert isinstance(widget, FigureWidget)
    assert widget.values == {"t": 1}
    assert bytes(widget.image.value).startswith(b"\x89PNG")
    X = np.array([1.0, 0, 0, -1, 0, 0])[None, :, None]
    _, Hs = rnnkit.SimpleRNN(1, 4, 1, seed=0).forward(X)
    assert "x_1 = [+1.00]" in widget.text.value
    assert ", ".join(f"{v:+.2f}" for v in Hs[0, 0]) in widget.text.value


def test_every_step_redraws_and_prints_its_hidden_state():
    widget = step_through_widget()
    _, Hs = rnnkit.SimpleRNN(1, 4, 1, seed=0).forward(np.array([1.0, 0, 0, -1, 0, 0])[None, :, None])
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
    _, Hs = rnn.forward(X[None])
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

def test_pulse_trace_is_the_norm_of_a_simple_rnn_after_one_pulse():
    X = np.zeros((1, 30, 1))
    X[0, 0, 0] = 1.0
    rnn = rnnkit.SimpleRNN(1, 8, 1, seed=0)
    rnn.params["W_hh"] *= 0.7
    _, Hs = rnn.forward(X)
    trace = pulse_trace(0.7, T=30, H=8, seed=0)
    assert trace.shape == (30,)
    assert np.allclose(trace, np.linalg.norm(Hs[0], axis=1))


def test_pulse_trace_shrinks_by_at_least_the_scale_below_one():
    trace = pulse_trace(0.8, T=20)
    assert np.all(trace[1:] <= 0.8 * trace[:-1] + 1e-12)      # orthogonal W_hh, tanh only shrinks
    assert np.all(pulse_trace(0.0, T=5)[1:] == 0.0)           # no W_hh, no memory


def test_steps_to_forget():
    assert steps_to_forget([1.0, 0.5, 0.2, 0.05, 0.001]) == 4
    assert steps_to_forget([1.0, 0.5, 0.2, 0.05], fraction=0.3) == 2
    assert steps_to_forget([1.0, 0.9, 0.8]) is None
    assert [steps_to_forget(pulse_trace(s, 200)) for s in (0.5, 0.9)] == [7, 40]
    assert steps_to_forget(pulse_trace(1.5, 200)) is None


@pytest.mark.parametrize("function, kwargs, error, match", [
    (pulse_trace, {"scale": -0.1}, ValueError, "scale"),
    (pulse_trace, {"scale": "big"}, TypeError, "scale"),
    (pulse_trace, {"scale": 1.0, "T": 0}, ValueError, "T"),
    (pulse_trace, {"scale": 1.0, "H": 2.5}, TypeError, "H"),
    (pulse_trace, {"scale": 1.0, "seed": -1}, TypeError, "seed"),
    (steps_to_forget, {"trace": [[1.0, 0.5]]}, ValueError, "trace"),
    (steps_to_forget, {"trace": [1.0, 0.5], "fraction": 1.5}, ValueError, "fraction"),
    (steps_to_forget, {"trace": None}, TypeError, "trace"),
])
def test_memory_helpers_reject_bad_arguments(function, kwargs, error, match):
    with pytest.raises(error, match=match):
        function(**kwargs)


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
    median = median_redraw_seconds(widget, [{"scale": s} for s in np.linspace(0.2, 1.9, 18).round(2)])
    assert median < 0.1, f"median update took {median * 1000:.0f} ms"


def test_render_and_freeze_need_a_figure():
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        render("figure")
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        freeze(None, [])
