// A REST API with no authorizer in front of a function: a POST webhook route (a write method anyone can
// call) and a GET status route (a read method). The tests name them by construct path in public_by_design.
const cdk = require("aws-cdk-lib");
const apigateway = require("aws-cdk-lib/aws-apigateway");
const lambda = require("aws-cdk-lib/aws-lambda");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, "PublicApi");
const fn = new lambda.Function(stack, "Handler", {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: "index.handler",
  code: lambda.Code.fromInline("exports.handler = async () => ({ statusCode: 200 });"),
});
const api = new apigateway.RestApi(stack, "Api");
const integration = new apigateway.LambdaIntegration(fn);
api.root.addResource("webhook").addMethod("POST", integration);
api.root.addResource("status").addMethod("GET", integration);
app.synth();
