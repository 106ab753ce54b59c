"""Generate the rule docs from the rules themselves: ``python -m lint_rules.docs [--check]``.

Rule metadata (id, shortdesc, description, tags) and the class docstring's sections are the single
source. The generator writes ``docs/rules/<ID>.md`` with the tested ``bad.yaml`` fixture as the
example (and the findings it must produce) and ``good.yaml`` as "Use instead", and in ``README.md`` the
rule table between the ``rules:start``/``rules:end`` markers and the snippets that carry the project URL
(``lint_rules._findings.PROJECT_URL``, its one place) between ``<name>:start``/``<name>:end`` markers.
``--check`` writes nothing and exits 1 when a file would change, which CI runs so docs cannot drift from code.
"""

from __future__ import annotations

import argparse
import collections
import inspect
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
_SEVERITY = {"E": "error", "W": "warning", "I": "informational"}
_PAGE_SECTIONS = ("What it does", "Why is this bad?")
_TAIL_SECTIONS = ("How to suppress", "References")


def rule_classes() -> list[type[Any]]:
    """Every rule class lint_rules exports, sorted by id."""
    from cfnlint.rules import CloudFormationLintRule

    import lint_rules

    found = [
        member
        for _, member in inspect.getmembers(lint_rules, inspect.isclass)
        if issubclass(member, CloudFormationLintRule) and member is not CloudFormationLintRule
    ]
    return sorted(found, key=lambda cls: str(cls.id))


def sections(cls: type[Any]) -> dict[str, str]:
    """The docstring's ``## Heading`` sections."""
    text = inspect.getdoc(cls) or ""
    result: dict[str, str] = {}
    for block in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = block.partition("\n")
        result[heading.strip()] = body.strip()
    return result


def _fixture(rule_id: str, name: str) -> str:
    path = ROOT / "tests" / "fixtures" / rule_id / name
    return path.read_text(encoding="utf-8").rstrip("\n") if path.exists() else ""


def _expected(rule_id: str, name: str) -> list[str]:
    lines = _fixture(rule_id, "expected.txt").splitlines()
    prefix = f"{name}:"
    return [line[len(prefix) :] for line in lines if line.startswith(prefix)]


