"""``cfn-lint-lambda-auth lint``: this plugin's rules alone, through cfn-lint's own command line machinery.

    cfn-lint-lambda-auth lint [cfn-lint options] [--jobs N] [--only-templates] [--] TEMPLATE...

Everything but the rule set is cfn-lint's: its option parser (and ``.cfnlintrc``), template globbing,
decoder (a broken file is its ``E0000``), ``Template`` model and transform (SAM ``Globals`` merged, the
template linted as written, as ``cfn-lint`` does since 1.54), template and resource ``Metadata``
directives, de-duplication, formatters and exit-code bits. The rule set is this plugin's rules plus
cfn-lint's four error pseudo-rules (E0000-E0003: parse, transform, crashing rule, configuration), without
which a crashing rule would be filtered out silently instead of reported as ``E0002``. None of cfn-lint's
checks runs, so the findings are exactly the plugin's findings of ``cfn-lint --append-rules=lint_rules``
(``tests/test_fastlane.py`` asserts it on the corpus) at a fraction of the time.

``--jobs N`` lints the templates in N worker processes (0: one per usable core); the output is the same,
byte for byte, as with one, since the matches are gathered back in template order before cfn-lint's
formatter sorts and prints them. ``--only-templates`` keeps only the files whose content is a template
(the pre-commit filter of ``lint_rules._precommit``) and exits 0 when none is.

``--append-rules`` and ``--custom-rules`` are refused on the command line (this lane runs no other rules);
in a ``.cfnlintrc`` they are ignored, so a project file written for ``cfn-lint`` works unchanged.

The module's name starts with ``_`` so that cfn-lint's directory mode (``-a lint_rules`` in a clone) never
imports it.
"""

from __future__ import annotations

import argparse
import functools
import gc
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from cfnlint.config import ConfigMixIn
from cfnlint.exceptions import CfnLintExitException, ConfigFileError
from cfnlint.rules import Match, RuleMatch, Rules
from cfnlint.rules.errors import ConfigError, ParseError
from cfnlint.runner import Runner
from cfnlint.runner.cli import get_formatter
from cfnlint.runner.template import run_template_by_file_path

from lint_rules.model._collector import host_frozen

PLUGIN_MODULE = "lint_rules"
_ERROR_RULES = "cfnlint.rules.errors"  # E0000 parse, E0001 transform, E0002 rule crash, E0003 configuration

# (rule id, rule class, the match's other attributes): a match as it crosses from a worker process
_Portable = tuple[str, type, dict[str, Any]]


class LaneConfig(ConfigMixIn):
    """cfn-lint's configuration, with the lane's own options on its parser."""

    def __init__(self, cli_args: Sequence[str], prog: str) -> None:
        self.argv = tuple(cli_args)  # what a spawned worker rebuilds this configuration from
        self._lane_prog = prog
        self._lane_templates: list[str] | None = None
        super().__init__(list(cli_args))

    def create_parser(self) -> Any:
        parser = super().create_parser()  # type: ignore[no-untyped-call]
        parser.prog = self._lane_prog
        parser.usage = (
            f"\n{self._lane_prog} [cfn-lint options] [--jobs N] [--only-templates] [--] TEMPLATE...\n"
            "Runs only the cfn-lint-lambda-auth rules (none of cfn-lint's own), with cfn-lint's options,\n"
            "formats and exit codes."
        )
        lane = parser.add_argument_group("Fast lane")
        lane.add_argument(
            "-j",
            "--jobs",
            type=_jobs,
            default=1,
            metavar="N",
            help="lint the templates in N processes (0: one per usable core); same output as with 1",
        )
        lane.add_argument(
            "--only-templates",
            action="store_true",
            help="skip the files whose content is not a CloudFormation or SAM template (exit 0 when none is)",
        )
        return parser

    @property
    def jobs(self) -> int:
        jobs = int(self.cli_args.jobs)
        return jobs if jobs > 0 else _usable_cores()

    @property
    def only_templates(self) -> bool:
        return bool(self.cli_args.only_templates)

    @property
    def templates(self) -> Any:
        """cfn-lint's list (globs expanded, ``--ignore-templates`` applied), filtered by content when asked."""
        if not self.only_templates:
            return super().templates
        if self._lane_templates is None:
            found = super().templates
            if found is None:  # no names at all: cfn-lint reads stdin
                return None
            from lint_rules._precommit import template_files

            self._lane_templates = template_files(found)
        return self._lane_templates


