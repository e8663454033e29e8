"""The checks of notebook 07's exercises (teach an RNN to write).

    check_sampling_loop(my_generate, rnn, vocab)   exercise 1: the sampling loop
    check_perplexity(my_perplexity, losses)        exercise 2: a loss into a perplexity
    check_cold_limit(my_prediction, rnn, vocab)    exercise 3: what temperature -> 0 gives

Each computes the right answer with rnnkit from the notebook's model and data,
prints one line, "Correct: ..." or "Not yet: ...", returns True or False, and
never prints the answer. Each reads its exercise's typical mistakes from a registry
(SAMPLING_MISTAKES, PERPLEXITY_MISTAKES, COLD_LIMIT_MISTAKES), each with its own hint.
"""

import numpy as np

from ..._validate import as_array
from ...lm import as_language_model, generate, next_token
from ...losses import perplexity
from ..checks import Mistake, check_array, check_choice, check_function, edit

# ---------------------------------------------------------------- exercise 1: the sampling loop

# what each example is: (prime, length, temperature, seed)
EXAMPLES = {"greedy": ("ROMEO:", 40, 0.0, 0), "temperature 0.5": ("ROMEO:", 40, 0.5, 1),
            "temperature 1.5": ("First", 40, 1.5, 2),
            "a prime that ends a line": ("JULIET:\n", 30, 1.0, 3)}


def sampling_solution(rnn, vocab, prime, length, temperature, rng):
    """The notebook's solution: ``length`` new characters after ``prime``, drawn with rng."""
    X = vocab.one_hot(vocab.encode(prime))[None]
    logits = rnn.forward(X)
    new = []
    for _ in range(length):
        i = next_token(logits[0, -1], temperature, rng)
        new.append(i)
        logits = rnn.forward(vocab.one_hot([[i]]), rnn.final_state)
    return vocab.decode(new)


_FEED = "        logits = rnn.forward(vocab.one_hot([[i]]), rnn.final_state)"

SAMPLING_MISTAKES = [
    Mistake("zero state", "each step starts from a zero state, so the model forgets everything "
                          "it read",
            edit(sampling_solution, "[[i]]), rnn.final_state)", "[[i]]))")),
    Mistake("state after the prime", "every step starts from the state after the prime: the "
                                     "state never moves on",
            edit(sampling_solution, "    new = []\n", "    h = rnn.final_state\n    new = []\n",
                 "rnn.final_state)", "h)")),
    Mistake("prime fed again", "every step feeds the prime's last character again, not the "
                               "character just chosen",
            edit(sampling_solution, "vocab.one_hot([[i]])", "vocab.one_hot([vocab.encode(prime)"
                                                            "[-1:]])")),
    Mistake("one step behind", "each step feeds the character chosen one step earlier, not the "
                               "one just chosen",
            edit(sampling_solution, "    new = []\n",
                 "    new = []\n    last = vocab.encode(prime)[-1]\n",
                 _FEED, _FEED.replace("[[i]]", "[[last]]") + "\n        last = i")),
    Mistake("one more", "one character too many", edit(sampling_solution, "range(length)",
                                                       "range(length + 1)")),
    Mistake("one fewer", "one character short", edit(sampling_solution, "range(length)",
                                                     "range(length - 1)")),
    Mistake("with the prime", "that starts with the prime, not with the new characters",
            edit(sampling_solution, "return vocab.decode(new)",
                 "return prime + vocab.decode(new)")),
    Mistake("no temperature", "the texts match rnnkit's at temperature 1 only: the temperature "
                              "never reaches next_token",
            edit(sampling_solution, "logits[0, -1], temperature, rng)",
                 "logits[0, -1], 1.0, rng)")),
    Mistake("scores after the first character", "the first new character follows the whole "
                                                "prime: its scores are those after the prime's "
                                                "last character, not its first",
            edit(sampling_solution, "    new = []\n", "    new = []\n    first = True\n",
                 "next_token(logits[0, -1]", "next_token(logits[0, 0 if first else -1]",
                 "        new.append(i)\n", "        new.append(i)\n        first = False\n")),
]


def _reference(rnn, vocab, prime, length, temperature, rng):
    """rnnkit.lm.generate with the same model and the same draws."""
    return generate(rnn, vocab, prime, length, temperature, seed=rng, stop=[])


