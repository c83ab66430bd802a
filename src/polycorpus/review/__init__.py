"""The translators' review: a local web app over an aligned corpus, and the decision log.

    state.py    the beads of a page pair and the edits on them (pure functions)
    store.py    OUT/review.sqlite: the append-only event log, and its replay
    corpus.py   the review applied to corpus rows (load, export, stats read through it)
    service.py  the page-pair index, grid state and actions, without HTTP
    app.py      Starlette routes, Jinja2 templates, the security checks
    shortcuts.py  the actions and their keys, as data
"""
