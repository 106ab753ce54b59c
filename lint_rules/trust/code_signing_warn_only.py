"""WA3032: a code-signing config that only warns about unsigned or untrusted code."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model


class CodeSigningWarnOnly(CloudFormationLintRule):
    """## What it does
    Finds `AWS::Lambda::CodeSigningConfig` resources whose `CodeSigningPolicies.UntrustedArtifactOnDeployment`
    is `Warn`, or absent (Lambda's default is `Warn`). The finding is placed on the value, or on the
    config's `Type` when no policy is written. cfn-lint itself accepts both values silently.

    ## Why is this bad?
    With `Warn`, Lambda deploys code whose signature is missing, expired or from an untrusted publisher,
    and only logs a CloudWatch metric and a CloudTrail entry. The config then documents an intent to sign
    code without stopping an unsigned package from running.

    ## How to suppress
    Set `CodeSigningPolicies: {UntrustedArtifactOnDeployment: Enforce}` once signing works in your
    pipeline, or add `WA3032` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Configuring code signing for Lambda](https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html)
    - [CodeSigningPolicies](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-codesigningconfig-codesigningpolicies.html)
    """

    id = "WA3032"
    shortdesc = "Code-signing config that only warns"
    description = "With Warn, Lambda deploys unsigned or untrusted code and only logs it."
    source_url = doc_url(id)
    tags = ["lambda", "code-signing", "supply-chain"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        fix = "set UntrustedArtifactOnDeployment to Enforce"
        for config in access_model(cfn).code_signing_configs.values():
            subject = f"Code-signing config '{config.logical_id}'"
            if not config.policy:
                found.append(
                    (
                        (*config.path, "Type"),
                        f"{subject} sets no UntrustedArtifactOnDeployment, so Lambda only warns about unsigned code; {fix}",
                    )
                )
            for value in config.policy:
                if value.text is not None and value.text.lower() == "warn":
                    found.append((value.path, f"{subject} only warns about unsigned code ({value.describe()}); {fix}"))
        return findings(cfn, found)
