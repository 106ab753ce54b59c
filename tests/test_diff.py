"""``cfn-lint-lambda-auth diff``: the access a change adds and removes, on real template text, with real cfn-lint
for the findings, real git for ``--git``, and Mermaid's own parser for the diagram (when Node.js has it)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, ROOT
from hostile_cases import cases
from lint_rules import _diff as diff

CONSOLE_SCRIPT = str(Path(sys.executable).with_name("cfn-lint-lambda-auth"))
MERMAID_DIR = ROOT / "tests" / "mermaid"
WORKFLOW = ROOT / "examples" / "access-diff.yml"

SAM_URL = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  WebhookFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: AWS_IAM
      Policies:
        - S3ReadPolicy:
            BucketName: my-bucket
"""

S3_STAR = """\
        - Statement:
            - Effect: Allow
              Action: s3:*
              Resource: "*"
"""

CFN_ROLE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Code:
        ZipFile: "def handler(event, context): return None"
      Role: !GetAtt WorkerRole.Arn
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: work
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - dynamodb:GetItem
                Resource: !Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders"
"""

PERMISSION = """\
  WorkerPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Worker
      Principal: "*"
"""


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = diff.main(list(args), prog="cfn-lint-lambda-auth diff")
    out, err = capsys.readouterr()
    return code, out, err


def _pair(tmp_path: Path, base: str, head: str) -> tuple[str, str]:
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "head.yaml").write_text(head, encoding="utf-8")
    return str(tmp_path / "base.yaml"), str(tmp_path / "head.yaml")


def _section(report: str, heading: str) -> list[str]:
    """The table rows under a bold heading (``**Invokers**``), up to the next blank line after the table."""
    lines = report.splitlines()
    start = next(at for at, line in enumerate(lines) if line.startswith(heading))
    rows = []
    for line in lines[start + 4 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def _mermaid_blocks(report: str) -> list[str]:
    return re.findall(r"```mermaid\n(.*?)```", report, re.DOTALL)


def test_a_function_url_switched_to_none_is_a_public_invoker_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, head = _pair(tmp_path, SAM_URL, SAM_URL.replace("AuthType: AWS_IAM", "AuthType: NONE"))
    code, out, err = _run(capsys, "--no-findings", base, head)
    assert (code, err) == (0, "")
    assert _section(out, "**Invokers**") == [
        "| added | Function URL, SAM `FunctionUrlConfig` | anyone, without credentials | AuthType 'NONE' | **yes** |",
        "| removed | Function URL, SAM `FunctionUrlConfig` | signed AWS requests (IAM) | AuthType 'AWS_IAM' | no |",
    ]
    assert "**1 public access path(s) added**" in out
    assert "**Grants" not in out and "**Trust" not in out  # nothing else changed
    (block,) = _mermaid_blocks(out)
    assert '(["anyone (function URL)"])' in block and "class n1 public" in block


def test_a_grant_of_s3_star_is_ranked_first_and_the_grants_are_ordered_by_access_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = CFN_ROLE.replace(
        "                  - dynamodb:GetItem\n",
        "                  - dynamodb:GetItem\n                  - dynamodb:ListTables\n",
    ) + (
        "              - Effect: Allow\n"
        "                Action: [sqs:SendMessage, s3:*, s3:ListAllMyBuckets]\n"
        '                Resource: "*"\n'
    )
    base, head_path = _pair(tmp_path, CFN_ROLE, head)
    code, out, err = _run(capsys, "--no-findings", base, head_path)
    assert (code, err) == (0, "")
    rows = _section(out, "**Grants of `WorkerRole`**")
    assert [row.split(" | ")[2:5] for row in rows] == [
        [
            "**Permissions management**",
            "`s3:*` (180 actions: 27 permissions management, 57 write, 12 tagging, 66 read, 18 list)",
            "`*`",
        ],
        ["**Write**", "`sqs:SendMessage`", "`*`"],
        ["List", "`s3:ListAllMyBuckets`", "`*`"],
        # on a named table: after every grant on `*` of its level
        ["List", "`dynamodb:ListTables`", "`arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders`"],
    ]
    assert all(row.startswith("| added | Allow |") for row in rows)
    assert rows[0].endswith("| `*` | none | Statement 2 of inline policy 'work' |")
    (block,) = _mermaid_blocks(out)
    assert '-->|"+ s3:*, s3:ListAllMyBuckets"|' in block and '[("sqs")]' in block


def test_a_trust_policy_change_shows_the_principals_added_and_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = CFN_ROLE.replace(
        "              Service: lambda.amazonaws.com\n",
        '              AWS: "*"\n',
    )
    base, head_path = _pair(tmp_path, CFN_ROLE, head)
    code, out, err = _run(capsys, base, head_path)
    assert (code, err) == (0, "")
    assert _section(out, "**Trust policy of `WorkerRole`**") == [
        "| added | Allow | AWS '*' | sts:AssumeRole | none | **yes** |",
        "| removed | Allow | Service 'lambda.amazonaws.com' | sts:AssumeRole | none | no |",
    ]
    findings = _section(out, "### Findings of cfn-lint-lambda-auth")
    assert findings and all(row.startswith("| introduced | ") for row in findings)
    assert any("`WorkerRole`" in row for row in findings)
    (block,) = _mermaid_blocks(out)
    assert '(["any principal"])' in block and '-->|"+ assume"|' in block
    assert '(["lambda.amazonaws.com"])' in block and '-.->|"- assume"|' in block


def test_findings_introduced_and_fixed_are_matched_without_line_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_permission = CFN_ROLE + PERMISSION
    # the public permission is added: EA1002 introduced, at its line in the head
    base, head = _pair(tmp_path, CFN_ROLE, "# a comment moves every line\n" + with_permission)
    code, out, err = _run(capsys, base, head)
    assert (code, err) == (0, "")
    rows = _section(out, "### Findings of cfn-lint-lambda-auth")
    assert rows == [
        f"| introduced | {head}:36 | `EA1002` | `WorkerPermission` | Permission 'WorkerPermission' lets any "
        "principal invoke 'Worker'; name the caller or set SourceArn, SourceAccount or PrincipalOrgID |"
    ]
    assert "| added | Permission `WorkerPermission` | '*' | lambda:InvokeFunction; not narrowed" in out
    # and removed again: fixed, at its line in the base
    base, head = _pair(tmp_path, "# a comment moves every line\n" + with_permission, CFN_ROLE)
    code, out, err = _run(capsys, base, head)
    assert (code, err) == (0, "")
    (row,) = _section(out, "### Findings of cfn-lint-lambda-auth")
    assert row.startswith(f"| fixed | {base}:36 | `EA1002` | `WorkerPermission` |")
    # the same template with lines inserted above everything: no change at all
    base, head = _pair(tmp_path, with_permission, "# one\n# two\n" + with_permission)
    assert _run(capsys, base, head) == (0, f"No access change in `{base}` → `{head}`.\n", "")


def test_a_condition_added_to_a_grant_and_a_new_execution_role(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    condition = (
        "                Condition:\n"
        "                  ForAllValues:StringEquals:\n"
        "                    dynamodb:LeadingKeys: [tenant-1]\n"
    )
    base, head = _pair(tmp_path, CFN_ROLE, CFN_ROLE + condition)
    code, out, err = _run(capsys, "--no-findings", base, head)
    assert (code, err) == (0, "")
    assert [row.split(" | ")[:2] + row.split(" | ")[5:6] for row in _section(out, "**Grants")] == [
        ["| added", "Allow", 'ForAllValues:StringEquals dynamodb:LeadingKeys ["tenant-1"]'],
        ["| removed", "Allow", "none"],
    ]
    # the function now runs as another role, one with s3:GetObject on every bucket; its old role stays unused
    other = (
        "  OtherRole:\n"
        "    Type: AWS::IAM::Role\n"
        "    Properties:\n"
        "      AssumeRolePolicyDocument:\n"
        '        Version: "2012-10-17"\n'
        "        Statement:\n"
        "          - Effect: Allow\n"
        "            Principal:\n"
        "              Service: lambda.amazonaws.com\n"
        "            Action: sts:AssumeRole\n"
        "      Policies:\n"
        "        - PolicyName: read\n"
        "          PolicyDocument:\n"
        '            Version: "2012-10-17"\n'
        "            Statement:\n"
        "              - Effect: Allow\n"
        "                Action: s3:GetObject\n"
        '                Resource: "*"\n'
    )
    switched = CFN_ROLE.replace("!GetAtt WorkerRole.Arn", "!GetAtt OtherRole.Arn") + other
    base, head = _pair(tmp_path, CFN_ROLE, switched)
    code, out, err = _run(capsys, "--no-findings", base, head)
    assert (code, err) == (0, "")
    assert "Execution role: `WorkerRole` → `OtherRole`" in out
    assert [row.split(" | ")[:4] for row in _section(out, "**Grants of `OtherRole`**")] == [
        ["| added", "Allow", "Read", "`s3:GetObject`"],
        ["| removed", "Allow", "Read", "`dynamodb:GetItem`"],
    ]
    assert "**Trust" not in out  # both roles trust Lambda alone
    assert "### `WorkerRole`" not in out and "### `OtherRole`" not in out  # no change of their own


def test_a_role_no_function_uses_gets_its_own_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    role = CFN_ROLE[CFN_ROLE.index("  WorkerRole:") :]
    base = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + role
    head = base.replace("Service: lambda.amazonaws.com", 'AWS: "arn:aws:iam::111122223333:root"')
    base_path, head_path = _pair(tmp_path, base, head)
    code, out, err = _run(capsys, base_path, head_path)
    assert (code, err) == (0, "")
    assert "### `WorkerRole` (AWS::IAM::Role)\n" in out
    assert _section(out, "**Trust policy**") == [
        "| added | Allow | AWS 'arn:aws:iam::111122223333:root' | sts:AssumeRole | none | no |",
        "| removed | Allow | Service 'lambda.amazonaws.com' | sts:AssumeRole | none | no |",
    ]
    assert any("| introduced |" in row and "`WorkerRole`" in row for row in _section(out, "### Findings"))


def test_an_unchanged_template_prints_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, head = _pair(tmp_path, SAM_URL, SAM_URL)
    assert _run(capsys, base, head) == (0, f"No access change in `{base}` → `{head}`.\n", "")
    assert _run(capsys, base, base) == (0, f"No access change in `{base}`.\n", "")


def test_a_function_added_and_a_function_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = SAM_URL.replace("WebhookFunction:", "HookFunction:")
    base, head_path = _pair(tmp_path, SAM_URL, head)
    code, out, err = _run(capsys, "--no-findings", base, head_path)
    assert (code, err) == (0, "")
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert headings == [
        "### `HookFunction` (AWS::Serverless::Function) — added",
        "### `WebhookFunction` (AWS::Serverless::Function) — removed",
        "### What changed, as a diagram",
    ]
    added, removed = out.split("### `WebhookFunction`")
    assert "| added | Function URL, SAM `FunctionUrlConfig` | signed AWS requests (IAM) |" in added
    read = "Allow | Read | `s3:GetObject` | `arn:aws:s3:::my-bucket`, `arn:aws:s3:::my-bucket/*` | none |"
    assert f"| added | {read}" in added and f"| removed | {read}" in removed
    # SAM's role: its managed policy, read from the data file
    assert (
        "| added | Allow | **Write** | `logs:PutLogEvents` | `*` | none | AWS managed policy `AWSLambdaBasicExecutionRole` |"
        in added
    )
    assert "| added | Allow | Service 'lambda.amazonaws.com' | sts:AssumeRole |" in added  # SAM's role trusts Lambda


def test_a_broken_template_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, head = _pair(tmp_path, SAM_URL, "Resources:\n  Fn: [unclosed\n")
    code, out, err = _run(capsys, base, head)
    assert (code, out) == (2, "")
    assert err.startswith(f"{head}:") and err.count("\n") == 1 and "Traceback" not in err
    base, head = _pair(tmp_path, SAM_URL, "just: a mapping\n")
    code, out, err = _run(capsys, base, head)
    assert (code, out, err) == (
        2,
        "",
        f"{head}: not a CloudFormation or SAM template (no AWSTemplateFormatVersion, "
        "SAM Transform or Resources with a Type)\n",
    )
    code, out, err = _run(capsys, base, str(tmp_path / "missing.yaml"))
    assert (code, out, err) == (2, "", f"{tmp_path / 'missing.yaml'}: No such file or directory\n")
    (tmp_path / "binary.yaml").write_bytes(b"\xff\xfe\x00")
    assert _run(capsys, base, str(tmp_path / "binary.yaml"))[0] == 2
    with pytest.raises(SystemExit) as usage:
        diff.main([base])
    assert usage.value.code == 2
    assert "give two templates, BASE HEAD, or --git REF" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------------ --git


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env)
    return done.stdout


def _repository(tmp_path: Path) -> Path:
    """A repository whose last commit has three templates and a YAML file that is not one."""
    repo = tmp_path / "repo"
    (repo / "stacks").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    (repo / "stacks" / "webhook.yaml").write_text(SAM_URL, encoding="utf-8")
    (repo / "stacks" / "worker.yaml").write_text(CFN_ROLE, encoding="utf-8")
    (repo / "stacks" / "old.yaml").write_text(CFN_ROLE, encoding="utf-8")
    (repo / "stacks" / "same.yaml").write_text(CFN_ROLE, encoding="utf-8")
    (repo / "config.yaml").write_text("name: not a template\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    return repo


def _change(repo: Path) -> None:
    """A URL switched to NONE with s3:* granted, a template removed, one added (untracked), one only reformatted,
    and the YAML file that is no template changed."""
    webhook = repo / "stacks" / "webhook.yaml"
    webhook.write_text(webhook.read_text(encoding="utf-8").replace("AWS_IAM", "NONE") + S3_STAR, encoding="utf-8")
    _git(repo, "rm", "-q", "stacks/old.yaml")
    (repo / "stacks" / "new.yaml").write_text(CFN_ROLE + PERMISSION, encoding="utf-8")
    (repo / "stacks" / "same.yaml").write_text("# reformatted\n" + CFN_ROLE, encoding="utf-8")
    (repo / "config.yaml").write_text("name: still not a template\n", encoding="utf-8")


def test_git_mode_reports_every_changed_template_of_the_working_tree(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    _change(repo)
    done = subprocess.run(
        [CONSOLE_SCRIPT, "diff", "--git", "HEAD"], cwd=repo / "stacks", capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    out = done.stdout
    assert out.startswith("# Access changes since `HEAD`\n")
    headings = [line for line in out.splitlines() if line.startswith(("## ", "No access change"))]
    assert headings == [
        "## `stacks/new.yaml` (added)",
        "## `stacks/old.yaml` (removed)",
        "No access change in `stacks/same.yaml`.",
        "## `stacks/webhook.yaml`",
    ]
    webhook = out[out.index("## `stacks/webhook.yaml`") :]
    assert "| added | Function URL, SAM `FunctionUrlConfig` | anyone, without credentials |" in webhook
    assert "| added | Allow | **Permissions management** | `s3:*` (180 actions" in webhook
    assert "| introduced | stacks/webhook.yaml:11 | `WA1001` | `WebhookFunction` |" in webhook
    new = out[out.index("## `stacks/new.yaml`") : out.index("## `stacks/old.yaml`")]
    assert "| introduced | stacks/new.yaml:35 | `EA1002` | `WorkerPermission` |" in new
    old = out[out.index("## `stacks/old.yaml`") : out.index("No access change")]
    assert "### `Worker` (AWS::Lambda::Function) — removed" in old
    assert "config.yaml" not in out
    assert len(_mermaid_blocks(out)) == 3
    # limited to some paths: the others are not read
    only = subprocess.run(
        [CONSOLE_SCRIPT, "diff", "--git", "HEAD", "--no-findings", "webhook.yaml"],
        cwd=repo / "stacks",
        capture_output=True,
        text=True,
        check=False,
    )
    assert (only.returncode, only.stderr) == (0, "")
    assert [line for line in only.stdout.splitlines() if line.startswith("#")] == [
        "## `stacks/webhook.yaml`",
        "### `WebhookFunction` (AWS::Serverless::Function)",
        "### What changed, as a diagram",
    ]


def test_git_mode_without_a_changed_template_and_its_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repository(tmp_path)
    monkeypatch.chdir(repo)
    assert _run(capsys, "--git", "HEAD") == (0, "No CloudFormation or SAM template changed since `HEAD`.\n", "")
    (repo / "stacks" / "renamed.yaml").write_text(CFN_ROLE, encoding="utf-8")
    _git(repo, "rm", "-q", "--cached", "stacks/worker.yaml")
    (repo / "stacks" / "worker.yaml").unlink()
    _git(repo, "add", "stacks/renamed.yaml")
    assert _run(capsys, "--git", "HEAD", "--no-findings") == (
        0,
        "No access change in `stacks/worker.yaml` → `stacks/renamed.yaml`.\n",
        "",
    )
    (repo / "stacks" / "webhook.yaml").write_text("Resources:\n  Fn: [unclosed\n", encoding="utf-8")
    code, out, err = _run(capsys, "--git", "HEAD", "--no-findings")
    assert code == 2 and err.startswith("stacks/webhook.yaml:") and err.count("\n") == 1
    assert "## `stacks/webhook.yaml`\n\nCould not be read: stacks/webhook.yaml:" in out
    code, out, err = _run(capsys, "--git", "no-such-ref")
    assert (code, out) == (2, "") and err.startswith("git: ") and err.count("\n") == 1
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "--git", "HEAD")
    assert (code, out) == (2, "") and err.startswith("git: ") and "not a git repository" in err


# ------------------------------------------------------------------------------------------------ Mermaid

_ID = r"(?:n\d+|more)"
_LABEL = r'"[^"`<>|]*"'
_NODE = re.compile(rf"    {_ID}(\[{_LABEL}\]|\(\[{_LABEL}\]\)|\[\({_LABEL}\)\])")
_EDGE = re.compile(rf"    ({_ID}) (-->|-\.->)(\|{_LABEL}\|)? ({_ID})")
_CLASS = re.compile(rf"    class {_ID}(,{_ID})* public")


def _structure_problems(diagram: str) -> list[str]:
    """What in a diagram falls outside the small grammar ``diff.mermaid`` writes (an empty list: none)."""
    lines = diagram.rstrip("\n").split("\n")
    problems = [] if lines[0] == "flowchart LR" else [f"first line {lines[0]!r}"]
    defined = set()
    for line in lines[1:]:
        if _NODE.fullmatch(line):
            defined.add(line.split("[")[0].split("(")[0].strip())
        elif (edge := _EDGE.fullmatch(line)) is not None:
            problems += [f"edge to undefined {node}" for node in (edge[1], edge[4]) if node not in defined]
        elif not (_CLASS.fullmatch(line) or line == "    classDef public fill:#fdd,stroke:#c00,color:#900"):
            problems.append(f"line {line!r}")
    return problems


HOSTILE = [
    'quote " pipe | hash # ; semi',
    "backtick ` brackets [x] (y) {z} <b>bold</b> &amp;",
    "arrows --> -.-> ==> %% comment",
    "end",
    "back\\slash\nnew line\ttab",
    "ünïcödé ✓ 🙂",
]


def _hostile_template() -> str:
    """A template whose principals, actions and resources hold every character Mermaid treats specially."""
    principals = ", ".join(json.dumps(f"arn:aws:iam::123456789012:role/{text}", ensure_ascii=False) for text in HOSTILE)
    actions = ", ".join(json.dumps(f"s3:{text}", ensure_ascii=False) for text in HOSTILE)
    return (
        CFN_ROLE.replace("Service: lambda.amazonaws.com", f"AWS: [{principals}]")
        + (
            "              - Effect: Allow\n"
            f"                Action: [{actions}]\n"
            f"                Resource: [{', '.join(json.dumps(text, ensure_ascii=False) for text in HOSTILE)}]\n"
        )
        + PERMISSION.replace('Principal: "*"', f"Principal: {json.dumps(HOSTILE[0], ensure_ascii=False)}")
    )


def _hostile_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    base, head = _pair(tmp_path, SAM_URL, _hostile_template())
    code, out, err = _run(capsys, "--no-findings", base, head)
    assert (code, err) == (0, "")
    return out


def test_the_diagram_keeps_to_a_grammar_whatever_the_template_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (block,) = _mermaid_blocks(_hostile_report(tmp_path, capsys))
    assert _structure_problems(block) == []
    assert "#quot;" in block and "#96;" in block and "#124;" in block and "#lt;b#gt;" in block


@given(st.text(max_size=120))
@settings(max_examples=200)
def test_a_label_is_one_quoted_line_without_characters_that_end_it(text: str) -> None:
    label = diff.mermaid_label(text)
    assert re.fullmatch(_LABEL, label) and "\n" not in label and "\r" not in label


def _many_functions(count: int) -> str:
    """A template of ``count`` functions, each open to anyone by a permission: more than a diagram shows."""
    resources = "".join(
        CFN_ROLE[CFN_ROLE.index("  Worker:") : CFN_ROLE.index("  WorkerRole:")].replace("Worker:", f"Worker{n}:")
        + PERMISSION.replace("WorkerPermission:", f"Worker{n}Permission:").replace("!Ref Worker", f"!Ref Worker{n}")
        for n in range(count)
    )
    return (
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + resources + CFN_ROLE[CFN_ROLE.index("  WorkerRole:") :]
    )


def test_many_changes_are_bounded_in_the_tables_the_diagram_and_the_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, head = _pair(tmp_path, CFN_ROLE, _many_functions(70))
    code, out, err = _run(capsys, "--no-findings", base, head)
    assert (code, err) == (0, "")
    (block,) = _mermaid_blocks(out)
    assert _structure_problems(block) == []
    edges = [line for line in block.splitlines() if "->" in line]
    assert len(edges) == diff.MAX_EDGES
    assert '    more["' in block and " more changes, see the tables" in block
    assert len(out) < diff.MAX_REPORT
    # the sections past the budget are named, not shown; the last function is one of them
    (note,) = [line for line in out.splitlines() if line.startswith("Not shown, to keep the report")]
    assert "`Worker69`" in note and "### `Worker69`" not in out and "### `Worker0` " in out
    # a report longer than a comment holds is cut at a heading, never inside a table or a diagram
    long = "## `a.yaml`\n\n" + "| row |\n" * 20 + "### `Fn`\n\n```mermaid\nflowchart LR\n```\n" + "| x |\n" * 30
    cut = diff.bounded(long, limit=len(long) - 10)
    assert cut.startswith("## `a.yaml`\n\n| row |\n") and "```mermaid" not in cut and "| x |" not in cut
    assert cut.endswith("run `cfn-lint-lambda-auth diff` for the whole of it.\n")
    assert diff.bounded(long) == long


@pytest.mark.slow
def test_every_hostile_template_gives_a_report_or_a_one_line_error() -> None:
    for name, (_suffix, text) in cases().items():
        try:
            access = diff.read_access(text, name, findings=False)
        except diff.InputError as error:
            assert "\n" not in str(error), name
            continue
        for text_out in (diff.report(diff.EMPTY, access, "b", "h"), diff.report(access, diff.EMPTY, "b", "h")):
            assert len(text_out) < diff.MAX_REPORT, name
            assert all(_structure_problems(block) == [] for block in _mermaid_blocks(text_out)), name
        assert diff.report(access, access, "t", "t") == "No access change in `t`.\n", name


def _mermaid_parse(diagrams: list[str]) -> list[str | None]:
    """Mermaid's own parser's verdict on each diagram (None: it parses); skips when Node.js or the package
    is missing, unless CFN_LINT_REQUIRE_MERMAID is set (CI sets it, after installing it)."""
    node = shutil.which("node")
    installed = (MERMAID_DIR / "node_modules" / "mermaid").is_dir() and (
        MERMAID_DIR / "node_modules" / "jsdom"
    ).is_dir()
    if node is None or not installed:
        if os.environ.get("CFN_LINT_REQUIRE_MERMAID"):
            pytest.fail("Node.js with mermaid and jsdom is required here: npm install --prefix tests/mermaid")
        pytest.skip("needs Node.js and `npm install --prefix tests/mermaid` (mermaid, jsdom)")
    done = subprocess.run(
        [node, str(MERMAID_DIR / "parse.mjs")],
        input=json.dumps(diagrams),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    verdicts: list[str | None] = json.loads(done.stdout)
    return verdicts


def test_mermaid_parses_every_diagram_the_report_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    diagrams = _mermaid_blocks(_hostile_report(tmp_path, capsys))
    base, head = _pair(tmp_path, SAM_URL, SAM_URL.replace("AWS_IAM", "NONE") + S3_STAR)
    diagrams += _mermaid_blocks(_run(capsys, "--no-findings", base, head)[1])
    base, head = _pair(tmp_path, CFN_ROLE, _many_functions(70))
    diagrams += _mermaid_blocks(_run(capsys, "--no-findings", base, head)[1])
    for text in HOSTILE:
        diagrams.append(
            f"flowchart LR\n    n0[{diff.mermaid_label(text)}]\n    n0 -->|{diff.mermaid_label(text)}| n0\n"
        )
    broken = "flowchart LR\n    n0[a (b)] --> n1\n"  # the parser does reject: an unquoted parenthesis
    verdicts = _mermaid_parse([*diagrams, broken])
    assert verdicts[:-1] == [None] * len(diagrams)
    assert verdicts[-1] is not None and "Parse error" in verdicts[-1]


# ------------------------------------------------------------------------------------------------ the workflow


def _workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def _steps() -> list[dict[str, Any]]:
    (job,) = _workflow()["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def test_the_workflow_is_complete_and_shown_in_the_readme() -> None:
    workflow = _workflow()
    triggers = workflow["on"] if "on" in workflow else workflow[True]  # YAML 1.1 (PyYAML) reads `on` as true
    assert set(triggers) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}  # to comment, nothing more
    checkout, python, *_ = _steps()
    assert checkout["uses"] == "actions/checkout@v4" and checkout["with"]["fetch-depth"] == 0  # the base's history
    assert python["uses"] == "actions/setup-python@v5"
    post = _steps()[-1]
    assert post["uses"].startswith("marocchino/sticky-pull-request-comment@") and post["with"]["path"] == "report.md"
    assert WORKFLOW.read_text(encoding="utf-8").rstrip("\n") in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_workflow_commands_post_the_report_of_a_pull_request(tmp_path: Path) -> None:
    """The run: steps after pip install, as the runner runs them (bash -e), in a clone where origin/main is the
    pull request's base and the checkout holds its change, as actions/checkout leaves it with fetch-depth 0."""
    origin = _repository(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, capture_output=True)
    _git(clone, "checkout", "-q", "-b", "pull-request")
    _change(clone)
    _git(clone, "add", "-A")
    _git(clone, "commit", "-q", "-m", "the pull request")
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    commands = [step["run"] for step in _steps() if "run" in step and not step["run"].startswith("pip install ")]
    assert commands
    for command in commands:
        command = command.replace("${{ github.base_ref }}", "main")
        assert "${{" not in command, command
        done = subprocess.run(
            ["bash", "-e", "-c", command], cwd=clone, env=environment, capture_output=True, text=True, check=False
        )
        assert (done.returncode, done.stderr) == (0, ""), command
    report = (clone / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Access changes since `origin/main`\n")
    assert "| added | Function URL, SAM `FunctionUrlConfig` | anyone, without credentials |" in report


# ------------------------------------------------------------------------------------------------ the corpus

# A SAM function with an IAM-authenticated function URL, API events and no policy of its own
CORPUS_URL_TEMPLATE = "lambda-web-adapter__tests__e2e_tests__fixtures__go-httpbin__template.yaml"


def corpus_change(text: str) -> str:
    """The issue's example change: the function URL switched to NONE and an ``s3:*`` grant added."""
    written = "      FunctionUrlConfig:\n        AuthType: AWS_IAM\n"
    assert text.count(written) == 1
    return text.replace(
        written,
        "      FunctionUrlConfig:\n        AuthType: NONE\n      Policies:\n" + S3_STAR,
    )


def test_a_corpus_template_with_its_url_opened_and_s3_star_granted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's closing example on a real template of the corpus (skipped without the corpus)."""
    source = CORPUS / "templates" / CORPUS_URL_TEMPLATE
    if not source.is_file():
        pytest.skip("the corpus is not beside the repository")
    text = source.read_text(encoding="utf-8")
    base, head = _pair(tmp_path, text, corpus_change(text))
    code, out, err = _run(capsys, base, head)
    assert (code, err) == (0, "")
    assert _section(out, "**Invokers**") == [
        "| added | Function URL, SAM `FunctionUrlConfig` | anyone, without credentials | AuthType 'NONE' | **yes** |",
        "| removed | Function URL, SAM `FunctionUrlConfig` | signed AWS requests (IAM) | AuthType 'AWS_IAM' | no |",
    ]
    (grant,) = _section(out, "**Grants of `HttpBinFunctionRole` (created by SAM)**")
    assert grant.startswith("| added | Allow | **Permissions management** | `s3:*` (180 actions")
    introduced = _section(out, "### Findings of cfn-lint-lambda-auth")
    assert {row.split(" | ")[2] for row in introduced} >= {"`WA1001`"}
    assert all(row.startswith("| introduced |") for row in introduced)
    (block,) = _mermaid_blocks(out)
    assert _structure_problems(block) == []


@pytest.mark.slow
def test_every_corpus_template_added_or_removed_gives_a_diagram_mermaid_parses() -> None:
    """Every template of the corpus compared with nothing, both ways: a report, and diagrams Mermaid's own parser
    accepts (the structure is checked without Node.js too)."""
    templates = sorted((CORPUS / "templates").glob("*"))
    if not templates:
        pytest.skip("the corpus is not beside the repository")
    diagrams = []
    for path in templates:
        access = diff.read_access(path.read_text(encoding="utf-8"), path.name, findings=False)
        assert diff.report(access, access, "t", "t") == "No access change in `t`.\n", path.name
        for text in (diff.report(diff.EMPTY, access, "b", "h"), diff.report(access, diff.EMPTY, "b", "h")):
            blocks = _mermaid_blocks(text)
            assert all(_structure_problems(block) == [] for block in blocks), path.name
            diagrams += [(path.name, block) for block in blocks]
    assert len(diagrams) > 500
    verdicts = _mermaid_parse([block for _name, block in diagrams])
    assert [(name, verdict) for (name, _), verdict in zip(diagrams, verdicts, strict=True) if verdict] == []
