"""A server started as VS Code starts it (UTF-16 positions) with ``onlyPluginRules``: this plugin's findings only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp

from lsp_client import (
    EXAMPLE,
    RecordingClient,
    initialize_params,
    open_document,
    publications,
    server_config,
    summary,
    wait_for,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=server_config())  # type: ignore[untyped-decorator]  # pytest-lsp is untyped
async def client(lsp_client: RecordingClient) -> AsyncIterator[RecordingClient]:
    await lsp_client.initialize_session(initialize_params({"onlyPluginRules": True}, editor="visual-studio-code"))
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_only_plugin_rules(client: RecordingClient, tmp_path: Path) -> None:
    text = (
        EXAMPLE.read_text(encoding="utf-8") + "\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Nope: 1\n"
    )
    uri = open_document(client, tmp_path / "template.yaml", text)
    await wait_for(client, uri, 1, 1)
    await asyncio.sleep(1)  # cfn-lint's own stage would have published by now
    (only,) = publications(client, uri, 1)
    assert summary(only.diagnostics) == [
        "18:8-18:16 warning WA1001",
        "23:14-23:21 error EA4001",
        "28:14-28:20 error EA2001",
        "44:6-44:15 error EA1002",
    ]


async def test_columns_are_utf16_for_a_client_without_position_encodings(
    client: RecordingClient, tmp_path: Path
) -> None:
    line = '    Properties: {Action: lambda:InvokeFunction, FunctionName: "fn-é🚀", Principal: "*"}\n'
    text = "Resources:\n  Permission:\n    Type: AWS::Lambda::Permission\n" + line
    uri = open_document(client, tmp_path / "template.yaml", text)
    await wait_for(client, uri, 1, 1)
    (public,) = client.diagnostics[uri]
    # 71 code points before 'Principal', 72 UTF-16 units (the rocket is a surrogate pair)
    assert line.index("Principal") == 71
    assert (public.code, public.range.start.line, public.range.start.character, public.range.end.character) == (
        "EA1002",
        3,
        72,
        81,
    )
