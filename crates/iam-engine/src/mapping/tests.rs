//! The mapping's proof: the table against the catalog, the peers' bugs pinned, and one row per
//! special case, from a CloudTrail record to the actions, resources and passed roles it needs.

use super::aws_map::AwsOperationMap;
use super::table::{actions_of, Rule, PASS_ROLE_ROWS, ROWS};
use super::*;
use crate::catalog::Catalog;
use proptest::prelude::*;

/// A record of an IAM user of account 111122223333 in eu-west-1, with `extra` members merged in.
fn record_json(source: &str, name: &str, request: &str, extra: &str) -> String {
    let extra = if extra.is_empty() { String::new() } else { format!(",{extra}") };
    format!(
        r#"{{"eventVersion":"1.09","userIdentity":{{"type":"IAMUser","principalId":"AIDA","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"}},"eventTime":"2026-01-01T00:00:00Z","eventSource":"{source}","eventName":"{name}","awsRegion":"eu-west-1","sourceIPAddress":"192.0.2.1","requestParameters":{request},"eventType":"AwsApiCall","recipientAccountId":"111122223333"{extra}}}"#
    )
}

/// What the mapper says, one line per required action: `action resource [passes role]`.
fn describe(json: &str) -> Vec<String> {
    let record: Record = serde_json::from_str(json).unwrap();
    let mut mapper = Mapper::new(Catalog::embedded());
    describe_mapped(mapper.map(&EventFacts::of(&record)))
}

fn describe_mapped(mapped: Mapped<'_>) -> Vec<String> {
    match mapped {
        Mapped::Actions(actions) => actions
            .into_iter()
            .map(|required| {
                let mut line = required.action.into_owned();
                line.push(' ');
                line.push_str(required.resource.as_deref().unwrap_or("*"));
                match required.passes_role {
                    Some(PassRole::Role(arn)) => line.push_str(&format!(" passes role {arn}")),
                    Some(PassRole::InstanceProfile(arn)) => line.push_str(&format!(" passes instance profile {arn}")),
                    Some(PassRole::Unnamed) => line.push_str(" passes a role"),
                    None => {}
                }
                line
            })
            .collect(),
        Mapped::NoPermission(reason) => vec![format!("no permission: {}", reason.as_str())],
        Mapped::Unmapped => vec!["unmapped".to_owned()],
    }
}

fn map(source: &str, name: &str, request: &str) -> Vec<String> {
    describe(&record_json(source, name, request, ""))
}

fn map_with(source: &str, name: &str, request: &str, extra: &str) -> Vec<String> {
    describe(&record_json(source, name, request, extra))
}

#[test]
fn every_table_action_is_in_the_catalog() {
    let catalog = Catalog::embedded();
    let mut checked = 0;
    let mut redundant = Vec::new();
    for (prefix, event, rule) in ROWS {
        for action in actions_of(*rule) {
            let found = catalog.action(action).unwrap_or_else(|| panic!("{prefix}/{event}: {action} is not in the catalog"));
            assert_eq!(found.full_name(), action, "{prefix}/{event}: spell {action} as the catalog does");
            checked += 1;
        }
        if let Rule::Actions(actions) = rule {
            assert!(!actions.is_empty(), "{prefix}/{event}");
        }
        // A row must change something: the plain rule would give the same action otherwise.
        if let Rule::Actions([only]) = rule {
            assert_ne!(only.action, format!("{prefix}:{event}"), "{prefix}/{event} repeats the rule");
        }
        // And it must say what AWS's operation map does not: the table holds exceptions only
        // (resources read from another request member count as something to say).
        if let (Rule::Actions(actions), Some(aws)) = (rule, AwsOperationMap::embedded().actions(prefix, event)) {
            let mut ours: Vec<String> = actions.iter().map(|action| action.action.to_ascii_lowercase()).collect();
            ours.sort_unstable();
            let aws: Vec<String> = aws
                .iter()
                .filter(|action| *action != "iam:PassRole" && super::aws_map::extra_condition(prefix, event, action).is_none())
                .map(|action| action.to_ascii_lowercase())
                .collect();
            if ours == aws && actions.iter().all(|action| action.on == table::On::Target) {
                redundant.push(format!("{prefix}/{event}"));
            }
        }
    }
    assert!(redundant.is_empty(), "these rows repeat AWS's operation map: {redundant:?}");
    for row in PASS_ROLE_ROWS {
        let found = catalog.action(row.action).unwrap_or_else(|| panic!("PassRole row {} is not in the catalog", row.action));
        assert_eq!(found.full_name(), row.action);
        checked += 1;
    }
    assert!(catalog.action("iam:PassRole").is_some());
    assert!(checked > 100, "{checked}");
}

#[test]
fn every_table_row_is_unique() {
    for (index, (prefix, event, _)) in ROWS.iter().enumerate() {
        assert!(!ROWS[index + 1..].iter().any(|(other_prefix, other_event, _)| other_prefix == prefix && other_event == event), "{prefix}/{event} twice");
    }
}

// Regression tests for the peers' bugs (PEERS.md §2 and §3).

#[test]
fn trailscraper_put_bucket_replication_is_not_a_delete_action() {
    let mapped = map(
        "s3.amazonaws.com",
        "PutBucketReplication",
        r#"{"bucketName":"src","replication":"","ReplicationConfiguration":{"Role":"arn:aws:iam::111122223333:role/replication","Rule":{"Status":"Enabled"}}}"#,
    );
    assert_eq!(mapped, vec!["s3:PutReplicationConfiguration arn:aws:s3:::src passes role arn:aws:iam::111122223333:role/replication"]);
    assert!(mapped.iter().all(|line| !line.contains("Delete")));
}

#[test]
fn trailscraper_lambda_invoke_is_invoke_function() {
    let mapped = map_with(
        "lambda.amazonaws.com",
        "Invoke",
        r#"{"functionName":"arn:aws:lambda:eu-west-1:111122223333:function:worker"}"#,
        r#""eventCategory":"Data","resources":[{"accountId":"111122223333","type":"AWS::Lambda::Function","ARN":"arn:aws:lambda:eu-west-1:111122223333:function:worker"}]"#,
    );
    assert_eq!(mapped, vec!["lambda:InvokeFunction arn:aws:lambda:eu-west-1:111122223333:function:worker"]);
    assert!(Catalog::embedded().action("lambda:Invoke").is_none(), "lambda:Invoke is not an IAM action");
}

