"""WA1003: a service principal may invoke a function on behalf of any account's resource."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, grant_subject, quote
from lint_rules.model import NARROWING_KEYS, Invocation, Path, Value, access_model, other_keys

# Conditions that bind the caller to an account or organization, not only to a resource name.
_ACCOUNT_BOUND = {"sourceaccount", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths"}


class LambdaPermissionServiceUnscoped(CloudFormationLintRule):
    """## What it does
    Finds `AWS::Lambda::Permission` resources and `Allow` statements of `AWS::Lambda::ResourcePolicy`
    that let an AWS service (`apigateway.amazonaws.com`, `events.amazonaws.com`, regional forms such as
    `logs.us-east-1.amazonaws.com`, `alexa-appkit.amazon.com`, ...) invoke a function, with no condition
    that ties the call to one source: no `SourceArn`, `SourceAccount` or `EventSourceToken`, and no
    `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID` condition. Conditions are judged as
    EA1002 judges them: `SourceArn: "*"`, a pattern with a wildcard account, a negated operator or a
    `Fn::If` branch without the condition leave the grant open.

    In a resource policy, a statement for `s3.amazonaws.com` also needs an account condition
    (`aws:SourceAccount`): bucket names are global, and a deleted bucket's name can be taken by any
    account. For `AWS::Lambda::Permission`, cfn-lint's own W3663 already asks for `SourceAccount` there.

    The permissions SAM generates for events, authorizers, routes and connectors always carry a
    `SourceArn` and are not reported.

    This is IAM Access Analyzer's security warning *Restrict access to service principal* for the
    function policies this plugin reads (a `Permission` is a statement of the function's policy). When
    the statement tests only other keys, such as `aws:Referer` or `aws:SourceIp`, the message names the
    first, as Access Analyzer's suggestion *Recommended condition key for service principal* does: such
    keys do not name the resource the service acts for. Where Access Analyzer names only
    `aws:SourceArn` and `aws:SourceAccount`, this rule also accepts the other keys that tie a caller to
    one source, account or organization (`aws:SourceOwner`, `aws:SourceOrgID`, `lambda:EventSourceToken`,
    ...).

    ## Why is this bad?
    A service principal acts for every AWS customer. Without a source condition, any account can point
    its own API, rule, topic, load balancer or bucket at your function's ARN, and the service will
    invoke your function for it: the confused deputy problem. The function then runs, with its role's
    permissions, on input an outsider controls.

    ## How to suppress
    Set `SourceArn` to the resource that calls the function (or `SourceAccount: !Ref AWS::AccountId`
    where the service cannot name one). If the grant is meant for every account, add `WA1003` to the
    resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [The confused deputy problem](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
    - [Lambda resource-based policies: granting function access to AWS services](https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html)
    - [AWS::Lambda::Permission SourceArn and SourceAccount](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html)
    """

    id = "WA1003"
    shortdesc = "Service principal may invoke on behalf of any account"
    description = "Without SourceArn or SourceAccount, any account's resource can make the service invoke the function."
    source_url = doc_url(id)
    tags = ["lambda", "resource-policy", "permission", "confused-deputy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for invocation in access_model(cfn).written_grants():
            for value in invocation.principal:
                if not _is_service(value):
                    continue
                message = _problem(invocation, value)
                if message is not None:
                    found.append((value.path, message))
        return findings(cfn, found)


def _is_service(value: Value) -> bool:
    text = (value.text or "").lower()
    return value.label in ("*", "Service") and text.endswith((".amazonaws.com", ".amazon.com", ".amazonaws.com.cn"))


def _problem(invocation: Invocation, service: Value) -> str | None:
    subject = grant_subject(invocation)
    if invocation.statement is not None:
        fix = "add aws:SourceArn and aws:SourceAccount conditions"
    else:
        fix = "set SourceArn to the calling resource, or SourceAccount"
    target = quote(invocation.function)
    if not invocation.narrowing:
        weaker = other_keys(invocation.statement.tests, NARROWING_KEYS) if invocation.statement is not None else []
        if weaker and not invocation.loose:
            # Access Analyzer's suggestion: the source keys instead of a key no service documents as the source
            return (
                f"{subject} lets {service.describe()} invoke {target} narrowed only by '{weaker[0][:60]}', not by the "
                "source keys that name the calling resource or account (Recommended condition key for service "
                f"principal); {fix}"
            )
        why = f" ({invocation.loose[0][1]})" if invocation.loose else ""
        return f"{subject} lets {service.describe()} invoke {target} for any account's resources{why}; {fix}"
    account_bound = {key.lower() for key in invocation.narrowing} & _ACCOUNT_BOUND
    if service.text == "s3.amazonaws.com" and invocation.statement is not None and not account_bound:
        return (
            f"{subject} ties 's3.amazonaws.com' to a bucket name, not an account: a deleted bucket's name can be "
            "taken by anyone; add an aws:SourceAccount condition"
        )
    return None
