"""WA1007: a function URL whose CORS allows credentials from any origin."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, quote
from lint_rules.model import Path, access_model


class LambdaUrlCorsCredentialsAnyOrigin(CloudFormationLintRule):
    """## What it does
    Finds function URLs (`AWS::Lambda::Url` and SAM `FunctionUrlConfig`, from `Globals` too) whose
    `Cors` sets `AllowCredentials: true` together with `*` in `AllowOrigins`, also when either comes
    from a parameter's default or allowed values or an `Fn::If` branch.

    ## Why is this bad?
    `AllowCredentials` lets browsers send the visitor's cookies and HTTP authentication with
    cross-origin requests and read the answers. Paired with any origin, it asks for every web page on
    the internet to call the function as the signed-in user. The CORS standard forbids a wildcard
    origin with credentials, so the setting is either refused by browsers (and broken) or, wherever
    origins are echoed back, a cross-site request forgery and data-leak channel.

    ## How to suppress
    List the origins that may call the function in `AllowOrigins`, or drop `AllowCredentials` when
    the function needs no cookies. To keep the configuration, add `WA1007` to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Lambda function URL CORS settings](https://docs.aws.amazon.com/lambda/latest/api/API_Cors.html)
    - [MDN: CORS requests with credentials](https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS#requests_with_credentials)
    """

    id = "WA1007"
    shortdesc = "Function URL CORS allows credentials from any origin"
    description = "Any web page could call the function with its visitors' cookies and read the answer."
    source_url = doc_url(id)
    tags = ["lambda", "function-url", "cors"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for url in access_model(cfn).urls:
            if not url.cors_credentials:
                continue
            for origin in url.cors_wildcards("AllowOrigins"):
                found.append(
                    (
                        origin.path,
                        f"Function URL of {quote(url.function)} allows credentials from any origin "
                        f"(AllowOrigins {origin.describe()} with AllowCredentials true); list the origins that may call it",
                    )
                )
        return findings(cfn, found)
