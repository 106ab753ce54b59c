"""IA3020 (was WA3020): an IAM user given a policy directly instead of through a group."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._renames import honour_old_ids
from lint_rules._verdicts import Observation, speak
from lint_rules.model import AccessModel


class UserPolicyDirect(CloudFormationLintRule):
    """## What it does
    Finds `AWS::IAM::User` resources given permissions directly: an inline policy in the user's
    `Policies`, a managed policy in its `ManagedPolicyArns`, or a policy resource (`AWS::IAM::Policy`,
    `AWS::IAM::ManagedPolicy`, `AWS::IAM::UserPolicy`) that names the user in `Users`/`UserName`.
    The finding is placed on the entry that attaches the policy. cfn-lint itself says nothing about users'
    policies beyond their syntax.

    ## Why is this bad?
    IAM users hold long-term credentials; AWS recommends roles and federation for people and workloads,
    and where a user must exist, permissions granted to groups rather than to each user. Per-user
    policies drift apart, are forgotten when a person changes jobs, and make it hard to review who can do
    what. It is informational: AWS's advice (and CIS AWS Foundations 1.15) is a recommendation to review, and a
    single-purpose user with one policy (a pipeline's deploy user, a sample's test user) is often deliberate.

    This rule was `WA3020` until its level changed (see [renamed rules](../renamed-rules.md)); the old id still
    works in `-i`, `ignore_checks` and the baseline.

    ## How to suppress
    Move the policy to an `AWS::IAM::Group` and add the user to it (`Groups`), or replace the user with a
    role. Or add `IA3020` to the resource's `Metadata: cfn-lint: config: ignore_checks`. Informational rules
    run only with `cfn-lint -c I`.

    ## References
    - [Security best practices in IAM: use groups, prefer roles](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html)
    - [IAM user groups](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html)
    """

    id = "IA3020"
    shortdesc = "IAM user given a policy directly"
    description = "Permissions given to each user, not a group, drift apart and outlive the person's job."
    source_url = doc_url(id)
    tags = ["iam", "user", "policy"]

    def __init__(self) -> None:
        super().__init__()
        honour_old_ids(self)

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    """One observation per user, every policy given to it directly listed, at the first."""
    found: list[Observation] = []
    for identity in model.identities.values():
        if identity.kind != "user" or not identity.direct_policies:
            continue
        described = [text for _, text in identity.direct_policies]
        listed = ", ".join(described[:2]) + (f" and {len(described) - 2} more" if len(described) > 2 else "")
        them = "it" if len(described) == 1 else "them"
        message = f"User '{identity.logical_id}' is given {listed} directly; attach {them} to a group the user joins, or use a role"
        path = identity.direct_policies[0][0]
        found.append(Observation("IA3020", path, message, "is given policies directly", ("user", identity.logical_id)))
    return found
