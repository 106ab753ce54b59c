"""The access model on real decoded templates: what it loads, where, and how it reads SAM."""

from __future__ import annotations

import textwrap
from typing import Any

from cfnlint.decode import decode_str

from lint_rules.model import AccessModel, build


def model_of(text: str) -> AccessModel:
    template, errors = decode_str(textwrap.dedent(text))
    assert not errors and template is not None
    model = build(template)
    assert model.load_failures == []
    return model


def test_sam_function_gets_the_implicit_role_with_its_policies() -> None:
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Conditions:
          C: !Equals [a, b]
        Resources:
          Table:
            Type: AWS::Serverless::SimpleTable
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Tracing: Active
              Policies:
                - AmazonS3ReadOnlyAccess
                - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess
                - DynamoDBCrudPolicy: {TableName: !Ref Table}
                - Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]
                - !If [C, {Statement: [{Effect: Allow, Action: sns:Publish, Resource: "*"}]}, !Ref AWS::NoValue]
        """
    )
    role = model.execution_role("Fn")
    assert role is not None and role.implicit and role.logical_id == "FnRole"
    assert [v.text for v in role.managed_policy_arns] == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ]  # SAM lists the X-Ray policy once, though Tracing and Policies both name it
    trust = role.trust[0].statements[0]
    assert trust.texts("Action") == ["sts:AssumeRole"] and trust.texts("Principal") == ["lambda.amazonaws.com"]
    grants = model.grants("FnRole")
    names = [document.name for document, _ in grants]
    assert names[0] == "SAM policy template 'DynamoDBCrudPolicy'"
    actions = [a for _, statement in grants for a in statement.texts("Action")]
    assert "dynamodb:PutItem" in actions and "sqs:SendMessage" in actions and "sns:Publish" in actions
    template_statement = grants[0][1]
    assert template_statement.path == ("Resources", "Fn", "Properties", "Policies", 2)
    conditional = [d for d, _ in grants if d.name == "SAM inline policy 5"]
    assert conditional and conditional[0].path == ("Resources", "Fn", "Properties", "Policies", 4, "Fn::If", 1)
    assert all(not d.checked_by_cfn_lint for d, _ in grants if d.name.startswith("SAM inline"))


def test_explicit_role_wins_over_policies() -> None:
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Role: !GetAtt Role.Arn
              Policies: [AdministratorAccess]
          External:
            Type: AWS::Serverless::Function
            Properties:
              Role: arn:aws:iam::111122223333:role/shared
        """
    )
    assert model.functions["Fn"].role_id == "Role"
    assert "FnRole" not in model.identities
    assert model.execution_role("External") is None
    assert [v.text for v in model.functions["External"].role_values] == ["arn:aws:iam::111122223333:role/shared"]


def test_iam_attachments_by_reference_and_by_name() -> None:
    model = model_of(
        """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              RoleName: app-role
              AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
              ManagedPolicyArns: [!Ref Managed]
          Managed:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
          ByName:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: by-name
              Roles: [app-role]
              PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}'
          User:
            Type: AWS::IAM::User
            Properties:
              Groups: [!Ref Group]
              LoginProfile: {Password: hunter2}
          Group:
            Type: AWS::IAM::Group
            Properties:
              Policies:
                - PolicyName: g
                  PolicyDocument: {Statement: [{Effect: Allow, Action: ec2:*, Resource: "*"}]}
          Key:
            Type: AWS::IAM::AccessKey
            Properties:
              UserName: !Ref User
        """
    )
    role_actions = sorted(a for _, s in model.grants("Role") for a in s.texts("Action"))
    assert role_actions == ["s3:GetObject", "sqs:*"]
    user = model.identities["User"]
    assert user.access_keys == ["Key"] and user.login_profile == ("Resources", "User", "Properties", "LoginProfile")
    assert [a for _, s in model.grants("User") for a in s.texts("Action")] == ["ec2:*"]
    json_document = next(d for d in model.documents if d.resource == "ByName")
    assert json_document.statements[0].path == ("Resources", "ByName", "Properties", "PolicyDocument", "Statement", 0)


