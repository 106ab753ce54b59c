"""WA3007: a federated trust without its audience (or Cognito amr) condition."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import AUDIENCE, access_model
from lint_rules.trust._common import federation_findings


class TrustPolicyFederatedNoAudience(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`) with a `Federated` principal that lack the second condition the
    provider's documentation asks for:

    - GitHub Actions, Amazon EKS and HCP Terraform: an `:aud` condition (`sts.amazonaws.com`,
      `aws.workload.identity`);
    - Amazon Cognito identity pools: a `cognito-identity.amazonaws.com:amr` condition
      (`authenticated` or `unauthenticated`); without it guests get the same role, and its invoke
      rights, as signed-in users;
    - SAML providers: `SAML:aud` (`https://signin.aws.amazon.com/saml`).

    The subject conditions whose absence lets anyone in are EA3006's. Provider knowledge is data
    (`lint_rules/data/federation_providers.json`); conditions are judged by the model's evaluator.

    ## Why is this bad?
    The audience says the token or assertion was issued for AWS: without it a token your provider
    minted for another service can be replayed to assume the role. Cognito's `amr` separates guests
    from signed-in users; a role that does not test it serves both.

    ## How to suppress
    Add the condition the message names, or add `WA3007` to the role's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Available keys for AWS web identity federation](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif)
    - [Amazon Cognito identity pools: security best practices](https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html)
    - [Creating a role for SAML 2.0 federation](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html)
    - [GitHub: configuring OpenID Connect in Amazon Web Services](https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services)
    """

    id = "WA3007"
    shortdesc = "Federated trust lacks its audience or amr condition"
    description = "Without an audience condition, tokens issued for other services may assume the role."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role", "federation"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, federation_findings(access_model(cfn), AUDIENCE))
