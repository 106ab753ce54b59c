"""WA2010: Allow with NotAction or NotResource."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import speak
from lint_rules.identity._docs import NEGATIONS


class IamAllowNegation(CloudFormationLintRule):
    __doc__ = NEGATIONS

    id = "WA2010"
    shortdesc = "Allow with NotAction or NotResource"
    description = "An Allow with NotAction or NotResource grants whatever it does not name, later additions included."
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)
