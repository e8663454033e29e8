"""The five topologies: shapes, BPTT against numerical gradients, and that they learn."""

import numpy as np
import pytest

import rnnkit
from rnnkit import EncoderDecoder, ManyToMany, ManyToOne, OneToMany, OneToOne, forecast
from rnnkit.cells.gru import GRU
from rnnkit.cells.lstm import LSTM
from rnnkit.topologies import TOPOLOGIES

N, T, D, H, O, STEPS = 3, 4, 2, 5, 3, 6


def _case(kind, rng):
    """(model, X, targets) for a topology with random weights."""
    if kind == "one_to_one":
        return OneToOne(D, H, O, seed=1), rng.normal(size=(N, D)), rng.normal(size=(N, O))
    if kind == "one_to_many":
        return (OneToMany(D, H, O, STEPS, seed=1), rng.normal(size=(N, D)),
                rng.normal(size=(N, STEPS, O)))
    if kind == "many_to_one":
        return ManyToOne(D, H, O, seed=1), rng.normal(size=(N, T, D)), rng.normal(size=(N, O))
    if kind == "many_to_many":
        return ManyToMany(D, H, O, seed=1), rng.normal(size=(N, T, D)), rng.normal(size=(N, T, O))
    return (EncoderDecoder(D, H, O, STEPS, seed=1), rng.normal(size=(N, T, D)),
            rng.normal(size=(N, STEPS, O)))


@pytest.mark.parametrize("kind", list(TOPOLOGIES))
@pytest.mark.parametrize("seed", [0, 1])
def test_bptt_matches_numerical_gradients(kind, seed):
    rng = np.random.default_rng(seed)
    model, X, targets = _case(kind, rng)
    for p in model.params.values():
        p += 0.3 * rng.normal(size=p.shape)
    assert model.forward(X).shape == targets.shape
    errors = check = rnnkit.check_gradients(model, X, targets)
    assert set(errors) == set(model.params)
    assert max(check.values()) < 1e-7, errors


def test_parameter_names_follow_the_notation():
    assert set(OneToOne(1, 2, 1).params) == {"W_xh", "b_h", "W_oh", "b_o"}
    for model in (ManyToOne(1, 2, 1), ManyToMany(1, 2, 1), OneToMany(1, 2, 1, 3)):
        assert set(model.params) == {"W_xh", "W_hh", "b_h", "W_oh", "b_o"}
    assert set(EncoderDecoder(1, 2, 1, 3).params) == {
        "enc_W_xh", "enc_W_hh", "enc_b_h", "W_xh", "W_hh", "b_h", "W_oh", "b_o"}


def test_one_to_one_is_a_feedforward_layer():
    model = OneToOne(3, 4, 2, seed=0)
    x = np.random.default_rng(0).normal(size=(5, 3))
    p = model.params
    expected = np.tanh(x @ p["W_xh"] + p["b_h"]) @ p["W_oh"] + p["b_o"]
    np.testing.assert_allclose(model.forward(x), expected)


def test_many_to_one_and_one_to_many_share_parameters_with_their_rnn():
    model = ManyToOne(2, 3, 1, seed=0)
    rnn = model.rnn
    assert model.params is rnn.params
    same = rnnkit.SimpleRNN(2, 3, 1, seed=0)
    np.testing.assert_array_equal(rnn.params["W_xh"], same.params["W_xh"])
    X = np.ones((2, 5, 2))
    np.testing.assert_allclose(model.forward(X), rnn.forward(X)[:, -1])
    assert model.hidden_states.shape == (2, 5, 3)
    assert OneToMany(2, 3, 1, steps=4).forward(np.ones((2, 2))).shape == (2, 4, 1)
    with pytest.raises(TypeError, match="cell must be rnnkit.SimpleRNN, rnnkit.LSTM or rnnkit.GRU"):
        ManyToOne(2, 3, 1, cell="lstm")
    assert repr(model) == "ManyToOne(input_size=2, hidden_size=3, output_size=1)"
    assert repr(ManyToOne(2, 3, 1, cell=LSTM)) == \
        "ManyToOne(input_size=2, hidden_size=3, output_size=1, cell=LSTM)"


