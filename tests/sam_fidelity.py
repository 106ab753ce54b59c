"""Differential check of the access model against aws-sam-translator (used by tests/test_sam_fidelity.py).

For one SAM template: translate it with aws-sam-translator (offline: region and managed-policy map
stubbed), build the access model of the SAM source (with Globals merged as cfn-lint merges them) and of
the translator's CloudFormation output, and compare them function by function, aspect by aspect.

Run it as a script for the table the fidelity issue asks for:
``python tests/sam_fidelity.py [paths...]`` (default: every SAM template of ../shared/corpus and tests/sam).
"""

from __future__ import annotations

import copy
import datetime
import json
import logging
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "templates"
SYNTHETIC = ROOT / "tests" / "sam"
ASPECTS = ("role", "grants", "managed", "trust", "boundary", "invocations", "urls", "mappings", "api", "routes")


class _NoManagedPolicies:
    """Offline stand-in for SAM's IAM lookup: names outside SAM's bundled table stay unresolved."""

    def load(self) -> dict[str, str]:
        return {}


def plain(node: Any) -> Any:
    """cfn-lint's decoded nodes as plain JSON types (the translator deep-copies and type-checks them)."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def is_sam(template: Any) -> bool:
    transform = template.get("Transform") if isinstance(template, dict) else None
    transforms = transform if isinstance(transform, list) else [transform]
    return "AWS::Serverless-2016-10-31" in transforms


def decode(path: Path) -> Any:
    from cfnlint.decode import decode_str

    template, matches = decode_str(path.read_text(encoding="utf-8"))
    return None if matches else template


# Local artefact paths that `sam package` would upload to S3 before the translator sees them.
_ARTEFACTS = {
    "AWS::Serverless::Function": ("CodeUri",),
    "AWS::Serverless::LayerVersion": ("ContentUri",),
    "AWS::Serverless::Api": ("DefinitionUri",),
    "AWS::Serverless::HttpApi": ("DefinitionUri",),
    "AWS::Serverless::StateMachine": ("DefinitionUri",),
    "AWS::Serverless::GraphQLApi": ("SchemaUri",),
}


def packaged(template: dict[str, Any]) -> dict[str, Any]:
    """The template as `sam package` leaves it: local paths become S3 URIs, SAR apps a template URL."""
    result = copy.deepcopy(template)
    resources = result.get("Resources")
    for resource in resources.values() if isinstance(resources, dict) else []:
        props = resource.get("Properties") if isinstance(resource, dict) else None
        if not isinstance(props, dict):
            continue
        kind = resource.get("Type")
        for key in _ARTEFACTS.get(kind, ()):
            value = props.get(key)
            if isinstance(value, str) and not value.startswith("s3://"):
                props[key] = f"s3://bucket/{value.strip('./') or 'code'}"
            elif isinstance(value, dict) and not {"Bucket", "Key"} <= set(value) and "Fn::If" not in value:
                props[key] = "s3://bucket/code.zip"
        if kind == "AWS::Serverless::Function":
            if props.get("PackageType") == "Image":
                props["ImageUri"] = props.get("ImageUri") or "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:latest"
            elif not {"CodeUri", "InlineCode", "ImageUri"} & set(props):
                props["CodeUri"] = "s3://bucket/code.zip"
        body = props.get("DefinitionBody")
        if isinstance(body, dict) and list(body) == ["Fn::Transform"]:  # AWS::Include: uploaded, not inlined
            version = {"swagger": "2.0"} if kind == "AWS::Serverless::Api" else {"openapi": "3.0.1"}
            props["DefinitionBody"] = {**version, "info": {"title": "included", "version": "1"}, "paths": {}}
        if kind == "AWS::Serverless::Application" and not isinstance(props.get("Location"), str):
            props["Location"] = "https://bucket.s3.amazonaws.com/app.yaml"
    return result


def translate(template: dict[str, Any]) -> dict[str, Any]:
    """aws-sam-translator's CloudFormation for a SAM template; raises on a template SAM rejects."""
    from samtranslator.translator.transform import transform

    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    os.environ.setdefault("AWS_REGION", "us-east-1")
    result: dict[str, Any] = transform(packaged(template), {}, _NoManagedPolicies())
    return result


def source_model(template: dict[str, Any]) -> Any:
    """The model rules see: the SAM source with Globals merged (what cfn-lint hands the rules)."""
    from cfnlint.template.transforms._sam_globals import merge_globals

    from lint_rules.model import build

    merged = copy.deepcopy(template)
    merge_globals(merged)
    return build(merged)


