//! Policy size as IAM counts it, and splitting a policy into managed policies that each fit.
//!
//! IAM measures a policy by its characters that are not whitespace. The quotas (IAM user guide,
//! "IAM and AWS STS quotas"): a managed policy holds at most 6,144 characters; a principal has at
//! most 10 managed policies attached (the default quota; it can be raised to 20); the inline
//! policies of one principal share one budget — 10,240 characters for a role, 2,048 for a user,
//! 5,120 for a group. An inline export is one document within that budget, or refused
//! (`inline_documents`).

use crate::policy::{non_whitespace_chars, Policy, Statement, StringList};
use serde::{Deserialize, Serialize};

pub const MANAGED_POLICY_CHARS: usize = 6_144;
pub const MANAGED_POLICIES_PER_PRINCIPAL: usize = 10;
pub const ROLE_INLINE_CHARS: usize = 10_240;
pub const USER_INLINE_CHARS: usize = 2_048;
pub const GROUP_INLINE_CHARS: usize = 5_120;

/// How big a policy is and which quotas it fits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeReport {
    /// Non-whitespace characters of the whole (unsplit) policy.
    pub chars: usize,
    /// Managed policies needed after splitting.
    pub managed_policies: usize,
    pub fits_one_managed_policy: bool,
    /// Within the 10 managed policies a principal may have attached.
    pub fits_managed_quota: bool,
    pub fits_role_inline: bool,
    pub fits_user_inline: bool,
    pub fits_group_inline: bool,
}

impl SizeReport {
    pub fn of(policy: &Policy, documents: &[Policy]) -> SizeReport {
        let chars = policy.non_whitespace_chars();
        SizeReport {
            chars,
            managed_policies: documents.len(),
            fits_one_managed_policy: chars <= MANAGED_POLICY_CHARS,
            fits_managed_quota: documents.len() <= MANAGED_POLICIES_PER_PRINCIPAL
                && documents.iter().all(|document| document.non_whitespace_chars() <= MANAGED_POLICY_CHARS),
            fits_role_inline: chars <= ROLE_INLINE_CHARS,
            fits_user_inline: chars <= USER_INLINE_CHARS,
            fits_group_inline: chars <= GROUP_INLINE_CHARS,
        }
    }

    /// What to tell a user when the policy does not fit the managed-policy quota.
    pub fn advice(&self) -> Option<String> {
        if self.fits_managed_quota {
            return None;
        }
        let mut alternatives = Vec::new();
        if self.fits_role_inline {
            alternatives.push(format!("a role's inline policies ({ROLE_INLINE_CHARS} characters in total)"));
        }
        if self.fits_group_inline {
            alternatives.push(format!("a group's inline policies ({GROUP_INLINE_CHARS} characters in total)"));
        }
        if self.fits_user_inline {
            alternatives.push(format!("a user's inline policies ({USER_INLINE_CHARS} characters in total)"));
        }
        let alternatives = if alternatives.is_empty() {
            "it fits no inline-policy budget either (role 10,240, group 5,120, user 2,048 characters): generalise the resources further or split the principal's duties".to_owned()
        } else {
            format!("it would fit {}", alternatives.join(" or "))
        };
        Some(format!(
            "the policy has {} characters and needs {} managed policies of at most {MANAGED_POLICY_CHARS} characters; a principal can have {MANAGED_POLICIES_PER_PRINCIPAL} attached (a quota that can be raised to 20); {alternatives}",
            self.chars, self.managed_policies
        ))
    }
}

/// Which kind of principal an inline policy is put on: each has its own budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InlineOwner {
    Role,
    User,
    Group,
}

impl InlineOwner {
    /// From an IAM role, user or group ARN (`None` for anything else).
    pub fn of_arn(arn: &str) -> Option<InlineOwner> {
        let resource = arn.splitn(6, ':').nth(5)?;
        match resource.split('/').next()? {
            "role" => Some(InlineOwner::Role),
            "user" => Some(InlineOwner::User),
            "group" => Some(InlineOwner::Group),
            _ => None,
        }
    }

    /// The characters all of its inline policies may hold together.
    pub fn budget(self) -> usize {
        match self {
            InlineOwner::Role => ROLE_INLINE_CHARS,
            InlineOwner::User => USER_INLINE_CHARS,
            InlineOwner::Group => GROUP_INLINE_CHARS,
        }
    }
}

/// A policy too big for a principal's inline budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineOverBudget {
    pub owner: InlineOwner,
    /// Characters of the policy as one document (splitting only adds to the total).
    pub chars: usize,
    pub budget: usize,
}

