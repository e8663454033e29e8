"""The checks of notebook 04's exercises (teach an RNN to finish "How are you?").

    check_word_vector(my_vector, model, vocab, word)       1. a word's vector: its row of W_xh
    check_perplexity_guess(my_answer)                       2. predict a perplexity, then check
    check_bigram_perplexity(my_perplexity, bigram, seqs)    3. the loop over sentences and words
    check_greedy(my_generate, model, vocab)                 4. free-running generation by hand

Each computes the right answer itself from the notebook's model, vocabulary
and sentences, prints one line, "Correct: ..." or "Not yet: ...", never the
expected value, and gives each typical wrong answer its own hint.
"""

import numpy as np

from ...language import DEFAULT_STOP, as_language_model, generate
from ...losses import perplexity
from ...ngram import NGram, as_token_sequences
from ...text import tokenize
from ..checks import call_examples, check_array, check_choice, verdict


def check_word_vector(my_vector, model, vocab, word="you"):
    """Exercise 1: the word vector of ``word`` is its row of the trained W_xh (V, H).

    my_vector: the student's (H,) array. model: the trained ManyToMany (input and
    output size V). vocab: its Vocabulary.
    """
    p = as_language_model(model, vocab).params
    i = vocab.index(word)
    row = p["W_xh"][i]
    mistakes = [
        (np.tanh(row + p["b_h"]), "this is the first hidden state, after reading the word "
                                  "(tanh of the row plus b_h); the word vector is the row alone"),
        (row + p["b_h"], "this adds b_h; the word vector is the row of W_xh alone"),
        (p["W_oh"][:, i], f"this is the column of W_oh that scores {word!r} as the next word; "
                          f"the vector the network reads is in W_xh"),
        (vocab.one_hot([word])[0], "this is the one-hot vector x; the word vector is x @ W_xh, "
                                   "the row it picks"),
    ]
    if i < p["W_xh"].shape[1]:                 # W_xh[:, i] exists only for i < H
        mistakes.append((p["W_xh"][:, i], f"this is column {i} of W_xh, one value per word; a "
                                          f"word's vector is its row: W_xh is (V, H), one row "
                                          f"per word"))
    for j in (i - 1, i + 1):
        if 0 <= j < len(vocab):
            mistakes.append((p["W_xh"][j], f"this is the row of {vocab.words[j]!r}, the word "
                                           f"next to {word!r} in the vocabulary; find the index "
                                           f"of {word!r} with vocab.index"))
    return check_array(my_vector, row, name=f"the vector of {word!r}", mistakes=mistakes)


def check_perplexity_guess(my_answer, probs=(1.0, 0.25)):
    """Exercise 2: the perplexity of a model that gives the true next word these probabilities,
    each on an equal share of the steps (by default 1 on half of them and 1/4 on the other half).

    my_answer: the student's number.
    """
    p = np.asarray(probs, dtype=float)
    if p.ndim != 1 or p.size == 0 or np.any(p <= 0) or np.any(p > 1):
        raise ValueError(f"probs must be probabilities in (0, 1], got {probs!r}")
    losses = -np.log(p)
    mistakes = [
        (np.mean(1 / p), "this is the mean of the per-step perplexities; average the losses "
                         "-log p first, then take exp once"),
        (1 / np.mean(p), "this is 1 / (the mean probability); perplexity is exp of the mean of "
                         "-log p, a geometric mean, not an arithmetic one"),
        (np.mean(losses), "this is the mean cross-entropy (the loss in nats); perplexity is "
                          "its exponential"),
        (1 / p.min(), "this counts only the least certain steps; every step counts"),
        (np.exp(-np.mean(losses)), "check the sign: perplexity is exp of the mean of -log p, "
                                   "so it is never below 1"),
        (1.0, "a perplexity of 1 means the model is sure of every word; here it is not"),
    ]
    return check_array(my_answer, perplexity(np.mean(losses)), name="your perplexity",
                       mistakes=mistakes)


