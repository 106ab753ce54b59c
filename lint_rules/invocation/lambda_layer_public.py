"""IA1005: a Lambda layer version shared with every AWS account."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, quote_layer
from lint_rules._renames import honour_old_ids
from lint_rules.model import Path, access_model


class LambdaLayerPublic(CloudFormationLintRule):
    """## What it does
    Finds `AWS::Lambda::LayerVersionPermission` resources whose `Principal` is `*` (also from a
    parameter's default or allowed values, or an `Fn::If` branch) and that set no `OrganizationId`:
    the layer version can then be read and used by every AWS account. It works the same when the layer
    is an `AWS::Serverless::LayerVersion` of a SAM template.

    ## Why is this bad?
    `lambda:GetLayerVersion` returns a download link for the layer's content. A layer shared with `*`
    publishes its code, dependencies and anything bundled with them (configuration, certificates,
    credentials left in a build) to anyone who finds its ARN. Layers meant for the public exist (AWS's own
    extensions, Powertools for AWS Lambda, the Lambda Web Adapter publish theirs this way), and a `*`
    principal on a layer permission is always written on purpose: so this is worth knowing in review
    (informational), not very likely wrong. It was WA1005 until 2026-12-03; the old id still works.

    ## How to suppress
    Share with your organization (`OrganizationId`) or name the accounts as principals. For a layer
    published on purpose, add `IA1005` to the permission's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Granting layer access to other accounts](https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html)
    - [AWS::Lambda::LayerVersionPermission](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-layerversionpermission.html)
    """

    id = "IA1005"
    shortdesc = "Layer version shared with every AWS account"
    description = "Principal '*' without OrganizationId lets any account download the layer's content."
    source_url = doc_url(id)
    tags = ["lambda", "layer", "permission"]

    def __init__(self) -> None:
        super().__init__()
        honour_old_ids(self)

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for permission in access_model(cfn).layer_permissions:
            if permission.organization_bound:
                continue
            layer = quote_layer(permission.layer)
            for value in permission.principal:
                if value.text == "*":
                    evidence = f" (Principal {value.describe()})" if value.parameter else ""
                    found.append(
                        (
                            value.path,
                            f"Layer permission '{permission.logical_id}' lets every AWS account use {layer}{evidence}; "
                            "unless it is meant to be public, set OrganizationId or name the accounts",
                        )
                    )
        return findings(cfn, found)
