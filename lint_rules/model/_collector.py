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
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def young_only() -> Iterator[None]:
    if not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
