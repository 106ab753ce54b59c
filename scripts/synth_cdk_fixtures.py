"""Synthesize the CDK-shaped fixtures in tests/cdk/ from the small CDK apps in tests/cdk/apps/.

Run by hand (needs Node 20+ and npm with registry access): ``python scripts/synth_cdk_fixtures.py``.
Nothing in the test suite runs Node: tests/test_cdk.py lints the committed templates. This script is
their source note.

In a temporary directory it runs ``npm install aws-cdk-lib@<AWS_CDK_LIB> constructs@<CONSTRUCTS>``
(the versions pinned below, so a rerun gives the same templates), then for every
``tests/cdk/apps/<name>/app.js`` runs ``node app.js`` with ``CDK_OUTDIR`` set to a scratch cloud
assembly folder and ``NODE_PATH`` at the installed packages. Each app builds one stack with
``new cdk.App({outdir, analyticsReporting: false})`` and calls ``app.synth()``; no ``cdk`` CLI is used.
The stack's synthesized template is written to ``tests/cdk/<name>.template.json`` (the CDK's own JSON,
re-indented with two spaces and a final newline), and ``tests/cdk/SOURCE.txt`` records the versions.

Choices that keep the templates about the apps, not the CDK's plumbing:

- ``analyticsReporting: false`` drops the ``CDKMetadata`` resource (and the ``CDKMetadataAvailable``
  condition with its long region list), which says nothing about access.
- The default synthesizer is kept, so templates carry the ``BootstrapVersion`` parameter and the
  ``CheckBootstrapVersion`` rule as real CDK output does; cfn-lint reports nothing about them.
- The context the ``cdk`` CLI passes by default (``CDK_CONTEXT_JSON`` with ``aws:cdk:enable-path-metadata``
  and ``aws:cdk:enable-asset-metadata`` on, as ``cdk synth`` without ``--no-path-metadata`` does), so every
  resource carries ``Metadata: aws:cdk:path`` as in a real ``cdk.out``; ``node app.js`` alone leaves it out.

The CDK bootstrap template is the other fixture: ``tests/cdk/bootstrap.template.yaml``, printed by
``npx cdk bootstrap --show-template`` from the ``aws-cdk`` CLI release pinned below (AWS_CDK_CLI), needing no
account or credentials. Its expectation is ``tests/cdk/bootstrap.expected.txt``.

Pass ``--version X`` to try another aws-cdk-lib release (then update AWS_CDK_LIB once the templates
are reviewed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CDK_DIR = ROOT / "tests" / "cdk"
APPS = CDK_DIR / "apps"

AWS_CDK_LIB = "2.276.0"
CONSTRUCTS = "10.8.1"
AWS_CDK_CLI = "2.1148.1"
# What the cdk CLI's synth puts in the app's context unless told otherwise (--no-path-metadata,
# --no-asset-metadata).
CLI_CONTEXT = {"aws:cdk:enable-path-metadata": True, "aws:cdk:enable-asset-metadata": True}
BOOTSTRAP = CDK_DIR / "bootstrap.template.yaml"


def _install(workdir: Path, cdk_version: str) -> None:
    subprocess.run(["npm", "init", "-y"], cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--save-exact",
            f"aws-cdk-lib@{cdk_version}",
            f"constructs@{CONSTRUCTS}",
            f"aws-cdk@{AWS_CDK_CLI}",
        ],
        cwd=workdir,
        check=True,
    )


def _installed_version(workdir: Path, package: str) -> str:
    manifest = workdir / "node_modules" / package / "package.json"
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def _synth(app: Path, workdir: Path) -> dict[str, object]:
    outdir = workdir / "out" / app.parent.name
    if outdir.exists():
        shutil.rmtree(outdir)
    env = dict(
        os.environ,
        CDK_OUTDIR=str(outdir),
        NODE_PATH=str(workdir / "node_modules"),
        CDK_CONTEXT_JSON=json.dumps(CLI_CONTEXT),
    )
    subprocess.run(["node", str(app)], cwd=app.parent, env=env, check=True)
    templates = sorted(outdir.glob("*.template.json"))
    if len(templates) != 1:
        raise SystemExit(f"{app}: expected one stack template, found {[t.name for t in templates]}")
    return dict(json.loads(templates[0].read_text(encoding="utf-8")))


def _bootstrap_template(workdir: Path) -> str:
    cli = workdir / "node_modules" / ".bin" / "cdk"
    shown = subprocess.run(
        [str(cli), "bootstrap", "--show-template"], cwd=workdir, capture_output=True, text=True, check=True
    )
    return shown.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=AWS_CDK_LIB, help="aws-cdk-lib version to install")
    parser.add_argument("names", nargs="*", help="apps to synthesize (default: all)")
    args = parser.parse_args(argv)
    apps = sorted(APPS.glob("*/app.js"))
    if args.names:
        apps = [app for app in apps if app.parent.name in args.names]
    with tempfile.TemporaryDirectory(prefix="cdk-fixtures-") as tmp:
        workdir = Path(tmp)
        _install(workdir, args.version)
        cdk_version = _installed_version(workdir, "aws-cdk-lib")
        constructs_version = _installed_version(workdir, "constructs")
        for app in apps:
            template = _synth(app, workdir)
            target = CDK_DIR / f"{app.parent.name}.template.json"
            target.write_text(json.dumps(template, indent=2) + "\n", encoding="utf-8")
            sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
        if not args.names:
            BOOTSTRAP.write_text(_bootstrap_template(workdir), encoding="utf-8")
            sys.stdout.write(f"wrote {BOOTSTRAP.relative_to(ROOT)}\n")
        cli_version = _installed_version(workdir, "aws-cdk")
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout
    (CDK_DIR / "SOURCE.txt").write_text(
        "Synthesized by scripts/synth_cdk_fixtures.py from tests/cdk/apps/<name>/app.js with\n"
        f"aws-cdk-lib {cdk_version}, constructs {constructs_version}, Node {node.strip()}, with the context\n"
        f"the cdk CLI passes by default ({', '.join(sorted(CLI_CONTEXT))}).\n"
        f"bootstrap.template.yaml: `cdk bootstrap --show-template` of the aws-cdk CLI {cli_version}.\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
