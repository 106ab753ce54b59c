"""EA3003: NotPrincipal with Allow in a role trust policy, which IAM rejects."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model
from lint_rules.trust._common import role_label, trust_statements


class TrustPolicyNotPrincipal(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`) that use `NotPrincipal`. cfn-lint's E3530 accepts the key.

    ## Why is this bad?
    IAM does not support `NotPrincipal` in a role trust policy, and with `Allow` it is not supported in
    any policy: the stack fails to create or update the role. Were it accepted, it would let every
    principal but the ones named assume the role.

    ## How to suppress
    Name the principals that may assume the role in `Principal`; to exclude some, use a `Deny`
    statement with an `aws:PrincipalArn` condition. Suppressing the rule does not make the template
    deploy.

    ## References
    - [AWS JSON policy elements: NotPrincipal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)
    """

    id = "EA3003"
    shortdesc = "Role trust policy uses NotPrincipal with Allow"
    description = "IAM rejects NotPrincipal in a role trust policy; with Allow it would admit everyone else."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for identity, document, statement in trust_statements(access_model(cfn)):
            path = statement.key_paths.get("NotPrincipal")
            if path is not None:
                found.append(
                    (
                        path,
                        f"{role_label(identity, document, statement)} allows NotPrincipal, which IAM rejects in a "
                        "trust policy; name who may assume the role in Principal",
                    )
                )
        return findings(cfn, found)