class LaneRunner(Runner):
    """cfn-lint's ``Runner`` with this plugin's rules only, and templates linted in parallel when asked."""

    config: LaneConfig

    def _get_rules(self) -> None:
        self.rules = plugin_rules()

    def run(self) -> Iterator[Match]:
        config = self.config
        templates = config.templates
        if config.jobs < 2 or not templates or len(templates) < 2 or config.deployment_files or config.parameter_files:
            yield from super().run()
            return
        yield from self._run_parallel(templates, min(config.jobs, len(templates)))

    def _run_parallel(self, templates: list[str], jobs: int) -> Iterator[Match]:
        """What ``run_template_by_file_paths`` yields, with each template linted in a worker process."""
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        # Forked workers share the parent's loaded modules, rules and schemas; frozen, the cyclic collector
        # never walks (and so never copies) those pages in a worker.
        gc.collect()
        gc.freeze()
        host_frozen(True)  # inherited by the forked workers: the model's young_only walks nothing
        key = self.config.argv
        _runners[key] = self
        ignore_bad = _ignore_bad_template(self.config)
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                for outcome in pool.map(_lint_one, [key] * len(templates), templates, [ignore_bad] * len(templates)):
                    if isinstance(outcome[0], str):  # cfn-lint stopped the run (an unsupported region, ...)
                        raise CfnLintExitException(outcome[0], outcome[1])
                    portable, used = outcome
                    for rule_id in used:
                        if rule_id in self.rules:
                            self.rules.used_rules[rule_id] = self.rules[rule_id]
                    for item in portable:
                        yield _restore(item, self.rules)
        finally:
            host_frozen(False)
            gc.unfreeze()
            _runners.pop(key, None)


# The runner of each argument list, for worker processes: a forked worker finds its parent's here; a
# spawned one (no fork on the platform) builds its own once.
_runners: dict[tuple[str, ...], LaneRunner] = {}


def _lint_one(key: tuple[str, ...], filename: str, ignore_bad: bool) -> tuple[Any, Any]:
    runner = _runners.get(key)
    if runner is None:
        runner = _runners[key] = LaneRunner(LaneConfig(key, PLUGIN_MODULE))
    try:
        matches = list(run_template_by_file_path(filename, runner.config, runner.rules, ignore_bad))
    except CfnLintExitException as stop:
        return str(stop), stop.exit_code
    return [_portable(match) for match in matches], list(runner.rules.used_rules)


def _portable(match: Match) -> _Portable:
    """A match without its rule object (rules hold per-template caches; the parent puts its own back) and
    with plain values for the decoder's node types (classes made at run time, which pickle cannot name)."""
    return str(match.rule.id), type(match.rule), {k: _plain(v) for k, v in vars(match).items() if k != "rule"}


def _plain(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value) if type(value) in (list, tuple) else list(map(_plain, value))
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    if isinstance(value, RuleMatch):  # a match's context
        copy = object.__new__(RuleMatch)
        copy.__dict__.update({key: _plain(item) for key, item in vars(value).items()})
        return copy
    return value


def _restore(item: _Portable, rules: Rules) -> Match:
    rule_id, cls, state = item
    match = object.__new__(Match)
    match.__dict__.update(state)
    match.__dict__["rule"] = rules.get(rule_id) or cls()
    return match


def _ignore_bad_template(config: ConfigMixIn) -> bool:
    """As ``run_template_by_file_paths`` decides it: ``-b``, or E0000 not enabled."""
    if config.ignore_bad_template:
        return True
    return not ParseError().is_enabled(  # type: ignore[no-untyped-call]
        include_experimental=False,
        ignore_rules=config.ignore_checks,
        include_rules=config.include_checks,
        mandatory_rules=config.mandatory_checks,
    )


@functools.cache
def plugin_rules() -> Rules:
    """This plugin's rules and cfn-lint's error pseudo-rules, loaded once per process."""
    rules = Rules.create_from_module(PLUGIN_MODULE)
    rules.update(Rules.create_from_module(_ERROR_RULES))
    return rules


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a number of processes (0: one per usable core), got '{value}'")
    return int(value)


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _refused(config: LaneConfig) -> str | None:
    """Why the command line cannot run in this lane, or None."""
    extra = [entry for entry in config.cli_args.append_rules if entry and Path(entry).name != PLUGIN_MODULE]
    if extra:
        return f"--append-rules {' '.join(extra)}: this lane runs only the cfn-lint-lambda-auth rules; use cfn-lint for others"
    if config.cli_args.custom_rules:
        return "--custom-rules: this lane runs only the cfn-lint-lambda-auth rules; use cfn-lint for custom rules"
    return None


def main(argv: Sequence[str] | None = None, prog: str = "cfn-lint-lambda-auth lint") -> int:
    """Run the lane as cfn-lint's ``main`` runs cfn-lint; the exit code is cfn-lint's."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(args, prog)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)


def _main(args: list[str], prog: str) -> int:
    try:
        config = LaneConfig(args, prog)
    except ConfigFileError as error:  # a .cfnlintrc cfn-lint rejects: reported in the chosen format
        if error.config is not None:
            output = get_formatter(error.config).print_matches(  # type: ignore[no-untyped-call]
                [Match(str(error), ConfigError(), None)], Rules(), config=error.config
            )
            if output:
                sys.stdout.write(output + "\n")
        else:
            sys.stdout.write(f"{error}\n")
        return 1
    refused = _refused(config)
    if refused:
        sys.stderr.write(f"{prog}: error: {refused}\n")
        return 1
    runner = LaneRunner(config)  # reports a template name that matches no file, as cfn-lint does
    if config.only_templates and config.templates == []:
        return 0  # no template among the files: nothing to lint (and never read stdin instead)
    runner.cli()
    return 0
