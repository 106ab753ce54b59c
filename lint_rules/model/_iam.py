"""Loaders for AWS::IAM::* resources."""

from __future__ import annotations

from typing import Any

from lint_rules.model._context import Context, Loader
from lint_rules.model._documents import IDENTITY, TRUST
from lint_rules.model._entities import GROUP, ROLE, USER, Identity
from lint_rules.model._values import Path, Value, branches, items

_NAME_KEYS = {ROLE: "RoleName", USER: "UserName", GROUP: "GroupName"}


def _identity(ctx: Context, logical_id: str, kind: str, props: dict[str, Any], path: Path) -> Identity:
    identity = Identity(logical_id=logical_id, kind=kind, path=path)
    name = props.get(_NAME_KEYS[kind])
    if isinstance(name, str):
        identity.names.append(name)
    properties = (*path, "Properties")
    if name is not None:
        candidates = ctx.resolver.strings(name, (*properties, _NAME_KEYS[kind]))
        identity.name_candidates = list(dict.fromkeys(v.text for v in candidates if v.text))
    for policy, policy_path in items(props.get("Policies"), (*properties, "Policies")):
        if not isinstance(policy, dict):
            continue
        label = policy.get("PolicyName")
        if kind == USER:
            described = f"inline policy '{label}'" if isinstance(label, str) else "an inline policy"
            identity.direct_policies.append((policy_path, described))
        ctx.documents(
            policy.get("PolicyDocument"),
            (*policy_path, "PolicyDocument"),
            kind=IDENTITY,
            resource=logical_id,
            name=f"inline policy '{label}'" if isinstance(label, str) else "an inline policy",
            attached_to=[logical_id],
        )
    arns = ctx.references(props.get("ManagedPolicyArns"), (*properties, "ManagedPolicyArns"))
    for value in arns:
        if value.label == "ref":
            identity.managed_policy_ids.append(value.text or "")
        else:
            identity.managed_policy_arns.append(value)
        if kind == USER and "ManagedPolicyArns" in props:
            identity.direct_policies.append((value.path, f"managed policy {_named(value)}"))
    if "PermissionsBoundary" in props:
        identity.boundary = ctx.resolver.strings(props["PermissionsBoundary"], (*properties, "PermissionsBoundary"))
        note_boundary(ctx, props["PermissionsBoundary"])
    ctx.model.identities[logical_id] = identity
    return identity


def note_boundary(ctx: Context, node: Any) -> None:
    """Record the policies of the template a PermissionsBoundary names (by reference; by name in
    ``resolve_attachments``): a boundary caps permissions and grants none, so it is broad by design."""
    for branch, _ in branches(node, ()):
        target = ctx.target(branch)
        if target is not None:
            ctx.model.boundary_policies.add(target)


