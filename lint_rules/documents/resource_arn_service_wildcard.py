"""IA4031: a resource ARN with a wildcard in its service name."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._arns import SERVICE_WILDCARD, arn_findings


class ResourceArnServiceWildcard(CloudFormationLintRule):
    """## What it does
    Checks the service field of every ARN in the `Resource` and `NotResource` of the policy documents the
    template writes (IAM resources, SAM function `Policies`, `AWS::Lambda::ResourcePolicy`). It mirrors this
    IAM Access Analyzer check:

    - *Wildcard in service name*: `*` or `?` in the service field (`arn:aws:*:*:*:table/orders`,
      `arn:aws:s3*:::bucket`).

    Parts written with `Ref`, `Fn::GetAtt` or a parameter are not judged, nor a service field after one.
    cfn-lint's I3510 skips such ARNs; where it reports a statement's single `Resource` string for another
    reason, that key is left to it.

    ## Why is this bad?
    An ARN whose service is a wildcard matches resources of every service whose name fits, including
    services added later: the statement reaches further than the author means, and a reader cannot tell
    which service was meant. Access Analyzer suggests naming the service.

    ## How to suppress
    Name the service, with one ARN per service the statement needs. To silence it for one resource, add
    `IA4031` to its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM identifiers: ARNs](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "IA4031"
    shortdesc = "Wildcard in a resource ARN's service name"
    description = "A resource ARN whose service field holds a wildcard reaches every service that matches."
    source_url = doc_url(id)
    tags = ["iam", "resource", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, arn_findings(cfn, SERVICE_WILDCARD))
