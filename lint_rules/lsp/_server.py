"""The language server: diagnostics as you type, a function's access on hover, suppression as a code action.

Linting runs in two lanes, so typing never waits for cfn-lint's own rules. The fast lane, one worker
thread, decodes the text and runs this plugin's rules (tens of milliseconds); the slow lane, one worker
*process* (its own interpreter, so it never holds the fast lane's GIL), runs cfn-lint's own rules on the
same text. Each document carries a generation counter: a run publishes only while its generation and
document version are still the newest, so results (and ranges) computed for older text never reach the
editor. A new edit cancels the document's pending work: a slow-lane job that has not started is never
sent to the worker, and one that is running is not waited for by the next fast stage (its result is
dropped). Hover answers from the model the fast lane built for the current text, without waiting.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition

from lint_rules.lsp._engine import OPTIONS_NAMES, RC_NAMES, Engine, Finding, Prepared, StageResult, is_template
from lint_rules.lsp._fixes import (
    AUTH_TYPE_TITLE,
    RENAME_KEY_TITLE,
    SOURCE_ACCOUNT_TITLE,
    auth_type_edit,
    rename_key_edit,
    source_account_edit,
)
from lint_rules.lsp._suppress import suppress_edit

LOGGER = logging.getLogger(__name__)
NAME = "cfn-lint-lambda-auth-lsp"
SOURCE = "cfn-lint"  # cfn-lint's own findings and parse errors
PLUGIN_SOURCE = "cfn-lint-lambda-auth"  # this plugin's, so editors can filter them
DEFAULT_DEBOUNCE = 0.2  # seconds after the last change before linting
_SEVERITY = {
    "E": types.DiagnosticSeverity.Error,
    "W": types.DiagnosticSeverity.Warning,
    "I": types.DiagnosticSeverity.Information,
}
_T = TypeVar("_T")
_SETTINGS_FILES = (*RC_NAMES, *OPTIONS_NAMES)  # a change to one re-lints every open document
SETTINGS_SECTION = "cfn-lint-lambda-auth"  # workspace/didChangeConfiguration: {"cfn-lint-lambda-auth": {...}} or {...}


@dataclass
class _Published:
    """What was last published for a document: the findings, the text and version they were computed on."""

    version: int | None
    lines: list[str]
    findings: list[Finding]


@dataclass
class _DocumentState:
    generation: int = 0
    task: asyncio.Task[None] | None = None
    published: _Published | None = None
    prepared: tuple[int | None, Prepared] | None = None  # the fast lane's template and model, and its version


@dataclass
class _Options:
    only_plugin_rules: bool = False
    debounce: float = DEFAULT_DEBOUNCE


# The slow lane's worker process: its own Engine, built once at start and kept warm.
_WORKER_ENGINE: Engine | None = None


def _worker_engine() -> Engine:
    global _WORKER_ENGINE  # one per worker process, by design
    if _WORKER_ENGINE is None:
        _WORKER_ENGINE = Engine()
    return _WORKER_ENGINE


def _worker_warm_up() -> None:
    _worker_engine().warm_up()


def _worker_cfn_lint_stage(text: str, path: Path | None) -> StageResult | None:
    """cfn-lint's own rules on ``text``, in the worker process (None: nothing to lint there).

    The fast lane has already logged what ``prepare`` says (a broken ``.cfnlintrc``, an unreadable
    project file), so only the stage's own logs come back.
    """
    engine = _worker_engine()
    prepared = engine.prepare(text, path)
    if not isinstance(prepared, Prepared):
        return None
    return engine.cfn_lint_stage(prepared)


class _SlowLane:
    """One worker process for cfn-lint's own rules, one job in it at a time.

    A job waits for the lane (an ``asyncio.Lock``, first come first served) before it is sent to the
    worker, so a job cancelled while waiting, because its document changed again, is never run. A running
    job cannot be interrupted: its caller stops waiting for it at once (cancellation), but the lane stays
    taken until the worker is free, so the next job starts on an idle worker instead of queueing behind
    work already known to be stale. While the fast lane runs, the worker process is stopped (``paused``), so
    that on a busy machine the fast lane's tens of milliseconds do not share the CPU with cfn-lint's
    seconds; it continues as soon as the fast lane is done. (A lower priority for the worker, ``os.nice``
    10, starved it instead: on a machine loaded by other processes cfn-lint's full set of a 200-resource
    template arrived after 41 s instead of 6 s.) If the worker cannot start or dies, the lane falls back
    to a thread, which is never paused.
    """

    def __init__(self, log: Callable[[str], None]) -> None:
        self._log = log
        self._executor: Executor | None = None
        self._lock: asyncio.Lock | None = None
        self._paused = 0  # fast-lane runs under way (from the event loop only)
        self._stopped: int | None = None  # the worker process stopped by ``paused``

    def _pool(self) -> Executor:
        if self._executor is None:
            try:
                self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            except (OSError, ValueError) as error:  # no processes here (a sandbox): the same work in a thread
                self._log(f"{NAME}: cfn-lint's rules run in a thread, no worker process: {error!r}")
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cfn-lint-rules")
        return self._executor

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """The worker process stopped (SIGSTOP) for the duration, continued (SIGCONT) after the last of
        nested uses; nothing where there is no such process or signal."""
        self._paused += 1
        if self._paused == 1:
            self._stop()
        try:
            yield
        finally:
            self._paused -= 1
            if self._paused == 0:
                self._continue()

    def _continue(self) -> None:
        if self._stopped is not None:
            with contextlib.suppress(OSError):  # the worker has exited meanwhile
                os.kill(self._stopped, signal.SIGCONT)
            self._stopped = None

    def _stop(self) -> None:
        stop = getattr(signal, "SIGSTOP", None)
        # (ProcessPoolExecutor keeps its worker processes by pid; not in the thread fallback)
        processes = getattr(self._executor, "_processes", None)
        if stop is None or not isinstance(processes, dict) or len(processes) != 1:
            return
        (pid,) = processes
        with contextlib.suppress(OSError):
            os.kill(pid, stop)
            self._stopped = pid

    def warm_up(self) -> None:
        self._pool().submit(_worker_warm_up)

    async def run(self, text: str, path: Path | None) -> StageResult | None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            try:
                future = asyncio.wrap_future(self._pool().submit(_worker_cfn_lint_stage, text, path))
            except (BrokenProcessPool, RuntimeError) as error:  # a dead worker: a new one for the next job
                self._restart(error)
                return None
            try:
                return await asyncio.shield(future)
            except asyncio.CancelledError:
                await asyncio.wait([future])  # keep the lane until the worker is free (see the class text)
                raise
            except BrokenProcessPool as error:
                self._restart(error)
                return None

    def _restart(self, error: BaseException) -> None:
        self._log(f"{NAME}: cfn-lint's worker process stopped ({error!r}); starting a new one")
        self._continue()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    def shutdown(self) -> None:
        self._continue()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)


class _Collections:
    """Python's cyclic garbage collector held off from the start of a fast-lane run until a moment when
    nothing waits: the next edit's debounce wait, the end of the document's linting, or its closing.

    A 200-resource template decodes and models into a few hundred thousand objects; collections
    triggered by them landed inside the fast lane (decode p90 3-4x its median, 150-280 ms runs where the
    work is 60 ms), and a collection right after the run would land in the hover asked next. The
    objects are no garbage while their document version is current, so the collection is only
    postponed: ``release`` collects everything once and lets the collector run again. Reference counting
    frees non-cyclic garbage meanwhile, as always.
    """

    def __init__(self) -> None:
        self._held = False
        self._enabled = True  # whether the collector was on before it was held (a host may keep it off)

    def hold(self) -> None:
        if not self._held:
            self._held = True
            self._enabled = gc.isenabled()
            gc.disable()

    @property
    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        """One full collection, then the collector as it was."""
        if self._held:
            self._held = False
            gc.collect()
            if self._enabled:
                gc.enable()


@dataclass
class _State:
    engine: Engine = field(default_factory=Engine)
    executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="cfn-lint-lambda-auth")
    )
    documents: dict[str, _DocumentState] = field(default_factory=dict)
    options: _Options = field(default_factory=_Options)
    collections: _Collections = field(default_factory=_Collections)


def build_server(debounce: float = DEFAULT_DEBOUNCE) -> LanguageServer:
    """A server with every feature registered; ``start_io`` or ``start_tcp`` runs it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        server_version = version("cfn-lint-lambda-auth")
    except PackageNotFoundError:
        server_version = "0"
    server = LanguageServer(NAME, server_version)
    state = _State(options=_Options(debounce=debounce))
    slow_lane = _SlowLane(lambda message: log(message))

    async def in_worker(function: Callable[..., _T], *args: Any) -> _T:
        return await asyncio.get_running_loop().run_in_executor(state.executor, function, *args)

    def log(message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        server.window_log_message(types.LogMessageParams(type=kind, message=message))

    def publish(uri: str, version: int | None, lines: list[str], findings: list[Finding]) -> None:
        codec = server.workspace.position_codec
        diagnostics = [_diagnostic(codec, lines, finding) for finding in findings]
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )
        state.documents.setdefault(uri, _DocumentState()).published = _Published(version, lines, findings)

    def current(uri: str, generation: int, version: int | None) -> bool:
        document_state = state.documents.get(uri)
        if document_state is None or document_state.generation != generation:
            return False
        document = server.workspace.text_documents.get(uri)
        return document is not None and document.version == version

    def held_prepare(text: str, path: Path | None) -> Prepared | StageResult | None:
        state.collections.hold()  # (hold and release both run in the fast lane's one thread, in order)
        return state.engine.prepare(text, path)

    async def release_collections() -> None:
        if state.collections.held:
            await in_worker(state.collections.release)

    async def lint(uri: str, generation: int, version: int | None, text: str, delay: float) -> None:
        if delay:  # the collection postponed by an earlier run happens in this wait, not in the run
            loop = asyncio.get_running_loop()
            started = loop.time()
            await release_collections()
            await asyncio.sleep(max(0.0, delay - (loop.time() - started)))
        await fast_then_full(uri, generation, version, text)
        # (not reached when a newer edit cancelled this run: that edit's wait collects)
        if current(uri, generation, version):
            await release_collections()

    async def fast_then_full(uri: str, generation: int, version: int | None, text: str) -> None:
        path = _path_of(uri)
        lines = text.splitlines(True)
        with slow_lane.paused():
            prepared = await in_worker(held_prepare, text, path)
        if prepared is not None:  # logged even when stale: a broken .cfnlintrc is reported once
            _log_all(log, prepared.logs)
        if not current(uri, generation, version):
            return
        if prepared is None:  # not a template (or an ignored one): nothing to say about it
            publish(uri, version, lines, [])
            return
        if isinstance(prepared, StageResult):  # it does not parse: cfn-lint's parse error only
            publish(uri, version, lines, prepared.findings)
            return
        with slow_lane.paused():
            first = await in_worker(state.engine.plugin_stage, prepared)
        if not current(uri, generation, version):
            return
        _log_all(log, first.logs)
        publish(uri, version, lines, first.findings)
        state.documents[uri].prepared = (version, prepared)
        only = prepared.options.only_plugin_rules  # the project's file, where it says; else the editor's setting
        if only if only is not None else state.options.only_plugin_rules:
            return
        second = await slow_lane.run(text, path)
        if second is None or not current(uri, generation, version):
            return
        _log_all(log, second.logs)
        publish(uri, version, lines, _merged(first.findings, second.findings))

    def schedule(uri: str, delay: float) -> None:
        document = server.workspace.text_documents.get(uri)
        if document is None:
            return
        document_state = state.documents.setdefault(uri, _DocumentState())
        document_state.generation += 1
        if document_state.task is not None:
            document_state.task.cancel()
        task = asyncio.ensure_future(lint(uri, document_state.generation, document.version, document.source, delay))
        task.add_done_callback(lambda done: _report_failure(done, log))
        document_state.task = task

    def relint_all() -> None:
        for uri in list(server.workspace.text_documents):
            schedule(uri, 0)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            state.options.only_plugin_rules = bool(options.get("onlyPluginRules", False))
            debounce_ms = options.get("debounceMs")
            if isinstance(debounce_ms, (int, float)) and not isinstance(debounce_ms, bool) and debounce_ms >= 0:
                state.options.debounce = debounce_ms / 1000

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings if isinstance(params.settings, dict) else {}
        # VS Code style nests each server's settings under its section; Helix (its `config`) and Neovim
        # (its `settings`) send this server's own table, unnested
        settings = settings.get(SETTINGS_SECTION, settings)
        if not isinstance(settings, dict) or not isinstance(settings.get("onlyPluginRules"), bool):
            return  # another server's settings, or none of ours: nothing changes
        if settings["onlyPluginRules"] != state.options.only_plugin_rules:
            state.options.only_plugin_rules = settings["onlyPluginRules"]
            relint_all()

    @server.feature(types.INITIALIZED)
    def initialized(_: types.InitializedParams) -> None:
        state.executor.submit(state.engine.plugin_rules)  # the fast lane needs only this plugin's rules
        slow_lane.warm_up()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        schedule(params.text_document.uri, state.options.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        if Path(_path_of(params.text_document.uri) or "").name in _SETTINGS_FILES:
            relint_all()
        else:
            schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        document_state = state.documents.pop(uri, None)
        if document_state is not None and document_state.task is not None:
            document_state.task.cancel()
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if state.collections.held:
            state.executor.submit(state.collections.release)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        if any(Path(_path_of(change.uri) or "").name in _SETTINGS_FILES for change in params.changes):
            relint_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(params: types.HoverParams) -> types.Hover | None:
        document = _open_document(server, params.text_document.uri)
        line = _checked_line(document, params.position)
        published = _current_published(state, document)
        finding_notes = []
        if published is not None:
            character = document.position_from_client_units(params.position).character
            finding_notes = [
                _finding_note(finding) for finding in published.findings if _contains(finding, line, character)
            ]
        document_state = state.documents.get(document.uri)
        prepared = document_state.prepared if document_state is not None else None
        if prepared is not None and prepared[0] == document.version and prepared[1].cfn is not None:
            # the fast lane's template and model of this very text: answered at once, waiting for nothing
            summary = _hover_summary(prepared[1].template, line, published, prepared[1].cfn)
        else:  # not linted yet (an edit within the debounce): decode and model it in the fast lane
            summary = await in_worker(_hover_summary_of_text, document.source, line, published)
        parts = ([summary] if summary else []) + finding_notes
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(parts)))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        document = _open_document(server, params.text_document.uri)
        published = _current_published(state, document)
        if published is None:
            return []
        wanted = {
            (str(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in params.context.diagnostics
        }
        codec = server.workspace.position_codec
        lines = list(document.lines)
        actions = []
        seen: set[tuple[str, str]] = set()
        for finding in published.findings:
            diagnostic_range = _range(codec, lines, finding)
            key = (
                finding.rule_id,
                diagnostic_range.start.line,
                diagnostic_range.start.character,
                diagnostic_range.end.line,
                diagnostic_range.end.character,
            )
            if key not in wanted or finding.resource is None or (finding.rule_id, finding.resource) in seen:
                continue
            seen.add((finding.rule_id, finding.resource))
            actions.extend(_actions(document, finding, _diagnostic(codec, lines, finding)))
        return actions

    @server.feature(types.SHUTDOWN)
    def shutdown(_: None) -> None:
        state.executor.shutdown(wait=False, cancel_futures=True)
        slow_lane.shutdown()

    return server


def _log_all(log: Callable[[str], None], messages: list[str]) -> None:
    for message in messages:
        log(message)


def _report_failure(task: asyncio.Task[None], log: Callable[[str], None]) -> None:
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:  # a bug of ours: say so, keep serving
        LOGGER.error("linting failed", exc_info=error)
        log(f"{NAME}: linting failed: {error!r}")


def _path_of(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path and uri.startswith("file:") else None


def _merged(first: list[Finding], second: list[Finding]) -> list[Finding]:
    seen = set(first)
    return [*first, *(finding for finding in second if finding not in seen)]


def _range(codec: PositionCodec, lines: list[str], finding: Finding) -> types.Range:
    start = codec.position_to_client_units(lines, ServerTextPosition(*finding.start))
    end = codec.position_to_client_units(lines, ServerTextPosition(*finding.end))
    return types.Range(start=start, end=end)


def _diagnostic(codec: PositionCodec, lines: list[str], finding: Finding) -> types.Diagnostic:
    return types.Diagnostic(
        range=_range(codec, lines, finding),
        message=finding.message,
        severity=_SEVERITY.get(finding.rule_id[:1], types.DiagnosticSeverity.Error),
        code=finding.rule_id,
        code_description=types.CodeDescription(href=finding.source_url) if finding.source_url else None,
        source=PLUGIN_SOURCE if finding.plugin else SOURCE,
    )


def _open_document(server: LanguageServer, uri: str) -> TextDocument:
    document: TextDocument | None = server.workspace.text_documents.get(uri)
    if document is None:
        raise JsonRpcInvalidParams(f"{uri} is not an open document")
    return document


def _checked_line(document: TextDocument, position: types.Position) -> int:
    lines = document.lines
    if position.line < 0 or position.line >= max(len(lines), 1):
        raise JsonRpcInvalidParams(f"line {position.line} is past the end of the document ({len(lines)} lines)")
    text = lines[position.line].rstrip("\r\n") if lines else ""
    if position.character < 0 or position.character > len(text.encode("utf-16-le")) // 2:
        raise JsonRpcInvalidParams(f"character {position.character} is past the end of line {position.line}")
    return position.line


def _current_published(state: _State, document: TextDocument) -> _Published | None:
    document_state = state.documents.get(document.uri)
    published = document_state.published if document_state is not None else None
    if published is None or published.version != document.version:
        return None  # computed for an older text: its ranges mean nothing now
    return published


def _contains(finding: Finding, line: int, character: int) -> bool:
    return finding.start <= (line, character) <= finding.end


def _finding_note(finding: Finding) -> str:
    link = f" ([{finding.rule_id}]({finding.source_url}))" if finding.source_url else ""
    return f"**{finding.rule_id}** {finding.shortdesc}{link}"


def _hover_summary_of_text(text: str, line: int, published: _Published | None) -> str | None:
    """``_hover_summary`` of text not linted yet."""
    from cfnlint.decode.decode import decode_str

    decoded, errors = decode_str(text)
    if errors or not isinstance(decoded, dict) or not is_template(decoded):
        return None
    return _hover_summary(decoded, line, published, None)


def _hover_summary(decoded: dict[str, Any], line: int, published: _Published | None, cfn: Any) -> str | None:
    """The access summary of the function whose logical id or ``Type`` line is ``line``: from the model of
    ``cfn`` (cfn-lint's Template of ``decoded``) when given, else from a model built now."""
    from lint_rules._summary import FUNCTION_TYPES, describe, related_resources, template_model
    from lint_rules.model import access_model

    resources = decoded.get("Resources")
    if not isinstance(resources, dict):
        return None
    for key, resource in resources.items():
        if not isinstance(resource, dict) or resource.get("Type") not in FUNCTION_TYPES:
            continue
        type_key = next((k for k in resource if k == "Type"), None)
        key_lines = {getattr(getattr(node, "start_mark", None), "line", -1) for node in (key, type_key)}
        if line not in key_lines:
            continue
        try:
            model = access_model(cfn) if cfn is not None else template_model(decoded)
            summary = describe(model, str(key), decoded)
            related = related_resources(model, str(key))
        except Exception:  # the model failed on this template: no hover, never a crash
            LOGGER.warning("cannot describe %s", key, exc_info=True)
            return None
        if published is not None:
            own = sorted((f for f in published.findings if f.resource in related), key=lambda f: (f.start, f.rule_id))
            if own:
                summary += "\n**Findings**\n\n" + "\n".join(
                    f"- {finding.rule_id} (line {finding.start[0] + 1}"
                    + (f", {finding.resource}" if finding.resource != key else "")
                    + f"): {finding.message}"
                    for finding in own
                )
        return summary
    return None


def _actions(document: TextDocument, finding: Finding, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    """The mechanical fixes that apply (each titled with what it changes), then the suppression, as edits
    of the current text: ``(start, end, new text)`` in code points."""
    from cfnlint.decode.decode import decode_str

    assert finding.resource is not None
    text = document.source
    decoded, errors = decode_str(text)
    if errors:
        return []
    candidates: list[tuple[str, tuple[int, int, str] | None]] = []
    if finding.rule_id == "EA1002":
        added = source_account_edit(text, decoded, finding.resource)
        candidates.append(
            (
                SOURCE_ACCOUNT_TITLE.format(resource=finding.resource),
                (added[0], added[0], added[1]) if added else None,
            )
        )
    if finding.rule_id == "WA1001":
        replaced = auth_type_edit(text, decoded, finding.resource, finding.start)
        if replaced is not None:
            start, end, new_text, where = replaced
            candidates.append((AUTH_TYPE_TITLE.format(where=where), (start, end, new_text)))
    if finding.rule_id == "EA4001":
        renamed = rename_key_edit(text, decoded, finding.message, finding.start)
        if renamed is not None:
            old = text[renamed[0] : renamed[1]].strip("'\"")
            title = RENAME_KEY_TITLE.format(old=old, new=renamed[2].strip("'\""))
            candidates.append((title, renamed))
    suppressed = suppress_edit(text, decoded, finding.resource, finding.rule_id)
    candidates.append(
        (
            f"Suppress {finding.rule_id} for {finding.resource}",
            (suppressed[0], suppressed[0], suppressed[1]) if suppressed else None,
        )
    )
    return [_edit_action(document, title, diagnostic, edit) for title, edit in candidates if edit is not None]


def _position(document: TextDocument, offset: int) -> types.Position:
    return document.client_position_at_offset(offset) if offset < len(document.source) else _end_position(document)


def _edit_action(
    document: TextDocument, title: str, diagnostic: types.Diagnostic, edit: tuple[int, int, str]
) -> types.CodeAction:
    start, end, new_text = edit
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=document.uri, version=document.version
                    ),
                    edits=[
                        types.TextEdit(
                            range=types.Range(start=_position(document, start), end=_position(document, end)),
                            new_text=new_text,
                        )
                    ],
                )
            ]
        ),
    )


def _end_position(document: TextDocument) -> types.Position:
    lines = list(document.lines)
    if not lines:
        return types.Position(line=0, character=0)
    if lines[-1].endswith(("\n", "\r")):
        return types.Position(line=len(lines), character=0)
    return document.position_to_client_units(ServerTextPosition(len(lines) - 1, len(lines[-1])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=NAME, description="Language server for cfn-lint and cfn-lint-lambda-auth.")
    parser.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead of stdio (for debugging)")
    parser.add_argument("--debounce-ms", type=int, default=int(DEFAULT_DEBOUNCE * 1000), help="wait after a change")
    parser.add_argument("--log-file", type=Path, help="write the server's own log here")
    args = parser.parse_args(argv)
    if args.log_file is not None:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    server = build_server(debounce=args.debounce_ms / 1000)
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        if not host or not port.isdigit():
            parser.error("--tcp takes HOST:PORT")
        server.start_tcp(host, int(port))
    else:
        server.start_io()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