/// The inline policies to put on a principal: the whole policy as one document, when it fits
/// the principal's budget. The budget is shared by all of its inline policies, so splitting would
/// only add each document's own overhead: a policy over it has to go as managed policies.
pub fn inline_documents(policy: &Policy, owner: InlineOwner) -> Result<Vec<Policy>, InlineOverBudget> {
    let chars = policy.non_whitespace_chars();
    if chars <= owner.budget() {
        Ok(vec![policy.clone()])
    } else {
        Err(InlineOverBudget { owner, chars, budget: owner.budget() })
    }
}

/// Non-whitespace characters a statement adds to a document (plus its separating comma).
fn statement_chars(statement: &Statement) -> usize {
    non_whitespace_chars(&serde_json::to_string(statement).expect("a statement always serialises"))
}

/// Characters of a document with no statements: `{"Statement":[],"Version":"2012-10-17"}`.
fn empty_document_chars(version: &str) -> usize {
    non_whitespace_chars(&serde_json::to_string(&Policy { id: None, statements: Vec::new(), version: version.to_owned() }).expect("serialises"))
}

/// Splits a policy into documents of at most `limit` characters each, keeping statement order.
/// A statement too big on its own is cut into parts by resources (then by actions), each part
/// with the same effect and conditions, so the union of the parts grants exactly what it did;
/// their Sids get `Part1`, `Part2`, ... Statements are packed first-fit, in order, so the result
/// is deterministic and related statements stay together. A statement that cannot be cut small
/// enough (one huge condition) goes alone into an oversized document.
pub fn split(policy: &Policy, limit: usize) -> Vec<Policy> {
    let overhead = empty_document_chars(&policy.version);
    let budget = limit.saturating_sub(overhead);
    let mut pieces: Vec<(Statement, usize)> = Vec::new();
    for statement in &policy.statements {
        for piece in cut_statement(statement, budget) {
            let size = statement_chars(&piece);
            pieces.push((piece, size));
        }
    }
    // First-fit: each piece goes into the first document with room for it (plus a comma).
    let mut documents: Vec<(Vec<Statement>, usize)> = Vec::new();
    for (piece, size) in pieces {
        let slot = documents.iter_mut().find(|(statements, used)| {
            let comma = usize::from(!statements.is_empty());
            *used + comma + size <= budget
        });
        match slot {
            Some((statements, used)) => {
                *used += usize::from(!statements.is_empty()) + size;
                statements.push(piece);
            }
            None => documents.push((vec![piece], size)),
        }
    }
    if documents.is_empty() {
        return vec![policy.clone()];
    }
    documents.into_iter().map(|(statements, _)| Policy { id: None, statements, version: policy.version.clone() }).collect()
}

fn cut_statement(statement: &Statement, budget: usize) -> Vec<Statement> {
    if statement_chars(statement) <= budget {
        return vec![statement.clone()];
    }
    let parts: Vec<Statement> = cut_list(statement, budget, ListField::Resource).iter().flat_map(|part| cut_list(part, budget, ListField::Action)).collect();
    if parts.len() <= 1 {
        return parts;
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(index, mut part)| {
            part.sid = part.sid.map(|sid| format!("{sid}Part{}", index + 1));
            part
        })
        .collect()
}

#[derive(Clone, Copy)]
enum ListField {
    Resource,
    Action,
}

impl ListField {
    fn get(self, statement: &Statement) -> Option<&StringList> {
        match self {
            ListField::Resource => statement.resource.as_ref(),
            ListField::Action => statement.action.as_ref(),
        }
    }

    fn with(self, statement: &Statement, items: Vec<String>) -> Statement {
        let mut part = statement.clone();
        match self {
            ListField::Resource => part.resource = Some(StringList(items)),
            ListField::Action => part.action = Some(StringList(items)),
        }
        part
    }
}

