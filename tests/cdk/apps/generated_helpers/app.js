// Helpers the CDK adds for ordinary options, none of which the app can change: a BucketDeployment (its
// singleton function may delete objects in the destination bucket), a bucket with autoDeleteObjects, and
// a VPC with restrictDefaultSecurityGroup. Expect no finding.
const cdk = require("aws-cdk-lib");
const ec2 = require("aws-cdk-lib/aws-ec2");
const s3 = require("aws-cdk-lib/aws-s3");
const s3deploy = require("aws-cdk-lib/aws-s3-deployment");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, "GeneratedHelpers");
const bucket = new s3.Bucket(stack, "Site", {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  autoDeleteObjects: true,
  removalPolicy: cdk.RemovalPolicy.DESTROY,
});
new s3deploy.BucketDeployment(stack, "Deploy", {
  sources: [s3deploy.Source.data("index.html", "<p>hello</p>")],
  destinationBucket: bucket,
});
new ec2.Vpc(stack, "Vpc", { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: true });
app.synth();
