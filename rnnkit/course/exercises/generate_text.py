"""The checks of notebook 07's exercises (teach an RNN to write).

    check_sampling_loop(my_generate, rnn, vocab)   exercise 1: the sampling loop
    check_perplexity(my_perplexity, losses)        exercise 2: a loss into a perplexity
    check_cold_limit(my_prediction, rnn, vocab)    exercise 3: what temperature -> 0 gives
    check_tbptt_loop(my_train_chunks, vocab)       exercise 4: the truncated-BPTT loop

Each computes the right answer with rnnkit from the notebook's model and data,
prints one line, "Correct: ..." or "Not yet: ...", returns True or False, and
never prints the answer. Each reads its exercise's typical mistakes from a registry
(SAMPLING_MISTAKES, PERPLEXITY_MISTAKES, COLD_LIMIT_MISTAKES, TBPTT_MISTAKES), each with its
own hint.
"""

import numpy as np

from ..._validate import as_array
from ...cells import SimpleRNN
from ...datasets import tiny_shakespeare
from ...lm import as_inputs, as_language_model, generate, next_token, stream_batches, train_streams
from ...losses import perplexity, softmax_cross_entropy
from ...optim import Adam
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


# ---------------------------------------------------------------- exercise 4: the TBPTT loop


def tbptt_solution(model, inputs, targets, optimizer):
    """The notebook's solution: trains model on chunks (B, N, T) in order, the state carried,
    and returns the B losses."""
    losses, state = [], None
    for b in range(len(inputs)):
        Y = model.forward(as_inputs(model, inputs[b]), state)
        loss, dY = softmax_cross_entropy(Y, targets[b])
        optimizer.step(model.params, model.backward(dY))
        losses.append(loss)
        state = model.final_state
    return losses


_FORWARD = "        Y = model.forward(as_inputs(model, inputs[b]), state)\n"
_LOSS = "        loss, dY = softmax_cross_entropy(Y, targets[b])\n"

TBPTT_MISTAKES = [
    Mistake("scaffold", "no loss came back and the weights never change: write the loop's body "
                        "(forward from the state, the loss, backward, the step, the state "
                        "carried on)",
            edit(tbptt_solution, _FORWARD + _LOSS
                 + "        optimizer.step(model.params, model.backward(dY))\n"
                 + "        losses.append(loss)\n        state = model.final_state\n",
                 "        pass\n")),
    Mistake("state reset", "every chunk starts from a zero state: the state a chunk ends with "
                           "never reaches the next one",
            edit(tbptt_solution, "        state = model.final_state\n", "")),
    Mistake("gradient not cut", "each update runs back through every earlier chunk of the "
                                "stream: the gradient is not cut at the chunk's start",
            edit(tbptt_solution, _FORWARD + _LOSS,
                 "        whole = np.concatenate(list(inputs[:b + 1]), axis=1)\n"
                 "        Y_all = model.forward(as_inputs(model, whole))\n"
                 "        loss, dY_last = softmax_cross_entropy(Y_all[:, -inputs.shape[2]:], "
                 "targets[b])\n"
                 "        dY = np.zeros_like(Y_all)\n"
                 "        dY[:, -inputs.shape[2]:] = dY_last\n")),
    Mistake("chunks shuffled", "the chunks are not taken in order: a chunk must continue where "
                               "the one before it stopped, or the carried state belongs to "
                               "other text",
            edit(tbptt_solution, "    for b in range(len(inputs)):\n",
                 "    for b in np.random.default_rng(0).permutation(len(inputs)):\n")),
    Mistake("targets not shifted", "the model learns to repeat the character it reads: the "
                                   "targets are the inputs, not the next characters",
            edit(tbptt_solution, "softmax_cross_entropy(Y, targets[b])",
                 "softmax_cross_entropy(Y, inputs[b])")),
    Mistake("no update", "the weights never change: no optimizer step",
            edit(tbptt_solution, "        optimizer.step(model.params, model.backward(dY))\n",
                 "        model.backward(dY)\n")),
    Mistake("last loss only", "one loss came back: keep the loss of every chunk",
            edit(tbptt_solution, "    return losses", "    return losses[-1:]")),
]


def _losses_and_weights(arguments, losses):
    """What a training loop did: the losses it returned and the weights it left in model."""
    return losses, arguments[0].params


def tbptt_examples(vocab, chars=8_001, streams=4, steps=20, hidden=16):
    """Two runs on the start of Tiny Shakespeare: chunks (B, N, T) of its characters, each with
    a fresh SimpleRNN (seeded) and Adam(0.01)."""
    tokens = vocab.encode(tiny_shakespeare(chars))
    inputs, targets = stream_batches(tokens, streams, steps)
    return {f"{len(inputs[:b])} chunks, seed {seed}":
            (SimpleRNN(len(vocab), hidden, len(vocab), seed=seed), inputs[:b], targets[:b],
             Adam(0.01))
            for b, seed in ((6, 0), (9, 1))}


def _reference_loop(model, inputs, targets, optimizer):
    """rnnkit's truncated BPTT: lm.train_streams, the losses as a list."""
    return list(train_streams(model, inputs, targets, optimizer)[0])


def check_tbptt_loop(my_train_chunks, vocab):
    """Exercise 4: my_train_chunks(model, inputs (B, N, T), targets (B, N, T), optimizer) trains
    model on the chunks in order by truncated BPTT (the state carried from each chunk to the
    next, the gradient cut at each chunk's start) and returns the B losses.

    It runs twice on chunks of the start of Tiny Shakespeare (vocab: the notebook's character
    Vocabulary), each time on a fresh small SimpleRNN, and must give the losses and the
    weights rnnkit.lm.train_streams gives. It may change model and optimizer only.
    """
    return check_function(my_train_chunks, _reference_loop, tbptt_examples(vocab),
                          "my_train_chunks", axes=(("chunk",), None), mistakes=TBPTT_MISTAKES,
                          outputs=("the losses it returns", "model.params"),
                          observe=_losses_and_weights, may_change=("model", "optimizer"),
                          against="rnnkit.lm.train_streams",
                          none_hint="write the loop, then return the list of losses")