/// Cuts one list of a statement (its resources or its actions) into runs that each keep the
/// statement within the budget. `Resource` and `Action` grant their cross product, so cutting
/// either list keeps the union of the parts equal to the whole. Sizes are added up item by item
/// (a JSON string and its comma) on top of the statement with an empty list, an upper bound of
/// the real size, so no part exceeds the budget.
fn cut_list(statement: &Statement, budget: usize, field: ListField) -> Vec<Statement> {
    let Some(items) = field.get(statement).filter(|items| items.len() >= 2) else {
        return vec![statement.clone()];
    };
    if statement_chars(statement) <= budget {
        return vec![statement.clone()];
    }
    let base = statement_chars(&field.with(statement, Vec::new()));
    let item_chars = |item: &str| non_whitespace_chars(&serde_json::to_string(item).expect("strings serialise")) + 1;
    let mut parts = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut used = base;
    for item in items.iter() {
        let size = item_chars(item);
        if !current.is_empty() && used + size > budget {
            parts.push(field.with(statement, std::mem::take(&mut current)));
            used = base;
        }
        current.push(item.to_owned());
        used += size;
    }
    parts.push(field.with(statement, current));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big_policy(n_statements: usize, n_resources: usize) -> Policy {
        let statements = (0..n_statements)
            .map(|index| {
                Statement::allow(
                    format!("S3ReadObjects{index}"),
                    vec!["s3:GetObject".into(), "s3:GetObjectTagging".into()],
                    (0..n_resources).map(|resource| format!("arn:aws:s3:::bucket-{index}/some/longer/prefix/object-{resource:05}.json")).collect(),
                )
            })
            .collect();
        Policy::new(statements)
    }

    #[test]
    fn small_policies_stay_whole() {
        let policy = big_policy(2, 2);
        assert_eq!(split(&policy, MANAGED_POLICY_CHARS), vec![policy.clone()]);
        let report = SizeReport::of(&policy, std::slice::from_ref(&policy));
        assert!(report.fits_one_managed_policy && report.fits_managed_quota && report.advice().is_none());
    }

    #[test]
    fn every_document_fits_and_nothing_is_lost() {
        let policy = big_policy(7, 100);
        let documents = split(&policy, MANAGED_POLICY_CHARS);
        assert!(documents.len() > 1);
        for document in &documents {
            assert!(document.non_whitespace_chars() <= MANAGED_POLICY_CHARS, "{}", document.non_whitespace_chars());
        }
        let mut granted: Vec<(String, String)> = Vec::new();
        for statement in documents.iter().flat_map(|document| &document.statements) {
            for action in statement.action.as_ref().unwrap().iter() {
                for resource in statement.resource.as_ref().unwrap().iter() {
                    granted.push((action.to_owned(), resource.to_owned()));
                }
            }
        }
        granted.sort();
        let mut expected: Vec<(String, String)> = Vec::new();
        for statement in &policy.statements {
            for action in statement.action.as_ref().unwrap().iter() {
                for resource in statement.resource.as_ref().unwrap().iter() {
                    expected.push((action.to_owned(), resource.to_owned()));
                }
            }
        }
        expected.sort();
        assert_eq!(granted, expected);
        // Parts of a cut statement are numbered.
        assert!(documents.iter().flat_map(|document| &document.statements).any(|statement| statement.sid.as_deref().unwrap().ends_with("Part2")));
    }

    #[test]
    fn beyond_ten_documents_the_advice_names_the_alternatives() {
        let policy = big_policy(40, 60);
        let documents = split(&policy, MANAGED_POLICY_CHARS);
        let report = SizeReport::of(&policy, &documents);
        assert!(report.managed_policies > MANAGED_POLICIES_PER_PRINCIPAL);
        assert!(!report.fits_managed_quota);
        assert!(report.advice().unwrap().contains("no inline-policy budget"));
        let medium = big_policy(1, 100);
        let documents = split(&medium, MANAGED_POLICY_CHARS);
        let report = SizeReport { fits_managed_quota: false, ..SizeReport::of(&medium, &documents) };
        assert!(report.advice().unwrap().contains("a role's inline policies"), "{:?}", report.advice());
    }

    #[test]
    fn inline_policies_fit_their_owners_budget_or_are_refused() {
        let policy =
            Policy::parse_any(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#).unwrap();
        assert_eq!(InlineOwner::of_arn("arn:aws:iam::111122223333:role/team/app"), Some(InlineOwner::Role));
        assert_eq!(InlineOwner::of_arn("arn:aws:iam::111122223333:group/ops"), Some(InlineOwner::Group));
        assert_eq!(InlineOwner::of_arn("arn:aws:s3:::b"), None);
        assert_eq!(inline_documents(&policy, InlineOwner::User).unwrap().len(), 1);
        let mut big = policy.clone();
        big.statements = (0..60)
            .map(|index| {
                let mut statement = policy.statements[0].clone();
                statement.sid = Some(format!("Statement{index}"));
                statement
            })
            .collect();
        let chars = big.non_whitespace_chars();
        assert!(chars > USER_INLINE_CHARS && chars <= ROLE_INLINE_CHARS, "{chars}");
        assert_eq!(inline_documents(&big, InlineOwner::User), Err(InlineOverBudget { owner: InlineOwner::User, chars, budget: USER_INLINE_CHARS }));
        assert_eq!(inline_documents(&big, InlineOwner::Role).unwrap(), vec![big.clone()]);
    }
}
