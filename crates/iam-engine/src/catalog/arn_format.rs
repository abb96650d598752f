//! Matching a concrete ARN against a resource type's ARN format such as
//! `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}`.
//!
//! The rules, chosen so real ARNs classify correctly:
//! - literal text compares exactly (ARNs are case-sensitive);
//! - `${Partition}` matches a partition name: `aws` or `aws-` followed by lowercase letters, digits and
//!   dashes (`aws-cn`, `aws-us-gov`, `aws-iso-b`, ...), so a format never fits a non-ARN;
//! - `${Region}` and `${Account}` match a possibly empty run without `:` or `/`;
//! - any other `${Var}` matches a non-empty run without `:`; names may hold `/` (role paths, S3 keys,
//!   log groups such as `/aws/lambda/f`);
//! - a variable that ends the format may also hold `:` (S3 keys with timestamps, `log-group:g:*`);
//! - a literal `*` in a format (`dms:...:endpoint:*`) matches a possibly empty run without `:`.
//!
//! A match reports the format's number of literal bytes, its specificity: the caller keeps the most
//! specific types, since `table/t/index/i` fits both `table/${TableName}` and the index format.
//!
//! Matching is a dynamic programme over (format token, ARN position), so no format and ARN can make
//! it exponential.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'f> {
    Literal(&'f str),
    Partition,
    /// `${Region}` or `${Account}`.
    Location,
    Name,
    Star,
}

/// The tokens of a format, produced lazily so rejecting a format costs no allocation.
fn tokens(format: &str) -> impl Iterator<Item = Token<'_>> {
    let mut literal_start = 0;
    let mut index = 0;
    let mut pending: Option<Token<'_>> = None;
    std::iter::from_fn(move || {
        if let Some(token) = pending.take() {
            return Some(token);
        }
        let bytes = format.as_bytes();
        while index < bytes.len() {
            let token_and_end = if bytes[index] == b'*' {
                Some((Token::Star, index + 1))
            } else if bytes[index..].starts_with(b"${") {
                // Byte positions: `index` may sit inside a multi-byte character, `$` and `}` never do.
                bytes[index..].iter().position(|&byte| byte == b'}').map(|length| {
                    let token = match &format[index + 2..index + length] {
                        "Partition" => Token::Partition,
                        "Region" | "Account" => Token::Location,
                        _ => Token::Name,
                    };
                    (token, index + length + 1)
                })
            } else {
                None
            };
            if let Some((token, end)) = token_and_end {
                let literal = &format[literal_start..index];
                index = end;
                literal_start = end;
                if literal.is_empty() {
                    return Some(token);
                }
                pending = Some(token);
                return Some(Token::Literal(literal));
            }
            index += 1;
        }
        if literal_start < format.len() {
            let literal = &format[literal_start..];
            literal_start = format.len();
            return Some(Token::Literal(literal));
        }
        None
    })
}

