"""IA2008: Data read on every resource."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import speak
from lint_rules.identity._docs import WILDCARD_RESOURCES


class IamWildcardResourceRead(CloudFormationLintRule):
    __doc__ = WILDCARD_RESOURCES

    id = "IA2008"
    shortdesc = "Data read on every resource"
    description = (
        "A read of the data resources hold (objects, items, log events) on every resource exposes every resource of"
        " that kind, not the ones the code uses."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "wildcard"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)
