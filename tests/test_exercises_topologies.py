"""Notebook 03's exercise checks: the right answer passes, each typical wrong answer of the
registries gets "Not yet", its own hint, and never the expected value."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, verdict, wrong_answer

import rnnkit
from rnnkit.course.exercises import topologies as ex

# --- 1. which topology ----------------------------------------------------------------------------

TOPOLOGY_CASES = [pytest.param(task, mistake, id=f"{task}-{mistake.name}")
                  for task, (_, _, registry) in ex.TASKS.items() for mistake in registry]


@pytest.mark.parametrize("task", list(ex.TASKS))
def test_each_task_has_its_topology(capsys, task):
    right = ex.TASKS[task][1]
    assert verdict(capsys, ex.check_topology, task, right)[0]
    assert verdict(capsys, ex.check_topology, task, f" {right.upper()} ")[0]


@pytest.mark.parametrize("task, mistake", TOPOLOGY_CASES)
def test_each_wrong_topology_gets_its_hint(capsys, task, mistake):
    assert_not_yet(capsys, ex.check_topology, task, mistake.wrong, hint=mistake,
                   expected=ex.TASKS[task][1])


def test_every_wrong_topology_has_a_hint():
    for _, right, registry in ex.TASKS.values():
        assert {mistake.wrong for mistake in registry} == set(rnnkit.TOPOLOGIES) - {right}


def test_an_answer_outside_the_names(capsys):
    assert_not_yet(capsys, ex.check_topology, "melody", "many-to-one",
                   hint="not one of the 5 answers the exercise offers")
    assert_not_yet(capsys, ex.check_topology, "video", None, hint="replace None")
    with pytest.raises(ValueError, match="task must be one of"):
        ex.check_topology("weather", "many_to_one")


# --- 2. shapes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("check, right, registry", [
    (ex.check_output_shape, (10, 7, 4), ex.OUTPUT_SHAPE_MISTAKES),
    (ex.check_context_shape, (10, 8), ex.CONTEXT_SHAPE_MISTAKES),
], ids=["output", "context"])
def test_the_encoder_decoder_shapes(capsys, check, right, registry):
    assert verdict(capsys, check, right)[0]
    assert verdict(capsys, check, list(right))[0]
    for mistake in registry:
        assert_not_yet(capsys, check, mistake.wrong, hint=mistake, expected=right)
    assert_not_yet(capsys, check, right[:-1], hint=f"has {len(right)} entries, yours has")


# --- 3. the last step -----------------------------------------------------------------------------

@pytest.fixture
def many_to_one():
    model = rnnkit.ManyToOne(input_size=1, hidden_size=8, output_size=2, seed=0)
    X = np.random.default_rng(0).normal(size=(3, 5, 1))
    Y = model.rnn.forward(X)
    return model, X, Y


def test_the_last_output(capsys, many_to_one):
    model, X, Y = many_to_one
    for right in (Y[:, -1], Y[:, 4], Y[:, -1].tolist(), ex.last_output_solution(Y)):
        assert verdict(capsys, ex.check_last_output, right, model, X)[0]


@pytest.mark.parametrize("mistake", cases(ex.LAST_OUTPUT_MISTAKES))
def test_each_typical_last_output_mistake(capsys, many_to_one, mistake):
    model, X, Y = many_to_one
    assert_not_yet(capsys, ex.check_last_output, wrong_answer(mistake, Y), model, X,
                   hint=mistake, expected=model.forward(X))


@pytest.mark.parametrize("pick, hint", [
    (lambda Y: 2 * Y[:, -1], "y_T is wrong at N = 0, O = 0"),
    (lambda Y: Y[:, -1].T, "shape (2, 3)"),
])
def test_other_wrong_last_outputs(capsys, many_to_one, pick, hint):
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


def test_the_teacher_inputs(capsys, decoder):
    model, X, Y = decoder
    ok, line = verdict(capsys, ex.check_teacher_inputs, ex.teacher_inputs_solution(Y), model, X, Y)
    assert ok and "Y_prev matches (shape (3, 4, 2))" in line
    H = model.params["enc_W_hh"].shape[0]
    np.testing.assert_array_equal(model.decoder_inputs[:, :, H:], ex.teacher_inputs_solution(Y))


@pytest.mark.parametrize("mistake", cases(ex.TEACHER_INPUTS_MISTAKES))
def test_each_typical_teacher_mistake(capsys, decoder, mistake):
    model, X, Y = decoder
    answer = wrong_answer(mistake, Y)
    answer = answer.copy() if answer is Y else answer    # Y itself: see the next test
    assert_not_yet(capsys, ex.check_teacher_inputs, answer, model, X, Y, hint=mistake,
                   expected=ex.teacher_inputs_solution(Y)[:, 1:])


def test_y_itself_or_y_shifted_in_place_is_named(capsys, decoder):
    model, X, Y = decoder
    assert_not_yet(capsys, ex.check_teacher_inputs, Y, model, X, Y,
                   hint="Y_prev is Y, or a part of it, under a new name")
    Y[:, 1:] = Y[:, :-1].copy()
    Y[:, 0] = 0.0
    assert_not_yet(capsys, ex.check_teacher_inputs, Y, model, X, Y, hint="is Y, or a part of it")


@pytest.mark.parametrize("wrong, hint", [
    (lambda Y: np.concatenate([np.ones_like(Y[:, :1]), Y[:, :-1]], axis=1),
     "Y_prev is wrong at N = 0, T_out = 0, O = 0: too large"),
    (lambda Y: ex.teacher_inputs_solution(Y)[..., 0], "an axis is missing"),
])
def test_other_wrong_teacher_inputs(capsys, decoder, wrong, hint):
    model, X, Y = decoder
    assert_not_yet(capsys, ex.check_teacher_inputs, wrong(Y), model, X, Y, hint=hint,
                   expected=ex.teacher_inputs_solution(Y)[:, 1:])


def test_the_teacher_inputs_need_a_decoder_that_feeds_back(decoder):
    _, X, Y = decoder
    with pytest.raises(TypeError, match="feedback=True"):
        ex.check_teacher_inputs(ex.teacher_inputs_solution(Y), rnnkit.EncoderDecoder(1, 6, 2,
                                                                                     steps=4), X, Y)
