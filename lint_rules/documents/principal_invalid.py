"""EA4051: a principal IAM rejects in a Lambda resource policy or a trust policy, where cfn-lint does not look."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._principals import PRINCIPAL_INVALID, principal_findings


class PrincipalInvalid(CloudFormationLintRule):
    """## What it does
    Checks the principals of `AWS::Lambda::ResourcePolicy` documents, which cfn-lint does not read, and the
    service principals of role trust policies (`AWS::IAM::Role` and a SAM function's
    `AssumeRolePolicyDocument`), whose form cfn-lint's E3530 does not check. It mirrors these IAM Access
    Analyzer checks:

    - *Federated principal not supported*: a `Federated` principal in a resource policy. Only a role
      trust policy takes an identity provider as its principal.
    - *Unsupported wildcard in principal*: a wildcard inside a principal of a resource policy
      (`arn:aws:iam::111122223333:role/*`, `*.amazonaws.com`); `*` alone is a valid principal. In trust
      policies EA3002 reports the same mistake.
    - *Invalid service principal format*: a `Service` principal that is not the service's name followed
      by its domain in lower case (`lambda`, `Lambda.amazonaws.com`, `amazonaws.com`), in resource and
      trust policies alike. A Region inside the name (`logs.us-east-1.amazonaws.com`), `amazonaws.com.cn`
      and `${AWS::URLSuffix}` are accepted.

    Values are read through `Fn::Sub`, `Fn::If` and parameters' defaults; a value the model cannot
    resolve is not judged.

    ## Why is this bad?
    IAM refuses the policy, so the stack fails to deploy; for a SAM template or a Lambda resource policy
    nothing before the deployment says why. A wildcard inside an ARN never matches the way its author
    meant, and a misspelt service principal names no service.

    ## How to suppress
    Fix the principal as the message says. Suppressing the rule does not make the template deploy; to
    silence it for one resource, add `EA4051` to its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [AWS JSON policy elements: Principal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    - [AWS service principals](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services)
    """

    id = "EA4051"
    shortdesc = "Policy principal IAM rejects where cfn-lint does not look"
    description = "IAM refuses a Federated or wildcard principal in a resource policy, or a malformed service name."
    source_url = doc_url(id)
    tags = ["iam", "principal", "lambda", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, principal_findings(cfn, PRINCIPAL_INVALID))
