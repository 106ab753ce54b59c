"""Refresh the SAM data files in lint_rules/data/ from the installed aws-sam-translator.

Run with the refresh extra installed: ``pip install -e '.[refresh]' && python scripts/refresh_sam_data.py``.
It writes three files, each with a ``_source`` note naming the package version it came from:

- ``sam_policy_templates.json``: SAM's policy templates (name -> parameters and definition), from
  ``samtranslator/policy_templates_data/policy_templates.json``.
- ``sam_managed_policies.json``: bare managed-policy names SAM maps to ARNs, per partition, stored as
  the ARN's resource part (``policy/service-role/X``) so every partition shares one table.
- ``sam_connectors.json``: SAM's connector profiles (source type -> destination type -> the policy or
  permission a connector generates, per access category), the outputs (Arn, Name, ...) and role
  property of each resource type, and the SAM-to-CloudFormation type map connectors use.
- ``sam_event_sources.json``: every SAM event type with the service principal SAM grants invoke
  permission to (push sources) or ``null`` (pull sources: an event source mapping, no permission), and
  what the translator itself generates for one probe event of that type (``_probe``): the conditions
  its permission is narrowed by, the managed policies and statements it adds to the function's implicit
  role. Statements keep the event's properties as ``{"$property": "Name"}`` placeholders. For pull
  events, ``access`` lists what each kind of source access configuration adds (one probe per Type of
  cfn-lint's AWS::Lambda::EventSourceMapping schema, with a partner Type where SAM requires one, such
  as VPC_SUBNET with VPC_SECURITY_GROUP): ``{"types": [...], "statements": [...]}``, the statements
  naming a configuration's URI as ``{"$property": "SourceAccessConfigurations/<Type>/URI"}``;
  ``properties`` lists what an optional event property adds (``SecretsManagerKmsKeyId``,
  ``SchemaRegistryConfig``), with ``<$Name>`` marking where SAM writes a property's text into a string
  and ``SchemaRegistryConfig/...`` placeholders for the registry's URI, name and access secrets.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "lint_rules" / "data"


def _source(what: str) -> str:
    version = metadata.version("aws-sam-translator")
    return f"aws-sam-translator {version} ({what}), Apache-2.0; written by scripts/refresh_sam_data.py"


def _policy_templates() -> dict[str, Any]:
    import samtranslator

    path = Path(samtranslator.__file__).parent / "policy_templates_data" / "policy_templates.json"
    templates = json.loads(path.read_text(encoding="utf-8"))["Templates"]
    return {
        "_source": _source("policy_templates_data/policy_templates.json"),
        "templates": {
            name: {"parameters": sorted(body.get("Parameters", {})), "definition": body["Definition"]}
            for name, body in sorted(templates.items())
        },
    }


def _managed_policies() -> dict[str, Any]:
    import samtranslator

    path = Path(samtranslator.__file__).parent / "internal" / "data" / "aws_managed_policies.json"
    by_partition = json.loads(path.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    partitions: dict[str, list[str]] = {}
    for partition, table in sorted(by_partition.items()):
        for name, arn in sorted(table.items()):
            # arn:<partition>:iam::aws:<resource part>
            resource = arn.split(":", 5)[5]
            names.setdefault(name, resource)
            partitions.setdefault(name, []).append(partition)
    return {
        "_source": _source("internal/data/aws_managed_policies.json"),
        "policies": {name: {"resource": names[name], "partitions": partitions[name]} for name in names},
    }


def _connectors() -> dict[str, Any]:
    import samtranslator
    from samtranslator.model.connector import connector

    path = Path(samtranslator.__file__).parent / "model" / "connector_profiles" / "profiles.json"
    profiles = json.loads(path.read_text(encoding="utf-8"))
    return {
        "_source": _source("model/connector_profiles/profiles.json, model/connector/connector.py"),
        "permissions": profiles["Permissions"],
        "resource_properties": profiles["CfnResourceProperties"],
        "sam_types": dict(sorted(connector._SAM_TO_CFN_RESOURCE_TYPE.items())),
    }


def _event_sources() -> dict[str, Any]:
    import samtranslator.model.eventsources as pkg

    found: dict[str, str | None] = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or inspect.isabstract(cls):
                continue
            event_type = cls.__dict__.get("resource_type") or getattr(cls, "resource_type", None)
            bases = {base.__name__ for base in inspect.getmro(cls)}
            if not isinstance(event_type, str) or not bases & {"PushEventSource", "PullEventSource"}:
                continue
            principal = getattr(cls, "principal", None)
            found[event_type] = principal if isinstance(principal, str) and principal else None
    probes = _probe_events(found)
    return {
        "_source": _source("samtranslator/model/eventsources, and translations of one probe event per type"),
        "events": {name: {"principal": found[name], **probes.get(name, {})} for name in sorted(found)},
        "destinations": _destinations(),
        "execution_role": _execution_role(),
    }


# One probe event per type: the properties the translator requires; "$Name" values become placeholder
# Refs that the recorded output maps back to the property they came from. Types whose probe is missing here are recorded
# with their principal only (the refresh prints them).
_PLACEHOLDER = "SamProbe"
_ACCESS = f"{_PLACEHOLDER}Access"  # + the Type without underscores: the URI of that source access configuration
_REGISTRY_SECRET = f"{_PLACEHOLDER}RegistryAccess"
_PROBE_PROPERTIES: dict[str, dict[str, Any]] = {
    "AlexaSkill": {"SkillId": "$SkillId"},
    "Api": {"Path": "/", "Method": "get"},
    "CloudWatchEvent": {"Pattern": {"source": ["aws.ec2"]}},
    "CloudWatchLogs": {"LogGroupName": "$LogGroupName", "FilterPattern": "x"},
    "Cognito": {"UserPool": {"Ref": "ProbePool"}, "Trigger": "PreSignUp"},
    "DocumentDB": {
        "Cluster": "$Cluster",
        "DatabaseName": "$DatabaseName",
        "SourceAccessConfigurations": [{"Type": "BASIC_AUTH", "URI": {"Ref": f"{_ACCESS}BASICAUTH"}}],
    },
    "DynamoDB": {"Stream": "$Stream", "StartingPosition": "LATEST"},
    "EventBridgeRule": {"Pattern": {"source": ["aws.ec2"]}},
    "HttpApi": {},
    "IoTRule": {"Sql": "SELECT * FROM 'topic'"},
    "Kinesis": {"Stream": "$Stream", "StartingPosition": "LATEST"},
    "MQ": {
        "Broker": "$Broker",
        "Queues": ["q"],
        "SourceAccessConfigurations": [{"Type": "BASIC_AUTH", "URI": {"Ref": f"{_ACCESS}BASICAUTH"}}],
    },
    "MSK": {"Stream": "$Stream", "StartingPosition": "LATEST", "Topics": ["t"]},
    "S3": {"Bucket": {"Ref": "ProbeBucket"}, "Events": "s3:ObjectCreated:*"},
    "SNS": {"Topic": "$Topic"},
    "SQS": {"Queue": "$Queue"},
    "Schedule": {"Schedule": "rate(1 minute)"},
    "SelfManagedKafka": {
        "KafkaBootstrapServers": ["b:9092"],
        "Topics": ["t"],
        "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH", "URI": {"Ref": f"{_ACCESS}SASLSCRAM512AUTH"}}],
    },
}
_NARROWING = ("SourceArn", "SourceAccount", "EventSourceToken", "PrincipalOrgID")
_BASIC = "policy/service-role/AWSLambdaBasicExecutionRole"


def _placeholders(node: Any) -> Any:
    """Placeholder values for the probe: plain strings become Refs the output can be mapped back from."""
    if isinstance(node, dict) and "Ref" not in node:
        return {key: _placeholders(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_placeholders(value) for value in node]
    if isinstance(node, str) and node.startswith("$"):
        return {"Ref": f"{_PLACEHOLDER}{node[1:]}"}
    return node


# Optional pull-event properties whose value SAM turns into statements: the probe's value, written so
# the output can be mapped back (a literal marker where SAM concatenates the value into a string).
_KMS_KEY = "SAMPROBEKMSKEY"
_REGISTRY_NAME = "SAMPROBEREGISTRY"
_REGISTRY_ARN = f"arn:aws:glue:us-east-1:123456789012:registry/{_REGISTRY_NAME}"
_PROPERTY_PROBES: dict[str, Any] = {
    "SecretsManagerKmsKeyId": _KMS_KEY,
    "SchemaRegistryConfig": {
        "SchemaRegistryURI": _REGISTRY_ARN,
        "EventRecordFormat": "JSON",
        "SchemaValidationConfigs": [{"Attribute": "VALUE"}],
        "AccessConfigs": [{"Type": "BASIC_AUTH", "URI": {"Ref": _REGISTRY_SECRET}}],
    },
}
# Marker text in the output -> how the recorded data names it.
_MARKERS = {_KMS_KEY: "<$SecretsManagerKmsKeyId>", _REGISTRY_NAME: "<$SchemaRegistryConfig/RegistryName>"}


def _access_types() -> list[str]:
    """The Types of SourceAccessConfigurations in cfn-lint's AWS::Lambda::EventSourceMapping schema."""
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", "AWS::Lambda::EventSourceMapping").schema
    types: list[str] = schema["definitions"]["SourceAccessConfiguration"]["properties"]["Type"]["enum"]
    return types