def page(cls: type[Any]) -> str:
    rule_id = str(cls.id)
    parts = sections(cls)
    out = [f"# {rule_id}: {cls.shortdesc}", "", str(cls.description), ""]
    out += [f"Severity: {_SEVERITY.get(rule_id[0], 'unknown')}. Tags: {', '.join(cls.tags)}.", ""]
    for heading in _PAGE_SECTIONS:
        out += [f"## {heading}", "", parts.get(heading, ""), ""]
    mirrored = [row for row in access_analyzer_checks() if rule_id in row["rules"]]
    if mirrored:
        out += [
            "## IAM Access Analyzer checks",
            "",
            "This rule reports, offline, what these checks of Access Analyzer's",
        ]
        out += ["`ValidatePolicy` report ([all 136 and their status here](../access-analyzer.md)):", ""]
        out += [f"- {_aa_link(row)} ({row['type'].lower()})" for row in mirrored] + [""]
    out += ["## Example", "", f"`tests/fixtures/{rule_id}/bad.yaml`, tested on every CI run:", ""]
    out += ["```yaml", _fixture(rule_id, "bad.yaml"), "```", "", "Findings (`line:column rule message`):", ""]
    out += ["```text", *_expected(rule_id, "bad.yaml"), "```", ""]
    out += ["## Use instead", "", f"`tests/fixtures/{rule_id}/good.yaml`, which produces no finding:", ""]
    out += ["```yaml", _fixture(rule_id, "good.yaml"), "```", ""]
    for heading in _TAIL_SECTIONS:
        out += [f"## {heading}", "", parts.get(heading, ""), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def table(classes: list[type[Any]]) -> str:
    rows = ["| Rule | Severity | Finds |", "| --- | --- | --- |"]
    for cls in classes:
        rule_id = str(cls.id)
        severity = _SEVERITY.get(rule_id[0], "unknown")
        rows.append(f"| [{rule_id}](docs/rules/{rule_id}.md) | {severity} | {cls.shortdesc} |")
    return "\n".join(rows)


def snippets() -> dict[str, str]:
    """The README's examples that name this repository, by marker name: installing from it before a release."""
    from lint_rules._findings import PROJECT_URL

    sha = "0000000000000000000000000000000000000000"
    pre_commit = [
        "```yaml",
        "repos:",
        f"  - repo: {PROJECT_URL}",
        f"    rev: {sha}  # a full commit SHA, see below",
        "    hooks:",
        "      - id: cfn-lint-lambda-auth",
        "```",
        "",
        "There is no release or tag yet, so pin a commit of the main branch (pre-commit takes any commit as",
        "`rev:`): replace the zeros with the SHA this prints.",
        "",
        "```sh",
        f"git ls-remote {PROJECT_URL} HEAD",
        "```",
        "",
        "After the first release, use its tag (`rev: v0.1.0`) and let `pre-commit autoupdate` move it.",
    ]
    code_scanning = ["```yaml", workflow().rstrip("\n"), "```"]
    access_diff = ["```yaml", diff_workflow().rstrip("\n"), "```"]
    return {
        "pre-commit": "\n".join(pre_commit),
        "code-scanning": "\n".join(code_scanning),
        "access-diff": "\n".join(access_diff),
    }


def workflow() -> str:
    """``examples/github-actions.yml``: a complete workflow, shown whole in the README (tests/test_quickstart.py
    runs its commands)."""
    from lint_rules._findings import PROJECT_URL

    sha = "0000000000000000000000000000000000000000"
    return "\n".join(
        [
            "# Lint CloudFormation/SAM templates with cfn-lint and cfn-lint-lambda-auth, show the findings in GitHub",
            "# code scanning, and fail the build on errors and warnings. Copy to .github/workflows/ and name your",
            "# templates where this names template.yaml (quoted globs work: 'stacks/**/*.yaml').",
            "# (Generated by python -m lint_rules.docs; tests/test_quickstart.py runs its commands.)",
            "name: cfn-lint-lambda-auth",
            "on:",
            "  push:",
            "    branches: [main]",
            "  pull_request:",
            "permissions:",
            "  contents: read",
            "  security-events: write  # upload-sarif needs it",
            "jobs:",
            "  cfn-lint:",
            "    runs-on: ubuntu-latest",
            "    steps:",
            "      - uses: actions/checkout@v4",
            "      - uses: actions/setup-python@v5",
            "        with:",
            '          python-version: "3.12"  # 3.10 or newer (cfn-lint needs it)',
            "      # until the first release: a full commit SHA of this repository (git ls-remote, as for pre-commit);",
            "      # after the first release: pip install 'cfn-lint-lambda-auth[sarif]'",
            f"      - run: pip install 'cfn-lint-lambda-auth[sarif] @ git+{PROJECT_URL}@{sha}'",
            "      - name: cfn-lint",
            "        id: lint",
            "        # -c I: informational rules too (hidden by default). cfn-lint exits with a bit field (2 errors,",
            "        # 4 warnings, 8 informational): keep it for the gate, so the findings are uploaded first.",
            "        run: >-",
            "          cfn-lint --append-rules=lint_rules -c I --format sarif --output-file cfn-lint.sarif",
            '          -- template.yaml || echo "exit=$?" >> "$GITHUB_OUTPUT"',
            "      - name: Rank the alerts (security-severity from each rule's severity)",
            "        run: cfn-lint-lambda-auth sarif cfn-lint.sarif cfn-lint.sarif",
            "      - uses: github/codeql-action/upload-sarif@v3",
            "        with:",
            "          sarif_file: cfn-lint.sarif",
            "          category: cfn-lint-lambda-auth",
            "      - name: Fail on errors and warnings",
            "        # & 6: errors or warnings fail the build; & 2: errors only; & 14: any finding",
            "        run: exit $(( ${{ steps.lint.outputs.exit || 0 }} & 6 ))",
            "",
        ]
    )


def diff_workflow() -> str:
    """``examples/access-diff.yml``: the access-change report posted on each pull request, shown whole in the
    README (tests/test_diff.py runs its commands)."""
    from lint_rules._findings import PROJECT_URL

    sha = "0000000000000000000000000000000000000000"
    return "\n".join(
        [
            "# On every pull request, post what it changes in the access of the repository's CloudFormation/SAM templates",
            "# (invokers, grants and trust added and removed, the plugin's findings introduced and fixed, a diagram) as one",
            "# comment, updated on each push. Copy to .github/workflows/. (tests/test_diff.py runs its commands.)",
            "name: access-diff",
            "on:",
            "  pull_request:",
            "permissions:",
            "  contents: read",
            "  pull-requests: write  # to post the comment",
            "jobs:",
            "  access-diff:",
            "    runs-on: ubuntu-latest",
            "    steps:",
            "      - uses: actions/checkout@v4",
            "        with:",
            "          fetch-depth: 0  # the base branch too: the report compares the pull request with it",
            "      - uses: actions/setup-python@v5",
            "        with:",
            '          python-version: "3.12"  # 3.10 or newer (cfn-lint needs it)',
            "      # until the first release: a full commit SHA of this repository (git ls-remote, as for pre-commit);",
            "      # after the first release: pip install cfn-lint-lambda-auth",
            f"      - run: pip install 'cfn-lint-lambda-auth @ git+{PROJECT_URL}@{sha}'",
            "      - name: Access-change report",
            '        run: cfn-lint-lambda-auth diff --git "origin/${{ github.base_ref }}" > report.md',
            "      - name: Post it on the pull request",
            "        uses: marocchino/sticky-pull-request-comment@v2",
            "        with:",
            "          header: cfn-lint-lambda-auth-access-diff  # one comment per pull request, replaced on each push",
            "          path: report.md",
            "",
        ]
    )


_AA_STATUS = {
    "implemented": "implemented here",
    "cfn-lint": "left to cfn-lint",
    "not-offline": "not decidable offline",
    "not-applicable": "not applicable",
    "todo": "not yet",
}


def access_analyzer_checks() -> list[dict[str, Any]]:
    """The rows of ``lint_rules/data/access_analyzer_checks.json``: every IAM Access Analyzer check."""
    import json

    path = Path(__file__).resolve().parent / "data" / "access_analyzer_checks.json"  # package data, not ROOT
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["checks"]
    return rows


_AA_REFERENCE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"


def _aa_link(row: dict[str, Any]) -> str:
    """A check's name linked to its section of AWS's check reference (the page's own anchors)."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{row['type']} {row['check']}".lower()).strip("-")
    return f"[{row['check']}]({_AA_REFERENCE}#access-analyzer-reference-policy-checks-{slug})"


def _status_counts(rows: list[dict[str, Any]]) -> str:
    """``implemented here 42, not yet 84``: the rows per status, in the page's status order."""
    counts = collections.Counter(row["status"] for row in rows)
    return ", ".join(f"{_AA_STATUS[key]} {counts[key]}" for key in _AA_STATUS if key in counts)


def access_analyzer_page() -> str:
    """``docs/access-analyzer.md``: each of the 136 checks and what this plugin does about it."""
    rows = access_analyzer_checks()
    by_class = {cls: [row for row in rows if row["class"] == cls] for cls in ("a", "b", "c")}
    out = [
        "# IAM Access Analyzer checks, offline",
        "",
        "Every check of IAM Access Analyzer's `ValidatePolicy`",
        f"([policy check reference]({_AA_REFERENCE}))",
        "and what this plugin does about it. Class a: decidable from the policy text and IAM's service data;",
        "b: only in part (data AWS does not publish, or only an estimate); c: needs AWS-internal data.",
        "Generated from `lint_rules/data/access_analyzer_checks.json` by `python -m lint_rules.docs`.",
        "",
        f"Totals: {_status_counts(rows)}.",
        "",
        *(f"- class {cls} ({len(part)}): {_status_counts(part)}." for cls, part in by_class.items()),
        "",
        "| # | Type | Check | Class | Status | By | Note |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        by = [f"[{rule}](rules/{rule}.md)" for rule in row["rules"]] + [f"cfn-lint {rule}" for rule in row["cfn_lint"]]
        note = str(row["note"]).replace("|", "\\|")
        cells = [
            str(row["n"]),
            row["type"],
            _aa_link(row),
            row["class"],
            _AA_STATUS[row["status"]],
            ", ".join(by),
            note,
        ]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def renamed_page() -> str:
    """``docs/renamed-rules.md``: every rule renamed for a new level, from ``lint_rules/data/renamed_rules.json``."""
    from lint_rules._renames import renames

    out = [
        "# Renamed rules",
        "",
        "A rule's level is the first letter of its id (cfn-lint derives the severity from it), so a rule whose level",
        "changes gets a new id. The old id keeps working wherever this plugin reads rule ids:",
        "",
        "- cfn-lint's id lists: `-i`/`--ignore-checks`, `-c`/`--include-checks`, `--mandatory-checks`, and the same",
        "  keys in `.cfnlintrc` or a template's top-level `Metadata: cfn-lint: config`. Only the exact old id is read",
        "  as the new one; a prefix (`W`, `WA3`) means a level or an area and keeps meaning the current one;",
        "- rule options given under the old id (`-x OLD:key=value`, `configure_rules: {OLD: ...}`);",
        "- a resource's `Metadata: cfn-lint: config: ignore_checks` (the plugin drops the renamed rule's findings on",
        "  that resource itself, because cfn-lint compares the list with the new id only);",
        "- the baseline file: an entry of the old id holds the new id's findings; `baseline check` says so, and",
        "  `baseline check --prune` rewrites such entries under the new id;",
        "- SARIF: `cfn-lint-lambda-auth sarif` writes the old ids as the rule's `deprecatedIds`. GitHub code scanning",
        "  does not list that property among those it reads, so its alerts of the old id close and reopen once under",
        "  the new id.",
        "",
        "To update: replace the old id with the new one in `.cfnlintrc`, `Metadata` and CI command lines (a text",
        "search for the old id finds them all), and run `baseline check --prune` once. The old ids are kept working,",
        "because nothing else would tell you: cfn-lint says nothing when an id it is given names no rule (cfn-lint",
        "1.58: `-i WX9999` runs silently).",
        "",
        "Generated from `lint_rules/data/renamed_rules.json` by `python -m lint_rules.docs`.",
        "",
        "| Old id | New id | Since | Why |",
        "| --- | --- | --- | --- |",
    ]
    for rename in renames():
        reason = rename.reason.replace("|", "\\|")
        out.append(f"| {rename.old} | [{rename.new}](rules/{rename.new}.md) | {rename.date} | {reason} |")
    return "\n".join(out) + "\n"


def renamed_stub(old: str, new: str) -> str:
    """``docs/rules/<OLD>.md``: where links to an old id's page (older SARIF files, bookmarks) now lead."""
    return (
        f"# {old}: renamed to {new}\n\n"
        f"This rule is now [{new}]({new}.md); its level changed, and with it the first letter of its id. The old id "
        "still works where the plugin reads rule ids: see [renamed rules](../renamed-rules.md).\n"
    )


def _replace_block(text: str, start: str, end: str, content: str) -> str:
    if start not in text or end not in text:
        return text
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n{content}\n{end}{tail}"


def expected_files(root: Path | None = None) -> dict[Path, str]:
    """Every generated file with the content it should have."""
    root = root or ROOT
    classes = rule_classes()
    files = {root / "docs" / "rules" / f"{cls.id}.md": page(cls) for cls in classes}
    from lint_rules._renames import renames

    for rename in renames():
        files.setdefault(root / "docs" / "rules" / f"{rename.old}.md", renamed_stub(rename.old, rename.new))
    files[root / "docs" / "renamed-rules.md"] = renamed_page()
    files[root / "docs" / "access-analyzer.md"] = access_analyzer_page()
    files[root / "examples" / "github-actions.yml"] = workflow()
    files[root / "examples" / "access-diff.yml"] = diff_workflow()
    readme_path = root / "README.md"
    readme = readme_path.read_text(encoding="utf-8") if readme_path.exists() else ""
    if START in readme and END in readme:
        readme = _replace_block(readme, START, END, table(classes))
        for name, text in snippets().items():
            readme = _replace_block(readme, f"<!-- {name}:start -->", f"<!-- {name}:end -->", text)
        files[readme_path] = readme
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lint_rules.docs", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report drift and exit 1 instead of writing")
    args = parser.parse_args(argv)
    files = expected_files()
    if START not in (ROOT / "README.md").read_text(encoding="utf-8"):
        sys.stderr.write(f"README.md has no {START} marker\n")
        return 1
    generated = {path for path in files if path.parent.name == "rules"}
    stale_pages = [p for p in (ROOT / "docs" / "rules").glob("*.md") if p not in generated]
    drift = [path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in [*drift, *stale_pages]:
            sys.stderr.write(f"out of date: {path.relative_to(ROOT)} (run python -m lint_rules.docs)\n")
        return 1 if drift or stale_pages else 0
    for path in drift:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8")
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")
    for path in stale_pages:
        path.unlink()
        sys.stdout.write(f"removed {path.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
