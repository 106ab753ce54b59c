"""Linting for the language server: cfn-lint's Python API with warm rules, in two stages.

Stage one runs only this plugin's rules (they need the decoded template and the access model, a few
milliseconds); stage two runs cfn-lint's own rules and any other ``append_rules`` (the schema pass,
the slow part). Both stages run on one cfn-lint ``Template`` per document version, built and
transformed once as cfn-lint's runner does for the command line (``_run_template``), with the same
steps: ``.cfnlintrc`` options, template-level ``Metadata`` settings, the region check, transform errors,
rule configuration and resource ``Metadata`` directives behave as there. Rule collections are loaded
once and reused for every run.
"""

from __future__ import annotations

import gc
import glob
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cfnlint.config import _DEFAULT_RULESDIR, ConfigMixIn
from cfnlint.decode.decode import decode_str
from cfnlint.exceptions import InvalidRegionException
from cfnlint.helpers import REGIONS
from cfnlint.rules import Match, Rules
from cfnlint.rules.errors import TransformError
from cfnlint.runner.template.runner import _check_metadata_directives, _dedup
from cfnlint.template import Template

from lint_rules._baseline import OPTIONS_NAMES as OPTIONS_NAMES  # re-exported for the server
from lint_rules.lsp import _light
from lint_rules.model._collector import host_frozen

LOGGER = logging.getLogger(__name__)

PLUGIN_MODULE = "lint_rules"
RC_NAMES = (".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml")
# The server's own project settings: cfn-lint rejects keys it does not know in .cfnlintrc, so they live
# beside it in a file of their own (OPTIONS_NAMES), found the same way (nearest above the document) and
# re-read the same. `baseline` is applied by the rules themselves (lint_rules._baseline), from the
# template's path, as on the command line; it is only checked here.
_OPTION_TYPES: dict[str, type] = {"only_plugin_rules": bool, "baseline": str}
_TYPE_NAMES: dict[type, str] = {bool: "true or false", str: "a path"}
_RULE_ERROR = "E0002"
# Text that only a template has: used to decide whether a document that does not parse is a template.
_TEMPLATE_TEXT = re.compile(
    r"AWSTemplateFormatVersion|AWS::Serverless-2016-10-31|^\s*[\"']?Resources[\"']?\s*:", re.MULTILINE
)
_RESOURCE_TYPE = re.compile(r"^(AWS|Alexa|Custom)::|^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+")


@dataclass(frozen=True)
class Finding:
    """One diagnostic, positions 0-based in code points of the text it was computed from."""

    rule_id: str
    message: str
    start: tuple[int, int]
    end: tuple[int, int]
    source_url: str
    shortdesc: str
    resource: str | None
    plugin: bool = False  # one of this package's rules (not cfn-lint's own or another plugin's)


@dataclass
class StageResult:
    findings: list[Finding] = field(default_factory=list)
    logs: list[str] = field(default_factory=list)  # warnings for window/logMessage


@dataclass(frozen=True)
class ProjectOptions:
    """What the nearest ``.cfn-lint-lambda-auth.yaml`` says; None for a key it does not set."""

    path: Path | None = None
    stamp: tuple[int, int] | None = None
    only_plugin_rules: bool | None = None
    error: str | None = None


@dataclass
class Prepared:
    """A decoded template and the settings that apply to it, ready for both stages.

    ``cfn`` is cfn-lint's ``Template`` of it, built and transformed by the first stage that runs and
    reused by the other (the transform merges SAM ``Globals`` into ``template`` in place), with the
    transform's errors, if any, in ``transform_errors``.
    """

    template: dict[str, Any]
    settings: Settings
    logs: list[str] = field(default_factory=list)
    options: ProjectOptions = field(default_factory=ProjectOptions)
    document: Path | None = None  # the file's path: the rules find the project's baseline from it
    cfn: Template | None = None
    transform_errors: list[Match] = field(default_factory=list)


