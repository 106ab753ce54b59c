"""WA4017: a condition key AWS says to use only with a companion key, without it."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._conditions import UNPAIRED_KEY, condition_findings


class ConditionKeyUnpaired(CloudFormationLintRule):
    """## What it does
    Reports a condition key tested without the key AWS says it must come with, IAM Access Analyzer's
    security warning *Missing paired condition keys*. The pairs are those AWS's global-key page states
    (`lint_rules/data/global_condition_keys.json`, `pair_with`):

    - `aws:VpcSourceIp` with `aws:SourceVpc`, `aws:SourceVpce` or `aws:SourceVpcArn` ("Always use the
      `aws:VpcSourceIp` condition key with ...");
    - `aws:Ec2InstanceSourcePrivateIPv4` with `aws:Ec2InstanceSourceVpc` ("You must use this condition
      key with its companion key").

    The companion counts when the statement's Condition tests it or names it as a policy variable
    (`"aws:Ec2InstanceSourcePrivateIPv4": "${aws:VpcSourceIp}"` beside a test of the VPC). An `Allow`
    must carry the companion itself; a `Deny` may leave it to another statement of the same document,
    as AWS's own example guardrail does with two `Deny` statements.

    ## Why is this bad?
    Private IP ranges are not unique: two unrelated VPCs can use the same CIDR. A condition on the
    private address alone admits requests from any VPC with an overlapping range, so an `Allow` meant
    for one network grants far more than it reads.

    ## How to suppress
    Add the companion key to the same Condition (`StringEquals: {aws:SourceVpc: vpc-...}`). To accept the
    wider grant, add `WA4017` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [AWS global condition context keys: aws:VpcSourceIp](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpcsourceip)
    - [AWS global condition context keys: aws:Ec2InstanceSourcePrivateIPv4](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-ec2instancesourceprivateip4)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-security-warning-missing-paired-condition-keys)
    """

    id = "WA4017"
    shortdesc = "Condition key without its companion key"
    description = (
        "aws:VpcSourceIp without aws:SourceVpc(e)/SourceVpcArn, or aws:Ec2InstanceSourcePrivateIPv4 without "
        "aws:Ec2InstanceSourceVpc, admits any VPC with an overlapping private range."
    )
    source_url = doc_url(id)
    tags = ["iam", "condition", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, condition_findings(cfn, UNPAIRED_KEY))
