"""WA3020: an IAM user given a policy directly instead of through a group."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model


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
    what.

    ## How to suppress
    Move the policy to an `AWS::IAM::Group` and add the user to it (`Groups`), or replace the user with a
    role. Or add `WA3020` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Security best practices in IAM: use groups, prefer roles](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html)
    - [IAM user groups](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html)
    """

    id = "WA3020"
    shortdesc = "IAM user given a policy directly"
    description = "Permissions given to each user, not a group, drift apart and outlive the person's job."
    source_url = doc_url(id)
    tags = ["iam", "user", "policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for identity in access_model(cfn).identities.values():
            if identity.kind != "user":
                continue
            for path, described in identity.direct_policies:
                found.append(
                    (
                        path,
                        f"User '{identity.logical_id}' is given {described} directly; "
                        "attach it to a group the user joins, or use a role",
                    )
                )
        return findings(cfn, found)
