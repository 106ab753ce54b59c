"""The AWS CDK policy-validation plugin: this plugin's findings as a CDK validation report.

The CDK (aws-cdk-lib 2.x) calls a validation plugin at synth time with the paths of the templates it
wrote, and reports each violation it returns at the construct that created the resource, with the
line of the user's source that created it. Two plugins share the mapping below:

- ``lint_rules/cdk/plugin.js`` for JavaScript and TypeScript apps (``require()`` the path that
  ``cfn-lint-lambda-auth cdk-plugin-path`` prints); it runs ``cfn-lint-lambda-auth cdk-report``, which
  prints :func:`report` as JSON;
- :func:`python_plugin` for Python apps (``aws-cdk-lib`` from PyPI, through jsii), in process.

The mapping: each finding is one violation (rule id, the whole message, the fix clause after the
message's last ``'; '``, the rule page), on the resource's logical id, which the CDK turns into the
construct path. An error fails synth; warnings and informational findings fail it, are reported
without failing it, or are left out, per option. cfn-lint's own rules are left out unless asked:
CDK output carries W3005 on most roles, the CDK's doing and not the user's. Suppressions are the
user's: ``ignore_checks`` (an option, or a resource's ``cfn-lint`` Metadata as in any template) and
the CDK's own ``Validations.of(construct).acknowledge({id: 'cfn-lint-lambda-auth::WA1001', reason})``,
which the CDK applies to the report (no code here is needed for it).

A package whose files all start with ``_``: cfn-lint's directory mode (``--append-rules=lint_rules`` in a
clone) imports every other ``.py`` file under ``lint_rules/`` standalone. Nothing here imports ``aws_cdk``
until :func:`python_plugin` is called: most users have no CDK installed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

PLUGIN_NAME = "cfn-lint-lambda-auth"
# the CDK's acknowledgement ids are '<plugin name, spaces as dashes>::<rule name>'
ACKNOWLEDGE_PREFIX = f"{PLUGIN_NAME}::"
JS_PLUGIN = Path(__file__).resolve().parent / "plugin.js"

TREATMENTS = ("fail", "report", "ignore")
# cfn-lint's level -> the CDK's severity, when the finding is reported without failing synth
_CDK_SEVERITY = {"error": "error", "warning": "warning", "informational": "info"}
_PLUGIN_RULE = re.compile(r"^[EWI]A\d{4}$")
# a construct path the message may end with (issue 19 item 1): the CDK shows the path on its own line
_CONSTRUCT_SUFFIX = re.compile(r" \[construct: [^\]]*\]$")


def plugin_version() -> str:
    try:
        return metadata.version(PLUGIN_NAME)
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a plain checkout
        return "0.0.0"


@dataclass(frozen=True)
class Options:
    """What the plugin reports. ``warnings`` and ``informational`` are each 'fail', 'report' or 'ignore'."""

    ignore_checks: tuple[str, ...] = ()
    warnings: str = "report"
    informational: str = "ignore"
    regions: tuple[str, ...] = ("us-east-1",)
    # cfn-lint's configure_rules: {'WA3005': {'trusted_accounts': [...]}}
    configure_rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    cfn_lint_rules: bool = False  # also cfn-lint's own rules (E3xxx, W3xxx ...)

    def __post_init__(self) -> None:
        for name in ("warnings", "informational"):
            if getattr(self, name) not in TREATMENTS:
                raise ValueError(f"{name} must be one of {', '.join(TREATMENTS)}, not {getattr(self, name)!r}")

    def treatment(self, level: str) -> str:
        if level == "error":
            return "fail"
        if level == "warning":
            return self.warnings
        return self.informational


def _location(path: list[Any]) -> tuple[str, str]:
    """(logical id, location relative to it, dotted as the CDK writes ``Properties.Name``) of a match path."""
    parts = [str(part) for part in path]
    if len(parts) >= 2 and parts[0] in ("Resources", "Outputs"):
        return parts[1], ".".join(parts[2:])
    # a finding on Parameters, Conditions ...: the CDK has no construct for it; name the section
    return (parts[1] if len(parts) >= 2 else (parts[0] if parts else "Template")), ".".join(parts)


def _description(message: str) -> str:
    """The message without a trailing ``[construct: ...]``, which the CDK prints itself."""
    return _CONSTRUCT_SUFFIX.sub("", message)


def _fix(description: str, rule_page: str) -> str:
    """The how-to-fix clause (messages are ``<what>; <how to fix>``), with the rule page."""
    clause = description.rsplit("; ", 1)[1] if "; " in description else ""
    return f"{clause} (rule page: {rule_page})" if clause else f"see {rule_page}"


def _lint(path: Path, options: Options) -> list[Any]:
    from cfnlint.api import lint
    from cfnlint.config import ManualArgs

    # IA: this plugin's informational rules (cfn-lint runs only E and W unless asked); I too for cfn-lint's
    include = ["I" if options.cfn_lint_rules else "IA"] if options.informational != "ignore" else []
    config = ManualArgs(
        regions=list(options.regions),
        ignore_checks=list(options.ignore_checks),
        include_checks=include,
        configure_rules=options.configure_rules,
    )
    config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
    return list(lint(path.read_text(encoding="utf-8"), config=config))


def report(template_paths: list[str], options: Options | None = None) -> dict[str, Any]:
    """The CDK's ``PolicyValidationPluginReport`` (as JSON-ready data) for the templates at ``template_paths``."""
    from lint_rules._findings import doc_url

    options = options or Options()
    violations: dict[tuple[str, str], dict[str, Any]] = {}
    failed = False
    for template_path in template_paths:
        for match in _lint(Path(template_path), options):
            rule = match.rule
            ours = bool(_PLUGIN_RULE.match(rule.id))
            if not ours and not options.cfn_lint_rules:
                continue
            level = rule.severity
            treatment = options.treatment(level)
            if treatment == "ignore":
                continue
            failed = failed or treatment == "fail"
            page = doc_url(rule.id) if ours else (rule.source_url or "")
            logical_id, location = _location(list(match.path or []))
            description = _description(match.message)
            violation = violations.setdefault(
                (rule.id, description),
                {
                    "ruleName": rule.id,
                    "description": description,
                    "fix": _fix(description, page),
                    # a warning the user asked to fail synth is an error for the CDK: the CDK decides
                    # success from the severities left after acknowledgements
                    "severity": "error" if treatment == "fail" else _CDK_SEVERITY.get(level, "warning"),
                    "ruleMetadata": {"level": level, "rulePage": page, "title": rule.shortdesc},
                    "violatingResources": [],
                },
            )
            resource = {
                "resourceLogicalId": logical_id,
                "templatePath": str(template_path),
                "locations": [location] if location else [],
            }
            if resource not in violation["violatingResources"]:
                violation["violatingResources"].append(resource)
    return {"success": not failed, "violations": list(violations.values()), "pluginVersion": plugin_version()}


