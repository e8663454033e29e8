"""The checks of notebook 03's exercises (03_topologies): five topologies.

    check_topology(task, my_answer)              1. which topology fits a task
    check_output_shape(my_output_shape)          2. an EncoderDecoder's output shape
    check_context_shape(my_context_shape)        2. and its context vector's
    check_last_output(my_last, model, X)         3. many-to-one from many-to-many's outputs
    check_teacher_inputs(my_Y_prev, model, X, Y) 4. what teacher forcing feeds the decoder

Each computes the right answer with rnnkit (the topologies are a fact of each
task, written once in TASKS), reads the typical wrong answers from its exercise's
registry (TASKS' mistakes, OUTPUT_SHAPE_MISTAKES, ...), gives each its own hint, and
never prints the expected value.
"""

import numpy as np

from ...topologies import TOPOLOGIES, EncoderDecoder, ManyToOne
from ..checks import Mistake, check_array, check_choice, edit

# task: (its name in the verdict, the topology, the registry of its wrong topologies)
TASKS = {
    "temperature": ("(a) temperature", "many_to_one", [
        Mistake("many_to_many", "one number comes out, after the 30 days, not one per day",
                "many_to_many"),
        Mistake("one_to_one", "30 days of readings are a sequence, not one input", "one_to_one"),
        Mistake("encoder_decoder", "the output is a single number: nothing for a decoder to "
                                   "write", "encoder_decoder"),
        Mistake("one_to_many", "the input is 30 days, a sequence; the output is one number",
                "one_to_many")]),
    "video": ("(b) video frames", "many_to_many", [
        Mistake("many_to_one", "every frame gets its own label, not one for the whole video",
                "many_to_one"),
        Mistake("encoder_decoder", "one label per frame: the output is as long as the input, "
                                   "and label t belongs to frame t", "encoder_decoder"),
        Mistake("one_to_one", "a goal takes several frames: read the video as a sequence",
                "one_to_one"),
        Mistake("one_to_many", "the input is the whole video, a sequence of frames",
                "one_to_many")]),
    "speech": ("(c) speech", "encoder_decoder", [
        Mistake("many_to_many", "a few words from hundreds of frames: the lengths differ, and "
                                "no frame lines up with a word", "many_to_many"),
        Mistake("many_to_one", "a sentence comes out, several words, not one label",
                "many_to_one"),
        Mistake("one_to_many", "the input is a recording, a sequence of frames", "one_to_many"),
        Mistake("one_to_one", "both the recording and the sentence are sequences",
                "one_to_one")]),
    "melody": ("(d) melody", "one_to_many", [
        Mistake("many_to_many", "the input is one genre label, not a sequence", "many_to_many"),
        Mistake("encoder_decoder", "the input is one genre label: there is no sequence to "
                                   "encode", "encoder_decoder"),
        Mistake("one_to_one", "16 notes come out: the output is a sequence", "one_to_one"),
        Mistake("many_to_one", "it is the other way round: one label in, a sequence out",
                "many_to_one")]),
}


def check_topology(task, my_answer):
    """Exercise 1: which topology fits ``task`` ("temperature", "video", "speech", "melody")."""
    if task not in TASKS:
        raise ValueError(f"task must be one of {', '.join(map(repr, TASKS))}, got {task!r}")
    name, right, mistakes = TASKS[task]
    return check_choice(my_answer, right, name, mistakes=mistakes, choices=TOPOLOGIES)


# Exercise 2: EncoderDecoder(input_size=2, hidden_size=8, output_size=4, steps=7) reads X (10, 5, 2)
N, T_IN, D, H, O, T_OUT = 10, 5, 2, 8, 4, 7


def _exercise_2_model():
    model = EncoderDecoder(D, H, O, steps=T_OUT, seed=0)
    output = model.forward(np.zeros((N, T_IN, D)))
    return output.shape, model.context.shape


OUTPUT_SHAPE_MISTAKES = [
    Mistake("T_in", "the output has one step per decoder step; T_in is the input's length",
            (N, T_IN, O)),
    Mistake("H last", "the last axis holds each step's O outputs, not H hidden units",
            (N, T_OUT, H)),
    Mistake("D last", "the last axis holds each step's O outputs, not D inputs", (N, T_OUT, D)),
    Mistake("time first", "batch-major: the sequences (N) come first", (T_OUT, N, O)),
    Mistake("one output", "that is one output per sequence; the decoder writes one at every "
                          "step", (N, O)),
]


def check_output_shape(my_output_shape):
    """Exercise 2: the shape of EncoderDecoder(2, 8, 4, steps=7)'s output for X (10, 5, 2)."""
    right, _ = _exercise_2_model()
    return check_choice(my_output_shape, right, "the output shape", OUTPUT_SHAPE_MISTAKES)