def check_sampling_loop(function, rnn, vocab):
    """Exercise 1: a sampling loop written by the student, against rnnkit.lm.generate.

    function(rnn, vocab, prime, length, temperature, rng) must return the
    ``length`` new characters (a str) that lm.generate(rnn, vocab, prime,
    length, temperature, seed) writes when rng = np.random.default_rng(seed):
    the same model, the same draws. It runs on four examples (greedy, cold,
    hot, a prime ending in a newline), each with a fresh Generator.
    Prints the first problem found, with a hint if it is a typical mistake.
    """
    as_language_model(rnn, vocab)
    examples = {about: (rnn, vocab, prime, length, temperature, np.random.default_rng(seed))
                for about, (prime, length, temperature, seed) in EXAMPLES.items()}
    return check_function(function, _reference, examples, "my_generate",
                          mistakes=SAMPLING_MISTAKES,
                          may_change=("rng",), against="rnnkit.lm.generate",
                          repeat="every draw must come from rng",
                          none_hint="write the loop, then return vocab.decode(new)")


# ---------------------------------------------------------------- exercise 2: the perplexity


def perplexity_solution(losses):
    """The notebook's solution: exp of the mean loss per character."""
    return np.exp(losses.mean())


def _perplexity_with(wrong):
    return edit(perplexity_solution, "np.exp(losses.mean())", wrong)


PERPLEXITY_MISTAKES = [
    Mistake("log", "log instead of exp: the losses are logs already",
            _perplexity_with("np.log(losses.mean())")),
    Mistake("exp of the sum", "exp of the sum is one over the probability of the whole text, "
                              "not a perplexity per character", _perplexity_with("np.exp("
                                                                                 "losses.sum())")),
    Mistake("base 2", "2 to the power of the loss is the perplexity of losses in bits (base 2); "
                      "these are in nats (natural log)", _perplexity_with("2 ** losses.mean()")),
    Mistake("mean of exp", "that is the mean of exp(loss): the exp and the mean are swapped",
            _perplexity_with("np.exp(losses).mean()")),
    Mistake("exp of minus", "exp(-mean loss) is the geometric mean of the probabilities, not "
                            "the perplexity",
            _perplexity_with("np.exp(-losses.mean())")),
    Mistake("the loss", "that is the mean loss (the cross-entropy), not its exp",
            _perplexity_with("losses.mean()")),
]


def check_perplexity(answer, losses):
    """Exercise 2: the perplexity of a model on a piece of text, from its losses.

    answer: the student's number. losses: (L,) -log p of each character of
    the text, in nats (natural log), as lm.token_losses gives them.
    """
    losses = as_array(losses, "losses", ndim=1, why="-log p of each character, in nats")
    return check_array(answer, perplexity(float(losses.mean())), "your perplexity",
                       mistakes=PERPLEXITY_MISTAKES, given=(losses,))


# ---------------------------------------------------------------- exercise 3: the cold limit

COLD_CHOICES = ("greedy", "uniform", "unchanged")

COLD_LIMIT_MISTAKES = [
    Mistake("uniform", "that is the other end, temperature -> infinity: dividing the scores by a "
                       "huge number makes them all alike. A tiny temperature magnifies the gaps "
                       "between them instead", "uniform"),
    Mistake("unchanged", "the temperature divides every score, and softmax reacts to the gaps "
                         "between scores: at 0.01 a gap of 1 becomes a gap of 100", "unchanged"),
]


def check_cold_limit(answer, rnn, vocab, prime="ROMEO:", seeds=5):
    """Exercise 3: what sampling gives as the temperature goes to 0.

    answer: one of "greedy", "uniform" or "unchanged". The check samples 60
    characters after ``prime`` at temperature 0.001 with ``seeds`` seeds and
    compares each text with the greedy one (temperature 0).
    """
    as_language_model(rnn, vocab)
    greedy = generate(rnn, vocab, prime, 60, temperature=0)
    cold = [generate(rnn, vocab, prime, 60, temperature=1e-3, seed=s) for s in range(seeds)]
    observed = "greedy" if all(text == greedy for text in cold) else "not greedy"
    return check_choice(answer, observed, "your prediction", mistakes=COLD_LIMIT_MISTAKES,
                        choices=COLD_CHOICES)
