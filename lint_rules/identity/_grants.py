"""Helpers the identity rules share: grants of a set of actions, per place to report them."""

from __future__ import annotations

from lint_rules._verdicts import Observation
from lint_rules.model import AccessModel, Grant, Path, document_grants, sensitive_actions
from lint_rules.model._permissions import resource_of, why_open


def grants_by_place(model: AccessModel, actions: list[str], *, open_only: bool = True) -> dict[Path, list[Grant]]:
    """Every identity document's grants of the actions (only those on broad resources that no condition
    narrows, unless ``open_only`` is false), grouped by where a finding goes, in template order."""
    found: dict[Path, list[Grant]] = {}
    for document in model.granting_documents():  # a permissions boundary only limits what other policies grant
        for action in actions:
            for grant in document_grants(model, document, action):
                if grant.open or not open_only:
                    found.setdefault(grant.where, []).append(grant)
    return found


def unscoped_sensitive(model: AccessModel, rule: str, category: str, fix: str) -> list[Observation]:
    """One observation per statement that grants actions of a ``sensitive_actions.json`` category on broad
    resources with no narrowing condition, all of them listed with what each exposes, and ``fix``; at the
    first such action's place."""
    actions = sensitive_actions(category)
    by_statement: dict[Path, list[Grant]] = {}
    for grants in grants_by_place(model, list(actions)).values():
        for grant in grants:
            by_statement.setdefault(grant.statement.path, []).append(grant)
    found: list[Observation] = []
    for statement, grants in by_statement.items():
        first = grants[0]
        named = list(dict.fromkeys(grant.action for grant in grants))
        vias = [via for via in dict.fromkeys(_via(grant) for grant in grants) if via is not None]
        exposed = list(dict.fromkeys(actions[grant.action] for grant in grants))
        listed = ", ".join(f"'{name}'" for name in named[:3]) + (
            f" and {len(named) - 3} more" if len(named) > 3 else ""
        )
        through = f" through {' and '.join(vias[:2])}" if vias else ""
        message = (
            f"{first.subject()} allows {listed}{through} on {resource_of(grants)} {why_open(first.statement, first.action)}: "
            f"it {' and '.join(exposed[:2])}{' and more' if len(exposed) > 2 else ''}; {fix}"
        )
        found.append(Observation(rule, first.where, message, f"{' and '.join(exposed[:2])}", statement))
    return found


def _via(grant: Grant) -> str | None:
    """How a grant reaches its action when not by name: the wildcard item or NotAction."""
    if grant.via is None:
        return "NotAction"
    if grant.via.text is not None and grant.via.text.lower() == grant.action.lower():
        return None
    return grant.via.describe()


def principal_label(model: AccessModel, identity: str) -> str:
    """'Role 'R'', 'User 'U'', 'Group 'G'' for a message."""
    found = model.identities.get(identity)
    kind = found.kind.capitalize() if found is not None else "Principal"
    return f"{kind} '{identity}'"
