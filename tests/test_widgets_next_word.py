import numpy as np
import pytest
from widget_timing import median_redraw_seconds

import rnnkit
from rnnkit.course.widgets import FigureWidget
from rnnkit.course.widgets.next_word import next_word_widget, unknown_word_message
from rnnkit.lm import Vocabulary, generate, load_corpus, next_word_pairs, next_word_probabilities


@pytest.fixture(scope="module")
def trained():
    sentences = load_corpus("how_are_you")
    vocab = Vocabulary.of_words(sentences)
    X, Y, mask = next_word_pairs(sentences, vocab)
    model = rnnkit.ManyToMany(len(vocab), 16, len(vocab), seed=0)
    rnnkit.train(model, X, Y, loss="softmax_cross_entropy", epochs=60, batch_size=16,
                 optimizer=rnnkit.Adam(0.02), seed=0, mask=mask)
    return model, vocab


def test_starting_state_shows_bars_and_a_greedy_continuation(trained):
    model, vocab = trained
    widget = next_word_widget(model, vocab)
    assert isinstance(widget, FigureWidget) and "FigureWidget" in repr(widget)
    assert widget.values == {"prefix": "how are", "temperature": 0.0, "steps": 5, "seed": 0}
    assert bytes(widget.image.value).startswith(b"\x89PNG")
    continuation = " ".join(generate(model, vocab, "how are"))
    assert f"how are <b style='color:#D55E00'>{continuation}</b>" in widget.text.value
    assert "greedy" in widget.text.value


@pytest.mark.parametrize("control, value", [("prefix", "they are"), ("temperature", 1.5),
                                            ("steps", 2), ("seed", 4)])
def test_every_control_redraws(trained, control, value):
    model, vocab = trained
    widget = next_word_widget(model, vocab, prefix="how", temperature=1.0, steps=8)
    before_png, before_text = bytes(widget.image.value), widget.text.value
    widget.update(**{control: value})
    assert widget.values[control] == value
    assert bytes(widget.image.value) != before_png or widget.text.value != before_text
    if control in ("prefix", "temperature"):                # the bars themselves change
        assert bytes(widget.image.value) != before_png


def test_the_bars_follow_the_model(trained):
    model, vocab = trained
    widget = next_word_widget(model, vocab, prefix="how")
    bars = widget.figure.axes[0]
    words, probs = next_word_probabilities(model, vocab, "how")
    shown = [text.get_text() for text in bars.texts[-6:]]      # the words beside the bars
    assert shown == words[:6]
    assert [label.get_text() for label in bars.texts[:6]] == [f"{p:.2f}" for p in probs[:6]]
    assert np.allclose([patch.get_width() for patch in bars.patches], probs[:6])
    widget.update(temperature=2.0)
    _, hot = next_word_probabilities(model, vocab, "how", temperature=2.0)
    assert np.allclose([patch.get_width() for patch in bars.patches], hot[:6])
    assert "temperature 2.0" in bars.get_title()


def test_sampling_uses_the_seed(trained):
    model, vocab = trained
    widget = next_word_widget(model, vocab, prefix="how", temperature=1.5, steps=6, seed=3)
    expected = " ".join(generate(model, vocab, "how", steps=6, temperature=1.5, seed=3))
    assert f">{expected}</b>" in widget.text.value and "seed 3" in widget.text.value


def test_unknown_and_empty_prefixes_give_a_message_not_an_error(trained):
    model, vocab = trained
    widget = next_word_widget(model, vocab)
    widget.update(prefix="hwo are yuo")
    text = widget.text.value
    assert "Unknown word &#x27;hwo&#x27;: did you mean" in text and "&#x27;how&#x27;" in text
    assert "<br>Unknown word &#x27;yuo&#x27;" in text and "&#x27;you&#x27;" in text
    assert not widget.figure.axes[0].get_visible()
    widget.update(prefix="   ")
    assert "Type one or more words" in widget.text.value
    widget.update(prefix="how are")                            # and back to the bars
    assert widget.figure.axes[0].get_visible() and "how are <b" in widget.text.value
    assert next_word_widget(model, vocab, prefix="xyzzy").text.value.startswith(
        "Unknown word &#x27;xyzzy&#x27;")


def test_unknown_word_message():
    vocab = Vocabulary.of_words(["how are you ?"])
    assert unknown_word_message(vocab, ["how", "are"]) == []
    lines = unknown_word_message(vocab, ["hw", "qqqq", "hw"])
    assert len(lines) == 2 and lines[0].startswith("Unknown word 'hw': did you mean") \
        and "'how'" in lines[0]
    assert lines[1] == "Unknown word 'qqqq': no known word is close."


def test_argument_errors(trained):
    model, vocab = trained
    with pytest.raises(TypeError, match="prefix"):
        next_word_widget(model, vocab, prefix=["how"])
    with pytest.raises(ValueError, match="input_size"):
        next_word_widget(rnnkit.ManyToMany(3, 2, 3), vocab)
    with pytest.raises(TypeError, match="vocab"):
        next_word_widget(model, vocab.tokens)
    with pytest.raises(ValueError, match="temperature"):
        next_word_widget(model, vocab, temperature=3.0)
    with pytest.raises(ValueError, match="steps"):
        next_word_widget(model, vocab, steps=0)
    with pytest.raises(ValueError, match="seed at most 20"):
        next_word_widget(model, vocab, seed=21)
    with pytest.raises(TypeError, match="seed"):
        next_word_widget(model, vocab, seed=None)


def test_update_is_fast(trained):
    model, vocab = trained
    steps = [{"temperature": t} for t in np.linspace(0, 2, 8)] + \
            [{"steps": s} for s in range(1, 9)] + \
            [{"seed": s} for s in range(8)] + \
            [{"prefix": p} for p in ("how", "how are", "how are you", "they are",
                                     "we are", "where are", "hwo", "are you")]
    median = median_redraw_seconds(next_word_widget(model, vocab), steps)
    assert median < 0.1, f"median update took {median * 1000:.0f} ms"
