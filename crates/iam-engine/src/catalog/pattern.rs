//! Name matching for the catalog: IAM action wildcards (`*`, `?`, ignoring case) and condition key
//! templates (`aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`), plus which `aws:` keys are
//! available to every action.

/// Whether an IAM action pattern (`s3:Get*`, `iam:*AccessKey*`, `*`) covers an action name
/// (`s3:GetObject`). Like IAM, `*` matches any run of characters, `?` one character, and case does not
/// matter.
pub fn action_pattern_matches(pattern: &str, action: &str) -> bool {
    wildcard_matches_ignore_case(pattern, action)
}

pub(super) fn has_wildcard(text: &str) -> bool {
    text.contains(['*', '?'])
}

/// Glob matching with `*` and `?`, ignoring ASCII case. Works on bytes when both sides are ASCII (every
/// real action name) and on characters otherwise, so `?` is always one character.
pub(super) fn wildcard_matches_ignore_case(pattern: &str, text: &str) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        glob(pattern.as_bytes(), text.as_bytes(), b'*', b'?', |left, right| left.eq_ignore_ascii_case(&right))
    } else {
        let pattern: Vec<char> = pattern.chars().collect();
        let text: Vec<char> = text.chars().collect();
        glob(&pattern, &text, '*', '?', |left, right| left.eq_ignore_ascii_case(&right))
    }
}

/// The classic greedy glob algorithm with one backtrack point: it never goes exponential.
fn glob<T: Copy + PartialEq>(pattern: &[T], text: &[T], star: T, question: T, same: impl Fn(T, T) -> bool) -> bool {
    let (mut pattern_index, mut text_index) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while let Some(&actual) = text.get(text_index) {
        match pattern.get(pattern_index) {
            Some(&wildcard) if wildcard == star => {
                backtrack = Some((pattern_index, text_index));
                pattern_index += 1;
            }
            Some(&expected) if expected == question || same(expected, actual) => {
                pattern_index += 1;
                text_index += 1;
            }
            _ => match backtrack {
                // Let the last `*` take one more character and try again from there.
                Some((star_index, star_text_index)) => {
                    backtrack = Some((star_index, star_text_index + 1));
                    pattern_index = star_index + 1;
                    text_index = star_text_index + 1;
                }
                None => return false,
            },
        }
    }
    pattern.get(pattern_index..).unwrap_or_default().iter().all(|&remaining| remaining == star)
}

/// Whether a key as written in a policy (`aws:ResourceTag/team`) is the key a service defines under a
/// template name (`aws:ResourceTag/${TagKey}`). `${…}` and `<…>` stand for one or more characters of
/// any kind (tag keys may hold `/` and `:`); everything else compares ignoring ASCII case.
pub(super) fn condition_key_matches(template: &str, condition_key: &str) -> bool {
    if !template.contains("${") && !template.contains('<') {
        return template.eq_ignore_ascii_case(condition_key);
    }
    let pieces = template_pieces(template);
    matches_pieces(&pieces, condition_key)
}

#[derive(Debug, PartialEq, Eq)]
enum Piece<'t> {
    Literal(&'t str),
    Variable,
}

fn template_pieces(template: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let next_variable =
            [rest.find("${").map(|start| (start, "}")), rest.find('<').map(|start| (start, ">"))].into_iter().flatten().min_by_key(|(start, _)| *start);
        let Some((start, closer)) = next_variable else {
            pieces.push(Piece::Literal(rest));
            break;
        };
        let Some(length) = rest[start..].find(closer) else {
            // An unclosed placeholder is just text.
            pieces.push(Piece::Literal(rest));
            break;
        };
        if start > 0 {
            pieces.push(Piece::Literal(&rest[..start]));
        }
        pieces.push(Piece::Variable);
        rest = &rest[start + length + closer.len()..];
    }
    pieces
}

