"""What a language model expects after a prime, and what it writes: words or characters, any
cell."""

import numpy as np
import pytest
from lm_helpers import VOCAB, context_model, cycle_model

import rnnkit
from rnnkit.lm import UnknownTokenError, Vocabulary, next_word_probabilities
from rnnkit.lm.generation import generate, next_token_probabilities, step_probabilities

TEXT = "to be, or not to be:\nthat is the question.\n"


@pytest.fixture
def vocab():
    return Vocabulary.of_characters(TEXT)


@pytest.fixture
def rnn(vocab):
    return rnnkit.SimpleRNN(len(vocab), 6, len(vocab), seed=0)


def networks(V):
    """One model of every kind, with random weights: (name, model)."""
    return [("SimpleRNN", rnnkit.SimpleRNN(V, 6, V, seed=1)),
            ("LSTM", rnnkit.LSTM(V, 6, V, seed=2)),
            ("GRU", rnnkit.GRU(V, 6, V, seed=3)),
            ("stacked LSTM, embedding", rnnkit.LSTM(V, 6, V, seed=4, layers=2, embedding_size=4,
                                                    dropout=0.25)),
            ("stacked GRU, embedding, float32", rnnkit.GRU(V, 5, V, seed=5, layers=3,
                                                           embedding_size=3, dtype=np.float32)),
            ("softmax output", rnnkit.LSTM(V, 6, V, output_activation="softmax", seed=6))]


def full_pass_scores(model, vocab, text):
    """The model's scores after the last token of ``text``, by one forward pass from zeros."""
    indices = vocab.encode(text)[None]
    X = indices if model.embedding_size else vocab.one_hot(indices, model.dtype)
    Y = model.forward(X)[0, -1]
    return np.log(Y) if model.output_activation == "softmax" else Y


# words ------------------------------------------------------------------------------------

def test_step_probabilities_rows_are_the_prefixes_and_context_matters():
    model = context_model()
    tokens, P, Hs = step_probabilities(model, VOCAB, "a c c")
    assert tokens == ["a", "c", "c"] and P.shape == (3, 3) and Hs.shape == (3, 2)
    for t in range(3):
        words, probs = next_word_probabilities(model, VOCAB, tokens[:t + 1])
        assert np.allclose(probs, np.sort(P[t])[::-1])
    # the same word "c", two contexts, two predictions
    assert next_word_probabilities(model, VOCAB, "a c")[0][0] == "a"
    assert next_word_probabilities(model, VOCAB, "b c")[0][0] == "b"
    model.forward(VOCAB.one_hot("a c c")[None])
    assert np.allclose(Hs, model.hidden_states[0])          # the model's own hidden states


def test_generate_greedy_follows_the_model_and_stops():
    model = cycle_model()
    assert generate(model, VOCAB, "a", steps=4, stop=[]) == ["b", "c", "a", "b"]
    assert generate(model, VOCAB, "a", steps=4, stop="c") == ["b", "c"]
    assert generate(model, VOCAB, "a", steps=4, stop=["a", "c"]) == ["b", "c"]
    assert generate(model, VOCAB, "a", steps=1) == ["b"]
    assert generate(model, VOCAB, "a", steps=4, stop=[], seed=123) == ["b", "c", "a", "b"]


def test_words_stop_after_a_sentence_mark_by_default():
    marks = Vocabulary.of_words(["a b ?"])        # ?, a, b: the cycle is a -> b -> ? -> a
    model = cycle_model()
    assert generate(model, marks, "a", steps=5) == ["b", "?"]
    assert generate(model, marks, "a", steps=5, stop=[]) == ["b", "?", "a", "b", "?"]


