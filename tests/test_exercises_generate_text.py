"""The checks of notebook 07's exercises: the right answer passes, each typical mistake of
the registries gets its own hint, and no message gives the answer away."""

import numpy as np
import pytest
from char_helpers import brief_char_model
from exercise_helpers import assert_not_yet, cases, changing, verdict, wrong_answer

import rnnkit
from rnnkit import lm
from rnnkit.course.exercises import generate_text as ex
from rnnkit.lm import next_token


@pytest.fixture(scope="module")
def model():
    return brief_char_model(H=24)


def test_exercise_1_the_right_loop_passes(capsys, model):
    rnn, vocab = model
    ok, line = verdict(capsys, ex.check_sampling_loop, ex.sampling_solution, rnn, vocab)
    assert ok and line == ("Correct: my_generate agrees with rnnkit.lm.generate on all 4 "
                           "examples.")


def test_exercise_1_other_right_loops_pass(capsys, model):
    """A loop that carries h from hidden_states, and one that draws with rng.choice (which
    spends one uniform number per draw exactly as next_token does)."""
    rnn, vocab = model

    def with_hidden_states(rnn, vocab, prime, length, temperature, rng):
        logits = rnn.forward(vocab.one_hot(vocab.encode(prime))[None])
        y, h = logits[0, -1], rnn.hidden_states[:, -1]
        new = []
        for _ in range(length):
            i = next_token(y, temperature, rng)
            new.append(i)
            logits = rnn.forward(vocab.one_hot([[i]]), h)
            y, h = logits[0, -1], rnn.hidden_states[:, -1]
        return "".join(vocab.tokens[i] for i in new)

    def with_choice(rnn, vocab, prime, length, temperature, rng):
        logits = rnn.forward(vocab.one_hot(vocab.encode(prime))[None])
        new = []
        for _ in range(length):
            y = logits[0, -1]
            i = int(rng.choice(len(y), p=rnnkit.softmax(y, temperature))) if temperature else \
                int(np.argmax(y))
            new.append(i)
            logits = rnn.forward(vocab.one_hot([[i]]), rnn.final_state)
        return vocab.decode(new)

    for right in (with_hidden_states, with_choice):
        assert verdict(capsys, ex.check_sampling_loop, right, rnn, vocab)[0]


@pytest.mark.parametrize("mistake", cases(ex.SAMPLING_MISTAKES))
def test_exercise_1_each_typical_mistake_gets_its_hint(capsys, model, mistake):
    rnn, vocab = model
    assert_not_yet(capsys, ex.check_sampling_loop, mistake.wrong, rnn, vocab, hint=mistake)


def test_exercise_1_a_loop_that_changes_the_model_is_refused(capsys, model):
    rnn, vocab = model
    before = {key: value.copy() for key, value in rnn.params.items()}
    assert_not_yet(capsys, ex.check_sampling_loop, changing(ex.sampling_solution, 0), rnn, vocab,
                   hint="my_generate changed rnn (its 'W_xh') in place")
    assert all(np.array_equal(rnn.params[key], value) for key, value in before.items())


def test_exercise_1_other_answers(capsys, model):
    rnn, vocab = model

    def unanswered(rnn, vocab, prime, length, temperature, rng):
        new = []
        return vocab.decode(new) if new else None

    def shorter(*args):
        return ex.sampling_solution(*args)[:-3]

    def greedy_only(rnn, vocab, prime, length, temperature, rng):
        return ex.sampling_solution(rnn, vocab, prime, length, 0.0, rng)

    def global_draws(rnn, vocab, prime, length, temperature, rng):
        return ex.sampling_solution(rnn, vocab, prime, length, temperature,
                                    np.random.default_rng())

    for function, hint in [
        (unanswered, "my_generate returned None on example 1 (greedy); write the loop"),
        (lambda rnn, vocab, prime, length, temperature, rng: rnn.forward(vocab.encode(prime)),
         "raised ValueError on example 1 (greedy): X must have 3 dimensions"),
        (lambda *args: vocab.encode(ex.sampling_solution(*args)),
         "must be a str; got ndarray"),
        (shorter, "example 1 (greedy): the result of my_generate has 37 characters; the answer "
                  "has 40"),
        (greedy_only, "example 2 (temperature 0.5): the result of my_generate first differs "
                      "at character"),
        (global_draws, "gives other results when run again on the same example: every draw "
                       "must come from rng"),
        ("my_generate", "is not a function"),
    ]:
        line = assert_not_yet(capsys, ex.check_sampling_loop, function, rnn, vocab, hint=hint)
        assert lm.generate(rnn, vocab, "ROMEO:", 40, 0.5, 1) not in line


