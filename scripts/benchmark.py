"""Measure what the plugin costs: cfn-lint's time on a template corpus with and without it, and how
the plugin's own time grows with template size.

    python scripts/benchmark.py                      # corpus at ../shared/corpus/templates, 3 rounds
    python scripts/benchmark.py --rounds 5 --corpus DIR
    python scripts/benchmark.py --scaling           # plugin time per resource at 151 to 3,001 resources
    python scripts/benchmark.py --in-process-only   # scaling and the in-process share, no CLI rounds
    python scripts/benchmark.py --ratio-only [--profile out.prof]   # whole-lint CPU ratio, in one process
    python scripts/benchmark.py --fast-lane [--rounds N]   # `cfn-lint-lambda-auth lint` beside cfn-lint

The corpus part runs `cfn-lint -- <all templates>` and `cfn-lint --append-rules=lint_rules -- <all>`
alternately in fresh processes (same machine, same files, an empty cfn-lint cache) and reports the
median wall time of each and the overhead. The scaling part builds SAM templates of growing size and
times the plugin alone (access model + every rule) in process, per resource.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CFN_LINT = Path(sys.executable).with_name("cfn-lint")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one cfn-lint process."""
    start, cpu = time.perf_counter(), _cpu()
    done = subprocess.run([str(CFN_LINT), *args], env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, _cpu() - cpu, done.stdout


def _counts(parseable: str) -> dict[str, int]:
    """Findings per rule id in cfn-lint's parseable output (file:line:col:endline:endcol:rule:message)."""
    counts: dict[str, int] = {}
    for line in parseable.splitlines():
        rule = next((part for part in line.split(":") if re.fullmatch(r"[EWI]\d{4}|[EWI]A\d{4}", part)), None)
        if rule:
            counts[rule] = counts.get(rule, 0) + 1
    return counts


def corpus(templates: list[Path], rounds: int) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="cfn-lint-bench-")}
    names = ["--format", "parseable", "--", *map(str, templates)]
    base: list[tuple[float, float]] = []
    plugin: list[tuple[float, float]] = []
    outputs: list[str] = []
    for index in range(rounds):
        wall, cpu, _ = _run(names, env)
        base.append((wall, cpu))
        wall, cpu, output = _run(["--append-rules=lint_rules", *names], env)
        plugin.append((wall, cpu))
        outputs.append(output)
        sys.stdout.write(
            f"round {index + 1}: cfn-lint {base[-1][0]:.1f}s wall {base[-1][1]:.1f}s cpu, "
            f"with plugin {plugin[-1][0]:.1f}s wall {plugin[-1][1]:.1f}s cpu\n"
        )
        sys.stdout.flush()
    for label, column in (("wall", 0), ("cpu", 1)):
        b = statistics.median(run[column] for run in base)
        p = statistics.median(run[column] for run in plugin)
        sys.stdout.write(
            f"{len(templates)} templates, median {label} time of {rounds}: cfn-lint {b:.1f}s, "
            f"with lint_rules {p:.1f}s, overhead {p - b:+.1f}s ({(p - b) / b * 100:+.1f}%)\n"
        )
    counts = _counts(outputs[-1])
    ours = {rule: n for rule, n in sorted(counts.items()) if rule[1] == "A"}
    sys.stdout.write(f"plugin findings per rule: {ours or 'none'}; E0002 (rule crashes): {counts.get('E0002', 0)}\n")


