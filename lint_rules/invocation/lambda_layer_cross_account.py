"""IA1011: a Lambda layer version shared with another account outside any organization."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import add_trusted_accounts_option, doc_url, findings, quote_layer, trusted_accounts
from lint_rules.model import Path, access_model, account_of


class LambdaLayerCrossAccount(CloudFormationLintRule):
    """## What it does
    Finds `AWS::Lambda::LayerVersionPermission` resources whose `Principal` is another AWS account (an
    account id, written literally or as a parameter's default or allowed value) and that set no
    `OrganizationId`. The stack's own account (`!Ref AWS::AccountId`) is not reported; `*` is IA1005's
    case. Accounts you trust can be listed with the rule's `trusted_accounts` option, as for WA1006:
    `cfn-lint -x "IA1011:trusted_accounts=111122223333 444455556666"`, or in `.cfnlintrc`:

    ```yaml
    configure_rules:
      IA1011:
        trusted_accounts: ["111122223333"]
    ```

    ## Why is this bad?
    The other account can download the layer's content (code, dependencies, anything bundled with them)
    and run it. That is often the point of a shared layer, so this is informational: it makes every
    account a layer leaves for visible in review, and a mistyped account id stands out.

    ## How to suppress
    List the account in `trusted_accounts`, share with your organization (`OrganizationId`), or add
    `IA1011` to the permission's `Metadata: cfn-lint: config: ignore_checks`. Informational rules run
    only with `cfn-lint -c I` (or `include_checks: [I]`).

    ## References
    - [Granting layer access to other accounts](https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html)
    - [AWS::Lambda::LayerVersionPermission](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-layerversionpermission.html)
    """

    id = "IA1011"
    shortdesc = "Layer version shared with another account"
    description = "Another account can download and run the layer's content."
    source_url = doc_url(id)
    tags = ["lambda", "layer", "permission", "cross-account"]

    def __init__(self) -> None:
        super().__init__()
        add_trusted_accounts_option(self)

    def match(self, cfn: Template) -> list[RuleMatch]:
        trusted = trusted_accounts(self)
        found: list[tuple[Path, str]] = []
        for permission in access_model(cfn).layer_permissions:
            if permission.organization_bound:
                continue
            layer = quote_layer(permission.layer)
            for value in permission.principal:
                account = account_of(value)
                if account is not None and account not in trusted:
                    origin = f" (from parameter '{value.parameter}')" if value.parameter else ""
                    found.append(
                        (
                            value.path,
                            f"Layer permission '{permission.logical_id}' shares {layer} with account '{account}'"
                            f"{origin}; list the account in trusted_accounts or set OrganizationId",
                        )
                    )
        return findings(cfn, found)
