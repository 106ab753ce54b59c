"""WA2007: Write action on every resource."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import speak
from lint_rules.identity._docs import WILDCARD_RESOURCES


class IamWildcardResourceWrite(CloudFormationLintRule):
    __doc__ = WILDCARD_RESOURCES

    id = "WA2007"
    shortdesc = "Write action, or a sensitive read, on every resource"
    description = (
        "A write action on every resource lets the holder change every resource of that kind, not the ones it uses."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "wildcard"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)
