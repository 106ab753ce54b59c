"""WA4053: an IAM role or user unique id as a principal where cfn-lint does not look."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._principals import UNIQUE_ID, principal_findings


class PrincipalUniqueId(CloudFormationLintRule):
    """## What it does
    Finds `AWS` principals written as an IAM unique id, `AROA...` for a role or `AIDA...` for a user,
    in the documents cfn-lint does not read: a SAM function's `AssumeRolePolicyDocument` and
    `AWS::Lambda::ResourcePolicy`. (In `AWS::IAM::Role` trust policies and S3, SNS, SQS and KMS policies,
    cfn-lint's E3530 and E3512 reject such a value already.) It mirrors these IAM Access Analyzer checks:

    - *Invalid role reference*: a role id (`AROA`) instead of the role's ARN.
    - *Invalid user reference*: a user id (`AIDA`) instead of the user's ARN.

    ## Why is this bad?
    IAM stores a principal's ARN as the unique id of the role or user it names today. Written as an id, the
    policy names that one incarnation: when the role or user is deleted and created again under the same
    name, it gets a new id and the policy no longer admits it, and a reader cannot tell whom the id names.

    ## How to suppress
    Write the role's or user's ARN. To keep an id on purpose (to admit only the current incarnation), add
    `WA4053` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM identifiers: unique IDs](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "WA4053"
    shortdesc = "Principal written as an IAM unique id"
    description = "A role or user id in a policy stops matching when the role or user is created again."
    source_url = doc_url(id)
    tags = ["iam", "principal", "lambda", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, principal_findings(cfn, UNIQUE_ID))