def test_encoder_decoder_output_length_differs_from_input_length():
    model = EncoderDecoder(1, 4, 2, steps=3, seed=0)
    Y = model.forward(np.ones((5, 7, 1)))
    assert Y.shape == (5, 3, 2)
    assert model.context.shape == (5, 4)
    assert "steps=3" in repr(model)


def test_one_to_many_input_gradient_sums_over_steps():
    rng = np.random.default_rng(0)
    model = OneToMany(2, 3, 1, steps=4, seed=0)
    x, dY = rng.normal(size=(2, 2)), rng.normal(size=(2, 4, 1))

    def loss():
        return float(np.sum(model.forward(x) * dY))

    loss()
    model.backward(dY)
    assert rnnkit.relative_error(model.grad_X, rnnkit.numerical_gradient(loss, x)) < 1e-7


@pytest.mark.parametrize("model, X, match", [
    (OneToOne(2, 3, 1), np.ones((4, 3)), r"x must have shape \(N, 2\)"),
    (OneToOne(2, 3, 1), np.ones(2), r"x must have 2 dimensions .*x\[None\]"),
    (OneToMany(2, 3, 1, 4), np.ones((4, 3, 2)), r"x must have 2 dimensions"),
    (ManyToOne(2, 3, 1), np.ones((4, 3)), r"X must have 3 dimensions"),
    (EncoderDecoder(2, 3, 1, 2), np.ones((4, 3, 1)), r"X must have D = 2"),
    (EncoderDecoder(2, 3, 1, 2), np.ones((4, 0, 2)), r"empty sequence"),
])
def test_bad_inputs_are_named(model, X, match):
    with pytest.raises(ValueError, match=match):
        model.forward(X)


def test_backward_before_forward_and_bad_sizes():
    for model in (OneToOne(1, 2, 1), EncoderDecoder(1, 2, 1, 2), ManyToOne(1, 2, 1)):
        with pytest.raises(RuntimeError, match="forward"):
            model.backward(np.ones((1, 1)))
    with pytest.raises(ValueError, match="steps must be a whole number >= 1"):
        OneToMany(1, 2, 1, steps=0)
    with pytest.raises(ValueError, match="steps must be"):
        EncoderDecoder(1, 2, 1, steps=-1)
    model = ManyToOne(1, 2, 1)
    model.forward(np.ones((3, 2, 1)))
    with pytest.raises(ValueError, match=r"dy must have shape \(3, 1\)"):
        model.backward(np.ones((3, 2, 1)))


@pytest.mark.parametrize("kind", list(TOPOLOGIES))
def test_each_topology_learns_a_toy_task(kind):
    rng = np.random.default_rng(0)
    if kind == "one_to_one":          # y = sum of the inputs
        X = rng.normal(size=(200, 2))
        y = X.sum(axis=1, keepdims=True)
        model = OneToOne(2, 8, 1, seed=0)
    elif kind == "one_to_many":       # x, 2x, 3x
        X = rng.uniform(-0.5, 0.5, size=(200, 1))
        y = X[:, None, :] * np.arange(1, 4)[None, :, None]
        model = OneToMany(1, 8, 1, steps=3, seed=0)
    elif kind == "many_to_one":       # the sum of a sequence
        X = rng.normal(size=(200, 4, 1)) * 0.5
        y = X.sum(axis=1)
        model = ManyToOne(1, 8, 1, seed=0)
    elif kind == "many_to_many":      # the running sum
        X = rng.normal(size=(200, 4, 1)) * 0.5
        y = np.cumsum(X, axis=1)
        model = ManyToMany(1, 8, 1, seed=0)
    else:                             # read 4 numbers, output the first two
        X = rng.normal(size=(200, 4, 1)) * 0.5
        y = X[:, :2]
        model = EncoderDecoder(1, 12, 1, steps=2, seed=0)
    before = rnnkit.evaluate(model, X, y)
    history = rnnkit.train(model, X, y, epochs=60, batch_size=20, optimizer=rnnkit.Adam(0.01),
                           seed=0)
    assert history.loss[-1] < 0.15 * before, (before, history.loss[-1])


