"""IA3021: an IAM user that belongs to no group."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.model import AccessModel


class UserWithoutGroup(CloudFormationLintRule):
    """## What it does
    Finds `AWS::IAM::User` resources that no group holds: no `Groups` property and no
    `AWS::IAM::UserToGroupAddition` in the template that adds them. The finding is placed on the user's
    `Type`, since the missing `Groups` has no key of its own. cfn-lint itself does not report it.

    ## Why is this bad?
    AWS recommends managing users' permissions through groups. A user outside any group either has no
    permissions (and perhaps should not exist) or has them directly (reported by IA3020). It is
    informational: the user may join a group managed outside this template.

    ## How to suppress
    Add the user to a group (`Groups`), replace the user with a role, or add `IA3021` to the resource's
    `Metadata: cfn-lint: config: ignore_checks`. Informational rules run only with `cfn-lint -c I`.

    ## References
    - [IAM user groups](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html)
    - [Security best practices in IAM](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html)
    """

    id = "IA3021"
    shortdesc = "IAM user in no group"
    description = "Users' permissions are easiest to review when groups carry them."
    source_url = doc_url(id)
    tags = ["iam", "user", "group"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    found: list[Observation] = []
    for identity in model.identities.values():
        if identity.kind == "user" and not identity.groups:
            message = (
                f"User '{identity.logical_id}' belongs to no group; "
                "add it to a group that carries its permissions, or use a role"
            )
            fact = ("user", identity.logical_id)
            found.append(Observation("IA3021", (*identity.path, "Type"), message, "belongs to no group", fact))
    return found
