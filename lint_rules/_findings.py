"""Helpers every rule shares: the doc link and turning a model path into a cfn-lint match."""

from __future__ import annotations

from cfnlint.rules import RuleMatch

from lint_rules.model.values import Path

DOCS_BASE = "https://github.com/cfn-lint-lambda-auth/cfn-lint-lambda-auth/blob/main/docs/rules/"


def doc_url(rule_id: str) -> str:
    return f"{DOCS_BASE}{rule_id}.md"


def findings(found: list[tuple[Path, str]]) -> list[RuleMatch]:
    """One match per (path, message), in the order found, duplicates dropped."""
    seen: set[tuple[Path, str]] = set()
    result = []
    for path, message in found:
        if (path, message) in seen:
            continue
        seen.add((path, message))
        result.append(RuleMatch(list(path), message))
    return result


def quote(name: str | None) -> str:
    return f"'{name}'" if name else "a function outside this template"