def test_topologies_table():
    """One table names the five topologies: rnnkit.course.diagrams and the widgets read it."""
    assert list(TOPOLOGIES) == ["one_to_one", "one_to_many", "many_to_one", "many_to_many",
                                "encoder_decoder"]
    for info in TOPOLOGIES.values():
        assert info.input_shape.startswith("(N, ") and info.output_shape.startswith("(N, ")
        assert info.title and info.use
    assert TOPOLOGIES["many_to_one"].model is ManyToOne
    assert TOPOLOGIES["many_to_one"].example == "sentiment analysis"
    assert TOPOLOGIES["encoder_decoder"].output_shape == "(N, T_out, O)"


def test_encoder_decoder_takes_a_generator_as_seed_and_keeps_the_dtype():
    # Before: seed + 1 raised "unsupported operand ... Generator + int", and the encoder
    # was float64 whatever dtype said.
    model = EncoderDecoder(2, 3, 1, steps=2, seed=np.random.default_rng(0), dtype=np.float32)
    assert {p.dtype for p in model.params.values()} == {np.dtype(np.float32)}
    assert model.forward(np.ones((4, 5, 2), dtype=np.float32)).dtype == np.float32
    same = EncoderDecoder(2, 3, 1, steps=2, seed=7), EncoderDecoder(2, 3, 1, steps=2, seed=7)
    for key in same[0].params:
        np.testing.assert_array_equal(same[0].params[key], same[1].params[key])
    assert not np.array_equal(same[0].params["enc_W_xh"],
                              EncoderDecoder(2, 3, 1, steps=2, seed=8).params["enc_W_xh"])


@pytest.mark.parametrize("kind", list(TOPOLOGIES))
def test_every_model_keeps_its_hidden_states(kind):
    model, X, _ = _case(kind, np.random.default_rng(0))
    with pytest.raises(RuntimeError, match="hidden_states needs a forward"):
        _ = model.hidden_states       # before: AttributeError ... no attribute '_cache'
    model.forward(X)
    steps = {"one_to_one": 1, "one_to_many": STEPS, "encoder_decoder": T + STEPS}.get(kind, T)
    assert model.hidden_states.shape == (N, steps, H)


def test_many_to_one_before_forward():
    model = ManyToOne(1, 2, 1)
    with pytest.raises(RuntimeError, match="hidden_states needs a forward"):
        _ = model.hidden_states
    with pytest.raises(RuntimeError, match=r"backward\(\) needs a forward"):
        model.backward(np.ones((1, 1)))


def test_encoder_decoder_hidden_states_end_the_encoder_with_the_context():
    model = EncoderDecoder(1, 4, 2, steps=3, seed=0)
    model.forward(np.ones((5, 7, 1)))
    np.testing.assert_array_equal(model.hidden_states[:, 6], model.context)


# --- the decoder that feeds back its outputs: teacher forcing and generation ---------------------

def _feedback_case(seed, output_activation="identity"):
    rng = np.random.default_rng(seed)
    model = EncoderDecoder(D, H, O, STEPS, output_activation, seed=1, feedback=True)
    for p in model.params.values():
        p += 0.3 * rng.normal(size=p.shape)
    return model, rng.normal(size=(N, T, D)), rng.normal(size=(N, STEPS, O))


@pytest.mark.parametrize("output_activation", ["identity", "tanh"])
@pytest.mark.parametrize("teacher", [True, False])
def test_feedback_bptt_matches_numerical_gradients(output_activation, teacher):
    """Teacher forcing: the fed outputs are data. Generation: the gradient also flows back
    through every output into the step that read it."""
    model, X, Y_true = _feedback_case(0, output_activation)
    weights = np.random.default_rng(1).normal(size=Y_true.shape)
    kwargs = {"teacher": Y_true} if teacher else {}

    def loss():
        return float(np.sum(model.forward(X, **kwargs) * weights))

    loss()
    grads = model.backward(weights)
    assert set(grads) == set(model.params)
    for key, param in model.params.items():
        numeric = rnnkit.numerical_gradient(loss, param)
        assert rnnkit.relative_error(grads[key], numeric) < 1e-7, key


