"""IA3009: a service may assume the role with no aws:SourceAccount or aws:SourceArn condition."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import NamedTuple

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.model import SERVICE, AccessModel, other_keys, requiring
from lint_rules.trust._common import role_label, trust_statements

# What ties a service's call to your resources: the source keys, and the external id some services
# (Amazon Data Firehose) document for their service roles instead, set to your account id.
_SOURCE_KEYS = ("aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "sts:externalid")
# A regional service principal ('states.eu-west-1.amazonaws.com', or 'states.${AWS::Region}.amazonaws.com', which
# the model resolves to 'states.<region>.amazonaws.com') is the service's own principal for that Region.
_REGIONAL = re.compile(
    r"^([a-z0-9-]+)\.(?:<region>|\$\{aws::region\}|[a-z]{2}(?:-gov)?-[a-z]+-\d)\.(amazonaws\.com(?:\.cn)?)$"
)


class _Service(NamedTuple):  # not a dataclass: cfn-lint's directory mode imports this file outside sys.modules
    source: str
    source_arn: str | None


@functools.cache
def _narrowable() -> dict[str, _Service]:
    """The services documented to set the source keys when they assume a role (data/service_trust.json)."""
    text = resources.files("lint_rules.data").joinpath("service_trust.json").read_text(encoding="utf-8")
    entries = json.loads(text)["narrowable"]
    return {name.lower(): _Service(entry["source"], entry.get("source_arn")) for name, entry in entries.items()}


def _service(principal: str) -> _Service | None:
    name = principal.strip().lower()
    regional = _REGIONAL.match(name)
    if regional:
        name = f"{regional.group(1)}.{regional.group(2)}"
    return _narrowable().get(name)


def condition_block(service: _Service) -> str:
    """The Condition to add, written as JSON (which YAML reads as well), pseudo parameters as intrinsics."""
    block = '"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}'
    if service.source_arn:
        block += f', "ArnLike": {{"aws:SourceArn": {{"Fn::Sub": "{service.source_arn}"}}}}'
    return f'"Condition": {{{block}}}'


class TrustPolicyServiceUnscoped(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`) that let an AWS service assume the role with no condition tying it to
    your resources: `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID` or `aws:SourceOrgPaths`
    with a concrete value under a positive operator (judged by the model's condition evaluator), or
    `sts:ExternalId`, which some services document for their roles instead.

    Only services whose documentation says they set these keys when they assume a role, and recommends
    a trust-policy condition on them, are reported (Step Functions, EventBridge, EventBridge Scheduler,
    AWS Config, VPC Flow Logs, EC2 Auto Scaling, RDS and its Enhanced Monitoring, Amazon Personalize,
    Amplify; regional principals such as `states.${AWS::Region}.amazonaws.com` count as their service). The list is data, one documentation
    page per service (`lint_rules/data/service_trust.json`); for any other service a condition on these
    keys may never match, so nothing is said. The message gives the `Condition` block to add, with the
    `aws:SourceArn` pattern where the service documents one. When the role is also a function's
    execution role, WA3008 reports the principal and this finding folds into it. When the statement
    tests only other keys (`aws:SourceIp`, `aws:Referer`), the message names the first, as IAM Access
    Analyzer's suggestion *Recommended condition key for service principal* does for resource policies
    (WA1003 is this plugin's *Restrict access to service principal* for a function's policy).

    ## Why is this bad?
    A service principal acts for every customer. A service that assumes roles on behalf of a resource
    (a Step Functions state machine, an EventBridge rule, a schedule) can be pointed at your role by
    someone else's resource unless the trust policy names your account or resource: the cross-service
    confused deputy.

    ## How to suppress
    Add the `Condition` the message gives (`StringEquals: {aws:SourceAccount: !Ref AWS::AccountId}`, and
    where documented an `ArnLike` on `aws:SourceArn`), or add `IA3009` to the role's
    `Metadata: cfn-lint: config: ignore_checks`. Informational rules run only with `cfn-lint -c I`.

    ## References
    - [The confused deputy problem: cross-service](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention)
    - [aws:SourceAccount](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount)
    - [Step Functions: prevent cross-service confused deputy](https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html)
    - [EventBridge Scheduler: confused deputy prevention](https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html)
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
    for identity, document, statement in trust_statements(model):
        services = [
            (value, service)
            for value in statement.values.get("Principal", [])
            if value.label == "Service" and value.text is not None and (service := _service(value.text)) is not None
        ]
        if not services:
            continue
        narrowed, loose = requiring(statement.tests, SERVICE, _SOURCE_KEYS)
        if narrowed:
            continue
        evidence = f" ({loose[0][1]})" if loose else ""
        weaker = [] if loose else other_keys(statement.tests, _SOURCE_KEYS)
        for value, service in services:
            if weaker:  # Access Analyzer's suggestion Recommended condition key for service principal
                what = (
                    f"assume it narrowed only by '{weaker[0][:60]}', not by the source keys that name your resource or "
                    "account (Recommended condition key for service principal)"
                )
            else:
                what = f"assume it on behalf of any account's resource{evidence}"
            message = (
                f"{role_label(identity, document, statement)} lets service {value.describe()} {what}; the service sets "
                f"aws:SourceAccount, so add {condition_block(service)}"
            )
            found.append(Observation("IA3009", value.path, message, "no aws:SourceAccount or aws:SourceArn condition"))
    return found
