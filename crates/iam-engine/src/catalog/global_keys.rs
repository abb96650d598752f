//! AWS's global condition context keys (IAM user guide, "AWS global condition context keys"), with
//! the type of their values. iam-data lists service keys only; these are the `aws:` keys any
//! policy may use, written here from the user guide.

/// The type of a condition key's values, as the IAM reference writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    String,
    Arn,
    Bool,
    Date,
    Numeric,
    IpAddress,
    /// A list of strings (multivalued keys: `aws:TagKeys`, `aws:CalledVia`, ...).
    ArrayOfString,
}

impl KeyType {
    /// The IAM reference's spelling (`String`, `ARN`, `Bool`, `Date`, `Numeric`, `IPAddress`,
    /// `ArrayOfString`, ...) read back; `None` for types it does not check.
    pub fn parse(text: &str) -> Option<KeyType> {
        match text.to_ascii_lowercase().as_str() {
            "string" => Some(KeyType::String),
            "arn" => Some(KeyType::Arn),
            "bool" | "boolean" => Some(KeyType::Bool),
            "date" => Some(KeyType::Date),
            "numeric" | "long" | "integer" => Some(KeyType::Numeric),
            "ipaddress" | "ip" => Some(KeyType::IpAddress),
            "arrayofstring" | "arrayofarn" => Some(KeyType::ArrayOfString),
            _ => None,
        }
    }
}

/// Every global key, templates (`/${TagKey}`) as prefixes ending in `/`.
pub const GLOBAL_CONDITION_KEYS: &[(&str, KeyType)] = &[
    ("aws:PrincipalArn", KeyType::Arn),
    ("aws:PrincipalAccount", KeyType::String),
    ("aws:PrincipalOrgPaths", KeyType::ArrayOfString),
    ("aws:PrincipalOrgID", KeyType::String),
    ("aws:PrincipalTag/", KeyType::String),
    ("aws:PrincipalIsAWSService", KeyType::Bool),
    ("aws:PrincipalServiceName", KeyType::String),
    ("aws:PrincipalServiceNamesList", KeyType::ArrayOfString),
    ("aws:PrincipalType", KeyType::String),
    ("aws:userid", KeyType::String),
    ("aws:username", KeyType::String),
    ("aws:AssumedRoot", KeyType::Bool),
    ("aws:FederatedProvider", KeyType::String),
    ("aws:TokenIssueTime", KeyType::Date),
    ("aws:MultiFactorAuthAge", KeyType::Numeric),
    ("aws:MultiFactorAuthPresent", KeyType::Bool),
    ("aws:ChatbotSourceArn", KeyType::Arn),
    ("aws:Ec2InstanceSourceVpc", KeyType::String),
    ("aws:Ec2InstanceSourcePrivateIPv4", KeyType::IpAddress),
    ("aws:SourceIdentity", KeyType::String),
    ("aws:SourceIp", KeyType::IpAddress),
    ("aws:SourceVpc", KeyType::String),
    ("aws:SourceVpcArn", KeyType::Arn),
    ("aws:SourceVpce", KeyType::String),
    ("aws:VpcSourceIp", KeyType::IpAddress),
    ("aws:VpceAccount", KeyType::String),
    ("aws:VpceOrgID", KeyType::String),
    ("aws:VpceOrgPaths", KeyType::ArrayOfString),
    ("aws:ResourceAccount", KeyType::String),
    ("aws:ResourceOrgID", KeyType::String),
    ("aws:ResourceOrgPaths", KeyType::ArrayOfString),
    ("aws:ResourceTag/", KeyType::String),
    ("aws:CalledVia", KeyType::ArrayOfString),
    ("aws:CalledViaFirst", KeyType::String),
    ("aws:CalledViaLast", KeyType::String),
    ("aws:ViaAWSService", KeyType::Bool),
    ("aws:CurrentTime", KeyType::Date),
    ("aws:EpochTime", KeyType::Date),
    ("aws:referer", KeyType::String),
    ("aws:RequestedRegion", KeyType::String),
    ("aws:RequestTag/", KeyType::String),
    ("aws:TagKeys", KeyType::ArrayOfString),
    ("aws:SecureTransport", KeyType::Bool),
    ("aws:SourceAccount", KeyType::String),
    ("aws:SourceArn", KeyType::Arn),
    ("aws:SourceOrgID", KeyType::String),
    ("aws:SourceOrgPaths", KeyType::ArrayOfString),
    ("aws:UserAgent", KeyType::String),
];

/// The global key a name is (ignoring case, as IAM does), with its type.
pub fn global_key(name: &str) -> Option<(&'static str, KeyType)> {
    GLOBAL_CONDITION_KEYS.iter().copied().find(|(known, _)| match known.strip_suffix('/') {
        Some(prefix) => name.len() > known.len() && name.get(..known.len()).is_some_and(|head| head.eq_ignore_ascii_case(known)) && !prefix.is_empty(),
        None => name.eq_ignore_ascii_case(known),
    })
}

/// The known key closest to a misspelt one, when it is within two edits (`aws:SorceIp` →
/// `aws:SourceIp`).
pub fn closest<'k>(name: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let lower = name.to_ascii_lowercase();
    known
        .map(|candidate| (edit_distance(&lower, &candidate.trim_end_matches('/').to_ascii_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters.
fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (i, a) in left.chars().enumerate() {
        let mut current = vec![i + 1; right.len() + 1];
        for (j, b) in right.iter().enumerate() {
            current[j + 1] = (previous[j] + usize::from(a != *b)).min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_keys_and_near_misses() {
        assert_eq!(global_key("aws:SourceIp"), Some(("aws:SourceIp", KeyType::IpAddress)));
        assert_eq!(global_key("AWS:sourceip").map(|(name, _)| name), Some("aws:SourceIp"));
        assert_eq!(global_key("aws:PrincipalTag/team").map(|(name, _)| name), Some("aws:PrincipalTag/"));
        assert_eq!(global_key("aws:PrincipalTag/"), None);
        assert_eq!(global_key("aws:SorceIp"), None);
        let known = GLOBAL_CONDITION_KEYS.iter().map(|(name, _)| *name);
        assert_eq!(closest("aws:SorceIp", known), Some("aws:SourceIp"));
        assert_eq!(closest("aws:Completely", GLOBAL_CONDITION_KEYS.iter().map(|(name, _)| *name)), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
