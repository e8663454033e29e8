"""Notebook 04's sentences: the corpus, next-word pairs, the next word's odds, accuracy."""

from collections import Counter

import numpy as np
import pytest
from lm_helpers import VOCAB, cycle_model
from next_word_helpers import notebook_04_model

import rnnkit
from rnnkit.lm import UnknownTokenError, Vocabulary, generate, tokenize
from rnnkit.lm.words import (
    best_possible_accuracy,
    follower_counts,
    load_corpus,
    next_word_accuracy,
    next_word_pairs,
    next_word_probabilities,
)

SENTENCES = ["How are you?", "They are here.", "Wow, hello!"]


def test_next_word_pairs_pad_and_mask():
    vocab = Vocabulary.of_words(SENTENCES)
    X, Y, mask = next_word_pairs(["how are you ?", ["they", "are", "here", "."], "wow !"], vocab)
    assert X.shape == (3, 3, 11) and Y.shape == (3, 3) and mask.shape == (3, 3)
    assert Y.dtype == np.int64 and mask.dtype == bool
    assert vocab.decode(X[0].argmax(axis=1)) == ["how", "are", "you"]
    assert vocab.decode(Y[0]) == ["are", "you", "?"]
    assert mask.tolist() == [[True] * 3, [True] * 3, [True, False, False]]
    assert vocab.decode(Y[2, :1]) == ["!"]
    assert np.array_equal(X.sum(axis=2), mask.astype(float))   # padded inputs are all zero
    assert np.all(Y[~mask] == 0)


@pytest.mark.parametrize("sentences, vocab, error, name", [
    ([], Vocabulary.of_words(SENTENCES), ValueError, "sentences is empty"),
    (["how are you", "hello"], Vocabulary.of_words(SENTENCES), ValueError,
     r"sentences\[1\] \('hello'\) has 1 token"),
    (["how are you"], ["how"], TypeError, "vocab"),
    (["how are cats"], Vocabulary.of_words(SENTENCES), UnknownTokenError, "'cats'"),
])
def test_next_word_pairs_validation(sentences, vocab, error, name):
    with pytest.raises(error, match=name):
        next_word_pairs(sentences, vocab)


def followers(sentences, prefix):
    """How often each token follows ``prefix`` (a list of tokens) in the corpus."""
    counts = Counter()
    for tokens in map(tokenize, sentences):
        for i in range(len(tokens) - len(prefix)):
            if tokens[i:i + len(prefix)] == prefix:
                counts[tokens[i + len(prefix)]] += 1
    return counts


@pytest.mark.parametrize("prefix, expected", [
    ("how", "are"), ("how are", "you"), ("how are you", "?"),
])
def test_corpus_teaches_how_are_you(prefix, expected):
    counts = followers(load_corpus(), prefix.split())
    (best, n_best), (_, n_second) = counts.most_common(2)
    assert best == expected and n_best > n_second


def test_the_same_word_leads_on_differently_after_different_starts():
    sentences = load_corpus()
    assert followers(sentences, ["how", "are"]).most_common(1)[0][0] == "you"
    assert "you" not in followers(sentences, ["they", "are"])       # "they are" -> a last word


def test_corpus_is_clean():
    train, heldout = load_corpus("how_are_you"), load_corpus("how_are_you_heldout")
    assert 100 <= len(train) <= 200 and 20 <= len(heldout) <= 60
    for s in train + heldout:
        assert s == s.lower() and " ".join(tokenize(s)) == s     # spaces before punctuation
        assert s.split()[-1] in "?.!"                            # every sentence ends with a mark
    assert len(Vocabulary.of_words(train)) <= 60
    with pytest.raises(ValueError, match="name must be one of 'how_are_you', "
                                         "'how_are_you_heldout'"):
        load_corpus("shakespeare")


def test_heldout_sentences_are_new_combinations_of_known_words():
    train, heldout = load_corpus("how_are_you"), load_corpus("how_are_you_heldout")
    vocab = Vocabulary.of_words(train)
    assert not set(heldout) & set(train)                           # none was trained on
    assert all(word in vocab for s in heldout for word in tokenize(s))
    assert len(set(heldout)) == len(heldout)


def test_heldout_pairs_only_the_first_word_can_decide():
    """Pairs such as "are they sad ?" / "they are sad .": the same words, the mark decided by the
    order. Their word before the mark ends both questions and statements in training, so a
    model that reads only that word has seen both marks after it and cannot tell them apart."""
    train, heldout = load_corpus("how_are_you"), load_corpus("how_are_you_heldout")
    pairs = [(q, s) for q in heldout if q.endswith("?") for s in heldout
             if s.endswith(".") and sorted(q.split()[:-1]) == sorted(s.split()[:-1])]
    assert len(pairs) >= 12
    for question, statement in pairs:
        last = question.split()[-2]
        assert last == statement.split()[-2]
        assert set(followers(train, [last])) >= {"?", "."}
        combination = set(question.split()[:-1])                  # never seen in training
        assert not any(set(s.split()[:-1]) == combination for s in train)


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


def test_prefix_errors_name_the_argument_and_suggest_words():
    model = cycle_model()
    for empty in ("", "   ", []):
        with pytest.raises(ValueError, match="prefix is empty"):
            next_word_probabilities(model, VOCAB, empty)
    with pytest.raises(UnknownTokenError,
                       match=r"prefix 'a bb' contains an unknown word 'bb'.*'b'"):
        next_word_probabilities(model, VOCAB, "a bb")
    with pytest.raises(KeyError):                         # UnknownTokenError is also a KeyError
        generate(model, VOCAB, ["zzz"])
    with pytest.raises(TypeError, match="prefix"):
        next_word_probabilities(model, VOCAB, 5)
    with pytest.raises(TypeError, match="prefix"):
        next_word_probabilities(model, VOCAB, ["a", 1])


def test_model_and_vocab_errors():
    model = cycle_model()
    with pytest.raises(TypeError, match="vocab"):
        next_word_probabilities(model, ["a", "b", "c"], "a")
    with pytest.raises(TypeError, match="model"):
        next_word_probabilities(object(), VOCAB, "a")
    with pytest.raises(ValueError, match="V = 4"):
        next_word_probabilities(model, Vocabulary.of_words(["a b c d"]), "a")
    with pytest.raises(ValueError, match="output_activation"):
        next_word_probabilities(rnnkit.ManyToMany(3, 2, 3, output_activation="sigmoid"), VOCAB, "a")


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
    vocab = Vocabulary.of_words(sentences)
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
        counted = [vocab.tokens[bigram.probabilities(vocab.encode(s.split()[-2:-1])).argmax()]
                   for s in pair]
        assert counted[0] == counted[1]                 # the same last word: the same guess
        rnn_both += rnn == ["?", "."]
        bigram_both += counted == ["?", "."]
    assert len(pairs) >= 12 and bigram_both == 0 and rnn_both >= len(pairs) - 2
