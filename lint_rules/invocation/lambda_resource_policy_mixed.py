"""WA1020: a function's resource policy set by a ResourcePolicy and by permissions too."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings, quote
from lint_rules.model import Invocation, Path, access_model


class LambdaResourcePolicyMixed(CloudFormationLintRule):
    """## What it does
    Finds an `AWS::Lambda::ResourcePolicy` whose function (or version, or alias: each has its own
    policy) also receives statements from `AWS::Lambda::Permission` resources, those SAM generates for
    events, function URLs, authorizers and connectors included. The finding is on the `ResourceArn` of
    the resource policy and names the other writers. Two `ResourcePolicy` resources on one function
    are cfn-lint's own E3019 (primary identifiers must be unique). Grants on a function outside the
    template (an ARN from a parameter) are not compared.

    ## Why is this bad?
    Lambda keeps one resource-based policy per function, version or alias. A `ResourcePolicy` sets
    the whole document; each `Permission` adds or removes one statement of it. AWS's CloudFormation
    reference for `AWS::Lambda::ResourcePolicy` says: "using both `AWS::Lambda::Permission` and
    `AWS::Lambda::ResourcePolicy` to set permissions on a function can result in errors. Permissions
    defined in `AWS::Lambda::Permission` can be unintentionally overwritten, whether in a single
    CloudFormation stack or across multiple stacks. Don't use both resource types to set permissions
    on a function." A grant that silently disappears breaks a caller; one that silently comes back on
    the next update re-opens access you removed.

    The access rules (EA1002, WA1003, WA1006, ...) judge the statements of both as Lambda would see
    them together: a `Deny` statement of the resource policy is credited against the permissions' grants
    too (an unconditioned Deny closes a grant; a Deny under one negated condition on a narrowing key,
    such as `StringNotEquals: {aws:PrincipalOrgID: o-...}`, narrows it).

    ## How to suppress
    Keep one writer per function: move the permissions' grants into the resource policy's document
    and delete the `Permission` resources (AWS's migration steps: set `DeletionPolicy: Retain` on the
    permissions first, so that deleting them does not remove the statements before the resource
    policy is in place). With SAM events, which always generate permissions, keep `Permission`
    resources and drop the resource policy.

    To accept the finding, add `WA1020` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [AWS::Lambda::ResourcePolicy](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-resourcepolicy.html) ("Avoid mixing permission resource types")
    - [Viewing resource-based IAM policies in Lambda](https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html)
    - [Policy evaluation logic: an explicit deny overrides an allow](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)
    """

    id = "WA1020"
    shortdesc = "Lambda resource policy mixed with Lambda permissions"
    description = "A ResourcePolicy replaces the statements permissions add to the same function policy."
    source_url = doc_url(id)
    tags = ["lambda", "resource-policy", "permission"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        writers: dict[str, list[Invocation]] = {}
        for invocation in [*model.invocations, *model.closed_invocations]:
            if invocation.kind != "resource-policy" and invocation.target is not None:
                writers.setdefault(invocation.target, []).append(invocation)
        found: list[tuple[Path, str]] = []
        for policy in model.resource_policies:
            if policy.target is None or policy.target_path is None:
                continue
            others = list(dict.fromkeys(_name(invocation) for invocation in writers.get(policy.target, [])))
            if not others:
                continue
            more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
            found.append(
                (
                    policy.target_path,
                    f"Resource policy '{policy.logical_id}' and {others[0]}{more} both write the policy of "
                    f"{quote(policy.target)}, and one can overwrite the other; keep one of the two",
                )
            )
        return findings(cfn, found)


def _name(invocation: Invocation) -> str:
    """The resource behind a grant, as a reader finds it in the template."""
    kind, resource, last = invocation.kind, invocation.resource, invocation.path[-1]
    if kind == "sam-event":
        return f"SAM's permission for event '{last}'"
    if kind == "sam-url":
        return f"SAM's permissions for the FunctionUrlConfig of '{resource}'"
    if kind in ("sam-authorizer", "sam-route"):
        return f"SAM's permission for '{last}' of '{resource}'"
    if kind == "sam-connector":
        return f"SAM's permission for connector '{resource}'"
    return f"permission '{resource}'"
