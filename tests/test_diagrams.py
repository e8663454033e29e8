import matplotlib

matplotlib.use("Agg")

import statistics
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import same_color
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrow, FancyArrowPatch, FancyBboxPatch, PathPatch

from rnnkit.course import diagrams
from rnnkit.course.diagrams import ROLE_COLORS, forest
from rnnkit.topologies import TOPOLOGIES


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(ax):
    """Every label drawn on ax (the diagrams draw text as outlines that keep the text as label)."""
    return [patch.get_label() for patch in ax.patches if isinstance(patch, PathPatch)]


def boxes(ax):
    """The boxes by name: {"x_1": patch, "h_0": patch, ...}."""
    return {patch.get_gid(): patch for patch in ax.patches if isinstance(patch, FancyBboxPatch)}


def arrow_ends(arrow):
    """Start and end of a straight arrow drawn along x or along y."""
    xy = arrow.get_xy()
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    if x1 - x0 > y1 - y0:                                  # horizontal
        return [(x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)]
    return [((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)]


def on_an_edge(point, box):
    x, y = point
    left, bottom = box.get_x(), box.get_y()
    right, top = left + box.get_width(), bottom + box.get_height()
    inside_x, inside_y = left - 1e-9 <= x <= right + 1e-9, bottom - 1e-9 <= y <= top + 1e-9
    return (inside_y and min(abs(x - left), abs(x - right)) < 1e-9) or \
           (inside_x and min(abs(y - bottom), abs(y - top)) < 1e-9)


def assert_arrows_join_boxes(ax):
    arrows = [patch for patch in ax.patches if isinstance(patch, FancyArrow)]
    assert arrows
    for arrow in arrows:
        for end in arrow_ends(arrow):
            assert any(on_an_edge(end, box) for box in boxes(ax).values()), end


def assert_diagram_axes(ax):
    assert not ax.axison
    assert ax.get_aspect() == 1.0


# ---------------------------------------------------------------- unrolled

def test_unrolled_has_one_column_per_time_step():
    ax = diagrams.unrolled(T=4)
    assert_diagram_axes(ax)
    assert sorted(boxes(ax)) == sorted(["h_0"] + [f"{role}_{t}" for role in "xhy"
                                                  for t in range(1, 5)])
    labels = texts(ax)
    for t in range(1, 5):
        assert {f"$x_{{{t}}}$", f"$h_{{{t}}}$", f"$y_{{{t}}}$"} <= set(labels)
    assert "$h_0$" in labels
    assert [labels.count(w) for w in ("$W_{xh}$", "$W_{hh}$", "$W_{oh}$")] == [4, 4, 4]
    assert len([p for p in ax.patches if isinstance(p, FancyArrow)]) == 3 * 4
    assert "T = 4" in ax.get_title()
    h = boxes(ax)
    assert h["h_1"].get_x() < h["h_2"].get_x() < h["h_3"].get_x() < h["h_4"].get_x()
    assert h["x_2"].get_y() < h["h_2"].get_y() < h["y_2"].get_y()


def test_unrolled_arrows_start_and_end_on_box_edges():
    assert_arrows_join_boxes(diagrams.unrolled(T=3))


def test_unrolled_highlight_colours_one_column():
    ax = diagrams.unrolled(T=4, highlight=3)
    for name, box in boxes(ax).items():
        full = same_color(box.get_facecolor(), ROLE_COLORS[name[0]])
        assert full == (name in ("x_3", "h_3", "y_3")), name
    white = [patch.get_label() for patch in ax.patches
             if isinstance(patch, PathPatch) and same_color(patch.get_facecolor(), "white")]
    assert sorted(white) == ["$h_{3}$", "$x_{3}$", "$y_{3}$"]


def test_unrolled_words_replace_the_inputs_and_weights_can_be_hidden():
    fig, given = plt.subplots()
    ax = diagrams.unrolled(3, ax=given, labels=["how", "are", "you"], show_weights=False)
    assert ax is given
    labels = texts(ax)
    assert {"how", "are", "you"} <= set(labels)
    assert not [label for label in labels if label.startswith("$x") or label.startswith("$W")]


def test_unrolled_shrinks_long_words_to_fit_their_box():
    ax = diagrams.unrolled(2, labels=["hi", "extraordinarily"])
    extent = {patch.get_label(): patch.get_window_extent() for patch in ax.patches
              if isinstance(patch, PathPatch)}
    box = boxes(ax)["x_2"].get_window_extent()
    assert extent["extraordinarily"].width < box.width
    assert extent["extraordinarily"].height < extent["hi"].height


def test_unrolled_draws_fast_enough_for_a_slider():
    fig = Figure(figsize=(8, 4.5))
    diagrams.unrolled(T=8, highlight=3, ax=fig.add_subplot())   # the first call typesets the labels
    seconds = []
    for _ in range(5):                                 # a slider redraws on the same figure
        fig.clear()
        ax = fig.add_subplot()
        start = time.perf_counter()
        diagrams.unrolled(T=8, highlight=3, ax=ax)
        seconds.append(time.perf_counter() - start)
    assert statistics.median(seconds) < 0.1


def test_unrolled_draws_on_a_figure_without_pyplot():
    fig = Figure(figsize=(8, 4.5), dpi=80)                 # as the widgets do
    ax = diagrams.unrolled(T=5, ax=fig.add_subplot(), highlight=5)
    fig.canvas.draw()
    assert len(boxes(ax)) == 16


@pytest.mark.parametrize("kwargs, error, match", [
    ({"T": 0}, ValueError, "T must be a whole number >= 1"),
    ({"T": 2.5}, TypeError, "T must be a whole number"),
    ({"T": 4, "highlight": 5}, ValueError, "highlight must be a time step from 1 to T = 4"),
    ({"T": 4, "highlight": 0}, ValueError, "highlight must be a whole number >= 1"),
    ({"T": 3, "labels": ["how", "are"]}, ValueError,
     r"labels must give one label per time step \(T = 3\)"),
    ({"T": 3, "labels": 3}, TypeError, "labels must be a list"),
    ({"ax": "left"}, TypeError, "ax must be a matplotlib Axes"),
])
def test_unrolled_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        diagrams.unrolled(**kwargs)


# ---------------------------------------------------------------- folded

def test_folded_has_a_self_loop_on_h():
    ax = diagrams.folded()
    assert_diagram_axes(ax)
    assert sorted(boxes(ax)) == ["h_t", "x_t", "y_t"]
    assert {"$x_t$", "$h_t$", "$y_t$", "$W_{xh}$", "$W_{hh}$", "$W_{oh}$"} == set(texts(ax))
    assert_arrows_join_boxes(ax)
    assert len([patch for patch in ax.patches if isinstance(patch, FancyArrowPatch)]) == 1


# ---------------------------------------------------------------- feedforward

def test_feedforward_draws_every_neuron_and_connection():
    ax = diagrams.feedforward()
    assert_diagram_axes(ax)
    assert len([p for p in ax.patches if isinstance(p, Circle)]) == 3 + 4 + 4 + 2
    (lines,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(lines.get_segments()) == 3 * 4 + 4 * 4 + 4 * 2
    assert {"input", "hidden 1", "hidden 2", "output", "$x_{1}$", "$y_{2}$"} <= set(texts(ax))
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert same_color(circles[0].get_edgecolor(), ROLE_COLORS["x"])
    assert same_color(circles[-1].get_edgecolor(), ROLE_COLORS["y"])


def test_feedforward_with_names():
    ax = diagrams.feedforward([2, 1], layer_names=["x", "y"])
    assert {"x", "y"} <= set(texts(ax))
    assert len([p for p in ax.patches if isinstance(p, Circle)]) == 3


@pytest.mark.parametrize("kwargs, error, match", [
    ({"layer_sizes": [3]}, ValueError, "layer_sizes must have at least 2 layers"),
    ({"layer_sizes": [3, 0]}, ValueError, r"layer_sizes\[1\] must be a whole number >= 1"),
    ({"layer_sizes": [3, 2.5]}, TypeError, r"layer_sizes\[1\] must be a whole number"),
    ({"layer_sizes": "34"}, TypeError, "layer_sizes must be a list of whole numbers"),
    ({"layer_sizes": 5}, TypeError, "layer_sizes must be a list of whole numbers"),
    ({"layer_names": ["in", "out"]}, ValueError,
     r"layer_names must give one label per time step \(T = 4\)"),
])
def test_feedforward_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        diagrams.feedforward(**kwargs)


# ---------------------------------------------------------------- topologies

EXPECTED = {            # the boxes each topology has, by step
    "one_to_one": {"x_1", "h_1", "y_1"},
    "one_to_many": {"x_1", "h_1", "h_2", "h_3", "y_1", "y_2", "y_3"},
    "many_to_one": {"x_1", "x_2", "x_3", "h_1", "h_2", "h_3", "y_3"},
    "many_to_many": {"x_1", "x_2", "x_3", "h_1", "h_2", "h_3", "y_1", "y_2", "y_3"},
    "encoder_decoder": {"x_1", "x_2", "x_3", "h_1", "h_2", "h_3", "h_4", "h_5", "y_4", "y_5"},
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_topology_draws_boxes_only_where_there_are_inputs_and_outputs(kind):
    ax = diagrams.topology(kind)
    assert_diagram_axes(ax)
    assert set(boxes(ax)) == EXPECTED[kind]
    info = TOPOLOGIES[kind]
    assert ax.get_title() == info.title
    shapes = f"{info.input_shape} \u2192 {info.output_shape}"
    assert {info.example, shapes} <= set(texts(ax))
    assert_arrows_join_boxes(ax)


def test_topology_names_single_inputs_without_a_subscript():
    assert {"$x$", "$y_{1}$"} <= set(texts(diagrams.topology("one_to_many")))
    assert {"encoder", "decoder"} <= set(texts(diagrams.topology("encoder_decoder")))


def test_topology_rejects_an_unknown_kind():
    with pytest.raises(ValueError,
                       match="kind must be one of 'one_to_one', 'one_to_many'.*got 'two_to_two'"):
        diagrams.topology("two_to_two")


def test_all_topologies_side_by_side():
    fig = diagrams.all_topologies()
    assert isinstance(fig, matplotlib.figure.Figure)
    assert [ax.get_title() for ax in fig.axes] == [info.title for info in TOPOLOGIES.values()]
    widths = [ax.get_position().width for ax in fig.axes]
    assert widths[-1] == max(widths)                       # the encoder-decoder has the most steps
    assert np.isclose(widths[1], widths[3])


# ---------------------------------------------------------------- forest

def _line_collections(ax):
    return [c for c in ax.collections if isinstance(c, LineCollection)]


@pytest.mark.parametrize("T", [1, 3, 5])
def test_forest_draws_one_net_per_step(T):
    ax = forest(T, connected=True, ax=Figure().add_subplot())
    forward, *chain = _line_collections(ax)
    # each net: 2 x 3 input-to-hidden and 3 x 1 hidden-to-output connections
    assert len(forward.get_segments()) == T * (2 * 3 + 3 * 1)
    if T > 1:
        assert len(chain) == 1 and len(chain[0].get_segments()) == (T - 1) * 3 * 3
    else:
        assert chain == []
    assert [t.get_text() for t in ax.texts if t.get_text().startswith("step")] == \
        [f"step {t}" for t in range(1, T + 1)]


def test_forest_without_chain_has_no_recurrent_connections():
    ax = forest(3, connected=False, ax=Figure().add_subplot())
    assert len(_line_collections(ax)) == 1
    assert "no memory" in ax.get_title()
    assert "recurrent" in forest(3, True, ax=Figure().add_subplot()).get_title()


def test_forest_makes_its_own_figure_and_takes_layer_sizes():
    ax = forest(2, layer_sizes=(1, 4, 2))
    forward, chain = _line_collections(ax)
    assert len(forward.get_segments()) == 2 * (1 * 4 + 4 * 2)
    assert len(chain.get_segments()) == 4 * 4


@pytest.mark.parametrize("kwargs, error, match", [
    ({"T": 0}, ValueError, "T"),
    ({"T": 6}, ValueError, "T must be a whole number from 1 to 5"),
    ({"T": 2.5}, TypeError, "T"),
    ({"connected": "yes"}, TypeError, "connected"),
    ({"layer_sizes": (2, 3)}, ValueError, "layer_sizes"),
    ({"layer_sizes": "abc"}, ValueError, "layer_sizes"),
    ({"layer_sizes": (2, 0, 1)}, ValueError, r"layer_sizes\[1\]"),
    ({"layer_sizes": (2, 9, 1)}, ValueError, "at most 5"),
])
def test_forest_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        forest(ax=Figure().add_subplot(), **kwargs)


# ---------------------------------------------------------------- lstm_cell

def test_lstm_cell_names_every_gate():
    ax = diagrams.lstm_cell()
    assert_diagram_axes(ax)
    assert ax.get_title() == "Inside an LSTM cell"
    labels = set(texts(ax))
    assert {"forget gate", "input gate", "candidate", "output gate"} <= labels
    assert {"$f_t$", "$i_t$", "$g_t$", "$o_t$", "$c_{t-1}$", "$c_t$", "$x_t$", "$h_{t-1}$",
            "$h_t$", r"$\odot$", "$+$", r"$\tanh$"} <= labels
    assert any("carousel" in label for label in labels)
    assert {"f_t", "i_t", "g_t", "o_t", "x_t", "h_prev", "h_t", "h_out"} <= set(boxes(ax))


@pytest.mark.parametrize("cell, title", [(diagrams.lstm_cell, "Inside an LSTM cell"),
                                         (diagrams.gru_cell, "Inside a GRU cell")])
def test_a_gated_cell_draws_on_a_given_axes_without_warnings(cell, title):
    fig = Figure(figsize=(8, 4.5))
    given = fig.add_subplot()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = cell(ax=given)
        fig.canvas.draw()
        cell().figure.canvas.draw()
    assert ax is given
    assert ax.get_title() == title


@pytest.mark.parametrize("cell", [diagrams.lstm_cell, diagrams.gru_cell])
def test_a_gated_cell_rejects_a_bad_axes(cell):
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        cell(ax="left")


# ---------------------------------------------------------------- gru_cell

def test_gru_cell_names_every_gate():
    ax = diagrams.gru_cell()
    assert_diagram_axes(ax)
    assert ax.get_title() == "Inside a GRU cell"
    labels = set(texts(ax))
    assert {"update gate", "reset gate", "candidate"} <= labels
    assert {"$z_t$", "$r_t$", "$1-z_t$", r"$\tilde h_t$", "$x_t$", "$h_{t-1}$", "$h_t$",
            r"$\odot$", "$+$", "$1-$"} <= labels
    assert any("reads $h_{t-1}$" in label for label in labels)    # what the reset gate scales
    assert {"z_t", "r_t", "h_tilde_t", "x_t", "h_prev", "h_t", "h_out", "cell"} <= set(boxes(ax))
    assert "forget gate" not in labels and "$c_t$" not in labels  # one state, no cell state


# ---------------------------------------------------------------- decoder_feedback

@pytest.mark.parametrize("teacher", [True, False])
def test_decoder_feedback_shows_what_each_step_reads(teacher):
    ax = diagrams.decoder_feedback(teacher, steps=3)
    assert_diagram_axes(ax)
    assert {"u_1", "u_2", "u_3", "h_1", "h_2", "h_3", "y_1", "y_2", "y_3"} == set(boxes(ax))
    labels = set(texts(ax))
    assert {"$c$, $0$", "start"} <= labels
    fed_back = [p for p in ax.patches if (p.get_gid() or "").startswith("feedback_")]
    if teacher:
        assert ax.get_title() == "Training: teacher forcing"
        assert {"$c$, true $y_{1}$", "$c$, true $y_{2}$", "from the data"} <= labels
        assert not fed_back
    else:
        assert "own outputs" in ax.get_title()
        assert {"$c$, own $y_{1}$", "$c$, own $y_{2}$"} <= labels
        assert sorted(p.get_gid() for p in fed_back) == ["feedback_2", "feedback_3"]


def test_decoder_feedback_draws_on_a_given_axes_without_warnings():
    fig = Figure(figsize=(6, 3))
    given = fig.add_subplot()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = diagrams.decoder_feedback(False, steps=1, ax=given)
        fig.canvas.draw()
    assert ax is given and set(boxes(ax)) == {"u_1", "h_1", "y_1"}


@pytest.mark.parametrize("kwargs, error, match", [
    ({"teacher": "yes"}, TypeError, "teacher must be True"),
    ({"steps": 0}, ValueError, "steps"),
    ({"steps": 5}, ValueError, "steps must be a whole number from 1 to 4"),
    ({"steps": 2.5}, TypeError, "steps"),
    ({"ax": "left"}, TypeError, "ax must be a matplotlib Axes"),
])
def test_decoder_feedback_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        diagrams.decoder_feedback(**kwargs)


def test_attention_decoder_draws_the_inputs_both_ways_and_the_weights_as_widths():
    ax = diagrams.attention_decoder(["sieben", "4", "zwei"], step=3,
                                    weights=[0.2, 0.0, 0.8])
    assert_diagram_axes(ax)
    assert set(boxes(ax)) == {"x_1", "x_2", "x_3", "h_1", "h_2", "h_3", "c", "s_prev", "s", "y"}
    assert {"sieben", "zwei", "$c_t$", "$s_{t-1}$", "query"} <= set(texts(ax))
    assert ax.get_title() == "Output step t = 3 looks back at every input"
    widths = [line.get_linewidth() for line in ax.lines]
    assert widths == pytest.approx([0.5 + 8 * 0.2, 0.5, 0.5 + 8 * 0.8])
    arrows = [p for p in ax.patches if isinstance(p, FancyArrow)]
    assert len(arrows) == 3 + 2 * 2 + 4                  # x->h, both ways between, decoder


def test_attention_decoder_draws_on_a_given_axes_without_warnings():
    fig = Figure(figsize=(6, 4))
    given = fig.add_subplot()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = diagrams.attention_decoder(["7"], step=1, ax=given)
        fig.canvas.draw()
    assert ax is given and {"x_1", "h_1", "c"} <= set(boxes(ax))


@pytest.mark.parametrize("kwargs, error, match", [
    ({"inputs": "sieben 4"}, TypeError, "inputs must be a list of tokens"),
    ({"inputs": list("abcdefg")}, ValueError, "inputs must hold 1 to 6 tokens"),
    ({"inputs": []}, ValueError, "inputs must hold 1 to 6 tokens"),
    ({"step": 0}, ValueError, "step"),
    ({"weights": [0.5, 0.5]}, ValueError, "weights must be 4 numbers >= 0 summing to 1"),
    ({"weights": [0.5, 0.6, 0.0, -0.1]}, ValueError, "weights must be 4 numbers"),
])
def test_attention_decoder_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        diagrams.attention_decoder(**kwargs)
