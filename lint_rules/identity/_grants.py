"""Helpers the identity rules share: grants of a set of actions, per place to report them."""

from __future__ import annotations

from lint_rules.model import AccessModel, Grant, Path, document_grants, sensitive_actions


def grants_by_place(model: AccessModel, actions: list[str], *, open_only: bool = True) -> dict[Path, list[Grant]]:
    """Every identity document's grants of the actions (only those on broad resources that no condition
    narrows, unless ``open_only`` is false), grouped by where a finding goes, in template order."""
    found: dict[Path, list[Grant]] = {}
    for document in model.identity_documents():
        if not document.attached_to and document.resource in model.boundary_policies:
            continue  # a permissions boundary only limits what other policies grant
        for action in actions:
            for grant in document_grants(model, document, action):
                if grant.open or not open_only:
                    found.setdefault(grant.where, []).append(grant)
    return found


def unscoped_sensitive(model: AccessModel, category: str, fix: str) -> list[tuple[Path, str]]:
    """One finding per place that grants an action of a ``sensitive_actions.json`` category on broad resources
    with no narrowing condition, saying what the action exposes and ``fix``."""
    actions = sensitive_actions(category)
    found: list[tuple[Path, str]] = []
    for place, grants in grants_by_place(model, list(actions)).items():
        grant = grants[0]
        found.append(
            (
                place,
                f"{grant.subject()} allows {grant.written()} on {grant.resource()} with no narrowing condition: "
                f"it {actions[grant.action]}; {fix}",
            )
        )
    return found


def principal_label(model: AccessModel, identity: str) -> str:
    """'Role 'R'', 'User 'U'', 'Group 'G'' for a message."""
    found = model.identities.get(identity)
    kind = found.kind.capitalize() if found is not None else "Principal"
    return f"{kind} '{identity}'"
