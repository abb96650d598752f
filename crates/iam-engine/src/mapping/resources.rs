//! Which resources a call touched, read from its request parameters: S3 bucket and key, DynamoDB
//! table, Lambda function, SQS queue URL, SNS topic, KMS key or alias, IAM role, user, group and
//! policy, secret, SSM parameter and document, log group, EC2 instance, ... Each is a *candidate*:
//! either an ARN the request spells out, or a resource type of the catalog with the values of its
//! ARN format's variables. The mapper keeps the candidates whose type the action lists and builds
//! their ARNs from the catalog's formats with the record's partition, region and account, so
//! nothing here knows an ARN layout by heart, and nothing is invented: a value the request does
//! not hold is no candidate.

use super::request::RequestView;
use super::table::On;
use std::borrow::Cow;

/// A resource named by a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Candidate<'a> {
    /// An ARN spelled out in the request; kept when the catalog says it is of a type the action
    /// lists.
    Arn(Cow<'a, str>),
    /// An ARN we built ourselves from a known layout (API Gateway paths, PartiQL tables); kept as is.
    Built(String),
    /// A resource type of the action's service with the values of its ARN format's variables.
    Typed(Typed<'a>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Typed<'a> {
    /// The catalog's resource type name (`bucket`, `object`, `function`, `queue`, ...).
    pub resource_type: &'static str,
    /// Values of the format's own variables (`BucketName`, `ObjectName`, ...).
    pub values: Vec<(&'static str, Cow<'a, str>)>,
    /// The region, when the request says it (an SQS queue URL) rather than the record.
    pub region: Option<Cow<'a, str>>,
    /// The account, when the request says it (a queue URL, a partial Lambda ARN, an AWS-owned
    /// SSM document, which has none).
    pub account: Option<Cow<'a, str>>,
}

fn typed<'a>(resource_type: &'static str, values: Vec<(&'static str, Cow<'a, str>)>) -> Candidate<'a> {
    Candidate::Typed(Typed { resource_type, values, region: None, account: None })
}

