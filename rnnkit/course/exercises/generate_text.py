"""The checks of notebook 07's exercises (teach an RNN to write).

    check_sampling_loop(my_generate, rnn, vocab)   exercise 1: the sampling loop
    check_perplexity(my_perplexity, losses)        exercise 2: a loss into a perplexity
    check_cold_limit(my_prediction, rnn, vocab)    exercise 3: what temperature -> 0 gives

Each computes the right answer with rnnkit from the notebook's model and data,
prints one line, "Correct: ..." or "Not yet: ...", returns True or False, and
never prints the answer. Each knows its exercise's typical mistakes and gives
each its own hint.
"""

import numpy as np

from ..._validate import as_array
from ...charlm import as_char_model, generate
from ...losses import perplexity
from ...sampling import next_token
from ..checks import call_examples, check_array, check_choice, verdict

# (prime, length, temperature, seed): greedy, cold, hot, and a prime that ends a line
EXAMPLES = (("ROMEO:", 40, 0.0, 0), ("ROMEO:", 40, 0.5, 1), ("First", 40, 1.5, 2),
            ("JULIET:\n", 30, 1.0, 3))

SAMPLING_MISTAKES = {
    "h zero": "each step starts from a zero state: pass the state h the last step left to "
              "rnn.forward (its second argument), or the model forgets everything it read",
    "h prime": "h never changes: every step starts from the state after the prime. Keep the "
               "new state, h = Hs[:, -1], after each step",
    "x prime": "every step feeds the prime's last character again; feed the character you "
               "just chose, i",
    "x behind": "each step feeds the character chosen one step earlier; feed the one you just "
                "chose, i",
    "one more": "one character too many: the loop must run exactly `length` times",
    "one fewer": "one character short: the loop must run exactly `length` times, and each "
                 "turn keeps the character it chose",
    "with prime": "that starts with the prime; return only the new characters",
    "no temperature": "the texts match rnnkit's at temperature 1 only: pass the temperature to "
                      "next_token",
    "prime start": "the first new character follows the whole prime: start from the scores "
                   "and the state of its last step, logits[0, -1] and Hs[:, -1], not its first",
}


def _writes(rnn, vocab, mistake):
    """A sampling loop with one of SAMPLING_MISTAKES in it: what a student who made it writes,
    as a function (prime, length, temperature, seed) -> str."""
    eye = np.eye(len(vocab))

    def write(prime, length, temperature, seed):
        rng = np.random.default_rng(seed)
        logits = rnn.forward(eye[vocab.encode(prime)][None])
        Hs = rnn.hidden_states
        first = 0 if mistake == "prime start" else -1
        y, h, h_prime = logits[0, first], Hs[:, first], Hs[:, -1]
        x, new = vocab.encode(prime)[-1], []
        turns = length + (mistake == "one more") - (mistake == "one fewer")
        for _ in range(turns):
            tau = 1.0 if mistake == "no temperature" else temperature
            i = next_token(y, tau, rng)
            new.append(i)
            fed = {"x prime": vocab.encode(prime)[-1], "x behind": x}.get(mistake, i)
            x = i
            start = {"h zero": None, "h prime": h_prime}.get(mistake, h)
            logits = rnn.forward(eye[[fed]][None], start)
            Hs = rnn.hidden_states
            y, h = logits[0, -1], Hs[:, -1]
        text = vocab.decode(new) if new else ""
        return prime + text if mistake == "with prime" else text

    return write


