"""WA4024: a policy document that uses policy variables and has no Version, so IAM reads them as text."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._variables import VERSION_MISSING, variable_findings


class PolicyVariableVersionMissing(CloudFormationLintRule):
    """## What it does
    Reports a policy document the template writes that uses policy variables (`${aws:username}` in
    `Resource` or in a string or ARN condition) and has no `Version`. It mirrors the IAM Access Analyzer
    check *Missing version*, narrowed to the documents where the missing element changes what the policy
    does: without `Version: '2012-10-17'`, IAM evaluates the document in the 2008-10-17 language, which has
    no variables.

    ## Why is this bad?
    IAM takes `${aws:username}` in a document without a Version as the literal characters, so
    `arn:aws:s3:::home/${aws:username}/*` matches no object anyone has: the grant gives nothing (or a Deny
    protects nothing), with no error at deployment.

    ## How to suppress
    Add `Version: '2012-10-17'` to the document. To silence it for one resource, add `WA4024` to its
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: Version](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html)
    - [IAM policy elements: Variables and tags](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "WA4024"
    shortdesc = "Policy variables in a document without Version"
    description = "Without Version 2012-10-17, IAM reads policy variables as plain text."
    source_url = doc_url(id)
    tags = ["iam", "policy-variable", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, variable_findings(cfn, VERSION_MISSING))