@dataclass(frozen=True)
class Settings:
    """What the nearest ``.cfnlintrc`` says (``rc`` None: there is none)."""

    rc: Path | None
    stamp: tuple[int, int] | None
    append_rules: tuple[str, ...] = ()
    ignore_templates: tuple[str, ...] = ()
    error: str | None = None


class _DocumentConfig(ConfigMixIn):
    """cfn-lint's configuration with the project ``.cfnlintrc`` taken from beside the document, not the cwd."""

    def __init__(self, rc: Path | None) -> None:
        self._lsp_rc = rc
        super().__init__([])

    def _find_config(self) -> tuple[Any, Any]:
        user, _ = super()._find_config()  # type: ignore[no-untyped-call]
        return user, (self._lsp_rc or "")


def find_rc(document: Path | None, names: tuple[str, ...] = RC_NAMES) -> Path | None:
    """The nearest ``.cfnlintrc`` (or ``.yaml``/``.yml``, or other ``names``) in the document's folder or above it."""
    if document is None:
        return None
    for folder in document.parents:
        for name in names:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def is_template(decoded: Any) -> bool:
    """A CloudFormation or SAM template, not some other YAML or JSON file (workflow, compose, manifest)."""
    if not isinstance(decoded, dict):
        return False
    if "AWSTemplateFormatVersion" in decoded:
        return True
    transform = decoded.get("Transform")
    transforms = transform if isinstance(transform, list) else [transform]
    if any(isinstance(t, str) and t.startswith("AWS::") for t in transforms):
        return True
    resources = decoded.get("Resources")
    if not isinstance(resources, dict):
        return False
    return any(
        isinstance(resource, dict) and isinstance(resource.get("Type"), str) and _RESOURCE_TYPE.match(resource["Type"])
        for resource in resources.values()
    )


def looks_like_template(text: str) -> bool:
    """For text that does not parse: whether it reads like a template (so its parse error is shown)."""
    return _TEMPLATE_TEXT.search(text) is not None


class PluginRules(Rules):
    """This plugin's rules for the fast lane: cfn-lint's ``Rules.run`` without its per-resource pass.

    After each rule's ``matchall``, cfn-lint's ``run`` calls every rule once more per resource with
    properties, for the per-resource checks (``match_resource_properties``). None of this plugin's rules
    has one (``lint_rules`` replaces that method by a plain one that returns nothing), so the pass only
    costs time: at 200 resources 5 ms of the fast lane's 60. When every rule in the collection is such a
    rule, ``run`` is cfn-lint's first two steps (configure, initialize and enable each rule, link child
    and parent rules, then each rule's ``matchall`` through ``run_check``, which turns a crash into
    ``E0002``); otherwise it is cfn-lint's ``run`` unchanged.
    """

    def run(self, filename: str | None, cfn: Template, config: ConfigMixIn) -> Iterator[Match]:
        from lint_rules import _no_resource_properties

        if any(type(rule).matchall_resource_properties is not _no_resource_properties for rule in self.data.values()):
            yield from super().run(filename, cfn, config)
            return
        enabled_rule_ids = set()
        for rule_id, rule in self.data.items():
            rule.configure(config.configure_rules.get(rule_id, None), config.include_experimental)  # type: ignore[no-untyped-call]
            rule.initialize(cfn)
            if self.is_rule_enabled(rule_id, config):
                enabled_rule_ids.add(rule_id)
        for rule_id, rule in self.data.items():
            for key in rule.child_rules:
                if key in self.data:
                    rule.child_rules[key] = self.data[key]
            for parent_rule in rule.parent_rules:
                if parent_rule in self.data:
                    self.data[parent_rule].child_rules[rule_id] = rule
        for rule_id, rule in self.data.items():
            yield from self._filter_matches(
                enabled_rule_ids,
                self.run_check(rule.matchall, filename, rule_id, config, enabled_rule_ids, filename, cfn),
            )