def test_generate_one_word_at_a_time_equals_a_full_forward_pass():
    model = context_model()
    new = generate(model, VOCAB, "a", steps=6, stop=[])
    # each new word is the top word after all before it
    for t in range(len(new)):
        prefix = ["a"] + new[:t]
        assert new[t] == next_word_probabilities(model, VOCAB, prefix)[0][0]
    random_model = rnnkit.ManyToMany(3, 8, 3, seed=3)
    new = generate(random_model, VOCAB, "b a", steps=5, stop=[])
    for t in range(len(new)):
        assert new[t] == next_word_probabilities(random_model, VOCAB, ["b", "a"] + new[:t])[0][0]


def test_generate_sampling_is_seeded_and_follows_the_probabilities():
    model = cycle_model(scale=1.0)
    runs = [generate(model, VOCAB, "a", steps=1, temperature=1.0, seed=s, stop=[])[0]
            for s in range(2000)]
    _, probs = next_word_probabilities(model, VOCAB, "a")
    freq = np.array([runs.count(w) for w in ("b", "a", "c")]) / len(runs)
    assert np.allclose(freq, [probs[0], probs[1], probs[2]], atol=0.04)
    a = generate(model, VOCAB, "a", steps=8, temperature=1.5, seed=7, stop=[])
    assert a == generate(model, VOCAB, "a", steps=8, temperature=1.5, seed=7, stop=[])
    assert len(a) == 8 and set(a) <= {"a", "b", "c"}
    cold = generate(model, VOCAB, "a", steps=5, temperature=1e-3, seed=1, stop=[])
    assert cold == generate(model, VOCAB, "a", steps=5, stop=[])


def test_generate_argument_errors():
    model = cycle_model()
    with pytest.raises(ValueError, match="steps"):
        generate(model, VOCAB, "a", steps=0)
    with pytest.raises(TypeError, match="steps"):
        generate(model, VOCAB, "a", steps=2.5)
    with pytest.raises(ValueError, match="temperature"):
        generate(model, VOCAB, "a", temperature=-1)
    with pytest.raises(TypeError, match="stop"):
        generate(model, VOCAB, "a", stop=5)
    with pytest.raises(TypeError, match="seed"):
        generate(model, VOCAB, "a", temperature=1.0, seed="x")
    with pytest.raises(UnknownTokenError, match="prime 'a d' contains an unknown word 'd'"):
        generate(model, VOCAB, "a d")
    with pytest.raises(TypeError, match="prime"):
        step_probabilities(model, VOCAB, ["a", 1])


# characters -------------------------------------------------------------------------------

def test_greedy_generation_is_one_forward_pass_over_the_growing_text(vocab, rnn):
    new = generate(rnn, vocab, "to be", steps=12, temperature=0)
    assert isinstance(new, str) and len(new) == 12 and set(new) <= set(vocab.tokens)
    text = "to be"
    for character in new:                    # each step: the most likely after all so far
        logits = rnn.forward(vocab.one_hot(vocab.encode(text))[None])
        assert vocab.tokens[int(np.argmax(logits[0, -1]))] == character
        text += character
    assert generate(rnn, vocab, "to be", 12, temperature=0, seed=5) == new


def test_characters_never_stop_by_default_but_can(vocab, rnn):
    text = generate(rnn, vocab, "to", 300, temperature=1.5, seed=0)
    assert len(text) == 300 and {".", "\n"} & set(text[:-1])     # went on past a mark
    stopped = generate(rnn, vocab, "to", 300, temperature=1.5, seed=0, stop=[".", "\n"])
    assert text.startswith(stopped) and stopped[-1] in ".\n"
    assert not {".", "\n"} & set(stopped[:-1])


def test_sampling_follows_the_seed_and_the_temperature(vocab, rnn):
    one = generate(rnn, vocab, "th", steps=30, temperature=1.0, seed=3)
    assert one == generate(rnn, vocab, "th", steps=30, temperature=1.0, seed=3)
    assert one != generate(rnn, vocab, "th", steps=30, temperature=1.0, seed=4)
    greedy = generate(rnn, vocab, "th", steps=30, temperature=0)
    assert generate(rnn, vocab, "th", steps=30, temperature=1e-4, seed=8) == greedy
    top_1 = generate(rnn, vocab, "th", steps=30, temperature=2.0, seed=1, top_k=1)
    assert top_1 == greedy