CONTEXT_SHAPE_MISTAKES = [
    Mistake("every encoder state", "that is every encoder state; the context is the last one "
                                   "only", (N, T_IN, H)),
    Mistake("one per decoder step", "the context is one vector for the whole input, not one "
                                    "per decoder step", (N, T_OUT, H)),
    Mistake("no batch", "there is one context per sequence: N rows", (H,)),
    Mistake("O wide", "the context is a hidden state: H numbers, not O", (N, O)),
    Mistake("D wide", "the context is a hidden state: H numbers, not D", (N, D)),
]


def check_context_shape(my_context_shape):
    """Exercise 2: the shape of that EncoderDecoder's context vector."""
    _, right = _exercise_2_model()
    return check_choice(my_context_shape, right, "the context shape", CONTEXT_SHAPE_MISTAKES)


def last_output_solution(Y):
    """The notebook's solution: y_T (N, O) from the outputs of every step, Y (N, T, O)."""
    return Y[:, -1]


def _last_output_with(wrong):
    return edit(last_output_solution, "return Y[:, -1]", f"return {wrong}")


LAST_OUTPUT_MISTAKES = [
    Mistake("first step", "that is the first step's output, not the last",
            _last_output_with("Y[:, 0]")),
    Mistake("one step early", "that is one step too early", _last_output_with("Y[:, -2]")),
    Mistake("last sequence", "Y[-1] is the last sequence, all its steps (axis 0 is N), not the "
                             "last step of each", _last_output_with("Y[-1]")),
    Mistake("a slice", "the slice -1: keeps a time axis of length 1",
            _last_output_with("Y[:, -1:]")),
    Mistake("mean over steps", "that is the mean over the steps; many-to-one keeps only the "
                               "last", _last_output_with("Y.mean(axis=1)")),
    Mistake("every step", "that is every step's output; many-to-one keeps only the last",
            _last_output_with("Y")),
]


def check_last_output(my_last, model, X):
    """Exercise 3: y_T (N, O) from the every-step outputs of the SimpleRNN inside a ManyToOne.

    model: the rnnkit.ManyToOne; X: (N, T, D), the batch it reads.
    """
    if not isinstance(model, ManyToOne):
        raise TypeError(f"model must be an rnnkit.ManyToOne, got {type(model).__name__}")
    Y = model.rnn.forward(X)                                      # (N, T, O)
    right = model.forward(X)                                      # (N, O)
    return check_array(my_last, right, "y_T", axes=("N", "O"), mistakes=LAST_OUTPUT_MISTAKES,
                       given=(Y,))


def teacher_inputs_solution(Y):
    """The notebook's solution: Y_prev (N, T_out, O), the start value 0, then y_1 .. y_{T-1}."""
    return np.concatenate([np.zeros_like(Y[:, :1]), Y[:, :-1]], axis=1)


def _teacher_inputs_with(wrong):
    return edit(teacher_inputs_solution, "np.concatenate([np.zeros_like(Y[:, :1]), Y[:, :-1]], "
                                         "axis=1)", wrong)


TEACHER_INPUTS_MISTAKES = [
    Mistake("not shifted", "not shifted: step t would read y_t, the very answer it must write",
            _teacher_inputs_with("Y")),
    Mistake("shifted back", "shifted the wrong way: step t would read y_{t+1}, from the future",
            _teacher_inputs_with("np.concatenate([Y[:, 1:], np.zeros_like(Y[:, :1])], axis=1)")),
    Mistake("no start", "the first decoder step reads an input too, the start value",
            _teacher_inputs_with("Y[:, :-1]")),
    Mistake("rolled", "np.roll wraps the last output round to step 1, where the start value "
                      "belongs", _teacher_inputs_with("np.roll(Y, 1, axis=1)")),
    Mistake("along the batch", "that shifts the sequences (axis 0), not the time steps",
            _teacher_inputs_with("np.concatenate([np.zeros_like(Y[:1]), Y[:-1]], axis=0)")),
]


def check_teacher_inputs(my_Y_prev, model, X, Y):
    """Exercise 4: Y_prev (N, T_out, O), the previous outputs teacher forcing feeds the decoder.

    model: an rnnkit.EncoderDecoder made with feedback=True. X: (N, T_in, D), Y: (N, T_out, O)
    the true outputs. The right answer is what model.forward(X, teacher=Y) fed its decoder.
    """
    if not isinstance(model, EncoderDecoder) or not model.feedback:
        raise TypeError(f"model must be an rnnkit.EncoderDecoder with feedback=True, "
                        f"got {model!r}")
    model.forward(X, teacher=Y)
    H = model.params["enc_W_hh"].shape[0]
    right = model.decoder_inputs[:, :, H:]                        # u_t = [c, y_{t-1}]
    return check_array(my_Y_prev, right, "Y_prev", axes=("N", "T_out", "O"),
                       mistakes=TEACHER_INPUTS_MISTAKES, given=(np.asarray(Y, dtype=float),),
                       inputs={"Y": Y})
