"""Notebook 04's exercise checks: the right answer passes, each typical wrong answer of the
registries gets its own hint, and no message shows the expected value."""

import copy

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, cases, leaks, verdict, wrong_answer
from next_word_helpers import notebook_04_model

import rnnkit
from rnnkit import NGram, lm
from rnnkit.course.exercises import next_word as ex


@pytest.fixture(scope="module")
def trained():
    """The notebook's model, vocabulary, bigram and held-out questions (trained as in 04)."""
    model, vocab, sentences, heldout = notebook_04_model()
    bigram = NGram(2, len(vocab), 10).fit([vocab.encode(s) for s in sentences])
    questions = [vocab.encode(s) for s in heldout if s.endswith("?")]
    return model, vocab, bigram, questions


# ------------------------------------------------------------ 1. the word vector of "you"

def test_word_vector_right_answer(capsys, trained):
    model, vocab, _, _ = trained
    row = model.params["W_xh"][vocab.index("you")]
    for right in (row, row.copy(), vocab.one_hot(["you"])[0] @ model.params["W_xh"], list(row),
                  ex.word_vector_solution(model.params, vocab, "you")):
        assert verdict(capsys, ex.check_word_vector, right, model, vocab, "you")[0]


@pytest.mark.parametrize("word", ["you", "how"])
@pytest.mark.parametrize("mistake", cases(ex.WORD_VECTOR_MISTAKES))
def test_word_vector_typical_mistakes(capsys, trained, mistake, word):
    model, vocab, _, _ = trained
    try:
        wrong = wrong_answer(mistake, model.params, vocab, word)
    except IndexError:
        pytest.skip("this mistake cannot be made for this word")     # no such column or row
    row = model.params["W_xh"][vocab.index(word)]
    line = assert_not_yet(capsys, ex.check_word_vector, wrong, model, vocab, word, hint=mistake)
    # A weight of 1.0013 prints as "1" at 3 digits, and "1" is in "16 of 16": count only
    # the forms with at least 3 characters ("1.00", "0.324") as leaks.
    assert not [form for form in leaks(line, row) if len(form) >= 3], line


def test_word_vector_other_wrong_answers(capsys, trained):
    model, vocab, _, _ = trained
    row = model.params["W_xh"][vocab.index("you")]
    for wrong, hint in [(-row, "wrong sign"), (row[:-1], "shape (15,)"), (None, "is None")]:
        assert_not_yet(capsys, ex.check_word_vector, wrong, model, vocab, "you", hint=hint)


# ------------------------------------------------------------ 2. predict a perplexity

def test_perplexity_guess(capsys):
    for right in (2, 2.0000001, np.exp(np.mean([-np.log(1.0), -np.log(0.25)]))):
        assert verdict(capsys, ex.check_perplexity_guess, right)[0]
    for wrong, hint in [(3, "too large"), (None, "is None"), (True, "a bool")]:
        assert_not_yet(capsys, ex.check_perplexity_guess, wrong, hint=hint, expected=2.0)


@pytest.mark.parametrize("mistake", cases(ex.PERPLEXITY_GUESS_MISTAKES))
def test_perplexity_guess_typical_mistakes(capsys, mistake):
    assert_not_yet(capsys, ex.check_perplexity_guess,
                   wrong_answer(mistake, np.array([1.0, 0.25])), hint=mistake, expected=2.0)


def test_perplexity_guess_other_probabilities(capsys):
    # 1/2 on every step: as unsure as a coin, perplexity 2; 1 and 1/9: perplexity 3
    assert verdict(capsys, ex.check_perplexity_guess, 2.0, probs=[0.5, 0.5])[0]
    assert verdict(capsys, ex.check_perplexity_guess, 3.0, probs=[1.0, 1 / 9])[0]
    with pytest.raises(ValueError, match="probs"):
        ex.check_perplexity_guess(2.0, probs=[1.5, 0.5])
    with pytest.raises(ValueError, match="probs"):
        ex.check_perplexity_guess(2.0, probs=[])


# ------------------------------------------------------------ 3. the bigram's perplexity, a loop