/// The candidates of a request for an action of `service`, for the request object `on` points at.
pub(super) fn request_candidates<'a>(service: &str, on: On, request: &RequestView<'a>) -> Vec<Candidate<'a>> {
    let mut found = Vec::new();
    match (service, on) {
        ("s3", On::Target) => s3_target(request, &mut found),
        ("s3", On::Source) => s3_copy_source(request, &mut found),
        ("kms", On::Source) => found.extend(request.string("sourceKeyId").map(kms_key)),
        ("kms", On::Destination) => found.extend(request.string("destinationKeyId").map(kms_key)),
        (_, On::Source | On::Destination) => {}
        ("kms", On::Target) => {
            for member in ["keyId", "targetKeyId", "aliasName"] {
                found.extend(request.string(member).map(kms_key));
            }
        }
        ("dynamodb", On::Target) => found.extend(request.string("tableName").map(dynamodb_table)),
        ("lambda", On::Target) => found.extend(lambda_function(request)),
        ("sqs", On::Target) => sqs_queue(request, &mut found),
        ("sns", On::Target) => {
            if let Some(name) = request.string("name").filter(|name| !name.starts_with("arn:")) {
                found.push(typed("topic", vec![("TopicName", name)]));
            }
        }
        ("iam", On::Target) => iam_entities(request, &mut found),
        ("secretsmanager", On::Target) => {
            for member in ["secretId", "name"] {
                if let Some(secret) = request.string(member) {
                    found.push(secret_candidate(secret));
                    break;
                }
            }
            // `BatchGetSecretValue` names its secrets in a list (or selects them by filters); the
            // API takes at most 20.
            found.extend(request.strings("secretIdList").into_iter().take(20).map(secret_candidate));
        }
        ("ssm", On::Target) => ssm_resources(request, &mut found),
        ("logs", On::Target) => logs_resources(request, &mut found),
        ("ec2" | "ec2-instance-connect", On::Target) => ec2_resources(request, &mut found),
        ("cloudtrail", On::Target) => {
            if let Some(trail) = request.string("name").or_else(|| request.string("trailName")) {
                found.push(if trail.starts_with("arn:") { Candidate::Arn(trail) } else { typed("trail", vec![("TrailName", trail)]) });
            }
        }
        ("bedrock", On::Target) => found.extend(request.string("modelId").and_then(bedrock_model)),
        ("rds", On::Target) => {
            found.extend(request.string("dBSnapshotIdentifier").map(|name| typed("snapshot", vec![("SnapshotName", name)])));
            found.extend(request.string("dBInstanceIdentifier").map(|name| typed("db", vec![("DbInstanceName", name)])));
        }
        ("codebuild", On::Target) => found.extend(request.string("projectName").map(|name| typed("project", vec![("ProjectName", name)]))),
        ("athena", On::Target) => found.extend(request.string("workGroup").map(|name| typed("workgroup", vec![("WorkGroupName", name)]))),
        ("glue", On::Target) => glue_resources(request, &mut found),
        ("cloudfront", On::Target) => {
            for member in ["distributionId", "id"] {
                found.extend(request.string(member).filter(|id| id.starts_with('E')).map(|id| typed("distribution", vec![("DistributionId", id)])));
            }
        }
        // A rule on the default event bus, by name (`PutRule`, `DescribeRule`, `PutTargets`).
        ("events", On::Target) if request.string("eventBusName").is_none_or(|bus| bus == "default") => {
            for member in ["name", "rule"] {
                found.extend(
                    request.string(member).filter(|name| !name.starts_with("arn:")).map(|name| typed("rule-on-default-event-bus", vec![("RuleName", name)])),
                );
            }
        }
        ("cloudwatch", On::Target) => {
            let mut alarms = request.strings("alarmNames");
            alarms.extend(request.string("alarmName"));
            found.extend(alarms.into_iter().map(|name| typed("alarm", vec![("AlarmName", name)])));
        }
        ("route53", On::Target) => {
            for member in ["hostedZoneId", "id"] {
                if let Some(id) = request.string(member) {
                    let id = id.trim_start_matches("/hostedzone/");
                    if id.starts_with('Z') && !id.contains('/') {
                        found.push(typed("hostedzone", vec![("Id", Cow::Owned(id.to_owned()))]));
                    }
                }
            }
        }
        ("sts", On::Target) => {
            found
                .extend(request.string("name").filter(|name| !name.starts_with("arn:")).map(|name| typed("federated-user", vec![("FederatedUserName", name)])));
        }
        ("ecs", On::Target) => ecs_resources(request, &mut found),
        // Another account's registry when `registryId` names it (cross-account pulls).
        ("ecr", On::Target) => found.extend(request.string("repositoryName").filter(|name| !name.starts_with("arn:")).map(|name| {
            Candidate::Typed(Typed { resource_type: "repository", values: vec![("RepositoryName", name)], region: None, account: request.string("registryId") })
        })),
        ("cloudformation", On::Target) => {
            for member in ["stackName", "stackSetName"] {
                if let Some(stack) = request.string(member) {
                    found.push(cloudformation_stack(member, stack));
                }
            }
        }
        _ => {}
    }
    if on == On::Target {
        arn_members(request, &mut found);
    }
    found
}

/// Every top-level member whose value is an ARN (`topicArn`, `stateMachineArn`, `policyArn`, ...):
/// the catalog decides later whether it is a resource of the action.
fn arn_members<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    let keys: Vec<&str> = request.keys().filter(|key| key.len() >= 3 && key.get(key.len() - 3..).is_some_and(|end| end.eq_ignore_ascii_case("arn"))).collect();
    for key in keys {
        for value in request.strings(key) {
            if value.starts_with("arn:") && !found.iter().any(|candidate| matches!(candidate, Candidate::Arn(arn) if *arn == value)) {
                found.push(Candidate::Arn(value));
            }
        }
    }
}

