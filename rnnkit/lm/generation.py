"""What a language model expects after a prime, and text written by it, token by token.

The model reads the prime (a few words or characters) in one forward pass; its scores after
the last token give the next token's probabilities. To write, it picks a token
(rnnkit.lm.sampling.next_token: greedy at temperature 0, else sampled), reads it, one step from
the state the prime left, and goes on: exactly what one forward pass over the growing text
would compute at its last step.

    step_probabilities        the next token's probabilities after every token of a prime
    next_token_probabilities  the next token's probabilities after the whole prime
    generate                  continue a prime: greedy, or sampled with a temperature (top-k)

Any language model of any vocabulary (rnnkit.lm.model): words or characters, any cell.
"""

from .._validate import describe, optional_seed, positive_int, real_number
from ..activations import softmax
from .model import as_language_model, logits
from .sampling import next_token

DEFAULT_STOP = ("?", ".", "!")        # the marks that end a sentence: where words stop


def step_probabilities(model, vocab, prime, temperature=1.0, *, name="prime"):
    """Read a prime in one forward pass; the next token's probabilities after each of its tokens.

    model: a language model of vocab (V tokens). prime: a str or a list of T
    tokens, all in vocab. temperature: >= 0, as in rnnkit.softmax (1 = the
    model's own probabilities, 0 = all on the most likely token). name: the
    prime's name in error messages ("prefix", ...).
    Returns (tokens, P, Hs): the prime's T tokens (a str of characters or a
    list of words), P (T, V) where row t holds the probabilities of the token
    after tokens[:t + 1], and Hs (T, H) the (top layer's) hidden state after each.
    """
    as_language_model(model, vocab)
    temperature = real_number(temperature, "temperature", minimum=0.0)
    indices = vocab.encode(prime, name)
    z = logits(model, indices[None])
    return vocab.decode(indices), softmax(z[0], temperature), model.hidden_states[0]


def next_token_probabilities(model, vocab, prime, temperature=1.0):
    """The probability of every token coming next after ``prime``: (V,), in the vocabulary's
    order, summing to 1. Arguments as for step_probabilities."""
    return step_probabilities(model, vocab, prime, temperature)[1][-1]


def _stop_tokens(stop, vocab):
    if stop is None:
        return frozenset(DEFAULT_STOP if vocab.unit == "word" else ())
    if isinstance(stop, str):
        return frozenset([stop])
    if isinstance(stop, (list, tuple, set, frozenset)) and all(isinstance(s, str) for s in stop):
        return frozenset(stop)
    raise TypeError(f"stop must be None, a str or a list of str tokens, got {describe(stop)}")


def generate(model, vocab, prime, steps=100, temperature=0.0, seed=None, top_k=None, stop=None):
    """Continue ``prime`` token by token, feeding each new token back into the model.

    model: a language model of vocab (any cell, rnnkit.lm.model). prime: a
    non-empty str or list of tokens, all in vocab (an unknown one raises
    UnknownTokenError naming it). steps: at most this many new tokens.
    temperature: >= 0; 0 always takes the most likely token (greedy, the same
    text every time), above 0 samples from softmax(scores / temperature) with
    a Generator from seed. top_k: None, or sample among the k most likely only.
    stop: a token or a list of tokens after which generation ends; None (the
    default) stops after "?", "." or "!" with words and never with characters;
    [] never stops early.
    Returns the new tokens, without the prime: a str for characters, a list of
    words for words.

    The prime is read in one forward pass from a zero state; each new token is
    then one step, model.forward of its input from model.final_state (h,
    (h, c) for an LSTM, a list of one per layer), exactly what one forward
    pass over the growing text would compute at its last step.
    """
    as_language_model(model, vocab)
    steps = positive_int(steps, "steps")
    temperature = real_number(temperature, "temperature", minimum=0.0)
    if top_k is not None:
        top_k = positive_int(top_k, "top_k")
    stop = _stop_tokens(stop, vocab)
    rng = optional_seed(seed)
    tokens = vocab.tokens
    z = logits(model, vocab.encode(prime, "prime")[None])           # the prime: (1, P, V)
    new = []
    while True:
        i = next_token(z[0, -1], temperature, rng, top_k, check=False)
        new.append(i)
        if len(new) == steps or tokens[i] in stop:
            return vocab.decode(new)
        z = logits(model, [[i]], state=model.final_state)            # one step: (1, 1, V)
