"""WA1006: a Lambda permission for another AWS account with no organization boundary."""

from __future__ import annotations

import re

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import (
    TRUSTED_ACCOUNTS,
    add_trusted_accounts_option,
    configured_accounts,
    doc_url,
    grant_subject,
    quote,
)
from lint_rules._verdicts import Observation, RuleConfig, speak
from lint_rules.model import AccessModel, Value, account_of

_ORGANIZATION_BOUND = {"principalorgid", "aws:principalorgid", "aws:principalorgpaths"}
# 'arn:<partition>:iam::<account>:role/<path/name>' or ':user/...', with no wildcard.
_NAMED = re.compile(r"arn:[^:]+:iam::\d{12}:(?:role|user)/[^*?]+")


class LambdaPermissionCrossAccount(CloudFormationLintRule):
    """## What it does
    Finds `AWS::Lambda::Permission` resources and `Allow` statements of `AWS::Lambda::ResourcePolicy`
    whose principal is an account other than the stack's own: a 12-digit account id or an account's
    `:root`, written literally or as a parameter's default or allowed value, with no organization
    boundary (`PrincipalOrgID`, `aws:PrincipalOrgID` or `aws:PrincipalOrgPaths`, judged as EA1002 judges
    conditions). Principals built from
    `${AWS::AccountId}` are the stack's own account and are not reported, nor is one named role or user of
    another account (`arn:aws:iam::111122223333:role/invoker`, no wildcard): the narrowest principal a grant
    can name, chosen on purpose. A principal EA4001 reports as malformed (a bare account id as the whole
    `Principal` of a resource policy) is one finding, EA4001's, with this one folded into it.

    Accounts you trust can be listed with the rule's `trusted_accounts` option. On the command line
    cfn-lint splits `-x` values at commas, so separate several accounts with spaces:
    `cfn-lint -x "WA1006:trusted_accounts=111122223333 444455556666"`; in `.cfnlintrc`, a list:

    ```yaml
    configure_rules:
      WA1006:
        trusted_accounts: ["111122223333"]
    ```

    ## Why is this bad?
    A grant to another account lets every principal that account's administrators allow invoke the
    function: you no longer decide who calls it. A typo in an account id, or an account that leaves
    your organization, silently keeps the grant. An organization condition keeps the grant inside
    accounts you govern.

    ## How to suppress
    Add `PrincipalOrgID` (or an `aws:PrincipalOrgID` condition), list the account in
    `trusted_accounts`, or add `WA1006` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Granting function access to other accounts](https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html)
    - [aws:PrincipalOrgID](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid)
    """

    id = "WA1006"
    shortdesc = "Lambda permission for another account without an org"
    description = "A grant to another account lets whoever that account allows invoke the function."
    source_url = doc_url(id)
    tags = ["lambda", "resource-policy", "permission", "cross-account"]

    def __init__(self) -> None:
        super().__init__()
        add_trusted_accounts_option(self)

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel, config: RuleConfig) -> list[Observation]:
    """One observation per principal of another account with no organization bound, at the principal (where
    EA4001 reports a principal of the wrong shape, such as a bare account id as the whole Principal: one key,
    folded into that error), less the accounts this run's ``trusted_accounts`` option lists."""
    trusted = configured_accounts(config("WA1006").get(TRUSTED_ACCOUNTS, []))
    found: list[Observation] = []
    for invocation in model.written_grants():
        if {key.lower() for key in invocation.narrowing} & _ORGANIZATION_BOUND:
            continue
        subject = grant_subject(invocation)
        if invocation.statement is not None:
            fix = "add an aws:PrincipalOrgID condition or list the account in trusted_accounts"
        else:
            fix = "set PrincipalOrgID or list the account in trusted_accounts"
        for value in invocation.principal:
            account = account_of(value)
            if account is not None and account not in trusted and not _named_identity(value):
                message = (
                    f"{subject} lets account '{account}'{_from(value)} invoke {quote(invocation.function)} "
                    f"with no organization condition; {fix}"
                )
                note = f"lets account '{account}' invoke with no organization condition"
                found.append(Observation("WA1006", value.path, message, note))
    return found


def _named_identity(value: Value) -> bool:
    """One named role or user of the other account (no wildcard): the narrowest principal a grant can name,
    so chosen on purpose; who may use that identity is the other account's, as for any grant to it."""
    return bool(value.text and _NAMED.fullmatch(value.text.strip()))


def _from(value: Value) -> str:
    return f" (from parameter '{value.parameter}')" if value.parameter else ""