fn s3_target<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    let Some(bucket) = request.string("bucketName") else {
        return;
    };
    if bucket.starts_with("arn:") {
        // An access point or Outposts bucket ARN used as the bucket name.
        found.push(Candidate::Arn(bucket));
        return;
    }
    found.push(typed("bucket", vec![("BucketName", bucket.clone())]));
    if let Some(key) = request.string("key") {
        found.push(typed("object", vec![("BucketName", bucket.clone()), ("ObjectName", key)]));
    }
    // `DeleteObjects` lists its keys in the body; CloudTrail often logs the body as `""`, and then
    // the keys are unknown: every object of the bucket (`bucket/*`) is what the call may delete.
    let keys = request.object("delete").map(|delete| delete.strings_in_objects("Object", "Key")).unwrap_or_default();
    if keys.is_empty() && request.keys().any(|key| key == "delete") {
        found.push(typed("object", vec![("BucketName", bucket.clone()), ("ObjectName", Cow::Borrowed("*"))]));
    }
    for key in keys {
        found.push(typed("object", vec![("BucketName", bucket.clone()), ("ObjectName", key)]));
    }
}

/// The copy source of `CopyObject`/`UploadPartCopy`: `bucket/key`, URL-encoded, with an optional
/// leading slash and `?versionId=`.
pub(super) fn s3_copy_source_parts<'a>(request: &RequestView<'a>) -> Option<(String, Option<String>)> {
    let source = ["x-amz-copy-source", "copySource", "CopySource"].iter().find_map(|member| request.string(member))?;
    let (path, query) = match source.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (source.as_ref(), None),
    };
    let version = query.and_then(|query| query.split('&').find_map(|pair| pair.strip_prefix("versionId="))).filter(|version| !version.is_empty());
    Some((percent_decode(path.trim_start_matches('/')), version.map(percent_decode)))
}

fn s3_copy_source<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    let Some((path, _)) = s3_copy_source_parts(request) else {
        return;
    };
    if path.starts_with("arn:") {
        found.push(Candidate::Arn(Cow::Owned(path)));
        return;
    }
    if let Some((bucket, key)) = path.split_once('/').filter(|(bucket, key)| !bucket.is_empty() && !key.is_empty()) {
        found.push(typed("object", vec![("BucketName", Cow::Owned(bucket.to_owned())), ("ObjectName", Cow::Owned(key.to_owned()))]));
    }
}

/// Decodes `%XX` escapes; invalid escapes and non-UTF-8 results are kept as written.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |offset: usize| bytes.get(index + offset).and_then(|byte| (*byte as char).to_digit(16));
        match (bytes[index], hex(1), hex(2)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                index += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).unwrap_or_else(|_| text.to_owned())
}

fn kms_key(key: Cow<'_, str>) -> Candidate<'_> {
    if key.starts_with("arn:") {
        return Candidate::Arn(key);
    }
    match key.strip_prefix("alias/") {
        Some(alias) => typed("alias", vec![("Alias", Cow::Owned(alias.to_owned()))]),
        None => typed("key", vec![("KeyId", key)]),
    }
}

fn dynamodb_table(table: Cow<'_, str>) -> Candidate<'_> {
    if table.starts_with("arn:") {
        Candidate::Arn(table)
    } else {
        typed("table", vec![("TableName", table)])
    }
}

/// A Lambda function from `functionName` in any of its spellings: a name, `name:qualifier`, a
/// partial ARN `123456789012:function:name[:qualifier]`, or a full ARN. A qualified call (a
/// version or an alias) is authorised against the qualified ARN, so the qualifier stays; the
/// account of a partial ARN is the function's.
fn lambda_function<'a>(request: &RequestView<'a>) -> Option<Candidate<'a>> {
    let function = request.string("functionName")?;
    let qualifier = request.string("qualifier");
    if function.starts_with("arn:") {
        return Some(match qualifier {
            Some(qualifier) if function.matches(':').count() == 6 => Candidate::Arn(Cow::Owned(format!("{function}:{qualifier}"))),
            _ => Candidate::Arn(function),
        });
    }
    let (account, name) = match function.split_once(":function:") {
        Some((account, name)) => (Some(Cow::Owned(account.to_owned())), name.to_owned()),
        None => (None, function.into_owned()),
    };
    let name = match qualifier {
        Some(qualifier) if !name.contains(':') => format!("{name}:{qualifier}"),
        _ => name,
    };
    Some(Candidate::Typed(Typed { resource_type: "function", values: vec![("FunctionName", Cow::Owned(name))], region: None, account }))
}

