"""Time the language server through a real LSP client, beside the CLI on the same files.

    python scripts/benchmark_lsp.py                  # templates of 10, 50 and 200 resources, 20 edits each
    python scripts/benchmark_lsp.py --sizes 50 --edits 40
    python scripts/benchmark_lsp.py --typing --sizes 50 200   # a person typing: edits every 100 ms

With ``--typing`` the server runs with an editor's debounce (200 ms, ``--debounce-ms``) and receives
bursts of edits 100 ms apart (``--burst`` edits each, ``--bursts`` of them), each burst ``--pause`` ms after
the previous one's findings, so cfn-lint's slow stage of one burst is still running when the next burst
ends. Per burst it measures the time from the burst's last edit to this plugin's diagnostics for that
text, minus the debounce (the target: 100 ms at p90), and a hover on a function right after those
diagnostics arrive (100 ms at p90); after the last burst, the time until cfn-lint's full set arrives.

For each size: cold start (server process start, initialize, didOpen, until the first publication of
this plugin's findings and until cfn-lint's full set), then warm edits: the median and p95 time from
``didChange`` to the publication of each stage for that version (the server runs with no debounce, so
the figures are the linting itself; an editor adds the debounce, 200 ms by default). Beside it: the
CLI (``cfn-lint --append-rules=lint_rules``) on the same file, best of 5, and the same minus its
start-up (the CLI on a one-resource template, best of 5), and cfn-lint's own ``Runner`` reused in one
process (this plugin's rules appended): its first run on the file and its warm median, the cost of
cfn-lint's Python API that any long-lived process pays.

Wall times move with whatever else the machine runs, so a second table gives CPU time, which moves
far less: the server process's user+system time per edit (median, from ``/proc``, 10 ms ticks) and
the CLI's (best of 5) minus its start-up's.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
CFN_LINT = Path(sys.executable).with_name("cfn-lint")

_UNIT = """\
  Fn{n}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: {auth}
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Table{n}
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: !GetAtt Queue{n}.Arn
      Events:
        Api:
          Type: Api
          Properties:
            Path: /p{n}
            Method: get
  Perm{n}:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn{n}
      Principal: {principal}
  Role{n}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: "*"
  Queue{n}:
    Type: AWS::SQS::Queue
  Table{n}:
    Type: AWS::Serverless::SimpleTable
"""


def template(resources: int) -> str:
    """A SAM template of ``resources`` resources (a multiple of 5), with a few findings in it."""
    units = [
        _UNIT.format(
            n=n, auth="NONE" if n % 5 == 0 else "AWS_IAM", principal='"*"' if n % 3 == 0 else "sns.amazonaws.com"
        )
        for n in range(resources // 5)
    ]
    return 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n' + "".join(
        units
    )


class _Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("benchmark", "1")
        self.arrivals: list[tuple[float, types.PublishDiagnosticsParams]] = []
        self.event = asyncio.Event()


def _client() -> _Client:
    client = _Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]  # pygls's is untyped
    def _published(params: types.PublishDiagnosticsParams) -> None:
        client.arrivals.append((time.perf_counter(), params))
        client.event.set()

    @client.feature(types.WINDOW_LOG_MESSAGE)  # type: ignore[untyped-decorator]  # pygls's is untyped
    def _log(params: types.LogMessageParams) -> None:
        sys.stderr.write(f"server: {params.message}\n")

    return client


async def _until(client: _Client, version: int, count: int, timeout: float = 120) -> list[float]:
    """Arrival times of the first ``count`` publications for ``version``."""
    deadline = time.perf_counter() + timeout
    while True:
        found = [at for at, params in client.arrivals if params.version == version]
        if len(found) >= count:
            return found[:count]
        if time.perf_counter() > deadline:
            raise TimeoutError(f"version {version}: {len(found)} of {count} publications")
        client.event.clear()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(client.event.wait(), timeout=1)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _cpu(pid: int) -> float:
    """User plus system CPU seconds of a process so far (Linux ``/proc``); 0 where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(path: Path, edits: int) -> dict[str, float]:
    text = path.read_text(encoding="utf-8")
    client = _client()
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "lint_rules.lsp", "--debounce-ms=0")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    first, full = await _until(client, 1, 2)
    result = {"cold_plugin": first - started, "cold_full": full - started}
    plugin, complete, cpu = [], [], []
    server = getattr(client, "_server", None)  # pygls's subprocess handle: the server's pid
    pid = server.pid if server is not None else 0
    for version in range(2, edits + 2):
        # a comment edit: the template's meaning is unchanged, the whole pipeline still runs
        changed = text + f"# edit {version}\n"
        cpu_before = _cpu(pid)
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)],
            )
        )
        stage_one, stage_two = await _until(client, version, 2)
        plugin.append(stage_one - sent)
        complete.append(stage_two - sent)
        cpu.append(_cpu(pid) - cpu_before)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]  # pygls's is untyped
    result.update(
        warm_plugin_median=statistics.median(plugin),
        warm_plugin_p95=_percentile(plugin, 0.95),
        warm_full_median=statistics.median(complete),
        warm_full_p95=_percentile(complete, 0.95),
        warm_full_cpu=statistics.median(cpu),
    )
    return result


