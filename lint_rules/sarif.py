"""``python -m lint_rules.sarif in.sarif out.sarif``: give this plugin's rules a ``security-severity``.

GitHub code scanning ranks an alert Critical/High/Medium/Low only from its rule's
``properties.security-severity`` (a number from 0.1 to 10) and shows it as a security alert only when the
rule's ``properties.tags`` holds ``security``. cfn-lint's SARIF formatter writes each rule's id,
descriptions and ``helpUri`` and nothing else: a plugin cannot add properties to it (the formatter builds
its ``ReportingDescriptor`` from those three fields). This step rewrites the file cfn-lint wrote.

The score follows the rule's severity, which its id's first letter sets (there is no finer table):
error 8.0 (GitHub's High), warning 5.0 (Medium), informational 2.0 (Low). A rule renamed for a new level
(``lint_rules/data/renamed_rules.json``) gets SARIF's ``deprecatedIds`` (SARIF 2.1.0, reportingDescriptor), the
ids it was known by. GitHub code scanning does not list that property among those it reads, so there an old id's
alerts close and reopen under the new id once. cfn-lint's own rules and other plugins' are left as they are. cfn-lint's directory mode imports this file standalone: it does nothing at
import time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

# the rule's severity (cfn-lint's, from its id's first letter) -> security-severity; GitHub reads >= 9.0 as
# Critical, 7.0-8.9 High, 4.0-6.9 Medium, 0.1-3.9 Low
SECURITY_SEVERITY = {"error": "8.0", "warning": "5.0", "informational": "2.0"}
TAGS = ["security"]


def plugin_severities() -> dict[str, str]:
    """Each of this plugin's rule ids -> its cfn-lint severity (error, warning, informational)."""
    from cfnlint.rules import Rules

    return {str(rule_id): str(rule.severity) for rule_id, rule in Rules.create_from_module("lint_rules").items()}


def annotate(log: Any, severities: dict[str, str]) -> int:
    """Set security-severity and the security tag on this plugin's rules in every run, and a renamed rule's
    ``deprecatedIds``; how many rules were set."""
    from lint_rules._renames import old_ids

    changed = 0
    runs = log.get("runs") if isinstance(log, dict) else None
    for run in runs if isinstance(runs, list) else []:
        driver = run.get("tool", {}).get("driver", {}) if isinstance(run, dict) else {}
        rules = driver.get("rules") if isinstance(driver, dict) else None
        for rule in rules if isinstance(rules, list) else []:
            severity = severities.get(str(rule.get("id"))) if isinstance(rule, dict) else None
            score = SECURITY_SEVERITY.get(severity or "")
            if score is None:
                continue
            properties = rule.setdefault("properties", {})
            properties["security-severity"] = score
            tags = properties.get("tags") if isinstance(properties.get("tags"), list) else []
            properties["tags"] = [*tags, *(tag for tag in TAGS if tag not in tags)]
            olds = old_ids(str(rule.get("id")))
            if olds:
                rule["deprecatedIds"] = list(olds)
            changed += 1
    return changed


def main(argv: list[str] | None = None, prog: str = "python -m lint_rules.sarif") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Add GitHub's security-severity and the security tag to this plugin's rules in cfn-lint's SARIF.",
    )
    parser.add_argument("input", type=Path, help="the SARIF file cfn-lint wrote (--format sarif --output-file)")
    parser.add_argument("output", type=Path, help="where to write the result (may be the input)")
    args = parser.parse_args(argv)
    try:
        log = json.loads(args.input.read_text(encoding="utf-8"))
    except OSError as failure:
        sys.stderr.write(f"{args.input}: {failure.strerror}\n")
        return 2
    except ValueError as failure:  # JSONDecodeError and UnicodeDecodeError
        sys.stderr.write(f"{args.input}: not a SARIF file ({failure})\n")
        return 2
    if not isinstance(log, dict) or not isinstance(log.get("runs"), list):
        sys.stderr.write(f"{args.input}: not a SARIF file (no 'runs' list)\n")
        return 2
    annotate(log, plugin_severities())
    args.output.write_text(json.dumps(log, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
