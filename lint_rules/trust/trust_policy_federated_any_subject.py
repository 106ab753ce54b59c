"""EA3006: a federated trust that does not say whose identities may assume the role."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import SUBJECT, access_model
from lint_rules.trust._common import federation_findings


class TrustPolicyFederatedAnySubject(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`) with a `Federated` principal whose conditions do not pin down whose
    identities may assume the role:

    - GitHub Actions (`token.actions.githubusercontent.com`): no `:sub` condition, or a `StringLike`
      value wider than one repository (`*`, `repo:org/*`);
    - Amazon Cognito identity pools (`cognito-identity.amazonaws.com`): no `:aud` condition naming the
      identity pool;
    - Amazon EKS (`oidc.eks.<region>.amazonaws.com/id/<id>`): no `:sub`, or one wider than a namespace
      (`system:serviceaccount:*`);
    - GitLab (`gitlab.com`) and HCP Terraform (`app.terraform.io`): no `:sub`, or one wider than a
      project (`project_path:group/*`) or an organization's project;
    - Google, Login with Amazon, Facebook: no `:aud` / `:app_id` naming your application;
    - any other OIDC provider: no `:sub` condition.

    The provider is read from the principal (an `oidc-provider/` ARN, an `AWS::IAM::OIDCProvider` of
    the template by `Ref` or `GetAtt`, or a provider name), or, when that is a value the template
    cannot resolve, from the condition keys. Which claims each provider needs and what is too broad
    is data (`lint_rules/data/federation_providers.json`, with the provider's documentation as source).
    Conditions are judged by the model's condition evaluator (`StringNotEquals`, `...IfExists` on a key
    the token may lack, a `*` value and an `Fn::If` branch without the test do not count).

    It mirrors the IAM Access Analyzer checks *Missing condition key for oidc principal*,
    *Missing github repo condition key* and *Specific github repo and branch recommended* (for a `sub`
    value wider than one repository; any branch of one repository, `repo:org/repo:*`, is accepted).

    ## Why is this bad?
    The provider signs tokens for everyone who uses it: every repository on GitHub, every identity
    pool in every account, every service account of the cluster. Without a subject condition any of
    them can exchange its token for your role's credentials.

    ## How to suppress
    Add the condition the message names, with a value that names your repository, identity pool or
    service account. To keep a deliberate trust, add `EA3006` to the role's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Configuring a role for GitHub OIDC identity provider](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub)
    - [Available keys for AWS web identity federation](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif)
    - [Amazon Cognito identity pools: IAM roles](https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html)
    - [Amazon EKS: assign IAM roles to Kubernetes service accounts](https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html)
    - [GitHub: configuring OpenID Connect in Amazon Web Services](https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services)
    """

    id = "EA3006"
    shortdesc = "Federated trust does not name whose identities get in"
    description = "Without a subject condition every identity the provider signs for may assume the role."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role", "federation"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, federation_findings(access_model(cfn), SUBJECT))
