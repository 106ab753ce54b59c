"""IA4025: an action, resource or statement that another part of the same policy already grants."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._redundancy import REDUNDANT, redundancy_findings


class PolicyElementRedundant(CloudFormationLintRule):
    """## What it does
    Reports the parts of a policy document the template writes that add nothing to it. It mirrors these
    IAM Access Analyzer suggestions:

    - *Redundant action*: an action that another entry of the same `Action` (or `NotAction`) already covers,
      `s3:GetObject` beside `s3:Get*`, or the same action listed twice (actions compare case-insensitively).
      A pattern is redundant only when all it names is covered: `iam:*CredentialReport` beside `iam:Get*` is not.
    - *Redundant resource*: an ARN that a wildcard ARN of the same `Resource` (or `NotResource`) already
      covers, `arn:aws:s3:::logs/app` beside `arn:aws:s3:::logs/*`, or the same ARN listed twice.
    - *Redundant statement*: a statement written twice in one document (the `Sid` and the order of list
      entries aside).

    Only entries that are there together are compared: strings written in the list itself, not the
    branches of an `Fn::If`, and not values from parameters or other intrinsic functions.

    ## Why is this bad?
    Nothing changes who gets access, but the policy reads as if the narrow entry mattered: someone who
    removes `s3:GetObject` to take the permission away leaves `s3:Get*` granting it. Of two copies of a
    statement, an edit to one leaves the other granting the old permissions. Informational: worth a look in
    review.

    ## How to suppress
    Remove the redundant entry, or narrow the wildcard if the narrow entry was the intent. To silence it for
    one resource, add `IA4025` to its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: Action](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html)
    - [IAM JSON policy elements: Resource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "IA4025"
    shortdesc = "Action, resource or statement the policy already grants"
    description = "A redundant entry changes no access but misleads whoever edits the policy next."
    source_url = doc_url(id)
    tags = ["iam", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, redundancy_findings(cfn, REDUNDANT))
