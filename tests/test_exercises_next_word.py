"""Notebook 04's exercise checks: the right answer passes, each typical wrong answer gets its
own hint, and no message shows the expected value."""

import numpy as np
import pytest
from exercise_helpers import assert_not_yet, leaks, verdict
from next_word_helpers import notebook_04_model

import rnnkit
from rnnkit import NGram, language
from rnnkit.course.exercises import next_word as ex
from rnnkit.text import tokenize


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
    assert verdict(capsys, ex.check_word_vector, row.copy(), model, vocab, "you")[0]
    assert verdict(capsys, ex.check_word_vector, vocab.one_hot(["you"])[0] @ model.params["W_xh"],
                   model, vocab, "you")[0]
    assert verdict(capsys, ex.check_word_vector, list(row), model, vocab, "you")[0]


def test_word_vector_wrong_answers(capsys, trained):
    model, vocab, _, _ = trained
    p, i = model.params, vocab.index("you")
    row = p["W_xh"][i]
    for wrong, hint in [
        (np.tanh(row + p["b_h"]), "the first hidden state"),
        (row + p["b_h"], "this adds b_h"),
        (p["W_oh"][:, i], "column of W_oh"),
        (vocab.one_hot(["you"])[0], "one-hot vector x"),
        (p["W_xh"][i - 1], f"the row of {vocab.words[i - 1]!r}"),
        (p["W_xh"][i + 1], f"the row of {vocab.words[i + 1]!r}"),
        (-row, "wrong sign"),
        (row[:-1], "shape (15,)"),
        (None, "is None"),
    ]:
        line = assert_not_yet(capsys, ex.check_word_vector, wrong, model, vocab, "you", hint=hint)
        # A weight of 1.0013 prints as "1" at 3 digits, and "1" is in "16 of 16": count only
        # the forms with at least 3 characters ("1.00", "0.324") as leaks.
        assert not [form for form in leaks(line, row) if len(form) >= 3], line


def test_word_vector_column_mistake_where_the_column_exists(capsys, trained):
    model, vocab, _, _ = trained
    word = vocab.words[3]                                   # index 3 < H = 16: W_xh[:, 3] exists
    assert_not_yet(capsys, ex.check_word_vector, model.params["W_xh"][:, 3], model, vocab, word,
                   hint="column 3 of W_xh", expected=model.params["W_xh"][3])


# ------------------------------------------------------------ 2. predict a perplexity

def test_perplexity_guess(capsys):
    assert verdict(capsys, ex.check_perplexity_guess, 2)[0]
    assert verdict(capsys, ex.check_perplexity_guess, 2.0000001)[0]
    for wrong, hint in [(2.5, "mean of the per-step perplexities"),
                        (1.6, "1 / (the mean probability)"),
                        (np.log(2), "the mean cross-entropy"),
                        (4, "only the least certain steps"),
                        (0.5, "check the sign"),
                        (1, "sure of every word"),
                        (3, "too large"),
                        (None, "is None")]:
        assert_not_yet(capsys, ex.check_perplexity_guess, wrong, hint=hint, expected=2.0)


def test_perplexity_guess_other_probabilities(capsys):
    # 1/2 on every step: as unsure as a coin, perplexity 2; 1 and 1/9: perplexity 3
    assert verdict(capsys, ex.check_perplexity_guess, 2.0, probs=[0.5, 0.5])[0]
    assert verdict(capsys, ex.check_perplexity_guess, 3.0, probs=[1.0, 1 / 9])[0]
    with pytest.raises(ValueError, match="probs"):
        ex.check_perplexity_guess(2.0, probs=[1.5, 0.5])
    with pytest.raises(ValueError, match="probs"):
        ex.check_perplexity_guess(2.0, probs=[])


# ------------------------------------------------------------ 3. the bigram's perplexity, a loop

def by_hand(bigram, questions, first=1, flip=False, join=False):
    """The exercise's loop, with optional typical mistakes: start at t = 0, the sign, or the
    sentences run together."""
    sequences = [np.concatenate(questions)] if join else questions
    losses = []
    for s in sequences:
        for t in range(first, len(s)):
            p = bigram.probabilities([s[t - 1]] if t > 0 else [])[s[t]]
            losses.append(np.log(p) if flip else -np.log(p))
    return losses


def test_bigram_perplexity_right_answer(capsys, trained):
    _, _, bigram, questions = trained
    answer = np.exp(np.mean(by_hand(bigram, questions)))
    assert np.isclose(answer, rnnkit.perplexity(bigram.cross_entropy(questions)))
    assert verdict(capsys, ex.check_bigram_perplexity, answer, bigram, questions)[0]
    assert verdict(capsys, ex.check_bigram_perplexity, float(answer), bigram, questions)[0]


