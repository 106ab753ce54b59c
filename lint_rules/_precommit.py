"""The pre-commit hook's entry point: lint the files that are CloudFormation or SAM templates, skip the rest.

A file's name says little (``infra/network.yaml`` is a template, ``nginx.conf.template`` and a Kubernetes
``job-template.yaml`` are not), so pre-commit passes every YAML, JSON and ``.template`` file and the content
decides: a mapping with ``AWSTemplateFormatVersion``, the SAM ``Transform``, or a ``Resources`` mapping whose
entries have a CloudFormation ``Type`` (``AWS::...``, ``Custom::...``). Files that do not parse are skipped
silently. The templates go to cfn-lint in one run with this plugin's rules appended::

    cfn-lint-lambda-auth-precommit [cfn-lint options] -- FILE...

The exit code is cfn-lint's, or 0 when no file is a template. The module's name starts with ``_`` so that
cfn-lint's directory mode (``-a lint_rules`` inside a clone), which imports every other file here, skips it.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

# Cheap pre-check: a template names at least one of these, so most other files are never parsed.
_MARKERS = ("AWSTemplateFormatVersion", "Resources", "AWS::Serverless")
_SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
# AWS::S3::Bucket, Custom::Anything, Alexa::ASK::Skill, and registry types (Org::Service::Resource[::MODULE])
_RESOURCE_TYPE = re.compile(r"^(AWS::|Custom::|Alexa::|[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+)")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--" in args:
        split = args.index("--")
        options, files = args[:split], args[split + 1 :]
    elif any(arg.startswith("-") for arg in args):
        # pre-commit puts a hook's `args:` before the file names; without `--` they cannot be told apart
        sys.stderr.write("cfn-lint-lambda-auth-precommit: end the cfn-lint options with '--' (args: [..., '--'])\n")
        return 1
    else:
        options, files = [], args
    templates = template_files(files)
    if not templates:
        return 0
    return _cfn_lint(["--append-rules=lint_rules", *options, "--", *templates])


def template_files(names: Sequence[str]) -> list[str]:
    """The names, in order, of the files that hold a CloudFormation or SAM template."""
    found = []
    for name in names:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if any(marker in text for marker in _MARKERS) and is_template(parse(text)):
            found.append(name)
    return found


def parse(text: str) -> Any:
    """The document a file holds (JSON, or one YAML document with any tags), or None when it does not parse."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return yaml.load(text, Loader=_loader())  # a SafeLoader that reads tags as plain values
    except Exception:  # anything that is not one well-formed YAML document is not a template
        return None


def is_template(document: Any) -> bool:
    """Whether a parsed document is a CloudFormation or SAM template."""
    if not isinstance(document, dict):
        return False
    if "AWSTemplateFormatVersion" in document:
        return True
    transform = document.get("Transform")
    if transform == _SAM_TRANSFORM or (isinstance(transform, list) and _SAM_TRANSFORM in transform):
        return True
    resources = document.get("Resources")
    return isinstance(resources, dict) and any(
        isinstance(resource, dict)
        and isinstance(resource.get("Type"), str)
        and _RESOURCE_TYPE.match(resource["Type"]) is not None
        for resource in resources.values()
    )


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """A SafeLoader that reads CloudFormation's short forms (``!Ref``, ``!Sub``, ...) and any other tag."""

    class Loader(yaml.SafeLoader):
        pass

    def untagged(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node, deep=True)
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node, deep=True)
        return None

    Loader.add_multi_constructor("!", untagged)
    return Loader


def _cfn_lint(args: list[str]) -> int:
    """Run cfn-lint's command line in this process and return its exit code."""
    from cfnlint.runner import main as cfn_lint_main

    saved, sys.argv = sys.argv, ["cfn-lint", *args]
    try:
        cfn_lint_main()
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        sys.argv = saved
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
