//! IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
//! Actions compare case-insensitively, resources and condition values (StringLike, ArnLike)
//! case-sensitively. The matcher is the classic linear backtracking over the last `*`, so a
//! hostile pattern cannot make it exponential.

/// Whether `text` matches `pattern` (`*`, `?`), ASCII case-insensitively when asked.
pub fn wildcard_match(pattern: &str, text: &str, case_insensitive: bool) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        // The common case, without allocating: every ASCII character is one byte.
        match_units(
            pattern.as_bytes(),
            text.as_bytes(),
            b'*',
            b'?',
            |left, right| {
                if case_insensitive {
                    left.eq_ignore_ascii_case(&right)
                } else {
                    left == right
                }
            },
        )
    } else {
        let pattern: Vec<char> = pattern.chars().collect();
        let text: Vec<char> = text.chars().collect();
        match_units(&pattern, &text, '*', '?', |left, right| if case_insensitive { left.eq_ignore_ascii_case(&right) } else { left == right })
    }
}

fn match_units<T: Copy + PartialEq>(pattern: &[T], text: &[T], any_run: T, any_one: T, same: impl Fn(T, T) -> bool) -> bool {
    let (mut pattern_index, mut text_index) = (0usize, 0usize);
    // Where the last `*` was, and the text position it currently stands for.
    let mut star: Option<(usize, usize)> = None;
    while text_index < text.len() {
        if pattern_index < pattern.len()
            && (pattern[pattern_index] == any_one || (pattern[pattern_index] != any_run && same(pattern[pattern_index], text[text_index])))
        {
            pattern_index += 1;
            text_index += 1;
        } else if pattern_index < pattern.len() && pattern[pattern_index] == any_run {
            star = Some((pattern_index, text_index));
            pattern_index += 1;
        } else if let Some((star_pattern, star_text)) = star {
            pattern_index = star_pattern + 1;
            text_index = star_text + 1;
            star = Some((star_pattern, star_text + 1));
        } else {
            return false;
        }
    }
    pattern[pattern_index..].iter().all(|unit| *unit == any_run)
}

/// An action pattern (`s3:Get*`) against an action name (`s3:GetObject`): case-insensitive.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    wildcard_match(pattern, action, true)
}

/// A resource pattern against a resource ARN: case-sensitive.
pub fn resource_matches(pattern: &str, resource: &str) -> bool {
    wildcard_match(pattern, resource, false)
}

/// Whether a pattern holds a wildcard character.
pub fn has_wildcard(pattern: &str) -> bool {
    pattern.contains(['*', '?'])
}