fn matches_pieces(pieces: &[Piece<'_>], text: &str) -> bool {
    match pieces.split_first() {
        None => text.is_empty(),
        Some((Piece::Literal(literal), rest)) => {
            text.len() >= literal.len()
                && text.is_char_boundary(literal.len())
                && text[..literal.len()].eq_ignore_ascii_case(literal)
                && matches_pieces(rest, &text[literal.len()..])
        }
        Some((Piece::Variable, rest)) => {
            // Templates hold at most one or two variables, so trying every split is cheap.
            text.char_indices().skip(1).map(|(index, _)| index).chain([text.len()]).filter(|&end| end > 0).any(|end| matches_pieces(rest, &text[end..]))
        }
    }
}

/// `aws:` keys that AWS puts in the request context only for actions or resources that support
/// tag-based authorisation; they count only where the catalog lists them.
const TAG_SCOPED_GLOBAL_KEYS: [&str; 3] = ["aws:RequestTag/", "aws:ResourceTag/", "aws:TagKeys"];

/// Whether a key is a global `aws:` condition key that any action can be conditioned on.
pub(super) fn is_always_available_global_key(condition_key: &str) -> bool {
    let Some(prefix) = condition_key.get(..4) else {
        return false;
    };
    if !prefix.eq_ignore_ascii_case("aws:") || condition_key.len() == 4 {
        return false;
    }
    !TAG_SCOPED_GLOBAL_KEYS.iter().any(|scoped| condition_key.get(..scoped.len()).is_some_and(|start| start.eq_ignore_ascii_case(scoped)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_follow_iam_rules() {
        let table = [
            ("s3:Get*", "s3:GetObject", true),
            ("s3:get*", "S3:GETOBJECT", true),
            ("s3:*", "s3:GetObject", true),
            ("*", "s3:GetObject", true),
            ("s3:Get?bject", "s3:GetObject", true),
            ("s3:Get?", "s3:GetObject", false),
            ("iam:*AccessKey*", "iam:CreateAccessKey", true),
            ("iam:*AccessKey*", "iam:ListAccessKeys", true),
            ("iam:*AccessKey", "iam:ListAccessKeys", false),
            ("s3:GetObject", "s3:GetObjectAcl", false),
            ("s3:*Object*Tag*", "s3:PutObjectVersionTagging", true),
            ("", "", true),
            ("", "s3:x", false),
            ("**", "", true),
        ];
        for (pattern, action, expected) in table {
            assert_eq!(action_pattern_matches(pattern, action), expected, "{pattern} vs {action}");
        }
    }

    /// The textbook recursive definition, to check the fast algorithm against.
    fn reference_glob(pattern: &[char], text: &[char]) -> bool {
        match pattern.split_first() {
            None => text.is_empty(),
            Some(('*', rest)) => (0..=text.len()).any(|skip| reference_glob(rest, &text[skip..])),
            Some((&expected, rest)) => text
                .split_first()
                .is_some_and(|(&actual, text_rest)| (expected == '?' || expected.eq_ignore_ascii_case(&actual)) && reference_glob(rest, text_rest)),
        }
    }

    proptest::proptest! {
        #[test]
        fn wildcards_agree_with_the_reference_definition(pattern in "[abAB*?\u{e9}]{0,8}", text in "[abAB\u{e9}]{0,10}") {
            let expected = reference_glob(&pattern.chars().collect::<Vec<_>>(), &text.chars().collect::<Vec<_>>());
            proptest::prop_assert_eq!(wildcard_matches_ignore_case(&pattern, &text), expected);
        }

        #[test]
        fn condition_key_matching_never_panics(template in "[a-z:/${}<>\u{e9}]{0,16}", key in "[a-z:/\u{e9}]{0,16}") {
            let _ = condition_key_matches(&template, &key);
            let _ = is_always_available_global_key(&key);
        }
    }

    #[test]
    fn condition_key_templates_match_any_tag_key() {
        let table = [
            ("aws:ResourceTag/${TagKey}", "aws:ResourceTag/team", true),
            ("aws:ResourceTag/${TagKey}", "AWS:resourcetag/cost:center/x", true),
            ("aws:ResourceTag/${TagKey}", "aws:ResourceTag/", false),
            ("aws:ResourceTag/${TagKey}", "aws:RequestTag/team", false),
            ("s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/classification", true),
            ("s3:prefix", "S3:Prefix", true),
            ("s3:prefix", "s3:prefixes", false),
            ("codebuild:secondaryArtifacts/${artifactIdentifier}.location", "codebuild:secondaryArtifacts/main.location", true),
            ("codebuild:secondaryArtifacts/${artifactIdentifier}.location", "codebuild:secondaryArtifacts/main.type", false),
        ];
        for (template, key, expected) in table {
            assert_eq!(condition_key_matches(template, key), expected, "{template} vs {key}");
        }
    }

    #[test]
    fn global_keys_except_tag_keys_are_always_available() {
        let table = [
            ("aws:SourceIp", true),
            ("aws:MultiFactorAuthPresent", true),
            ("AWS:PrincipalTag/team", true),
            ("aws:RequestTag/team", false),
            ("aws:ResourceTag/team", false),
            ("aws:TagKeys", false),
            ("aws:", false),
            ("s3:prefix", false),
            ("aw", false),
        ];
        for (key, expected) in table {
            assert_eq!(is_always_available_global_key(key), expected, "{key}");
        }
    }
}