def python_plugin(
    *,
    ignore_checks: list[str] | tuple[str, ...] = (),
    warnings: str = "report",
    informational: str = "ignore",
    regions: list[str] | tuple[str, ...] = ("us-east-1",),
    configure_rules: dict[str, dict[str, Any]] | None = None,
    cfn_lint_rules: bool = False,
) -> Any:
    """The plugin for Python CDK apps: ``Validations.of(app).add_plugins(python_plugin())``.

    It implements ``aws_cdk.IPolicyValidationPluginBeta1`` (and ``IPolicyValidationPlugin`` where the
    installed aws-cdk-lib has it) through jsii, so ``aws-cdk-lib`` must be installed.
    """
    from lint_rules.cdk._jsii import CfnLintLambdaAuthPlugin

    options = Options(
        ignore_checks=tuple(ignore_checks),
        warnings=warnings,
        informational=informational,
        regions=tuple(regions),
        configure_rules=dict(configure_rules or {}),
        cfn_lint_rules=cfn_lint_rules,
    )
    return CfnLintLambdaAuthPlugin(options)


def _configure_rule(text: str) -> tuple[str, str, Any]:
    """``RULE:key=value`` as cfn-lint's ``-x`` takes it; a JSON value (a list, a number) is decoded."""
    rule, _, setting = text.partition(":")
    key, sep, value = setting.partition("=")
    if not rule or not key or not sep:
        raise argparse.ArgumentTypeError(f"expected RULE:key=value, got {text!r}")
    try:
        decoded: Any = json.loads(value)
    except ValueError:
        decoded = value
    return rule, key, decoded


def main(argv: list[str] | None = None, prog: str = "cfn-lint-lambda-auth cdk-report") -> int:
    """``cfn-lint-lambda-auth cdk-report``: print the CDK validation report of templates as JSON (for cdk-plugin.js)."""
    parser = argparse.ArgumentParser(prog=prog, description=main.__doc__)
    parser.add_argument("templates", nargs="*", help="the templates the CDK synthesized")
    parser.add_argument("--ignore-checks", nargs="*", default=[], metavar="ID", help="rule ids to leave out")
    parser.add_argument("--warnings", choices=TREATMENTS, default="report", help="warnings (default: report)")
    parser.add_argument(
        "--informational", choices=TREATMENTS, default="ignore", help="informational findings (default: ignore)"
    )
    parser.add_argument("--regions", nargs="*", default=["us-east-1"], help="cfn-lint's regions")
    parser.add_argument("--configure-rule", type=_configure_rule, action="append", default=[], metavar="RULE:key=value")
    parser.add_argument("--cfn-lint-rules", action="store_true", help="also report cfn-lint's own rules")
    args = parser.parse_args(argv)
    configure: dict[str, dict[str, Any]] = {}
    for rule, key, value in args.configure_rule:
        configure.setdefault(rule, {})[key] = value
    options = Options(
        ignore_checks=tuple(args.ignore_checks),
        warnings=args.warnings,
        informational=args.informational,
        regions=tuple(args.regions),
        configure_rules=configure,
        cfn_lint_rules=args.cfn_lint_rules,
    )
    json.dump(report(args.templates, options), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
