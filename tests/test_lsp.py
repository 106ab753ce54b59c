"""The language server end to end: a real LSP client (pytest-lsp) drives the server over stdio.

Every test runs real cfn-lint in the server subprocess. Positions are LSP's (0-based); the shipped
example's findings are 19:9 WA1001, 24:15 EA4001, 29:15 EA2001 and 45:7 EA1002 in cfn-lint's 1-based
terms.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from lsp_client import (
    EXAMPLE,
    RecordingClient,
    change_document,
    initialize_params,
    open_document,
    publications,
    server_config,
    summary,
    wait_for,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

EXAMPLE_FINDINGS = [
    "18:8-18:16 warning WA1001",
    "23:14-23:21 error EA4001",
    "28:14-28:20 error EA2001",
    "44:6-44:15 error EA1002",
]
DOCS = "https://github.com/cfn-lint-lambda-auth/cfn-lint-lambda-auth/blob/main/docs/rules/"


@pytest_lsp.fixture(scope="module", config=server_config())  # type: ignore[untyped-decorator]  # pytest-lsp is untyped
async def client(lsp_client: RecordingClient) -> AsyncIterator[RecordingClient]:
    await lsp_client.initialize_session(initialize_params())
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "template.yaml")
    return tmp_path


async def test_open_publishes_plugin_findings_first_then_the_full_set(client: RecordingClient, workdir: Path) -> None:
    uri = open_document(client, workdir / "template.yaml")
    await wait_for(client, uri, 1, 2)
    first, second = publications(client, uri, 1)
    assert summary(first.diagnostics) == EXAMPLE_FINDINGS
    assert summary(second.diagnostics) == EXAMPLE_FINDINGS
    by_code = {d.code: d for d in second.diagnostics}
    webhook = by_code["WA1001"]
    assert webhook.source == "cfn-lint"
    assert webhook.code_description is not None and webhook.code_description.href == f"{DOCS}WA1001.md"
    assert webhook.message == (
        "Function URL of 'WebhookFunction' lets anyone invoke it without credentials (AuthType 'NONE'); "
        "set AuthType to AWS_IAM"
    )
    assert by_code["EA1002"].severity == types.DiagnosticSeverity.Error


async def test_change_save_and_close(client: RecordingClient, workdir: Path) -> None:
    uri = open_document(client, workdir / "template.yaml")
    await wait_for(client, uri, 1, 2)
    fixed = EXAMPLE.read_text(encoding="utf-8").replace("AuthType: NONE", "AuthType: AWS_IAM")
    change_document(client, uri, 2, fixed)  # unsaved: the server lints the text it was sent
    await wait_for(client, uri, 2, 2)
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS[1:]
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await wait_for(client, uri, 2, 4)
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS[1:]
    count = len(publications(client, uri))
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await wait_for(client, uri, None, count + 1)
    assert list(client.diagnostics[uri]) == []


async def test_stale_versions_never_win(client: RecordingClient, workdir: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    uri = open_document(client, workdir / "template.yaml")
    # A burst of edits while version 1 is still being linted: the public URL comes and goes.
    versions = {
        2: text.replace("AuthType: NONE", "AuthType: AWS_IAM"),
        3: text,
        4: text.replace('Principal: "*"', "Principal: s3.amazonaws.com\n      SourceAccount: !Ref AWS::AccountId"),
        5: text.replace("AuthType: NONE", "AuthType: AWS_IAM"),
    }
    for version, changed in versions.items():
        change_document(client, uri, version, changed)
    await wait_for(client, uri, 5, 2)
    seen = [p.version or 0 for p in publications(client, uri)]
    assert seen == sorted(seen), seen  # never an older version after a newer one
    assert seen[-2:] == [5, 5]
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS[1:]


NON_TEMPLATES = {
    ".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
    "docker-compose.yml": "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n",
    "k8s.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n",
    "package.json": '{"name": "x", "version": "1.0.0", "scripts": {"test": "jest"}}\n',
    "broken-compose.yml": "services:\n  web: [\n",
}


@pytest.mark.parametrize("name", sorted(NON_TEMPLATES))
async def test_non_templates_get_no_diagnostics(client: RecordingClient, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NON_TEMPLATES[name], encoding="utf-8")
    uri = open_document(client, path, language="json" if name.endswith(".json") else "yaml")
    await wait_for(client, uri, 1, 1)
    await_more = publications(client, uri, 1)
    assert [list(p.diagnostics) for p in await_more] == [[]]


async def test_broken_yaml_mid_edit_shows_the_parse_error_and_the_server_keeps_serving(
    client: RecordingClient, workdir: Path
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    uri = open_document(client, workdir / "template.yaml")
    broken = text.replace('      Principal: "*"\n', '      Principal: ["*"\n')
    change_document(client, uri, 2, broken)
    await wait_for(client, uri, 2, 1)
    (diagnostic,) = client.diagnostics[uri]
    assert (diagnostic.code, diagnostic.severity, diagnostic.source) == (
        "E0000",
        types.DiagnosticSeverity.Error,
        "cfn-lint",
    )
    assert (diagnostic.range.start.line, diagnostic.range.start.character) == (46, 2)
    assert diagnostic.message == "did not find expected ',' or ']'"
    change_document(client, uri, 3, text)
    await wait_for(client, uri, 3, 2)
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS


async def test_bad_requests_get_errors_not_crashes(client: RecordingClient, workdir: Path) -> None:
    unknown = (workdir / "nowhere.yaml").as_uri()
    with pytest.raises(JsonRpcInvalidParams, match="is not an open document"):
        await client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=unknown), position=types.Position(0, 0))
        )
    uri = open_document(client, workdir / "template.yaml")
    with pytest.raises(JsonRpcInvalidParams, match="past the end of the document"):
        await client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(999, 0))
        )
    await wait_for(client, uri, 1, 2)
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS
