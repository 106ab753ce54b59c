"""EA1002: a Lambda permission or resource-policy statement open to Principal '*' with no source condition."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, grant_subject, quote
from lint_rules.model import Path, access_model


class LambdaPermissionPublic(CloudFormationLintRule):
    """## What it does
    Finds `AWS::Lambda::Permission` resources, and `Allow` statements of `AWS::Lambda::ResourcePolicy`,
    whose principal is `*` (or `{"AWS": "*"}`) and that carry nothing that narrows the caller: no
    `SourceArn`, `SourceAccount`, `PrincipalOrgID` or `EventSourceToken`, and no `aws:SourceArn`,
    `aws:SourceAccount`, `aws:PrincipalOrgID` or similar condition key. Principals that come from a
    parameter's default or allowed values and from `Fn::If` branches count too.

    A condition counts only when it really narrows: a positive operator (`StringEquals`, `ArnLike`,
    ...) with concrete values. `SourceArn: "*"`, `StringLike` on `*`, an ARN pattern whose account is
    a wildcard, `StringNotEquals`, `Null`, `...IfExists` on a key the caller may lack, `ForAllValues:`
    and a `Fn::If` branch without the condition all leave the grant open, and the message says which.
    A `Deny` statement of the function's `AWS::Lambda::ResourcePolicy` counts as well, for its grants
    and for the function's `AWS::Lambda::Permission` resources: with no condition it closes the grant
    it covers, and with one negated condition on such a key (`StringNotEquals: {aws:PrincipalOrgID:
    o-...}`) it narrows it, since only callers of that organization escape the Deny (see WA1020).

    A permission for a public function URL (`FunctionUrlAuthType: NONE`) is left to WA1001 when the
    URL is in the same template (WA1001 reports the URL itself); when the function or its URL lives
    elsewhere, the permission is the public grant and is reported here. `lambda:InvokeFunctionUrl` to
    `*` with `FunctionUrlAuthType: AWS_IAM` is reported too: any signed request, from any AWS
    account, passes it. A `lambda:InvokeFunction` grant with `InvokedViaFunctionUrl: true` only
    opens the URL path, which its `InvokeFunctionUrl` grant decides, so it is not reported twice.

    ## Why is this bad?
    `Principal: "*"` with no condition lets any AWS account, and through services that act for any
    caller even anonymous users, invoke the function. The function's execution role, data and cost
    are then exposed to whoever finds its ARN.

    ## How to suppress
    Name the service or account that calls the function as the principal, or add `SourceArn` /
    `SourceAccount` / `PrincipalOrgID`. To keep an intentionally public grant, add `EA1002` to the
    resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Lambda resource-based policies](https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html)
    - [AWS::Lambda::Permission](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html)
    - [The confused deputy problem](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
    """

    id = "EA1002"
    shortdesc = "Lambda permission grants invoke to any principal"
    description = "Principal '*' with no source, account or organization condition lets any caller invoke the function."
    source_url = doc_url(id)
    tags = ["lambda", "resource-policy", "permission"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        found: list[tuple[Path, str]] = []
        for invocation in model.written_grants():
            if invocation.narrowing:
                continue
            if invocation.via_function_url:  # invocable only through the URL: its InvokeFunctionUrl grant decides
                continue
            url_auth = {value.text for value in invocation.url_auth_type}
            has_url = invocation.function is not None and bool(model.exposure(invocation.function).urls)
            if "NONE" in url_auth and has_url:  # WA1001 reports the public URL itself
                continue
            for value in invocation.principal:
                if value.text != "*" or value.label not in ("*", "AWS"):
                    continue
                subject = grant_subject(invocation)
                if invocation.statement is not None:
                    fix = "name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition"
                else:
                    fix = "name the caller or set SourceArn, SourceAccount or PrincipalOrgID"
                evidence = f" (Principal {value.describe()})" if value.parameter else ""
                if invocation.loose:  # a condition is there but does not narrow: say why
                    evidence += f" ({invocation.loose[0][1]})"
                if "NONE" in url_auth:
                    evidence += " through its URL, unsigned (FunctionUrlAuthType NONE)"
                elif "AWS_IAM" in url_auth:
                    evidence += " through its URL (AWS_IAM admits a signed caller of any account)"
                found.append(
                    (
                        value.path,
                        f"{subject} lets any principal invoke {quote(invocation.function)}{evidence}; {fix}",
                    )
                )
        return findings(cfn, found)
