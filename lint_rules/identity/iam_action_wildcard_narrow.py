"""IA2005: Action wildcard of limited reach."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import speak
from lint_rules.identity._docs import ACTION_WILDCARDS


class IamActionWildcardNarrow(CloudFormationLintRule):
    __doc__ = ACTION_WILDCARDS

    id = "IA2005"
    shortdesc = "Action wildcard of limited reach"
    description = (
        "A wildcard over read actions, or over actions on named resources, still grants more than the code calls."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "wildcard"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)
