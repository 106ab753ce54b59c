"""EA4021: aws:SourceIp tested against private ranges only, which the key never holds."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._conditions import PRIVATE_SOURCE_IP, condition_findings


class ConditionSourceIpPrivate(CloudFormationLintRule):
    """## What it does
    Reads `aws:SourceIp` conditions with literal CIDR values and reports those whose every range is private
    or reserved (RFC 1918, loopback, link-local, shared address space: Python's `ipaddress` table of IANA's
    special-purpose ranges; the documentation ranges such as `203.0.113.0/24` count as public, as AWS's own
    examples use them). It mirrors these IAM Access Analyzer checks:

    - *Private IP address*: `IpAddress` with only private ranges never matches.
    - *Private NotIpAddress*: `NotIpAddress` with only private ranges always matches.

    `aws:VpcSourceIp`, the key for traffic through a VPC endpoint, is the good twin and is not judged.

    ## Why is this bad?
    `aws:SourceIp` holds the public address of a request; requests from a VPC through an endpoint carry no
    `aws:SourceIp` at all, and a private address is never in it. An `Allow` limited to private ranges grants
    nothing; a `Deny` with `NotIpAddress` on private ranges denies every request (or, the other way round,
    a `Deny` with `IpAddress` never applies: a guardrail that silently does nothing).

    ## How to suppress
    Test `aws:VpcSourceIp` (with `aws:SourceVpc` or `aws:SourceVpce`) for VPC traffic, or list public
    ranges. To silence it for one resource, add `EA4021` to its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [AWS global condition context keys: aws:SourceIp](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "EA4021"
    shortdesc = "Private ranges only in aws:SourceIp"
    description = "aws:SourceIp never holds a private address: IpAddress never matches, NotIpAddress always does."
    source_url = doc_url(id)
    tags = ["iam", "condition", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, condition_findings(cfn, PRIVATE_SOURCE_IP))
