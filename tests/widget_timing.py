"""How fast a widget redraws, from the times FigureWidget records itself (widget.seconds).

Used by the tests/test_widgets_*.py files; tools/bench.py reads the same record.
"""

import statistics


def median_redraw_seconds(widget, updates, rounds=3):
    """Warm up with the first update, then apply every update in turn; return the
    median redraw time in seconds. An update that changes nothing redraws nothing
    and so does not count. Best of ``rounds`` rounds, since the machine is shared;
    a round that is already fast enough (under 0.1 s) ends the measurement."""
    widget.update(**updates[0])
    medians = []
    for _ in range(rounds):
        widget.seconds.clear()
        for values in updates:
            widget.update(**values)
        assert widget.seconds, "no update changed the widget: nothing was measured"
        medians.append(statistics.median(widget.seconds))
        if medians[-1] < 0.1:
            break
    return min(medians)
