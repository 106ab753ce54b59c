"""Refresh ``lint_rules/data/policy_size_quotas.json``: the IAM policy size quotas WA4026 compares with.

The sources are three pages of the IAM User Guide, kept as Markdown in ``awsdocs/iam-user-guide`` (archived
in 2023; last revision commit ``651083f``). Get them with ``git show <commit>:doc_source/<name>`` and run::

    python scripts/refresh_policy_quotas.py CHECKS.md QUOTAS.md GRAMMAR.md [commit]

- ``access-analyzer-reference-policy-checks.md``: "the size of each managed policy cannot exceed the default
  quota of N characters";
- ``reference_iam-quotas.md``: its table row "Role trust policy length | N characters | M characters" (the
  default, then the most Service Quotas grants: a raised quota is account state);
- ``reference_policies_grammar.md``: "Policies have a maximum size between N characters and M characters,
  depending on what entity the policy is attached to": M, the largest sum of inline policies any user,
  group or role may hold (the per-entity figures are not in the Markdown source, so the rule uses the
  bound every entity has).

IAM does not count white space in any of these.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "lint_rules" / "data" / "policy_size_quotas.json"
_REPO = "https://github.com/awsdocs/iam-user-guide/blob/{commit}/doc_source/{name}"
_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__ or "")
        return 2
    checks, quotas, grammar = (Path(name).read_text(encoding="utf-8") for name in argv[:3])
    commit = argv[3] if len(argv) == 4 else "651083f"
    managed = re.search(r"managed policy cannot exceed the default quota of ([\d,]+) characters", checks)
    trust = re.search(r"\|\s*Role trust policy length\s*\|\s*([\d,]+) characters\s*\|\s*([\d,]+) characters", quotas)
    inline = re.search(r"maximum size between ([\d,]+) characters and ([\d,]+) characters", grammar)
    if not (managed and trust and inline):
        sys.stderr.write("a page no longer says what this script reads; update its patterns\n")
        return 1
    data = {
        "_source": (
            "IAM policy size quotas from the IAM User Guide (awsdocs/iam-user-guide, commit "
            f"{commit}; live page {_QUOTAS}), written by scripts/refresh_policy_quotas.py. IAM does not count "
            "white space. The role trust policy quota is the default; an account may have it raised."
        ),
        "managed": {
            "characters": _number(managed.group(1)),
            "source": _REPO.format(commit=commit, name="access-analyzer-reference-policy-checks.md"),
        },
        "trust": {
            "characters": _number(trust.group(1)),
            "raised_at_most": _number(trust.group(2)),
            "source": _REPO.format(commit=commit, name="reference_iam-quotas.md"),
        },
        "inline": {
            "characters": _number(inline.group(2)),
            "note": "the largest sum of inline policies any one user, group or role may hold",
            "source": _REPO.format(commit=commit, name="reference_policies_grammar.md"),
        },
    }
    DATA.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