def test_exercise_1_checks_its_model(model):
    rnn, vocab = model
    with pytest.raises(TypeError, match="vocab"):
        ex.check_sampling_loop(ex.sampling_solution, rnn, vocab.tokens)
    with pytest.raises(ValueError, match="input_size = output_size"):
        ex.check_sampling_loop(ex.sampling_solution, rnnkit.SimpleRNN(3, 2, 4), vocab)


LOSSES = np.random.default_rng(0).uniform(0.2, 4.0, size=40)


def test_exercise_2_perplexity(capsys):
    right = np.exp(LOSSES.mean())
    ok, line = verdict(capsys, ex.check_perplexity, right, LOSSES)
    assert ok and line == "Correct: your perplexity is right."
    for other in (rnnkit.perplexity(LOSSES.mean()), ex.perplexity_solution(LOSSES),
                  np.exp(np.mean(list(LOSSES)))):
        assert verdict(capsys, ex.check_perplexity, other, LOSSES)[0]
    for wrong, hint in [(right * 1.3, "too large by 10% to 50%"),
                        (np.exp(LOSSES), "shape (40,); the answer has shape ()"),
                        (None, "is None")]:
        assert_not_yet(capsys, ex.check_perplexity, wrong, LOSSES, hint=hint, expected=right)
    with pytest.raises(ValueError, match="losses"):
        ex.check_perplexity(1.0, np.ones((2, 3)))


@pytest.mark.parametrize("mistake", cases(ex.PERPLEXITY_MISTAKES))
def test_exercise_2_each_typical_mistake(capsys, mistake):
    assert_not_yet(capsys, ex.check_perplexity, wrong_answer(mistake, LOSSES), LOSSES,
                   hint=mistake, expected=np.exp(LOSSES.mean()))


def test_exercise_3_the_cold_limit_is_greedy(capsys, model):
    rnn, vocab = model
    ok, line = verdict(capsys, ex.check_cold_limit, "greedy", rnn, vocab)
    assert ok and line == "Correct: your prediction is 'greedy'."
    assert verdict(capsys, ex.check_cold_limit, " Greedy", rnn, vocab)[0]
    for mistake in ex.COLD_LIMIT_MISTAKES:
        assert_not_yet(capsys, ex.check_cold_limit, mistake.wrong, rnn, vocab, hint=mistake)
    for wrong, hint in [("argmax", "not one of the 3 answers the exercise offers"),
                        (None, "replace None")]:
        assert_not_yet(capsys, ex.check_cold_limit, wrong, rnn, vocab, hint=hint)


@pytest.fixture(scope="module")
def characters():
    return lm.Vocabulary.of_characters(rnnkit.datasets.tiny_shakespeare())


def test_exercise_4_the_right_loop_passes(capsys, characters):
    ok, line = verdict(capsys, ex.check_tbptt_loop, ex.tbptt_solution, characters)
    assert ok and line == ("Correct: my_train_chunks agrees with rnnkit.lm.train_streams on "
                           "all 2 examples.")


@pytest.mark.parametrize("mistake", cases(ex.TBPTT_MISTAKES))
def test_exercise_4_each_typical_mistake_gets_its_hint(capsys, characters, mistake):
    assert_not_yet(capsys, ex.check_tbptt_loop, mistake.wrong, characters, hint=mistake)


def test_exercise_4_a_loop_that_changes_the_chunks_is_refused(capsys, characters):
    assert_not_yet(capsys, ex.check_tbptt_loop, changing(ex.tbptt_solution, 1), characters,
                   hint="my_train_chunks changed inputs")
