import numpy as np
import pytest
from char_helpers import brief_char_model
from widget_timing import median_redraw_seconds

import rnnkit
from rnnkit import lm
from rnnkit.course.widgets import FigureWidget
from rnnkit.course.widgets.generate_text import (
    generate_text_widget,
    page,
    readable,
    unknown_characters,
)


@pytest.fixture(scope="module")
def model():
    return brief_char_model(H=32)


def shown_text(widget):
    return widget.figure.axes[1].texts[0].get_text()


def test_starting_state_shows_the_odds_and_the_text(model):
    rnn, vocab = model
    widget = generate_text_widget(rnn, vocab)
    assert isinstance(widget, FigureWidget) and "FigureWidget" in repr(widget)
    assert widget.values == {"prime": "The king ", "temperature": 1.0, "seed": 0}
    assert bytes(widget.image.value).startswith(b"\x89PNG")
    new = lm.generate(rnn, vocab, "The king ", 240, 1.0, 0)
    assert shown_text(widget) == page("The king " + new)
    assert widget.text.value == ("240 characters written after the prime &#x27;The king &#x27; "
                                 "(temperature 1.0, seed 0).")


def test_the_bars_follow_the_model_at_the_temperature(model):
    rnn, vocab = model
    widget = generate_text_widget(rnn, vocab, prime="the ")
    bars = widget.figure.axes[0]
    for temperature in (1.0, 0.4, 2.0, 0.0):
        widget.update(temperature=temperature)
        p = lm.next_token_probabilities(rnn, vocab, "the ", temperature)
        order = np.argsort(-p, kind="stable")[:8]
        assert np.allclose([bar.get_width() for bar in bars.patches], p[order])
        names = [text.get_text() for text in bars.texts[:8]]
        assert names == [readable(vocab.tokens[i]) for i in order]
    assert "greedy" in widget.text.value
    assert shown_text(widget) == page("the " + lm.generate(rnn, vocab, "the ", 240, 0))


@pytest.mark.parametrize("control, value", [("prime", "KING"), ("temperature", 0.5),
                                            ("seed", 4)])
def test_every_control_redraws(model, control, value):
    rnn, vocab = model
    widget = generate_text_widget(rnn, vocab)
    before = bytes(widget.image.value)
    widget.update(**{control: value})
    assert widget.values[control] == value
    assert bytes(widget.image.value) != before


def test_unknown_characters_and_an_empty_prime_give_a_message(model):
    rnn, vocab = model
    widget = generate_text_widget(rnn, vocab)
    widget.update(prime="Kin€g ~")
    assert "never seen &#x27;€&#x27;, &#x27;~&#x27;" in widget.text.value
    assert f"only the {len(vocab)} characters" in widget.text.value
    assert not widget.figure.axes[0].patches[0].get_visible()
    widget.update(prime="")
    assert "Type a few characters" in widget.text.value
    widget.update(prime="KING")
    assert widget.figure.axes[0].patches[0].get_visible()
    assert "after the prime &#x27;KING&#x27;" in widget.text.value


def test_helpers():
    assert [readable(c) for c in " \na\t"] == ["space", "newline", "a", "tab"]
    vocab = lm.Vocabulary.of_characters("abc ")
    assert unknown_characters(vocab, "abxcxy") == ["x", "y"]
    assert page("a\n" + "b" * 25, width=10, lines=3) == "a\nbbbbbbbbbb\nbbbbbbb..."
    assert page("one\n\ntwo", width=10) == "one\n\ntwo"


def test_argument_errors(model):
    rnn, vocab = model
    with pytest.raises(TypeError, match="prime"):
        generate_text_widget(rnn, vocab, prime=["R"])
    with pytest.raises(ValueError, match="temperature"):
        generate_text_widget(rnn, vocab, temperature=2.5)
    with pytest.raises(ValueError, match="seed must be at most 20"):
        generate_text_widget(rnn, vocab, seed=21)
    with pytest.raises(ValueError, match="length must be at most 600"):
        generate_text_widget(rnn, vocab, length=601)
    with pytest.raises(ValueError, match="top"):
        generate_text_widget(rnn, vocab, top=0)
    with pytest.raises(TypeError, match="vocab"):
        generate_text_widget(rnn, vocab.tokens)
    with pytest.raises(ValueError, match="input_size = output_size"):
        generate_text_widget(rnnkit.SimpleRNN(3, 2, 4), vocab)


def test_update_is_fast(model):
    rnn, vocab = model
    steps = [{"temperature": t} for t in np.linspace(0, 2, 6)] + \
            [{"seed": s} for s in range(1, 6)] + \
            [{"prime": p} for p in ("KING", "ROMEO:", "First Citizen:\n", "O")]
    median = median_redraw_seconds(generate_text_widget(rnn, vocab), steps)
    assert median < 0.5, f"median update took {median * 1000:.0f} ms"
