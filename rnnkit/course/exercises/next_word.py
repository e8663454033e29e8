"""The checks of notebook 04's exercises (teach an RNN to finish "How are you?").

    check_word_vector(my_vector, model, vocab, word)       1. a word's vector: its row of W_xh
    check_perplexity_guess(my_answer)                       2. predict a perplexity, then check
    check_bigram_perplexity(my_perplexity, bigram, seqs)    3. the loop over sentences and words
    check_greedy(my_generate, model, vocab)                 4. free-running generation by hand

Each computes the right answer itself from the notebook's model, vocabulary
and sentences, prints one line, "Correct: ..." or "Not yet: ...", never the
expected value, and reads the typical wrong answers from its exercise's registry
(WORD_VECTOR_MISTAKES, PERPLEXITY_GUESS_MISTAKES, BIGRAM_PERPLEXITY_MISTAKES,
GREEDY_MISTAKES), each with its own hint.
"""

import numpy as np

from ...lm import DEFAULT_STOP, as_language_model, generate, tokenize
from ...lm.ngram import NGram, as_token_sequences
from ...losses import perplexity
from ..checks import Mistake, check_array, check_function, edit

# ---------------------------------------------------------------- 1. a word's vector


def word_vector_solution(params, vocab, word):
    """The notebook's solution: the row of W_xh (V, H) that the one-hot vector of word picks."""
    return params["W_xh"][vocab.index(word)]


def _word_vector_with(wrong):
    return edit(word_vector_solution, 'params["W_xh"][vocab.index(word)]', wrong)


WORD_VECTOR_MISTAKES = [
    Mistake("first hidden state", "this is the first hidden state, after reading the word (tanh "
                                  "of the row plus b_h); the word vector is the row alone",
            _word_vector_with('np.tanh(params["W_xh"][vocab.index(word)] + params["b_h"])')),
    Mistake("plus b_h", "this adds b_h; the word vector is the row of W_xh alone",
            _word_vector_with('params["W_xh"][vocab.index(word)] + params["b_h"]')),
    Mistake("column of W_oh", "this is the column of W_oh that scores {word} as the next word; "
                              "the vector the network reads is in W_xh",
            _word_vector_with('params["W_oh"][:, vocab.index(word)]')),
    Mistake("one-hot", "this is the one-hot vector x; the word vector is the row of W_xh it "
                       "picks", _word_vector_with("vocab.one_hot([word])[0]")),
    Mistake("column of W_xh", "this is a column of W_xh, one value per word; W_xh is (V, H), "
                              "one row per word", _word_vector_with('params["W_xh"][:, '
                                                                    'vocab.index(word)]')),
    Mistake("the row before", "this is the row of {before}, one index before {word} in the "
                              "vocabulary", _word_vector_with('params["W_xh"][vocab.index(word) '
                                                              '- 1]')),
    Mistake("the row after", "this is the row of {after}, one index after {word} in the "
                             "vocabulary", _word_vector_with('params["W_xh"][vocab.index(word) '
                                                             '+ 1]')),
]


def check_word_vector(my_vector, model, vocab, word="you"):
    """Exercise 1: the word vector of ``word`` is its row of the trained W_xh (V, H).

    my_vector: the student's (H,) array. model: the trained ManyToMany (input and
    output size V). vocab: its Vocabulary.
    """
    params = as_language_model(model, vocab).params
    i, tokens = vocab.index(word), vocab.tokens
    facts = {"word": repr(word), "before": repr(tokens[i - 1]),
             "after": repr(tokens[(i + 1) % len(tokens)])}
    return check_array(my_vector, params["W_xh"][i], name=f"the vector of {word!r}",
                       mistakes=WORD_VECTOR_MISTAKES, given=(params, vocab, word), facts=facts)


# ---------------------------------------------------------------- 2. predict a perplexity


def perplexity_guess_solution(p):
    """The notebook's solution: exp of the mean loss -log p, for (S,) probabilities p."""
    return np.exp(np.mean(-np.log(p)))


def _perplexity_guess_with(wrong):
    return edit(perplexity_guess_solution, "np.exp(np.mean(-np.log(p)))", wrong)


