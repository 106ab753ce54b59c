// A function URL with no authentication (expect the AuthType NONE rule).
const cdk = require("aws-cdk-lib");
const lambda = require("aws-cdk-lib/aws-lambda");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, "FunctionUrlPublic");
const fn = new lambda.Function(stack, "Handler", {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: "index.handler",
  code: lambda.Code.fromInline("exports.handler = async () => 'ok';"),
});
fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
app.synth();
