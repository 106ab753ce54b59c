"""EA2009: Allow with NotAction or NotResource on every resource."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.identity._breadth import ERROR, negations
from lint_rules.model import access_model


class IamAllowNegationBroad(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements with `NotAction` or `NotResource` in identity policies the template writes.
    `NotAction` on every resource grants every action of hundreds of services but the few excluded: an
    error (EA2009; when it excludes at most three services EA2001 reports it as administrator access).
    `NotAction` on named resources grants every action that applies to them: a warning (WA2010).
    `NotResource` grants the actions on every resource but those excluded: an error (EA2009) when its
    actions include permissions management or an error-grade wildcard (as EA2003 and EA2006 grade them), a
    warning (WA2010) otherwise; `Action: "*"` with `NotResource` is EA2001. Conditions are not credited:
    they decide when the broad grant applies, not how broad it is.

    ## Why is this bad?
    `NotAction` and `NotResource` in an `Allow` invert the list: whatever is not named is granted, the
    services and resources AWS adds later included. A statement meant as "everything but IAM" still
    grants Lambda, KMS and STS; a `NotResource` meant to protect one bucket opens all others.

    ## How to suppress
    List the actions and resources the principal uses in `Action` and `Resource`; keep `NotAction` and
    `NotResource` for `Deny` statements. To keep one on purpose, add the rule id to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html)
    - [IAM JSON policy elements: NotResource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html)
    """

    id = "EA2009"
    shortdesc = "Allow with NotAction or NotResource on every resource"
    description = (
        "An Allow with NotAction on every resource, or NotResource on sensitive actions, grants nearly everything."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found = [(path, message) for grade, path, message in negations(access_model(cfn)) if grade == ERROR]
        return findings(cfn, found)
