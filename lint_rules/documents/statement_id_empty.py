"""IA4015: an empty Sid."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import TRUST, WRITTEN, Path, access_model


class StatementIdEmpty(CloudFormationLintRule):
    """## What it does
    Reports a statement whose `Sid` is the empty string, which mirrors the IAM Access Analyzer suggestion
    *Empty Sid value*, in the policy documents cfn-lint does not check it in: SAM function `Policies` and
    `AssumeRolePolicyDocument`, `AWS::Lambda::ResourcePolicy`, and the trust policy of an
    `AWS::IAM::Role` (cfn-lint's E3530 does not look at Sids there; its E3510 reports an empty Sid in
    IAM identity policies, which this rule leaves to it).

    ## Why is this bad?
    A Sid is there to name the statement, for the reader and in the findings of tools such as Access
    Analyzer; an empty one names nothing and reads as a name someone forgot to write. Informational: it
    changes no access.

    ## How to suppress
    Give the statement a name made of letters and digits, or remove `Sid`. To silence it for one resource,
    add `IA4015` to its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: Sid](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "IA4015"
    shortdesc = "Empty statement id"
    description = "An empty Sid names nothing; give the statement a name or remove Sid."
    source_url = doc_url(id)
    tags = ["iam", "sam", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for document in access_model(cfn).documents:
            if document.origin != WRITTEN or (document.checked_by_cfn_lint and document.kind != TRUST):
                continue
            subject = f"{document.name[0].upper()}{document.name[1:]}"
            for statement in document.statements:
                if statement.sid == "" and "Sid" in statement.key_paths:
                    found.append(
                        (
                            statement.key_paths["Sid"],
                            f"{subject}: {statement.label()} has an empty Sid, which names nothing; give it a name"
                            " of letters and digits or remove Sid",
                        )
                    )
        return findings(cfn, found)
