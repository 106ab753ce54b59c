"""State shared by the loaders while one template's access model is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lint_rules.model._documents import PolicyDocument, load_documents
from lint_rules.model._entities import AccessModel
from lint_rules.model._values import Path, Resolver, Value, items, logical_id_of


@dataclass
class Context:
    """The model being filled, the value resolver, and attachments resolved once all resources are read."""

    model: AccessModel
    resolver: Resolver
    # (document, references to identities: logical ids or literal names, identity kind)
    pending: list[tuple[PolicyDocument, list[Value], str]] = field(default_factory=list)
    policy_names: dict[str, str] = field(default_factory=dict)  # AWS::IAM::ManagedPolicy id -> literal name

    def documents(
        self,
        node: Any,
        path: Path,
        *,
        kind: str,
        resource: str,
        name: str,
        attached_to: list[str] | None = None,
        checked_by_cfn_lint: bool = True,
    ) -> list[PolicyDocument]:
        loaded = load_documents(
            node,
            path,
            kind=kind,
            resource=resource,
            name=name,
            resolver=self.resolver,
            attached_to=attached_to,
            checked_by_cfn_lint=checked_by_cfn_lint,
        )
        self.model.documents.extend(loaded)
        return loaded

    def references(self, node: Any, path: Path) -> list[Value]:
        """A list of names or references (Roles, Users, Groups): logical ids as LITERAL values labelled 'ref'."""
        result = []
        for item, item_path in items(node, path):
            target = logical_id_of(item)
            if target is not None and self.resolver.is_resource(target):
                result.append(Value("literal", target, item_path, label="ref"))
            else:
                result.extend(self.resolver.strings(item, item_path))
        return result

    def target(self, node: Any) -> str | None:
        """The logical id of a resource in this template that a node refers to, if any."""
        found = logical_id_of(node)
        return found if found is not None and self.resolver.is_resource(found) else None


# A resource loader: (context, logical id, Properties, the resource's path). Every model module has a
# LOADERS table of these keyed by resource type; lint_rules.model merges them.
Loader = Callable[["Context", str, dict[str, Any], Path], None]


def properties_of(resource: Any) -> dict[str, Any]:
    props = resource.get("Properties") if isinstance(resource, dict) else None
    return props if isinstance(props, dict) else {}
