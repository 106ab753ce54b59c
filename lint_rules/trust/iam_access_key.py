"""IA3024: a long-term IAM access key created by the template."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model


class IamAccessKey(CloudFormationLintRule):
    """## What it does
    Reports every `AWS::IAM::AccessKey`, on its `Type`, naming the user it belongs to. Where the key's
    secret goes is judged by EA3025 (outputs, Lambda environment variables, SSM parameters) and WA3026
    (other resources' properties). cfn-lint itself does not report access keys.

    ## Why is this bad?
    An access key is a long-term credential: it works until someone deactivates it, from anywhere, for
    anyone who has copied it. AWS recommends roles and temporary credentials (a Lambda function's
    execution role, IAM Roles Anywhere, IAM Identity Center) instead. It is informational because some
    integrations (a third-party service that cannot assume a role, SMTP credentials for Amazon SES) still
    need a key.

    cfn-lint decides severity by the id's first letter, so this rule cannot be switched to a warning by
    an option. To make CI fail on it, include it (`cfn-lint -c IA3024`) and fail on informational
    findings (`--non-zero-exit-code informational`).

    ## How to suppress
    Replace the user and key with a role the workload assumes, or add `IA3024` to the key's
    `Metadata: cfn-lint: config: ignore_checks`. Informational rules run only with `cfn-lint -c I`.

    ## References
    - [Manage access keys for IAM users](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html)
    - [Require workloads to use temporary credentials](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles)
    """

    id = "IA3024"
    shortdesc = "Long-term IAM access key in the template"
    description = "An access key works until deactivated, for anyone who has copied it."
    source_url = doc_url(id)
    tags = ["iam", "user", "access-key", "credentials"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        owners = {key: user.logical_id for user in model.identities.values() for key in user.access_keys}
        found: list[tuple[Path, str]] = []
        for key, path in model.access_keys.items():
            owner = f"user '{owners[key]}'" if key in owners else "a user outside this template"
            found.append(
                (
                    (*path, "Type"),
                    f"Access key '{key}' gives {owner} long-term credentials; "
                    "use a role and temporary credentials instead",
                )
            )
        return findings(cfn, found)
