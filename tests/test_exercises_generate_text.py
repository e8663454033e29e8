"""The checks of notebook 07's exercises: the right answer passes, each typical mistake gets
its own hint, and no message gives the answer away."""

import numpy as np
import pytest
from char_helpers import brief_char_model
from exercise_helpers import assert_not_yet, verdict

import rnnkit
from rnnkit import charlm
from rnnkit.course.exercises import generate_text as ex
from rnnkit.sampling import next_token


@pytest.fixture(scope="module")
def model():
    return brief_char_model(H=24)


def right_loop(rnn, vocab, prime, length, temperature, rng):
    """The notebook's solution."""
    logits = rnn.forward(vocab.one_hot(vocab.encode(prime))[None])
    Hs = rnn.hidden_states
    y, h = logits[0, -1], Hs[:, -1]
    new = []
    for _ in range(length):
        i = next_token(y, temperature, rng)
        new.append(i)
        logits = rnn.forward(vocab.one_hot([[i]]), h)
        Hs = rnn.hidden_states
        y, h = logits[0, -1], Hs[:, -1]
    return vocab.decode(new)


def test_exercise_1_the_right_loop_passes(capsys, model):
    rnn, vocab = model
    ok, line = verdict(capsys, ex.check_sampling_loop, right_loop, rnn, vocab)
    assert ok and line == ("Correct: right_loop writes what rnnkit.charlm.generate writes on "
                           "all 4 examples.")


def mistaken(mistake):
    """right_loop with one mistake in it, written as a student would."""
    def loop(rnn, vocab, prime, length, temperature, rng):
        logits = rnn.forward(vocab.one_hot(vocab.encode(prime))[None])
        Hs = rnn.hidden_states
        first = 0 if mistake == "prime start" else -1
        y, h = logits[0, first], Hs[:, first]
        h_prime, last, new = Hs[:, -1], vocab.encode(prime)[-1], []
        for _ in range(length + {"one more": 1, "one fewer": -1}.get(mistake, 0)):
            i = next_token(y, 1.0 if mistake == "no temperature" else temperature, rng)
            new.append(i)
            fed = {"x prime": vocab.encode(prime)[-1], "x behind": last}.get(mistake, i)
            last = i
            state = {"h zero": None, "h prime": h_prime}.get(mistake, h)
            logits = rnn.forward(vocab.one_hot([[fed]]), state)
            Hs = rnn.hidden_states
            y, h = logits[0, -1], Hs[:, -1]
        return (prime if mistake == "with prime" else "") + vocab.decode(new)
    return loop


@pytest.mark.parametrize("mistake, hint", [
    ("h zero", "each step starts from a zero state"),
    ("h prime", "h never changes"),
    ("x prime", "feeds the prime's last character again"),
    ("x behind", "the character chosen one step earlier"),
    ("one more", "one character too many"),
    ("one fewer", "one character short"),
    ("with prime", "that starts with the prime"),
    ("no temperature", "pass the temperature to next_token"),
    ("prime start", "the first new character follows the whole prime"),
])
def test_exercise_1_each_typical_mistake_gets_its_hint(capsys, model, mistake, hint):
    rnn, vocab = model
    assert_not_yet(capsys, ex.check_sampling_loop, mistaken(mistake), rnn, vocab, hint=hint)
    assert mistake in ex.SAMPLING_MISTAKES


def test_exercise_1_rng_choice_draws_as_next_token_does(capsys, model):
    """rng.choice(V, p=...) spends one uniform number per draw exactly as next_token does, so a
    loop written with it is right too."""
    rnn, vocab = model

    def with_choice(rnn, vocab, prime, length, temperature, rng):
        logits = rnn.forward(vocab.one_hot(vocab.encode(prime))[None])
        Hs = rnn.hidden_states
        new = []
        for _ in range(length):
            y = logits[0, -1]
            i = int(rng.choice(len(y), p=rnnkit.softmax(y, temperature))) if temperature else \
                int(np.argmax(y))
            new.append(i)
            logits = rnn.forward(vocab.one_hot([[i]]), Hs[:, -1])
            Hs = rnn.hidden_states
        return vocab.decode(new)

    assert verdict(capsys, ex.check_sampling_loop, with_choice, rnn, vocab)[0]