def test_invocations_from_permissions_urls_events_and_aliases() -> None:
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Who: {Type: String, Default: "*"}
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              FunctionUrlConfig: {AuthType: NONE}
              Events:
                Api: {Type: Api, Properties: {Path: /, Method: get}}
                Queue: {Type: SQS, Properties: {Queue: arn:aws:sqs:us-east-1:111122223333:q}}
                Alexa: {Type: AlexaSkill}
          Live:
            Type: AWS::Lambda::Alias
            Properties: {FunctionName: !Ref Fn, FunctionVersion: "1", Name: live}
          Perm:
            Type: AWS::Lambda::Permission
            Properties: {Action: lambda:InvokeFunction, FunctionName: !Ref Live, Principal: !Ref Who, SourceAccount: "1"}
        """
    )
    kinds = sorted((i.kind, i.function) for i in model.invocations_of("Fn"))
    assert kinds == [
        ("permission", "Fn"),
        ("sam-event", "Fn"),
        ("sam-event", "Fn"),
        ("sam-url", "Fn"),
        ("sam-url", "Fn"),
    ]
    permission = next(i for i in model.invocations if i.kind == "permission")
    assert [(v.text, v.parameter) for v in permission.principal] == [("*", "Who")]
    assert set(permission.narrowing) == {"SourceAccount"}
    events = {i.path[-1]: i for i in model.invocations if i.kind == "sam-event"}
    assert events["Api"].principal[0].text == "apigateway.amazonaws.com" and events["Api"].narrowing
    assert events["Alexa"].narrowing == {}
    assert [m.resource for m in model.event_source_mappings] == ["FnQueue"]
    assert [u.auth_type[0].text for u in model.urls] == ["NONE"]


def test_values_resolve_parameters_pseudo_parameters_and_both_if_branches() -> None:
    model = model_of(
        """
        Parameters:
          Auth: {Type: String, Default: AWS_IAM, AllowedValues: [AWS_IAM, NONE]}
        Conditions:
          C: !Equals [a, b]
        Resources:
          Url:
            Type: AWS::Lambda::Url
            Properties:
              TargetFunctionArn: !Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:x
              AuthType: !Ref Auth
          Url2:
            Type: AWS::Lambda::Url
            Properties:
              TargetFunctionArn: x
              AuthType: !If [C, !Ref AWS::NoValue, NONE]
        """
    )
    first, second = model.urls
    assert [(v.text, v.kind) for v in first.auth_type] == [("AWS_IAM", "parameter"), ("NONE", "parameter")]
    assert first.function is None
    assert [(v.text, v.path[-2:]) for v in second.auth_type] == [("NONE", ("Fn::If", 2))]


def test_odd_shapes_are_skipped_not_fatal() -> None:
    shapes: list[Any] = [
        "Resources: []",
        "Resources: {A: 5}",
        "Resources: {A: {Type: AWS::IAM::Role, Properties: [1]}}",
        "Resources: {A: {Type: AWS::IAM::Role, Properties: {Policies: {PolicyDocument: 5}}}}",
        "Resources: {A: {Type: AWS::Lambda::Permission, Properties: {Principal: {Fn::If: [1]}}}}",
        "Transform: AWS::Serverless-2016-10-31\nResources: {A: {Type: AWS::Serverless::Function, Properties: {Policies: {S3CrudPolicy: 3}, Events: [1]}}}",
        "Resources: {A: {Type: AWS::Lambda::ResourcePolicy, Properties: {PolicyDocument: '{not json'}}}",
        # found by the deep mutational fuzz run: an Additional auth provider swapped for null
        "Resources: {A: {Type: AWS::Serverless::GraphQLApi, Properties: {Auth: {Type: API_KEY, Additional: [null]}}}}",
        "Resources: {A: {Type: AWS::Serverless::WebSocketApi, Properties: {Routes: {x: null}, Auth: [1]}}}",
        "Resources: {A: {Type: AWS::Serverless::Connector, Properties: {Source: 1, Destination: [null]}}}",
        "Resources: {A: {Type: AWS::SNS::Topic, Connectors: {C: {Properties: {Destination: {Id: A}}}}}}",
    ]
    for text in shapes:
        model_of(text)


def test_exposure_lists_every_way_in_and_permissions_validate_against_their_schema() -> None:
    model = model_of(
        """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties: {Runtime: python3.12, Handler: i.h, Role: arn:aws:iam::111122223333:role/r, Code: {ZipFile: x}}
          Url:
            Type: AWS::Lambda::Url
            Properties: {TargetFunctionArn: !GetAtt Fn.Arn, AuthType: AWS_IAM}
          Method:
            Type: AWS::ApiGateway::Method
            Properties:
              HttpMethod: GET
              ResourceId: r
              RestApiId: a
              AuthorizationType: NONE
              Integration:
                Type: AWS_PROXY
                IntegrationHttpMethod: POST
                Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
          Mapping:
            Type: AWS::Lambda::EventSourceMapping
            Properties: {FunctionName: !Ref Fn, EventSourceArn: arn:aws:sqs:us-east-1:111122223333:q}
          Good:
            Type: AWS::Lambda::Permission
            Properties: {Action: lambda:InvokeFunction, FunctionName: !Ref Fn, Principal: apigateway.amazonaws.com}
          Odd:
            Type: AWS::Lambda::Permission
            Properties: {Action: lambda:InvokeFunction, FunctionName: !Ref Fn, FunctionUrlAuthType: OPEN}
        """
    )
    exposure = model.exposure("Fn")
    assert [i.resource for i in exposure.invocations] == ["Good", "Odd"]
    assert [u.resource for u in exposure.urls] == ["Url"]
    assert [(a.resource, a.authorization[0].text) for a in exposure.api_methods] == [("Method", "NONE")]
    assert [m.resource for m in exposure.event_source_mappings] == ["Mapping"]
    good, odd = exposure.invocations
    assert good.errors == []
    assert sorted((e.path[-1], e.message) for e in odd.errors) == [
        ("FunctionUrlAuthType", "'FunctionUrlAuthType' is 'OPEN'; use 'AWS_IAM' or 'NONE'"),
        ("Properties", "The permission has no 'Principal'; add 'Principal'"),
    ]


def test_sam_reads_a_null_role_or_a_novalue_branch_as_absent() -> None:
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Conditions:
          C: !Equals [a, b]
        Resources:
          Role:
            Type: AWS::IAM::Role
          Nothing:
            Type: AWS::Serverless::Function
            Properties:
              Role: null
              Policies: [{Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}]
          Maybe:
            Type: AWS::Serverless::Function
            Properties:
              Role: !If [C, !GetAtt Role.Arn, !Ref AWS::NoValue]
          Given:
            Type: AWS::Serverless::Function
            Properties:
              Role: !If [C, !GetAtt Role.Arn, !GetAtt Role.Arn]
        """
    )
    assert [model.functions[f].role_id for f in ("Nothing", "Maybe", "Given")] == ["NothingRole", "MaybeRole", None]
    [(_, statement)] = model.grants("NothingRole")
    assert statement.path == ("Resources", "Nothing", "Properties", "Policies", 0, "Statement", 0)


