//! Human-readable output. Input text goes to a terminal in many lines of it (ARNs, event names,
//! file names, the engine's messages), and a crafted log could hold escape sequences that retitle
//! or clear the terminal, or newlines that fake lines of ours. Every line is written through
//! `write_line`, which shows hidden characters as `\u{…}` (`iam_engine::text::visible`); the
//! `--json` outputs are JSON-escaped already, and exports are written as they are (they escape in
//! their own syntax).

use std::io::Write;

/// Writes `text` and a newline, each hidden character in it made visible. Leading newlines are
/// ours (blank lines between sections) and are kept.
pub fn write_line(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    let body = text.trim_start_matches('\n');
    out.write_all(&text.as_bytes()[..text.len() - body.len()])?;
    out.write_all(iam_engine::text::visible(body).as_bytes())?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_text_cannot_end_the_line_or_reach_the_terminal() {
        let mut out = Vec::new();
        write_line(&mut out, "\nprincipals: arn:aws:iam::1:role/a\u{1b}]0;owned\u{7}\nfake line\r").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\nprincipals: arn:aws:iam::1:role/a\\u{001B}]0;owned\\u{0007}\\u{000A}fake line\\u{000D}\n");
    }
}