/// An SQS queue from its URL (`https://sqs.eu-west-1.amazonaws.com/123456789012/q`, or the legacy
/// `https://eu-west-1.queue.amazonaws.com/...`), which names its own region and account, or from
/// `queueName`.
fn sqs_queue<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    if let Some(url) = request.string("queueUrl") {
        if let Some(queue) = parse_queue_url(&url) {
            found.push(queue);
        }
        return;
    }
    if let Some(name) = request.string("queueName") {
        let account = request.string("queueOwnerAWSAccountId");
        found.push(Candidate::Typed(Typed { resource_type: "queue", values: vec![("QueueName", name)], region: None, account }));
    }
}

fn parse_queue_url(url: &str) -> Option<Candidate<'static>> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let mut parts = rest.split('/');
    let host = parts.next()?;
    let account = parts.next().filter(|account| !account.is_empty() && account.bytes().all(|byte| byte.is_ascii_digit()))?;
    let name = parts.next().filter(|name| !name.is_empty())?;
    let region = host.strip_prefix("sqs.").and_then(|rest| rest.split('.').next()).or_else(|| host.split_once(".queue.").map(|(region, _)| region));
    Some(Candidate::Typed(Typed {
        resource_type: "queue",
        values: vec![("QueueName", Cow::Owned(name.to_owned()))],
        region: region.filter(|region| !region.is_empty() && *region != "queue").map(|region| Cow::Owned(region.to_owned())),
        account: Some(Cow::Owned(account.to_owned())),
    }))
}

/// IAM names: a `path` member (on create calls) completes the name to the name with path the
/// ARN holds; otherwise the name alone is used, which is right for the usual path `/`.
fn iam_entities<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    let path = request.string("path").map(|path| path.trim_matches('/').to_owned()).filter(|path| !path.is_empty());
    let with_path = |name: Cow<'a, str>| match &path {
        Some(path) => Cow::Owned(format!("{path}/{name}")),
        None => name,
    };
    let members: [(&str, &'static str, &'static str); 5] = [
        ("roleName", "role", "RoleNameWithPath"),
        ("userName", "user", "UserNameWithPath"),
        ("groupName", "group", "GroupNameWithPath"),
        ("instanceProfileName", "instance-profile", "InstanceProfileNameWithPath"),
        ("policyName", "policy", "PolicyNameWithPath"),
    ];
    for (member, resource_type, variable) in members {
        if let Some(name) = request.string(member) {
            found.push(typed(resource_type, vec![(variable, with_path(name))]));
        }
    }
}

/// A secret by ARN, or by name: a secret's ARN ends in `-` and six random characters that the
/// request does not show, so the name becomes the documented pattern `name-??????`.
fn secret_candidate(secret: Cow<'_, str>) -> Candidate<'_> {
    if secret.starts_with("arn:") {
        Candidate::Arn(secret)
    } else {
        typed("secret", vec![("SecretId", Cow::Owned(format!("{secret}-??????")))])
    }
}

fn ssm_resources<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    let mut names = request.strings("names");
    names.extend(request.string("name"));
    names.extend(request.string("path"));
    for name in names {
        if name.starts_with("arn:") {
            found.push(Candidate::Arn(name));
            continue;
        }
        found.push(typed("parameter", vec![("ParameterNameWithoutLeadingSlash", Cow::Owned(name.trim_start_matches('/').to_owned()))]));
        found.push(ssm_document(name));
    }
    found.extend(request.string("documentName").map(ssm_document));
    found.extend(request.string("sessionId").map(|session| typed("session", vec![("SessionId", session)])));
    let mut targets = request.strings("instanceIds");
    targets.extend(request.string("instanceId"));
    targets.extend(request.string("target"));
    for target in targets {
        if target.starts_with("i-") {
            found.push(typed("instance", vec![("InstanceId", target)]));
        } else if target.starts_with("mi-") {
            found.push(typed("managed-instance", vec![("InstanceId", target)]));
        }
    }
}

