"""IA4052: a trust policy principal or audience test IAM Access Analyzer suggests rewriting."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._principals import PRINCIPAL_SUGGESTION, principal_findings


class TrustPolicySuggestion(CloudFormationLintRule):
    """## What it does
    Reads role trust policies (`AWS::IAM::Role` and a SAM function's `AssumeRolePolicyDocument`) for two
    IAM Access Analyzer suggestions:

    - *Redundant principal in role trust policy*: an assumed-role session
      (`arn:aws:sts::111122223333:assumed-role/deployer/ci`) named beside its own role
      (`arn:aws:iam::111122223333:role/deployer`) in one statement: the role already admits every session.
    - *Confirm audience claim type*: a `ForAllValues:` or `ForAnyValue:` qualifier on an OIDC provider's
      `aud` claim (`accounts.google.com:aud`), in a statement with a `Federated` principal. Some providers
      send `aud` as one string, others as a list; a qualifier is right only for a list (with a single
      string, `ForAllValues` is true even when the claim is absent). `SAML:aud` is left alone.

    ## Why is this bad?
    Neither is wrong by itself: the redundant session adds nothing and makes readers wonder what it was
    for; the qualifier may be right or may quietly weaken the audience test, depending on the provider.

    ## How to suppress
    Remove the session principal; for the audience, check what the provider sends and drop the qualifier
    if it is a single string. The rule is informational (off unless `cfn-lint -c I`); to silence it for
    one role, add `IA4052` to its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [Role session principals](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-role-session)
    - [Single-valued vs. multivalued condition keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html)
    """

    id = "IA4052"
    shortdesc = "Trust policy principal or audience test to confirm"
    description = "A session principal beside its own role adds nothing; a qualifier on an OIDC aud claim may not fit."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, principal_findings(cfn, PRINCIPAL_SUGGESTION))
