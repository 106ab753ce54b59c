"""Refresh ``lint_rules/data/condition_operators.json``: IAM's condition operators, read from the IAM User Guide.

The source is the page "IAM JSON policy elements: Condition operators", kept as Markdown in
``awsdocs/iam-user-guide`` (``doc_source/reference_policies_elements_condition_operators.md``; the repository
was archived in 2023, its last revision of the page is commit ``b78cb74``), and the set-operator page
``doc_source/reference_policies_multi-value-conditions.md`` for the ``ForAllValues``/``ForAnyValue``
qualifiers. Get them with ``git show <commit>:<path>`` and run::

    python scripts/refresh_condition_operators.py OPERATORS.md MULTI_VALUE.md [commit]

From the operators page the script takes, per ``## ... condition operators`` section: the operator names
(its table, or the section's text for ``Bool``, ``BinaryEquals`` and ``Null``), which operators accept
the ``*``/``?`` wildcards (their row says so, or says they behave identically to a ``...Like`` operator),
whether a policy variable is expanded ("You can use a policy variable with ..." / "You can not use ..."),
and which operators take no ``IfExists`` suffix. The key types each family compares without a type
mismatch (``accepts``) name the Service Authorization Reference's types for the section's type; the page
says string operators also work on ARN keys ("try using string condition operators").
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "lint_rules" / "data" / "condition_operators.json"
_PAGE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html"
_MULTI = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html"
_REPO = "https://github.com/awsdocs/iam-user-guide/blob/{commit}/doc_source/{name}"

# section anchor -> (family name the plugin uses, key types it compares, an operator to suggest)
_SECTIONS = {
    "String": ("String", ["String", "ARN"], "StringEquals"),
    "Numeric": ("Numeric", ["Numeric"], "NumericLessThanEquals"),
    "Date": ("Date", ["Date"], "DateGreaterThan"),
    "Boolean": ("Bool", ["Bool"], "Bool"),
    "BinaryEquals": ("Binary", ["Binary"], "BinaryEquals"),
    "IPAddress": ("IpAddress", ["IPAddress"], "IpAddress"),
    "ARN": ("Arn", ["ARN", "String"], "ArnLike"),
    "Null": ("Null", [], "Null"),
}
_HEADING = re.compile(r"^## .*?<a name=\"Conditions_(\w+)\"></a>\s*$", re.MULTILINE)
_ROW = re.compile(r"^\|\s*((?:`\w+`,?\s*)+)\|(.*)\|\s*$", re.MULTILINE)
_NAMED = re.compile(r"(?:The|Use a) `(\w+)` condition operator")  # "The `BinaryEquals` condition operator let you"
_VARIABLES = re.compile(r"You can(?P<no> ?not)? use a \[policy variable\]", re.IGNORECASE)
_IF_EXISTS_EXCEPT = re.compile(r"add `IfExists` to the end of any condition operator name except the `(\w+)`")
_QUALIFIERS = re.compile(r"IAM defines two set operators, `(\w+)` and `(\w+)`")


def parse(operators_page: str, multi_value_page: str) -> dict[str, object]:
    operators: dict[str, str] = {}
    wildcards: list[str] = []
    families: dict[str, dict[str, object]] = {}
    headings = list(_HEADING.finditer(operators_page))
    for position, heading in enumerate(headings):
        anchor = heading.group(1)
        end = headings[position + 1].start() if position + 1 < len(headings) else len(operators_page)
        body = operators_page[heading.end() : end]
        if anchor not in _SECTIONS:
            continue  # ...IfExists: a suffix, read below
        family, accepts, example = _SECTIONS[anchor]
        rows = _ROW.findall(body)
        names_in_section: list[str] = []
        for cell, description in rows:
            names = re.findall(r"`(\w+)`", cell)
            if names == ["Condition"]:
                continue
            names_in_section.extend(names)
            text = description.lower()
            if "wildcard" in text or ("behave identically" in text and any("Like" in name for name in names)):
                wildcards.extend(names)
        if not names_in_section:  # Bool has a table; BinaryEquals and Null are named in the text
            names_in_section = list(dict.fromkeys(_NAMED.findall(body)))
        for name in names_in_section:
            operators[name] = family
        variables = _VARIABLES.search(body)
        families[family] = {
            "accepts": accepts,
            "example": example,
            "policy_variables": variables is not None and variables.group("no") is None,
        }
    if_exists = _IF_EXISTS_EXCEPT.search(operators_page)
    qualifiers = _QUALIFIERS.search(multi_value_page)
    if not operators or if_exists is None or qualifiers is None:
        raise ValueError("the pages no longer read as this script expects: check them by hand")
    return {
        "operators": operators,
        "wildcards": sorted(set(wildcards)),
        "if_exists_except": [if_exists.group(1)],
        "qualifiers": sorted(qualifiers.groups(), key=lambda name: name != "ForAllValues"),
        "families": families,
    }


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        sys.stderr.write(__doc__ or "")
        return 2
    commit = argv[2] if len(argv) > 2 else "b78cb74"
    data = parse(Path(argv[0]).read_text(encoding="utf-8"), Path(argv[1]).read_text(encoding="utf-8"))
    source = (
        f"Generated by scripts/refresh_condition_operators.py from the IAM User Guide, 'IAM JSON policy elements: "
        f"Condition operators' ({_PAGE}; read as {_REPO.format(commit=commit, name='reference_policies_elements_condition_operators.md')}): "
        "operator names and families (one per section), 'wildcards' (operators whose row allows * and ?, or that "
        "behave identically to a ...Like operator), 'policy_variables' per family ('You can [not] use a policy "
        "variable with ...'), 'if_exists_except' (the operator that takes no IfExists suffix); and 'Single-valued "
        f"vs. multivalued context keys' ({_MULTI}; read as "
        f"{_REPO.format(commit=commit, name='reference_policies_multi-value-conditions.md')}) for the qualifiers. "
        "'accepts' lists the Service Authorization Reference key types a family compares without a type mismatch "
        "(string operators also work on ARN keys, as the ARN section says)."
    )
    DATA.write_text(json.dumps({"_source": source, **data}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