/// Glue's Data Catalog: a table is named by `databaseName` and `tableName` or `name`; a database
/// by `databaseName`, or by `name` when no `databaseName` is given (`GetDatabase`). Every catalog
/// call also acts on the account's catalog.
fn glue_resources<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    if let Some(job) = request.string("jobName") {
        found.push(typed("job", vec![("JobName", job)]));
        return;
    }
    let database = request.string("databaseName");
    let table = request.string("tableName").or_else(|| database.as_ref().and_then(|_| request.string("name")));
    let database = database.or_else(|| request.string("name"));
    let Some(database) = database else {
        return;
    };
    found.push(typed("rootcatalog", Vec::new()));
    if let Some(table) = table {
        found.push(typed("table", vec![("DatabaseName", database.clone()), ("TableName", table)]));
    }
    found.push(typed("database", vec![("DatabaseName", database)]));
}

/// ECS clusters and services by name (`cluster` defaults to `default`), and task definitions by
/// family (`family`, or `taskDefinition` as `family:revision`).
fn ecs_resources<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    // The cluster by name or by ARN (`arn:aws:ecs:…:cluster/NAME`, as deploy tools pass it).
    let cluster = request.string("cluster");
    let cluster_name = match &cluster {
        Some(arn) if arn.starts_with("arn:") => arn.rsplit_once('/').map(|(_, name)| Cow::Owned(name.to_owned())),
        Some(name) => Some(name.clone()),
        None => None,
    };
    let mut services = request.strings("services");
    services.extend(request.string("service"));
    for service in services.into_iter().filter(|service| !service.starts_with("arn:")) {
        let cluster = cluster_name.clone().unwrap_or(Cow::Borrowed("default"));
        found.push(typed("service", vec![("ClusterName", cluster), ("ServiceName", service)]));
    }
    match cluster {
        Some(arn) if arn.starts_with("arn:") => found.push(Candidate::Arn(arn)),
        Some(name) => found.push(typed("cluster", vec![("ClusterName", name)])),
        None => {}
    }
    let family = request.string("family").map(|family| (family, Cow::Borrowed("*"))).or_else(|| {
        let definition = request.string("taskDefinition").filter(|definition| !definition.starts_with("arn:"))?;
        Some(match definition.split_once(':') {
            Some((family, revision)) => (Cow::Owned(family.to_owned()), Cow::Owned(revision.to_owned())),
            None => (definition, Cow::Borrowed("*")),
        })
    });
    if let Some((family, revision)) = family {
        found.push(typed("task-definition", vec![("TaskDefinitionFamilyName", family), ("TaskDefinitionRevisionNumber", revision)]));
    }
}

/// A stack given by its ID (an ARN) or by its name. A stack ARN ends in an ID CloudFormation
/// assigns at creation, which a request by name does not show; `stack/NAME/*` is the form AWS's
/// CloudFormation guide writes for "the stack called NAME", whichever its ID.
fn cloudformation_stack<'a>(member: &str, stack: Cow<'a, str>) -> Candidate<'a> {
    if stack.starts_with("arn:") {
        return Candidate::Arn(stack);
    }
    match member {
        "stackSetName" => typed("stackset", vec![("StackSetName", stack), ("Id", Cow::Borrowed("*"))]),
        _ => typed("stack", vec![("StackName", stack), ("Id", Cow::Borrowed("*"))]),
    }
}

/// SSM documents owned by AWS (`AWS-RunShellScript`) have ARNs without an account.
fn ssm_document(name: Cow<'_, str>) -> Candidate<'_> {
    let aws_owned = name.starts_with("AWS-") || name.starts_with("AWSEC2-") || name.starts_with("AWSSupport-") || name.starts_with("Amazon");
    let account = aws_owned.then_some(Cow::Borrowed(""));
    Candidate::Typed(Typed { resource_type: "document", values: vec![("DocumentName", name)], region: None, account })
}

fn logs_resources<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    let group = request.string("logGroupName").or_else(|| request.string("logGroupIdentifier"));
    let Some(group) = group else {
        return;
    };
    if group.starts_with("arn:") {
        found.push(Candidate::Arn(Cow::Owned(group.trim_end_matches(":*").to_owned())));
        return;
    }
    found.push(typed("log-group", vec![("LogGroupName", group.clone())]));
    if let Some(stream) = request.string("logStreamName") {
        found.push(typed("log-stream", vec![("LogGroupName", group), ("LogStreamName", stream)]));
    }
}