def _step_losses(bigram, sequences, start=1):
    """-log P(s[t] | s[t - 1]) for t from ``start`` (t = 0 reads s[-1]), one list per sentence."""
    return [[-np.log(bigram.probabilities([s[t - 1]] if t > 0 else [])[s[t]])
             for t in range(start, len(s))] for s in sequences]


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
    right = perplexity(bigram.cross_entropy(sequences))
    per_sentence = _step_losses(bigram, sequences)
    flat = np.concatenate(per_sentence)
    probs = np.exp(-flat)
    with_first = np.concatenate(_step_losses(bigram, sequences, start=0))
    wrapped = np.concatenate([[-np.log(bigram.probabilities([s[-1]])[s[0]])] + losses
                              for s, losses in zip(sequences, per_sentence)])
    joined = bigram.cross_entropy(np.concatenate(sequences))
    top = np.concatenate([[-np.log(bigram.probabilities([s[t - 1]]).max())
                           for t in range(1, len(s))] for s in sequences])
    with np.errstate(over="ignore"):
        total = np.exp(flat.sum())
    mistakes = [
        (flat.mean(), "this is the mean cross-entropy (the loss); perplexity is its exp"),
        (total, "this is exp of the total loss; divide by the number of predicted words first"),
        (np.exp(with_first.mean()), "this predicts the first word of each sentence too (with t "
                                    "from 0, s[t - 1] is the sentence's last word); nothing "
                                    "comes before the first word, so start at t = 1"),
        (np.exp(wrapped.mean()), "t starts at 0 here, so s[t - 1] is the sentence's last word; "
                                 "start at t = 1"),
        (perplexity(joined), "this runs the sentences together, predicting each sentence's first "
                             "word from the last word of the one before; each starts afresh"),
        (np.mean([np.exp(np.mean(ls)) for ls in per_sentence]),
         "this averages the perplexities of the sentences; average the losses of all predicted "
         "words first, then take exp once"),
        (np.exp(np.mean([np.mean(ls) for ls in per_sentence])),
         "this averages per sentence first, so a short sentence's words weigh more; every "
         "predicted word should count once"),
        (1 / probs.mean(), "this is 1 / (the mean probability); perplexity is exp of the mean "
                           "of -log p"),
        (np.exp(-flat.mean()), "check the sign: the loss of a word is -log p, so the "
                               "perplexity is at least 1"),
        (np.exp(top.mean()), "this scores the most likely next word; score the word that "
                             "actually comes next, s[t]"),
    ]
    return check_array(my_perplexity, right, name="your perplexity", mistakes=mistakes)


PREFIXES = (("how", 6), ("are they", 6), ("jim is", 6), ("how", 2))


def _greedy_variants(model, vocab):
    """Typical wrong versions of greedy generation, each as (function(prefix, steps), hint)."""
    words, eye = vocab.words, np.eye(len(vocab))
    stops = set(DEFAULT_STOP)

    def run(prefix, steps, position=-1, feed_back=True, stop=True, keep_mark=True):
        sentence, new = tokenize(prefix), []
        for _ in range(steps):
            read = sentence + new if feed_back else sentence
            scores = model.forward(eye[[vocab.index(w) for w in read]][None])[0, position]
            word = words[int(np.argmax(scores))]
            if stop and word in stops and not keep_mark:
                break
            new.append(word)
            if stop and word in stops:
                break
        return new

    return [
        (lambda prefix, steps: run(prefix, steps, position=0),
         "this reads the scores after the first word; the prediction for the whole sentence so "
         "far is at the last step, [0, -1]"),
        (lambda prefix, steps: run(prefix, steps, feed_back=False),
         "each new word must be added to the sentence the model reads next: free-running feeds "
         "back its own guesses"),
        (lambda prefix, steps: run(prefix, steps, stop=False),
         "stop after '?', '.' or '!' (keep the mark, then break)"),
        (lambda prefix, steps: run(prefix, steps, keep_mark=False),
         "the final mark is part of the answer: append it, then stop"),
        (lambda prefix, steps: tokenize(prefix) + run(prefix, steps),
         "return only the new words, without the prefix"),
    ]


def check_greedy(my_generate, model, vocab, examples=PREFIXES):
    """Exercise 4: greedy (temperature 0) generation written as a loop.

    my_generate(prefix, steps) must return the list of new words (at most
    ``steps``, stopping after '?', '.' or '!'), as rnnkit.language.generate does.
    model, vocab: the trained model and its Vocabulary. examples: (prefix, steps) pairs.
    """
    as_language_model(model, vocab)
    name = getattr(my_generate, "__name__", "your function")
    results, problem = call_examples(my_generate, examples, name, none_hint="write the loop, "
                                     "then return the list of new words")
    if problem is not None:
        return verdict(False, problem)
    got = []
    for (prefix, steps), new in zip(examples, results):
        if isinstance(new, str) or not isinstance(new, (list, tuple)) or \
                not all(isinstance(w, str) for w in new):
            return verdict(False, f"{name}({prefix!r}, {steps}) returned "
                                  f"{type(new).__name__}; it must return a list of words (str)")
        if not new:
            return verdict(False, f"{name}({prefix!r}, {steps}) returned no words; write the "
                                  f"loop that adds one word per step")
        got.append(" ".join(new))
    expected = tuple(" ".join(generate(model, vocab, prefix, steps=steps))
                     for prefix, steps in examples)
    mistakes = [(tuple(" ".join(wrong(prefix, steps)) for prefix, steps in examples), hint)
                for wrong, hint in _greedy_variants(model, vocab)]
    mistakes = [(wrong, hint) for wrong, hint in mistakes if wrong != expected]
    return check_choice(tuple(got), expected, name=f"what {name} returns", mistakes=mistakes)