def test_next_token_probabilities(vocab, rnn):
    p = next_token_probabilities(rnn, vocab, "to b")
    assert p.shape == (len(vocab),) and np.isclose(p.sum(), 1.0)
    cold = next_token_probabilities(rnn, vocab, "to b", temperature=0.5)
    hot = next_token_probabilities(rnn, vocab, "to b", temperature=2.0)
    assert cold.max() > p.max() > hot.max()
    greedy = next_token_probabilities(rnn, vocab, "to b", temperature=0)
    assert greedy[np.argmax(p)] == 1.0 and greedy.sum() == 1.0
    assert vocab.tokens[int(np.argmax(p))] == generate(rnn, vocab, "to b", 1, 0)
    tokens, P, _ = step_probabilities(rnn, vocab, "to b")
    assert tokens == "to b" and P.shape == (4, len(vocab)) and np.array_equal(P[-1], p)


def test_generation_errors_name_the_argument(vocab, rnn):
    with pytest.raises(UnknownTokenError, match=r"prime contains the character 'Q' \(at "
                                                r"position 0\)"):
        generate(rnn, vocab, "Quick")
    with pytest.raises(ValueError, match="prime is empty"):
        generate(rnn, vocab, "")
    with pytest.raises(TypeError, match="prime must be a str"):
        generate(rnn, vocab, [1, 2])
    with pytest.raises(ValueError, match="temperature must be >= 0"):
        generate(rnn, vocab, "to", temperature=-1.0)
    with pytest.raises(ValueError, match="temperature must be >= 0"):
        next_token_probabilities(rnn, vocab, "to", temperature=-0.5)
    with pytest.raises(ValueError, match="steps"):
        generate(rnn, vocab, "to", steps=0)
    with pytest.raises(ValueError, match="top_k"):
        generate(rnn, vocab, "to", top_k=0)
    with pytest.raises(TypeError, match="seed"):
        generate(rnn, vocab, "to", seed="zero")
    with pytest.raises(TypeError, match="vocab must be an rnnkit.lm.Vocabulary"):
        generate(rnn, vocab.tokens, "to")
    with pytest.raises(ValueError, match=f"V = {len(vocab)}"):
        generate(rnnkit.SimpleRNN(3, 2, 3), vocab, "to")


# any cell ---------------------------------------------------------------------------------

@pytest.mark.parametrize("index", range(6), ids=[name for name, _ in networks(3)])
def test_every_cell_writes_what_a_full_pass_over_the_growing_text_predicts(vocab, index):
    """Greedy text from SimpleRNN, LSTM and GRU, stacked and with an embedding: each new
    character is the top one of a fresh forward pass over the prime and all written so far,
    so the state carried from step to step (h, (h, c), a list per layer) is the right one."""
    _, model = networks(len(vocab))[index]
    new = generate(model, vocab, "to be", steps=15)
    assert isinstance(new, str) and len(new) == 15
    text = "to be"
    for character in new:
        assert vocab.tokens[int(np.argmax(full_pass_scores(model, vocab, text)))] == character
        text += character
    p = next_token_probabilities(model, vocab, "to be")
    assert np.allclose(np.log(p) - np.log(p).mean(),
                       full_pass_scores(model, vocab, "to be")
                       - full_pass_scores(model, vocab, "to be").mean(), atol=1e-5)


@pytest.mark.parametrize("index", range(6), ids=[name for name, _ in networks(3)])
def test_every_cell_samples_words_reproducibly(index):
    _, model = networks(len(VOCAB))[index]
    sample = generate(model, VOCAB, "a b", steps=10, temperature=1.0, seed=4, top_k=2)
    assert isinstance(sample, list) and len(sample) == 10 and set(sample) <= {"a", "b", "c"}
    assert sample == generate(model, VOCAB, "a b", steps=10, temperature=1.0, seed=4, top_k=2)
