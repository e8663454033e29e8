import numpy as np
import pytest
from next_word_helpers import notebook_04_model

import rnnkit
from rnnkit.language import (
    best_possible_accuracy,
    follower_counts,
    generate,
    next_word_accuracy,
    next_word_probabilities,
    step_probabilities,
)
from rnnkit.text import UnknownWordError, Vocabulary, load_corpus, next_word_pairs

VOCAB = Vocabulary(["a b c"])                  # words a, b, c at indices 0, 1, 2


def cycle_model(scale=5.0, output_activation="identity"):
    """A hand-set model that predicts a -> b, b -> c, c -> a whatever came before.

    W_hh = 0 so the hidden state only holds the current word: h_t = tanh(2 x_t);
    W_oh sends word i's hidden unit to the score of word i + 1 (mod 3).
    """
    rnn = rnnkit.SimpleRNN(3, 3, 3, output_activation=output_activation)
    rnn.params["W_xh"][:] = 2.0 * np.eye(3)
    rnn.params["W_hh"][:] = 0.0
    rnn.params["W_oh"][:] = scale * np.roll(np.eye(3), 1, axis=1)
    return rnn


def context_model():
    """A hand-set model whose prediction after "c" depends on the word before it.

    Hidden unit 0 remembers an "a" seen one step earlier (through W_hh); after
    "c" the model predicts "a" if an "a" came just before, else "b".
    """
    model = rnnkit.ManyToMany(3, 2, 3)
    p = model.params
    p["W_xh"][:] = [[3.0, 0.0], [0.0, 0.0], [0.0, 3.0]]     # a -> unit 0, c -> unit 1
    p["W_hh"][:] = [[3.0, 0.0], [0.0, 0.0]]                 # unit 0 carries "a" forward
    p["b_h"][:] = [-1.5, 0.0]                                 # "a" now or just before: unit 0 > 0
    p["W_oh"][:] = [[4.0, -4.0, 0.0], [0.0, 2.0, 0.0]]
    p["b_o"][:] = 0.0
    return model


def test_next_word_probabilities_sorted_from_a_hand_set_model():
    model = cycle_model()
    words, probs = next_word_probabilities(model, VOCAB, "a")
    assert words[0] == "b" and sorted(words) == ["a", "b", "c"]
    assert probs.shape == (3,) and np.isclose(probs.sum(), 1.0) and np.all(np.diff(probs) <= 0)
    h = np.tanh(2.0)                                        # the hidden value of the word read
    expected = rnnkit.softmax(np.array([5 * h, 0.0, 0.0]))  # score 5h for the next word, 0 else
    assert np.allclose(probs, expected)
    assert next_word_probabilities(model, VOCAB, ["a", "b"])[0][0] == "c"    # c follows b
    # tokenized, lower-cased
    assert next_word_probabilities(model, VOCAB, "A B")[0][0] == "c"


def test_temperature_sharpens_and_flattens():
    model = cycle_model()
    _, p1 = next_word_probabilities(model, VOCAB, "a")
    _, p_cold = next_word_probabilities(model, VOCAB, "a", temperature=0.5)
    _, p_hot = next_word_probabilities(model, VOCAB, "a", temperature=3.0)
    _, p0 = next_word_probabilities(model, VOCAB, "a", temperature=0)
    assert p_cold[0] > p1[0] > p_hot[0] and np.allclose(p0, [1, 0, 0])


def test_softmax_output_layer_gives_the_same_probabilities():
    _, p_logits = next_word_probabilities(cycle_model(), VOCAB, "b c")
    _, p_softmax = next_word_probabilities(cycle_model(output_activation="softmax"), VOCAB, "b c")
    assert np.allclose(p_logits, p_softmax)
    assert next_word_probabilities(cycle_model(), VOCAB, "b")[0][0] == "c"


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
    assert generate(model, VOCAB, "a", steps=4, stop=None) == ["b", "c", "a", "b"]
    assert generate(model, VOCAB, "a", steps=4, stop="c") == ["b", "c"]
    assert generate(model, VOCAB, "a", steps=4, stop=["a", "c"]) == ["b", "c"]
    assert generate(model, VOCAB, "a", steps=1) == ["b"]
    assert generate(model, VOCAB, "a", steps=4, stop=None, seed=123) == ["b", "c", "a", "b"]


