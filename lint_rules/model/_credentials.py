"""What a credential looks like: value shapes, secret-looking names, and values that cannot be secrets.

The shapes and words live in ``lint_rules/data/secret_patterns.json`` (each value shape with the page
that documents it); ``tests/test_secret_heuristics.py`` holds the table of names and values these
functions must and must not flag, with the reason for each row.

- ``credential_in(text)``: the value *is* a credential whatever the variable is called: an AWS access
  key id (AKIA/ASIA/ABIA/ACCA), a private key, a GitHub/Slack/Stripe token, a JWT, a URL with a
  password, or (the whole value) a 40-character secret access key shape.
- ``secret_name(name)``: the variable's name says it holds a secret (PASSWORD, SECRET, TOKEN, API_KEY,
  ``dbPassword`` ...) and no word of it says it holds something about a secret instead (TOKEN_TTL_SECONDS,
  SECRET_ARN, PASSWORD_PARAMETER_NAME, SECRETS_MANAGER_ENDPOINT).
- ``harmless_value(text)``: a value that cannot be a secret however the variable is named: empty, a
  number, a boolean, an ARN, a URL without a password, a path (an SSM parameter name), a dynamic
  reference, or a lower-case name path like ``prod/db/credentials`` (a secret's name).
- ``dynamic_reference(text)``: ``secretsmanager`` or ``ssm-secure`` for a ``{{resolve:...}}`` value.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from importlib import resources
from typing import Any


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("lint_rules.data").joinpath("secret_patterns.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(entry["name"], re.compile(entry["pattern"])) for entry in _data()["value_patterns"]]


@functools.cache
def _secret_key_shape() -> re.Pattern[str]:
    return re.compile(_data()["secret_key_shape"]["pattern"])


@functools.cache
def _words() -> tuple[frozenset[str], tuple[tuple[str, str], ...], frozenset[str]]:
    data = _data()
    pairs = tuple((first, second) for first, second in data["secret_word_pairs"])
    return frozenset(data["secret_words"]), pairs, frozenset(data["harmless_words"])


def credential_in(text: str) -> str | None:
    """What credential the value holds ('an AWS access key id', ...), or None."""
    for name, pattern in _patterns():
        if pattern.search(text):
            return name
    stripped = text.strip()
    if (
        _secret_key_shape().fullmatch(stripped)
        and any(c.isupper() for c in stripped)
        and any(c.islower() for c in stripped)
        and any(c.isdigit() for c in stripped)
    ):
        return str(_data()["secret_key_shape"]["name"])
    return None


_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def words(name: str) -> list[str]:
    """The words of a variable name, upper-cased: ``dbPassword`` -> DB PASSWORD, ``APIKey`` -> API KEY."""
    return [word.upper() for part in re.split(r"[^A-Za-z0-9]+", name) for word in _CAMEL.findall(part)]


def secret_name(name: str) -> bool:
    found = words(name)
    secret, pairs, harmless = _words()
    if any(word in harmless for word in found):
        return False
    if any(word in secret for word in found):
        return True
    return any(pair in pairs for pair in itertools.pairwise(found))


_HARMLESS_LITERALS = {"", "true", "false", "yes", "no", "on", "off", "none", "null"}
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")
_NAME_PATH = re.compile(r"[a-z0-9._-]+(?:/[a-z0-9._-]+)+")


def harmless_value(text: str) -> bool:
    stripped = text.strip()
    if stripped.lower() in _HARMLESS_LITERALS or _NUMBER.fullmatch(stripped):
        return True
    if stripped.startswith(("arn:", "/", "{{resolve:")):
        return True
    if _URL.match(stripped):
        return credential_in(stripped) is None
    return bool(_NAME_PATH.fullmatch(stripped))


_DYNAMIC = re.compile(r"\{\{resolve:(secretsmanager|ssm-secure):")


def dynamic_reference(text: str) -> str | None:
    match = _DYNAMIC.search(text)
    return match.group(1) if match else None
