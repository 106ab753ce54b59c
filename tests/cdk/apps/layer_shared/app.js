// A layer version any AWS account may use (expect the layer-sharing rule).
const cdk = require("aws-cdk-lib");
const lambda = require("aws-cdk-lib/aws-lambda");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, "LayerShared");
const layer = new lambda.LayerVersion(stack, "Shared", {
  code: lambda.Code.fromAsset(__dirname + "/layer"),
  compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
});
layer.addPermission("Everyone", { accountId: "*" });
app.synth();
