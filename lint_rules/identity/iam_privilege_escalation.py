"""EA2022: a principal whose permissions, taken together, complete a known privilege-escalation path."""

from __future__ import annotations

import functools

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url
from lint_rules._verdicts import Observation, speak
from lint_rules.identity._grants import principal_label
from lint_rules.model import AccessModel, EscalationPath, Grant, Path, Permissions, escalation_paths, permissions


def completed(allowed: Permissions, path: EscalationPath) -> list[Grant] | None:
    """One open grant per action of the path (PassRole: one that can pass to the path's service), or None."""
    result = []
    for action in path.actions:
        if action == "iam:PassRole":
            grant = next((g for g in allowed.grants(action) if g.reaches(list(path.passed_to))), None)
        else:
            grant = next(iter(allowed.open(action)), None)
        if grant is None:
            return None
        result.append(grant)
    return result


class IamPrivilegeEscalation(CloudFormationLintRule):
    """## What it does
    Judges the union of each role's, user's and group's identity policies (inline policies, attached
    `AWS::IAM::Policy`/`ManagedPolicy`, a SAM function's `Policies` with policy templates expanded)
    against the known privilege-escalation paths in `lint_rules/data/escalation_paths.json`: Rhino
    Security Labs' methods, the paths cloudsplaining ships (with DataDog's pathfinding.cloud), PMapper's
    checks, and AWS's warning about deleting permissions boundaries, each with its source. A path is
    complete when every action it needs is allowed on a broad resource (`*`, every role, every function)
    by a statement no condition narrows and no unconditional `Deny` closes; for `iam:PassRole` an
    `iam:PassedToService` condition closes the path unless it admits the service the path passes the
    role to. The finding names the path(s) and sits at each statement that completes them. AWS managed
    policies attached by ARN are not read; statements allowing every action on every resource are
    EA2001's finding.

    ## Why is this bad?
    Each path turns the principal's permissions into more: a new policy version, an access key for
    another user, a function or instance run with a stronger role. A function whose role completes one
    is an administrator one code flaw away.

    ## How to suppress
    Scope the statement's `Resource` to what the principal manages, or add a condition that ties it to
    them (`iam:PassedToService`, `aws:ResourceTag/...`); the path then no longer completes. An
    intended administrator principal can carry `EA2022` in its `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Rhino Security Labs: AWS IAM privilege escalation, methods and mitigation](https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/)
    - [pathfinding.cloud: AWS IAM privilege escalation paths](https://pathfinding.cloud/)
    - [Security best practices in IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    """

    id = "EA2022"
    shortdesc = "Principal can escalate its privileges"
    description = (
        "Its permissions together complete a known privilege-escalation path, a way to gain stronger permissions."
    )
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "privilege-escalation"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        return speak(cfn, self.id)


@functools.cache
def _checked() -> tuple[tuple[EscalationPath, frozenset[str]], ...]:
    """The paths judged (those no smaller path subsumes), each with the services its actions belong to."""
    return tuple(
        (path, frozenset(action.partition(":")[0].lower() for action in path.actions))
        for path in escalation_paths()
        if not path.subsumed_by
    )


def observe(model: AccessModel) -> list[Observation]:
    """One observation per principal that completes escalation paths: every path named (up to a count), at
    the statement that completes the most of them."""
    found: list[Observation] = []
    checked = _checked()
    for identity in model.identities:
        allowed = permissions(model, identity)
        granted = allowed.services()
        by_place: dict[Path, list[tuple[EscalationPath, Grant]]] = {}
        for path, services in checked:
            if granted is not None and not services <= granted:  # an action of a service it grants nothing of
                continue
            for grant in completed(allowed, path) or ():
                by_place.setdefault(grant.where, []).append((path, grant))
        if not by_place:
            continue
        names = list(dict.fromkeys(path.name for hits in by_place.values() for path, _ in hits))
        place, hits = max(by_place.items(), key=lambda item: len({path.name for path, _ in item[1]}))
        grant = hits[0][1]
        others = len(by_place) - 1
        listed = ", ".join(f"'{name}'" for name in names[:2]) + (
            f" and {len(names) - 2} more" if len(names) > 2 else ""
        )
        count = f"{len(names)} privilege-escalation path{'s' if len(names) > 1 else ''} ({listed})"
        also = f" and {others} other statement{'s' if others > 1 else ''}" if others else ""
        who = principal_label(model, identity)
        message = (
            f"{who} completes {count} with {grant.written()} on {grant.resource()}{also}; "
            "scope the resources or narrow them with conditions"
        )
        short = f"path '{names[0]}'" if len(names) == 1 else f"paths '{names[0]}' and {len(names) - 1} more"
        note = f"{who} completes privilege-escalation {short}"
        found.append(Observation("EA2022", place, message, note, grant.statement.path))
    return found