def test_sam_events_and_destinations_add_grants_where_they_are_written() -> None:
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Tracing: PassThrough
              DeadLetterQueue: {Type: SQS, TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq}
              Events:
                Queue: {Type: SQS, Properties: {Queue: arn:aws:sqs:us-east-1:123456789012:q}}
                Broker:
                  Type: MQ
                  Properties:
                    Broker: arn:aws:mq:us-east-1:123456789012:broker:b:1
                    Queues: [q]
                    SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:s}]
                Upload: {Type: S3, Properties: {Bucket: !Ref B, Events: s3:ObjectCreated:*}}
          B:
            Type: AWS::S3::Bucket
        """
    )
    role = model.identities["FnRole"]
    assert [v.text for v in role.managed_policy_arns] == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",  # any Tracing but Disabled
        "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
    ]
    granted = {(s.texts("Action")[0], s.texts("Resource")[0], s.path[-1]) for _, s in model.grants("FnRole")}
    assert granted == {
        ("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:dlq", "DeadLetterQueue"),
        # the secret's read is written at its source access configuration, SourceAccessConfigurations/0
        ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:s", 0),
        ("mq:DescribeBroker", "arn:aws:mq:us-east-1:123456789012:broker:b:1", "Broker"),
    }
    [upload] = model.invocations_of("Fn")
    assert upload.narrowing == {"SourceAccount": ("Resources", "Fn", "Properties", "Events", "Upload", "Type")}


def test_sam_source_access_configurations_grant_by_their_type() -> None:
    """A VPC_SUBNET written first is no secret: the secret read is the SASL one's, and the pair of VPC Types grants
    the network-interface actions once, at the first of them (SAM's SelfManagedKafka policy)."""
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Kafka:
                  Type: SelfManagedKafka
                  Properties:
                    KafkaBootstrapServers: [b:9092]
                    Topics: [t]
                    SecretsManagerKmsKeyId: key-1
                    SourceAccessConfigurations:
                      - {Type: VPC_SUBNET, URI: subnet:subnet-1}
                      - {Type: VPC_SECURITY_GROUP, URI: security_group:sg-1}
                      - {Type: SASL_SCRAM_256_AUTH, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:k}
        """
    )
    events = ("Resources", "Fn", "Properties", "Events", "Kafka", "Properties")
    granted = {(s.texts("Action")[0], s.texts("Resource")[0], s.path[len(events) :]) for _, s in model.grants("FnRole")}
    assert granted == {
        (
            "secretsmanager:GetSecretValue",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:k",
            ("SourceAccessConfigurations", 2),
        ),
        ("ec2:CreateNetworkInterface", "*", ("SourceAccessConfigurations", 0)),
        ("kms:Decrypt", "arn:aws:kms:<region>:<own-account>:key/key-1", ("SecretsManagerKmsKeyId",)),
    }


def test_sam_url_permissions_only_for_a_literal_none() -> None:
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Auth: {Type: String, Default: NONE}
        Resources:
          Literal: {Type: AWS::Serverless::Function, Properties: {FunctionUrlConfig: {AuthType: NONE}}}
          Iam: {Type: AWS::Serverless::Function, Properties: {FunctionUrlConfig: {AuthType: AWS_IAM}}}
          Param: {Type: AWS::Serverless::Function, Properties: {FunctionUrlConfig: {AuthType: !Ref Auth}}}
        """
    )
    assert [len(model.invocations_of(f)) for f in ("Literal", "Iam", "Param")] == [2, 0, 0]
    assert [len(model.exposure(f).urls) for f in ("Literal", "Iam", "Param")] == [1, 1, 1]


