"""Widget of notebook 03: the topology picker, and the shapes it reads off real models."""

import html

import pytest
from widget_timing import median_redraw_seconds

import rnnkit
from rnnkit.course.widgets import FigureWidget
from rnnkit.course.widgets.topologies import (
    KINDS,
    example_model,
    model_shapes,
    topology_picker_widget,
)
from rnnkit.topologies import TOPOLOGIES

EXPECTED_SHAPES = {
    "one_to_one": ((4, 3), (4, 2)),
    "one_to_many": ((4, 3), (4, 3, 2)),
    "many_to_one": ((4, 6, 3), (4, 2)),
    "many_to_many": ((4, 6, 3), (4, 6, 2)),
    "encoder_decoder": ((4, 6, 3), (4, 3, 2)),
}


def test_kinds_are_the_topology_table():
    # The one table (rnnkit.topologies.TOPOLOGIES) gives the models, the diagrams and the uses.
    assert KINDS == tuple(TOPOLOGIES) == tuple(EXPECTED_SHAPES)
    assert all(TOPOLOGIES[kind].use for kind in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_model_shapes_come_from_a_forward_pass(kind):
    assert model_shapes(kind) == EXPECTED_SHAPES[kind]


def test_model_shapes_follow_the_sizes():
    assert model_shapes("encoder_decoder", N=2, T=9, D=1, H=5, O=4, steps=7) == \
        ((2, 9, 1), (2, 7, 4))
    assert model_shapes("one_to_many", N=1, D=2, O=3, steps=4) == ((1, 2), (1, 4, 3))


@pytest.mark.parametrize("kind, cls", [("one_to_one", rnnkit.OneToOne),
                                       ("one_to_many", rnnkit.OneToMany),
                                       ("many_to_one", rnnkit.ManyToOne),
                                       ("many_to_many", rnnkit.ManyToMany),
                                       ("encoder_decoder", rnnkit.EncoderDecoder)])
def test_example_model_builds_the_rnnkit_class(kind, cls):
    assert isinstance(example_model(kind), cls)
    assert TOPOLOGIES[kind].model is cls


@pytest.mark.parametrize("kwargs, error, match", [
    ({"kind": "two_to_two"}, ValueError, "kind must be one of"),
    ({"kind": "many_to_one", "D": 0}, ValueError, "D"),
    ({"kind": "many_to_one", "H": 2.0}, TypeError, "H"),
    ({"kind": "one_to_many", "steps": 0}, ValueError, "steps"),
    ({"kind": "many_to_one", "N": 0}, ValueError, "N"),
    ({"kind": "many_to_one", "T": -1}, ValueError, "T"),
])
def test_model_shapes_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        model_shapes(**kwargs)


def test_picker_starts_on_many_to_one_with_its_shapes():
    widget = topology_picker_widget()
    assert isinstance(widget, FigureWidget)
    assert widget.values == {"kind": "many_to_one"}
    assert bytes(widget.image.value).startswith(b"\x89PNG")
    assert "<code>(4, 6, 3)</code> &rarr; <code>(4, 2)</code>" in widget.text.value
    assert "Sentiment analysis" in widget.text.value


def test_every_topology_shows_its_own_picture_and_text():
    widget = topology_picker_widget("one_to_one")
    images, texts = set(), set()
    for kind in KINDS:
        widget.update(kind=kind)
        images.add(bytes(widget.image.value))
        texts.add(widget.text.value)
        x_shape, y_shape = EXPECTED_SHAPES[kind]
        assert f"<code>{x_shape}</code> &rarr; <code>{y_shape}</code>" in widget.text.value
        assert TOPOLOGIES[kind].title in widget.text.value
        assert html.escape(TOPOLOGIES[kind].use) in widget.text.value
    assert len(images) == len(texts) == 5


def test_same_length_many_to_many_corrects_the_article():
    widget = topology_picker_widget("many_to_many")
    assert "Tagging" in widget.text.value and "translation" in widget.text.value


def test_picker_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="kind must be one of"):
        topology_picker_widget("many_to_few")


def test_picker_makes_its_artists_once():
    widget = topology_picker_widget()
    children = widget.figure.get_children()
    for kind in KINDS:
        widget.update(kind=kind)
    assert widget.figure.get_children() == children      # one picture, swapped in place


def test_picker_update_is_fast():
    median = median_redraw_seconds(topology_picker_widget(), [{"kind": kind} for kind in KINDS * 4])
    assert median < 0.1, f"median update took {median * 1000:.0f} ms"