def _restore(node: Any) -> Any:
    """The translator's output with the probe's Refs turned back into ``{"$property": ...}``."""
    if isinstance(node, dict):
        ref = node.get("Ref")
        if len(node) == 1 and isinstance(ref, str) and ref.startswith(_PLACEHOLDER):
            return {"$property": _property_name(ref)}
        return {key: _restore(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_restore(value) for value in node]
    if node == _REGISTRY_ARN:
        return {"$property": "SchemaRegistryConfig/SchemaRegistryURI"}
    if isinstance(node, str):
        for marker, name in _MARKERS.items():
            node = node.replace(marker, name)
    return node


def _property_name(ref: str) -> str:
    if ref == _REGISTRY_SECRET:
        return "SchemaRegistryConfig/AccessConfigs/URI"
    if ref.startswith(_ACCESS):
        compact = ref[len(_ACCESS) :]
        kind = next((kind for kind in _access_types() if kind.replace("_", "") == compact), compact)
        return f"SourceAccessConfigurations/{kind}/URI"
    return ref[len(_PLACEHOLDER) :]


def _access(kind: str) -> dict[str, Any]:
    return {"Type": kind, "URI": {"Ref": f"{_ACCESS}{kind.replace('_', '')}"}}


def _translate_probe(function_properties: dict[str, Any]) -> dict[str, Any]:
    """aws-sam-translator's output for one probe function (offline: no IAM look-up)."""
    from samtranslator.translator.transform import transform

    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # SAM resolves AWS::Region while translating

    class _Offline:
        def load(self) -> dict[str, str]:
            return {}

    properties = _placeholders(function_properties)
    template = {
        "Transform": "AWS::Serverless-2016-10-31",
        "Parameters": {f"{_PLACEHOLDER}{name}": {"Type": "String"} for name in _names(properties)},
        "Resources": {
            "ProbeBucket": {"Type": "AWS::S3::Bucket"},
            "ProbePool": {"Type": "AWS::Cognito::UserPool"},
            "Fn": {
                "Type": "AWS::Serverless::Function",
                "Properties": {"CodeUri": "s3://bucket/key", "Handler": "h", "Runtime": "python3.12", **properties},
            },
        },
    }
    resources: dict[str, Any] = transform(template, {}, _Offline())["Resources"]
    return resources


def _role_additions(resources: dict[str, Any]) -> dict[str, Any]:
    """What the probe added to the function's implicit role beyond SAM's basic execution policy."""
    role = resources["FnRole"]["Properties"]
    return {
        "managed_policies": [
            json.dumps(arn).split(":", 5)[5].rstrip('"}')
            for arn in role.get("ManagedPolicyArns", [])
            if _BASIC not in json.dumps(arn)
        ],
        "statements": _restore(
            [statement for policy in role.get("Policies", []) for statement in policy["PolicyDocument"]["Statement"]]
        ),
    }


def _probe_events(event_types: dict[str, str | None]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for event_type in event_types:
        if event_type not in _PROBE_PROPERTIES:
            sys.stderr.write(f"no probe for SAM event type {event_type}: principal only\n")
            continue
        event = {"Type": event_type, "Properties": _PROBE_PROPERTIES[event_type]}
        resources = _translate_probe({"Events": {"Probe": event}})
        permissions = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::Lambda::Permission"]
        additions = _role_additions(resources)
        mapping = any(r["Type"] == "AWS::Lambda::EventSourceMapping" for r in resources.values())
        # A statement naming a source access configuration belongs to that configuration, not to the event.
        base = [s for s in additions["statements"] if not _access_names(s)]
        result[event_type] = {
            "narrowing": sorted({key for p in permissions for key in _NARROWING if key in p}),
            "managed_policies": additions["managed_policies"],
            "statements": base,
            "mapping": mapping,
        }
        if mapping:
            result[event_type]["access"] = _access_probes(event_type, base)
            result[event_type]["properties"] = _property_probes(event_type, additions["statements"])
    return result


def _access_names(node: Any) -> set[str]:
    """The source access configuration Types whose URI a recorded statement names."""
    text = json.dumps(node)
    return {kind for kind in _access_types() if f'"SourceAccessConfigurations/{kind}/URI"' in text}


def _event_statements(event_type: str, changes: dict[str, Any]) -> list[Any] | None:
    """The statements SAM adds to the role for the probe event with ``changes``, or None if SAM rejects it."""
    event = {"Type": event_type, "Properties": {**_PROBE_PROPERTIES[event_type], **changes}}
    try:
        statements: list[Any] = _role_additions(_translate_probe({"Events": {"Probe": event}}))["statements"]
    except Exception:  # InvalidEventException and friends: SAM rejects this combination
        return None
    return statements


def _access_probes(event_type: str, base: list[Any]) -> list[dict[str, Any]]:
    """Per Type of source access configuration (alone, or with the first partner Type SAM accepts it
    with), the statements it adds beyond the event's own."""
    kinds = _access_types()
    found: dict[tuple[str, ...], list[Any]] = {}
    for kind in kinds:
        tried = [(kind,), *((kind, partner) for partner in kinds if partner != kind)]
        for combination in tried:
            statements = _event_statements(
                event_type, {"SourceAccessConfigurations": [_access(k) for k in combination]}
            )
            if statements is None:
                continue
            for statement in statements:
                if statement in base:
                    continue
                owners = tuple(sorted(_access_names(statement) or set(combination)))
                if statement not in found.setdefault(owners, []):
                    found[owners].append(statement)
            break
    return [{"types": list(types), "statements": statements} for types, statements in sorted(found.items())]


def _property_probes(event_type: str, plain: list[Any]) -> dict[str, list[Any]]:
    """Per optional property of a pull event, the statements SAM adds when it is given."""
    result: dict[str, list[Any]] = {}
    for name, value in _PROPERTY_PROBES.items():
        statements = _event_statements(event_type, {name: value})
        added = [s for s in statements or [] if s not in plain]
        if added:
            result[name] = added
    return result


# Function properties that make SAM add statements to the implicit role for a destination, by
# destination type: DeadLetterQueue, EventInvokeConfig destinations, and a stream event's OnFailure.
_DESTINATION_PROBES: dict[str, tuple[str, ...]] = {
    "DeadLetterQueue": ("SQS", "SNS"),
    "EventInvokeConfig": ("SQS", "SNS", "Lambda", "EventBridge", "S3Bucket"),
    "DestinationConfig": ("SQS", "SNS", "S3"),
}


def _destination_probe(kind: str, destination_type: str) -> dict[str, Any]:
    if kind == "DeadLetterQueue":
        return {"DeadLetterQueue": {"Type": destination_type, "TargetArn": "$Destination"}}
    target = {"Type": destination_type, "Destination": "$Destination"}
    if kind == "EventInvokeConfig":
        return {"EventInvokeConfig": {"DestinationConfig": {"OnSuccess": target}}}
    stream = {**_PROBE_PROPERTIES["Kinesis"], "DestinationConfig": {"OnFailure": target}}
    return {"Events": {"Probe": {"Type": "Kinesis", "Properties": stream}}}


# Function properties that change the managed policies of SAM's implicit role.
_ROLE_PROBES: dict[str, dict[str, Any]] = {
    "basic": {},
    "durable": {"DurableConfig": {"ExecutionTimeout": 60}},
    "tracing": {"Tracing": "Active"},
    "vpc": {"VpcConfig": {"SecurityGroupIds": ["sg-1"], "SubnetIds": ["subnet-1"]}},
}


def _execution_role() -> dict[str, list[str]]:
    """The managed policies (ARN resource parts) of SAM's implicit role: the basic set, and per probe
    what replaces it (durable) or is added (tracing, VPC)."""

    def managed(props: dict[str, Any]) -> list[str]:
        role = _translate_probe(props)["FnRole"]["Properties"]
        return [json.dumps(arn).split(":", 5)[5].rstrip('"}') for arn in role.get("ManagedPolicyArns", [])]

    basic = managed({})
    result = {"basic": basic}
    for name, props in _ROLE_PROBES.items():
        if name != "basic":
            found = managed(props)
            result[name] = found if name == "durable" else [arn for arn in found if arn not in basic]
    return result


def _destinations() -> dict[str, Any]:
    plain = _role_additions(
        _translate_probe({"Events": {"Probe": {"Type": "Kinesis", "Properties": _PROBE_PROPERTIES["Kinesis"]}}})
    )
    result: dict[str, Any] = {}
    for kind, types in _DESTINATION_PROBES.items():
        for destination_type in types:
            added = _role_additions(_translate_probe(_destination_probe(kind, destination_type)))
            base = plain["statements"] if kind == "DestinationConfig" else []
            result[f"{kind}:{destination_type}"] = [s for s in added["statements"] if s not in base]
    return result


def _names(node: Any) -> set[str]:
    if isinstance(node, dict):
        ref = node.get("Ref")
        if isinstance(ref, str) and ref.startswith(_PLACEHOLDER):
            return {ref[len(_PLACEHOLDER) :]}
        return {name for value in node.values() for name in _names(value)}
    if isinstance(node, list):
        return {name for value in node for name in _names(value)}
    return set()


def main(argv: list[str] | None = None) -> int:
    del argv
    try:
        outputs = {
            "sam_policy_templates.json": _policy_templates(),
            "sam_managed_policies.json": _managed_policies(),
            "sam_event_sources.json": _event_sources(),
            "sam_connectors.json": _connectors(),
        }
    except ImportError:
        sys.stderr.write("aws-sam-translator is not installed: pip install -e '.[refresh]'\n")
        return 1
    for name, content in outputs.items():
        (DATA / name).write_text(json.dumps(content, indent=1, sort_keys=False) + "\n", encoding="utf-8")
        sys.stdout.write(f"wrote {DATA / name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