class Engine:
    """Lints template text; one per server, used from one worker thread at a time."""

    def __init__(self) -> None:
        self._plugin_rules: PluginRules | None = None
        self._cfn_lint_rules: dict[tuple[str, ...], Rules] = {}
        self._configs: dict[tuple[Path | None, tuple[int, int] | None], ConfigMixIn] = {}
        self._settings: dict[Path, Settings] = {}
        self._options: dict[Path, ProjectOptions] = {}
        self._frozen = False  # after the first cfn-lint stage
        self._frozen_plugin = False  # after the first plugin stage
        self._reported: set[tuple[str, tuple[int, int] | None]] = set()

    # -- rules ---------------------------------------------------------------------------------------

    def plugin_rules(self) -> PluginRules:
        if self._plugin_rules is None:
            self._plugin_rules = PluginRules()
            self._plugin_rules.update(Rules.create_from_module(PLUGIN_MODULE))
        return self._plugin_rules

    def cfn_lint_rules(self, settings: Settings, logs: list[str]) -> Rules:
        """cfn-lint's own rules plus the ``append_rules`` of the ``.cfnlintrc`` other than this plugin."""
        key = settings.append_rules
        rules = self._cfn_lint_rules.get(key)
        if rules is None:
            rules = Rules.create_from_directory(_DEFAULT_RULESDIR)
            plugin = set(self.plugin_rules())
            for entry in key:
                try:
                    extra = (
                        Rules.create_from_directory(entry) if Path(entry).is_dir() else Rules.create_from_module(entry)
                    )
                except Exception as error:  # a broken rules path costs its rules, not the server
                    logs.append(f"cfn-lint-lambda-auth-lsp: cannot load append_rules entry '{entry}': {error}")
                    continue
                for rule_id, rule in extra.items():
                    if rule_id not in plugin and rule_id not in rules:
                        rules[rule_id] = rule
            self._cfn_lint_rules[key] = rules
        return rules

    def warm_up(self) -> None:
        """Load both rule sets now, so the first document does not wait for them."""
        self.plugin_rules()
        self.cfn_lint_rules(Settings(rc=None, stamp=None), [])

    # -- configuration -------------------------------------------------------------------------------

    def settings(self, document: Path | None) -> Settings:
        """The settings of the nearest ``.cfnlintrc``, re-read whenever the file changes."""
        rc = find_rc(document)
        if rc is None:
            return Settings(rc=None, stamp=None)
        try:
            stat = rc.stat()
        except OSError:
            return Settings(rc=None, stamp=None)
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._settings.get(rc)
        if cached is not None and cached.stamp == stamp:
            return cached
        settings = self._read_settings(rc, stamp)
        self._settings[rc] = settings
        return settings

    def project_options(self, document: Path | None) -> ProjectOptions:
        """The nearest ``.cfn-lint-lambda-auth.yaml``, re-read whenever the file changes."""
        path = find_rc(document, OPTIONS_NAMES)
        if path is None:
            return ProjectOptions()
        try:
            stat = path.stat()
        except OSError:
            return ProjectOptions()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._options.get(path)
        if cached is None or cached.stamp != stamp:
            cached = _read_options(path, stamp)
            self._options[path] = cached
        return cached

    def _read_settings(self, rc: Path, stamp: tuple[int, int]) -> Settings:
        try:
            config = _DocumentConfig(rc)
        except Exception as error:  # cfn-lint rejects the file: lint as if it were not there, and say why
            return Settings(rc=None, stamp=stamp, error=f"{rc}: {error}")
        self._configs[(rc, stamp)] = config
        file_args = config.file_args
        append = tuple(
            entry if not (rc.parent / entry).is_dir() else str(rc.parent / entry)
            for entry in file_args.get("append_rules", [])
            if isinstance(entry, str) and entry != PLUGIN_MODULE and Path(entry).name != PLUGIN_MODULE
        )
        ignored = file_args.get("ignore_templates", [])
        ignored = [ignored] if isinstance(ignored, str) else ignored
        return Settings(
            rc=rc,
            stamp=stamp,
            append_rules=append,
            ignore_templates=tuple(str(rc.parent / p) for p in ignored if isinstance(p, str)),
        )

    def _config(self, settings: Settings) -> ConfigMixIn:
        key = (settings.rc, settings.stamp)
        config = self._configs.get(key)
        if config is None:
            config = _DocumentConfig(settings.rc)
            self._configs[key] = config
        return config

    # -- linting -------------------------------------------------------------------------------------

    def prepare(self, text: str, document: Path | None) -> Prepared | StageResult | None:
        """The decoded template; its parse errors when it does not parse; None when it is no template."""
        settings = self.settings(document)
        result = StageResult()
        if settings.error and (settings.error, settings.stamp) not in self._reported:  # once per version of the file
            self._reported.add((settings.error, settings.stamp))
            result.logs.append(f"cfn-lint-lambda-auth-lsp: ignoring .cfnlintrc: {settings.error}")
        options = self.project_options(document)
        if options.error and (options.error, options.stamp) not in self._reported:
            self._reported.add((options.error, options.stamp))
            result.logs.append(f"cfn-lint-lambda-auth-lsp: ignoring {options.error}")
        if document is not None and _ignored(document, settings):
            return None
        try:
            decoded, errors = decode_str(text)
        except Exception as error:  # the decoder should report, not raise; never let it stop the server
            result.logs.append(f"cfn-lint-lambda-auth-lsp: cannot decode the document: {error!r}")
            return result
        if errors:
            if not looks_like_template(text):
                return None
            result.findings = [_finding(match) for match in errors]
            return result
        if not isinstance(decoded, dict) or not is_template(decoded):
            return None
        return Prepared(template=decoded, settings=settings, logs=result.logs, options=options, document=document)

    def plugin_stage(self, prepared: Prepared) -> StageResult:
        result = self._run(prepared, self.plugin_rules())
        if not self._frozen_plugin:  # the server's fast lane runs only this stage: its warm state is frozen here
            self._frozen_plugin = True
            self._freeze()
        return result

    def cfn_lint_stage(self, prepared: Prepared) -> StageResult:
        logs: list[str] = []
        rules = self.cfn_lint_rules(prepared.settings, logs)
        result = self._run(prepared, rules)
        result.logs[:0] = logs
        if not self._frozen:  # (the slow lane's worker process runs only this stage)
            self._frozen = True
            self._freeze()
        return result

    def _freeze(self) -> None:
        """Exempt what the first full run loaded (rules, cfn-lint's schemas) from garbage collection.

        A warm server holds a few hundred thousand long-lived objects; without this, every full
        collection walks them all, which showed up as 250-450 ms pauses in runs of 30-60 ms. Runs with
        the same rules and schemas then allocate only short-lived objects.
        """
        gc.collect()
        gc.freeze()
        host_frozen(True)  # the model's young_only need not walk what was frozen (see its module)

    def _run(self, prepared: Prepared, rules: Rules) -> StageResult:
        result = StageResult()
        config = self._config(prepared.settings)
        with _captured_warnings(result.logs):
            try:
                matches = self._matches(prepared, config, rules)
            except Exception as error:  # cfn-lint itself failed (bad region in .cfnlintrc, ...)
                result.logs.append(f"cfn-lint-lambda-auth-lsp: cfn-lint failed: {error!r}")
                return result
        for match in matches:
            if match.rule.id == _RULE_ERROR:  # a crashing rule: its findings are lost for this run
                result.logs.append(f"cfn-lint-lambda-auth-lsp: {match.message}")
                continue
            result.findings.append(_finding(match))
        return result

    @staticmethod
    def _matches(prepared: Prepared, config: ConfigMixIn, rules: Rules) -> list[Match]:
        """cfn-lint's ``run_template_by_data`` for one rule collection, on the document's shared ``Template``."""
        config.set_template_args(prepared.template)  # type: ignore[no-untyped-call]  # template Metadata settings
        if not set(config.regions).issubset(set(REGIONS)):
            unsupported = sorted(set(config.regions).difference(REGIONS))
            raise InvalidRegionException(f"Regions {unsupported!r} are unsupported", 32)
        plugin_only = isinstance(rules, PluginRules)
        if prepared.cfn is None:
            filename = str(prepared.document) if prepared.document is not None else None
            with _light.LOCK, _light.light() if plugin_only else nullcontext():
                cfn = Template(filename, prepared.template, config.regions, config.parameters)
                prepared.transform_errors = cfn.transform()
            prepared.cfn = cfn
        if prepared.transform_errors:
            return list(prepared.transform_errors) if rules.is_rule_enabled(TransformError(), config) else []
        cfn = prepared.cfn
        if not plugin_only:  # cfn-lint's own rules read the graph the fast lane's template deferred
            _light.realize(cfn)
        if cfn.template is None:
            return []
        return list(_dedup(_check_metadata_directives(rules.run(filename=None, cfn=cfn, config=config), cfn, config)))


