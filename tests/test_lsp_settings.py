"""``onlyPluginRules`` from a project file (``.cfn-lint-lambda-auth.yaml``) and from the editor's workspace
settings (``workspace/didChangeConfiguration``), end to end through a real client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types

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

PLUGIN_FINDINGS = [
    "18:8-18:16 warning WA1001",
    "23:14-23:21 error EA4001",
    "28:14-28:20 error EA2001",
    "44:6-44:15 error EA1002",
]
ALL_FINDINGS = [*PLUGIN_FINDINGS, "52:6-52:10 error E3002"]  # cfn-lint's own, on the Topic below
TEXT = EXAMPLE.read_text(encoding="utf-8") + "\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Nope: 1\n"


@pytest_lsp.fixture(scope="module", config=server_config())  # type: ignore[untyped-decorator]  # pytest-lsp is untyped
async def client(lsp_client: RecordingClient) -> AsyncIterator[RecordingClient]:
    await lsp_client.initialize_session(initialize_params())
    yield lsp_client
    await lsp_client.shutdown_session()


def _project(tmp_path: Path, settings: str | None) -> Path:
    """``tmp_path/stacks/template.yaml``, with ``settings`` as ``tmp_path/.cfn-lint-lambda-auth.yaml``."""
    (tmp_path / "stacks").mkdir(parents=True)
    if settings is not None:
        (tmp_path / ".cfn-lint-lambda-auth.yaml").write_text(settings, encoding="utf-8")
    template = tmp_path / "stacks" / "template.yaml"
    template.write_text(TEXT, encoding="utf-8")
    return template


async def _only_first_stage(client: RecordingClient, uri: str, version: int, before: int = 0) -> list[str]:
    await wait_for(client, uri, version, before + 1)
    await asyncio.sleep(1.5)  # cfn-lint's own stage would have published by now
    found = publications(client, uri, version)
    assert len(found) == before + 1, [summary(p.diagnostics) for p in found]
    return summary(found[-1].diagnostics)


def _changed(client: RecordingClient, path: Path) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)]
        )
    )


def _configure(client: RecordingClient, settings: object) -> None:
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))


async def test_project_file_turns_it_on_and_is_reloaded(client: RecordingClient, tmp_path: Path) -> None:
    uri = open_document(client, _project(tmp_path, "# only this plugin's findings here\nonly_plugin_rules: true\n"))
    assert await _only_first_stage(client, uri, 1) == PLUGIN_FINDINGS
    settings = tmp_path / ".cfn-lint-lambda-auth.yaml"
    settings.write_text("only_plugin_rules: false\n", encoding="utf-8")
    _changed(client, settings)
    await wait_for(client, uri, 1, 3)  # re-linted: both stages again
    assert summary(client.diagnostics[uri]) == ALL_FINDINGS


async def test_a_bad_project_file_is_ignored_and_said_so(client: RecordingClient, tmp_path: Path) -> None:
    uri = open_document(client, _project(tmp_path, "only_plugin_rules: yes please\nshow: everything\n"))
    await wait_for(client, uri, 1, 2)
    assert summary(client.diagnostics[uri]) == ALL_FINDINGS
    path = tmp_path / ".cfn-lint-lambda-auth.yaml"
    assert f"cfn-lint-lambda-auth-lsp: ignoring {path}: unknown setting show (known: only_plugin_rules, baseline)" in [
        m.message for m in client.log_messages
    ]


async def test_workspace_setting_and_the_project_file_wins(client: RecordingClient, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    plain_uri = open_document(client, plain / "template.yaml", TEXT)
    await wait_for(client, plain_uri, 1, 2)
    _configure(client, {"yaml": {"validate": True}})  # another server's section: nothing changes
    _configure(client, {"cfn-lint-lambda-auth": {"onlyPluginRules": True}})
    # every open document is re-linted under the new setting: this one now gets the first stage only
    assert await _only_first_stage(client, plain_uri, 1, before=2) == PLUGIN_FINDINGS
    try:
        overridden = open_document(client, _project(tmp_path / "project", "only_plugin_rules: false\n"))
        await wait_for(client, overridden, 1, 2)  # the project's file says false: the full set
        assert summary(client.diagnostics[overridden]) == ALL_FINDINGS
    finally:
        _configure(client, {"cfn-lint-lambda-auth": {"onlyPluginRules": False}})
    await wait_for(client, plain_uri, 1, 5)
    assert summary(client.diagnostics[plain_uri]) == ALL_FINDINGS
