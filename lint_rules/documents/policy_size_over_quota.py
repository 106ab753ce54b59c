"""WA4026: a policy document whose literal text alone is over IAM's size quota."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._sizes import OVER_QUOTA, size_findings


class PolicySizeOverQuota(CloudFormationLintRule):
    """## What it does
    Counts the characters of each policy document the template writes, white space aside as IAM counts,
    and reports one over IAM's quota. It mirrors these IAM Access Analyzer checks:

    - *Policy size exceeds identity policy quota*: an `AWS::IAM::ManagedPolicy` over the managed policy quota
      (6,144 characters), or one inline policy (of a role, user, group, `AWS::IAM::Policy` or a SAM function)
      over 10,240 characters, the most any role, user or group may hold in inline policies together.
    - *Policy size exceeds role trust policy quota*: a role's trust policy over the default quota (2,048
      characters; an account may have it raised, up to 4,096).

    The count is a lower bound: only what the template writes literally counts. A `Ref`, `Fn::GetAtt` or
    `Fn::Sub` substitution counts only its quotes and literal text, and an `Fn::If` inside the document counts
    nothing, so a document reported is over the quota whatever those values are. The sum of several inline
    policies of one entity is not added up. The quotas come from the IAM User Guide
    (`lint_rules/data/policy_size_quotas.json`, written by `scripts/refresh_policy_quotas.py`). Lambda's
    resource policy is WA1021's (it adds the permissions that share its 20 KB).

    ## Why is this bad?
    IAM refuses a policy over its quota, so the stack fails to create or update, after everything before the
    role or policy in the deployment has been created.

    ## How to suppress
    Split the policy (several managed policies, or statements with wildcards the actions share). For a trust
    policy in an account whose quota is raised, add `WA4026` to the role's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM and AWS STS quotas](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "WA4026"
    shortdesc = "Policy document over IAM's size quota"
    description = "IAM rejects a policy larger than its quota, so the deployment fails."
    source_url = doc_url(id)
    tags = ["iam", "quota", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, size_findings(cfn, OVER_QUOTA))
