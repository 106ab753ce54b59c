"""The table of Lambda environment variables the secret rules must and must not flag (EA3027, WA3028, IA3029).

Each row is one variable, linted in a real template through cfn-lint with the plugin: the rule expected to
report it (or None), and why. The shapes and words behind the verdicts are in
``lint_rules/data/secret_patterns.json`` and ``lint_rules/model/_credentials.py``.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import lint_text

# (name, value, expected rule or None, reason)
TABLE: list[tuple[str, str, str | None, str]] = [
    # true positives: credential shapes, whatever the name
    ("PARTNER_ID", "AKIAIOSFODNN7EXAMPLE", "EA3027", "AKIA: a long-term access key id (IAM unique ID prefixes)"),
    ("SESSION", "ASIAIOSFODNN7EXAMPLE", "EA3027", "ASIA: a temporary (STS) access key id"),
    ("CONFIG_B", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "EA3027", "40 base64 characters: a secret access key"),
    ("SIGNER", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----", "EA3027", "PEM private key"),
    ("BOT", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "EA3027", "GitHub personal access token format"),
    ("HOOK", "xoxb-123456789012-abcdefghijkl", "EA3027", "Slack bot token format"),
    ("PAYMENTS", "sk_live_abcdefghijklmnop0123", "EA3027", "Stripe live secret key"),
    ("SESSION_JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmn", "EA3027", "a signed JWT"),
    ("DATABASE_URL", "postgres://app:s3cret@db.example.com/app", "EA3027", "a URL with user:password"),
    ("DB_PASSWORD", "AKIAIOSFODNN7EXAMPLE", "EA3027", "a credential shape wins over the name rule (one finding)"),
    # true positives: the name says secret and the value is a literal that could be one
    ("DB_PASSWORD", "hunter2-hunter2", "WA3028", "PASSWORD with a literal"),
    ("dbPassword", "correct horse battery staple", "WA3028", "camelCase words: DB PASSWORD"),
    ("API_KEY", "0123456789abcdef", "WA3028", "API KEY word pair"),
    ("ApiKey", "k-42-abcdef", "WA3028", "camelCase API KEY"),
    ("CLIENT_SECRET", "s3cr3t", "WA3028", "SECRET"),
    ("GITHUB_TOKEN", "my-token-value", "WA3028", "TOKEN"),
    ("PRIVATE_KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "WA3028", "PRIVATE KEY word pair"),
    ("SMTP_CREDENTIALS", "user:pass", "WA3028", "CREDENTIALS"),
    ("DB_PASSWORD", "changeme", "WA3028", "a placeholder password is still a literal password"),
    ("DB_PASSWORD", "Pa55/word", "WA3028", "upper case and a slash: not a lower-case name path"),
    # informational: a Secrets Manager secret resolved at deployment
    ("DB_PASSWORD", "{{resolve:secretsmanager:app/db:SecretString:password}}", "IA3029", "resolved into the config"),
    (
        "ANYTHING",
        "{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:111122223333:secret:x}}",
        "IA3029",
        "any name",
    ),
    # harmless look-alikes: the name says secret, a word says it is about the secret
    ("TOKEN_TTL_SECONDS", "3600", None, "TTL/SECONDS: a duration, and the value is a number"),
    ("TOKEN_TTL", "one-hour", None, "TTL: a duration"),
    ("DB_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db", None, "ARN word, ARN value"),
    ("SECRET_NAME", "app-db-credentials", None, "NAME: the secret's name"),
    ("DB_SECRET_ID", "Prod-DB-Credentials", None, "ID: the secret's id"),
    ("PASSWORD_PARAMETER", "DbPasswordParam", None, "PARAMETER: where the password is"),
    ("API_KEY_PATH", "Keys/Partner", None, "PATH"),
    ("TOKEN_ENDPOINT", "oauth2-token-endpoint", None, "ENDPOINT"),
    ("SECRETS_MANAGER_TIMEOUT_MILLIS", "250", None, "MANAGER/TIMEOUT, and a number"),
    ("PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "TRUE", None, "the AWS extension's own settings"),
    ("PASSWORD_MIN_LENGTH", "12", None, "LENGTH"),
    ("ENABLE_TOKEN_CACHE", "yes", None, "ENABLE/CACHE, and a boolean"),
    ("TOKEN_ISSUER", "auth-example", None, "ISSUER"),
    # harmless look-alikes: the name says secret but the value cannot be one
    ("DB_PASSWORD", "", None, "empty"),
    ("API_TOKEN", "true", None, "a boolean"),
    ("JWT_SECRET", "arn:aws:secretsmanager:us-east-1:111122223333:secret:jwt", None, "an ARN"),
    ("DB_PASSWORD", "/app/prod/db-password", None, "a path: an SSM parameter name"),
    ("AUTH_TOKEN", "https://auth.example.com/token", None, "a URL without a password"),
    ("JWT_SECRET", "app/jwt-signing-secret", None, "a lower-case name path: a secret's name"),
    # neither the name nor the value says secret
    ("COMMIT", "0123456789abcdef0123456789abcdef01234567", None, "40 hex digits: a commit id, no upper case"),
    ("KEY", "orders/2026/report.csv", None, "KEY alone: an object key, not a secret word"),
    ("PRIMARY_KEY", "order_id", None, "a database key"),
    ("PASS_THROUGH", "enabled", None, "PASS is not a secret word"),
    ("LOG_LEVEL", "DEBUG", None, "plain configuration"),
]

_RULES = ("EA3027", "WA3028", "IA3029")


def _function(variables: dict[str, object]) -> dict[str, object]:
    return {
        "Type": "AWS::Lambda::Function",
        "Properties": {
            "Runtime": "python3.12",
            "Handler": "index.handler",
            "Role": "arn:aws:iam::111122223333:role/service-role/app",
            "Code": {"ZipFile": "def handler(event, context): return 'ok'"},
            "Environment": {"Variables": variables},
        },
    }


@pytest.fixture(scope="module")
def verdicts() -> dict[str, list[str]]:
    """One lint of one template holding every row as function 'Row<i>': the rules that fired, per function."""
    resources = {f"Row{index}": _function({name: value}) for index, (name, value, _, _) in enumerate(TABLE)}
    text = json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources})
    result: dict[str, list[str]] = {}
    for line in lint_text(text):
        rule = line.split(" ")[1]
        match = re.search(r"of function '(Row\d+)'", line)
        if rule in _RULES and match:
            result.setdefault(match.group(1), []).append(rule)
    return result


@pytest.mark.parametrize(
    ("index", "name", "value", "expected", "reason"),
    [(index, *row) for index, row in enumerate(TABLE)],
    ids=[f"{row[0]}={row[1][:24]}" for row in TABLE],
)
def test_secret_verdict(
    verdicts: dict[str, list[str]], index: int, name: str, value: str, expected: str | None, reason: str
) -> None:
    del name, value
    assert verdicts.get(f"Row{index}", []) == ([expected] if expected else []), reason


def test_parameters_follow_noecho_and_default() -> None:
    """A secret-named variable from a parameter: reported without NoEcho or with a Default, not otherwise."""
    parameters = {
        "Plain": {"Type": "String"},
        "Defaulted": {"Type": "String", "NoEcho": True, "Default": "s3cr3t-value"},
        "Hidden": {"Type": "String", "NoEcho": True},
    }
    resources = {f"Uses{name}": _function({"DB_PASSWORD": {"Ref": name}}) for name in parameters}
    template = {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": parameters, "Resources": resources}
    lines = [line for line in lint_text(json.dumps(template)) if " WA3028 " in line]
    found = {match.group(1) for line in lines if (match := re.search(r"function '(\w+)'", line))}
    assert found == {"UsesPlain", "UsesDefaulted"}
