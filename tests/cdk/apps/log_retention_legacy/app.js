// The deprecated `logRetention` function option: the CDK adds its LogRetention custom resource, whose
// singleton handler role may put and delete the retention policy of every log group (Resource '*').
const cdk = require("aws-cdk-lib");
const lambda = require("aws-cdk-lib/aws-lambda");
const logs = require("aws-cdk-lib/aws-logs");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, "LogRetentionLegacy");
new lambda.Function(stack, "Handler", {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: "index.handler",
  code: lambda.Code.fromInline("exports.handler = async () => 'ok';"),
  logRetention: logs.RetentionDays.ONE_WEEK,
});
app.synth();
