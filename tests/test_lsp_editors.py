"""The Helix and VS Code set-ups of docs/editors.md, checked without those editors (neither can be installed on the
test machine): the Helix snippet against Helix's configuration schema and replayed as Helix drives a
server; the VS Code extension's cfn-lint command line run as the extension runs it.

What Helix and the extension do is read from their source: Helix at commit
079a789e8cb08ead67f19e1971a1b7438b37354b (``helix-core/src/syntax/config.rs``, ``languages.toml``,
``helix-lsp/src/client.rs``); vscode-cfn-lint 0.27.0 at 693c05be5d6af0ab60650a41e01e38a1d85c2255
(``server/src/server/handlers/validationHandler.ts``, ``package.json``).
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types

from conftest import ROOT
from lsp_client import EXAMPLE, make_client, open_document, publications, summary, wait_for

GUIDE = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")  # the per-editor set-ups, linked from the README
EXAMPLE_FINDINGS = [
    "18:8-18:16 warning WA1001",
    "23:14-23:21 error EA4001",
    "28:14-28:20 error EA2001",
    "44:6-44:15 error EA1002",
]
# helix-core/src/syntax/config.rs, struct LanguageServerConfiguration (serde kebab-case)
HELIX_SERVER_KEYS = {"command", "args", "environment", "config", "timeout", "required-root-patterns"}
# Helix's languages.toml: the servers it runs for these languages by default
HELIX_DEFAULT_SERVERS = {
    "yaml": ["yaml-language-server", "ansible-language-server"],
    "json": ["vscode-json-language-server"],
}


def _helix_snippet() -> str:
    section = GUIDE[GUIDE.index("**Helix**") :]
    match = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


def _parse(text: str) -> dict[str, Any]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the floor job's 3.10 skips this check
    parsed: dict[str, Any] = tomllib.loads(text)
    return parsed


def test_helix_snippet_matches_helix_configuration() -> None:
    config = _parse(_helix_snippet())
    (name,) = config["language-server"]
    server = config["language-server"][name]
    assert set(server) <= HELIX_SERVER_KEYS
    assert server["command"] == "cfn-lint-lambda-auth-lsp"
    assert shutil.which(server["command"], path=str(Path(sys.executable).parent))  # the console script exists
    languages = {language["name"]: language for language in config["language"]}
    assert set(languages) == set(HELIX_DEFAULT_SERVERS)
    for language, defaults in HELIX_DEFAULT_SERVERS.items():
        assert set(languages[language]) == {"name", "language-servers"}
        assert languages[language]["language-servers"] == [*defaults, name]  # Helix's own servers kept


@pytest.mark.parametrize("only_plugin_rules", [False, True])
def test_helix_snippet_replayed_as_helix_starts_the_server(tmp_path: Path, only_plugin_rules: bool) -> None:
    text = _helix_snippet()
    if only_plugin_rules:
        text = text.replace("# config = {", "config = {")
    server = _parse(text)["language-server"]["cfn-lint-lambda-auth"]
    assert ("config" in server) == only_plugin_rules
    asyncio.run(asyncio.wait_for(_replay(server, tmp_path, only_plugin_rules), timeout=120))


async def _replay(server: dict[str, Any], tmp_path: Path, only_plugin_rules: bool) -> None:
    command = str(Path(sys.executable).parent / server["command"])
    client = make_client()
    await client.start_io(command, *server.get("args", []))
    try:
        # helix-lsp/src/client.rs: initialize with the config as initializationOptions, then, once
        # initialized, the same config again in workspace/didChangeConfiguration
        await client.initialize_session(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(
                    general=types.GeneralClientCapabilities(
                        position_encodings=[
                            types.PositionEncodingKind.Utf8,
                            types.PositionEncodingKind.Utf32,
                            types.PositionEncodingKind.Utf16,
                        ]
                    )
                ),
                initialization_options=server.get("config"),
            )
        )
        if "config" in server:
            client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=server["config"]))
        text = (
            EXAMPLE.read_text(encoding="utf-8")
            + "\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Nope: 1\n"
        )
        uri = open_document(client, tmp_path / "template.yaml", text)
        await wait_for(client, uri, 1, 1)
        if only_plugin_rules:
            await asyncio.sleep(1.5)  # cfn-lint's own stage would have published by now
        else:
            await wait_for(client, uri, 1, 2)  # cfn-lint's own stage, from its worker process
        stages = publications(client, uri, 1)
        assert len(stages) == (1 if only_plugin_rules else 2)
        expected = EXAMPLE_FINDINGS if only_plugin_rules else [*EXAMPLE_FINDINGS, "52:6-52:10 error E3002"]
        assert summary(stages[-1].diagnostics) == expected
    finally:
        await client.shutdown_session()


def test_vscode_extension_command_line_reports_this_plugin(tmp_path: Path) -> None:
    """validationHandler.ts: ``cfn-lint --format json --include-checks I --append-rules <entry> -- <file>``
    for ``"cfnLint.appendRules": ["lint_rules"]``, run outside this repository as the extension would."""
    shutil.copy(EXAMPLE, tmp_path / "template.yaml")
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    args = ["--format", "json", "--include-checks", "I", "--append-rules", "lint_rules", "--", "template.yaml"]
    done = subprocess.run([str(cfn_lint), *args], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 6, done.stderr  # errors and warnings, as cfn-lint's exit bits say
    found = sorted(
        (m["Rule"]["Id"], m["Location"]["Start"]["LineNumber"], m["Location"]["Start"]["ColumnNumber"])
        for m in json.loads(done.stdout)
    )
    assert found == [("EA1002", 45, 7), ("EA2001", 29, 15), ("EA4001", 24, 15), ("WA1001", 19, 9)]
