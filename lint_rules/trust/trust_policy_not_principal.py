"""EA3003: NotPrincipal in a role trust policy, which IAM rejects."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.model import AccessModel
from lint_rules.trust._common import role_label


class TrustPolicyNotPrincipal(CloudFormationLintRule):
    """## What it does
    Finds statements of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`) that use `NotPrincipal`, with `Allow` or `Deny`. cfn-lint's E3530 accepts
    the key. It mirrors the IAM Access Analyzer checks *Role trust policy syntax error notprincipal*
    (any effect) and *Allow with NotPrincipal* (in role trust policies only: the plugin does not load
    the other resource policies where that check applies). A statement that has `Principal` too is one
    finding here, with EA4001's "both `Principal` and `NotPrincipal`" folded into it.

    ## Why is this bad?
    IAM does not support `NotPrincipal` in a role trust policy, and with `Allow` it is not supported in
    any policy: the stack fails to create or update the role. Were it accepted, an `Allow` would let every
    principal but the ones named assume the role.

    ## How to suppress
    Name the principals that may assume the role in `Principal`; to exclude some, use a `Deny`
    statement with `Principal: {AWS: "*"}` and an `ArnNotEquals` `aws:PrincipalArn` condition. Suppressing the rule does not make the template
    deploy.

    ## References
    - [AWS JSON policy elements: NotPrincipal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)
    """

    id = "EA3003"
    shortdesc = "Role trust policy uses NotPrincipal"
    description = "IAM rejects NotPrincipal in a role trust policy; with Allow it would admit everyone else."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    """One observation per trust statement with NotPrincipal, at that key (where EA4001 reports a statement that
    also has Principal: one fact, folded)."""
    found: list[Observation] = []
    for identity, document in model.trust_policies():
        for statement in document.statements:
            path = statement.key_paths.get("NotPrincipal")
            if path is None:
                continue
            label = role_label(identity, document, statement)
            if statement.allows and "Principal" in statement.key_paths:
                message = (
                    f"{label} allows NotPrincipal beside Principal, and IAM rejects NotPrincipal in a trust policy; "
                    "remove NotPrincipal (Principal names who may assume the role)"
                )
            elif statement.allows:
                message = (
                    f"{label} allows NotPrincipal, which IAM rejects in a trust policy; "
                    "name who may assume the role in Principal"
                )
            else:
                message = (
                    f"{label} uses NotPrincipal, which IAM rejects in a trust policy; deny with "
                    "Principal {AWS: '*'} and an ArnNotEquals aws:PrincipalArn condition instead"
                )
            found.append(Observation("EA3003", path, message, "IAM rejects NotPrincipal in a trust policy"))
    return found
