"""EA4023: a policy variable IAM cannot read: malformed, in an element that takes none, or in Version 2008-10-17."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._variables import VARIABLE_INVALID, variable_findings


class PolicyVariableInvalid(CloudFormationLintRule):
    """## What it does
    Checks every policy variable (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`) in the policy
    documents the template writes, in the text IAM receives: plain strings, and the `${!...}` parts of
    `Fn::Sub` (there `${Param}` and `${AWS::Region}` are CloudFormation's own and never read as IAM's). It
    mirrors these IAM Access Analyzer checks:

    - *Missing brace in variable*: `${aws:username` with no closing `}`.
    - *Unsupported symbol in variable*: a character no condition key's name holds (`${aws:user*}`), or the
      `!` of `${!aws:username}` written outside `Fn::Sub`, which only `Fn::Sub` removes.
    - *Missing quote in variable*: a default value not in single quotes (`${aws:PrincipalTag/team, none}`).
    - *Unsupported space in variable*: a space in the variable's name (`${aws:user name}`).
    - *Empty variable*: `${}`.
    - *Variable unsupported in element*: a variable in `Principal` or `NotPrincipal`, or in `Action` or
      `NotAction` where nothing else reports the action (trust policies of SAM templates, Lambda resource
      policies; cfn-lint's W3037 and WA2013 report such actions elsewhere as unknown).
    - *Variable unsupported in version*: a document whose `Version` is `2008-10-17` and that uses variables
      (cfn-lint's W2511 reports the old version itself; this rule points at the variable it breaks).

    Variables are read in `Resource`, `NotResource` and the values of string and ARN condition operators;
    WA4012 reports one under another operator. The special variables `${*}`, `${?}` and `${$}` are fine.

    ## Why is this bad?
    IAM substitutes only a well-formed variable, where the policy language takes one. Anything else is
    compared as text, so `arn:aws:s3:::home/${aws:username` matches no object and the grant gives nothing (or
    a Deny protects nothing); Access Analyzer reports these as errors.

    ## How to suppress
    Write the variable as the message shows. To silence it for one resource, add `EA4023` to its
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM policy elements: Variables and tags](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)
    - [Fn::Sub](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "EA4023"
    shortdesc = "Policy variable IAM cannot read"
    description = (
        "A malformed or misplaced policy variable is compared as plain text, so the statement matches nothing."
    )
    source_url = doc_url(id)
    tags = ["iam", "policy-variable", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, variable_findings(cfn, VARIABLE_INVALID))
