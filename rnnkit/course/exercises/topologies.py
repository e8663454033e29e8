"""The checks of notebook 03's exercises (03_topologies): five topologies.

    check_topology(task, my_answer)              1. which topology fits a task
    check_output_shape(my_output_shape)          2. an EncoderDecoder's output shape
    check_context_shape(my_context_shape)        2. and its context vector's
    check_last_output(my_last, model, X)         3. many-to-one from many-to-many's outputs
    check_teacher_inputs(my_Y_prev, model, X, Y) 4. what teacher forcing feeds the decoder

Each computes the right answer with rnnkit (the topologies are a fact of each
task, written once in TASKS), gives every typical wrong answer its own hint,
and never prints the expected value.
"""

import numpy as np

from ...topologies import TOPOLOGIES, EncoderDecoder, ManyToOne
from ..checks import check_array, check_choice

# task: (its name in the verdict, the topology, {wrong topology: hint})
TASKS = {
    "temperature": ("(a) temperature", "many_to_one", {
        "many_to_many": "one number comes out, after the 30 days, not one per day",
        "one_to_one": "30 days of readings are a sequence, not one input",
        "encoder_decoder": "the output is a single number: nothing for a decoder to write",
        "one_to_many": "the input is 30 days, a sequence; the output is one number"}),
    "video": ("(b) video frames", "many_to_many", {
        "many_to_one": "every frame gets its own label, not one for the whole video",
        "encoder_decoder": "one label per frame: the output is as long as the input, "
                           "and label t belongs to frame t",
        "one_to_one": "a goal takes several frames: read the video as a sequence",
        "one_to_many": "the input is the whole video, a sequence of frames"}),
    "speech": ("(c) speech", "encoder_decoder", {
        "many_to_many": "a few words from hundreds of frames: the lengths differ, and no "
                        "frame lines up with a word",
        "many_to_one": "a sentence comes out, several words, not one label",
        "one_to_many": "the input is a recording, a sequence of frames",
        "one_to_one": "both the recording and the sentence are sequences"}),
    "melody": ("(d) melody", "one_to_many", {
        "many_to_many": "the input is one genre label, not a sequence",
        "encoder_decoder": "the input is one genre label: there is no sequence to encode",
        "one_to_one": "16 notes come out: the output is a sequence",
        "many_to_one": "it is the other way round: one label in, a sequence out"}),
}


def check_topology(task, my_answer):
    """Exercise 1: which topology fits ``task`` ("temperature", "video", "speech", "melody")."""
    if task not in TASKS:
        raise ValueError(f"task must be one of {', '.join(map(repr, TASKS))}, got {task!r}")
    name, right, hints = TASKS[task]
    mistakes = list(hints.items())
    if isinstance(my_answer, str) and my_answer not in TOPOLOGIES:
        mistakes.append((my_answer, "is not one of the five names: spell it as the question "
                                    "does, with underscores, like 'one_to_one'"))
    return check_choice(my_answer, right, name, mistakes)


# Exercise 2: EncoderDecoder(input_size=2, hidden_size=8, output_size=4, steps=7) reads X (10, 5, 2)
N, T_IN, D, H, O, T_OUT = 10, 5, 2, 8, 4, 7


def _exercise_2_model():
    model = EncoderDecoder(D, H, O, steps=T_OUT, seed=0)
    output = model.forward(np.zeros((N, T_IN, D)))
    return output.shape, model.context.shape


def check_output_shape(my_output_shape):
    """Exercise 2: the shape of EncoderDecoder(2, 8, 4, steps=7)'s output for X (10, 5, 2)."""
    right, _ = _exercise_2_model()
    mistakes = [((N, T_IN, O), "the output has T_out = steps decoder steps; T_in is the input's"),
                ((N, T_OUT, H), "the last axis holds each step's O outputs, not H hidden units"),
                ((N, T_OUT, D), "the last axis holds each step's O outputs, not D inputs"),
                ((T_OUT, N, O), "batch-major: the sequences (N) come first"),
                ((N, O), "that is one output per sequence; the decoder writes one at every step")]
    return check_choice(my_output_shape, right, "the output shape", mistakes)


def check_context_shape(my_context_shape):
    """Exercise 2: the shape of that EncoderDecoder's context vector."""
    _, right = _exercise_2_model()
    mistakes = [((N, T_IN, H), "that is every encoder state; the context is the last one only"),
                ((N, T_OUT, H), "the context is one vector for the whole input, not one per "
                                "decoder step"),
                ((H,), "there is one context per sequence: N rows"),
                ((N, O), "the context is a hidden state: H numbers, not O"),
                ((N, D), "the context is a hidden state: H numbers, not D")]
    return check_choice(my_context_shape, right, "the context shape", mistakes)


def check_last_output(my_last, model, X):
    """Exercise 3: y_T (N, O) from the every-step outputs of the SimpleRNN inside a ManyToOne.

    model: the rnnkit.ManyToOne; X: (N, T, D), the batch it reads.
    """
    if not isinstance(model, ManyToOne):
        raise TypeError(f"model must be an rnnkit.ManyToOne, got {type(model).__name__}")
    Y = model.rnn.forward(X)                                      # (N, T, O)
    right = model.forward(X)                                      # (N, O)
    mistakes = [(Y[:, 0], "that is the first step's output; the last step is index -1 of axis 1"),
                (Y[:, -2], "that is one step too early: the last step is index -1 (or T - 1)"),
                (Y[-1], "Y[-1] is the last sequence, all its steps (axis 0 is N): index axis 1"),
                (Y[:, -1:], "the slice -1: keeps a time axis of length 1; index with -1"),
                (Y.mean(axis=1), "that is the mean over the steps; keep only the last one"),
                (Y, "that is every step's output; many-to-one keeps only the last")]
    return check_array(my_last, right, "y_T", axes=("N", "O"), mistakes=mistakes)


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
    Y = np.asarray(Y, dtype=float)
    start = np.zeros_like(Y[:, :1])
    mistakes = [(Y, "not shifted: step t would read y_t, the very answer it must write"),
                (np.concatenate([Y[:, 1:], start], axis=1),
                 "shifted the wrong way: step t would read y_{t+1}, from the future"),
                (Y[:, :-1], "the first step needs an input too: the start value 0"),
                (np.roll(Y, 1, axis=1), "np.roll wraps the last output round to step 1; step 1 "
                                        "reads the start value 0"),
                (np.concatenate([np.zeros_like(Y[:1]), Y[:-1]], axis=0),
                 "that shifts the sequences (axis 0); shift along time, axis 1")]
    return check_array(my_Y_prev, right, "Y_prev", axes=("N", "T_out", "O"), mistakes=mistakes)
