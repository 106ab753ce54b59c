"""IA3009: a service may assume the role with no aws:SourceAccount or aws:SourceArn condition."""

from __future__ import annotations

import functools
import json
from importlib import resources

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.model import SERVICE, AccessModel, requiring
from lint_rules.trust._common import role_label, trust_statements

# What ties a service's call to your resources: the source keys, and the external id some services
# (Amazon Data Firehose) document for their service roles instead, set to your account id.
_SOURCE_KEYS = ("aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "sts:externalid")


@functools.cache
def _exempt() -> frozenset[str]:
    text = resources.files("lint_rules.data").joinpath("service_trust.json").read_text(encoding="utf-8")
    return frozenset(name.lower() for name in json.loads(text)["services"])


class TrustPolicyServiceUnscoped(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`) that let an AWS service assume the role with no condition tying it to
    your resources: `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID` or `aws:SourceOrgPaths`
    with a concrete value under a positive operator (judged by the model's condition evaluator), or
    `sts:ExternalId`, which some services document for their roles instead (Amazon Data Firehose: your
    account id).

    Services that assume a role only for a resource of the role's own account, and whose documented
    trust policy carries no source condition, are not reported: Lambda (`lambda.amazonaws.com`,
    `edgelambda.amazonaws.com`) and EC2 instance profiles (`ec2.amazonaws.com`); the list is data
    (`lint_rules/data/service_trust.json`). This is an informational hint: not every service passes
    these keys when it assumes a role, so check the service's confused-deputy guidance first.

    ## Why is this bad?
    A service principal acts for every customer. A service that assumes roles on behalf of a resource
    (a Step Functions state machine, an EventBridge rule, a SageMaker job) can be pointed at your role
    by someone else's resource unless the trust policy names your account or resource: the
    cross-service confused deputy.

    ## How to suppress
    Add `StringEquals: {aws:SourceAccount: !Ref AWS::AccountId}` (or an `ArnLike` on `aws:SourceArn`)
    where the service supports it, or add `IA3009` to the role's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [The confused deputy problem: cross-service](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention)
    - [aws:SourceAccount](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount)
    - [Amazon Data Firehose: grant access with an IAM role](https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html)
    """

    id = "IA3009"
    shortdesc = "Service trust without a source account or ARN"
    description = "A service principal with no source condition may assume the role for another account's resource."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role", "confused-deputy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    found: list[Observation] = []
    exempt = _exempt()
    for identity, document, statement in trust_statements(model):
        services = [
            value
            for value in statement.values.get("Principal", [])
            if value.label == "Service" and value.text is not None and value.text.lower() not in exempt
        ]
        if not services:
            continue
        narrowed, loose = requiring(statement.tests, SERVICE, _SOURCE_KEYS)
        if narrowed:
            continue
        evidence = f" ({loose[0][1]})" if loose else ""
        for value in services:
            message = (
                f"{role_label(identity, document, statement)} lets service {value.describe()} assume it "
                f"with no aws:SourceAccount or aws:SourceArn condition{evidence}; add one if the service passes it"
            )
            found.append(Observation("IA3009", value.path, message, "no aws:SourceAccount or aws:SourceArn condition"))
    return found
