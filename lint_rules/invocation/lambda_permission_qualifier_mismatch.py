"""WA1014: a Lambda permission covers another qualifier than the one its caller invokes."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, grant_subject
from lint_rules.model import Caller, Invocation, Path, access_model

_INVOKE = {"lambda:invokefunction", "lambda:*", "*"}


class LambdaPermissionQualifierMismatch(CloudFormationLintRule):
    """## What it does
    Pairs each push integration the template wires to a function (an `AWS::Events::Rule` target, an SNS
    subscription, an S3 bucket notification, an API Gateway integration, a log subscription filter) with the
    `AWS::Lambda::Permission` resources and `AWS::Lambda::ResourcePolicy` statements that admit it: the
    integration's service as principal, and a `SourceArn` naming that rule, topic, bucket, API or log group
    (or no source at all). When none of them covers the ARN the integration invokes, and they cover another
    one, it reports them: a grant on the unqualified function while the caller invokes an alias or version
    (`!Ref Fn.Alias`, `!Ref LiveAlias`, `${Fn.Arn}:live`, SAM's `AutoPublishAlias`), or a grant on an alias
    while the caller invokes the unqualified function. It reports only when both ARNs are known from the
    template.

    ## Why is this bad?
    A function, each of its versions and each alias has its own resource-based policy: a grant covers the ARN
    it names and no other. The caller's invocations are denied (S3 refuses the notification configuration at
    deploy time; EventBridge, SNS and API Gateway fail at run time), or a grant meant for the alias exposes
    unpublished `$LATEST` code.

    ## How to suppress
    Name the same ARN in the permission's `FunctionName` as the caller invokes (with SAM's
    `AutoPublishAlias`, `!Ref Fn.Alias` in both), or add `WA1014` to the permission's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Using Lambda aliases in event sources and permissions policies](https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html)
    - [Viewing resource-based IAM policies in Lambda](https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html)
    - [AddPermission (Qualifier)](https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html)
    - [SAM AutoPublishAlias](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-autopublishalias)
    """

    id = "WA1014"
    shortdesc = "Lambda permission and its caller name different qualifiers"
    description = "A grant covers only the ARN it names: a caller invoking another alias or version is denied."
    source_url = doc_url(id)
    tags = ["lambda", "permission", "alias", "version"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        found: list[tuple[Path, str]] = []
        for caller in model.callers:
            if caller.function is None or caller.qualifier is None:
                continue
            grants = [g for g in model.invocations_of(caller.function) if _admits(g, caller)]
            if not grants or any(g.qualifier is None or g.qualifier == caller.qualifier for g in grants):
                continue
            for grant in grants:
                key = "ResourceArn" if grant.statement is not None else "FunctionName"
                found.append(
                    (
                        grant.function_path or grant.path,
                        f"{grant_subject(grant)} grants {_name(grant.qualifier, caller.function)} but "
                        f"'{caller.resource}' invokes {_name(caller.qualifier, caller.function)}, so its calls are "
                        f"denied; name {_target(caller.qualifier)} in {key}",
                    )
                )
        return findings(cfn, found)


def _admits(grant: Invocation, caller: Caller) -> bool:
    """A written grant that lets the caller's service invoke, for the caller's resource or any source."""
    if grant.kind not in ("permission", "resource-policy"):
        return False
    if not any((value.text or "").lower() in _INVOKE for value in grant.action):
        return False
    if not any(
        value.text == "*" or (value.text or "").lower().startswith(f"{caller.service}.") for value in grant.principal
    ):
        return False
    if caller.resource in grant.source_resources:
        return True
    return not grant.source_resources and not grant.source_arns


def _name(qualifier: str | None, function: str) -> str:
    if not qualifier:
        return f"'{function}' (unqualified)"
    kind, _, name = qualifier.partition(":")
    return f"{kind} '{name.lstrip('@')}' of '{function}'"


def _target(qualifier: str | None) -> str:
    return f"the {qualifier.partition(':')[0]}" if qualifier else "the function itself"
