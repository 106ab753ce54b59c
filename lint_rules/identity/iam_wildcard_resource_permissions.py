"""EA2006: Permissions-management action on every resource."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import speak
from lint_rules.identity._docs import WILDCARD_RESOURCES


class IamWildcardResourcePermissions(CloudFormationLintRule):
    __doc__ = WILDCARD_RESOURCES

    id = "EA2006"
    shortdesc = "Permissions-management action on every resource"
    description = "A permissions-management action on every resource lets the holder rewrite who can use each of them."
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "wildcard"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)