def _hover_line(text: str) -> int:
    """The line of the first function's logical id (where a hover shows its access)."""
    return next(number for number, line in enumerate(text.splitlines()) if line.startswith("  Fn"))


async def typing(path: Path, bursts: int, burst: int, pause: float, debounce: float) -> dict[str, float]:
    """Bursts of edits 100 ms apart: the fast stage's and hover's latency, and the full set at the end."""
    text = path.read_text(encoding="utf-8")
    client = _client()
    await client.start_io(sys.executable, "-m", "lint_rules.lsp", f"--debounce-ms={round(debounce * 1000)}")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    await _until(client, 1, 2)
    line = _hover_line(text)
    fast, hovers = [], []
    version = 1
    sent = 0.0
    for number in range(bursts):
        for _ in range(burst):
            version += 1
            sent = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[
                        types.TextDocumentContentChangeWholeDocument(text=text + f"# {number} {version}\n")
                    ],
                )
            )
            await asyncio.sleep(0.1)
        (arrived,) = await _until(client, version, 1)
        fast.append(arrived - sent - debounce)
        asked = time.perf_counter()
        answer = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=3)
            )
        )
        hovers.append(time.perf_counter() - asked)
        if answer is None:
            raise RuntimeError("no hover on the first function")
        await asyncio.sleep(pause)
    _, full = await _until(client, version, 2)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]  # pygls's is untyped
    return {
        "fast_median": statistics.median(fast),
        "fast_p90": _percentile(fast, 0.9),
        "hover_median": statistics.median(hovers),
        "hover_p90": _percentile(hovers, 0.9),
        "full_after_typing": full - sent,
    }


def _typing_table(args: argparse.Namespace, folder: Path) -> None:
    ms = 1000
    sys.stdout.write(
        f"Typing: {args.bursts} bursts of {args.burst} edits 100 ms apart, {args.pause * ms:.0f} ms pause, "
        f"debounce {args.debounce_ms} ms\n\n"
        "| resources | plugin diagnostics after the debounce: median / p90 | hover: median / p90 "
        "| cfn-lint's full set after the last edit |\n| --- | --- | --- | --- |\n"
    )
    for size in args.sizes:
        path = folder / f"template-{size}.yaml"
        path.write_text(template(size), encoding="utf-8")
        got = asyncio.run(typing(path, args.bursts, args.burst, args.pause, args.debounce_ms / 1000))
        sys.stdout.write(
            f"| {size} | {got['fast_median'] * ms:.0f} / {got['fast_p90'] * ms:.0f} ms "
            f"| {got['hover_median'] * ms:.0f} / {got['hover_p90'] * ms:.0f} ms "
            f"| {got['full_after_typing'] * ms:.0f} ms |\n"
        )
        sys.stdout.flush()


