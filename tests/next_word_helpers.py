"""Notebook 04's next-word model, trained as 04 trains it: what its tests share."""

import rnnkit
from rnnkit.lm import Vocabulary, load_corpus, next_word_pairs


def notebook_04_model():
    """(model, vocab, training sentences, held-out sentences): a ManyToMany(V, 16, V) trained
    on load_corpus("how_are_you") for 25 epochs of batches of 16 with Adam(0.01), seed 0."""
    sentences, heldout = load_corpus("how_are_you"), load_corpus("how_are_you_heldout")
    vocab = Vocabulary.of_words(sentences)
    X, Y, mask = next_word_pairs(sentences, vocab)
    model = rnnkit.ManyToMany(len(vocab), 16, len(vocab), seed=0)
    rnnkit.train(model, X, Y, loss="softmax_cross_entropy", mask=mask, epochs=25, batch_size=16,
                 optimizer=rnnkit.Adam(0.01), seed=0)
    return model, vocab, sentences, heldout
