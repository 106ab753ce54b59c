"""A loader that raises costs one resource's findings and one line on stderr; the traceback only with
--debug. cfn-lint's real CLI runs in a subprocess; the one thing injected is a plugin loader that raises
(the hostile templates in test_hostile.py no longer make any loader fail)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# Run cfn-lint's CLI entry point after replacing the AWS::Lambda::Url loader by one that raises.
_CLI_WITH_FAILING_LOADER = """
import sys
import lint_rules.model as model
from cfnlint.runner import main

def fail(ctx, logical_id, props, path):
    raise RecursionError("maximum recursion depth exceeded\\nwhile decoding a JSON array")

model._LOADERS["AWS::Lambda::Url"] = fail
sys.exit(main())
"""
_TEMPLATE = """Resources:
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:orders
      AuthType: NONE
  OtherUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:invoices
      AuthType: AWS_IAM
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: orders
      Action: lambda:InvokeFunction
      Principal: "*"
"""
_LINE = (
    "cfn-lint-lambda-auth could not model {id} (AWS::Lambda::Url), its findings are skipped: RecursionError: "
    "maximum recursion depth exceeded while decoding a JSON array; {then}"
)


def _lint(template: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", _CLI_WITH_FAILING_LOADER, "--format", "parseable", "--append-rules=lint_rules"]
    command += [*extra, "--", str(template)]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "template.yaml"
    path.write_text(_TEMPLATE, encoding="utf-8")
    return path


def test_load_failure_is_one_line_per_resource_by_default(template: Path) -> None:
    done = _lint(template)
    then = "run cfn-lint with --debug for the traceback"
    assert done.stderr.splitlines() == [_LINE.format(id="Url", then=then), _LINE.format(id="OtherUrl", then=then)]
    # Only the failed resources' findings are lost: the permission is still reported.
    ours = [line.split(":", 1)[1] for line in done.stdout.splitlines() if ":EA" in line or ":WA" in line]
    assert ours == [
        "17:7:17:16:EA1002:Permission 'Permission' lets any principal invoke a function outside this template; "
        "name the caller or set SourceArn, SourceAccount or PrincipalOrgID"
    ]
    assert done.returncode == 2


def test_load_failure_traceback_only_with_debug(template: Path) -> None:
    done = _lint(template, "--debug")
    lines = done.stderr.splitlines()
    first = lines.index(_LINE.format(id="Url", then="the traceback follows"))
    assert lines[first + 1] == "Traceback (most recent call last):"
    assert "RecursionError: maximum recursion depth exceeded" in lines
    assert _LINE.format(id="OtherUrl", then="the traceback follows") in lines
