"""WA1001: a function URL with AuthType NONE."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, quote
from lint_rules.model import Path, access_model


class LambdaUrlAuthNone(CloudFormationLintRule):
    """## What it does
    Finds function URLs whose `AuthType` is `NONE`: `AWS::Lambda::Url` resources and SAM
    `FunctionUrlConfig` (on the function or inherited from `Globals`), including values that come
    from a parameter's default or allowed values or from either branch of `Fn::If`.

    ## Why is this bad?
    A function URL with `AuthType: NONE` is a public HTTPS endpoint: Lambda skips IAM
    authentication, and SAM adds a resource-policy statement with `Principal: "*"` for it. Anyone who
    learns the URL can invoke the function, run up its cost and reach whatever its execution role
    can reach. Authentication then rests entirely on the function's own code.

    ## How to suppress
    If the endpoint is meant to be public (a webhook that verifies its own signature, for example),
    add `WA1001` to the resource's `Metadata: cfn-lint: config: ignore_checks` and say why in a comment.

    ## References
    - [Security and auth model for Lambda function URLs](https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html)
    - [AWS::Lambda::Url](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-url.html)
    - [SAM FunctionUrlConfig](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-functionurlconfig.html)
    """

    id = "WA1001"
    shortdesc = "Function URL allows unauthenticated invocation"
    description = "With AuthType NONE anyone who knows the URL can invoke the function without credentials."
    source_url = doc_url(id)
    tags = ["lambda", "function-url", "authentication"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for url in access_model(cfn).urls:
            for value in url.auth_type:
                if value.text == "NONE":
                    subject = f"Function URL of {quote(url.function)}"
                    found.append(
                        (
                            value.path,
                            f"{subject} lets anyone invoke it without credentials (AuthType {value.describe()}); "
                            "set AuthType to AWS_IAM",
                        )
                    )
        return findings(cfn, found)
