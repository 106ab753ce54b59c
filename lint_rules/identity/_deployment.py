"""Deployment roles (lint_rules/data/deployment_roles.json): roles only a deployment service or a stack set
administrator assumes, where AWS documents administrator access (IA2028; EA2001 and EA2002 leave them to it)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from lint_rules.model import Identity, Value, account_of
from lint_rules.model._values import OWN


@functools.cache
def _deployment_data() -> dict[str, dict[str, Any]]:
    text = resources.files("lint_rules.data").joinpath("deployment_roles.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, Any]] = json.loads(text)
    return data


def deployment_principals(identity: Identity) -> str:
    """Who assumes a deployment role ('cloudformation.amazonaws.com', 'the administrator account'), or '' when the
    role is none: some principal of an Allow statement of its trust policy is not a deployment principal of
    lint_rules/data/deployment_roles.json."""
    if identity.kind != "role" or identity.implicit:
        return ""
    data = _deployment_data()
    services = {name.lower() for name in data["services"]}
    administrators = {name.lower() for name in data["administration_roles"]}
    execution = any(name.lower() in {n.lower() for n in data["execution_roles"]} for name in identity.name_candidates)
    seen: list[str] = []
    for document in identity.trust:
        for statement in document.statements:
            if not statement.allows:
                continue
            if "NotPrincipal" in statement.values or not statement.values.get("Principal"):
                return ""
            for value in statement.values["Principal"]:
                who = _deployment_principal(value, services, administrators, execution)
                if who is None:
                    return ""
                seen.append(who)
    return " or ".join(dict.fromkeys(seen))


def _deployment_principal(value: Value, services: set[str], administrators: set[str], execution: bool) -> str | None:
    text = (value.text or "").strip()
    if value.label == "Service":
        return f"'{text}'" if text.lower() in services else None
    if value.label != "AWS" or not text or "*" in text or "?" in text:
        return None
    if ":role/" in text and text.rpartition("/")[2].lower() in administrators:
        return f"'{text.rpartition('/')[2]}'"
    if execution and (account_of(value) is not None or (value.kind == OWN and ":" not in text.replace(":root", ""))):
        return "the administrator account"
    return None
