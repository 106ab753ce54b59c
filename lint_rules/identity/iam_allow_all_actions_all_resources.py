"""EA2001: an identity-policy statement that allows every action on every resource."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.identity._breadth import grants_admin, written_allows
from lint_rules.identity._deployment import deployment_principals
from lint_rules.model import AccessModel, PolicyDocument

_ALL_ACTIONS = ("*", "*:*")


class IamAllowAllActionsAllResources(CloudFormationLintRule):
    """## What it does
    Finds `Allow` statements in identity-based policies that grant `Action: "*"` (or `*:*`, alone or in
    a list) on `Resource: "*"` (alone or in a list), and their equivalents: `NotAction` excluding the
    actions of at most three services on every resource (PowerUserAccess's shape), and `Action: "*"`
    with `NotResource` (every resource but a few). It looks at inline `Policies` of roles, users and groups, `AWS::IAM::Policy`,
    `AWS::IAM::ManagedPolicy`, `AWS::IAM::RolePolicy`/`UserPolicy`/`GroupPolicy`, and the inline
    documents in a SAM function's `Policies`. Both branches of `Fn::If` are checked. A permissions
    boundary, or a managed policy that names no role, user or group (the CDK bootstrap template's example
    boundary), grants nothing in the template and is not reported. A statement whose policy applies only to
    deployment roles (a CloudFormation service role, a stack set execution role: see IA2028) is left to
    IA2028, as EA2002 leaves AdministratorAccess there.

    ## Why is this bad?
    Such a statement is full administrator access. A Lambda function whose role holds it can be
    turned, through any code or dependency flaw, into control of the whole account: create users,
    read every secret, delete every resource. Conditions do not make it safe: they only decide when
    the administrator access applies.

    ## How to suppress
    List the actions the principal really calls, scoped to the resources it uses. If an
    administrator role is intended (a break-glass role, say), add `EA2001` to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Security best practices in IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [Lambda execution role](https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html)
    """

    id = "EA2001"
    shortdesc = "Policy allows all actions on all resources"
    description = "Action '*' on Resource '*' is administrator access for whoever holds the policy."
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    """Every statement allowing all actions on all resources, or its equivalents (``grants_admin``)."""
    found: list[Observation] = []
    for document in model.granting_documents():
        for statement in document.statements:
            if not statement.allows or "*" not in statement.texts("Resource"):
                continue
            for value in statement.values.get("Action", []):
                if value.text in _ALL_ACTIONS:
                    deployment = _deployment_holders(model, document)
                    if deployment:
                        message = (
                            f"{statement.label()} of {document.name} allows Action {value.describe()} on Resource "
                            f"'*' to deployment role {deployment}: administrator access; AWS recommends a scoped "
                            "execution role: allow what its stacks deploy"
                        )
                        found.append(Observation("IA2028", value.path, message, _NOTE, statement.path))
                        continue
                    message = (
                        f"{statement.label()} of {document.name} allows Action {value.describe()} "
                        "on Resource '*'; list the actions it needs on the resources it uses"
                    )
                    found.append(Observation("EA2001", value.path, message, _NOTE, statement.path))
    for document, statement in written_allows(model):
        for _, path, what in grants_admin(statement):
            message = (
                f"{statement.label()} of {document.name} allows {what} (administrator access in all "
                "but name); list the actions it needs on the resources it uses"
            )
            found.append(Observation("EA2001", path, message, _NOTE, statement.path))
    return found


_NOTE = "administrator access"


def _deployment_holders(model: AccessModel, document: PolicyDocument) -> str:
    """'RoleName' (assumed by ...) when every role, user or group the document applies to is a deployment role
    (IA2028), else ''."""
    logical_ids = document.attached_to or [document.resource]
    if not all(logical_id in model.identities for logical_id in logical_ids):
        return ""
    described: list[str] = []
    for holder in (model.identities[logical_id] for logical_id in logical_ids):
        who = deployment_principals(holder)
        if not who:
            return ""
        described.append(f"'{holder.logical_id}' (assumed by {who})")
    return ", ".join(described)
