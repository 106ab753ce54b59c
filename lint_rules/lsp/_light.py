"""The fast lane's cfn-lint ``Template``: built and transformed as cfn-lint builds it, minus two costs only
cfn-lint's own rules need.

``Template(...)`` builds the template's dependency graph, and ``transform()`` builds it a second time (after
merging SAM ``Globals``) and formats the whole template as JSON for an ``info`` log message, built even when
nothing logs it. This plugin's rules read neither; at 200 resources the three are 11 ms of the fast lane's
~85 ms CPU. While ``light()`` is active, cfn-lint's template modules get a graph that is built on first use
(``DeferredGraph``) and a JSON text that is formatted when a log record is written (``DeferredJson``), so
whatever reads them still gets cfn-lint's values. ``realize`` builds a deferred graph for good, before
cfn-lint's own rules run on such a template (the engine's second stage, when it shares the first one's
template): they then see what cfn-lint would have built, or the error it would have raised.

The swap is of two module globals (``Graph`` in ``cfnlint.template.template`` and in
``cfnlint.template.transforms.transform``, ``format_json_string`` in the latter, cfn-lint 1.56 to 1.58);
a name a cfn-lint version lacks is left alone (that cost stays). ``LOCK`` serialises every template built
by the engine, with or without the swap, so a template another thread builds meanwhile (the slow lane's
thread, where no worker process can start) never gets the deferred versions.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

LOGGER = logging.getLogger("cfnlint.template.template")  # where cfn-lint logs a graph it could not build
LOCK = threading.Lock()

_TEMPLATE_MODULE = "cfnlint.template.template"
_TRANSFORM_MODULE = "cfnlint.template.transforms.transform"


class DeferredGraph:
    """cfn-lint's ``Graph`` of a template, built the first time anything reads it.

    ``guarded``: built where cfn-lint catches a failure (``Template.__init__``: the graph is then None),
    not where it lets it through (``transform``)."""

    __slots__ = ("_build", "_cfn", "_graph", "guarded")

    def __init__(self, build: Any, cfn: Any, guarded: bool) -> None:
        self._build = build
        self._cfn = cfn
        self._graph: Any = None
        self.guarded = guarded

    def build(self) -> Any:
        if self._graph is None:
            self._graph = self._build(self._cfn)
        return self._graph

    def __getattr__(self, name: str) -> Any:
        return getattr(self.build(), name)


class DeferredJson:
    """cfn-lint's JSON text of a template, formatted only when a log record that quotes it is written."""

    __slots__ = ("_format", "_value")

    def __init__(self, format_json: Any, value: Any) -> None:
        self._format = format_json
        self._value = value

    def __str__(self) -> str:
        return str(self._format(self._value))


def realize(cfn: Any) -> None:
    """Replace a deferred graph of ``cfn`` by the graph itself: None where cfn-lint's ``Template`` would have
    caught the failure to build it (and logged it as cfn-lint does), the error where ``transform`` would
    have raised it."""
    graph = getattr(cfn, "graph", None)
    if not isinstance(graph, DeferredGraph):
        return
    if not graph.guarded:
        cfn.graph = graph.build()
        return
    try:
        cfn.graph = graph.build()
    except KeyError as error:
        LOGGER.debug("Encountered KeyError error while building graph: %s", error)
        cfn.graph = None
    except Exception as error:  # cfn-lint's Template catches every failure here
        LOGGER.info("Encountered unknown error while building graph: %s", error)
        cfn.graph = None


@contextmanager
def light() -> Iterator[None]:
    """Templates built and transformed meanwhile (under ``LOCK``, held by the caller) defer their graphs and
    the transform's JSON log text."""
    swapped: list[tuple[Any, str, Any]] = []
    try:
        for module_name, name, guarded in ((_TEMPLATE_MODULE, "Graph", True), (_TRANSFORM_MODULE, "Graph", False)):
            module = importlib.import_module(module_name)
            real = getattr(module, name, None)
            if real is None:
                continue
            swapped.append((module, name, real))
            setattr(module, name, _graph_factory(real, guarded))
        transform = importlib.import_module(_TRANSFORM_MODULE)
        real_format = getattr(transform, "format_json_string", None)
        if real_format is not None:
            swapped.append((transform, "format_json_string", real_format))
            transform.format_json_string = lambda value: DeferredJson(real_format, value)  # type: ignore[attr-defined]
        yield
    finally:
        for module, name, real in reversed(swapped):
            setattr(module, name, real)


def _graph_factory(real: Any, guarded: bool) -> Any:
    def deferred(cfn: Any) -> DeferredGraph:
        return DeferredGraph(real, cfn, guarded)

    return deferred
