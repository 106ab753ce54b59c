"""Resources that push events to a function: each a ``Caller`` with the qualifier of the ARN it invokes.

A Lambda permission covers one ARN: the unqualified function, one alias or one version. These loaders record,
for the callers the template wires by hand, which of them each invokes, on the resource a permission's
``SourceArn`` names (the rule, topic, bucket or log group). API Gateway integrations are in ``_apis``.
"""

from __future__ import annotations

from typing import Any

from lint_rules.model._context import Context, Loader
from lint_rules.model._entities import Caller
from lint_rules.model._lambda import function_target, qualifier_of
from lint_rules.model._values import Path, branches, items


def _add(ctx: Context, resource: str | None, service: str, node: Any, path: Path) -> None:
    function = function_target(ctx, node)
    if resource is not None and function is not None:
        ctx.model.callers.append(Caller(resource, service, function, qualifier_of(ctx, node), path))


def load_rule(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    for target, target_path in items(props.get("Targets"), (*path, "Properties", "Targets")):
        if isinstance(target, dict) and "Arn" in target:
            _add(ctx, logical_id, "events", target["Arn"], (*target_path, "Arn"))


def _lambda_protocol(node: Any) -> bool:
    return isinstance(node, str) and node.lower() == "lambda"


def load_topic(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    for subscription, sub_path in items(props.get("Subscription"), (*path, "Properties", "Subscription")):
        if isinstance(subscription, dict) and _lambda_protocol(subscription.get("Protocol")):
            _add(ctx, logical_id, "sns", subscription.get("Endpoint"), (*sub_path, "Endpoint"))


def load_subscription(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    del logical_id
    if _lambda_protocol(props.get("Protocol")):
        _add(ctx, ctx.target(props.get("TopicArn")), "sns", props.get("Endpoint"), (*path, "Properties", "Endpoint"))


def load_bucket(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    config_path: Path = (*path, "Properties", "NotificationConfiguration")
    for config, at in branches(props.get("NotificationConfiguration"), config_path):
        lambdas = config.get("LambdaConfigurations") if isinstance(config, dict) else None
        for entry, entry_path in items(lambdas, (*at, "LambdaConfigurations")):
            if isinstance(entry, dict) and "Function" in entry:
                _add(ctx, logical_id, "s3", entry["Function"], (*entry_path, "Function"))


def load_subscription_filter(ctx: Context, logical_id: str, props: dict[str, Any], path: Path) -> None:
    del logical_id
    group = ctx.target(props.get("LogGroupName"))
    _add(ctx, group, "logs", props.get("DestinationArn"), (*path, "Properties", "DestinationArn"))


LOADERS: dict[str, Loader] = {
    "AWS::Events::Rule": load_rule,
    "AWS::SNS::Topic": load_topic,
    "AWS::SNS::Subscription": load_subscription,
    "AWS::S3::Bucket": load_bucket,
    "AWS::Logs::SubscriptionFilter": load_subscription_filter,
}