fn ec2_resources<'a>(request: &RequestView<'a>, found: &mut Vec<Candidate<'a>>) {
    let mut instances = request.strings_in_objects("instancesSet", "instanceId");
    instances.extend(request.strings("instanceIds"));
    instances.extend(request.string("instanceId"));
    for instance in instances.into_iter().filter(|id| id.starts_with("i-")) {
        found.push(typed("instance", vec![("InstanceId", instance)]));
    }
    let singles: [(&str, &'static str, &'static str, &str); 4] = [
        ("volumeId", "volume", "VolumeId", "vol-"),
        ("snapshotId", "snapshot", "SnapshotId", "snap-"),
        ("imageId", "image", "ImageId", "ami-"),
        ("groupId", "security-group", "SecurityGroupId", "sg-"),
    ];
    for (member, resource_type, variable, prefix) in singles {
        if let Some(id) = request.string(member).filter(|id| id.starts_with(prefix)) {
            found.push(typed(resource_type, vec![(variable, id)]));
        }
    }
}

/// A Bedrock model id: a foundation model (`anthropic.claude-3-haiku-…`) or its ARN. A
/// cross-region inference profile (`us.anthropic.…`) is no candidate: invoking one also needs the
/// foundation model in every region the profile routes to, which the request does not show, and
/// the profile's ARN alone would make the policy deny the call.
fn bedrock_model(model: Cow<'_, str>) -> Option<Candidate<'_>> {
    if model.starts_with("arn:") {
        let profile = model.contains(":inference-profile/") || model.contains(":application-inference-profile/");
        return (!profile).then_some(Candidate::Arn(model));
    }
    let geography = model.split('.').next().unwrap_or("");
    let profile = model.contains('.') && matches!(geography, "us" | "eu" | "apac" | "global" | "us-gov" | "ca" | "jp" | "au");
    (!profile).then(|| typed("foundation-model", vec![("ResourceId", model)]))
}

/// The table each PartiQL statement works on, with its verb: `SELECT * FROM "orders"."byDate"`
/// → (`Select`, `orders`). Unknown verbs and unreadable statements are skipped.
pub(super) fn partiql_statements(request: &RequestView<'_>) -> Vec<(&'static str, Option<String>)> {
    let mut statements: Vec<Cow<'_, str>> = request.string("statement").into_iter().collect();
    statements.extend(request.strings_in_objects("statements", "statement"));
    statements.extend(request.strings_in_objects("transactStatements", "statement"));
    statements.iter().filter_map(|statement| partiql_statement(statement)).collect()
}

fn partiql_statement(statement: &str) -> Option<(&'static str, Option<String>)> {
    let words: Vec<&str> = statement.split_whitespace().take(8).collect();
    let verb = words.first()?;
    let (action, table_after) = if verb.eq_ignore_ascii_case("select") || verb.eq_ignore_ascii_case("exists") {
        ("dynamodb:PartiQLSelect", "from")
    } else if verb.eq_ignore_ascii_case("insert") {
        ("dynamodb:PartiQLInsert", "into")
    } else if verb.eq_ignore_ascii_case("update") {
        ("dynamodb:PartiQLUpdate", "update")
    } else if verb.eq_ignore_ascii_case("delete") {
        ("dynamodb:PartiQLDelete", "from")
    } else {
        return None;
    };
    let position = words.iter().position(|word| word.eq_ignore_ascii_case(table_after))?;
    let table = words.get(position + 1).and_then(|word| {
        let name = word.split('.').next().unwrap_or(word).trim_matches(|c: char| c == '"' || c == '\'' || c == ';');
        (!name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.'))).then(|| name.to_owned())
    });
    Some((action, table))
}

/// The kind and table of each `TransactWriteItems` item (`{"put": {"tableName": …}}`).
pub(super) fn transact_write_items(request: &RequestView<'_>) -> Vec<(&'static str, Option<String>)> {
    let mut found = Vec::new();
    for item in request.objects("transactItems") {
        for key in item.keys() {
            let action = if key.eq_ignore_ascii_case("put") {
                "dynamodb:PutItem"
            } else if key.eq_ignore_ascii_case("update") {
                "dynamodb:UpdateItem"
            } else if key.eq_ignore_ascii_case("delete") {
                "dynamodb:DeleteItem"
            } else if key.eq_ignore_ascii_case("conditionCheck") {
                "dynamodb:ConditionCheckItem"
            } else {
                continue;
            };
            let table = item.object(key).and_then(|body| body.string("tableName")).map(|table| table.into_owned());
            found.push((action, table));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::value::RawValue;

    fn view(text: &str) -> RequestView<'_> {
        let raw: &RawValue = serde_json::from_str(text).unwrap();
        RequestView::parse(Some(raw))
    }

    fn typed_values(candidate: &Candidate<'_>) -> String {
        match candidate {
            Candidate::Arn(arn) => format!("arn {arn}"),
            Candidate::Built(arn) => format!("built {arn}"),
            Candidate::Typed(typed) => {
                let values: Vec<String> = typed.values.iter().map(|(name, value)| format!("{name}={value}")).collect();
                format!(
                    "{} {}{}{}",
                    typed.resource_type,
                    values.join(","),
                    typed.region.as_ref().map(|region| format!(" region={region}")).unwrap_or_default(),
                    typed.account.as_ref().map(|account| format!(" account={account}")).unwrap_or_default()
                )
            }
        }
    }

    fn candidates(service: &str, on: On, request: &str) -> Vec<String> {
        request_candidates(service, on, &view(request)).iter().map(typed_values).collect()
    }

    #[test]
    fn each_service_reads_its_own_members() {
        let table: &[(&str, On, &str, &[&str])] = &[
            ("s3", On::Target, r#"{"bucketName":"b","key":"logs/a.txt"}"#, &["bucket BucketName=b", "object BucketName=b,ObjectName=logs/a.txt"]),
            (
                "s3",
                On::Source,
                r#"{"bucketName":"b","key":"k","x-amz-copy-source":"/src/dir/a%20b.txt?versionId=v1"}"#,
                &["object BucketName=src,ObjectName=dir/a b.txt"],
            ),
            ("kms", On::Target, r#"{"keyId":"alias/app"}"#, &["alias Alias=app"]),
            ("kms", On::Source, r#"{"sourceKeyId":"1234abcd","destinationKeyId":"arn:aws:kms:eu-west-1:1:key/x"}"#, &["key KeyId=1234abcd"]),
            (
                "kms",
                On::Destination,
                r#"{"sourceKeyId":"1234abcd","destinationKeyId":"arn:aws:kms:eu-west-1:1:key/x"}"#,
                &["arn arn:aws:kms:eu-west-1:1:key/x"],
            ),
            ("dynamodb", On::Target, r#"{"tableName":"orders"}"#, &["table TableName=orders"]),
            ("lambda", On::Target, r#"{"functionName":"f"}"#, &["function FunctionName=f"]),
            ("lambda", On::Target, r#"{"functionName":"f","qualifier":"PROD"}"#, &["function FunctionName=f:PROD"]),
            ("lambda", On::Target, r#"{"functionName":"123456789012:function:f:7"}"#, &["function FunctionName=f:7 account=123456789012"]),
            ("lambda", On::Target, r#"{"functionName":"arn:aws:lambda:eu-west-1:1:function:f"}"#, &["arn arn:aws:lambda:eu-west-1:1:function:f"]),
            (
                "sqs",
                On::Target,
                r#"{"queueUrl":"https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"}"#,
                &["queue QueueName=jobs region=eu-west-1 account=123456789012"],
            ),
            (
                "sqs",
                On::Target,
                r#"{"queueUrl":"https://eu-west-1.queue.amazonaws.com/123456789012/jobs"}"#,
                &["queue QueueName=jobs region=eu-west-1 account=123456789012"],
            ),
            ("sns", On::Target, r#"{"topicArn":"arn:aws:sns:eu-west-1:1:t","message":"hi"}"#, &["arn arn:aws:sns:eu-west-1:1:t"]),
            (
                "iam",
                On::Target,
                r#"{"roleName":"app","policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#,
                &["role RoleNameWithPath=app", "arn arn:aws:iam::aws:policy/ReadOnlyAccess"],
            ),
            ("iam", On::Target, r#"{"roleName":"app","path":"/team/"}"#, &["role RoleNameWithPath=team/app"]),
            ("secretsmanager", On::Target, r#"{"secretId":"prod/db"}"#, &["secret SecretId=prod/db-??????"]),
            (
                "ssm",
                On::Target,
                r#"{"names":["/app/a","b"],"withDecryption":true}"#,
                &[
                    "parameter ParameterNameWithoutLeadingSlash=app/a",
                    "document DocumentName=/app/a",
                    "parameter ParameterNameWithoutLeadingSlash=b",
                    "document DocumentName=b",
                ],
            ),
            (
                "ssm",
                On::Target,
                r#"{"documentName":"AWS-RunShellScript","instanceIds":["i-1"]}"#,
                &["document DocumentName=AWS-RunShellScript account=", "instance InstanceId=i-1"],
            ),
            (
                "logs",
                On::Target,
                r#"{"logGroupName":"/aws/lambda/f","logStreamName":"s"}"#,
                &["log-group LogGroupName=/aws/lambda/f", "log-stream LogGroupName=/aws/lambda/f,LogStreamName=s"],
            ),
            (
                "ec2",
                On::Target,
                r#"{"instancesSet":{"items":[{"instanceId":"i-1"},{"instanceId":"i-2"}]}}"#,
                &["instance InstanceId=i-1", "instance InstanceId=i-2"],
            ),
            ("ec2", On::Target, r#"{"snapshotId":"snap-1","createVolumePermission":{}}"#, &["snapshot SnapshotId=snap-1"]),
            ("bedrock", On::Target, r#"{"modelId":"us.anthropic.claude-3-haiku"}"#, &[]),
            ("bedrock", On::Target, r#"{"modelId":"anthropic.claude-v2"}"#, &["foundation-model ResourceId=anthropic.claude-v2"]),
            (
                "states",
                On::Target,
                r#"{"stateMachineArn":"arn:aws:states:eu-west-1:1:stateMachine:m","roleArn":"arn:aws:iam::1:role/r"}"#,
                &["arn arn:aws:states:eu-west-1:1:stateMachine:m", "arn arn:aws:iam::1:role/r"],
            ),
            ("s3", On::Target, r#"{"Host":"s3.amazonaws.com"}"#, &[]),
        ];
        for (service, on, request, expected) in table {
            assert_eq!(candidates(service, *on, request), *expected, "{service} {on:?} {request}");
        }
    }

    #[test]
    fn partiql_statements_give_verb_and_table() {
        let request = view(r#"{"statement":"SELECT * FROM \"orders\".\"byDate\" WHERE pk = ?"}"#);
        assert_eq!(partiql_statements(&request), vec![("dynamodb:PartiQLSelect", Some("orders".to_owned()))]);
        let batch = view(
            r#"{"statements":[{"statement":"INSERT INTO users VALUE {'a': 1}"},{"statement":"update \"users\" SET a = 2"},{"statement":"DELETE FROM t WHERE a = 1"}]}"#,
        );
        assert_eq!(
            partiql_statements(&batch),
            vec![
                ("dynamodb:PartiQLInsert", Some("users".to_owned())),
                ("dynamodb:PartiQLUpdate", Some("users".to_owned())),
                ("dynamodb:PartiQLDelete", Some("t".to_owned()))
            ]
        );
        assert!(partiql_statements(&view(r#"{"statement":"***"}"#)).is_empty());
    }

    #[test]
    fn transaction_items_give_kind_and_table() {
        let request = view(r#"{"transactItems":[{"put":{"tableName":"a"}},{"conditionCheck":{"tableName":"b"}},{"delete":{"tableName":"a"}}]}"#);
        assert_eq!(
            transact_write_items(&request),
            vec![
                ("dynamodb:PutItem", Some("a".to_owned())),
                ("dynamodb:ConditionCheckItem", Some("b".to_owned())),
                ("dynamodb:DeleteItem", Some("a".to_owned()))
            ]
        );
    }
}