def test_references_to_sam_generated_names_resolve() -> None:
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn: {Type: AWS::Serverless::Function, Properties: {AutoPublishAlias: live}}
          A: {Type: AWS::Lambda::Permission, Properties: {FunctionName: !Ref Fn.Alias, Action: lambda:InvokeFunction, Principal: "*"}}
          V: {Type: AWS::Lambda::Permission, Properties: {FunctionName: !Ref FnAliaslive, Action: lambda:InvokeFunction, Principal: "*"}}
          Extra:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: extra
              Roles: [!Ref FnRole]
              PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: !Sub ["arn:aws:s3:::${B}/*", {B: name}]}]}
        """
    )
    assert [i.resource for i in model.invocations_of("Fn")] == ["A", "V"]
    [(_, statement)] = model.grants("FnRole")
    assert statement.texts("Resource") == ["arn:aws:s3:::name/*"]  # Fn::Sub with a variable map


def test_connectors_grant_the_source_role_and_invoke_the_destination() -> None:
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Table: {Type: AWS::Serverless::SimpleTable}
          Topic: {Type: AWS::SNS::Topic}
          Fn:
            Type: AWS::Serverless::Function
            Connectors:
              Read:
                Properties: {Destination: {Id: Table}, Permissions: [Read]}
          Notify:
            Type: AWS::Serverless::Connector
            Properties: {Source: {Id: Topic}, Destination: {Id: Fn}, Permissions: [Write]}
        """
    )
    actions = sorted(a for _, s in model.grants("FnRole") for a in s.texts("Action"))
    assert "dynamodb:GetItem" in actions and not any(a.startswith("dynamodb:Put") for a in actions)
    [(_, statement)] = model.grants("FnRole")[:1]
    assert statement.path == ("Resources", "Fn", "Connectors", "Read", "Properties", "Destination")
    [invoke] = model.invocations_of("Fn")
    assert (invoke.kind, invoke.resource, [p.text for p in invoke.principal]) == (
        "sam-connector",
        "Notify",
        ["sns.amazonaws.com"],
    )
    assert list(invoke.narrowing) == ["SourceArn"]


