"""WA3005: a role another account may assume with no external id or MFA condition."""

from __future__ import annotations

import re

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import TRUSTED_ACCOUNTS, add_trusted_accounts_option, configured_accounts, doc_url
from lint_rules._verdicts import Observation, RuleConfig, speak
from lint_rules.model import ACCOUNT, AccessModel, account_of, requiring
from lint_rules.trust._common import role_label, trust_statements

# sts:ExternalId (a third party assuming the role for you), MFA (people), aws:PrincipalOrgID (the caller is in your
# organization: not a third party, so no confused deputy)
_GUARDS = ("sts:externalid", "aws:multifactorauthpresent", "aws:principalorgid")
# the whole account: a bare id or its root, every principal the account allows sts:AssumeRole
_WHOLE_ACCOUNT = re.compile(r"(?:arn:[^:]+:iam::)?\d{12}(?::root)?")
# The names AWS's StackSets guide requires for self-managed permissions: the execution role in each target account,
# assumed by the administration role of the administrator account.
STACKSET_EXECUTION_ROLE = "AWSCloudFormationStackSetExecutionRole"
STACKSET_ADMINISTRATION_ROLE = "AWSCloudFormationStackSetAdministrationRole"


def _stackset_fix(account: str) -> str:
    return (
        "StackSets sends no external id or MFA, so trust only the administrator account's "
        f"'arn:aws:iam::{account}:role/{STACKSET_ADMINISTRATION_ROLE}', or list the account in trusted_accounts"
    )


class TrustPolicyCrossAccount(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`) that let another account assume the role: a 12-digit account id, an
    account's `:root`, or a role or user of that account, written literally or as a parameter's default
    or allowed value, with neither an `sts:ExternalId` condition (for a third party that assumes the
    role on your behalf), nor `aws:MultiFactorAuthPresent` set to `true` (for people), nor
    `aws:PrincipalOrgID` (the caller is in your organization, so not a third party). Conditions are
    judged by the model's condition evaluator: `StringEqualsIfExists` on `sts:ExternalId` or
    `BoolIfExists` on MFA pass callers that omit the key, so they do not count.

    When the principal is a whole account (its id or `:root`), the message names the fix for that: every
    principal the account allows `sts:AssumeRole` may assume the role, so name the role that assumes it (its
    ARN as the principal, or an `aws:PrincipalArn` condition) and add `aws:PrincipalOrgID` when the account is
    your organization's (an external id defends against a third party's confused deputy, not against your
    own management account's other principals); `sts:ExternalId` when it is a third party's.

    For a StackSets execution role (named `AWSCloudFormationStackSetExecutionRole`, as AWS's guide to
    self-managed permissions requires), which StackSets assumes with neither an external id nor MFA, the
    message names the administrator account's `AWSCloudFormationStackSetAdministrationRole` to trust instead of
    the whole account, and a named role of that account as the principal is not reported.

    Principals built from `${AWS::AccountId}` are the stack's own account and are not reported. A principal
    another trust rule reports (a Lambda execution role trusted beyond Lambda, WA3008) is one finding, with
    this one folded into its message.
    Accounts you trust can be listed with the rule's `trusted_accounts` option. On the command line
    cfn-lint splits `-x` values at commas, so separate several accounts with spaces:
    `cfn-lint -x "WA3005:trusted_accounts=111122223333 444455556666"`; in `.cfnlintrc`, a list:

    ```yaml
    configure_rules:
      WA3005:
        trusted_accounts: ["111122223333"]
    ```

    ## Why is this bad?
    A role another account may assume is as safe as that account's administrators let it be. A vendor
    that assumes roles in many customers' accounts can be tricked into using its access to your role
    for someone else (the confused deputy) unless each customer's trust policy demands an external id;
    people who cross accounts should have signed in with MFA.

    ## How to suppress
    Add an `sts:ExternalId` condition (third parties), `Bool: {aws:MultiFactorAuthPresent: "true"}`
    (people) or `StringEquals: {aws:PrincipalOrgID: o-...}` (your organization's accounts), list the account in
    `trusted_accounts`, or add `WA3005` to the role's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [The confused deputy problem](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
    - [Access to AWS accounts owned by third parties](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html)
    - [Grant self-managed permissions (StackSets)](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html)
    - [Configuring MFA-protected API access](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html)
    - [AWS global condition context keys: aws:PrincipalOrgID, aws:PrincipalArn](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
    """

    id = "WA3005"
    shortdesc = "Role trusts another account without external id or MFA"
    description = "Another account may assume the role with neither an external id nor MFA required."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role", "cross-account"]

    def __init__(self) -> None:
        super().__init__()
        add_trusted_accounts_option(self)

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel, config: RuleConfig) -> list[Observation]:
    """One observation per principal of another account (its fact, shared with the other trust rules) that no
    external id or MFA condition guards, less the accounts this run's ``trusted_accounts`` option lists."""
    trusted = configured_accounts(config("WA3005").get(TRUSTED_ACCOUNTS, []))
    found: list[Observation] = []
    for identity, document, statement in trust_statements(model):
        accounts = [
            (value, account)
            for value in statement.values.get("Principal", [])
            if value.label == "AWS" and (account := account_of(value)) is not None and account not in trusted
        ]
        if not accounts:
            continue
        guarded, loose = requiring(statement.tests, ACCOUNT, _GUARDS)
        if guarded:
            continue
        evidence = f" ({loose[0][1]})" if loose else ""
        stackset = STACKSET_EXECUTION_ROLE in identity.name_candidates
        for value, account in accounts:
            if stackset and ":role/" in (value.text or ""):
                continue  # a named role of the administrator account: the narrowest principal StackSets allows
            origin = f" (from parameter '{value.parameter}')" if value.parameter else ""
            label = role_label(identity, document, statement)
            if stackset:
                message = (
                    f"{label} trusts account '{account}'{origin} with no sts:ExternalId or MFA condition{evidence}; "
                    f"{_stackset_fix(account)}"
                )
            elif _WHOLE_ACCOUNT.fullmatch((value.text or "").strip()):
                message = (
                    f"{label} trusts every principal of account '{account}'{origin}, with no sts:ExternalId, MFA or "
                    f"aws:PrincipalOrgID condition{evidence}; name the role that assumes it (ARN or aws:PrincipalArn), "
                    "plus aws:PrincipalOrgID for your organization's account or sts:ExternalId for a third party's"
                )
            else:
                message = (
                    f"{label} trusts account '{account}'{origin} with no sts:ExternalId, MFA or aws:PrincipalOrgID "
                    f"condition{evidence}; require sts:ExternalId for a third party, aws:PrincipalOrgID for your "
                    "organization, or list the account in trusted_accounts"
                )
            note = f"account '{account}' may assume it with no external id or MFA"
            found.append(Observation("WA3005", value.path, message, note))
    return found
