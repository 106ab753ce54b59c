"""IA1010: a function URL whose CORS allows any origin to use any method."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, quote
from lint_rules.model import Path, access_model


class LambdaUrlCorsAnyOriginAnyMethod(CloudFormationLintRule):
    """## What it does
    Finds function URLs (`AWS::Lambda::Url` and SAM `FunctionUrlConfig`) whose `Cors` allows `*` in
    `AllowOrigins` together with `*` in `AllowMethods`, without credentials (WA1007 reports the case
    with `AllowCredentials: true`). Values from parameters and `Fn::If` branches count.

    ## Why is this bad?
    Every web page may send every kind of request (`PUT`, `DELETE`, ...) to the function from its
    visitors' browsers and read the answers. For a read-only public endpoint that is often fine; for a
    function that changes state it widens what a malicious page can make a visitor's browser do, and it
    is rarely what the author meant when copying a permissive example.

    ## How to suppress
    List the methods the function serves (`AllowMethods: [GET]`) or the origins that use it. To keep
    the configuration, add `IA1010` to the resource's `Metadata: cfn-lint: config: ignore_checks`.
    Informational rules run only with `cfn-lint -c I` or `include_checks: [I]`.

    ## References
    - [Lambda function URL CORS settings](https://docs.aws.amazon.com/lambda/latest/api/API_Cors.html)
    - [MDN: Cross-Origin Resource Sharing](https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS)
    """

    id = "IA1010"
    shortdesc = "Function URL CORS allows any origin to use any method"
    description = "Every web page may send any request method to the function and read the answer."
    source_url = doc_url(id)
    tags = ["lambda", "function-url", "cors"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for url in access_model(cfn).urls:
            if url.cors_credentials or not url.cors_wildcards("AllowOrigins"):
                continue  # with credentials it is WA1007's case
            for method in url.cors_wildcards("AllowMethods"):
                found.append(
                    (
                        method.path,
                        f"Function URL of {quote(url.function)} lets any origin use any method "
                        f"(AllowOrigins '*', AllowMethods {method.describe()}); list the methods it serves",
                    )
                )
        return findings(cfn, found)
