"""IA2011: one execution role shared by several Lambda functions."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model


class LambdaExecutionRoleShared(CloudFormationLintRule):
    """## What it does
    Finds Lambda functions (`AWS::Lambda::Function`, `AWS::Serverless::Function`) whose `Role` is the
    same as another function's: the same role of the template, or the same ARN (a literal, a `!Sub`,
    the same parameter). SAM's implicit roles are one per function and never shared. Reported at each
    function's `Role`, naming the others.

    ## Why is this bad?
    A shared role holds the union of what every function that uses it needs, so each function can do
    what all the others can: a flaw in the least trusted function reaches the data of the most
    privileged one, and no policy can tell the functions apart.

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
            if len(members) < 2:
                continue
            for member in members:
                path = model.functions[member].role_path
                others = [other for other in members if other != member]
                listed = ", ".join(f"'{other}'" for other in others[:3])
                more = f" and {len(others) - 3} more" if len(others) > 3 else ""
                found.append(
                    (
                        path or (),
                        f"Function '{member}' shares execution role {names[key]} with {listed}{more}; "
                        "give each function its own role",
                    )
                )
        return findings(cfn, found)
