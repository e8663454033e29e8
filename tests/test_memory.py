"""rnnkit.memory: how long a pulse lives in a SimpleRNN's state."""

import numpy as np
import pytest

import rnnkit
from rnnkit.memory import pulse_trace, steps_to_forget


def test_pulse_trace_is_the_norm_of_a_simple_rnn_after_one_pulse():
    X = np.zeros((1, 30, 1))
    X[0, 0, 0] = 1.0
    rnn = rnnkit.SimpleRNN(1, 8, 1, seed=0)
    rnn.params["W_hh"] *= 0.7
    rnn.forward(X)
    Hs = rnn.hidden_states
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