def test_generate_one_word_at_a_time_equals_a_full_forward_pass():
    model = context_model()
    new = generate(model, VOCAB, "a", steps=6, stop=None)
    # each new word is the top word after all before it
    for t in range(len(new)):
        prefix = ["a"] + new[:t]
        assert new[t] == next_word_probabilities(model, VOCAB, prefix)[0][0]
    random_model = rnnkit.ManyToMany(3, 8, 3, seed=3)
    new = generate(random_model, VOCAB, "b a", steps=5, stop=None)
    for t in range(len(new)):
        assert new[t] == next_word_probabilities(random_model, VOCAB, ["b", "a"] + new[:t])[0][0]


def test_generate_sampling_is_seeded_and_follows_the_probabilities():
    model = cycle_model(scale=1.0)
    runs = [generate(model, VOCAB, "a", steps=1, temperature=1.0, seed=s, stop=None)[0]
            for s in range(2000)]
    _, probs = next_word_probabilities(model, VOCAB, "a")
    freq = np.array([runs.count(w) for w in ("b", "a", "c")]) / len(runs)
    assert np.allclose(freq, [probs[0], probs[1], probs[2]], atol=0.04)
    a = generate(model, VOCAB, "a", steps=8, temperature=1.5, seed=7, stop=None)
    assert a == generate(model, VOCAB, "a", steps=8, temperature=1.5, seed=7, stop=None)
    assert len(a) == 8 and set(a) <= {"a", "b", "c"}
    cold = generate(model, VOCAB, "a", steps=5, temperature=1e-3, seed=1, stop=None)
    assert cold == generate(model, VOCAB, "a", steps=5, stop=None)


def test_prefix_errors_name_the_argument_and_suggest_words():
    model = cycle_model()
    for empty in ("", "   ", []):
        with pytest.raises(ValueError, match="prefix is empty"):
            next_word_probabilities(model, VOCAB, empty)
    with pytest.raises(UnknownWordError, match=r"prefix 'a bb' contains an unknown word 'bb'.*'b'"):
        next_word_probabilities(model, VOCAB, "a bb")
    with pytest.raises(KeyError):                         # UnknownWordError is also a KeyError
        generate(model, VOCAB, ["zzz"])
    with pytest.raises(TypeError, match="prefix"):
        next_word_probabilities(model, VOCAB, 5)
    with pytest.raises(TypeError, match="prefix"):
        step_probabilities(model, VOCAB, ["a", 1])


def test_model_and_vocab_errors():
    model = cycle_model()
    with pytest.raises(TypeError, match="vocab"):
        next_word_probabilities(model, ["a", "b", "c"], "a")
    with pytest.raises(TypeError, match="model"):
        next_word_probabilities(object(), VOCAB, "a")
    with pytest.raises(ValueError, match="V = 4"):
        next_word_probabilities(model, Vocabulary(["a b c d"]), "a")
    with pytest.raises(ValueError, match="output_activation"):
        next_word_probabilities(rnnkit.ManyToMany(3, 2, 3, output_activation="sigmoid"), VOCAB, "a")


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


def test_next_word_accuracy_counts_only_unmasked_steps():
    model = cycle_model()
    X = VOCAB.one_hot([0, 1, 2])[None]                 # a b c -> predictions b c a
    Y = np.array([[1, 2, 2]])                          # right, right, wrong
    assert next_word_accuracy(model, X, Y) == pytest.approx(2 / 3)
    assert next_word_accuracy(model, X, Y, np.array([[True, True, False]])) == 1.0
    assert next_word_accuracy(model, X, Y, np.array([[False, False, True]])) == 0.0


def test_next_word_accuracy_validation():
    model = cycle_model()
    X = VOCAB.one_hot([0, 1, 2])[None]
    Y = np.array([[1, 2, 0]])
    with pytest.raises(TypeError, match="model"):
        next_word_accuracy("model", X, Y)
    with pytest.raises(ValueError, match="X"):
        next_word_accuracy(model, X[0], Y)
    with pytest.raises(ValueError, match="Y must have shape"):
        next_word_accuracy(model, X, Y[:, :2])
    with pytest.raises(ValueError, match="Y"):
        next_word_accuracy(model, X, [[1, 2, 3]])
    with pytest.raises(TypeError, match="mask"):
        next_word_accuracy(model, X, Y, np.ones((1, 3)))
    with pytest.raises(ValueError, match="mask must have the shape of Y"):
        next_word_accuracy(model, X, Y, np.ones((1, 2), dtype=bool))
    with pytest.raises(ValueError, match="mask is False everywhere"):
        next_word_accuracy(model, X, Y, np.zeros((1, 3), dtype=bool))

    class Flat:
        def forward(self, X):
            return np.zeros((X.shape[0], 3))
    with pytest.raises(ValueError, match="model.forward"):
        next_word_accuracy(Flat(), X, Y)