def test_bigram_perplexity_wrong_answers(capsys, trained):
    _, vocab, bigram, questions = trained
    right = rnnkit.perplexity(bigram.cross_entropy(questions))
    losses = by_hand(bigram, questions)
    per_sentence = [by_hand(bigram, [s]) for s in questions]
    with_first = []
    for s in questions:                       # t = 0 predicted from nothing (the unigram level)
        with_first.append(-np.log(bigram.probabilities([])[s[0]]))
        with_first += by_hand(bigram, [s])
    wrapped = []
    for s in questions:                       # range(len(s)): s[-1] "predicts" s[0]
        wrapped += [-np.log(bigram.probabilities([s[t - 1]])[s[t]]) for t in range(len(s))]
    top = [-np.log(bigram.probabilities([s[t - 1]]).max())
           for s in questions for t in range(1, len(s))]
    for wrong, hint in [
        (np.mean(losses), "mean cross-entropy"),
        (np.exp(np.sum(losses)), "exp of the total loss"),
        (np.exp(np.mean(with_first)), "predicts the first word"),
        (np.exp(np.mean(wrapped)), "start at t = 1"),
        (np.exp(np.mean(by_hand(bigram, questions, join=True))), "runs the sentences together"),
        (np.mean([np.exp(np.mean(ls)) for ls in per_sentence]), "averages the perplexities"),
        (np.exp(np.mean([np.mean(ls) for ls in per_sentence])), "averages per sentence first"),
        (1 / np.mean(np.exp(-np.array(losses))), "1 / (the mean probability)"),
        (np.exp(np.mean(by_hand(bigram, questions, flip=True))), "check the sign"),
        (np.exp(np.mean(top)), "scores the most likely next word"),
        (right * 1.3, "too large by 10% to 50%"),
        (None, "is None"),
    ]:
        assert_not_yet(capsys, ex.check_bigram_perplexity, wrong, bigram, questions, hint=hint,
                       expected=right)


def test_bigram_perplexity_bad_arguments(trained):
    _, vocab, bigram, questions = trained
    with pytest.raises(TypeError, match="bigram"):
        ex.check_bigram_perplexity(2.0, NGram(1, len(vocab)).fit(questions), questions)
    with pytest.raises(ValueError, match="sequences"):
        ex.check_bigram_perplexity(2.0, bigram, [])


# ------------------------------------------------------------ 4. greedy generation, a loop

def make_generate(model, vocab, position=-1, feed_back=True, stop=True, keep_mark=True,
                  with_prefix=False):
    """A student's loop, right by default, or with one typical mistake."""
    def my_generate(prefix, steps):
        sentence, new = tokenize(prefix), []
        for _ in range(steps):
            read = sentence + new if feed_back else sentence
            scores = model.forward(vocab.one_hot(read)[None])[0, position]
            word = vocab.words[int(scores.argmax())]
            if stop and word in "?.!" and not keep_mark:
                break
            new.append(word)
            if stop and word in "?.!":
                break
        return sentence + new if with_prefix else new
    return my_generate


def test_greedy_right_answer(capsys, trained):
    model, vocab, _, _ = trained
    ok, line = verdict(capsys, ex.check_greedy, make_generate(model, vocab), model, vocab)
    assert ok and "my_generate" in line
    for prefix, steps in ex.PREFIXES:           # the check agrees with rnnkit's generate
        assert make_generate(model, vocab)(prefix, steps) == \
            language.generate(model, vocab, prefix, steps=steps)


def test_greedy_wrong_answers(capsys, trained):
    model, vocab, _, _ = trained
    expected = tuple(" ".join(language.generate(model, vocab, p, steps=s)) for p, s in ex.PREFIXES)

    def sample(prefix, steps):
        return language.generate(model, vocab, prefix, steps=steps, temperature=1.5, seed=3)

    def crash(prefix, steps):
        raise IndexError("index 60 is out of bounds")

    for wrong, hint in [
        (make_generate(model, vocab, position=0), "after the first word"),
        (make_generate(model, vocab, feed_back=False), "free-running feeds back"),
        (make_generate(model, vocab, stop=False), "stop after"),
        (make_generate(model, vocab, keep_mark=False), "the final mark is part of the answer"),
        (make_generate(model, vocab, with_prefix=True), "without the prefix"),
        (sample, "entries differ"),
        (crash, "raised IndexError"),
        (lambda prefix, steps: [], "returned no words"),
        (lambda prefix, steps: None, "returned None on example 1; write the loop"),
        (lambda prefix, steps: "are you ?", "returned str"),
        (lambda prefix: ["are"], "raised TypeError"),
        (None, "is not a function"),
    ]:
        assert_not_yet(capsys, ex.check_greedy, wrong, model, vocab, hint=hint, expected=expected)


def test_each_greedy_mistake_differs_from_the_answer(trained):
    """Every typical mistake gives a different result from the right loop on the examples."""
    model, vocab, _, _ = trained
    right = [make_generate(model, vocab)(p, s) for p, s in ex.PREFIXES]
    for kwargs in [{"position": 0}, {"feed_back": False}, {"stop": False}, {"keep_mark": False},
                   {"with_prefix": True}]:
        assert [make_generate(model, vocab, **kwargs)(p, s) for p, s in ex.PREFIXES] != right


def test_greedy_bad_model(trained):
    _, vocab, _, _ = trained
    with pytest.raises(ValueError, match="input_size"):
        ex.check_greedy(lambda p, s: ["a"], rnnkit.ManyToMany(3, 2, 3), vocab)