def test_feedback_through_train_matches_numerical_gradients():
    model, X, Y_true = _feedback_case(2)
    errors = rnnkit.check_gradients(model, X, Y_true)
    assert max(errors.values()) < 1e-7, errors


def test_teacher_forcing_feeds_the_truth_and_generation_feeds_its_own_outputs():
    model, X, Y_true = _feedback_case(0)
    start = np.zeros((N, O))
    Y_forced = model.forward(X, teacher=Y_true)
    U = model.decoder_inputs
    assert U.shape == (N, STEPS, H + O)
    np.testing.assert_array_equal(U[:, :, :H], np.repeat(model.context[:, None], STEPS, axis=1))
    np.testing.assert_array_equal(U[:, 0, H:], start)
    np.testing.assert_array_equal(U[:, 1:, H:], Y_true[:, :-1])
    Y_own = model.forward(X)
    U = model.decoder_inputs
    np.testing.assert_array_equal(U[:, 0, H:], start)
    np.testing.assert_array_equal(U[:, 1:, H:], Y_own[:, :-1])
    np.testing.assert_allclose(Y_own[:, 0], Y_forced[:, 0])        # both start from y_0 = 0
    assert not np.allclose(Y_own[:, 1:], Y_forced[:, 1:])


def test_the_decoder_step_is_the_formula():
    model, X, Y_true = _feedback_case(3)
    p = model.params
    Y = model.forward(X, teacher=Y_true)
    c, h = model.context, np.zeros((N, H))
    for t in range(STEPS):
        y_prev = Y_true[:, t - 1] if t else np.zeros((N, O))
        h = np.tanh(np.concatenate([c, y_prev], axis=1) @ p["W_xh"] + h @ p["W_hh"] + p["b_h"])
        np.testing.assert_allclose(model.hidden_states[:, T + t], h)
        np.testing.assert_allclose(Y[:, t], h @ p["W_oh"] + p["b_o"])


def test_feedback_parameters_and_repr():
    model = EncoderDecoder(2, 5, 3, steps=4, seed=0, feedback=True)
    assert model.params["W_xh"].shape == (5 + 3, 5)
    assert EncoderDecoder(2, 5, 3, steps=4, seed=0).params["W_xh"].shape == (5, 5)
    assert repr(model) == "EncoderDecoder(input_size=2, hidden_size=5, output_size=3, steps=4, " \
                          "feedback=True)"
    assert model.feedback is True and EncoderDecoder(2, 5, 3, 4).feedback is False
    assert model.forward(np.ones((2, 6, 2))).shape == (2, 4, 3)
    assert model.hidden_states.shape == (2, 6 + 4, 5)


def test_feedback_keeps_the_dtype():
    model = EncoderDecoder(2, 3, 2, steps=3, seed=0, dtype=np.float32, feedback=True)
    X = np.ones((4, 5, 2), dtype=np.float32)
    assert model.forward(X, teacher=np.ones((4, 3, 2))).dtype == np.float32
    assert {g.dtype for g in model.backward(np.ones((4, 3, 2))).values()} == {np.dtype(np.float32)}
    assert model.decoder_inputs.dtype == np.float32


@pytest.mark.parametrize("kwargs, error, match", [
    ({"teacher": np.ones((2, 3, 1))}, ValueError, "teacher is only for a decoder that feeds back"),
])
def test_teacher_needs_feedback(kwargs, error, match):
    with pytest.raises(error, match=match):
        EncoderDecoder(1, 4, 1, steps=3).forward(np.ones((2, 5, 1)), **kwargs)


@pytest.mark.parametrize("teacher, match", [
    (np.ones((2, 4, 1)), r"teacher must have shape \(2, 3, 1\) \(the true outputs"),
    (np.ones((2, 3)), r"teacher must have shape \(2, 3, 1\)"),
    ([[[1.0]] * 3, [[float("nan")]] * 3], "teacher contains NaN"),
    ("yes", "teacher"),
])
def test_a_bad_teacher_is_named(teacher, match):
    model = EncoderDecoder(1, 4, 1, steps=3, feedback=True)
    with pytest.raises((ValueError, TypeError), match=match):
        model.forward(np.ones((2, 5, 1)), teacher=teacher)


