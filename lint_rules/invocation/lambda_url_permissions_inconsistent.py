"""WA1009: a function URL and the permissions that govern it disagree."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, quote
from lint_rules.model import AccessModel, FunctionUrl, Invocation, Path, access_model

_GRANT_KINDS = ("permission", "resource-policy", "sam-url")


class LambdaUrlPermissionsInconsistent(CloudFormationLintRule):
    """## What it does
    Checks each function URL of the template (`AWS::Lambda::Url`, SAM `FunctionUrlConfig`) against the
    grants on its function and qualifier (a URL on an alias against the grants on that alias, the unqualified
    URL against those on the function itself):

    - a URL with `AuthType: NONE` and no grant of `lambda:InvokeFunctionUrl` to `*` with
      `FunctionUrlAuthType: NONE`: the URL deploys and answers every request with 403 (SAM adds that
      grant only for a literal `NONE`, not for a parameter or an `Fn::If`);
    - such a URL whose function has no `lambda:InvokeFunction` grant to `*` with
      `InvokedViaFunctionUrl: true`: since October 2025 a new function URL needs both;
    - a grant of `lambda:InvokeFunctionUrl` whose `FunctionUrlAuthType` differs from the URL's
      `AuthType` (it has no effect now, and takes effect the day someone flips the URL);
    - a grant of `lambda:InvokeFunctionUrl` with no `FunctionUrlAuthType` at all.

    ## Why is this bad?
    The URL's `AuthType` and the function's resource policy decide together who may call the URL. When
    they disagree, the URL is broken (403 for everyone), or the policy holds a dormant public grant that
    a later change of `AuthType` silently activates.

    ## How to suppress
    Make the grants match the URL: for a public URL, `lambda:InvokeFunctionUrl` to `*` with
    `FunctionUrlAuthType: NONE` and `lambda:InvokeFunction` to `*` with `InvokedViaFunctionUrl: true`;
    for an `AWS_IAM` URL, no public grants. Or add `WA1009` to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Control access to Lambda function URLs](https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html)
    - [AWS::Lambda::Permission FunctionUrlAuthType](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html#cfn-lambda-permission-functionurlauthtype)
    """

    id = "WA1009"
    shortdesc = "Function URL and its permissions disagree"
    description = "A URL whose grants do not match its AuthType answers 403 or holds a dormant public grant."
    source_url = doc_url(id)
    tags = ["lambda", "function-url", "permission"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        found: list[tuple[Path, str]] = []
        for url in model.urls:
            if url.function is not None:
                found.extend(_url_findings(model, url))
        for invocation in model.invocations:
            unqualified = invocation.kind == "permission" and not invocation.url_auth_type
            if unqualified and _grants(invocation, "lambda:InvokeFunctionUrl"):
                found.append(
                    (
                        _action_path(invocation),
                        f"Permission '{invocation.resource}' grants lambda:InvokeFunctionUrl with no "
                        "FunctionUrlAuthType, so it holds whatever AuthType the URL gets; set FunctionUrlAuthType",
                    )
                )
        return findings(cfn, found)


def _url_findings(model: AccessModel, url: FunctionUrl) -> list[tuple[Path, str]]:
    result: list[tuple[Path, str]] = []
    grants = [
        i for i in model.invocations_of(url.function) if i.kind in _GRANT_KINDS and _same_qualifier(i, url.qualifier)
    ]
    url_grants = [i for i in grants if _grants(i, "lambda:InvokeFunctionUrl")]
    subject = f"Function URL of {quote(url.function)}"
    for value in url.auth_type:
        if value.text == "NONE":
            public_url = [i for i in url_grants if _public(i) and _auth(i) == {"NONE"}]
            if not public_url:
                result.append(
                    (
                        value.path,
                        f"{subject} has AuthType {value.describe()} but no grant lets '*' call it; it will answer 403: "
                        "grant lambda:InvokeFunctionUrl to '*' with FunctionUrlAuthType NONE",
                    )
                )
            elif not any(_public(i) and _grants(i, "lambda:InvokeFunction") and i.via_function_url for i in grants):
                result.append(
                    (
                        value.path,
                        f"{subject} lacks the lambda:InvokeFunction grant with InvokedViaFunctionUrl true that new URLs "
                        "need since October 2025; add it beside the InvokeFunctionUrl grant",
                    )
                )
    url_auth = {value.text for value in url.auth_type if value.text is not None}
    if len(url_auth) == 1:
        for grant in url_grants:
            declared = _auth(grant)
            if grant.kind != "sam-url" and declared and not declared & url_auth:
                result.append(
                    (
                        grant.url_auth_type[0].path,
                        f"Permission '{grant.resource}' is for FunctionUrlAuthType '{'/'.join(sorted(declared))}' "
                        f"but the URL of {quote(url.function)} uses '{next(iter(url_auth))}'; make them match",
                    )
                )
    return result


def _same_qualifier(invocation: Invocation, qualifier: str | None) -> bool:
    """Whether a grant governs the URL: a URL on an alias answers to the alias's policy, the unqualified one to the
    function's (a qualifier the template does not tell matches either)."""
    return invocation.qualifier is None or qualifier is None or invocation.qualifier == qualifier


def _grants(invocation: Invocation, action: str) -> bool:
    return any(value.text is not None and value.text.lower() == action.lower() for value in invocation.action)


def _public(invocation: Invocation) -> bool:
    return any(value.text == "*" and value.label in ("*", "AWS") for value in invocation.principal)


def _auth(invocation: Invocation) -> set[str]:
    return {value.text for value in invocation.url_auth_type if value.text is not None}


def _action_path(invocation: Invocation) -> Path:
    return next((value.path for value in invocation.action), invocation.path)
