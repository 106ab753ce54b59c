"""WA2004: Action wildcard covers write or sensitive actions."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import speak
from lint_rules.identity._docs import ACTION_WILDCARDS


class IamActionWildcard(CloudFormationLintRule):
    __doc__ = ACTION_WILDCARDS

    id = "WA2004"
    shortdesc = "Action wildcard covers write or sensitive actions"
    description = "An action wildcard grants every matching action, those AWS adds later included."
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "wildcard"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)