def test_bigram_perplexity_right_answer(capsys, trained):
    _, _, bigram, questions = trained
    answer = ex.bigram_perplexity_solution(bigram, questions)
    assert np.isclose(answer, rnnkit.perplexity(bigram.cross_entropy(questions)))
    for right in (answer, float(answer), np.float32(answer)):
        assert verdict(capsys, ex.check_bigram_perplexity, right, bigram, questions)[0]


@pytest.mark.parametrize("mistake", cases(ex.BIGRAM_PERPLEXITY_MISTAKES))
def test_bigram_perplexity_typical_mistakes(capsys, trained, mistake):
    _, _, bigram, questions = trained
    assert_not_yet(capsys, ex.check_bigram_perplexity, wrong_answer(mistake, bigram, questions),
                   bigram, questions, hint=mistake,
                   expected=rnnkit.perplexity(bigram.cross_entropy(questions)))


def test_bigram_perplexity_other_answers_and_bad_arguments(capsys, trained):
    _, vocab, bigram, questions = trained
    right = rnnkit.perplexity(bigram.cross_entropy(questions))
    for wrong, hint in [(right * 1.3, "too large by 10% to 50%"), (None, "is None")]:
        assert_not_yet(capsys, ex.check_bigram_perplexity, wrong, bigram, questions, hint=hint,
                       expected=right)
    with pytest.raises(TypeError, match="bigram"):
        ex.check_bigram_perplexity(2.0, NGram(1, len(vocab)).fit(questions), questions)
    with pytest.raises(ValueError, match="sequences"):
        ex.check_bigram_perplexity(2.0, bigram, [])


# ------------------------------------------------------------ 4. greedy generation, a loop

def test_greedy_right_answer(capsys, trained):
    model, vocab, _, _ = trained

    def my_generate(prefix, steps):
        return ex.greedy_solution(model, vocab, prefix, steps)

    ok, line = verdict(capsys, ex.check_greedy, my_generate, model, vocab)
    assert ok and line == "Correct: my_generate agrees with rnnkit on all 4 examples."
    for prefix, steps in ex.PREFIXES:           # the check agrees with rnnkit's generate
        assert my_generate(prefix, steps) == lm.generate(model, vocab, prefix, steps=steps)


@pytest.mark.parametrize("mistake", cases(ex.GREEDY_MISTAKES))
def test_greedy_typical_mistakes(capsys, trained, mistake):
    model, vocab, _, _ = trained

    def my_generate(prefix, steps):
        return mistake.wrong(model, vocab, prefix, steps)

    expected = tuple(" ".join(lm.generate(model, vocab, p, steps=s)) for p, s in ex.PREFIXES)
    assert_not_yet(capsys, ex.check_greedy, my_generate, model, vocab, hint=mistake,
                   expected=expected)


def test_greedy_other_wrong_answers(capsys, trained):
    model, vocab, _, _ = trained

    def sample(prefix, steps):
        return lm.generate(model, vocab, prefix, steps=steps, temperature=1.5, seed=3)

    def crash(prefix, steps):
        raise IndexError("index 60 is out of bounds")

    own = copy.deepcopy(model)                   # the notebook's model, which it changes

    def changes_the_model(prefix, steps):
        own.params["W_oh"][0, 0] += 1.0
        return ex.greedy_solution(own, vocab, prefix, steps)

    for wrong, hint in [
        (sample, "example 1 ('how', 6 steps): the result of my_generate has 4 words"),
        (crash, "raised IndexError"),
        (lambda prefix, steps: None, "returned None on example 1 ('how', 6 steps); write the "
                                     "loop"),
        (lambda prefix, steps: "are you ?", "must be a list of words (str); got str"),
        (lambda prefix: ["are"], "raised TypeError"),
        (None, "is not a function"),
        (lambda prefix, steps: list(np.random.choice(["a", "b"], 2)), "run again"),
    ]:
        assert_not_yet(capsys, ex.check_greedy, wrong, model, vocab, hint=hint)
    assert_not_yet(capsys, ex.check_greedy, changes_the_model, own, vocab,
                   hint="my_generate changed model (its 'W_oh') in place")


def test_greedy_bad_model(trained):
    _, vocab, _, _ = trained
    with pytest.raises(ValueError, match="input_size"):
        ex.check_greedy(lambda p, s: ["a"], rnnkit.ManyToMany(3, 2, 3), vocab)
