"""The course: what the notebooks show, built on the engine (nothing in the engine imports it).

    plots       the course's figures, in one style and a colour-blind-safe palette
    diagrams    the drawings: neurons, unrolled and folded RNNs, the topologies, the LSTM cell
    widgets     the interactive widgets (ipywidgets)
    checks      plain-words checks that never give the answer away
    exercises   the checks of each notebook's exercises, one module per notebook

Each loads on first use (matplotlib and ipywidgets are slow to import).
"""

_MODULES = ("plots", "diagrams", "widgets", "checks", "exercises")


def __getattr__(name):
    if name in _MODULES:
        import importlib
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'rnnkit.course' has no attribute {name!r}")
