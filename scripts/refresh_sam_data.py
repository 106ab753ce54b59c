"""Refresh the SAM data files in lint_rules/data/ from the installed aws-sam-translator.

Run with the refresh extra installed: ``pip install -e '.[refresh]' && python scripts/refresh_sam_data.py``.
It writes three files, each with a ``_source`` note naming the package version it came from:

- ``sam_policy_templates.json``: SAM's policy templates (name -> parameters and definition), from
  ``samtranslator/policy_templates_data/policy_templates.json``.
- ``sam_managed_policies.json``: bare managed-policy names SAM maps to ARNs, per partition, stored as
  the ARN's resource part (``policy/service-role/X``) so every partition shares one table.
- ``sam_event_sources.json``: every SAM event type with the service principal SAM grants invoke
  permission to (push sources) or ``null`` (pull sources: an event source mapping, no permission).
"""

from __future__ import annotations

import importlib
import inspect
import json
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
    return {"_source": _source("samtranslator/model/eventsources"), "events": dict(sorted(found.items()))}


def main(argv: list[str] | None = None) -> int:
    del argv
    try:
        outputs = {
            "sam_policy_templates.json": _policy_templates(),
            "sam_managed_policies.json": _managed_policies(),
            "sam_event_sources.json": _event_sources(),
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