def test_permissions_and_callers_keep_the_qualifier_they_name() -> None:
    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          AliasName: {Type: String}
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: s3://b/c.zip, AutoPublishAlias: live}
          Plain:
            Type: AWS::Lambda::Function
            Properties: {Runtime: python3.12, Handler: i.h, Role: arn:aws:iam::111122223333:role/r, Code: {ZipFile: x}}
          Named:
            Type: AWS::Lambda::Alias
            Properties: {FunctionName: !Ref Plain, FunctionVersion: "1", Name: !Ref AliasName}
          P1: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, Principal: s3.amazonaws.com, FunctionName: !Ref Fn.Alias}}
          P2: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, Principal: s3.amazonaws.com, FunctionName: !Ref FnAliaslive}}
          P3: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, Principal: s3.amazonaws.com, FunctionName: !Sub "${Plain.Arn}:7"}}
          P4: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, Principal: s3.amazonaws.com, FunctionName: !Join [":", [!GetAtt Plain.Arn, blue]]}}
          P5: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, Principal: s3.amazonaws.com, FunctionName: !Ref Named}}
          P6: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, Principal: s3.amazonaws.com, FunctionName: !Sub "${Plain}:${AliasName}"}}
          Rule:
            Type: AWS::Events::Rule
            Properties:
              ScheduleExpression: rate(1 hour)
              Targets: [{Id: a, Arn: !GetAtt Plain.Arn}, {Id: b, Arn: !Ref Fn.Version}]
        """
    )
    qualifiers = {i.resource: (i.function, i.qualifier) for i in model.written_grants()}
    assert qualifiers == {
        "P1": ("Fn", "alias:live"),
        "P2": ("Fn", "alias:live"),
        "P3": ("Plain", "version:7"),
        "P4": ("Plain", "alias:blue"),
        "P5": ("Plain", "alias:@Named"),
        "P6": ("Plain", None),
    }
    assert [(c.resource, c.service, c.function, c.qualifier) for c in model.callers] == [
        ("Rule", "events", "Plain", ""),
        ("Rule", "events", "Fn", "version:@Fn.Version"),
    ]


def test_expanding_a_sam_policy_template_shares_its_data_and_never_changes_it() -> None:
    """The expansion copies only the parts of a definition that hold a Ref (issue 22, cost): what a model
    then holds of the rest is the data itself, so nothing may write to it."""
    import json
    from importlib import resources

    from lint_rules.model._sam import _expand_template, policy_templates

    model = model_of(
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              CodeUri: src/
              Policies:
                - DynamoDBCrudPolicy: {TableName: !Ref Table}
                - S3ReadPolicy: {BucketName: my-bucket}
                - SQSPollerPolicy: {QueueName: !GetAtt Queue.QueueName}
        """
    )
    assert any(document.template == "DynamoDBCrudPolicy" for document in model.documents)
    expanded = _expand_template("DynamoDBCrudPolicy", {"TableName": {"Ref": "Table"}})
    assert "{'Ref': 'Table'}" in repr(expanded)  # the argument is in, as written
    assert '"Ref": "TableName"' not in json.dumps(expanded)  # the parameter is replaced everywhere
    definition = policy_templates()["DynamoDBCrudPolicy"]["definition"]
    assert expanded[0]["Action"] is definition["Statement"][0]["Action"]  # shared, not copied
    on_disk = json.loads(resources.files("lint_rules.data").joinpath("sam_policy_templates.json").read_text("utf-8"))
    assert policy_templates() == on_disk["templates"]
