"""One vocabulary for words and characters: tokens, indices, one-hot vectors, clear errors."""

import numpy as np
import pytest

from rnnkit.lm import load_corpus
from rnnkit.lm.vocab import UnknownTokenError, Vocabulary, tokenize

SENTENCES = ["How are you?", "They are here.", "Wow, hello!"]
TEXT = "to be, or not to be:\nthat is the question.\n"


@pytest.fixture
def chars():
    return Vocabulary.of_characters(TEXT)


def test_tokenize_splits_punctuation_and_lower_cases():
    assert tokenize("How are you?") == ["how", "are", "you", "?"]
    assert tokenize("Wow,  hello!! I'm fine.") == ["wow", ",", "hello", "!", "!", "i'm", "fine",
                                                   "."]
    assert tokenize("how are you ?") == tokenize("How are you?")
    assert tokenize("") == []
    with pytest.raises(TypeError, match="sentence"):
        tokenize(["how"])


# words ------------------------------------------------------------------------------------

def test_vocabulary_of_words_is_sorted_and_deterministic():
    vocab = Vocabulary.of_words(SENTENCES)
    assert vocab.tokens == sorted(vocab.tokens) and len(vocab) == 11 and vocab.unit == "word"
    assert Vocabulary.of_words(list(reversed(SENTENCES))).tokens == vocab.tokens
    assert Vocabulary.of_words([tokenize(s) for s in SENTENCES]).tokens == vocab.tokens
    assert "are" in vocab and "How" not in vocab and 3 not in vocab
    assert vocab.tokens[vocab.index("you")] == "you"
    assert (repr(vocab).startswith("Vocabulary(11 words: '!', ',', '.', '?', 'are'")
            and "..." in repr(vocab))
    vocab.tokens.append("oops")                         # a copy: the vocabulary is unchanged
    assert len(vocab) == 11


def test_special_tokens_come_first():
    vocab = Vocabulary.of_words(["b a"], specials=["<pad>", "a"])
    assert vocab.tokens == ["<pad>", "a", "b"]
    assert repr(vocab) == "Vocabulary(3 words: '<pad>', 'a', 'b')"
    with pytest.raises(TypeError, match="specials"):
        Vocabulary.of_words(["b a"], specials="<pad>")


def test_encode_decode_one_hot_round_trip():
    vocab = Vocabulary.of_words(SENTENCES)
    indices = vocab.encode("How are you?")
    assert indices.dtype == np.int64 and vocab.decode(indices) == ["how", "are", "you", "?"]
    assert np.array_equal(vocab.encode(["how", "are"]), indices[:2])
    X = vocab.one_hot(["how", "are", "you", "?"])
    assert X.shape == (4, 11) and X.dtype == np.float64
    assert np.array_equal(X.argmax(axis=1), indices) and np.array_equal(X.sum(axis=1), np.ones(4))
    assert np.array_equal(vocab.one_hot(indices), X)
    assert np.array_equal(vocab.one_hot("how are you ?"), X)


def test_unknown_word_suggests_a_close_one():
    vocab = Vocabulary.of_words(load_corpus())
    with pytest.raises(UnknownTokenError) as info:
        vocab.index("yuo")
    assert str(info.value) == (f"unknown word 'yuo': not in the vocabulary of {len(vocab)} words; "
                               f"did you mean 'you'?")
    with pytest.raises(UnknownTokenError, match=r"did you mean 'who' or 'how'\?$"):
        vocab.index("hwo")
    assert isinstance(info.value, KeyError) and isinstance(info.value, ValueError)
    with pytest.raises(UnknownTokenError, match=r"'zzzz': not in the vocabulary of \d+ words$"):
        vocab.encode(["how", "zzzz"])
    with pytest.raises(UnknownTokenError, match=r"^prefix 'how are yuo' contains an unknown word "
                                                r"'yuo': .*did you mean 'you'\?$"):
        vocab.encode("how are yuo", "prefix")


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
        call(Vocabulary.of_words(SENTENCES))


