"""EA2009: Allow with NotAction or NotResource on every resource."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import speak
from lint_rules.identity._docs import NEGATIONS


class IamAllowNegationBroad(CloudFormationLintRule):
    __doc__ = NEGATIONS

    id = "EA2009"
    shortdesc = "Allow with NotAction or NotResource on every resource"
    description = (
        "An Allow with NotAction on every resource, or NotResource on sensitive actions, grants nearly everything."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)