PERPLEXITY_GUESS_MISTAKES = [
    Mistake("mean of perplexities", "this is the mean of the per-step perplexities 1 / p; "
                                    "perplexity averages the losses, in the log domain",
            _perplexity_guess_with("np.mean(1 / p)")),
    Mistake("1 / mean probability", "this is 1 / (the mean probability), an arithmetic mean; "
                                    "perplexity averages in the log domain, a geometric mean",
            _perplexity_guess_with("1 / np.mean(p)")),
    Mistake("the loss", "this is the mean cross-entropy (the loss in nats), not its "
                        "exponential", _perplexity_guess_with("np.mean(-np.log(p))")),
    Mistake("least certain step", "this counts only the least certain steps; every step counts",
            _perplexity_guess_with("1 / p.min()")),
    Mistake("sign", "check the sign: the loss of a word is -log p, so the perplexity is never "
                    "below 1", _perplexity_guess_with("np.exp(np.mean(np.log(p)))")),
    Mistake("sure", "a perplexity of 1 means the model is sure of every word; here it is not",
            1.0),
]


def check_perplexity_guess(my_answer, probs=(1.0, 0.25)):
    """Exercise 2: the perplexity of a model that gives the true next word these probabilities,
    each on an equal share of the steps (by default 1 on half of them and 1/4 on the other half).

    my_answer: the student's number.
    """
    p = np.asarray(probs, dtype=float)
    if p.ndim != 1 or p.size == 0 or np.any(p <= 0) or np.any(p > 1):
        raise ValueError(f"probs must be probabilities in (0, 1], got {probs!r}")
    return check_array(my_answer, perplexity(np.mean(-np.log(p))), name="your perplexity",
                       mistakes=PERPLEXITY_GUESS_MISTAKES, given=(p,))


# ---------------------------------------------------------------- 3. a bigram's perplexity


def bigram_perplexity_solution(bigram, sequences):
    """The notebook's solution: exp of the mean of -log P(s[t] | s[t - 1]) over every word but
    the first of each sentence."""
    losses = []
    for s in sequences:
        for t in range(1, len(s)):
            losses.append(-np.log(bigram.probabilities([s[t - 1]])[s[t]]))
    return np.exp(np.mean(losses))


_LOSS = "            losses.append(-np.log(bigram.probabilities([s[t - 1]])[s[t]]))\n"


def _per_sentence(each, result):
    """The solution with each sentence's losses summed up apart: ``each`` of them kept in
    means, and ``result`` computed from means."""
    return edit(bigram_perplexity_solution, "    losses = []\n    for s in sequences:\n",
                "    means = []\n    for s in sequences:\n        losses = []\n",
                _LOSS, f"{_LOSS}        means.append({each})\n",
                "    return np.exp(np.mean(losses))", f"    return {result}")


BIGRAM_PERPLEXITY_MISTAKES = [
    Mistake("the loss", "this is the mean cross-entropy (the loss), not its exp",
            edit(bigram_perplexity_solution, "np.exp(np.mean(losses))", "np.mean(losses)")),
    Mistake("exp of the total", "this is exp of the total loss, not of the mean loss per "
                                "predicted word", edit(bigram_perplexity_solution,
                                                       "np.exp(np.mean(losses))",
                                                       "np.exp(np.sum(losses))")),
    Mistake("t from 0", "t starts at 0 here, so the first word of each sentence is predicted "
                        "too, from s[-1], the sentence's last word; nothing comes before the "
                        "first word", edit(bigram_perplexity_solution, "range(1, len(s))",
                                           "range(len(s))")),
    Mistake("sentences run together", "this runs the sentences together, predicting each "
                                      "sentence's first word from the last word of the one "
                                      "before; each starts afresh",
            edit(bigram_perplexity_solution, "for s in sequences:",
                 "for s in [np.concatenate(sequences)]:")),
    Mistake("mean of perplexities", "this averages the perplexities of the sentences, not the "
                                    "losses of all the predicted words",
            _per_sentence("np.exp(np.mean(losses))", "np.mean(means)")),
    Mistake("mean per sentence", "this averages per sentence first, so a short sentence's "
                                 "words weigh more; every predicted word should count once",
            _per_sentence("np.mean(losses)", "np.exp(np.mean(means))")),
    Mistake("1 / mean probability", "this is 1 / (the mean probability); perplexity averages "
                                    "the losses -log p",
            edit(bigram_perplexity_solution, "-np.log(bigram.probabilities([s[t - 1]])[s[t]])",
                 "bigram.probabilities([s[t - 1]])[s[t]]", "np.exp(np.mean(losses))",
                 "1 / np.mean(losses)")),
    Mistake("sign", "check the sign: the loss of a word is -log p, so the perplexity is at "
                    "least 1", edit(bigram_perplexity_solution, "-np.log(", "np.log(")),
    Mistake("the most likely word", "this scores the most likely next word, not the word that "
                                    "actually comes next",
            edit(bigram_perplexity_solution, "bigram.probabilities([s[t - 1]])[s[t]]",
                 "bigram.probabilities([s[t - 1]]).max()")),
]