def _read_options(path: Path, stamp: tuple[int, int]) -> ProjectOptions:
    """The file's settings; on any problem none of them, and why (the whole file is ignored, as cfn-lint
    ignores a ``.cfnlintrc`` it rejects)."""
    import yaml

    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return ProjectOptions(path, stamp, error=f"{path}: {error}")
    loaded = {} if loaded is None else loaded
    if not isinstance(loaded, dict):
        return ProjectOptions(path, stamp, error=f"{path}: expected a mapping of settings")
    unknown = sorted(str(key) for key in loaded if key not in _OPTION_TYPES)
    if unknown:
        known = ", ".join(_OPTION_TYPES)
        return ProjectOptions(path, stamp, error=f"{path}: unknown setting {', '.join(unknown)} (known: {known})")
    wrong = sorted(key for key, kind in _OPTION_TYPES.items() if key in loaded and not isinstance(loaded[key], kind))
    if wrong:
        kinds = "; ".join(f"{key} must be {_TYPE_NAMES[_OPTION_TYPES[key]]}" for key in wrong)
        return ProjectOptions(path, stamp, error=f"{path}: {kinds}")
    return ProjectOptions(path, stamp, only_plugin_rules=loaded.get("only_plugin_rules"))


def _ignored(document: Path, settings: Settings) -> bool:
    if not settings.ignore_templates:
        return False
    target = os.path.normpath(document)
    return any(
        os.path.normpath(found) == target
        for pattern in settings.ignore_templates
        for found in glob.glob(pattern, recursive=True)  # noqa: PTH207  # cfn-lint's own call: same matches
    )


def _finding(match: Match) -> Finding:
    path = getattr(match, "path", None) or []
    # a plain str: the decoder's str_node subclass cannot cross to the server from the slow lane's process
    resource = str(path[1]) if len(path) >= 2 and path[0] == "Resources" and isinstance(path[1], str) else None
    start = (max(match.linenumber - 1, 0), max(match.columnnumber - 1, 0))
    end = (max(match.linenumberend - 1, 0), max(match.columnnumberend - 1, 0))
    return Finding(
        rule_id=str(match.rule.id),
        message=str(match.message),
        start=start,
        end=max(start, end),
        source_url=str(getattr(match.rule, "source_url", "") or ""),
        shortdesc=str(getattr(match.rule, "shortdesc", "") or ""),
        resource=resource,
        plugin=type(match.rule).__module__.split(".", 1)[0] == PLUGIN_MODULE,
    )


class _ListHandler(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self._sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self._sink.append(f"{record.name}: {record.getMessage()}")


@contextmanager
def _captured_warnings(sink: list[str]) -> Iterator[None]:
    """Warnings the plugin logs during a run (a resource the model could not load), for window/logMessage."""
    handler = _ListHandler(sink)
    logger = logging.getLogger(PLUGIN_MODULE)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