#[test]
fn trailscraper_list_clusters_v2_is_not_mangled() {
    assert_eq!(map("kafka.amazonaws.com", "ListClustersV2", "null"), vec!["kafka:ListClustersV2 *"]);
    assert_eq!(map("s3.amazonaws.com", "ListObjectsV2", r#"{"bucketName":"b"}"#), vec!["s3:ListBucket arn:aws:s3:::b"]);
}

#[test]
fn trailscraper_27_kms_reencrypt_is_from_and_to_on_their_own_keys() {
    let mapped = map(
        "kms.amazonaws.com",
        "ReEncrypt",
        r#"{"sourceKeyId":"arn:aws:kms:eu-west-1:111122223333:key/aaaa","destinationKeyId":"alias/backup","sourceEncryptionAlgorithm":"SYMMETRIC_DEFAULT"}"#,
    );
    assert_eq!(
        mapped,
        // IAM authorises KMS calls on the key, never on an alias: the alias alone gives no ARN.
        vec!["kms:ReEncryptFrom arn:aws:kms:eu-west-1:111122223333:key/aaaa", "kms:ReEncryptTo *"]
    );
    // Symmetric keys: the request names only the destination; the record lists both keys.
    let symmetric = map_with(
        "kms.amazonaws.com",
        "ReEncrypt",
        r#"{"destinationKeyId":"bbbb"}"#,
        r#""resources":[{"type":"AWS::KMS::Key","ARN":"arn:aws:kms:eu-west-1:111122223333:key/aaaa"},{"type":"AWS::KMS::Key","ARN":"arn:aws:kms:eu-west-1:111122223333:key/bbbb"}]"#,
    );
    assert_eq!(symmetric, vec!["kms:ReEncryptFrom arn:aws:kms:eu-west-1:111122223333:key/aaaa", "kms:ReEncryptTo arn:aws:kms:eu-west-1:111122223333:key/bbbb"]);
    assert!(symmetric.iter().all(|line| !line.contains('*')), "never kms:ReEncrypt*");
}

#[test]
fn trailscraper_guess_s3_list_objects_is_never_emitted() {
    assert!(Catalog::embedded().action("s3:ListObjects").is_none());
    for event in ["ListObjects", "ListObjectsV2", "ListObjectVersions", "HeadBucket", "ListBuckets"] {
        for line in map("s3.amazonaws.com", event, r#"{"bucketName":"b","list-type":"2"}"#) {
            assert!(!line.starts_with("s3:ListObjects"), "{event}: {line}");
        }
    }
    for (_, _, rule) in ROWS {
        assert!(!actions_of(*rule).contains(&"s3:ListObjects"));
    }
}

#[test]
fn denied_calls_are_the_refused_action_and_stay_out_of_the_policy() {
    use crate::activity::{ActivityBuilder, Outcome};
    let message = "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/admin because no identity-based policy allows the iam:PassRole action";
    let denied = record_json(
        "ec2.amazonaws.com",
        "RunInstances",
        r#"{"instancesSet":{"items":[{"imageId":"ami-1","minCount":1,"maxCount":1}]},"iamInstanceProfile":{"name":"admin"}}"#,
        &format!(r#""errorCode":"Client.UnauthorizedOperation","errorMessage":"{message}","eventID":"e1""#),
    );
    assert_eq!(describe(&denied), vec!["iam:PassRole arn:aws:iam::111122223333:role/admin"]);
    let allowed = record_json("s3.amazonaws.com", "ListBuckets", "null", r#""eventID":"e2""#);
    let mut builder = ActivityBuilder::new();
    for json in [&denied, &allowed] {
        let record: Record = serde_json::from_str(json).unwrap();
        builder.fold(&record);
    }
    let activity = builder.finish();
    let alice = activity.principal("arn:aws:iam::111122223333:user/alice").unwrap();
    let denied_calls: Vec<&str> = alice.calls.iter().filter(|call| call.outcome == Outcome::Denied).map(|call| call.action.as_str()).collect();
    assert_eq!(denied_calls, vec!["iam:PassRole"]);
    let policy = crate::synth::synthesise(alice, crate::catalog::Catalog::embedded(), &crate::synth::SynthOptions::default()).policy;
    let text = serde_json::to_string(&policy).unwrap();
    assert!(text.contains("s3:ListAllMyBuckets"), "{text}");
    assert!(!text.contains("PassRole") && !text.contains("RunInstances"), "{text}");
}

#[test]
fn denials_without_a_named_action_keep_the_event_action() {
    let mapped = map_with(
        "ec2.amazonaws.com",
        "GetPasswordData",
        r#"{"instanceId":"i-0abc"}"#,
        r#""errorCode":"Client.UnauthorizedOperation","errorMessage":"You are not authorized to perform this operation.""#,
    );
    assert_eq!(mapped, vec!["ec2:GetPasswordData arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc"]);
    // A message resource with a wildcard is no fact: the request's instance is used.
    let wildcard = map_with(
        "ec2.amazonaws.com",
        "DescribeInstanceAttribute",
        r#"{"attribute":"userData","instanceId":"i-95b86090"}"#,
        r#""errorCode":"Client.UnauthorizedOperation","errorMessage":"You are not authorized to perform this operation. User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: ec2:DescribeInstanceAttribute on resource: arn:aws:ec2:eu-west-1:111122223333:instance/* because no identity-based policy allows the ec2:DescribeInstanceAttribute action""#,
    );
    assert_eq!(wildcard, vec!["ec2:DescribeInstanceAttribute arn:aws:ec2:eu-west-1:111122223333:instance/i-95b86090"]);
}

#[test]
fn s3_special_cases() {
    let object =
        r#""resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/k.txt"},{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b"}]"#;
    let table: &[(&str, &str, &str, &[&str])] = &[
        ("GetObject", r#"{"bucketName":"b","key":"k.txt"}"#, object, &["s3:GetObject arn:aws:s3:::b/k.txt"]),
        ("GetObject", r#"{"bucketName":"b","key":"k.txt","versionId":"3HL4kqtJ"}"#, object, &["s3:GetObjectVersion arn:aws:s3:::b/k.txt"]),
        ("HeadObject", r#"{"bucketName":"b","key":"k.txt"}"#, "", &["s3:GetObject arn:aws:s3:::b/k.txt"]),
        ("DeleteObject", r#"{"bucketName":"b","key":"k.txt","versionId":"v"}"#, "", &["s3:DeleteObjectVersion arn:aws:s3:::b/k.txt"]),
        ("PutObjectAcl", r#"{"bucketName":"b","key":"k.txt","versionId":"v","acl":""}"#, "", &["s3:PutObjectVersionAcl arn:aws:s3:::b/k.txt"]),
        ("ListObjects", r#"{"bucketName":"b","prefix":""}"#, object, &["s3:ListBucket arn:aws:s3:::b"]),
        ("ListBuckets", "null", "", &["s3:ListAllMyBuckets *"]),
        ("ListObjectVersions", r#"{"bucketName":"b","versions":""}"#, "", &["s3:ListBucketVersions arn:aws:s3:::b"]),
        ("UploadPart", r#"{"bucketName":"b","key":"big.bin","partNumber":"1","uploadId":"u"}"#, "", &["s3:PutObject arn:aws:s3:::b/big.bin"]),
        ("CompleteMultipartUpload", r#"{"bucketName":"b","key":"big.bin","uploadId":"u"}"#, "", &["s3:PutObject arn:aws:s3:::b/big.bin"]),
        (
            "PutObject",
            r#"{"bucketName":"b","key":"k","x-amz-acl":"bucket-owner-full-control","x-amz-tagging":"a=b"}"#,
            "",
            &["s3:PutObject arn:aws:s3:::b/k", "s3:PutObjectAcl arn:aws:s3:::b/k", "s3:PutObjectTagging arn:aws:s3:::b/k"],
        ),
        (
            "CopyObject",
            r#"{"bucketName":"dst","key":"copy.txt","x-amz-copy-source":"src/dir/orig.txt"}"#,
            "",
            &["s3:PutObject arn:aws:s3:::dst/copy.txt", "s3:GetObject arn:aws:s3:::src/dir/orig.txt"],
        ),
        (
            "CopyObject",
            r#"{"bucketName":"dst","key":"copy.txt","x-amz-copy-source":"/src/orig.txt?versionId=v2"}"#,
            "",
            &["s3:PutObject arn:aws:s3:::dst/copy.txt", "s3:GetObjectVersion arn:aws:s3:::src/orig.txt"],
        ),
        (
            "DeleteObjects",
            r#"{"bucketName":"b","delete":{"Object":[{"Key":"a"},{"Key":"c","VersionId":"v"}],"Quiet":"true"}}"#,
            "",
            &[
                "s3:DeleteObject arn:aws:s3:::b/a",
                "s3:DeleteObject arn:aws:s3:::b/c",
                "s3:DeleteObjectVersion arn:aws:s3:::b/a",
                "s3:DeleteObjectVersion arn:aws:s3:::b/c",
            ],
        ),
        ("GetBucketLifecycle", r#"{"bucketName":"b","lifecycle":""}"#, "", &["s3:GetLifecycleConfiguration arn:aws:s3:::b"]),
        ("DeleteBucketLifecycle", r#"{"bucketName":"b","lifecycle":""}"#, "", &["s3:PutLifecycleConfiguration arn:aws:s3:::b"]),
        ("DeleteBucketEncryption", r#"{"bucketName":"b","encryption":""}"#, "", &["s3:PutEncryptionConfiguration arn:aws:s3:::b"]),
        ("GetBucketCors", r#"{"bucketName":"b","cors":""}"#, "", &["s3:GetBucketCORS arn:aws:s3:::b"]),
        ("DeleteBucketCors", r#"{"bucketName":"b","cors":""}"#, "", &["s3:PutBucketCORS arn:aws:s3:::b"]),
        ("PutBucketNotificationConfiguration", r#"{"bucketName":"b"}"#, "", &["s3:PutBucketNotification arn:aws:s3:::b"]),
        ("GetBucketReplication", r#"{"bucketName":"b"}"#, "", &["s3:GetReplicationConfiguration arn:aws:s3:::b"]),
        ("DeleteBucketReplication", r#"{"bucketName":"b"}"#, "", &["s3:PutReplicationConfiguration arn:aws:s3:::b"]),
        ("GetPublicAccessBlock", r#"{"bucketName":"b","publicAccessBlock":""}"#, "", &["s3:GetBucketPublicAccessBlock arn:aws:s3:::b"]),
        ("PutPublicAccessBlock", r#"{"publicAccessBlock":""}"#, "", &["s3:PutAccountPublicAccessBlock *"]),
        ("DeletePublicAccessBlock", r#"{"bucketName":"b"}"#, "", &["s3:PutBucketPublicAccessBlock arn:aws:s3:::b"]),
        ("GetObjectLockConfiguration", r#"{"bucketName":"b"}"#, "", &["s3:GetBucketObjectLockConfiguration arn:aws:s3:::b"]),
        ("DeleteBucketAnalyticsConfiguration", r#"{"bucketName":"b","id":"x"}"#, "", &["s3:PutAnalyticsConfiguration arn:aws:s3:::b"]),
        ("ListBucketInventoryConfigurations", r#"{"bucketName":"b"}"#, "", &["s3:GetInventoryConfiguration arn:aws:s3:::b"]),
        ("DeleteBucketMetricsConfiguration", r#"{"bucketName":"b","id":"x"}"#, "", &["s3:PutMetricsConfiguration arn:aws:s3:::b"]),
        ("DeleteBucketIntelligentTieringConfiguration", r#"{"bucketName":"b","id":"x"}"#, "", &["s3:PutIntelligentTieringConfiguration arn:aws:s3:::b"]),
        ("PutBucketAccelerateConfiguration", r#"{"bucketName":"b"}"#, "", &["s3:PutAccelerateConfiguration arn:aws:s3:::b"]),
        ("DeleteBucketTagging", r#"{"bucketName":"b","tagging":""}"#, "", &["s3:PutBucketTagging arn:aws:s3:::b"]),
        ("DeleteBucketOwnershipControls", r#"{"bucketName":"b"}"#, "", &["s3:PutBucketOwnershipControls arn:aws:s3:::b"]),
        ("CreateBucket", r#"{"bucketName":"new-bucket","Host":"new-bucket.s3.amazonaws.com"}"#, "", &["s3:CreateBucket arn:aws:s3:::new-bucket"]),
    ];
    for (event, request, extra, expected) in table {
        assert_eq!(map_with("s3.amazonaws.com", event, request, extra), *expected, "{event} {request}");
    }
}

#[test]
fn other_special_cases() {
    let table: &[(&str, &str, &str, &[&str])] = &[
        (
            "sqs.amazonaws.com",
            "SendMessageBatch",
            r#"{"queueUrl":"https://sqs.eu-west-1.amazonaws.com/444455556666/jobs"}"#,
            &["sqs:SendMessage arn:aws:sqs:eu-west-1:444455556666:jobs"],
        ),
        (
            "sqs.amazonaws.com",
            "DeleteMessageBatch",
            r#"{"queueUrl":"https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"}"#,
            &["sqs:DeleteMessage arn:aws:sqs:eu-west-1:111122223333:jobs"],
        ),
        (
            "sqs.amazonaws.com",
            "ChangeMessageVisibilityBatch",
            r#"{"queueUrl":"https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"}"#,
            &["sqs:ChangeMessageVisibility arn:aws:sqs:eu-west-1:111122223333:jobs"],
        ),
        (
            "bedrock.amazonaws.com",
            "Converse",
            r#"{"modelId":"anthropic.claude-3-haiku-20240307-v1:0"}"#,
            &["bedrock:InvokeModel arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"],
        ),
        ("bedrock.amazonaws.com", "ConverseStream", r#"{"modelId":"eu.anthropic.claude-3-haiku-20240307-v1:0"}"#, &["bedrock:InvokeModelWithResponseStream *"]),
        (
            "lambda.amazonaws.com",
            "UpdateFunctionCode20150331v2",
            r#"{"functionName":"worker","publish":false}"#,
            &["lambda:UpdateFunctionCode arn:aws:lambda:eu-west-1:111122223333:function:worker"],
        ),
        (
            "lambda.amazonaws.com",
            "Invoke",
            r#"{"functionName":"worker:live"}"#,
            &["lambda:InvokeFunction arn:aws:lambda:eu-west-1:111122223333:function:worker:live"],
        ),
        (
            "lambda.amazonaws.com",
            "GetLayerVersionByArn",
            r#"{"arn":"arn:aws:lambda:eu-west-1:111122223333:layer:deps:3"}"#,
            &["lambda:GetLayerVersion arn:aws:lambda:eu-west-1:111122223333:layer:deps:3"],
        ),
        ("cloudfront.amazonaws.com", "CreateDistribution2020_05_31", r#"{"distributionConfig":{}}"#, &["cloudfront:CreateDistribution *"]),
        (
            "dynamodb.amazonaws.com",
            "ExecuteStatement",
            r#"{"statement":"SELECT * FROM \"orders\" WHERE pk = ?"}"#,
            &["dynamodb:PartiQLSelect arn:aws:dynamodb:eu-west-1:111122223333:table/orders"],
        ),
        (
            "dynamodb.amazonaws.com",
            "BatchExecuteStatement",
            r#"{"statements":[{"statement":"INSERT INTO a VALUE {'k':1}"},{"statement":"INSERT INTO b VALUE {'k':1}"},{"statement":"DELETE FROM a WHERE k = 1"}]}"#,
            &[
                "dynamodb:PartiQLInsert arn:aws:dynamodb:eu-west-1:111122223333:table/a",
                "dynamodb:PartiQLInsert arn:aws:dynamodb:eu-west-1:111122223333:table/b",
                "dynamodb:PartiQLDelete arn:aws:dynamodb:eu-west-1:111122223333:table/a",
            ],
        ),
        (
            "dynamodb.amazonaws.com",
            "TransactWriteItems",
            r#"{"transactItems":[{"put":{"tableName":"a"}},{"update":{"tableName":"b"}},{"conditionCheck":{"tableName":"a"}}]}"#,
            &[
                "dynamodb:PutItem arn:aws:dynamodb:eu-west-1:111122223333:table/a",
                "dynamodb:UpdateItem arn:aws:dynamodb:eu-west-1:111122223333:table/b",
                "dynamodb:ConditionCheckItem arn:aws:dynamodb:eu-west-1:111122223333:table/a",
            ],
        ),
        ("dynamodb.amazonaws.com", "TransactGetItems", r#"{"transactItems":[{"get":{"tableName":"a"}}]}"#, &["dynamodb:GetItem *"]),
        ("dynamodb.amazonaws.com", "GetItem", r#"{"tableName":"orders","key":{}}"#, &["dynamodb:GetItem arn:aws:dynamodb:eu-west-1:111122223333:table/orders"]),
        (
            "apigateway.amazonaws.com",
            "GetResource",
            r#"{"restApiId":"3rbEXAMPLE","resourceId":"5tfEXAMPLE","template":false}"#,
            &["apigateway:GET arn:aws:apigateway:eu-west-1::/restapis/3rbEXAMPLE/resources/5tfEXAMPLE"],
        ),
        (
            "apigateway.amazonaws.com",
            "CreateDeployment",
            r#"{"restApiId":"a1","stageName":"prod"}"#,
            &["apigateway:POST arn:aws:apigateway:eu-west-1::/restapis/a1/deployments"],
        ),
        (
            "apigateway.amazonaws.com",
            "UpdateStage",
            r#"{"restApiId":"a1","stageName":"prod"}"#,
            &["apigateway:PATCH arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod"],
        ),
        (
            "apigateway.amazonaws.com",
            "DeleteRoute",
            r#"{"apiId":"h1","routeId":"r1"}"#,
            &["apigateway:DELETE arn:aws:apigateway:eu-west-1::/apis/h1/routes/r1"],
        ),
        (
            "apigateway.amazonaws.com",
            "PutMethod",
            r#"{"restApiId":"a1","resourceId":"r1","httpMethod":"POST"}"#,
            &["apigateway:PUT arn:aws:apigateway:eu-west-1::/restapis/a1/resources/r1/methods/POST"],
        ),
        ("apigateway.amazonaws.com", "GetModelTemplate", r#"{"restApiId":"a1","modelName":"m"}"#, &["apigateway:GET *"]),
        ("apigateway.amazonaws.com", "SetWebACL", r#"{}"#, &["apigateway:SetWebACL *"]),
        ("budgets.amazonaws.com", "DescribeBudgets", r#"{"accountId":"111122223333"}"#, &["aws-portal:ViewBilling *", "budgets:ViewBudget *"]),
        ("monitoring.amazonaws.com", "DescribeAlarms", r#"{"maxRecords":100}"#, &["cloudwatch:DescribeAlarms *"]),
        ("tagging.amazonaws.com", "GetResources", r#"{}"#, &["tag:GetResources *"]),
        ("memorydb.amazonaws.com", "CreateACL", r#"{"aCLName":"x"}"#, &["memorydb:CreateAcl *"]),
    ];
    for (source, event, request, expected) in table {
        let mapped = map(source, event, request);
        let mapped: Vec<&str> = mapped.iter().map(String::as_str).collect();
        assert_eq!(&mapped[..], *expected, "{source} {event}");
    }
}

#[test]
fn resources_come_from_the_request_with_the_catalogs_formats() {
    let table: &[(&str, &str, &str, &[&str])] = &[
        (
            "sns.amazonaws.com",
            "Publish",
            r#"{"topicArn":"arn:aws:sns:eu-west-1:111122223333:alerts","messageAttributes":{}}"#,
            &["sns:Publish arn:aws:sns:eu-west-1:111122223333:alerts"],
        ),
        (
            "kms.amazonaws.com",
            "Decrypt",
            r#"{"keyId":"1234abcd-12ab-34cd-56ef-1234567890ab","encryptionAlgorithm":"SYMMETRIC_DEFAULT"}"#,
            &["kms:Decrypt arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
        ),
        ("kms.amazonaws.com", "GenerateDataKey", r#"{"keyId":"alias/app","keySpec":"AES_256"}"#, &["kms:GenerateDataKey *"]),
        ("iam.amazonaws.com", "GetRole", r#"{"roleName":"app"}"#, &["iam:GetRole arn:aws:iam::111122223333:role/app"]),
        (
            "iam.amazonaws.com",
            "CreateRole",
            r#"{"roleName":"app","path":"/team/","assumeRolePolicyDocument":"{}"}"#,
            &["iam:CreateRole arn:aws:iam::111122223333:role/team/app"],
        ),
        (
            "iam.amazonaws.com",
            "AttachUserPolicy",
            r#"{"userName":"bob","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"#,
            &["iam:AttachUserPolicy arn:aws:iam::111122223333:user/bob"],
        ),
        (
            "iam.amazonaws.com",
            "CreatePolicyVersion",
            r#"{"policyArn":"arn:aws:iam::111122223333:policy/p","setAsDefault":true}"#,
            &["iam:CreatePolicyVersion arn:aws:iam::111122223333:policy/p"],
        ),
        (
            "secretsmanager.amazonaws.com",
            "GetSecretValue",
            r#"{"secretId":"prod/db"}"#,
            &["secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-??????"],
        ),
        (
            "secretsmanager.amazonaws.com",
            "GetSecretValue",
            r#"{"secretId":"arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf"}"#,
            &["secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf"],
        ),
        (
            "secretsmanager.amazonaws.com",
            "BatchGetSecretValue",
            r#"{"secretIdList":["a","b"]}"#,
            &[
                "secretsmanager:BatchGetSecretValue *",
                "secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:111122223333:secret:a-??????",
                "secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:111122223333:secret:b-??????",
            ],
        ),
        (
            "ssm.amazonaws.com",
            "GetParameters",
            r#"{"names":["/app/db/password","plain"],"withDecryption":true}"#,
            &[
                "ssm:GetParameters arn:aws:ssm:eu-west-1:111122223333:parameter/app/db/password",
                "ssm:GetParameters arn:aws:ssm:eu-west-1:111122223333:parameter/plain",
            ],
        ),
        ("ssm.amazonaws.com", "GetDocument", r#"{"name":"AWS-RunShellScript"}"#, &["ssm:GetDocument arn:aws:ssm:eu-west-1::document/AWS-RunShellScript"]),
        (
            "ssm.amazonaws.com",
            "TerminateSession",
            r#"{"sessionId":"alice-0a1b2c3d"}"#,
            &["ssm:TerminateSession arn:aws:ssm:eu-west-1:111122223333:session/alice-0a1b2c3d"],
        ),
        (
            "logs.amazonaws.com",
            "CreateLogStream",
            r#"{"logGroupName":"/aws/lambda/f","logStreamName":"s1"}"#,
            &["logs:CreateLogStream arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/f:log-stream:s1"],
        ),
        (
            "logs.amazonaws.com",
            "PutLogEvents",
            r#"{"logGroupName":"/aws/lambda/f","logStreamName":"s1"}"#,
            &["logs:PutLogEvents arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/f:log-stream:s1"],
        ),
        (
            "ec2.amazonaws.com",
            "StopInstances",
            r#"{"instancesSet":{"items":[{"instanceId":"i-1"},{"instanceId":"i-2"}]},"force":false}"#,
            &["ec2:StopInstances arn:aws:ec2:eu-west-1:111122223333:instance/i-1", "ec2:StopInstances arn:aws:ec2:eu-west-1:111122223333:instance/i-2"],
        ),
        (
            "ec2.amazonaws.com",
            "ModifySnapshotAttribute",
            r#"{"snapshotId":"snap-1","attributeType":"CREATE_VOLUME_PERMISSION"}"#,
            &["ec2:ModifySnapshotAttribute arn:aws:ec2:eu-west-1::snapshot/snap-1"],
        ),
        ("ec2.amazonaws.com", "DescribeInstances", r#"{"instancesSet":{"items":[{"instanceId":"i-1"}]}}"#, &["ec2:DescribeInstances *"]),
        (
            "dynamodb.amazonaws.com",
            "DescribeTable",
            r#"{"tableName":"orders"}"#,
            &["dynamodb:DescribeTable arn:aws:dynamodb:eu-west-1:111122223333:table/orders"],
        ),
        ("cloudtrail.amazonaws.com", "StopLogging", r#"{"name":"main"}"#, &["cloudtrail:StopLogging arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"]),
        (
            "sts.amazonaws.com",
            "AssumeRole",
            r#"{"roleArn":"arn:aws:iam::444455556666:role/deploy","roleSessionName":"s"}"#,
            &["sts:AssumeRole arn:aws:iam::444455556666:role/deploy"],
        ),
        (
            "states.amazonaws.com",
            "StartExecution",
            r#"{"stateMachineArn":"arn:aws:states:eu-west-1:111122223333:stateMachine:m","name":"x"}"#,
            &["states:StartExecution arn:aws:states:eu-west-1:111122223333:stateMachine:m"],
        ),
    ];
    for (source, event, request, expected) in table {
        let mapped = map(source, event, request);
        let mapped: Vec<&str> = mapped.iter().map(String::as_str).collect();
        assert_eq!(&mapped[..], *expected, "{source} {event}");
    }
}

#[test]
fn record_resources_are_matched_to_the_actions_resource_types() {
    let object = r#""resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/a/b.txt"},{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b"}]"#;
    assert_eq!(map_with("s3.amazonaws.com", "PutObject", "{}", object), vec!["s3:PutObject arn:aws:s3:::b/a/b.txt"]);
    assert_eq!(map_with("s3.amazonaws.com", "ListObjectsV2", "{}", object), vec!["s3:ListBucket arn:aws:s3:::b"]);
    // Entries without a type are classified by the catalog.
    let untyped = r#""resources":[{"ARN":"arn:aws:s3:::b/x"},{"ARN":"arn:aws:s3:::b"}]"#;
    assert_eq!(map_with("s3.amazonaws.com", "GetObject", "{}", untyped), vec!["s3:GetObject arn:aws:s3:::b/x"]);
    assert_eq!(map_with("s3.amazonaws.com", "HeadBucket", "{}", untyped), vec!["s3:ListBucket arn:aws:s3:::b"]);
    let table = r#""resources":[{"accountId":"111122223333","type":"AWS::DynamoDB::Table","ARN":"arn:aws:dynamodb:eu-west-1:111122223333:table/orders"}]"#;
    assert_eq!(map_with("dynamodb.amazonaws.com", "Query", "{}", table), vec!["dynamodb:Query arn:aws:dynamodb:eu-west-1:111122223333:table/orders"]);
    // A service-wide action ignores resources.
    assert_eq!(map_with("s3.amazonaws.com", "ListBuckets", "{}", object), vec!["s3:ListAllMyBuckets *"]);
}

#[test]
fn calls_that_pass_a_role_are_flagged() {
    let table: &[(&str, &str, &str, &[&str])] = &[
        (
            "ec2.amazonaws.com",
            "RunInstances",
            r#"{"instancesSet":{"items":[{"imageId":"ami-1","minCount":1,"maxCount":1}]},"iamInstanceProfile":{"arn":"arn:aws:iam::111122223333:instance-profile/web"}}"#,
            // Every call touches a new instance, which no request names: a partial list would deny it.
            &["ec2:RunInstances * passes instance profile arn:aws:iam::111122223333:instance-profile/web"],
        ),
        ("ec2.amazonaws.com", "RunInstances", r#"{"instancesSet":{"items":[{"imageId":"ami-1","minCount":1,"maxCount":1}]}}"#, &["ec2:RunInstances *"]),
        (
            "lambda.amazonaws.com",
            "CreateFunction20150331",
            r#"{"functionName":"f","role":"arn:aws:iam::111122223333:role/lambda-exec","runtime":"python3.12"}"#,
            &["lambda:CreateFunction arn:aws:lambda:eu-west-1:111122223333:function:f passes role arn:aws:iam::111122223333:role/lambda-exec"],
        ),
        (
            "lambda.amazonaws.com",
            "UpdateFunctionConfiguration20150331v2",
            r#"{"functionName":"f","timeout":30}"#,
            &["lambda:UpdateFunctionConfiguration arn:aws:lambda:eu-west-1:111122223333:function:f"],
        ),
        (
            "ecs.amazonaws.com",
            "RegisterTaskDefinition",
            r#"{"family":"web","taskRoleArn":"arn:aws:iam::111122223333:role/task","executionRoleArn":"arn:aws:iam::111122223333:role/exec"}"#,
            &[
                "ecs:RegisterTaskDefinition arn:aws:ecs:eu-west-1:111122223333:task-definition/web:* passes role arn:aws:iam::111122223333:role/task",
                "ecs:RegisterTaskDefinition arn:aws:ecs:eu-west-1:111122223333:task-definition/web:* passes role arn:aws:iam::111122223333:role/exec",
            ],
        ),
        ("glue.amazonaws.com", "CreateJob", r#"{"name":"etl","role":"GlueRole"}"#, &["glue:CreateJob * passes role arn:aws:iam::111122223333:role/GlueRole"]),
        (
            "cloudformation.amazonaws.com",
            "CreateStack",
            r#"{"stackName":"s","roleARN":"arn:aws:iam::111122223333:role/cfn"}"#,
            &["cloudformation:CreateStack arn:aws:cloudformation:eu-west-1:111122223333:stack/s/* passes role arn:aws:iam::111122223333:role/cfn"],
        ),
        (
            "cloudformation.amazonaws.com",
            "CreateStack",
            r#"{"stackName":"s"}"#,
            &["cloudformation:CreateStack arn:aws:cloudformation:eu-west-1:111122223333:stack/s/*"],
        ),
        (
            "states.amazonaws.com",
            "CreateStateMachine",
            r#"{"name":"m","roleArn":"arn:aws:iam::111122223333:role/sfn"}"#,
            &["states:CreateStateMachine * passes role arn:aws:iam::111122223333:role/sfn"],
        ),
        ("codebuild.amazonaws.com", "CreateProject", r#"{"name":"p"}"#, &["codebuild:CreateProject * passes a role"]),
        (
            "ssm.amazonaws.com",
            "SendCommand",
            r#"{"documentName":"AWS-RunShellScript","instanceIds":["i-1"],"serviceRoleArn":"arn:aws:iam::111122223333:role/notify"}"#,
            &[
                "ssm:SendCommand arn:aws:ssm:eu-west-1::document/AWS-RunShellScript passes role arn:aws:iam::111122223333:role/notify",
                "ssm:SendCommand arn:aws:ec2:eu-west-1:111122223333:instance/i-1 passes role arn:aws:iam::111122223333:role/notify",
            ],
        ),
    ];
    for (source, event, request, expected) in table {
        let mapped = map(source, event, request);
        let mapped: Vec<&str> = mapped.iter().map(String::as_str).collect();
        assert_eq!(&mapped[..], *expected, "{source} {event}");
    }
}

#[test]
fn calls_that_need_no_permission_say_why() {
    let console = r#""eventType":"AwsConsoleSignIn","additionalEventData":{"MFAUsed":"No"}"#;
    let table: &[(&str, &str, &str, &str)] = &[
        ("sts.amazonaws.com", "GetCallerIdentity", "", "permissionless API"),
        ("sts.amazonaws.com", "GetSessionToken", "", "permissionless API"),
        ("dynamodb.amazonaws.com", "DescribeEndpoints", "", "permissionless API"),
        ("signin.amazonaws.com", "ConsoleLogin", console, "sign-in event"),
        ("signin.amazonaws.com", "CheckMfa", "", "sign-in event"),
        ("signin.amazonaws.com", "SwitchRole", "", "sign-in event"),
        ("signin.amazonaws.com", "ExitRole", "", "sign-in event"),
        ("signin.amazonaws.com", "RenewRole", "", "sign-in event"),
        ("sts.amazonaws.com", "AssumeRoleWithSAML", "", "governed by the role's trust policy"),
        ("sts.amazonaws.com", "AssumeRoleWithWebIdentity", "", "governed by the role's trust policy"),
        ("kms.amazonaws.com", "RotateKey", r#""eventType":"AwsServiceEvent""#, "service event, not an API call"),
        ("s3.amazonaws.com", "GetObject", r#""eventType":"AwsVpceEvent","eventCategory":"NetworkActivity""#, "network-activity event, not an API call"),
        ("ec2.amazonaws.com", "RunInstances", r#""eventType":"AwsCloudTrailInsight","eventCategory":"Insight""#, "Insights event, not an API call"),
        ("health.amazonaws.com", "DescribeEventAggregates", r#""eventType":"AwsConsoleAction""#, "console action, not an API call"),
    ];
    for (source, event, extra, reason) in table {
        // `eventType` given in `extra` replaces the default.
        let json = record_json(source, event, "null", extra)
            .replace(r#""eventType":"AwsApiCall","#, if extra.contains("eventType") { "" } else { r#""eventType":"AwsApiCall","# });
        assert_eq!(describe(&json), vec![format!("no permission: {reason}")], "{source} {event}");
    }
    let service = r#"{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","userIdentity":{"type":"AWSService","invokedBy":"ec2.amazonaws.com"},"requestParameters":{"roleArn":"arn:aws:iam::1:role/r"}}"#;
    assert_eq!(describe(service), vec!["no permission: made by an AWS service"]);
}

#[test]
fn unknown_actions_are_unmapped_and_known_ones_use_the_catalogs_spelling() {
    assert_eq!(map("s3.amazonaws.com", "ListObjectsV3", "{}"), vec!["unmapped"]);
    assert_eq!(map("madeup.amazonaws.com", "DoThing", "{}"), vec!["unmapped"]);
    assert_eq!(map("ec2.amazonaws.com", "Describe Instances", "{}"), vec!["unmapped"]);
    assert_eq!(map("", "", "{}"), vec!["unmapped"]);
    // `cloudwatch:DescribeAlarms` from `monitoring`; the catalog's case wins over the event's.
    assert_eq!(map("monitoring.amazonaws.com", "describeAlarms", "{}"), vec!["cloudwatch:DescribeAlarms *"]);
    // A denial naming an action the catalog does not know falls back to the event's own action.
    let message = "User: arn:aws:iam::1:user/a is not authorized to perform: madeup:Thing on resource: *";
    let mapped = map_with("s3.amazonaws.com", "ListBuckets", "null", &format!(r#""errorCode":"AccessDenied","errorMessage":"{message}""#));
    assert_eq!(mapped, vec!["s3:ListAllMyBuckets *"]);
}

#[test]
fn partitions_regions_and_accounts_come_from_the_record() {
    let china = r#"{"eventSource":"dynamodb.amazonaws.com","eventName":"GetItem","awsRegion":"cn-north-1","recipientAccountId":"111122223333","userIdentity":{"type":"AssumedRole","arn":"arn:aws-cn:sts::111122223333:assumed-role/app/s","accountId":"111122223333"},"requestParameters":{"tableName":"t"}}"#;
    assert_eq!(describe(china), vec!["dynamodb:GetItem arn:aws-cn:dynamodb:cn-north-1:111122223333:table/t"]);
    let gov = r#"{"eventSource":"sqs.amazonaws.com","eventName":"ReceiveMessage","awsRegion":"us-gov-west-1","userIdentity":{"type":"IAMUser","accountId":"111122223333"},"requestParameters":{"queueUrl":"https://sqs.us-gov-west-1.amazonaws.com/111122223333/q"}}"#;
    assert_eq!(describe(gov), vec!["sqs:ReceiveMessage arn:aws-us-gov:sqs:us-gov-west-1:111122223333:q"]);
    // No region: nothing regional is built, rather than a wrong ARN.
    let no_region = r#"{"eventSource":"dynamodb.amazonaws.com","eventName":"GetItem","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/u","accountId":"1"},"requestParameters":{"tableName":"t"}}"#;
    assert_eq!(describe(no_region), vec!["dynamodb:GetItem *"]);
}

#[test]
fn the_mapper_caches_one_plan_per_event() {
    let mut mapper = Mapper::new(Catalog::embedded());
    for key in ["a", "b", "a"] {
        let json = record_json("s3.amazonaws.com", "GetObject", &format!(r#"{{"bucketName":"b","key":"{key}"}}"#), "");
        let record: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(describe_mapped(mapper.map(&EventFacts::of(&record))), vec![format!("s3:GetObject arn:aws:s3:::b/{key}")]);
    }
    assert_eq!(mapper.plans.len(), 1);
    assert_eq!(mapper.plan_index.len(), 1);
}

fn date_suffix() -> impl Strategy<Value = String> {
    prop_oneof![
        ("(19|20)[0-9]{6}").prop_map(|date| date),
        ("(19|20)[0-9]{6}v[0-9]{1,2}").prop_map(|date| date),
        ("20[0-9]{2}_[0-9]{2}_[0-9]{2}").prop_map(|date| date),
    ]
}

proptest! {
    /// A name without a version-shaped ending is never changed: names may end in digits
    /// (`ListClustersV2`, `DescribeEc2`, `Update123`), just not in a date.
    #[test]
    fn strip_version_suffix_keeps_names_without_a_version_suffix(name in "[A-Z][A-Za-z]{1,30}[A-Za-z0-9]{0,7}") {
        prop_assert_eq!(strip_version_suffix(&name), name.as_str());
    }

    /// A date suffix is removed, and only it.
    #[test]
    fn strip_version_suffix_removes_exactly_the_date(base in "[A-Z][A-Za-z]{1,30}[A-Za-z]", suffix in date_suffix()) {
        let name = format!("{base}{suffix}");
        prop_assert_eq!(strip_version_suffix(&name), base.as_str());
    }

    /// Whatever the input, the result is a prefix of it and never empty for a non-empty name.
    #[test]
    fn strip_version_suffix_returns_a_prefix(name in "\\PC{0,40}") {
        let stripped = strip_version_suffix(&name);
        prop_assert!(name.starts_with(stripped));
        prop_assert!(name.is_empty() || !stripped.is_empty());
    }

    /// The mapper never panics on arbitrary requests and never emits an action the catalog does
    /// not know.
    #[test]
    fn the_mapper_only_emits_catalog_actions(event in "[A-Z][A-Za-z]{2,20}", source in "(s3|ec2|iam|lambda|kms|dynamodb|apigateway|sqs|ssm)", request in "\\{(\"[a-zA-Z]{1,10}\":\"[a-z0-9/:.-]{0,20}\",?){0,4}\\}") {
        let request = request.replace(",}", "}");
        let json = record_json(&format!("{source}.amazonaws.com"), &event, &request, "");
        if let Ok(record) = serde_json::from_str::<Record>(&json) {
            let mut mapper = Mapper::new(Catalog::embedded());
            if let Mapped::Actions(actions) = mapper.map(&EventFacts::of(&record)) {
                for required in actions {
                    let found = Catalog::embedded().action(&required.action);
                    prop_assert!(found.is_some_and(|found| found.full_name() == required.action), "{}", required.action);
                }
            }
        }
    }
}
#[test]
fn prefixes_follow_the_known_exceptions() {
    assert_eq!(service_prefix("monitoring.amazonaws.com"), "cloudwatch");
    assert_eq!(service_prefix("s3.amazonaws.com"), "s3");
    assert_eq!(service_prefix("streams.dynamodb.amazonaws.com"), "dynamodb");
    assert_eq!(service_prefix("bedrock.amazonaws.com"), "bedrock");
    assert_eq!(service_prefix("tagging.amazonaws.com"), "tag");
}

#[test]
fn version_suffixes_are_stripped_without_mangling_names_that_end_in_digits() {
    assert_eq!(strip_version_suffix("UpdateFunctionCode20150331v2"), "UpdateFunctionCode");
    assert_eq!(strip_version_suffix("ListFunctions20150331"), "ListFunctions");
    assert_eq!(strip_version_suffix("CreateDistribution2020_05_31"), "CreateDistribution");
    assert_eq!(strip_version_suffix("PublishLayerVersion20181031"), "PublishLayerVersion");
    // trailscraper's regex turns this into `ListClustersV` (PEERS.md §3).
    assert_eq!(strip_version_suffix("ListClustersV2"), "ListClustersV2");
    assert_eq!(strip_version_suffix("ListObjectsV2"), "ListObjectsV2");
    assert_eq!(strip_version_suffix("CreateVolume"), "CreateVolume");
    assert_eq!(strip_version_suffix("DescribeEc2"), "DescribeEc2");
    assert_eq!(strip_version_suffix("GetBucketLocation2"), "GetBucketLocation2");
}

#[test]
fn calls_made_on_the_callers_behalf_count_for_the_caller_via_the_service() {
    use crate::activity::ActivityBuilder;
    let json = r#"{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/app/s","accountId":"111122223333","invokedBy":"s3.amazonaws.com","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/service/app","accountId":"111122223333"}}},"eventTime":"2026-01-01T00:00:00Z","eventSource":"kms.amazonaws.com","eventName":"Decrypt","awsRegion":"eu-west-1","sourceIPAddress":"s3.amazonaws.com","requestParameters":{"encryptionContext":{"aws:s3:arn":"arn:aws:s3:::b/k"}},"resources":[{"accountId":"111122223333","type":"AWS::KMS::Key","ARN":"arn:aws:kms:eu-west-1:111122223333:key/k1"}],"eventType":"AwsApiCall","recipientAccountId":"111122223333","eventID":"v1"}"#;
    let record: Record = serde_json::from_str(json).unwrap();
    let mut builder = ActivityBuilder::new();
    builder.fold(&record);
    let activity = builder.finish();
    let role = activity.principal("arn:aws:iam::111122223333:role/service/app").expect("the caller, with its path");
    assert_eq!(role.calls.len(), 1);
    let call = &role.calls[0];
    assert_eq!(call.action, "kms:Decrypt");
    assert_eq!(call.resource.as_deref(), Some("arn:aws:kms:eu-west-1:111122223333:key/k1"));
    assert_eq!(call.via_service.as_deref(), Some("s3.amazonaws.com"));
}

/// Resources that Athena, Glue, CloudFormation, ECR, CloudFront, EventBridge, CloudWatch, Route 53,
/// ECS and STS calls name only in their request parameters:
/// without them these calls were granted on `*`.
#[test]
fn workgroups_and_glue_catalog_resources_come_from_the_request() {
    let table: &[(&str, &str, &str, &[&str])] = &[
        (
            "athena.amazonaws.com",
            "StartQueryExecution",
            r#"{"queryString":"SELECT 1","workGroup":"analysts"}"#,
            &["athena:StartQueryExecution arn:aws:athena:eu-west-1:111122223333:workgroup/analysts"],
        ),
        (
            "glue.amazonaws.com",
            "GetTable",
            r#"{"databaseName":"sales","name":"orders"}"#,
            &[
                "glue:GetTable arn:aws:glue:eu-west-1:111122223333:catalog",
                "glue:GetTable arn:aws:glue:eu-west-1:111122223333:database/sales",
                "glue:GetTable arn:aws:glue:eu-west-1:111122223333:table/sales/orders",
            ],
        ),
        (
            "glue.amazonaws.com",
            "GetDatabase",
            r#"{"name":"sales"}"#,
            &["glue:GetDatabase arn:aws:glue:eu-west-1:111122223333:catalog", "glue:GetDatabase arn:aws:glue:eu-west-1:111122223333:database/sales"],
        ),
        (
            "cloudformation.amazonaws.com",
            "DescribeStacks",
            r#"{"stackName":"payments-prod"}"#,
            &["cloudformation:DescribeStacks arn:aws:cloudformation:eu-west-1:111122223333:stack/payments-prod/*"],
        ),
        (
            "cloudformation.amazonaws.com",
            "DescribeStackEvents",
            r#"{"stackName":"arn:aws:cloudformation:eu-west-1:111122223333:stack/payments-prod/bb3e418a-49e3-4cac-9054-d102fdde0956"}"#,
            &["cloudformation:DescribeStackEvents arn:aws:cloudformation:eu-west-1:111122223333:stack/payments-prod/bb3e418a-49e3-4cac-9054-d102fdde0956"],
        ),
        ("cloudformation.amazonaws.com", "DescribeStacks", "{}", &["cloudformation:DescribeStacks *"]),
        (
            "cloudfront.amazonaws.com",
            "CreateInvalidation",
            r#"{"distributionId":"E2QWRUHAPOMQZL","invalidationBatch":{}}"#,
            &["cloudfront:CreateInvalidation arn:aws:cloudfront::111122223333:distribution/E2QWRUHAPOMQZL"],
        ),
        (
            "events.amazonaws.com",
            "PutRule",
            r#"{"name":"nightly","scheduleExpression":"cron(0 3 * * ? *)"}"#,
            &["events:PutRule arn:aws:events:eu-west-1:111122223333:rule/nightly"],
        ),
        (
            "monitoring.amazonaws.com",
            "DescribeAlarms",
            r#"{"alarmNames":["api-5xx"]}"#,
            &["cloudwatch:DescribeAlarms arn:aws:cloudwatch:eu-west-1:111122223333:alarm:api-5xx"],
        ),
        ("glue.amazonaws.com", "StartJobRun", r#"{"jobName":"etl"}"#, &["glue:StartJobRun arn:aws:glue:eu-west-1:111122223333:job/etl"]),
        (
            "route53.amazonaws.com",
            "ListResourceRecordSets",
            r#"{"hostedZoneId":"Z05S7SF2QYWCTB77PT75M"}"#,
            &["route53:ListResourceRecordSets arn:aws:route53:::hostedzone/Z05S7SF2QYWCTB77PT75M"],
        ),
        (
            "ecs.amazonaws.com",
            "UpdateService",
            r#"{"cluster":"prod","service":"api","taskDefinition":"api:102"}"#,
            &["ecs:UpdateService arn:aws:ecs:eu-west-1:111122223333:service/prod/api"],
        ),
        (
            "ecs.amazonaws.com",
            "UpdateService",
            r#"{"cluster":"arn:aws:ecs:eu-west-1:111122223333:cluster/prod","service":"api"}"#,
            &["ecs:UpdateService arn:aws:ecs:eu-west-1:111122223333:service/prod/api"],
        ),
        (
            "ecr.amazonaws.com",
            "BatchGetImage",
            r#"{"registryId":"999999999999","repositoryName":"base"}"#,
            &["ecr:BatchGetImage arn:aws:ecr:eu-west-1:999999999999:repository/base"],
        ),
        (
            "ecs.amazonaws.com",
            "RunTask",
            r#"{"cluster":"prod","taskDefinition":"api-migrate:62"}"#,
            &["ecs:RunTask arn:aws:ecs:eu-west-1:111122223333:task-definition/api-migrate:62"],
        ),
        ("s3.amazonaws.com", "DeleteObjects", r#"{"bucketName":"acme-data","delete":""}"#, &["s3:DeleteObject arn:aws:s3:::acme-data/*"]),
        (
            "ssm.amazonaws.com",
            "StartSession",
            r#"{"target":"i-0123456789abcdef0","documentName":"AWS-StartPortForwardingSession"}"#,
            &[
                "ssm:StartSession arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0",
                "ssm:StartSession arn:aws:ssm:eu-west-1::document/AWS-StartPortForwardingSession",
            ],
        ),
        ("sts.amazonaws.com", "GetFederationToken", r#"{"name":"build-bot"}"#, &["sts:GetFederationToken arn:aws:sts::111122223333:federated-user/build-bot"]),
        (
            "ecr.amazonaws.com",
            "PutImage",
            r#"{"repositoryName":"acme/payments-api","imageTag":"8c074ce"}"#,
            &["ecr:PutImage arn:aws:ecr:eu-west-1:111122223333:repository/acme/payments-api"],
        ),
    ];
    for (source, event, request, expected) in table {
        let mut mapped = map(source, event, request);
        mapped.sort();
        let mapped: Vec<&str> = mapped.iter().map(String::as_str).collect();
        assert_eq!(&mapped[..], *expected, "{source} {event}");
    }
}

#[test]
fn aws_operation_map_is_the_base_with_conditions_shown_by_the_record() {
    // AWS's map where the action is not the operation's name.
    assert_eq!(map("access-analyzer.amazonaws.com", "GetFindingV2", r#"{"analyzerArn":"a","id":"f"}"#), ["access-analyzer:GetFinding *"]);
    // Not in AWS's map, seen in real logs: our table.
    assert_eq!(map("ssm.amazonaws.com", "OpenControlChannel", r#"{"channelId":"c"}"#), ["ssmmessages:OpenControlChannel *"]);
    assert_eq!(map("s3express.amazonaws.com", "ListDirectoryBuckets", r#"{}"#), ["s3express:ListAllMyDirectoryBuckets *"]);
    assert_eq!(
        map("lambda.amazonaws.com", "AddEventSource", r#"{"functionName":"f","role":"arn:aws:iam::111122223333:role/invoke"}"#),
        ["lambda:CreateEventSourceMapping * passes role arn:aws:iam::111122223333:role/invoke"]
    );
    // Sign-in events stay sign-in events, but the CLI's OAuth2 token calls are API calls.
    assert_eq!(map("signin.amazonaws.com", "ConsoleLogin", r#"null"#), ["no permission: sign-in event"]);
    assert_eq!(map("signin.amazonaws.com", "CreateOAuth2TokenWithIAM", r#"{}"#), ["signin:CreateOAuth2Token *"]);
    // Tagging extras only when the request carries tags.
    let queue = "arn:aws:sqs:eu-west-1:111122223333:orders";
    assert_eq!(map("sqs.amazonaws.com", "CreateQueue", r#"{"queueName":"orders"}"#), [format!("sqs:CreateQueue {queue}")]);
    assert_eq!(
        map("sqs.amazonaws.com", "CreateQueue", r#"{"queueName":"orders","tags":{"team":"a"}}"#),
        [format!("sqs:CreateQueue {queue}"), format!("sqs:TagQueue {queue}")]
    );
    // `unmask`, a bearer token, a guardrail.
    let group = r#"{"logGroupName":"/app","logStreamName":"s"}"#;
    assert_eq!(map("logs.amazonaws.com", "GetLogEvents", group).len(), 1);
    let unmasked = map("logs.amazonaws.com", "GetLogEvents", r#"{"logGroupName":"/app","logStreamName":"s","unmask":true}"#);
    assert_eq!(unmasked.iter().filter(|line| line.starts_with("logs:Unmask")).count(), 1, "{unmasked:?}");
    let model = r#"{"modelId":"anthropic.claude-3-haiku-20240307-v1:0"}"#;
    assert_eq!(map("bedrock.amazonaws.com", "InvokeModel", model).len(), 1);
    let with_key = map_with("bedrock.amazonaws.com", "InvokeModel", model, r#""additionalEventData":{"callWithBearerToken":true}"#);
    assert!(with_key.iter().any(|line| line == "bedrock:CallWithBearerToken *"), "{with_key:?}");
    let guarded = map("bedrock.amazonaws.com", "InvokeModel", r#"{"modelId":"m","guardrailIdentifier":"g1"}"#);
    assert!(guarded.iter().any(|line| line.starts_with("bedrock:ApplyGuardrail")), "{guarded:?}");
    // `iam:PassRole` from AWS's map: the role ARNs the request names are flagged.
    let domain = map(
        "sagemaker.amazonaws.com",
        "CreateDomain",
        r#"{"domainName":"d","defaultUserSettings":{"executionRole":"arn:aws:iam::111122223333:role/sm-exec"}}"#,
    );
    assert!(
        domain.iter().any(|line| line.starts_with("sagemaker:CreateDomain") && line.ends_with("passes role arn:aws:iam::111122223333:role/sm-exec")),
        "{domain:?}"
    );
    // An extra is granted on resources of its own that the event names, never on `*` or the
    // call's own resource; the synthesis suggests it otherwise.
    let function = map("lambda.amazonaws.com", "CreateFunction20150331", r#"{"functionName":"f","role":"arn:aws:iam::111122223333:role/x"}"#);
    assert!(function.iter().all(|line| line.starts_with("lambda:CreateFunction ")), "{function:?}");
    let bucket = map("s3.amazonaws.com", "CreateBucket", r#"{"bucketName":"new-bucket"}"#);
    assert_eq!(bucket, ["s3:CreateBucket arn:aws:s3:::new-bucket"]);
    let batch =
        map("secretsmanager.amazonaws.com", "BatchGetSecretValue", r#"{"secretIdList":["arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"]}"#);
    assert!(batch.contains(&"secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf".to_owned()), "{batch:?}");
    assert_eq!(crate::mapping::aws_map_extras_of("lambda:CreateFunction"), ["lambda:GetLayerVersion", "lambda:PassCapacityProvider"]);
}

#[test]
fn the_embedded_aws_operation_map_loads() {
    let map = AwsOperationMap::embedded();
    assert_eq!(map.date(), "2026-07-25");
    assert!(map.len() > 2_900, "{}", map.len());
    assert_eq!(map.actions("access-analyzer", "ListFindingsV2"), Some(&["access-analyzer:ListFindings".to_owned()][..]));
    assert_eq!(map.actions("sqs", "SendMessage"), None, "own-name operations are left to the rule");
}