def _text(value: Any) -> str:
    # The translator resolves ${AWS::Region} in a few places with the region it runs in (stubbed here).
    return value.text.replace("us-east-1", "<region>") if value.text is not None else "?"


def _statement_triples(model: Any, identity: str) -> set[tuple[str, ...]]:
    result: set[tuple[str, ...]] = set()
    for _, statement in model.grants(identity):
        effect = statement.effect.text if statement.effect is not None and statement.effect.text else "?"
        for action_key in ("Action", "NotAction"):
            for action in statement.values.get(action_key, []):
                for resource_key in ("Resource", "NotResource"):
                    for resource in statement.values.get(resource_key, []):
                        result.add((effect, f"{action_key}={_text(action)}", f"{resource_key}={_text(resource)}"))
    return result


def aspects(model: Any, function: str, opaque_apis: bool = False) -> dict[str, Any]:
    """What the fidelity test compares for one function, as plain comparable values."""
    found: dict[str, Any] = dict.fromkeys(ASPECTS)
    # In the translator's output a Role written as Fn::If with AWS::NoValue becomes an Fn::If between
    # the user's role and <Fn>Role; the model of that output holds no single role id for it.
    role = model.execution_role(function) or model.identities.get(f"{function}Role")
    found["role"] = role is not None
    if role is not None:
        found["grants"] = _statement_triples(model, role.logical_id)
        managed = {_text(value) for value in role.managed_policy_arns}
        managed |= {f"ref:{name}" for name in role.managed_policy_ids}
        found["managed"] = managed
        trust = set()
        for document in role.trust:
            for statement in document.statements:
                for principal in statement.values.get("Principal", []):
                    for action in statement.values.get("Action", []):
                        trust.add((principal.label or "", _text(principal), _text(action)))
        found["trust"] = trust
        found["boundary"] = {_text(value) for value in role.boundary}
    found["invocations"] = Counter(
        (
            ",".join(sorted(_text(p) for p in invocation.principal)),
            ",".join(sorted(_text(a) for a in invocation.action)),
            ",".join(sorted(key.lower() for key in invocation.narrowing)),
        )
        for invocation in model.invocations_of(function)
    )
    found["urls"] = sorted(",".join(sorted(_text(v) for v in url.auth_type)) for url in model.exposure(function).urls)
    found["mappings"] = sorted(mapping.resource for mapping in model.exposure(function).event_source_mappings)
    # API routes with whether they authenticate and require an API key. Skipped where an API carries its own
    # OpenAPI definition (SAM merges the events into it) and for the CORS preflight (SAM's own choice per API).
    if not opaque_apis:
        found["api"] = {
            (
                ",".join(sorted(route.method_names())),
                _spelled(route.route),
                not route.unauthenticated,
                route.api_key is not None,
            )
            for route in model.exposure(function).api_methods
            if not route.preflight and route.type not in _WEBSOCKET
        }
    found["routes"] = open_routes(model, function)
    return found


def open_routes(model: Any, function: str) -> set[str]:
    """The routes that let anyone invoke the function (what WA1012 and IA1013 report), as
    ``API METHOD route``, ``+key`` when an API key is all they require: compared even where an API has its
    own OpenAPI definition, since the translated output carries that definition with the events merged in."""
    from lint_rules.invocation._api_routes import open_routes as routes

    return {
        f"{route.api} {'/'.join(sorted(route.method_names()))} {_spelled(route.route)}"
        + (" +key" if route.api_key else "")
        for route in routes(model, None)
        if route.function == function
    }


def _spelled(route: str | None) -> str | None:
    """SAM writes an HttpApi event without Path as '$default' or, on some APIs, '/$default': the same route."""
    return "$default" if route == "/$default" else route


_WEBSOCKET = ("AWS::Serverless::WebSocketApi", "AWS::ApiGatewayV2::Route")


def has_own_definition(template: dict[str, Any]) -> bool:
    """Whether a SAM API of the template has an OpenAPI definition (DefinitionBody or DefinitionUri)."""
    resources = template.get("Resources")
    for resource in resources.values() if isinstance(resources, dict) else ():
        props = resource.get("Properties") if isinstance(resource, dict) else None
        if isinstance(props, dict) and ("DefinitionBody" in props or "DefinitionUri" in props):
            return True
    return False


