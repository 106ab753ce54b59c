"""WA4016: a retired global condition key (aws:ARN) that AWS tells authors to replace."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._conditions import DEPRECATED_KEY, condition_findings


class ConditionKeyDeprecated(CloudFormationLintRule):
    """## What it does
    Reports a condition key that AWS has retired, IAM Access Analyzer's general warning
    *Deprecated global condition key*: `aws:ARN`, which Access Analyzer asks to replace with
    `aws:PrincipalArn` (and, in its error *Unsupported global condition key*, with `aws:PrincipalArn` or
    `aws:SourceArn`). The
    list of retired keys is the plugin's global-key table (`lint_rules/data/global_condition_keys.json`,
    `retired`, from Access Analyzer's check reference); AWS's global-key page lists none of them. It
    reads every policy document the plugin loads (IAM resources, SAM function `Policies` and trust
    policies, `AWS::Lambda::ResourcePolicy`, the other resource policies). Key names are
    case-insensitive: `aws:arn` is the same key.

    ## Why is this bad?
    A retired key is not one AWS documents for new policies: what it holds, and for which requests, is
    not what the author meant by it. The condition does not test the caller's ARN the way
    `aws:PrincipalArn` does, so an `Allow` may grant nothing and a `Deny` guardrail may not apply.

    ## How to suppress
    Use `aws:PrincipalArn` for the ARN of the calling principal, or `aws:SourceArn` for the resource a
    service acts for. To keep the key, add `WA4016` to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-general-warning-deprecated-global-condition-key)
    - [AWS global condition context keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
    """

    id = "WA4016"
    shortdesc = "Retired global condition key"
    description = "aws:ARN is retired: use aws:PrincipalArn for the caller or aws:SourceArn for the source resource."
    source_url = doc_url(id)
    tags = ["iam", "condition", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, condition_findings(cfn, DEPRECATED_KEY))