def check_sampling_loop(function, rnn, vocab):
    """Exercise 1: a sampling loop written by the student, against rnnkit.charlm.generate.

    function(rnn, vocab, prime, length, temperature, rng) must return the
    ``length`` new characters (a str) that charlm.generate(rnn, vocab, prime,
    length, temperature, seed) writes when rng = np.random.default_rng(seed):
    the same model, the same draws. It runs on four examples (greedy, cold,
    hot, a prime ending in a newline), each with a fresh Generator.
    Prints the first problem found, with a hint if it is a typical mistake.
    """
    as_char_model(rnn, vocab)
    name = getattr(function, "__name__", "your function")
    texts, problem = call_examples(
        function, [(rnn, vocab, prime, length, temperature, np.random.default_rng(seed))
                   for prime, length, temperature, seed in EXAMPLES],
        name, none_hint="write the loop, then return vocab.decode(new)")
    if problem is not None:
        return verdict(False, problem)
    for text in texts:
        if not isinstance(text, str):
            return verdict(False, f"{name} must return a str (vocab.decode(new) makes one from "
                                  f"the indices), got {type(text).__name__}")
    expected = [generate(rnn, vocab, *example) for example in EXAMPLES]
    if texts == expected:
        return verdict(True, f"{name} writes what rnnkit.charlm.generate writes on all "
                             f"{len(EXAMPLES)} examples.")
    for mistake, hint in SAMPLING_MISTAKES.items():
        write = _writes(rnn, vocab, mistake)
        if all(text == write(*example) for text, example in zip(texts, EXAMPLES)):
            return verdict(False, f"{name}: {hint}")
    for number, (text, want, example) in enumerate(zip(texts, expected, EXAMPLES), start=1):
        if text == want:
            continue
        setting = "greedy" if example[2] == 0 else f"temperature {example[2]}"
        if len(text) != len(want):
            return verdict(False, f"example {number} ({setting}): {name} wrote {len(text)} "
                                  f"characters; it should write length = {example[1]}")
        first = next(i for i, (a, b) in enumerate(zip(text, want)) if a != b)
        return verdict(False, f"example {number} ({setting}): the text first differs from "
                              f"rnnkit's at character {first + 1} of {len(want)}. Pick each "
                              f"character with next_token(y, temperature, rng), feed it back, and "
                              f"carry h")
    return verdict(False, f"{name} does not write what rnnkit writes")   # pragma: no cover


def check_perplexity(answer, losses):
    """Exercise 2: the perplexity of a model on a piece of text, from its losses.

    answer: the student's number. losses: (L,) -log p of each character of
    the text, in nats (natural log), as charlm.character_losses gives them.
    """
    losses = as_array(losses, "losses", ndim=1, why="-log p of each character, in nats")
    mean = float(losses.mean())
    mistakes = [
        (np.log(mean), "log instead of exp: the losses are already logs, and the perplexity "
                       "undoes the log: exp of the mean loss"),
        (np.exp(losses.sum()), "exp of the sum is one over the probability of the whole text; "
                               "take the mean loss (per character) first, then exp"),
        (2.0 ** mean, "2 to the power of the loss is the perplexity for losses in bits (base "
                      "2); these are in nats (natural log), so use np.exp"),
        (np.exp(losses).mean(), "that is the mean of exp(loss); take the mean of the losses "
                                "first, then exp"),
        (np.exp(-mean), "exp(-mean loss) is the geometric mean of the probabilities; the "
                        "perplexity is one over it"),
        (mean, "that is the mean loss (the cross-entropy); the perplexity is its exp"),
    ]
    return check_array(answer, perplexity(mean), "your perplexity", rtol=1e-6, mistakes=mistakes)


COLD_CHOICES = ("greedy", "uniform", "unchanged")


def check_cold_limit(answer, rnn, vocab, prime="ROMEO:", seeds=5):
    """Exercise 3: what sampling gives as the temperature goes to 0.

    answer: one of "greedy", "uniform" or "unchanged". The check samples 60
    characters after ``prime`` at temperature 0.001 with ``seeds`` seeds and
    compares each text with the greedy one (temperature 0).
    """
    as_char_model(rnn, vocab)
    greedy = generate(rnn, vocab, prime, 60, temperature=0)
    cold = [generate(rnn, vocab, prime, 60, temperature=1e-3, seed=s) for s in range(seeds)]
    observed = "greedy" if all(text == greedy for text in cold) else "not greedy"
    mistakes = [
        ("uniform", "that is the other end, temperature -> infinity: dividing the scores by a "
                    "huge number makes them all alike. A tiny temperature magnifies the gaps "
                    "between them instead"),
        ("unchanged", "the temperature divides every score, and softmax reacts to the gaps "
                      "between scores: at 0.01 a gap of 1 becomes a gap of 100"),
    ]
    if isinstance(answer, str) and answer not in COLD_CHOICES:
        return verdict(False, f"your prediction {answer!r}: answer with one of "
                              f"{', '.join(map(repr, COLD_CHOICES))}")
    return check_choice(answer, observed, "your prediction", mistakes=mistakes)
