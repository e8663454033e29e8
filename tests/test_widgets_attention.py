"""rnnkit.course.widgets.attention: what it shows is what rnnkit.seq2seq.translate writes, odd
inputs give a message, and an update is fast."""

import pytest
from widget_timing import median_redraw_seconds

from rnnkit.course.widgets import FigureWidget
from rnnkit.course.widgets.attention import MAX_INPUTS, attention_widget
from rnnkit.lm import Vocabulary
from rnnkit.seq2seq import Seq2Seq, translate

SOURCE = Vocabulary(list("0123456789") + "zero one two three four five six seven eight nine"
                    .split(), "word")
TARGET = Vocabulary(list("^.0123456789"), "character")


@pytest.fixture(scope="module")
def model():
    """An untrained translator: the widget shows whatever it writes, and where it looked."""
    return Seq2Seq(len(SOURCE), len(TARGET), 4, 6, start=TARGET.index("^"), seed=0)


def expected_text(model, text):
    words = text.split()
    written, _ = translate(model, SOURCE, TARGET, words, end=".", max_steps=len(words) + 3)
    return (f"{len(words)} words in, {len(written)} characters written: "
            f"<b>{written}</b>")


def test_starting_state_shows_the_translation(model):
    widget = attention_widget(model, SOURCE, TARGET, text="seven 4 two")
    assert isinstance(widget, FigureWidget) and widget.values == {"text": "seven 4 two"}
    assert bytes(widget.image.value).startswith(b"\x89PNG")
    assert widget.text.value == expected_text(model, "seven 4 two")
    assert "FigureWidget" in repr(widget)


def test_typing_redraws_with_the_new_translation(model):
    widget = attention_widget(model, SOURCE, TARGET, text="seven 4 two")
    before = bytes(widget.image.value)
    widget.update(text="1 2 three four 5")
    assert bytes(widget.image.value) != before
    assert widget.text.value == expected_text(model, "1 2 three four 5")
    widget.update(text="Seven  4")                         # tokenized: case and spaces
    assert widget.text.value == expected_text(model, "seven 4")


@pytest.mark.parametrize("text, message", [
    ("", "Type a number, one word per digit"),
    ("sevn 4", "did you mean"),
    (" ".join(["1"] * (MAX_INPUTS + 1)), f"at most {MAX_INPUTS} fit"),
])
def test_odd_inputs_give_a_message_not_an_error(model, text, message):
    widget = attention_widget(model, SOURCE, TARGET, text="seven")
    widget.update(text=text)
    assert message in widget.text.value.replace("&#x27;", "'")


def test_update_is_fast(model):
    texts = ["1 2 3", "seven eight", "nine 4 4 zero one", "2", "five six seven eight 9 0",
             "three 3 three"]
    median = median_redraw_seconds(attention_widget(model, SOURCE, TARGET),
                                   [{"text": t} for t in texts])
    assert median < 0.1, f"median update took {median * 1000:.0f} ms"


def test_bad_arguments_raise(model):
    with pytest.raises(TypeError, match="model must be an rnnkit.seq2seq.Seq2Seq with "
                                        "attention=True"):
        attention_widget(Seq2Seq(20, 12, 2, 2, attention=False), SOURCE, TARGET)
    with pytest.raises(TypeError, match="text must be a str"):
        attention_widget(model, SOURCE, TARGET, text=["seven"])
    with pytest.raises(KeyError, match="unknown character '!'"):
        attention_widget(model, SOURCE, TARGET, end="!")
    widget = attention_widget(model, SOURCE, TARGET)
    with pytest.raises(ValueError, match="unknown control 'words'"):
        widget.update(words="1")
