"""IA4022: a condition, or part of one, that tests nothing or less than it reads."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._conditions import NO_EFFECT, condition_findings


class ConditionWithoutEffect(CloudFormationLintRule):
    """## What it does
    Reports conditions whose written form says more than IAM evaluates. It mirrors these IAM Access
    Analyzer suggestions:

    - *Empty object condition*: `Condition: {}`.
    - *Empty array condition*: a key with `[]` under an operator.
    - *Empty array condition IfExists*: `[]` under an `...IfExists` operator, which then matches only
      requests without the key (write `Null` for that).
    - *Redundant condition value num*: several values under `NumericLessThan` (and the other bounds) where
      only the greatest or the least decides.
    - *Improve IP range*: a CIDR with bits set after its mask (`203.0.113.5/24`), which IAM ignores.
    - *Private IP address subset* and *Private NotIpAddress subset*: `aws:SourceIp` with public and private
      ranges together; the private ones never match (EA4021 reports the case of only private ranges).

    ## Why is this bad?
    None of these changes who gets access, but each misleads the reader of the policy: a condition that
    looks like a restriction and is not, values that are never compared. Informational: worth knowing in
    review.

    ## How to suppress
    Write the condition as IAM reads it (the message gives the form). To silence it for one resource, add
    `IA4022` to its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: Condition](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "IA4022"
    shortdesc = "Condition that tests nothing or less than it reads"
    description = "An empty condition, redundant numeric values, or CIDR bits IAM ignores."
    source_url = doc_url(id)
    tags = ["iam", "condition", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, condition_findings(cfn, NO_EFFECT))