def fast_lane(templates: list[Path], rounds: int) -> None:
    """The fast lane (`cfn-lint-lambda-auth lint`, this plugin's rules alone) beside the cfn-lint run it
    stands in for (`cfn-lint --append-rules=lint_rules`), each in fresh processes over the whole corpus,
    the three runs interleaved each round: wall and CPU time (the lane's workers included), the lane's
    share of cfn-lint's time, and what --jobs 2 gains over --jobs 1. The plugin's findings must agree."""
    env = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="cfn-lint-bench-")}
    options = ["-c", "I", "--format", "parseable"]
    names = ["--", *map(str, templates)]
    lane = [str(CFN_LINT.with_name("cfn-lint-lambda-auth")), "lint", *options]
    commands = {
        "cfn-lint": [str(CFN_LINT), "--append-rules=lint_rules", *options, *names],
        "lane --jobs 1": [*lane, "--jobs", "1", *names],
        "lane --jobs 2": [*lane, "--jobs", "2", *names],
    }
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    outputs: dict[str, str] = {}
    for index in range(rounds):
        for label, command in commands.items():
            start, cpu = time.perf_counter(), _cpu()
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            times[label].append((time.perf_counter() - start, _cpu() - cpu))
            outputs[label] = done.stdout
        sys.stdout.write(
            f"round {index + 1}: "
            + ", ".join(f"{label} {runs[-1][0]:.1f}s wall {runs[-1][1]:.1f}s cpu" for label, runs in times.items())
            + "\n"
        )
        sys.stdout.flush()
    median = {
        label: (statistics.median(run[0] for run in runs), statistics.median(run[1] for run in runs))
        for label, runs in times.items()
    }
    full, one, two = median["cfn-lint"], median["lane --jobs 1"], median["lane --jobs 2"]
    sys.stdout.write(
        f"{len(templates)} templates, medians of {rounds}: cfn-lint --append-rules=lint_rules {full[0]:.1f}s wall "
        f"({full[1]:.1f}s cpu); lane --jobs 1 {one[0]:.1f}s wall ({one[1]:.1f}s cpu) = {one[0] / full[0] * 100:.1f}% "
        f"of cfn-lint's wall time ({one[1] / full[1] * 100:.1f}% of its cpu); lane --jobs 2 {two[0]:.1f}s wall "
        f"({two[1]:.1f}s cpu), speed-up x{one[0] / two[0]:.2f} over --jobs 1 on {os.cpu_count()} cores "
        f"(1-minute load average at the end: {os.getloadavg()[0]:.1f}; the machine is shared)\n"
    )
    ours = {label: {r: n for r, n in _counts(text).items() if r[1] == "A"} for label, text in outputs.items()}
    same = ours["cfn-lint"] == ours["lane --jobs 1"] == ours["lane --jobs 2"]
    identical = outputs["lane --jobs 1"] == outputs["lane --jobs 2"]
    sys.stdout.write(
        f"plugin findings: {sum(ours['cfn-lint'].values())} from cfn-lint, "
        f"{sum(ours['lane --jobs 1'].values())} from the lane; per rule the same: {same}; "
        f"--jobs 2 output identical to --jobs 1: {identical}\n"
    )


def _sam_template(functions: int) -> dict[str, Any]:
    resources: dict[str, Any] = {"Table": {"Type": "AWS::Serverless::SimpleTable"}}
    for n in range(functions):
        resources[f"Fn{n}"] = {
            "Type": "AWS::Serverless::Function",
            "Properties": {
                "Runtime": "python3.12",
                "Handler": "app.handler",
                "CodeUri": "src/",
                "FunctionUrlConfig": {"AuthType": "AWS_IAM"},
                "Policies": [
                    "AWSLambdaExecute",
                    {"DynamoDBCrudPolicy": {"TableName": {"Ref": "Table"}}},
                    {"Statement": [{"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": "*"}]},
                ],
                "Events": {"Api": {"Type": "Api", "Properties": {"Path": f"/p{n}", "Method": "get"}}},
            },
        }
        resources[f"Role{n}"] = {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ]
                },
                "Policies": [
                    {
                        "PolicyName": "p",
                        "PolicyDocument": {
                            "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]
                        },
                    }
                ],
            },
        }
        resources[f"Perm{n}"] = {
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "Action": "lambda:InvokeFunction",
                "FunctionName": {"Ref": f"Fn{n}"},
                "Principal": "s3.amazonaws.com",
                "SourceAccount": {"Ref": "AWS::AccountId"},
            },
        }
    return {"Transform": "AWS::Serverless-2016-10-31", "Resources": resources}


