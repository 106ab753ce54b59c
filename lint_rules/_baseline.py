"""The baseline: findings a project accepted when it adopted the plugin, which its rules then do not report.

``baseline: FILE`` in the nearest ``.cfn-lint-lambda-auth.yaml`` above a template names the file (written by
``cfn-lint-lambda-auth baseline write``). ``_findings.findings``, the one place every rule's matches pass,
drops the findings it holds, so the command line, pre-commit, SARIF and the language server agree. Only this
plugin's rules consult it: cfn-lint's own rules never go through this module.

A finding is matched by its fingerprint, never by its line: the rule id, the template's path relative to the
baseline file's folder, the resource's logical id, the property path under it (``Properties/Policies/0/...``;
the whole path for a finding outside ``Resources``) and a digest of the finding's subject. The subject is
the value the finding points at, as written (``'s3:*'`` at ``Action/0``, the principal at ``Principal``, an
intrinsic function as a whole), which the rules' wording and the IAM data they quote cannot change; when
the path points at a mapping or list, or into a policy written as a JSON string, it is the values the message
quotes (with what other rules fold into it, ``(also: ...)``, left out). A digest, because the value may be a
secret (an access key in an environment variable) that must not be copied into the baseline file.

So a line inserted anywhere, a resource added or edited elsewhere, a new wording of a message, or a rule
renamed for a new level (an entry of its old id holds it: ``lint_rules/data/renamed_rules.json``) changes
nothing; changing the value the finding points at, renaming the resource or moving the template makes it a
new finding. Two findings with one fingerprint are counted (``count``), and at most that many are hidden.

A baseline that cannot be used (the project file or the baseline does not parse, has the wrong shape, or
names a missing file) is logged once as a one-line warning and every finding is reported: a broken baseline
never hides anything.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from lint_rules._renames import current_id
from lint_rules.model import Path

LOGGER = logging.getLogger(__name__)

# The project file (the language server reads it too, for its own settings).
OPTIONS_NAMES = (".cfn-lint-lambda-auth.yaml", ".cfn-lint-lambda-auth.yml")
OPTION = "baseline"
VERSION = 1
_CACHE_ATTRIBUTE = "_cfn_lint_lambda_auth_baseline"
_FOLDED = " (also: "  # how lint_rules._verdicts folds other rules' notes into a message
# a quoted value: an apostrophe inside a word ("function's", "SAM's") neither opens nor closes one
_QUOTED = re.compile(r"(?<![A-Za-z0-9])'([^'\n]*)'(?![A-Za-z0-9])")

# Set by `cfn-lint-lambda-auth baseline write/check`: every finding is kept (no baseline, no cap) and
# carries its fingerprint (``baseline_key`` on the match). A context variable, not a global flag.
_RECORDING: ContextVar[bool] = ContextVar("cfn_lint_lambda_auth_recording", default=False)

Part = str | int
Fingerprint = tuple[str | None, tuple[Part, ...], str]  # resource, property path, subject digest


class BaselineError(Exception):
    """A baseline or project file that cannot be used; the text is one line."""


@contextlib.contextmanager
def recording() -> Iterator[None]:
    token = _RECORDING.set(True)
    try:
        yield
    finally:
        _RECORDING.reset(token)


def is_recording() -> bool:
    return _RECORDING.get()


@dataclass(frozen=True)
class Entry:
    rule: str
    template: str  # posix, relative to the baseline file's folder
    resource: str | None
    path: tuple[Part, ...]
    subject: str
    message: str = field(default="", compare=False)

    @property
    def key(self) -> tuple[str, str, str | None, tuple[Part, ...], str]:
        return (self.rule, self.template, self.resource, self.path, self.subject)

    def as_json(self, count: int) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "template": self.template,
            "rule": self.rule,
            "resource": self.resource,
            "path": list(self.path),
            "subject": self.subject,
        }
        if count > 1:
            entry["count"] = count
        entry["message"] = self.message
        return entry


@dataclass(frozen=True)
class Baseline:
    file: FilePath  # resolved
    entries: tuple[tuple[Entry, int], ...]  # each entry once, with its count (old rule ids read as the new)
    renamed: tuple[str, ...] = ()  # the old ids of renamed rules the file names (lint_rules._renames)

    @functools.cached_property
    def index(self) -> dict[tuple[str, str], Counter[Fingerprint]]:
        """(rule, template) -> how many findings of each fingerprint the baseline holds."""
        found: dict[tuple[str, str], Counter[Fingerprint]] = {}
        for entry, count in self.entries:
            found.setdefault((entry.rule, entry.template), Counter())[(entry.resource, entry.path, entry.subject)] += (
                count
            )
        return found


@dataclass(frozen=True)
class Applied:
    """The baseline that applies to one template, and the template's path as the baseline names it."""

    baseline: Baseline
    template: str

    def unreported(self, rule: str, template: Any, found: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
        """``found`` without the findings the baseline holds (each entry hides at most ``count`` of them)."""
        held = self.baseline.index.get((rule, self.template))
        if not held:
            return found
        budget = Counter(held)
        kept = []
        for path, message in found:
            key = fingerprint(template, path, message)
            if budget[key] > 0:
                budget[key] -= 1
            else:
                kept.append((path, message))
        return kept


@dataclass
class Recorded:
    """This plugin's findings on some templates as baseline entries (``baseline write/check``)."""

    entries: Counter[Entry] = field(default_factory=Counter)
    linted: set[str] = field(default_factory=set)  # the templates, relative to the baseline's folder
    unreadable: set[str] = field(default_factory=set)  # templates our rules could not run on
    problems: list[str] = field(default_factory=list)


# --- fingerprints ------------------------------------------------------------------------------------------


def fingerprint(template: Any, path: Path, message: str) -> Fingerprint:
    """A finding's resource, property path and subject digest (the rest of its key: rule id and template)."""
    steps = tuple(step if isinstance(step, int) and not isinstance(step, bool) else str(step) for step in path)
    if len(steps) >= 2 and steps[0] == "Resources" and isinstance(steps[1], str):
        return steps[1], steps[2:], subject(template, path, message)
    return None, steps, subject(template, path, message)


def subject(template: Any, path: Path, message: str) -> str:
    """A digest of what the finding is about: the value at its path when that is a scalar or an intrinsic
    function, else the values its message quotes (other rules' folded notes left out)."""
    found, value = _value_at(template, path)
    if found and _is_value(value):
        text = "value:" + json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    else:
        own = message.split(_FOLDED, 1)[0]
        text = "message:" + "\x1f".join(_QUOTED.findall(own))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _value_at(template: Any, path: Path) -> tuple[bool, Any]:
    node = template
    for step in path:
        if isinstance(node, dict) and not isinstance(step, int):
            if step not in node:
                return False, None
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return False, None
    return True, node


def _is_value(value: Any) -> bool:
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, dict) and len(value) == 1:
        (name,) = value
        return isinstance(name, str) and (name in ("Ref", "Condition") or name.startswith("Fn::"))
    return False


