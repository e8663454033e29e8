from collections import Counter

import numpy as np
import pytest

from rnnkit.text import UnknownWordError, Vocabulary, load_corpus, next_word_pairs, tokenize

SENTENCES = ["How are you?", "They are here.", "Wow, hello!"]


def test_tokenize_splits_punctuation_and_lower_cases():
    assert tokenize("How are you?") == ["how", "are", "you", "?"]
    assert tokenize("Wow,  hello!! I'm fine.") == ["wow", ",", "hello", "!", "!", "i'm", "fine",
                                                   "."]
    assert tokenize("how are you ?") == tokenize("How are you?")
    assert tokenize("") == []
    with pytest.raises(TypeError, match="sentence"):
        tokenize(["how"])


def test_vocabulary_is_sorted_and_deterministic():
    vocab = Vocabulary(SENTENCES)
    assert vocab.words == sorted(vocab.words) and len(vocab) == 11
    assert Vocabulary(list(reversed(SENTENCES))).words == vocab.words
    assert Vocabulary([tokenize(s) for s in SENTENCES]).words == vocab.words
    assert "are" in vocab and "How" not in vocab and 3 not in vocab
    assert vocab.words[vocab.index("you")] == "you"
    assert (repr(vocab).startswith("Vocabulary(11 words: '!', ',', '.', '?', 'are'")
            and "..." in repr(vocab))
    vocab.words.append("oops")                          # a copy: the vocabulary is unchanged
    assert len(vocab) == 11


def test_special_tokens_come_first():
    vocab = Vocabulary(["b a"], specials=["<pad>", "a"])
    assert vocab.words == ["<pad>", "a", "b"]
    assert repr(vocab) == "Vocabulary(3 words: '<pad>', 'a', 'b')"
    with pytest.raises(TypeError, match="specials"):
        Vocabulary(["b a"], specials="<pad>")


def test_encode_decode_one_hot_round_trip():
    vocab = Vocabulary(SENTENCES)
    indices = vocab.encode("How are you?")
    assert indices.dtype == np.int64 and vocab.decode(indices) == ["how", "are", "you", "?"]
    assert np.array_equal(vocab.encode(["how", "are"]), indices[:2])
    X = vocab.one_hot(["how", "are", "you", "?"])
    assert X.shape == (4, 11) and X.dtype == np.float64
    assert np.array_equal(X.argmax(axis=1), indices) and np.array_equal(X.sum(axis=1), np.ones(4))
    assert np.array_equal(vocab.one_hot(indices), X)
    assert np.array_equal(vocab.one_hot("how are you ?"), X)


def test_unknown_word_suggests_a_close_one():
    vocab = Vocabulary(load_corpus())
    with pytest.raises(UnknownWordError) as info:
        vocab.index("yuo")
    assert str(info.value) == (f"unknown word 'yuo': not in the vocabulary of {len(vocab)} words; "
                               f"did you mean 'you'?")
    with pytest.raises(UnknownWordError, match=r"did you mean 'who' or 'how'\?$"):
        vocab.index("hwo")
    assert isinstance(info.value, KeyError) and isinstance(info.value, ValueError)
    with pytest.raises(UnknownWordError, match=r"'zzzz': not in the vocabulary of \d+ words$"):
        vocab.encode(["how", "zzzz"])


@pytest.mark.parametrize("call, error, name", [
    (lambda v: v.index(3), TypeError, "word"),
    (lambda v: v.encode(5), TypeError, "tokens"),
    (lambda v: v.encode([]), ValueError, "tokens"),
    (lambda v: v.decode([0, 11]), ValueError, "indices.*0 to 10"),
    (lambda v: v.decode([-1]), ValueError, "indices"),
    (lambda v: v.decode([0.5]), TypeError, "indices"),
    (lambda v: v.one_hot([0, 99]), ValueError, "tokens_or_indices"),
    (lambda v: v.one_hot(["how", 3]), TypeError, "tokens"),
])
def test_vocabulary_validation(call, error, name):
    with pytest.raises(error, match=name):
        call(Vocabulary(SENTENCES))


@pytest.mark.parametrize("sentences, error, name", [
    ("how are you", TypeError, r"sentences must be a list.*\[sentence\]"),
    ([], ValueError, "sentences is empty"),
    (["ok", 3], TypeError, r"sentences\[1\]"),
])
def test_vocabulary_corpus_validation(sentences, error, name):
    with pytest.raises(error, match=name):
        Vocabulary(sentences)


def test_next_word_pairs_pad_and_mask():
    vocab = Vocabulary(SENTENCES)
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
    ([], Vocabulary(SENTENCES), ValueError, "sentences is empty"),
    (["how are you", "hello"], Vocabulary(SENTENCES), ValueError,
     r"sentences\[1\] \('hello'\) has 1 token"),
    (["how are you"], ["how"], TypeError, "vocab"),
    (["how are cats"], Vocabulary(SENTENCES), UnknownWordError, "'cats'"),
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
    assert len(Vocabulary(train)) <= 60
    with pytest.raises(ValueError, match="name must be one of 'how_are_you', "
                                         "'how_are_you_heldout'"):
        load_corpus("shakespeare")


def test_heldout_sentences_are_new_combinations_of_known_words():
    train, heldout = load_corpus("how_are_you"), load_corpus("how_are_you_heldout")
    vocab = Vocabulary(train)
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
