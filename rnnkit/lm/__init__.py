"""Language models: tokens in, the next token's scores out, for words or characters and any
cell.

    vocab       the tokens and their indices: tokenize, Vocabulary (of_words, of_characters;
                encode, decode, one_hot, index), UnknownTokenError
    model       what a language model is, any rnnkit recurrent network of input and output
                size V: as_language_model, as_inputs, logits
    generation  the next token's probabilities after a prime, and text written token by
                token: step_probabilities, next_token_probabilities, generate
    sampling    the next token from the scores: greedy, or sampled with a temperature, top-k
    tbptt       training on a long text by truncated BPTT, the state carried: split_streams,
                stream_batches, tbptt_step, train_streams; token_losses, cross_entropy
    words       notebook 04's sentences: load_corpus, next_word_pairs, next_word_probabilities,
                next_word_accuracy, follower_counts, best_possible_accuracy
    ngram       counting language models (unigram, bigram, n-gram): the baseline to beat
    checkpoint  a trained model in one file: save_checkpoint, load_checkpoint
"""

from .checkpoint import load_checkpoint, save_checkpoint
from .generation import DEFAULT_STOP, generate, next_token_probabilities, step_probabilities
from .model import as_inputs, as_language_model, logits
from .ngram import NGram
from .sampling import next_token, sample
from .tbptt import (
    cross_entropy,
    split_streams,
    stream_batches,
    tbptt_step,
    token_losses,
    train_streams,
)
from .vocab import UnknownTokenError, Vocabulary, tokenize
from .words import (
    best_possible_accuracy,
    follower_counts,
    load_corpus,
    next_word_accuracy,
    next_word_pairs,
    next_word_probabilities,
)