def load_role(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    identity = _identity(ctx, logical_id, ROLE, props, path)
    if "AssumeRolePolicyDocument" in props:
        identity.trust = ctx.documents(
            props["AssumeRolePolicyDocument"],
            (*path, "Properties", "AssumeRolePolicyDocument"),
            kind=TRUST,
            resource=logical_id,
            name="trust policy",
        )


def load_user(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    identity = _identity(ctx, logical_id, USER, props, path)
    if "LoginProfile" in props:
        identity.login_profile = (*path, "Properties", "LoginProfile")
        for profile, profile_path in branches(props["LoginProfile"], identity.login_profile):
            if not isinstance(profile, dict):
                continue
            if "Password" in profile:
                identity.password.extend(ctx.resolver.strings(profile["Password"], (*profile_path, "Password")))
            if "PasswordResetRequired" in profile:
                identity.password_reset_path = (*profile_path, "PasswordResetRequired")
                identity.password_reset.extend(
                    ctx.resolver.strings(profile["PasswordResetRequired"], identity.password_reset_path)
                )
    for value in ctx.references(props.get("Groups"), (*path, "Properties", "Groups")):
        if value.label == "ref" and value.text:
            identity.groups.append(value.text)
        elif value.text:
            identity.groups.append(f"name:{value.text}")


def load_group(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    _identity(ctx, logical_id, GROUP, props, path)


def _policy_loader(attachments: tuple[tuple[str, str], ...]) -> Loader:
    """A standalone policy resource: its document, attached to the identities its properties name.

    AWS::IAM::Policy and ManagedPolicy name them in Roles/Users/Groups lists; RolePolicy, UserPolicy
    and GroupPolicy in one RoleName/UserName/GroupName.
    """

    def load(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
        properties = (*path, "Properties")
        label = props.get("PolicyName") or props.get("ManagedPolicyName")
        documents = ctx.documents(
            props.get("PolicyDocument"),
            (*properties, "PolicyDocument"),
            kind=IDENTITY,
            resource=logical_id,
            name=f"policy '{label}'" if isinstance(label, str) else f"policy '{logical_id}'",
        )
        ctx.model.managed_policies[logical_id] = documents
        if isinstance(props.get("ManagedPolicyName"), str):
            ctx.policy_names[logical_id] = props["ManagedPolicyName"]
        if not any(key in props for key, _ in attachments):
            ctx.model.detached_policies.add(logical_id)
        for key, kind in attachments:
            targets = ctx.references(props.get(key), (*properties, key))
            for document in documents:
                ctx.pending.append((document, targets, kind))

    return load


_LISTS = (("Roles", ROLE), ("Users", USER), ("Groups", GROUP))


def _named(value: Value) -> str:
    return f"'{value.text}'" if value.text else "(an unresolved value)"


def load_access_key(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    ctx.model.access_keys[logical_id] = path
    user = ctx.target(props.get("UserName"))
    if user is not None and user in ctx.model.identities:
        ctx.model.identities[user].access_keys.append(logical_id)


def load_user_to_group(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    group = ctx.target(props.get("GroupName"))
    group_ref = group if group is not None else None
    if group_ref is None:
        names = ctx.resolver.strings(props.get("GroupName"), (*path, "Properties", "GroupName"))
        group_ref = next((f"name:{v.text}" for v in names if v.text), None)
    if group_ref is None:
        return
    for value in ctx.references(props.get("Users"), (*path, "Properties", "Users")):
        if value.label == "ref" and value.text in ctx.model.identities:
            ctx.model.identities[value.text].groups.append(group_ref)


def resolve_attachments(ctx: Context) -> None:
    """Attach pending documents to identities by logical id or literal name; link managed policies."""
    by_name: dict[tuple[str, str], str] = {}
    for identity in ctx.model.identities.values():
        for name in identity.names:
            by_name[(identity.kind, name)] = identity.logical_id
    for document, targets, kind in ctx.pending:
        for value in targets:
            if value.text is None:
                continue
            if value.label == "ref":
                target = value.text
            elif (kind, value.text) in by_name:
                target = by_name[(kind, value.text)]
            else:
                continue
            document.attached_to.append(target)
            user = ctx.model.identities.get(target)
            if kind == USER and user is not None and user.kind == USER:
                user.direct_policies.append((value.path, f"policy '{document.resource}'"))
    names = {name: logical_id for logical_id, name in ctx.policy_names.items()}
    for identity in ctx.model.identities.values():
        for value in identity.boundary:
            name = (value.text or "").rpartition("/")[2]
            if name in names and (value.text or "").startswith("arn:"):
                ctx.model.boundary_policies.add(names[name])
        identity.groups = [
            by_name.get((GROUP, group[5:]), group) if group.startswith("name:") else group for group in identity.groups
        ]
        for managed in identity.managed_policy_ids:
            for document in ctx.model.managed_policies.get(managed, []):
                document.attached_to.append(identity.logical_id)


# Loaded after every other resource: they refer to identities the first pass created.
LATE = {"AWS::IAM::AccessKey", "AWS::IAM::UserToGroupAddition"}

LOADERS: dict[str, Loader] = {
    "AWS::IAM::Role": load_role,
    "AWS::IAM::User": load_user,
    "AWS::IAM::Group": load_group,
    "AWS::IAM::Policy": _policy_loader(_LISTS),
    "AWS::IAM::ManagedPolicy": _policy_loader(_LISTS),
    "AWS::IAM::RolePolicy": _policy_loader((("RoleName", ROLE),)),
    "AWS::IAM::UserPolicy": _policy_loader((("UserName", USER),)),
    "AWS::IAM::GroupPolicy": _policy_loader((("GroupName", GROUP),)),
    "AWS::IAM::AccessKey": load_access_key,
    "AWS::IAM::UserToGroupAddition": load_user_to_group,
}