# --- finding the baseline of a template --------------------------------------------------------------------


def applied(cfn: Any) -> Applied | None:
    """The baseline that applies to the template cfn-lint is linting (from its file name), if any; looked up
    once per template and cached on cfn-lint's ``Template``."""
    cached = getattr(cfn, _CACHE_ATTRIBUTE, None)
    if isinstance(cached, _Looked):
        return cached.applied
    result = _lookup(getattr(cfn, "filename", None))
    with contextlib.suppress(AttributeError, TypeError):
        setattr(cfn, _CACHE_ATTRIBUTE, _Looked(result))
    return result


@dataclass(frozen=True)
class _Looked:
    applied: Applied | None


def _lookup(filename: Any) -> Applied | None:
    if not isinstance(filename, str) or not filename:
        return None  # standard input, the API, an editor buffer never saved: no path to start from
    try:
        template = FilePath(filename).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    options = find_options(template)
    if options is None:
        return None
    baseline_file = _baseline_named(options, _stamp(options))
    if baseline_file is None or isinstance(baseline_file, BaselineError):
        return None  # an error was logged once, when the cached reader first met it
    baseline = _load_cached(baseline_file, _stamp(baseline_file), str(options))
    if isinstance(baseline, BaselineError):
        return None
    return Applied(baseline, relative(template, baseline.file.parent))


def find_options(template: FilePath) -> FilePath | None:
    """The nearest ``.cfn-lint-lambda-auth.yaml`` in the template's folder or above it."""
    for folder in template.parents:
        for name in OPTIONS_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def relative(template: FilePath, folder: FilePath) -> str:
    try:
        return FilePath(os.path.relpath(template, folder)).as_posix()
    except ValueError:  # another drive (Windows)
        return template.as_posix()


