"""IA3033: a function using a layer published by another account."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import add_trusted_accounts_option, doc_url, findings, trusted_accounts
from lint_rules.model import Path, access_model

_LAYER_ARN = re.compile(r"arn:[^:]+:lambda:[^:]*:(\d{12}):layer:([^:]+)")


@functools.cache
def aws_layer_accounts() -> frozenset[str]:
    """The accounts AWS publishes layers from (``lint_rules/data/aws_layer_accounts.json``)."""
    text = resources.files("lint_rules.data").joinpath("aws_layer_accounts.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return frozenset(account for entry in data["generated"] + data["listed"] for account in entry["accounts"])


class LambdaLayerOtherAccount(CloudFormationLintRule):
    """## What it does
    Finds functions (`AWS::Lambda::Function`, `AWS::Serverless::Function`, SAM `Globals` included) whose
    `Layers` name a layer version ARN of another account: a literal account id in the ARN (written
    directly, in `Fn::Sub`, or as a parameter's default). Layers of the stack's own account
    (`${AWS::AccountId}`) and unresolved ARNs are not reported, nor are the accounts AWS publishes its own
    layers from (CloudWatch Lambda Insights, AWS AppConfig, the AWS Parameters and Secrets extension,
    Powertools for AWS Lambda) and AWS Labs' Lambda Web Adapter, listed with their sources in
    `lint_rules/data/aws_layer_accounts.json` (refreshed by `scripts/refresh_layer_accounts.py`). Publishers you trust can be listed with the
    rule's `trusted_accounts` option: `cfn-lint -x "IA3033:trusted_accounts=464622532012"`, or in
    `.cfnlintrc`:

    ```yaml
    configure_rules:
      IA3033:
        trusted_accounts: ["464622532012"]
    ```

    IA1005 and IA1011 are about layers this template *publishes*; this rule is about layers its
    functions *use*. cfn-lint itself checks only the ARN's syntax.

    ## Why is this bad?
    A layer's code runs inside the function with its role's credentials and its event data. A layer
    from another account is code you did not build, from a publisher whose account security you rely
    on. Layer versions are immutable, so a pinned version does not change under you; this rule is
    informational and makes every outside publisher visible in review.

    ## How to suppress
    List the publisher's account in `trusted_accounts`, copy the layer into your own account, or add
    `IA3033` to the function's `Metadata: cfn-lint: config: ignore_checks`. Informational rules run only
    with `cfn-lint -c I`.

    ## References
    - [Lambda layers](https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html)
    - [Layer permissions](https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html)
    - [Security in Lambda: shared responsibility](https://docs.aws.amazon.com/lambda/latest/dg/lambda-security.html)
    """

    id = "IA3033"
    shortdesc = "Function uses a layer from another account"
    description = "A layer from another account runs code you did not build with the function's role."
    source_url = doc_url(id)
    tags = ["lambda", "layer", "supply-chain", "cross-account"]

    def __init__(self) -> None:
        super().__init__()
        add_trusted_accounts_option(self)

    def match(self, cfn: Template) -> list[RuleMatch]:
        allowed = trusted_accounts(self) | aws_layer_accounts()
        found: list[tuple[Path, str]] = []
        for function in access_model(cfn).functions.values():
            for value in function.layers:
                match = _LAYER_ARN.match(value.text or "")
                if match is None or match.group(1) in allowed:
                    continue
                account, layer = match.groups()
                origin = f" (from parameter '{value.parameter}')" if value.parameter else ""
                found.append(
                    (
                        value.path,
                        f"Function '{function.logical_id}' uses layer '{layer}' of account '{account}'{origin}; "
                        "list the account in trusted_accounts once you trust its publisher",
                    )
                )
        return findings(cfn, found)
