"""EA2002: an AWS managed administrator or admin-equivalent policy given to a role, user or group."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.identity._deployment import deployment_principals
from lint_rules.model import AccessModel
from lint_rules.model._managed import ADMIN, ADMIN_EQUIVALENT, aws_managed_policy

_KINDS = {ADMIN: "administrator access", ADMIN_EQUIVALENT: "administrator access in all but name"}


class IamAwsManagedAdminPolicy(CloudFormationLintRule):
    """## What it does
    Finds AWS managed policies that amount to administrator access in the `ManagedPolicyArns` of roles,
    users and groups and in a SAM function's `Policies` (bare names such as `AdministratorAccess` are
    mapped to ARNs as SAM maps them; `!Sub arn:${AWS::Partition}:iam::aws:policy/...` and parameter
    defaults are read too). Which policies qualify is data (`lint_rules/data/aws_managed_policies.json`,
    written by `scripts/refresh_managed_policies.py` from the MAMIP mirror of AWS managed policies, each
    entry with its source and version): those that allow `*` on `*` (AdministratorAccess), those whose
    `NotAction` on `*` excludes at most three services (PowerUserAccess), and those that allow IAM or
    Organizations permissions management on `*` (IAMFullAccess, AWSOrganizationsFullAccess): whoever
    holds IAMFullAccess can attach AdministratorAccess to itself.

    A deployment role (one whose trust policy admits only CloudFormation, the StackSets administration role,
    or, for a role named as a stack set execution role, one administrator account:
    `lint_rules/data/deployment_roles.json`) is left to IA2028: AWS documents administrator access there.

    ## Why is this bad?
    A Lambda function whose role holds administrator access turns any code or dependency flaw into
    control of the account. Users and groups with it are the credentials attackers look for.

    ## How to suppress
    Write a policy with the actions the principal needs, or use a narrower AWS managed policy. For an
    intended administrator (a break-glass role), add `EA2002` to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [AWS managed policies for job functions](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html)
    - [Security best practices in IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [MAMIP: Monitor AWS Managed IAM Policies](https://github.com/z0ph/MAMIP)
    """

    id = "EA2002"
    shortdesc = "AWS managed administrator policy attached"
    description = (
        "An AWS managed policy such as AdministratorAccess or IAMFullAccess gives its holder the whole account."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "managed-policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    found: list[Observation] = []
    for identity in model.identities.values():
        deployment = deployment_principals(identity)
        for value in identity.managed_policy_arns:
            policy = aws_managed_policy(value.text)
            if policy is None or policy.kind not in _KINDS:
                continue
            holder = f"SAM's role for '{identity.logical_id[:-4]}'" if identity.implicit else f"'{identity.logical_id}'"
            note = f"'{policy.name}' is {_KINDS[policy.kind]}"
            if deployment:
                message = (
                    f"AWS managed policy '{policy.name}' gives deployment role {holder} (assumed by "
                    f"{deployment}) {_KINDS[policy.kind]}; AWS recommends a scoped execution role: "
                    "allow what its stacks deploy"
                )
                found.append(Observation("IA2028", value.path, message, note))
                continue
            message = (
                f"AWS managed policy '{policy.name}' gives {holder} {_KINDS[policy.kind]}; "
                "grant the actions it needs in its own policy"
            )
            found.append(Observation("EA2002", value.path, message, note))
    return found
