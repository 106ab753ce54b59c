"""EA3002: a wildcard inside a principal of a role trust policy, which IAM rejects."""

from __future__ import annotations

import re

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.model import AccessModel, PolicyDocument, Value
from lint_rules.trust._common import role_label

# cfn-lint's own check of AWS principals in IAM roles' trust policies (E3530, its schema
# data/schemas/other/iam/policy.json#/definitions/AwsPrincipalArn, cfn-lint 1.58): a literal value that
# matches none of these is reported by cfn-lint already.
_CFN_LINT_ACCEPTS = re.compile(
    r"^\*$|^\d{12}$|^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:(?:root|user|group|role)"
    r"|^arn:(aws|aws-cn|aws-us-gov):sts::\d{12}:assumed-role|^arn:(aws|aws-cn|aws-us-gov):iam::cloudfront:user/.+$"
)
_LABELS = ("AWS", "Federated", "Service")


class TrustPolicyPrincipalWildcard(CloudFormationLintRule):
    """## What it does
    Finds principals of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`) that hold a wildcard without being `*` itself:
    `arn:aws:iam::111122223333:role/*`, `arn:aws:iam::*:root`, `arn:aws:sts::111122223333:assumed-role/*`,
    `*.amazonaws.com`, written literally, as a parameter's default or allowed value, or in a `Fn::If`
    branch. Values cfn-lint's E3530 already reports (an `AWS` principal of an `AWS::IAM::Role` that
    matches none of its patterns, such as an account that is a wildcard) are left to it.

    ## Why is this bad?
    IAM matches a principal exactly: `*` alone means everyone, and a wildcard inside an ARN is not
    supported, so IAM rejects the policy and the stack fails. Authors who write `role/*` usually mean
    "any role of that account", which is the account's `:root` with an `aws:PrincipalArn` condition.

    ## How to suppress
    Name the principals exactly, or name the account and add an `ArnLike` condition on
    `aws:PrincipalArn` with the pattern. Suppressing the rule does not make the template deploy.

    ## References
    - [AWS JSON policy elements: Principal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    - [aws:PrincipalArn](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn)
    """

    id = "EA3002"
    shortdesc = "Role trust policy principal holds a wildcard"
    description = "IAM does not match wildcards inside a principal; it rejects the trust policy."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    found: list[Observation] = []
    for identity, document in model.trust_policies():
        for statement in document.statements:
            for key in ("Principal", "NotPrincipal"):
                for value in statement.values.get(key, []):
                    if not _wildcard(value) or _cfn_lint_reports(document, value):
                        continue
                    fix = ", or the account with an ArnLike aws:PrincipalArn condition" if value.label == "AWS" else ""
                    message = (
                        f"{role_label(identity, document, statement)} names {key} {value.describe()}, but IAM "
                        f"takes no wildcard inside a principal; name principals exactly{fix}"
                    )
                    found.append(Observation("EA3002", value.path, message, "IAM rejects its wildcard"))
    return found


def _wildcard(value: Value) -> bool:
    text = value.text
    return text is not None and text != "*" and value.label in _LABELS and ("*" in text or "?" in text)


def _cfn_lint_reports(document: PolicyDocument, value: Value) -> bool:
    return (
        document.checked_by_cfn_lint
        and value.label == "AWS"
        and value.kind == "literal"
        and not _CFN_LINT_ACCEPTS.match(value.text or "")
    )
