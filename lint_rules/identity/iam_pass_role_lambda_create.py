"""EA2021: a principal that may pass any role to Lambda and create or reconfigure functions on every function."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.identity._grants import principal_label
from lint_rules.model import AccessModel, permissions

_LAMBDA = ["lambda.amazonaws.com"]
_FUNCTION_ACTIONS = ("lambda:CreateFunction", "lambda:UpdateFunctionConfiguration")


class IamPassRoleLambdaCreate(CloudFormationLintRule):
    """## What it does
    Judges the union of each role's, user's and group's identity policies (inline policies, attached
    `AWS::IAM::Policy`/`ManagedPolicy`, a SAM function's `Policies`): reports a principal allowed
    `iam:PassRole` on every role (with no `iam:PassedToService` condition, or one that admits
    `lambda.amazonaws.com`) together with `lambda:CreateFunction` or `lambda:UpdateFunctionConfiguration`
    on every function. The finding is at the Lambda action; the message names the PassRole statement.
    AWS managed policies attached by ARN are not read.

    ## Why is this bad?
    Together the two let the principal create a function, or point an existing function, at any role
    Lambda may assume and run its own code with that role's permissions: a privilege escalation to the
    strongest such role in the account.

    ## How to suppress
    Scope `iam:PassRole` to the execution roles the principal deploys (`Resource` with their ARNs) or
    scope the Lambda actions to the functions it manages. If the principal is a deployment role meant to
    do this, add `EA2021` to its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Lambda execution role: iam:PassRole](https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html)
    - [Granting a user permissions to pass a role to an AWS service](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html)
    - [Rhino Security Labs: AWS IAM privilege escalation, methods 15-16](https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/)
    """

    id = "EA2021"
    shortdesc = "Principal can pass any role to functions it creates"
    description = (
        "iam:PassRole on every role with lambda:CreateFunction or UpdateFunctionConfiguration runs code as any role."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "pass-role", "privilege-escalation", "lambda"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    found: list[Observation] = []
    for identity in model.identities:
        allowed = permissions(model, identity)
        passing = [grant for grant in allowed.grants("iam:PassRole") if grant.reaches(_LAMBDA)]
        if not passing:
            continue
        who = principal_label(model, identity)
        for action in _FUNCTION_ACTIONS:
            for grant in allowed.open(action):
                message = (
                    f"{who} may pass {passing[0].reach() or 'any role'} to Lambda ({passing[0].subject()}) "
                    f"and {grant.written()} on {grant.resource()}; scope iam:PassRole to the roles it deploys"
                )
                note = f"{who} may run functions with any role"
                found.append(Observation("EA2021", grant.where, message, note, grant.statement.path))
    return found