def scaling(sizes: list[int], repeats: int = 7) -> None:
    """Plugin CPU time per resource (best of ``repeats``), with Python's cyclic garbage collector on
    (as in real runs) and off.

    With it off the plugin's own work is exactly linear; with it on, collections scan the whole heap
    (cfn-lint's template and graph included), which adds a slowly growing share on very large templates.
    """
    import gc
    import json

    from cfnlint.decode import decode_str
    from cfnlint.template import Template

    from lint_rules.docs import rule_classes

    rules = [cls() for cls in rule_classes()]
    rows: list[tuple[int, float, float, int]] = []
    for size in sizes:
        template, _ = decode_str(json.dumps(_sam_template(size)))
        assert template is not None
        timings = []
        for collector in (True, False):
            best = float("inf")
            for _ in range(repeats):
                cfn = Template("bench.json", template, ["us-east-1"])
                gc.collect()
                if not collector:
                    gc.disable()
                start = time.process_time()
                for rule in rules:
                    rule.match(cfn)
                best = min(best, time.process_time() - start)
                gc.enable()
            timings.append(best)
        calls = _python_calls(Template("bench.json", template, ["us-east-1"]), rules)
        resources = 3 * size + 1
        rows.append((resources, timings[0], timings[1], calls))
        sys.stdout.write(
            f"{resources:5d} resources: plugin {timings[0] * 1000:8.1f} ms "
            f"({timings[0] / resources * 1e6:6.1f} us/resource; without gc {timings[1] / resources * 1e6:6.1f}); "
            f"{calls / resources:7.1f} Python calls/resource\n"
        )
    first, last = rows[0], rows[-1]
    sys.stdout.write(
        f"{last[0] / first[0]:.0f}x resources: time x{last[1] / first[1]:.1f} (x{last[2] / first[2]:.1f} without gc), "
        f"Python calls x{last[3] / first[3]:.2f} (calls are exact; times on a shared machine are not)\n"
    )
    per_resource = [row[1] / row[0] for row in rows]
    sys.stdout.write(
        f"time per resource with gc on: largest / smallest = {max(per_resource) / min(per_resource):.2f} "
        "(flat within 25% is the target: 1.25 or less)\n"
    )


