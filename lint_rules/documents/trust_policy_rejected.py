"""EA4050: a role trust policy that IAM rejects for its principals or their actions."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules._verdicts import verdicts
from lint_rules.documents._principals import TRUST_REJECTED, principal_findings


class TrustPolicyRejected(CloudFormationLintRule):
    """## What it does
    Checks the principals of role trust policies (`AWS::IAM::Role` `AssumeRolePolicyDocument`, and a SAM
    function's `AssumeRolePolicyDocument`), which cfn-lint's E3530 accepts as written. It mirrors this IAM
    Access Analyzer check:

    - *Role trust policy unsupported wildcard in principal*: the bare string `Principal: "*"`, in any
      statement (Allow or Deny) and whatever its Condition. IAM refuses it in a trust policy
      (`AssumeRolepolicy contained an invalid principal: "STAR":"*"`), although `{"AWS": "*"}`, which the
      IAM User Guide calls equivalent, deploys. Where EA3001 would also report the value (anyone may
      assume the role), this rule speaks for both: the template does not deploy as written.
    - *Invalid federated principal syntax in role trust policy*: a `Federated` principal that is neither a
      domain name (`accounts.google.com`, `cognito-identity.amazonaws.com`) nor the ARN of a SAML or OIDC
      provider: a URL with its `https://` scheme, an account id, an ARN of another resource type, an empty
      string. IAM answers `Federated principals must be valid domain names or SAML metadata ARNs`.
    - *Mismatched action for principal*: an Allow statement whose `sts:AssumeRoleWithWebIdentity` none of
      its principals can call (only an OIDC provider can), or whose `sts:AssumeRoleWithSAML` none can
      call (only a SAML provider can): a `Service` or `AWS` principal, or the other kind of provider. Also
      a statement whose principals are all federated and that allows neither action (`sts:AssumeRole`
      only), so the provider's users can never assume the role. A statement that serves two kinds of
      caller (an account and an OIDC provider, with both actions) is left alone.
    - *Missing action for roles anywhere trust policy*: a role that trusts `rolesanywhere.amazonaws.com`
      without allowing it all of `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession` (over
      the statements that name it; wildcards such as `sts:*` count): IAM Roles Anywhere cannot deliver
      credentials for the role.

    Values are read through `Fn::Sub`, `Fn::If`, parameters' defaults and the ARNs of the template's own
    `AWS::IAM::OIDCProvider` and `AWS::IAM::SAMLProvider`; a value the model cannot resolve is not judged.

    ## Why is this bad?
    For the bare `*` and a malformed `Federated` value, CloudFormation fails to create or update the
    role, and with it the stack; nothing before the deployment says why (in a SAM template the error
    comes only when CloudFormation creates the function's role). A mismatched or missing action grants
    nothing: the identity provider's users, or IAM Roles Anywhere, are refused when they try
    to assume the role, which is found only when the integration is first used.

    ## How to suppress
    Fix the principal or the action as the message says (for the bare `*`: name the principals, or write
    `{"AWS": "*"}` with an `aws:PrincipalOrgID` or `aws:PrincipalArn` condition). Suppressing the rule
    does not make the template deploy; to silence it for one role, add `EA4050` to its
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [AWS JSON policy elements: Principal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    - [aws/aws-cdk#5732: MalformedPolicyDocument for Principal "*" in a trust policy](https://github.com/aws/aws-cdk/issues/5732)
    - [hashicorp/terraform-provider-aws#4248: IAM rejects Principal "*" in a role's trust policy](https://github.com/hashicorp/terraform-provider-aws/pull/4248)
    - [terraform-aws-modules/terraform-aws-iam#202: "Federated principals must be valid domain names or SAML metadata ARNs"](https://github.com/terraform-aws-modules/terraform-aws-iam/issues/202)
    - [Trust model in IAM Roles Anywhere](https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html)
    """

    id = "EA4050"
    shortdesc = "Role trust policy principal IAM rejects or cannot use"
    description = "IAM refuses the trust policy, or its principals can never call the actions it allows."
    source_url = doc_url(id)
    tags = ["iam", "trust-policy", "role", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        # the bare '*' through its precedence family (EA3001 folds into it), the other checks directly
        return findings(cfn, [*verdicts(cfn, TRUST_REJECTED), *principal_findings(cfn, TRUST_REJECTED)], self.id)