fn is_partition(text: &[u8]) -> bool {
    text == b"aws"
        || text
            .strip_prefix(b"aws-")
            .is_some_and(|rest| !rest.is_empty() && rest.iter().all(|&byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-'))
}

/// The format's literal byte count if `arn` fits `format`, `None` otherwise.
pub(super) fn match_specificity(format: &str, arn: &str) -> Option<usize> {
    // Most formats of a service fail on a literal the ARN does not contain at all (`:instance/`); that
    // check is far cheaper than the matching below.
    if !tokens(format).all(|token| if let Token::Literal(literal) = token { arn.contains(literal) } else { true }) {
        return None;
    }
    let tokens: Vec<Token<'_>> = tokens(format).collect();
    let arn = arn.as_bytes();
    // `reachable[position]`: the tokens so far can consume exactly `arn[..position]`.
    let mut reachable = vec![false; arn.len() + 1];
    reachable[0] = true;
    let mut next = vec![false; arn.len() + 1];
    for (token_index, token) in tokens.iter().enumerate() {
        let is_last = token_index + 1 == tokens.len();
        next.iter_mut().for_each(|slot| *slot = false);
        let mut any = false;
        for start in (0..=arn.len()).filter(|&start| reachable[start]) {
            let (min_length, allows): (usize, fn(u8, bool) -> bool) = match token {
                Token::Literal(literal) => {
                    if arn[start..].starts_with(literal.as_bytes()) {
                        next[start + literal.len()] = true;
                        any = true;
                    }
                    continue;
                }
                Token::Partition => (3, |byte, _| byte != b':'),
                Token::Location => (0, |byte, _| byte != b':' && byte != b'/'),
                Token::Name => (1, |byte, is_last| byte != b':' || is_last),
                Token::Star => (0, |byte, _| byte != b':'),
            };
            let run_end = arn[start..].iter().position(|&byte| !allows(byte, is_last)).map_or(arn.len(), |offset| start + offset);
            for end in start + min_length..=run_end {
                if *token == Token::Partition && !is_partition(&arn[start..end]) {
                    continue;
                }
                next[end] = true;
                any = true;
            }
        }
        if !any {
            return None;
        }
        std::mem::swap(&mut reachable, &mut next);
    }
    if !reachable[arn.len()] {
        return None;
    }
    Some(tokens.iter().map(|token| if let Token::Literal(literal) = token { literal.len() } else { 0 }).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_split_into_tokens() {
        assert_eq!(
            tokens("arn:${Partition}:s3:::${BucketName}/*").collect::<Vec<_>>(),
            vec![Token::Literal("arn:"), Token::Partition, Token::Literal(":s3:::"), Token::Name, Token::Literal("/"), Token::Star]
        );
        assert_eq!(tokens("a${Region}b${unclosed").collect::<Vec<_>>(), vec![Token::Literal("a"), Token::Location, Token::Literal("b${unclosed")]);
    }

    #[test]
    fn arns_fit_formats_by_the_documented_rules() {
        let bucket = "arn:${Partition}:s3:::${BucketName}";
        let object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
        let function = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
        let log_stream = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
        let endpoint = "arn:${Partition}:dms:${Region}:${Account}:endpoint:*";
        let table = [
            (bucket, "arn:aws:s3:::my-bucket", Some(10)),
            (bucket, "arn:aws-cn:s3:::my-bucket", Some(10)),
            (bucket, "arn:aws-us-gov:s3:::my-bucket", Some(10)),
            (bucket, "arn:aws-iso-b:s3:::my-bucket", Some(10)),
            (bucket, "arn:amazon:s3:::my-bucket", None),
            (bucket, "arn:aws-:s3:::my-bucket", None),
            (bucket, "arn:aws:s3:::", None),
            (bucket, "arn:aws:s3:::a:b", Some(10)),
            (object, "arn:aws:s3:::b/k", Some(11)),
            (object, "arn:aws:s3:::b/dir/2024-01-01T00:00:00Z.json", Some(11)),
            (object, "arn:aws:s3:::b", None),
            (function, "arn:aws:lambda:eu-west-1:123456789012:function:f", Some(23)),
            (function, "arn:aws:lambda:eu-west-1::function:f", Some(23)),
            (function, "arn:aws:lambda:eu-west-1:123456789012:function:", None),
            (log_stream, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:2024/01/01/[$LATEST]ab", Some(34)),
            (endpoint, "arn:aws:dms:us-east-1:123456789012:endpoint:ABC", Some(20)),
            (endpoint, "arn:aws:dms:us-east-1:123456789012:task:ABC", None),
            (bucket, "", None),
            (bucket, "arn:aws:s3:::b\u{e9}", Some(10)),
            ("arn:\u{e9}${Partition}:\u{e9}", "arn:\u{e9}aws:\u{e9}", Some(9)),
        ];
        for (format, arn, expected) in table {
            assert_eq!(match_specificity(format, arn), expected, "{arn} vs {format}");
        }
    }

    proptest::proptest! {
        /// Neither a strange format nor a strange ARN makes matching panic.
        #[test]
        fn matching_never_panics(format in "(\\$\\{[A-Za-z]{0,9}\\}?|[a-z:/*\u{e9}-]{0,3}){0,8}", arn in "[a-z0-9:/*\u{e9}-]{0,40}") {
            let _ = match_specificity(&format, &arn);
        }

        /// A format without variables or `*` fits exactly the ARN equal to it.
        #[test]
        fn a_literal_format_fits_only_itself(format in "[a-z:/\u{e9}-]{1,20}", arn in "[a-z:/\u{e9}-]{0,20}") {
            proptest::prop_assert_eq!(match_specificity(&format, &arn).is_some(), format == arn);
            proptest::prop_assert_eq!(match_specificity(&format, &format), Some(format.len()));
        }
    }
}
