"""Notebook 03's exercise checks: the right answer passes, each typical wrong answer gets
"Not yet", its own hint, and never the expected value."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, verdict

import rnnkit
from rnnkit.course.exercises import topologies as ex

# --- 1. which topology ----------------------------------------------------------------------------

RIGHT = {"temperature": "many_to_one", "video": "many_to_many", "speech": "encoder_decoder",
         "melody": "one_to_many"}


@pytest.mark.parametrize("task", list(RIGHT))
def test_each_task_has_its_topology(capsys, task):
    assert verdict(capsys, ex.check_topology, task, RIGHT[task])[0]


@pytest.mark.parametrize("task, wrong, hint", [
    ("temperature", "many_to_many", "not one per day"),
    ("temperature", "one_to_one", "30 days of readings are a sequence"),
    ("temperature", "encoder_decoder", "nothing for a decoder"),
    ("video", "many_to_one", "every frame gets its own label"),
    ("video", "encoder_decoder", "label t belongs to frame t"),
    ("speech", "many_to_many", "the lengths differ"),
    ("speech", "many_to_one", "several words"),
    ("melody", "many_to_many", "the input is one genre label"),
    ("melody", "encoder_decoder", "no sequence to encode"),
    ("melody", "one_to_one", "16 notes come out"),
    ("melody", "many-to-one", "not one of the five names"),
    ("video", None, "replace None"),
])
def test_typical_wrong_topologies(capsys, task, wrong, hint):
    assert_not_yet(capsys, ex.check_topology, task, wrong, hint=hint, expected=RIGHT[task])


def test_every_wrong_topology_has_a_hint():
    for _, right, hints in ex.TASKS.values():
        assert set(hints) == set(rnnkit.TOPOLOGIES) - {right}


def test_an_unknown_task_is_named():
    with pytest.raises(ValueError, match="task must be one of"):
        ex.check_topology("weather", "many_to_one")


# --- 2. shapes ------------------------------------------------------------------------------------

def test_the_encoder_decoder_shapes(capsys):
    assert verdict(capsys, ex.check_output_shape, (10, 7, 4))[0]
    assert verdict(capsys, ex.check_context_shape, (10, 8))[0]
    for wrong, hint in [((10, 5, 4), "T_out = steps"), ((10, 7, 8), "not H hidden units"),
                        ((10, 7, 2), "not D inputs"), ((7, 10, 4), "batch-major"),
                        ((10, 4), "one at every step"), ((10, 7), "has 3 entries, yours has 2")]:
        assert_not_yet(capsys, ex.check_output_shape, wrong, hint=hint, expected=(10, 7, 4))
    for wrong, hint in [((10, 5, 8), "the last one only"), ((10, 7, 8), "not one per decoder"),
                        ((8,), "one context per sequence"), ((10, 4), "not O"),
                        ((10, 2), "not D"), ((10, 16), "entry 1 is wrong")]:
        assert_not_yet(capsys, ex.check_context_shape, wrong, hint=hint, expected=(10, 8))


# --- 3. the last step -----------------------------------------------------------------------------

@pytest.fixture
def many_to_one():
    model = rnnkit.ManyToOne(input_size=1, hidden_size=8, output_size=2, seed=0)
    X = np.random.default_rng(0).normal(size=(3, 5, 1))
    Y = model.rnn.forward(X)
    return model, X, Y


def test_the_last_output(capsys, many_to_one):
    model, X, Y = many_to_one
    assert verdict(capsys, ex.check_last_output, Y[:, -1], model, X)[0]
    assert verdict(capsys, ex.check_last_output, Y[:, 4], model, X)[0]


@pytest.mark.parametrize("pick, hint", [
    (lambda Y: Y[:, 0], "the first step's output"),
    (lambda Y: Y[:, -2], "one step too early"),
    (lambda Y: Y[-1], "Y[-1] is the last sequence"),
    (lambda Y: Y[:, -1:], "keeps a time axis of length 1"),
    (lambda Y: Y.mean(axis=1), "the mean over the steps"),
    (lambda Y: Y, "every step's output"),
    (lambda Y: 2 * Y[:, -1], "y_T is wrong at N = 0, O = 0"),
    (lambda Y: Y[:, -1].T, "shape (2, 3)"),
])
def test_typical_wrong_last_outputs(capsys, many_to_one, pick, hint):
    model, X, Y = many_to_one
    assert_not_yet(capsys, ex.check_last_output, pick(Y), model, X, hint=hint,
                   expected=model.forward(X))


def test_the_last_output_needs_a_many_to_one(many_to_one):
    _, X, Y = many_to_one
    with pytest.raises(TypeError, match="model must be an rnnkit.ManyToOne"):
        ex.check_last_output(Y[:, -1], rnnkit.ManyToMany(1, 8, 2), X)


# --- 4. teacher forcing ---------------------------------------------------------------------------

@pytest.fixture
def decoder():
    rng = np.random.default_rng(1)
    model = rnnkit.EncoderDecoder(1, 6, 2, steps=4, seed=0, feedback=True)
    return model, rng.normal(size=(3, 5, 1)), rng.normal(size=(3, 4, 2))


def shifted(Y):
    return np.concatenate([np.zeros_like(Y[:, :1]), Y[:, :-1]], axis=1)


def test_the_teacher_inputs(capsys, decoder):
    model, X, Y = decoder
    ok, line = verdict(capsys, ex.check_teacher_inputs, shifted(Y), model, X, Y)
    assert ok and "Y_prev matches (shape (3, 4, 2))" in line
    H = model.params["enc_W_hh"].shape[0]
    np.testing.assert_array_equal(model.decoder_inputs[:, :, H:], shifted(Y))


@pytest.mark.parametrize("wrong, hint", [
    (lambda Y: Y, "not shifted"),
    (lambda Y: np.concatenate([Y[:, 1:], np.zeros_like(Y[:, :1])], axis=1), "from the future"),
    (lambda Y: Y[:, :-1], "the first step needs an input too"),
    (lambda Y: np.roll(Y, 1, axis=1), "np.roll wraps"),
    (lambda Y: np.concatenate([np.zeros_like(Y[:1]), Y[:-1]], axis=0), "shift along time"),
    (lambda Y: np.concatenate([np.ones_like(Y[:, :1]), Y[:, :-1]], axis=1),
     "Y_prev is wrong at N = 0, T_out = 0, O = 0: too large"),
    (lambda Y: shifted(Y)[..., 0], "an axis is missing"),
])
def test_typical_wrong_teacher_inputs(capsys, decoder, wrong, hint):
    model, X, Y = decoder
    assert_not_yet(capsys, ex.check_teacher_inputs, wrong(Y), model, X, Y, hint=hint,
                   expected=shifted(Y)[:, 1:])


def test_the_teacher_inputs_need_a_decoder_that_feeds_back(decoder):
    _, X, Y = decoder
    with pytest.raises(TypeError, match="feedback=True"):
        ex.check_teacher_inputs(shifted(Y), rnnkit.EncoderDecoder(1, 6, 2, steps=4), X, Y)
