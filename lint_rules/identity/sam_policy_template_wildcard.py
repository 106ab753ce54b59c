"""WA2012: a SAM policy template given a wildcard parameter."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.identity._breadth import actions_of
from lint_rules.model import SAM_TEMPLATE, Path, PolicyDocument, access_model
from lint_rules.model._coverage import covers_every


class SamPolicyTemplateWildcard(CloudFormationLintRule):
    """## What it does
    Finds SAM policy templates in a function's `Policies` given a parameter that is only wildcards
    (`S3CrudPolicy: {BucketName: "*"}`, `LambdaInvokePolicy: {FunctionName: "*"}`,
    `DynamoDBCrudPolicy: {TableName: "*"}`), where the expanded statements then name every resource of
    their kind. Parameter defaults and `Fn::If` branches count. Reported at the parameter.

    ## Why is this bad?
    A policy template is scoped by its parameters: `S3CrudPolicy` is read and write on one bucket. Given
    `*`, it is read, write and delete on every bucket of the account, which is no longer what the
    template's name promises to a reviewer.

    ## How to suppress
    Pass the resource's name (`!Ref Bucket`). To keep the wildcard on purpose, add `WA2012` to the
    function's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [AWS SAM policy templates](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html)
    - [Security best practices in IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    """

    id = "WA2012"
    shortdesc = "SAM policy template given a wildcard parameter"
    description = "A policy template given '*' for its resource applies to every resource of that kind."
    source_url = doc_url(id)
    tags = ["iam", "sam", "policy-template", "wildcard"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for document in access_model(cfn).identity_documents():
            if document.origin != SAM_TEMPLATE or not _opens_everything(document):
                continue
            for parameter, values in document.arguments.items():
                for value in values:
                    text = (value.text or "").strip()
                    if not text or text.replace("*", "").replace("?", ""):
                        continue
                    found.append(
                        (
                            value.path,
                            f"Policy template '{document.template}' of '{document.resource}' is given {parameter} "
                            f"{value.describe()}, so it applies to every resource of its kind; name the resource",
                        )
                    )
        return findings(cfn, found)


def _opens_everything(document: PolicyDocument) -> bool:
    """Whether some expanded statement names every resource its actions accept."""
    for statement in document.statements:
        resources = [text for text in statement.texts("Resource") if text.strip() != "*"]
        for pattern in statement.texts("Action"):
            for action in actions_of(pattern) or ():
                if any(covers_every(resource, action) for resource in resources):
                    return True
    return False