def _python_calls(cfn: Any, rules: list[Any]) -> int:
    """Python function calls the plugin makes on one template: a deterministic measure of its work."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for rule in rules:
        rule.match(cfn)
    profiler.disable()
    return int(pstats.Stats(profiler).total_calls)  # type: ignore[attr-defined]


def _plugin_runner() -> Any:
    """cfn-lint's ``Runner`` with this plugin appended as ``cfn-lint --append-rules=lint_rules`` loads it in a
    user's project: as the installed module. Run from a checkout, the ``lint_rules`` folder in the working
    directory would make cfn-lint load it as a directory of rule files instead (a second copy of every
    rule class, without what the package's ``__init__`` sets up), so the runner is built elsewhere."""
    from cfnlint.config import ConfigMixIn
    from cfnlint.runner import Runner

    here = Path.cwd()
    os.chdir(tempfile.gettempdir())
    try:  # ConfigMixIn takes any ManualArgs key
        return Runner(ConfigMixIn(regions=["us-east-1"], append_rules=["lint_rules"]))  # type: ignore[call-arg]
    finally:
        os.chdir(here)


def share(templates: list[Path]) -> None:
    """The plugin's share of cfn-lint's time, measured inside one process while it lints each template.

    cfn-lint logs how long every rule's match function ran (debug level, logger cfnlint.rules._rule);
    summing that for our rules and dividing by the whole lint time gives a ratio that does not move
    when the machine's speed does, unlike two separate runs.
    """
    import logging

    from cfnlint.decode import decode_str

    ours = 0.0

    class _RuleTimes(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            nonlocal ours
            if record.msg.startswith("Complete match function") and len(record.args or ()) == 3:
                rule_id, _, elapsed = record.args  # type: ignore[misc]
                if re.fullmatch(r"[EWI]A\d{4}", str(rule_id)) and isinstance(elapsed, datetime.timedelta):
                    ours += elapsed.total_seconds()

    logger = logging.getLogger("cfnlint.rules._rule")
    handler = _RuleTimes()
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    runner = _plugin_runner()  # one long-lived runner, as an editor integration keeps
    total = 0.0
    try:
        for path in templates:
            start = time.perf_counter()
            try:
                template, errors = decode_str(path.read_text(encoding="utf-8"))
                if template is not None and not errors:
                    list(runner.validate_template(template))
            except Exception:  # cfn-lint's own crashes (see ../shared/corpus/host-crash) are not measured
                continue
            finally:
                total += time.perf_counter() - start
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    sys.stdout.write(
        f"in one process over {len(templates)} templates: cfn-lint {total:.1f}s in all, of which the plugin's "
        f"rules {ours:.2f}s ({ours / total * 100:.2f}%)\n"
    )


def _quiet_plugin_runner() -> Any:
    """A runner with this plugin's rules loaded, each rule's ``match`` a no-op: what cfn-lint's dispatch to
    the plugin's rules costs by itself (configure, initialize, ``matchall``, the per-resource pass), with
    none of the rules' own work."""
    runner = _plugin_runner()
    for rule_id, rule in runner.rules.data.items():
        if re.fullmatch(r"[EWI]A\d{4}", rule_id):
            rule.match = lambda cfn: []
    return runner


def ratio(templates: list[Path], profile: Path | None = None, rounds: int = 2) -> float:
    """The whole lint's CPU time with the plugin over without it, in one process: long-lived Runners (one
    without the plugin, one with it, one with its rules loaded but doing nothing), each template decoded
    once and, after a warm-up lint of it by each, linted ``rounds`` times A B C C B A, CPU time
    (process_time) per lint. Unlike the rules' own match time (share()), this counts everything the plugin
    makes cfn-lint do: dispatch to its rules, the matches' de-duplication and placement, collections
    triggered by the model's objects.

    Two sums per side: of every lint (the measure issue 22 names), and of each template's fastest lint on
    that side. CPU time of one lint moves by 5-10 % here (another machine's load on the same host), in
    bursts that land on either side, so the first sum moves by +-3 % between runs; a template's fastest of
    2 x ``rounds`` lints leaves most of that out. The third side shows what dispatch alone costs; its
    difference from 1 beside the plugin's is the rules' own work."""
    from cfnlint.config import ConfigMixIn
    from cfnlint.decode import decode_str
    from cfnlint.runner import Runner

    runners = {"plain": Runner(ConfigMixIn(regions=["us-east-1"])), "plugin": _plugin_runner()}
    runners["dispatch"] = _quiet_plugin_runner()
    order = ("plain", "plugin", "dispatch", "dispatch", "plugin", "plain")
    spent = dict.fromkeys(runners, 0.0)
    fastest = dict.fromkeys(runners, 0.0)
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
    linted = 0
    for path in templates:
        try:
            template, errors = decode_str(path.read_text(encoding="utf-8"))
        except Exception:
            continue
        if template is None or errors:
            continue
        try:
            for runner in runners.values():
                list(runner.validate_template(template))
        except Exception:  # cfn-lint's own crashes (see ../shared/corpus/host-crash) are not measured
            continue
        linted += 1
        times: dict[str, list[float]] = {side: [] for side in runners}
        for _ in range(rounds):
            for side in order:
                start = time.process_time()
                list(runners[side].validate_template(template))
                times[side].append(time.process_time() - start)
        for side, lints in times.items():
            spent[side] += sum(lints)
            fastest[side] += min(lints)
        if profiler is not None:  # one more lint, profiled, outside the measurement
            profiler.enable()
            list(runners["plugin"].validate_template(template))
            profiler.disable()
    result = spent["plugin"] / spent["plain"]
    sys.stdout.write(
        f"whole lint in one process over {linted} templates ({rounds} x A B C C B A): {spent['plain']:.1f} s "
        f"CPU without the plugin, {spent['plugin']:.1f} s with it: ratio {result:.3f}\n"
        f"  each template's fastest lint: ratio {fastest['plugin'] / fastest['plain']:.3f} with the plugin, "
        f"{fastest['dispatch'] / fastest['plain']:.3f} with its rules loaded but doing nothing (cfn-lint's "
        f"dispatch alone; all lints: {spent['dispatch'] / spent['plain']:.3f})\n"
    )
    if profiler is not None and profile is not None:
        profiler.dump_stats(str(profile))
        sys.stdout.write(f"profile of the runs with the plugin: {profile}\n")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "templates")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scaling-only", "--scaling", action="store_true", dest="scaling_only")
    parser.add_argument("--in-process-only", action="store_true", help="skip the slow CLI rounds")
    parser.add_argument(
        "--ratio-only",
        action="store_true",
        help="only the whole-lint CPU ratio with/without the plugin, in one process, on every 5th template",
    )
    parser.add_argument("--profile", type=Path, help="with --ratio-only: write a cProfile of the plugin side here")
    parser.add_argument(
        "--fast-lane",
        action="store_true",
        help="only the fast lane (cfn-lint-lambda-auth lint, --jobs 1 and 2) beside cfn-lint with the plugin",
    )
    args = parser.parse_args(argv)
    if args.fast_lane:
        fast_lane(sorted(path for path in args.corpus.iterdir() if path.is_file()), args.rounds)
        return 0
    if args.ratio_only:
        every_fifth = sorted(path for path in args.corpus.iterdir() if path.is_file())[::5]
        ratio(every_fifth, args.profile)
        return 0
    scaling([50, 200, 500, 1000])  # 151, 601, 1,501 and 3,001 resources
    if args.scaling_only:
        return 0
    templates = sorted(path for path in args.corpus.iterdir() if path.is_file())
    if not templates:
        sys.stderr.write(f"no templates in {args.corpus}\n")
        return 1
    share(templates)
    ratio(templates[::5])
    if not args.in_process_only:
        corpus(templates, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