def test_bad_feedback_and_backward_before_forward():
    with pytest.raises(TypeError, match="feedback must be True or False"):
        EncoderDecoder(1, 2, 1, steps=2, feedback="yes")
    with pytest.raises(ValueError, match="output_activation"):
        EncoderDecoder(1, 2, 1, steps=2, output_activation="cubic")
    model = EncoderDecoder(1, 2, 1, steps=2, feedback=True)
    with pytest.raises(RuntimeError, match="decoder_inputs needs a forward"):
        _ = model.decoder_inputs
    with pytest.raises(RuntimeError, match="forward"):
        model.backward(np.ones((1, 2, 1)))
    model.forward(np.ones((3, 4, 1)))
    with pytest.raises(ValueError, match=r"dY must have shape \(3, 2, 1\)"):
        model.backward(np.ones((3, 4, 1)))


def test_teacher_forcing_learns_to_continue_a_wave():
    """Trained on the truth, the decoder then writes the next points from its own outputs."""
    rng = np.random.default_rng(0)
    phase, freq = rng.uniform(0, 2 * np.pi, (300, 1)), rng.uniform(0.3, 0.8, (300, 1))
    wave = np.sin(freq * np.arange(8) + phase)[..., None]          # (300, 8, 1)
    X, Y = wave[:, :5], wave[:, 5:]
    model = EncoderDecoder(1, 12, 1, steps=3, seed=0, feedback=True)
    before = rnnkit.mse(model.forward(X), Y)[0]
    optimizer = rnnkit.Adam(0.02)
    for _ in range(20):
        for idx in np.split(rng.permutation(300), 6):
            _, dY = rnnkit.mse(model.forward(X[idx], teacher=Y[idx]), Y[idx])
            optimizer.step(model.params, model.backward(dY))
    assert rnnkit.mse(model.forward(X), Y)[0] < 0.05 * before


# ---------------------------------------------------------------- ManyToOne with any cell

@pytest.mark.parametrize("cell", [rnnkit.SimpleRNN, LSTM, GRU])
def test_many_to_one_reads_any_rnn_at_its_last_step(cell):
    model = ManyToOne(2, 5, 3, seed=0, cell=cell)
    rnn = model.rnn
    assert type(rnn) is cell
    X = np.random.default_rng(1).normal(size=(4, 6, 2))
    y = model.forward(X)
    assert y.shape == (4, 3) and np.allclose(y, rnn.forward(X)[:, -1])
    assert model.params is rnn.params
    assert model.hidden_states.shape == (4, 6, 5)


@pytest.mark.parametrize("cell", [rnnkit.SimpleRNN, LSTM, GRU])
def test_many_to_one_gradients_match_finite_differences(cell):
    model = ManyToOne(1, 4, 1, seed=0, cell=cell)
    rng = np.random.default_rng(2)
    errors = rnnkit.check_gradients(model, rng.normal(size=(3, 5, 1)), rng.normal(size=(3, 1)))
    assert max(errors.values()) < 1e-6, errors


def test_many_to_one_trains_a_forecaster():
    X, y = forecast.sliding_windows(np.sin(np.arange(200) / 3.0), length=8)
    model = ManyToOne(1, 8, 1, seed=0)
    history = rnnkit.train(model, X, y, epochs=20, batch_size=32, optimizer=rnnkit.Adam(0.01),
                           seed=0)
    assert history.loss[-1] < history.loss[0] / 10


def test_many_to_one_checks_its_input():
    model = ManyToOne(1, 3, 2, seed=0)
    with pytest.raises(RuntimeError, match=r"needs a forward\(\) first"):
        model.backward(np.zeros((2, 2)))
    model.forward(np.zeros((2, 5, 1)))
    with pytest.raises(ValueError, match=r"dy must have shape \(2, 2\)"):
        model.backward(np.zeros((2, 5, 2)))
    with pytest.raises(ValueError, match="X must have D = 1 features"):
        model.forward(np.zeros((2, 5, 3)))