/// Replaces every policy variable or placeholder (`${BucketName}`, `${aws:username}`) with `*`:
/// Access Analyzer writes placeholders where it does not know a value, and they stand for "some
/// value" when comparing with activity.
pub fn placeholders_as_wildcards(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                out.push('*');
                rest = &rest[start + end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether every string `narrow` matches is also matched by `wide` (both patterns with `*`/`?`).
/// Exact for the shapes policies use; conservative (answers `false`) when unsure, so callers that
/// drop "redundant" patterns never drop one that grants something the other does not.
pub fn pattern_covers(wide: &str, narrow: &str, case_insensitive: bool) -> bool {
    if !has_wildcard(narrow) {
        return wildcard_match(wide, narrow, case_insensitive);
    }
    // Treat the narrow pattern's wildcards as literal characters that only a `*` in `wide` can
    // absorb: a `*` in `narrow` stands for any text, so `wide` must have a `*` where it is.
    covers_symbolic(&wide.chars().collect::<Vec<_>>(), &narrow.chars().collect::<Vec<_>>(), case_insensitive)
}

fn covers_symbolic(wide: &[char], narrow: &[char], case_insensitive: bool) -> bool {
    // Dynamic programming over (wide position, narrow position): `reach[i][j]` = wide[..i]
    // covers narrow[..j].
    let (n_wide, n_narrow) = (wide.len(), narrow.len());
    let mut reach = vec![vec![false; n_narrow + 1]; n_wide + 1];
    reach[0][0] = true;
    for i in 0..=n_wide {
        for j in 0..=n_narrow {
            if !reach[i][j] {
                continue;
            }
            if i < n_wide && wide[i] == '*' {
                // `*` absorbs nothing, or one more narrow element (any character, `?` or `*`).
                reach[i + 1][j] = true;
                if j < n_narrow {
                    reach[i][j + 1] = true;
                }
            }
            if i < n_wide && j < n_narrow {
                let (w, n) = (wide[i], narrow[j]);
                let step = match (w, n) {
                    ('*', _) => false,
                    (_, '*') => false,
                    ('?', _) => true,
                    (_, '?') => false,
                    (w, n) if case_insensitive => w.eq_ignore_ascii_case(&n),
                    (w, n) => w == n,
                };
                if step {
                    reach[i + 1][j + 1] = true;
                }
            }
        }
    }
    reach[n_wide][n_narrow]
}

/// Whether some string matches both patterns (`*`, `?`): used to tell whether a resource pattern
/// can name a resource of a type whose ARN format is itself written as a pattern.
pub fn patterns_intersect(left: &str, right: &str, case_insensitive: bool) -> bool {
    let left: Vec<char> = left.chars().collect();
    let right: Vec<char> = right.chars().collect();
    let (n_left, n_right) = (left.len(), right.len());
    // reach[i][j]: some string is produced by both left[..i] and right[..j].
    let mut reach = vec![vec![false; n_right + 1]; n_left + 1];
    reach[0][0] = true;
    for i in 0..=n_left {
        for j in 0..=n_right {
            if !reach[i][j] {
                continue;
            }
            let left_star = i < n_left && left[i] == '*';
            let right_star = j < n_right && right[j] == '*';
            if left_star {
                reach[i + 1][j] = true;
            }
            if right_star {
                reach[i][j + 1] = true;
            }
            if i < n_left && j < n_right {
                let (a, b) = (left[i], right[j]);
                match (a, b) {
                    ('*', '*') => {
                        reach[i + 1][j + 1] = true;
                    }
                    // A star absorbs one character of the other side and stays.
                    ('*', _) => reach[i][j + 1] = true,
                    (_, '*') => reach[i + 1][j] = true,
                    ('?', _) | (_, '?') => reach[i + 1][j + 1] = true,
                    (a, b) if (case_insensitive && a.eq_ignore_ascii_case(&b)) || a == b => reach[i + 1][j + 1] = true,
                    _ => {}
                }
            }
        }
    }
    reach[n_left][n_right]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_table() {
        let cases: &[(&str, &str, bool, bool)] = &[
            ("s3:Get*", "s3:GetObject", true, true),
            ("s3:get*", "s3:GetObject", true, true),
            ("s3:get*", "s3:GetObject", false, false),
            ("s3:Get?bject", "s3:GetObject", true, true),
            ("*", "", false, true),
            ("a*b*c", "axxbyyc", false, true),
            ("a*b*c", "axxbyy", false, false),
            ("arn:aws:s3:::b/*", "arn:aws:s3:::b", false, false),
            ("arn:aws:s3:::b*", "arn:aws:s3:::b", false, true),
            ("?", "", false, false),
            ("**", "x", false, true),
        ];
        for (pattern, text, case_insensitive, expected) in cases {
            assert_eq!(wildcard_match(pattern, text, *case_insensitive), *expected, "{pattern} vs {text}");
        }
    }

    #[test]
    fn pathological_patterns_stay_linear() {
        let text = "a".repeat(5_000);
        let pattern = format!("{}b", "*a".repeat(200));
        assert!(!wildcard_match(&pattern, &text, false));
    }

    #[test]
    fn placeholders_become_wildcards() {
        assert_eq!(placeholders_as_wildcards("arn:aws:s3:::${BucketName}/${ObjectName}"), "arn:aws:s3:::*/*");
        assert_eq!(placeholders_as_wildcards("arn:aws:s3:::b/${oops"), "arn:aws:s3:::b/${oops");
    }

    #[test]
    fn intersections() {
        assert!(patterns_intersect("arn:aws:s3:::b/*", "arn:*:s3:::*/*", false));
        assert!(!patterns_intersect("arn:aws:s3:::b", "arn:*:s3:::*/*", false));
        assert!(patterns_intersect("arn:aws:s3:::b*", "arn:*:s3:::*/*", false));
        assert!(patterns_intersect("*", "arn:*:dynamodb:*:*:table/*", false));
        assert!(!patterns_intersect("arn:aws:dynamodb:eu-west-1:1:table/t", "arn:*:sqs:*:*:*", false));
        assert!(patterns_intersect("a?c", "*b*", false));
        assert!(!patterns_intersect("abc", "*d*", false));
        assert!(patterns_intersect("", "*", false));
        assert!(!patterns_intersect("", "?", false));
    }

    #[test]
    fn coverage_between_patterns() {
        assert!(pattern_covers("arn:aws:s3:::b/*", "arn:aws:s3:::b/logs/*", false));
        assert!(pattern_covers("*", "anything*", false));
        assert!(!pattern_covers("arn:aws:s3:::b/logs/*", "arn:aws:s3:::b/*", false));
        assert!(!pattern_covers("a?c", "a*c", false));
        assert!(pattern_covers("a*c", "a?c", false));
        assert!(pattern_covers("s3:get*", "s3:GetObject*", true));
        assert!(pattern_covers("x", "x", false));
    }
}