def check_bigram_perplexity(my_perplexity, bigram, sequences):
    """Exercise 3: a bigram's perplexity over sentences, by a loop over every predicted word.

    my_perplexity: the student's number. bigram: a fitted NGram of order 2.
    sequences: a list of int arrays (T,), one per sentence (word indices).
    The answer: exp of the mean of -log P(w_t | w_{t-1}) over every word but
    the first of each sentence (what bigram.cross_entropy computes).
    """
    if not isinstance(bigram, NGram) or bigram.order != 2:
        raise TypeError(f"bigram must be an rnnkit.NGram of order 2, got {bigram!r}")
    sequences = as_token_sequences(sequences, bigram.V, "sequences")
    return check_array(my_perplexity, perplexity(bigram.cross_entropy(sequences)),
                       name="your perplexity", mistakes=BIGRAM_PERPLEXITY_MISTAKES,
                       given=(bigram, sequences))


# ---------------------------------------------------------------- 4. greedy generation

PREFIXES = (("how", 6), ("are they", 6), ("jim is", 6), ("how", 2))


def greedy_solution(model, vocab, prefix, steps):
    """The notebook's solution: the new words (at most ``steps``, the last one a mark that ends
    a sentence, if one comes) of greedy generation after ``prefix``."""
    sentence = tokenize(prefix)
    for _ in range(steps):
        scores = model.forward(vocab.one_hot(sentence)[None])[0, -1]
        sentence.append(vocab.tokens[int(scores.argmax())])
        if sentence[-1] in DEFAULT_STOP:
            break
    return sentence[len(tokenize(prefix)):]


_ADD_AND_STOP = """        sentence.append(vocab.tokens[int(scores.argmax())])
        if sentence[-1] in DEFAULT_STOP:
            break
"""

_MARK_FIRST = """        word = vocab.tokens[int(scores.argmax())]
        if word in DEFAULT_STOP:
            break
        sentence.append(word)
"""

GREEDY_MISTAKES = [
    Mistake("no loop", "it returns no words yet: write the loop that adds one word per step",
            edit(greedy_solution, "        scores = model.forward(vocab.one_hot(sentence)[None])"
                                  "[0, -1]\n" + _ADD_AND_STOP, "        pass\n")),
    Mistake("scores after the first word", "this reads the scores after the first word, not "
                                           "after the whole sentence so far",
            edit(greedy_solution, "[0, -1]", "[0, 0]")),
    Mistake("no feeding back", "the model reads the prefix alone at every step, never the "
                               "words added since: free-running feeds back its own guesses",
            edit(greedy_solution, "vocab.one_hot(sentence)", "vocab.one_hot(tokenize(prefix))")),
    Mistake("no stop", "it does not stop after '?', '.' or '!'",
            edit(greedy_solution, _ADD_AND_STOP,
                 "        sentence.append(vocab.tokens[int(scores.argmax())])\n")),
    Mistake("mark left out", "the final mark is left out; it is part of the answer",
            edit(greedy_solution, _ADD_AND_STOP, _MARK_FIRST)),
    Mistake("with the prefix", "it returns the prefix too, not only the new words",
            edit(greedy_solution, "return sentence[len(tokenize(prefix)):]", "return sentence")),
    Mistake("one step short", "one word short when no mark comes: the loop stops a step early",
            edit(greedy_solution, "range(steps)", "range(steps - 1)")),
]


def check_greedy(my_generate, model, vocab, examples=PREFIXES):
    """Exercise 4: greedy (temperature 0) generation written as a loop.

    my_generate(prefix, steps) must return the list of new words (at most
    ``steps``, stopping after '?', '.' or '!'), as rnnkit.lm.generate does; it
    reads the notebook's model and vocab, which it must leave as they are.
    model, vocab: the trained model and its Vocabulary. examples: (prefix, steps) pairs.
    """
    as_language_model(model, vocab)

    def student(model, vocab, prefix, steps):      # the notebook's own model and vocab
        return my_generate(prefix, steps)

    def reference(model, vocab, prefix, steps):
        return generate(model, vocab, prefix, steps=steps)

    cases = {f"{prefix!r}, {steps} steps": (model, vocab, prefix, steps)
             for prefix, steps in examples}
    return check_function(student if callable(my_generate) else my_generate, reference, cases,
                          "my_generate", mistakes=GREEDY_MISTAKES, watch={"model": model},
                          repeat="greedy generation takes the top word every time, nothing random",
                          none_hint="write the loop, then return the list of new words")
