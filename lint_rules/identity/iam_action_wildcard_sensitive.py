"""EA2003: Action wildcard over a service that controls access."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import speak
from lint_rules.identity._docs import ACTION_WILDCARDS


class IamActionWildcardSensitive(CloudFormationLintRule):
    __doc__ = ACTION_WILDCARDS

    id = "EA2003"
    shortdesc = "Action wildcard over a service that controls access"
    description = "A wildcard over IAM, STS, Lambda, KMS, Secrets Manager or Organizations actions on every resource hands over access control itself."
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "wildcard"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)