def test_follower_counts_and_ceiling():
    corpus = ["a b .", "a c .", "a b !", ["b", "a"]]
    counts = follower_counts(corpus)
    assert counts[("a",)] == {"b": 2, "c": 1}
    assert counts[("a", "b")] == {".": 1, "!": 1} and counts[("b",)] == {"a": 1}
    # steps: a->? 3, ab->? 2, ac->. 1, b->a 1; best: 2 + 1 + 1 + 1 = 5 of 7
    assert best_possible_accuracy(corpus) == pytest.approx(5 / 7)
    assert best_possible_accuracy(["a b c", "a b c"]) == 1.0


def test_ceiling_bounds_a_trained_model_on_the_course_corpus():
    sentences = load_corpus("how_are_you")
    vocab = Vocabulary(sentences)
    X, Y, mask = next_word_pairs(sentences, vocab)
    ceiling = best_possible_accuracy(sentences)
    assert 0.5 < ceiling < 1.0
    assert sum(sum(c.values()) for c in follower_counts(sentences).values()) == mask.sum()
    model = rnnkit.ManyToMany(len(vocab), 16, len(vocab), seed=0)
    rnnkit.train(model, X, Y, loss="softmax_cross_entropy", epochs=60, batch_size=16,
                 optimizer=rnnkit.Adam(0.02), seed=0, mask=mask)
    assert next_word_accuracy(model, X, Y, mask) <= ceiling + 1e-12
    assert generate(model, vocab, "how", steps=3) == ["are", "you", "?"]


def test_corpus_errors():
    with pytest.raises(TypeError, match="sentences"):
        follower_counts("a b c")
    with pytest.raises(ValueError, match="sentences is empty"):
        follower_counts([])
    with pytest.raises(TypeError, match=r"sentences\[1\]"):
        follower_counts(["a b", 3])
    with pytest.raises(ValueError, match="sentences has no next-word step"):
        best_possible_accuracy(["a", "b"])


def test_on_held_out_sentences_the_rnn_reads_context_a_bigram_cannot():
    """Notebook 04's claims, on its corpus and set-up: the held-out question/statement pairs
    ("are they sad ?" / "they are sad .") get both marks from the RNN and never from a bigram,
    and the RNN's held-out perplexity is well below the bigram's at its best smoothing."""
    model, vocab, sentences, heldout = notebook_04_model()
    V = len(vocab)
    train_tokens = [vocab.encode(s) for s in sentences]
    held_tokens = [vocab.encode(s) for s in heldout]
    bigram_ce = min(rnnkit.NGram(2, V, a).fit(train_tokens).cross_entropy(held_tokens)
                    for a in (0.1, 1, 10, 30))
    X_held, Y_held, mask_held = next_word_pairs(heldout, vocab)
    rnn_ce = rnnkit.evaluate(model, X_held, Y_held, "softmax_cross_entropy", mask=mask_held)
    assert rnnkit.perplexity(rnn_ce) < rnnkit.perplexity(bigram_ce) / 2
    bigram = rnnkit.NGram(2, V, 10).fit(train_tokens)
    pairs = [(q, s) for q in heldout if q.endswith("?") for s in heldout
             if s.endswith(".") and sorted(q.split()[:-1]) == sorted(s.split()[:-1])]
    rnn_both = bigram_both = 0
    for pair in pairs:
        rnn = [next_word_probabilities(model, vocab, s.split()[:-1])[0][0] for s in pair]
        counted = [vocab.words[bigram.probabilities(vocab.encode(s.split()[-2:-1])).argmax()]
                   for s in pair]
        assert counted[0] == counted[1]                 # the same last word: the same guess
        rnn_both += rnn == ["?", "."]
        bigram_both += counted == ["?", "."]
    assert len(pairs) >= 12 and bigram_both == 0 and rnn_both >= len(pairs) - 2
