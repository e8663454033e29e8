"""rnnkit.course.widgets itself: render and freeze, the helpers every widget draws with."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnnkit.course.widgets import freeze, on_first_draw, render


def test_freeze_keeps_the_picture_and_redraws_only_the_dynamic_artists():
    fig = Figure(figsize=(3, 2), dpi=50)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    line, = ax.plot([0, 1], [1, 0])
    ax.set_xlabel("static label")
    before = render(fig)
    image = freeze(fig, [line])
    assert image in fig.images and not ax.xaxis.get_visible() and line.get_visible()
    assert np.array_equal(render(fig), before)      # looks exactly the same
    line.set_ydata([0.5, 0.5])
    assert not np.array_equal(render(fig), before)  # and the dynamic line still moves


def test_render_and_freeze_need_a_figure():
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        render("figure")
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        freeze(None, [])


def test_on_first_draw_makes_the_figure_object_once():
    made = []

    def make(fig):
        made.append(fig)
        return object()

    figure = on_first_draw(make)
    fig = Figure()
    first = figure(fig)
    assert figure(fig) is first and made == [fig]
