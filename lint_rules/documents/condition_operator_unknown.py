"""EA4020: a condition operator IAM does not have, where cfn-lint does not check operator names."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._conditions import UNKNOWN_OPERATOR, condition_findings


class ConditionOperatorUnknown(CloudFormationLintRule):
    """## What it does
    Checks the name of every condition operator in the policy documents the template writes. It mirrors
    these IAM Access Analyzer checks:

    - *Invalid condition operator*: a name IAM does not document (`StringEqual`, `ForAnyValues:StringLike`),
      with the closest operator as a suggestion. cfn-lint's schema rules (E3510, E3512, E3530) already
      reject most such names in IAM resources and the main resource policies; there this rule speaks only
      for the names cfn-lint's schema accepts but IAM does not have (`StringEqualsExists`). In SAM function
      `Policies`, SAM trust policies and `AWS::Lambda::ResourcePolicy`, which cfn-lint does not read, it
      reports every unknown name.
    - *Null with if exists*: `NullIfExists`, in every document (cfn-lint's schema accepts it): `Null`
      already tests whether the key exists, and IAM rejects the suffix on it.

    ## Why is this bad?
    IAM refuses a policy with an operator it does not know, so the deployment fails; in a SAM template the
    error arrives only when CloudFormation creates the role, long after the edit.

    ## How to suppress
    Write the operator as the IAM User Guide spells it. To silence it for one resource, add `EA4020` to its
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: Condition operators](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "EA4020"
    shortdesc = "Condition operator IAM does not have"
    description = "IAM rejects a policy whose condition operator it does not know, or NullIfExists."
    source_url = doc_url(id)
    tags = ["iam", "condition", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, condition_findings(cfn, UNKNOWN_OPERATOR))
