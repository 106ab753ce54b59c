"""WA1008: an API Gateway permission whose SourceArn covers every API of an account."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, grant_subject, quote
from lint_rules.model import Path, access_model


class LambdaPermissionApiWildcard(CloudFormationLintRule):
    """## What it does
    Finds `AWS::Lambda::Permission` resources and `Allow` statements of `AWS::Lambda::ResourcePolicy`
    that let `apigateway.amazonaws.com` invoke a function with a `SourceArn` (or `aws:SourceArn`
    condition) whose API id is a wildcard: `arn:aws:execute-api:us-east-1:111122223333:*` or
    `.../*/*/*`. Such a grant admits every REST, HTTP and WebSocket API of the account, present and
    future, not the API the function was written for. A `SourceArn` that names the API
    (`!Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*`) is fine.

    ## Why is this bad?
    Anyone in the account who can create or change any API can wire it to the function, with no
    authorizer, and call it through that API; the function's own API and its authorizers are bypassed.

    ## How to suppress
    Name the API in `SourceArn` (its id, then `/*` or a stage and method). To keep an account-wide
    grant, add `WA1008` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Lambda permissions for API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integration-permissions.html)
    - [execute-api ARN format](https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html)
    """

    id = "WA1008"
    shortdesc = "API Gateway permission covers every API of the account"
    description = "A wildcard API id lets any API in the account invoke the function, bypassing its own API."
    source_url = doc_url(id)
    tags = ["lambda", "permission", "api-gateway"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for invocation in access_model(cfn).written_grants():
            if not any(value.text == "apigateway.amazonaws.com" for value in invocation.principal):
                continue
            subject = grant_subject(invocation)
            for value in invocation.source_arns:
                parts = (value.text or "").split(":", 5)
                if len(parts) == 6 and parts[2] == "execute-api" and "*" in parts[5].split("/", 1)[0]:
                    found.append(
                        (
                            value.path,
                            f"{subject} lets any API of the account invoke {quote(invocation.function)} "
                            f"(SourceArn {value.describe()}); name the API in SourceArn",
                        )
                    )
        return findings(cfn, found)
