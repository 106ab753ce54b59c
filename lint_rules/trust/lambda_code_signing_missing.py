"""WA3031: a function without a code-signing config in a template that defines one."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model


class LambdaCodeSigningMissing(CloudFormationLintRule):
    """## What it does
    When the template defines an `AWS::Lambda::CodeSigningConfig`, finds the `.zip` functions
    (`AWS::Lambda::Function`, `AWS::Serverless::Function`; container images cannot be signed this way)
    that set no `CodeSigningConfigArn`. The finding is placed on the function's `Type`, since the
    missing property has no key of its own. cfn-lint itself does not check code signing.

    ## Why is this bad?
    The template shows the team signs its code, so a function left out runs whatever package is
    uploaded for it: the one function where a tampered artifact goes unnoticed. Templates without any
    code-signing config are not reported (whether to sign at all is an organisation's decision).

    ## How to suppress
    Set `CodeSigningConfigArn: !Ref <CodeSigningConfig>` on the function, or add `WA3031` to the
    function's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Configuring code signing for Lambda](https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html)
    - [AWS::Lambda::CodeSigningConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-codesigningconfig.html)
    """

    id = "WA3031"
    shortdesc = "Function without the template's code-signing config"
    description = "A function left out of code signing runs whatever package is uploaded for it."
    source_url = doc_url(id)
    tags = ["lambda", "code-signing", "supply-chain"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        if not model.code_signing_configs:
            return []
        names = sorted(model.code_signing_configs)
        configs = f"'{names[0]}'" + (f" and {len(names) - 1} more" if len(names) > 1 else "")
        found: list[tuple[Path, str]] = []
        for function in model.functions.values():
            if function.code_signing_path is not None:
                continue
            if function.package_type and all((v.text or "").lower() == "image" for v in function.package_type):
                continue
            found.append(
                (
                    (*function.path, "Type"),
                    f"Function '{function.logical_id}' sets no CodeSigningConfigArn though the template defines "
                    f"code-signing config {configs}; set CodeSigningConfigArn",
                )
            )
        return findings(cfn, found)
