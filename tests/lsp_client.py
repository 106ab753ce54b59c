"""Test helpers for the language server: a pytest-lsp client that records every publication."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pytest_lsp.protocol import LanguageClientProtocol

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "template.yaml"
DEBOUNCE_MS = 50


class RecordingClient(LanguageClient):
    """Keeps every ``publishDiagnostics`` in order, not only the newest per document."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []


def _record(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.published.append(params)
    client.diagnostics[params.uri] = params.diagnostics


def make_client() -> RecordingClient:
    from pygls.protocol import default_converter

    client = RecordingClient(protocol_cls=LanguageClientProtocol, converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record
    register_lsp_features(client, features)
    return client


def server_config(*extra: str) -> ClientServerConfig:
    return ClientServerConfig(
        server_command=[sys.executable, "-m", "lint_rules.lsp", f"--debounce-ms={DEBOUNCE_MS}", *extra],
        client_factory=make_client,
    )


def initialize_params(options: dict[str, Any] | None = None, editor: str = "neovim") -> types.InitializeParams:
    return types.InitializeParams(
        capabilities=client_capabilities(editor),
        initialization_options=options,
    )


def publications(client: RecordingClient, uri: str, version: int | None = None) -> list[types.PublishDiagnosticsParams]:
    return [p for p in client.published if p.uri == uri and (version is None or p.version == version)]


async def wait_for(client: RecordingClient, uri: str, version: int | None, count: int, timeout: float = 60) -> None:
    """Until ``count`` publications for the document version have arrived."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(publications(client, uri, version)) < count:
        if loop.time() > deadline:
            raise AssertionError(f"{uri} v{version}: {len(publications(client, uri, version))} of {count} publications")
        await asyncio.sleep(0.02)


def summary(diagnostics: Any) -> list[str]:
    """``line:col-line:col severity code`` (0-based, as LSP counts), in document order."""
    names = {1: "error", 2: "warning", 3: "information", 4: "hint"}
    found = []
    for d in diagnostics:
        start, end = d.range.start, d.range.end
        found.append(f"{start.line}:{start.character}-{end.line}:{end.character} {names[d.severity]} {d.code}")
    return sorted(found, key=lambda s: tuple(int(x) for x in s.split()[0].replace("-", ":").split(":")))


def open_document(client: LanguageClient, path: Path, text: str | None = None, language: str = "yaml") -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id=language,
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return uri


def change_document(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (ASCII text: positions are code points) from the last to the first."""
    lines = text.splitlines(True)

    def offset(position: types.Position) -> int:
        return sum(len(line) for line in lines[: position.line]) + position.character

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text