@dataclass
class Outcome:
    """One template's comparison: per function, the aspects that differ (with both sides)."""

    name: str
    rejected: str | None = None  # the translator's error, for templates SAM itself rejects
    functions: dict[str, dict[str, tuple[Any, Any]]] = field(default_factory=dict)


def compare(name: str, template: dict[str, Any]) -> Outcome:
    from lint_rules.model import build

    outcome = Outcome(name)
    try:
        translated = translate(plain(template))
    except Exception as error:  # InvalidDocumentException and friends: SAM rejects the template
        outcome.rejected = f"{type(error).__name__}: {str(error)[:160]}"
        return outcome
    source = source_model(template)
    generated = build(translated)
    for function in source.functions:
        if source.functions[function].type != "AWS::Serverless::Function":
            continue
        if function not in generated.functions:
            outcome.functions[function] = {"function": (True, False)}
            continue
        opaque = has_own_definition(template)
        ours, theirs = aspects(source, function, opaque), aspects(generated, function, opaque)
        outcome.functions[function] = {
            aspect: (ours[aspect], theirs[aspect]) for aspect in ASPECTS if ours[aspect] != theirs[aspect]
        }
    return outcome


def sam_templates(paths: list[Path]) -> list[tuple[str, dict[str, Any]]]:
    result = []
    for path in paths:
        template = decode(path)
        if isinstance(template, dict) and is_sam(template):
            result.append((path.name, template))
    return result


def policy_template_cases() -> dict[str, Any]:
    """A synthetic SAM template: one function per SAM policy template, each template used three times,
    with literal arguments, with a parameter, and with a reference to a resource."""
    from lint_rules.model._sam import policy_templates

    functions = {}
    for index, (name, body) in enumerate(sorted(policy_templates().items())):
        arguments = [
            {parameter: f"literal-{parameter.lower()}" for parameter in body["parameters"]},
            {parameter: {"Ref": "Param"} for parameter in body["parameters"]},
            {parameter: {"Ref": "Topic"} for parameter in body["parameters"]},
        ]
        functions[f"Fn{index}"] = {
            "Type": "AWS::Serverless::Function",
            "Properties": {
                "Runtime": "python3.12",
                "Handler": "app.handler",
                "CodeUri": "s3://bucket/code.zip",
                "Policies": [{name: given} for given in arguments],
            },
        }
    return {
        "Transform": "AWS::Serverless-2016-10-31",
        "Parameters": {"Param": {"Type": "String", "Default": "from-parameter"}},
        "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}, **functions},
    }


def default_paths() -> list[Path]:
    corpus = sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []
    return corpus + sorted(SYNTHETIC.glob("*.yaml"))


def table(outcomes: list[Outcome]) -> str:
    functions = sum(len(o.functions) for o in outcomes)
    lines = [
        f"templates {len(outcomes)} (SAM rejects {sum(1 for o in outcomes if o.rejected)}), functions {functions}",
        f"functions matching on every aspect: {sum(1 for o in outcomes for f in o.functions.values() if not f)}",
    ]
    for aspect in ("function", *ASPECTS):
        differ = sum(1 for o in outcomes for f in o.functions.values() if aspect in f)
        lines.append(f"  {aspect:<12} match {functions - differ:>4} / {functions}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    logging.disable(logging.WARNING)  # the translator's feature-toggle and metrics chatter
    paths = [Path(arg) for arg in argv] or default_paths()
    started = time.monotonic()
    cases = sam_templates(paths)
    if not argv:
        cases.append(("policy_templates (generated)", policy_template_cases()))
    outcomes = [compare(name, template) for name, template in cases]
    elapsed = time.monotonic() - started
    verbose = bool(argv)
    for outcome in outcomes:
        if outcome.rejected and verbose:
            sys.stdout.write(f"{outcome.name}: rejected by SAM: {outcome.rejected}\n")
        for function, differences in outcome.functions.items():
            for aspect, (ours, theirs) in differences.items():
                sys.stdout.write(
                    f"{outcome.name} {function} {aspect}\n  model: {_show(ours)}\n  sam:   {_show(theirs)}\n"
                )
    sys.stdout.write(table(outcomes) + f"\n{elapsed:.1f} s\n")
    return 0


def _show(value: Any) -> str:
    if isinstance(value, Counter):
        return json.dumps(sorted(f"{count}x {key}" for key, count in value.items()))
    if isinstance(value, (set, frozenset)):
        return json.dumps(sorted(value, key=str), default=str)
    return json.dumps(value, default=str)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
