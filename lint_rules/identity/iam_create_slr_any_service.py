"""WA2027: an identity-policy statement that allows iam:CreateServiceLinkedRole for every service."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.identity._grants import grants_by_place
from lint_rules.model import AccessModel


class IamCreateServiceLinkedRoleAnyService(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements in identity-based policies that grant `iam:CreateServiceLinkedRole` (written
    as is, or reached through an action wildcard such as `iam:Create*` or `iam:*`, or through `NotAction`)
    on every role (`Resource: "*"`, `arn:aws:iam::*:role/*`, `NotResource`) when no condition narrows it,
    such as an `iam:AWSServiceName` test with concrete service names. A `Deny` with no condition on the
    same principal closes the grant. Statements that allow every action on every resource are EA2001's
    finding and are not repeated here.

    It mirrors these IAM Access Analyzer checks:

    - *Create SLR with NotResource*
    - *Create SLR with star in action and NotResource* (`iam:Create*` with `NotResource`)
    - *Create SLR with NotAction and NotResource*
    - *Create SLR with star in resource*
    - *Create SLR with star in action and resource* (`iam:Create*` on `*`)
    - *Create SLR with star in resource and NotAction*

    A statement that grants more than this usually has a more severe finding (EA2003 for `iam:*` on `*`,
    EA2001 for `NotAction` on nearly everything), which speaks with "creates a service-linked role for any
    service" in its message, and so does WA2010 for `NotAction` or `NotResource` and WA2020 for a
    statement that also passes any role. It speaks before WA2007, whose fix ("name the resources") does
    not apply: the fix here is a condition.

    ## Why is this bad?
    A service-linked role carries the permissions its service defines, often broad ones (Organizations,
    Config, Auto Scaling). A principal that may create one for any service can switch on those
    permissions for services the workload never uses; the action is rarely needed beyond one or two
    services.

    ## How to suppress
    Add a `StringEquals: {iam:AWSServiceName: [elasticloadbalancing.amazonaws.com]}` condition naming
    the services whose role it creates, or name the roles in `Resource`
    (`arn:aws:iam::*:role/aws-service-role/SERVICE/*`). A deployment role that must create them for any
    service can carry `WA2027` in its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Using service-linked roles](https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html)
    - [IAM condition keys: iam:AWSServiceName](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_AWSServiceName)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "WA2027"
    shortdesc = "Policy allows creating service-linked roles for any service"
    description = (
        "A principal that may create the service-linked role of any service can switch on permissions the "
        "workload never uses."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "service-linked-role"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    found: list[Observation] = []
    for place, grants in grants_by_place(model, ["iam:CreateServiceLinkedRole"]).items():
        grant = grants[0]
        message = (
            f"{grant.subject()} allows {grant.written()} on {grant.resource()} with no iam:AWSServiceName "
            "condition, so it may create the service-linked role of any service; add a StringEquals test on "
            "iam:AWSServiceName naming the services it needs"
        )
        found.append(
            Observation("WA2027", place, message, "creates a service-linked role for any service", grant.statement.path)
        )
    return found
