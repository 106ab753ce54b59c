"""``cfn-lint-lambda-auth baseline write|check FILE [cfn-lint options] -- TEMPLATE...``: a baseline of findings.

``write`` records this plugin's current findings in FILE (cfn-lint's own rules are not run, nor recorded);
with ``baseline: FILE`` in ``.cfn-lint-lambda-auth.yaml`` the plugin's rules then leave them out, in every
channel (see ``lint_rules._baseline`` for the fingerprint). ``check`` lists the entries that no longer match
a finding (fixed, or their template deleted), exits 1 with ``--fail-on-stale`` when there are any, and with
``--prune`` removes them from FILE (never adding a finding: the file only shrinks). An entry of a renamed rule's
old id (``lint_rules/data/renamed_rules.json``) holds the rule's findings; ``check`` says so and ``--prune``
rewrites it under the new id.

The templates are named as for cfn-lint (files and globs, after ``--``); the options before ``--`` are
cfn-lint's (``--regions``, ``-i``, ``--parameter-values``...) and the current folder's ``.cfnlintrc`` is read,
as cfn-lint does. This plugin's informational rules are included. Exit codes: 0 done, 1 stale entries with
``--fail-on-stale``, 2 wrong input (usage, a template that cannot be found, a malformed baseline).
cfn-lint's directory mode imports this file standalone: it does nothing at import time (and defines no
dataclass, which a module imported that way cannot hold).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lint_rules._baseline import Recorded

INPUT_ERROR = 2
STALE = 1


def main(argv: list[str] | None = None, prog: str = "python -m lint_rules.baseline") -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    split = args.index("--") if "--" in args else None
    head = args if split is None else args[:split]
    parser = argparse.ArgumentParser(
        prog=prog,
        usage=f"{prog} {{write,check}} FILE [--fail-on-stale] [--prune] [cfn-lint options] -- TEMPLATE...",
        description="Record this plugin's findings in a baseline file (write), or list the entries that no "
        "longer match a finding (check). Name the file in .cfn-lint-lambda-auth.yaml ('baseline: FILE') and "
        "the plugin's rules stop reporting what it holds; cfn-lint's own rules are not affected.",
    )
    parser.add_argument("action", choices=["write", "check"])
    parser.add_argument("file", type=Path, help="the baseline file (JSON)")
    parser.add_argument("--fail-on-stale", action="store_true", help="check: exit 1 when an entry is stale")
    parser.add_argument("--prune", action="store_true", help="check: remove the stale entries from FILE")
    parsed, extra = parser.parse_known_args(head)
    if split is None:
        if any(item.startswith("-") for item in extra):
            return _fail(f"{prog}: end cfn-lint's options with '--' before the templates")
        options, templates = [], extra
    else:
        options, templates = extra, args[split + 1 :]
    if not templates:
        return _fail(f"{prog}: name the templates after '--' (files or globs, as for cfn-lint)")
    if parsed.action == "write" and (parsed.fail_on_stale or parsed.prune):
        return _fail(f"{prog}: --fail-on-stale and --prune are options of 'check'")

    from lint_rules import _baseline

    file = parsed.file.resolve()
    baseline = None
    if parsed.action == "check":
        try:
            baseline = _baseline.load(file)
        except _baseline.BaselineError as error:
            return _fail(f"{prog}: {error}")
    run = _lint(options, templates, file.parent)
    if isinstance(run, str):
        return _fail(f"{prog}: {run}")
    for problem in run.problems:
        sys.stderr.write(f"{prog}: {problem}\n")
    if baseline is None:
        return _write(file, parsed.file, run)
    return _check(baseline, parsed.file, run, parsed.fail_on_stale, parsed.prune)


def _lint(options: list[str], templates: list[str], folder: Path) -> Recorded | str:
    """Run this plugin's rules alone over the templates with cfn-lint's runner, recording every finding."""
    from cfnlint.config import ConfigMixIn
    from cfnlint.rules import Rules
    from cfnlint.runner.template.runner import run_template_by_file_paths

    from lint_rules import _baseline

    try:
        config = ConfigMixIn(["--include-checks", "I", *options, "--", *templates])
        names = config.templates or []
    except ValueError as error:  # a file or glob that matches nothing
        return str(error)
    except SystemExit:  # cfn-lint's own parser rejected an option (it has printed why)
        return "cfn-lint rejected the options before '--'"
    run = _baseline.Recorded()
    run.linted = {_baseline.relative(Path(name).resolve(), folder) for name in names}
    rules = Rules.create_from_module("lint_rules")
    with _baseline.recording():
        matches = list(run_template_by_file_paths(config, rules))
    for match in matches:
        template = _baseline.relative(Path(match.filename).resolve(), folder) if match.filename else "-"
        key = getattr(match, "baseline_key", None)
        if key is None:  # not one of our findings: the template does not parse, or a rule failed
            run.unreadable.add(template)
            run.problems.append(f"{match.filename}:{match.linenumber}: {match.rule.id} {match.message}")
            continue
        resource, path, subject = key
        entry = _baseline.Entry(str(match.rule.id), template, resource, path, subject, str(match.message))
        run.entries[entry] += 1
    return run


def _write(file: Path, shown: Path, run: Recorded) -> int:
    from lint_rules import _baseline

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(_baseline.dump(run.entries), encoding="utf-8")
    except OSError as error:
        return _fail(f"{shown}: cannot write it: {error.strerror}")
    count = sum(run.entries.values())
    sys.stdout.write(f"{shown}: {count} findings of {len(run.linted)} templates recorded\n")
    hint = _hint(file, run.linted)
    if hint:
        sys.stdout.write(hint + "\n")
    return 0


def _hint(file: Path, templates: set[str]) -> str | None:
    """How to apply the baseline, when the project file above the first template does not name it yet."""
    from lint_rules import _baseline

    first = min(templates, default=None)
    options = _baseline.find_options((file.parent / first).resolve()) if first is not None else None
    if options is not None:
        try:
            if _baseline.named_baseline(options) == file:
                return None
        except _baseline.BaselineError as error:
            return f"note: {error}"
    if options is None:
        return f"apply it with 'baseline: {_baseline.relative(file, Path.cwd().resolve())}' in {_baseline.OPTIONS_NAMES[0]}"
    return f"apply it with 'baseline: {_baseline.relative(file, options.parent)}' in {options}"


def _check(baseline: Any, shown: Path, run: Recorded, fail_on_stale: bool, prune: bool) -> int:
    from lint_rules import _baseline
    from lint_rules._renames import current_id

    current: Counter[Any] = Counter()
    for entry, count in run.entries.items():
        current[entry.key] += count
    stale: list[tuple[Any, int, int]] = []  # entry, how many of its count are fixed, its count
    folder = baseline.file.parent
    for entry, count in baseline.entries:
        if entry.template in run.unreadable:
            continue  # unknown: its template could not be linted (reported above)
        if entry.template in run.linted:
            fixed = max(count - current[entry.key], 0)
        elif not (folder / entry.template).exists():
            fixed = count  # the template is gone
        else:
            continue  # a template this run did not name
        if fixed:
            stale.append((entry, fixed, count))
    held = Counter({entry.key: count for entry, count in baseline.entries})
    new = sum(max(count - held[key], 0) for key, count in current.items())
    for entry, fixed, count in stale:
        where = "/".join(str(step) for step in ((entry.resource,) if entry.resource else ()) + entry.path)
        times = f" ({fixed} of {count})" if count > 1 else ""
        gone = "" if (folder / entry.template).exists() else " (template deleted)"
        sys.stdout.write(f"{entry.template}: {entry.rule} {where}: {entry.message}{times}{gone}\n")
    total = sum(count for _, count in baseline.entries)
    fixed_total = sum(fixed for _, fixed, _ in stale)
    summary = f"{shown}: {fixed_total} of {total} entries match no finding any more"
    summary += f"; {new} findings are not in the baseline" if new else ""
    if (stale or baseline.renamed) and prune:
        remaining: Counter[Any] = Counter(dict(baseline.entries))
        for entry, fixed, _ in stale:
            remaining[entry] -= fixed
        try:
            baseline.file.write_text(_baseline.dump(+remaining), encoding="utf-8")
        except OSError as error:
            return _fail(f"{shown}: cannot write it: {error.strerror}")
        summary += "; removed them" if stale else ""
    elif stale:
        summary += " (remove them with --prune)"
    if baseline.renamed:
        names = ", ".join(f"{old} as {current_id(old)}" for old in baseline.renamed)
        done = "rewritten under the new ids" if prune else "--prune rewrites them under the new ids"
        summary += f"; entries of renamed rules are read under their new ids ({names}): {done}"
    sys.stdout.write(summary + "\n")
    return STALE if stale and fail_on_stale else 0


def _fail(text: str) -> int:
    sys.stderr.write(text + "\n")
    return INPUT_ERROR


if __name__ == "__main__":
    sys.exit(main())
