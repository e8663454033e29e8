"""A Sphinx extension for the course's book: no live code on the pages, so no thebe.

Jupyter Book 1 always loads sphinx-thebe, which declares its JavaScript settings twice on
every page with Sphinx 7 (a console error, "THEBE_JS_URL has already been declared") and
points them at a CDN. The book's launch buttons open Binder and Colab instead, so its
handlers are taken out once every extension is set up.
"""


def _drop_thebe(app):
    for event in ("env-before-read-docs", "doctree-resolved"):
        listeners = app.events.listeners.get(event, [])
        listeners[:] = [listener for listener in listeners
                        if not listener.handler.__module__.startswith("sphinx_thebe")]


def setup(app):
    app.connect("builder-inited", _drop_thebe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