@pytest.mark.parametrize("sentences, error, name", [
    ("how are you", TypeError, r"sentences must be a list.*\[sentence\]"),
    ([], ValueError, "sentences is empty"),
    (["ok", 3], TypeError, r"sentences\[1\]"),
])
def test_vocabulary_corpus_validation(sentences, error, name):
    with pytest.raises(error, match=name):
        Vocabulary.of_words(sentences)


# characters -------------------------------------------------------------------------------

def test_vocabulary_of_characters_is_sorted_and_round_trips(chars):
    assert chars.tokens == sorted(set(TEXT)) and len(chars) == len(set(TEXT))
    assert chars.unit == "character"
    assert Vocabulary.of_characters(TEXT[::-1]).tokens == chars.tokens
    indices = chars.encode(TEXT)
    assert indices.dtype == np.uint8 and indices.shape == (len(TEXT),)   # a byte a character
    assert chars.decode(indices) == TEXT
    assert np.array_equal(chars.encode(list("to be")), chars.encode("to be"))
    assert "\n" in chars and "z" not in chars
    assert repr(chars).startswith(f"Vocabulary({len(chars)} characters: '\\n', ' ', ")
    chars.tokens.append("z")                               # a copy: the vocabulary is unchanged
    assert "z" not in chars
    assert Vocabulary.of_characters("".join(map(chr, range(300)))).dtype == np.int64


def test_one_hot_has_one_one_per_row(chars):
    X = chars.one_hot([[0, 3], [2, 2]])
    assert X.shape == (2, 2, len(chars)) and X.dtype == np.float64
    assert np.array_equal(X.sum(axis=-1), np.ones((2, 2))) and X[0, 1, 3] == 1.0
    assert chars.one_hot([1], dtype=np.float32).dtype == np.float32
    assert np.array_equal(chars.one_hot("to"), chars.one_hot(chars.encode("to")))


def test_vocabulary_errors_name_the_argument_and_the_character(chars):
    with pytest.raises(ValueError, match="text is empty"):
        Vocabulary.of_characters("")
    with pytest.raises(TypeError, match="text must be a str"):
        Vocabulary.of_characters(["to", "be"])
    with pytest.raises(UnknownTokenError, match=r"prime contains the character 'Z' \(at "
                                                r"position 3\)"):
        chars.encode("to Zee", "prime")
    with pytest.raises(KeyError, match="'@'"):               # a KeyError and a ValueError
        chars.encode("@")
    with pytest.raises(UnknownTokenError, match="unknown character '@': not in the vocabulary"):
        chars.index("@")
    with pytest.raises(ValueError, match="text is empty"):
        chars.encode("")
    with pytest.raises(TypeError, match="text must be a str"):
        chars.encode([0, 1])
    with pytest.raises(ValueError, match="indices"):
        chars.decode([0, len(chars)])
    with pytest.raises(ValueError, match="indices"):
        chars.one_hot([-1])
    assert str(UnknownTokenError("plain")) == "plain"


# a vocabulary from its tokens -------------------------------------------------------------

def test_a_vocabulary_rebuilt_from_its_tokens_is_the_same(chars):
    again = Vocabulary(chars.tokens, "character")
    assert again.tokens == chars.tokens and np.array_equal(again.encode(TEXT), chars.encode(TEXT))
    words = Vocabulary(["<pad>", "how", "?"])
    assert words.unit == "word" and words.index("?") == 2


@pytest.mark.parametrize("tokens, unit, error, match", [
    ("abc", "character", TypeError, "tokens must be a list of str"),
    ([1, 2], "word", TypeError, "tokens must be a list of str"),
    ([], "word", ValueError, "tokens must be one or more distinct words"),
    (["a", "b", "a"], "character", ValueError, "distinct characters, got 3 of which 2 differ"),
    (["a", "bc"], "character", ValueError, "tokens must each be one character, got 'bc'"),
    (["how are", "you"], "word", ValueError, "one word, got 'how are'.*use Vocabulary.of_words"),
    (["a"], "byte", ValueError, "unit"),
])
def test_vocabulary_from_tokens_validation(tokens, unit, error, match):
    with pytest.raises(error, match=match):
        Vocabulary(tokens, unit)
