"""WA4012: a condition value that its operator cannot read (Bool 'yes', IpAddress '10.0.0.0/33')."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._conditions import VALUE_MISMATCH, condition_findings


class ConditionValueTypeMismatch(CloudFormationLintRule):
    """## What it does
    Checks each literal condition value against the form its operator reads, as IAM Access Analyzer's
    *Type mismatch Boolean*, *Type mismatch number*, *Type mismatch date*, *Type mismatch IP range* and
    *Type mismatch string* checks do:

    - `Bool`: `true` or `false` (a YAML boolean or the string);
    - `Numeric...`: a number;
    - `Date...`: an ISO 8601 date or date-time, or epoch seconds;
    - `IpAddress`/`NotIpAddress`: an IPv4 or IPv6 address or CIDR range;
    - `BinaryEquals`: base64;
    - `Null`: `true` or `false`, in the documents cfn-lint does not validate (SAM function policies and
      trust policies, Lambda resource policies); cfn-lint's schema checks it in the others.

    It also mirrors *Wildcard without like operator* (`*` or `?` under `StringEquals`,
    `StringNotEquals` and their `IgnoreCase` forms, which match the character itself; `${*}` and `${?}`
    are the literal characters; the ARN operators all read wildcards, as AWS's operator page says),
    *Invalid variable for operator* (a policy variable under an operator that does not expand it:
    `Numeric`, `Date`, `IpAddress`, `Binary`, `Null`), *Invalid date value* (epoch seconds for a date
    key other than `aws:EpochTime`), *Invalid condition multiple Boolean* (several values under `Bool`
    on a single-valued key), *Invalid condition data type* (one key's values mixing JSON types, such as
    a string and a number), *Invalid vpc format* / *Invalid vpce format* (`aws:SourceVpc` /
    `aws:SourceVpce` values other than `vpc-`/`vpce-` and 8 or 17 letters and digits), and
    *Invalid Region* (a value of a Region key that is the code of no Region of any AWS partition, such as
    `us-east1`, or a code in upper case under an operator that compares case; the Region keys are
    `aws:RequestedRegion` and the service keys IAM's service data types as strings whose names end in
    `Region` or `Regions`, such as `ec2:Region` and `kms:ReplicaRegion`; the Regions are botocore's
    partitions data, `lint_rules/data/partitions.json`; a value with a wildcard is not judged). Which
    operators take wildcards and expand variables is `lint_rules/data/condition_operators.json`,
    written by `scripts/refresh_condition_operators.py` from the IAM User Guide.

    A value written with an intrinsic function or from a parameter is not judged, and neither is a
    policy variable (`${aws:username}`) under an operator that expands it.

    ## Why is this bad?
    IAM cannot read `Bool: yes` as a boolean or `10.0.0.0/33` as a range, so the condition never
    matches the way it reads: an `Allow` grants nothing, a `Deny` never applies, and the policy deploys
    without a warning.

    ## How to suppress
    Write the value in the operator's form. Add `WA4012` to the resource's
    `Metadata: cfn-lint: config: ignore_checks` only for a deliberate never-matching condition.

    ## References
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [IAM JSON policy elements: Condition operators](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
    """

    id = "WA4012"
    shortdesc = "Condition value is not of its operator's type"
    description = "A value the operator cannot read as its type never matches, so the condition fails silently."
    source_url = doc_url(id)
    tags = ["iam", "condition", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, condition_findings(cfn, VALUE_MISMATCH))
