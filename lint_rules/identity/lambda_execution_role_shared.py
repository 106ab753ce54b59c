"""IA2011: one execution role shared by several Lambda functions."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.identity._breadth import actions_of, baseline_actions
from lint_rules.model import AccessModel, Path, access_model
from lint_rules.model._managed import BASELINE, aws_managed_policy


class LambdaExecutionRoleShared(CloudFormationLintRule):
    """## What it does
    Finds Lambda functions (`AWS::Lambda::Function`, `AWS::Serverless::Function`) whose `Role` is the
    same as another function's: the same role of the template, or the same ARN (a literal, a `!Sub`,
    the same parameter). SAM's implicit roles are one per function and never shared.

    ## Why is this bad?
    A shared role holds the union of what every function that uses it needs, so each function can do
    what all the others can: a flaw in the least trusted function reaches the data of the most
    privileged one, and no policy can tell the functions apart. A role whose only permissions are the
    standard ones (basic logging, VPC, X-Ray) is not reported: sharing it shares nothing. One finding
    per role, at the first function's `Role`, naming the others.

    ## How to suppress
    Give each function its own role with the permissions it needs (in SAM, drop `Role` and use
    `Policies`). If the functions are one unit on purpose, add `IA2011` to their
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Lambda execution role](https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html)
    - [Security best practices in IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    """

    id = "IA2011"
    shortdesc = "Execution role shared by several functions"
    description = "A role shared by functions gives each of them what all of them need."
    source_url = doc_url(id)
    tags = ["iam", "lambda", "execution-role", "least-privilege"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        groups: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        for function in model.functions.values():
            if function.role_path is None:
                continue  # SAM's implicit role: one per function
            if function.role_id is not None:
                key, name = f"id:{function.role_id}", f"'{function.role_id}'"
            else:
                known = [value for value in function.role_values if value.text is not None]
                if len(known) != 1 or len(function.role_values) != 1:
                    continue  # unknown, or Fn::If between roles: not provably the same
                key, name = f"arn:{known[0].text}", known[0].describe()
            groups.setdefault(key, []).append(function.logical_id)
            names[key] = name
        found: list[tuple[Path, str]] = []
        for key, members in groups.items():
            if len(members) < 2 or (key.startswith("id:") and _baseline_only(model, key[3:])):
                continue
            first, others = members[0], members[1:]
            listed = ", ".join(f"'{other}'" for other in others[:3])
            more = f" and {len(others) - 3} more" if len(others) > 3 else ""
            found.append(
                (
                    model.functions[first].role_path or (),
                    f"Function '{first}' shares execution role {names[key]} with {listed}{more}; "
                    "give each function its own role",
                )
            )
        return findings(cfn, found)


def _baseline_only(model: AccessModel, role: str) -> bool:
    """A role of the template whose only permissions are the standard ones every function's role may hold
    (AWSLambdaBasicExecutionRole, the VPC and X-Ray policies, or statements allowing no more): sharing it
    shares nothing worth separating."""
    identity = model.identities.get(role)
    if identity is None:
        return False
    for value in identity.managed_policy_arns:
        policy = aws_managed_policy(value.text)
        if policy is None or policy.kind != BASELINE:
            return False
    baseline = baseline_actions()
    for _, statement in model.grants(role):
        if not statement.allows:
            continue
        if "Action" not in statement.values:
            return False
        for value in statement.values["Action"]:
            covered = actions_of(value.text) if value.text is not None else None
            if not covered or any(action.qualified.lower() not in baseline for action in covered):
                return False
    return True