def test_exercise_1_other_answers(capsys, model):
    rnn, vocab = model

    def unanswered(rnn, vocab, prime, length, temperature, rng):
        new = []
        return vocab.decode(new) if new else None

    def broken(rnn, vocab, prime, length, temperature, rng):
        return rnn.forward(vocab.encode(prime))              # a 1-D array: raises

    def indices(rnn, vocab, prime, length, temperature, rng):
        return vocab.encode(right_loop(rnn, vocab, prime, length, temperature, rng))

    def shorter(rnn, vocab, prime, length, temperature, rng):
        return right_loop(rnn, vocab, prime, length, temperature, rng)[:-3]

    def greedy_only(rnn, vocab, prime, length, temperature, rng):
        return right_loop(rnn, vocab, prime, length, 0.0, rng)

    assert_not_yet(capsys, ex.check_sampling_loop, unanswered, rnn, vocab,
                   hint="unanswered returned None on example 1")
    assert_not_yet(capsys, ex.check_sampling_loop, broken, rnn, vocab,
                   hint="broken raised ValueError: X must have 3 dimensions")
    assert_not_yet(capsys, ex.check_sampling_loop, indices, rnn, vocab,
                   hint="must return a str (vocab.decode(new)")
    assert_not_yet(capsys, ex.check_sampling_loop, shorter, rnn, vocab,
                   hint="example 1 (greedy): shorter wrote 37 characters; it should write "
                        "length = 40")
    line = assert_not_yet(capsys, ex.check_sampling_loop, greedy_only, rnn, vocab,
                          hint="example 2 (temperature 0.5): the text first differs from "
                               "rnnkit's at character")
    assert charlm.generate(rnn, vocab, "ROMEO:", 40, 0.5, 1) not in line
    assert_not_yet(capsys, ex.check_sampling_loop, "my_generate", rnn, vocab,
                   hint="is not a function")


def test_exercise_1_checks_its_model(model):
    rnn, vocab = model
    with pytest.raises(TypeError, match="vocab"):
        ex.check_sampling_loop(right_loop, rnn, vocab.chars)
    with pytest.raises(ValueError, match="input_size = output_size"):
        ex.check_sampling_loop(right_loop, rnnkit.SimpleRNN(3, 2, 4), vocab)


def test_exercise_2_perplexity(capsys):
    losses = np.random.default_rng(0).uniform(0.2, 4.0, size=40)
    right = np.exp(losses.mean())
    ok, line = verdict(capsys, ex.check_perplexity, right, losses)
    assert ok and line == "Correct: your perplexity is right."
    assert verdict(capsys, ex.check_perplexity, rnnkit.perplexity(losses.mean()), losses)[0]
    for wrong, hint in [(np.log(losses.mean()), "log instead of exp"),
                        (np.exp(losses.sum()), "exp of the sum"),
                        (2 ** losses.mean(), "in bits (base 2)"),
                        (np.exp(losses).mean(), "the mean of exp(loss)"),
                        (np.exp(-losses.mean()), "one over it"),
                        (losses.mean(), "that is the mean loss"),
                        (right * 1.3, "too large by 10% to 50%"),
                        (np.exp(losses), "shape (40,); the answer has shape ()"),
                        (None, "is None")]:
        assert_not_yet(capsys, ex.check_perplexity, wrong, losses, hint=hint, expected=right)
    with pytest.raises(ValueError, match="losses"):
        ex.check_perplexity(1.0, np.ones((2, 3)))


def test_exercise_3_the_cold_limit_is_greedy(capsys, model):
    rnn, vocab = model
    ok, line = verdict(capsys, ex.check_cold_limit, "greedy", rnn, vocab)
    assert ok and line == "Correct: your prediction is 'greedy'."
    for wrong, hint in [("uniform", "the other end"),
                        ("unchanged", "a gap of 1 becomes a gap of 100"),
                        ("argmax", "answer with one of 'greedy', 'uniform', 'unchanged'"),
                        (None, "replace None")]:
        assert_not_yet(capsys, ex.check_cold_limit, wrong, rnn, vocab, hint=hint)
