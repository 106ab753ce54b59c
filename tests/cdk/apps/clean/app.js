// An ordinary serverless app built the recommended way: grants scoped by the CDK's grant methods,
// a bucket notification to a function and log retention through the function's own log group (the
// deprecated `logRetention` option is in ../log_retention_legacy). Must stay free of warnings and errors.
const cdk = require("aws-cdk-lib");
const dynamodb = require("aws-cdk-lib/aws-dynamodb");
const lambda = require("aws-cdk-lib/aws-lambda");
const logs = require("aws-cdk-lib/aws-logs");
const s3 = require("aws-cdk-lib/aws-s3");
const s3n = require("aws-cdk-lib/aws-s3-notifications");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, "Clean");
const table = new dynamodb.Table(stack, "Items", {
  partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
});
const bucket = new s3.Bucket(stack, "Uploads", {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
});
const fn = new lambda.Function(stack, "Handler", {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: "index.handler",
  code: lambda.Code.fromInline("exports.handler = async () => 'ok';"),
  environment: { TABLE: table.tableName },
  logGroup: new logs.LogGroup(stack, "HandlerLogs", {
    retention: logs.RetentionDays.ONE_WEEK,
  }),
});
table.grantReadWriteData(fn);
bucket.grantRead(fn);
bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
app.synth();
