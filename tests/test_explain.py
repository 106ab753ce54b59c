"""``python -m lint_rules.explain``: the hover summary of every function, without an editor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

EXAMPLE_EXPLAINED = """\
### `WebhookFunction` (AWS::Serverless::Function)

**Who can invoke it**

- Function URL, SAM `FunctionUrlConfig`: AuthType 'NONE': **anyone, without credentials**

**Execution role**: `WebhookFunctionRole`, created by SAM for this function

- Managed policies: `AWSLambdaBasicExecutionRole`
- **Administrator**: Statement 0 of SAM inline policy 1 allows every action on every resource

### `ReportFunction` (AWS::Serverless::Function)

**Who can invoke it**

- Permission `ReportInvokePermission`: principal '*', action lambda:InvokeFunction, **not narrowed** \
(no SourceArn, SourceAccount or PrincipalOrgID)

**Execution role**: `ReportFunctionRole`, created by SAM for this function

- Managed policies: `AWSLambdaBasicExecutionRole`
- 5 other action(s), on named resources
"""


def _explain(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lint_rules.explain", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_every_function_of_the_example() -> None:
    done = _explain("examples/template.yaml")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == EXAMPLE_EXPLAINED


def test_one_function() -> None:
    done = _explain("examples/template.yaml", "--function", "ReportFunction")
    assert done.returncode == 0
    assert done.stdout == EXAMPLE_EXPLAINED[EXAMPLE_EXPLAINED.index("### `ReportFunction`") :]


def test_unknown_function() -> None:
    done = _explain("examples/template.yaml", "--function", "Nope")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "examples/template.yaml: no function named Nope (found: WebhookFunction, ReportFunction)\n"


def test_unparsable_template(tmp_path: Path) -> None:
    broken = tmp_path / "t.yaml"
    broken.write_text("Resources:\n  A: [\n", encoding="utf-8")
    done = _explain(str(broken))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"{broken}:3:1: did not find expected node content\n"


CFN_FUNCTIONS_EXPLAINED = """\
### `Worker` (AWS::Lambda::Function)

**Who can invoke it**

- Function URL, `WorkerUrl` (AWS::Lambda::Url): AuthType 'AWS_IAM'
- Permission `WorkerBucketPermission`: principal 's3.amazonaws.com', action lambda:InvokeFunction, narrowed by \
SourceAccount
- API `WorkerMethod` (AWS::ApiGateway::Method): authorization 'NONE'

**Execution role**: `WorkerRole`, in this template

- Managed policies: `AWSLambdaBasicExecutionRole`
- **NotAction**: Statement 0 of inline policy 'everything-but-iam' allows every action except `iam:*`, on every \
resource

### `Ops` (AWS::Lambda::Function)

**Who can invoke it**

- nothing in this template grants invocation (only identities whose own policies allow it)

**Execution role**: outside this template: 'arn:aws:iam::111122223333:role/ops'

- its policies are not in this template
"""


def test_plain_cloudformation_functions_template_and_external_roles() -> None:
    done = _explain("tests/lsp/cfn_functions.yaml")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == CFN_FUNCTIONS_EXPLAINED
