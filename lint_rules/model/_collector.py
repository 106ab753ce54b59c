"""Keep Python's cyclic garbage collector to the objects the plugin's own work creates.

A full collection scans every tracked object, and on a large template most of them are cfn-lint's
(the decoded template, its graph, its schemas), which live for the whole run. The model and the
verdicts allocate many small objects, which trigger collections; each one then scanned the whole
heap, so the plugin's time per resource grew with the template (issue 22 item 3). ``young_only``
moves what exists before the work into the permanent generation (``gc.freeze``, O(1)) and back after
it (``gc.unfreeze``, O(1)): collections during the work scan only what it created, and nothing is
kept alive by it afterwards (all is collectable again once unfrozen).

When the host has frozen objects itself (the language server freezes its warm rules and schemas for
good), nothing is done: unfreezing would undo the host's freeze, and what it froze is the bulk anyway.
Nested uses are no-ops too, for the same reason.

``gc.get_freeze_count`` walks the whole permanent generation (O(frozen objects), 16 ms per call in a
warm language server), so it is asked only at the outermost use and only when no host has said it
froze: a host that freezes for good calls ``host_frozen(True)`` (the language server's engine, the
fast lane's parallel parent before it forks), and nesting is a counter, never a walk.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_state = {"host_frozen": False, "depth": 0}


def host_frozen(frozen: bool) -> None:
    """Say that the host has frozen (True) or unfrozen (False) its own objects, so ``young_only`` need
    not walk the permanent generation to find out."""
    _state["host_frozen"] = frozen


@contextmanager
def young_only() -> Iterator[None]:
    if _state["depth"] or _state["host_frozen"] or not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    gc.freeze()
    _state["depth"] = 1
    try:
        yield
    finally:
        _state["depth"] = 0
        gc.unfreeze()