def _stamp(path: FilePath) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def named_baseline(options: FilePath) -> FilePath | None:
    """The baseline the project file names (resolved against its folder), None when it names none."""
    try:
        loaded = _parse(options.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BaselineError(f"{options}: cannot read it: {_one_line(error)}") from None
    if loaded is None:
        return None
    if not isinstance(loaded, dict):
        raise BaselineError(f"{options}: expected a mapping of settings")
    named = loaded.get(OPTION)
    if named is None:
        return None
    if not isinstance(named, str) or not named.strip():
        raise BaselineError(f"{options}: '{OPTION}' must be the path of a baseline file")
    return (options.parent / named).resolve()


# Cached by the file's modification time and size (an editor's server sees edits), errors included, so that
# a broken file is read, and its warning logged, once per version and not once per template.
@functools.lru_cache(maxsize=64)
def _baseline_named(options: FilePath, _stamp: tuple[int, int] | None) -> FilePath | BaselineError | None:
    try:
        return named_baseline(options)
    except BaselineError as error:
        return _warned(str(error))


@functools.lru_cache(maxsize=64)
def _load_cached(file: FilePath, _stamp: tuple[int, int] | None, options: str) -> Baseline | BaselineError:
    try:
        return load(file)
    except BaselineError as error:
        return _warned(f"{error} (named in {options})")


def _warned(text: str) -> BaselineError:
    LOGGER.warning("cfn-lint-lambda-auth: baseline not applied, every finding is reported: %s", text)
    return BaselineError(text)


# --- the file ----------------------------------------------------------------------------------------------


def load(file: FilePath) -> Baseline:
    """The baseline in ``file``; ``BaselineError`` (one line) when it is missing or malformed."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{file}: no such baseline file (write it with 'baseline write')") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{file}: cannot read it: {_one_line(error)}") from None
    try:
        loaded = _parse(text)
    except ValueError as error:
        raise BaselineError(f"{file}: not JSON or YAML: {_one_line(error)}") from None
    entries = _entries(file, loaded)
    written = {item.get("rule") for item in loaded["findings"] if isinstance(item, dict)}
    renamed = tuple(sorted(str(rule) for rule in written if isinstance(rule, str) and current_id(rule) != rule))
    return Baseline(file.resolve(), tuple(entries), renamed)


def _parse(text: str) -> Any:
    """JSON, or YAML; ``ValueError`` with a short reason (and line) when it is neither."""
    try:
        return json.loads(text)
    except ValueError as error:
        if text.lstrip().startswith(("{", "[")):  # meant as JSON: JSON's reason is the useful one
            raise ValueError(str(error)) from None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ValueError(f"{getattr(error, 'problem', None) or 'invalid YAML'}{where}") from None


def _entries(file: FilePath, loaded: Any) -> list[tuple[Entry, int]]:
    if not isinstance(loaded, dict) or not isinstance(loaded.get("findings"), list):
        raise BaselineError(f"{file}: expected a mapping with a 'findings' list (as 'baseline write' writes)")
    if loaded.get("version") != VERSION:
        raise BaselineError(f"{file}: unsupported baseline version {loaded.get('version')!r} (expected {VERSION})")
    counts: Counter[Entry] = Counter()
    for number, item in enumerate(loaded["findings"], start=1):
        counts[_entry(file, number, item)] += _count(file, number, item)
    return list(counts.items())


def _entry(file: FilePath, number: int, item: Any) -> Entry:
    def wrong(what: str) -> BaselineError:
        return BaselineError(f"{file}: finding {number}: {what}")

    if not isinstance(item, dict):
        raise wrong("expected a mapping")
    for name in ("rule", "template", "subject"):
        if not isinstance(item.get(name), str) or not item[name]:
            raise wrong(f"'{name}' must be a non-empty string")
    resource = item.get("resource")
    if resource is not None and not isinstance(resource, str):
        raise wrong("'resource' must be a string or null")
    path = item.get("path")
    if not isinstance(path, list) or not all(
        isinstance(step, str) or (isinstance(step, int) and not isinstance(step, bool)) for step in path
    ):
        raise wrong("'path' must be a list of keys and indexes")
    message = item.get("message")
    return Entry(
        rule=current_id(item["rule"]),  # an entry of a renamed rule's old id holds the rule's findings
        template=item["template"],
        resource=resource,
        path=tuple(path),
        subject=item["subject"],
        message=message if isinstance(message, str) else "",
    )


def _count(file: FilePath, number: int, item: dict[str, Any]) -> int:
    count = item.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise BaselineError(f"{file}: finding {number}: 'count' must be a positive whole number")
    return count


def dump(entries: Counter[Entry]) -> str:
    """The file's text: one finding a line (a fixed finding is one deleted line in a diff), in a stable order."""
    ordered = sorted(entries.items(), key=lambda item: _order(item[0]))
    lines = [json.dumps(entry.as_json(count), ensure_ascii=False) for entry, count in ordered]
    body = ",\n    ".join(lines)
    findings = f"[\n    {body}\n  ]" if lines else "[]"
    return (
        "{\n"
        f'  "version": {VERSION},\n'
        '  "generator": "cfn-lint-lambda-auth baseline write",\n'
        f'  "findings": {findings}\n'
        "}\n"
    )


def _order(entry: Entry) -> tuple[str, str, str, str, str]:
    return (entry.template, entry.resource or "", json.dumps(list(entry.path)), entry.rule, entry.subject)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
