"""WA3008: a function's execution role that others than Lambda may assume."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.model import AccessModel, Identity, Path
from lint_rules.trust._common import LAMBDA_SERVICES, role_label

_KINDS = {
    "Service": "service",
    "AWS": "principal",
    "Federated": "federated provider",
    "CanonicalUser": "canonical user",
}


class ExecutionRoleTrustsOthers(CloudFormationLintRule):
    """## What it does
    Finds the execution roles of Lambda functions (an `AWS::IAM::Role` named by a function's `Role`, or
    the role SAM creates for a function from its `AssumeRolePolicyDocument`) whose trust policy also
    lets something other than Lambda assume them: another service, an account, a role or user, a
    federated provider. `lambda.amazonaws.com` and `edgelambda.amazonaws.com` (Lambda@Edge) are fine.
    `Principal: "*"` is EA3001's; values the template cannot resolve are not reported.

    ## Why is this bad?
    An execution role carries everything the function may do. Whoever else may assume it gets those
    permissions outside the function, without its code, logging or invocation controls; one role shared
    between a function and, say, an EC2 instance or a CI pipeline makes both as powerful as their union.

    ## How to suppress
    Give each function its own role trusted only by `lambda.amazonaws.com`, and the other service or
    principal a role of its own. To keep a deliberate share, add `WA3008` to the role's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Lambda execution role](https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html)
    - [Lambda@Edge: setting IAM permissions and roles](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html)
    """

    id = "WA3008"
    shortdesc = "Execution role may be assumed by more than Lambda"
    description = "Others who may assume a function's execution role get its permissions outside the function."
    source_url = doc_url(id)
    tags = ["lambda", "iam", "trust-policy", "execution-role"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


def observe(model: AccessModel) -> list[Observation]:
    """One observation per principal value (its fact, shared with the other trust rules) that is not Lambda."""
    found: list[Observation] = []
    seen: set[Path] = set()
    for function in model.functions.values():
        role = model.execution_role(function.logical_id)
        if role is None:
            continue
        trusted = _lambda_trusted(role)
        also, instead = ("also ", "") if trusted else ("", " and not Lambda")
        for document in role.trust:
            if document.generated:
                continue
            for statement in document.statements:
                if not statement.allows:
                    continue
                for value in statement.values.get("Principal", []):
                    if value.text is None or value.text == "*" or value.path in seen:
                        continue
                    if value.label == "Service" and value.text.lower() in LAMBDA_SERVICES:
                        continue
                    seen.add(value.path)
                    kind = _KINDS.get(value.label or "", "principal")
                    message = (
                        f"{role_label(role, document, statement)}{_of(role, function.logical_id)} {also}"
                        f"trusts {kind} {value.describe()}{instead}; give the function a role only Lambda may assume"
                    )
                    note = f"execution role of '{function.logical_id}' trusted beyond Lambda"
                    found.append(Observation("WA3008", value.path, message, note))
    return found


def _of(role: Identity, function: str) -> str:
    """How a message ties an explicit role to the function it serves (SAM's own role already says so)."""
    return "" if role.implicit else f", the execution role of '{function}',"


def _lambda_trusted(role: Identity) -> bool:
    return any(
        value.label == "Service" and (value.text or "").lower() in LAMBDA_SERVICES
        for document in role.trust
        for statement in document.statements
        if statement.allows
        for value in statement.values.get("Principal", [])
    )