def _cli(path: Path, rounds: int = 5) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system) of the CLI on the file (the least disturbed)."""
    env = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="cfn-lint-bench-")}
    times, cpus = [], []
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [str(CFN_LINT), "--append-rules=lint_rules", "--", str(path)], env=env, capture_output=True, check=False
        )
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(times), min(cpus)


_IN_PROCESS = """
import statistics, sys, time
from cfnlint.config import ConfigMixIn
from cfnlint.decode.decode import decode_str
from cfnlint.rules import Rules
from cfnlint.runner import Runner
runner = Runner(ConfigMixIn([], regions=["us-east-1"]))
runner.rules.update(Rules.create_from_module("lint_rules"))
text = open(sys.argv[1], encoding="utf-8").read()
times = []
for _ in range(6):
    start = time.perf_counter()
    list(runner.validate_template(decode_str(text)[0]))
    times.append(time.perf_counter() - start)
print(times[0], statistics.median(times[1:]))
"""


def _in_process(path: Path) -> tuple[float, float]:
    """cfn-lint's own Runner in one process, rules loaded once: its first run on the file and the median
    of five more (what a long-lived process using cfn-lint's Python API pays)."""
    done = subprocess.run([sys.executable, "-c", _IN_PROCESS, str(path)], capture_output=True, text=True, check=True)
    first, warm = done.stdout.split()
    return float(first), float(warm)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--typing", action="store_true", help="bursts of edits 100 ms apart (see above)")
    parser.add_argument("--bursts", type=int, default=20)
    parser.add_argument("--burst", type=int, default=5, help="edits per burst")
    parser.add_argument("--pause", type=float, default=0.3, help="seconds between a burst's findings and the next")
    parser.add_argument("--debounce-ms", type=int, default=200)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="lsp-bench-"))
    if args.typing:
        _typing_table(args, folder)
        return 0
    startup_file = folder / "one.yaml"
    startup_file.write_text("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", encoding="utf-8")
    startup, startup_cpu = _cli(startup_file)
    ms = 1000
    sys.stdout.write(f"CLI start-up (one-resource template): {startup * ms:.0f} ms, CPU {startup_cpu * ms:.0f} ms\n\n")
    header = (
        "| resources | cold: plugin | cold: full | warm plugin median / p95 | warm full median / p95 "
        "| CLI | CLI minus start-up | cfn-lint Runner in process: first / warm |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    )
    sys.stdout.write(header)
    cpu_rows = []
    for size in args.sizes:
        path = folder / f"template-{size}.yaml"
        path.write_text(template(size), encoding="utf-8")
        got = asyncio.run(measure(path, args.edits))
        cli, cli_cpu = _cli(path)
        first, warm = _in_process(path)
        sys.stdout.write(
            f"| {size} | {got['cold_plugin'] * ms:.0f} ms | {got['cold_full'] * ms:.0f} ms "
            f"| {got['warm_plugin_median'] * ms:.0f} / {got['warm_plugin_p95'] * ms:.0f} ms "
            f"| {got['warm_full_median'] * ms:.0f} / {got['warm_full_p95'] * ms:.0f} ms "
            f"| {cli * ms:.0f} ms | {(cli - startup) * ms:.0f} ms | {first * ms:.0f} / {warm * ms:.0f} ms |\n"
        )
        sys.stdout.flush()
        cpu_rows.append(
            f"| {size} | {got['warm_full_cpu'] * ms:.0f} ms | {cli_cpu * ms:.0f} ms | {(cli_cpu - startup_cpu) * ms:.0f} ms |\n"
        )
    sys.stdout.write(
        "\nCPU time (user + system)\n\n| resources | server per edit (median, both stages) | CLI | CLI minus start-up |\n"
        "| --- | --- | --- | --- |\n" + "".join(cpu_rows)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
