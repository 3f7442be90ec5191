//! Text typed into forms and filters, checked before it goes anywhere near the database.
//!
//! PostgreSQL cannot store a NUL byte in `text` (the whole statement fails), and the other control
//! characters are invisible, break mail headers, exports and the layout, and mostly arrive by
//! pasting something that was not text. So every form field is checked here, in one place, and a
//! problem becomes a message next to the field instead of an error page:
//! - one-line fields (titles, names, addresses) take no control character at all, not even a
//!   line break or a tab;
//! - multi-line fields (the textareas) take tabs and line breaks, with Windows' CR LF and a lone
//!   CR (old Macs) stored as LF, so that the same text compares equal whatever the browser sent.

/// What is wrong with a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// A line break in a one-line field.
    LineBreak,
    /// NUL or another control character (C0, DEL, C1).
    Control,
}

impl TextError {
    /// The message shown next to the field, in the request's language.
    pub fn message(self) -> String {
        match self {
            TextError::LineBreak => crate::t("text-error-line-break"),
            TextError::Control => crate::t("text-error-control"),
        }
    }
}

/// A one-line field: any control character is refused (a line break with its own message).
pub fn line(value: &str) -> Result<&str, TextError> {
    if value.contains(['\r', '\n']) {
        return Err(TextError::LineBreak);
    }
    if value.chars().any(char::is_control) {
        return Err(TextError::Control);
    }
    Ok(value)
}

/// A multi-line field: tabs and line breaks are kept (line breaks as LF), any other control
/// character is refused.
pub fn multiline(value: &str) -> Result<String, TextError> {
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(TextError::Control);
    }
    Ok(if value.contains('\r') {
        value.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        value.to_string()
    })
}

/// Whether a one-line value can be used at all (a filter, a lookup key): a value that [`line`]
/// refuses can match nothing that was stored, so a filter with one simply finds nothing.
pub fn is_line(value: &str) -> bool {
    line(value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_fields_refuse_every_control_character() {
        assert_eq!(line("Vækst og bosætning"), Ok("Vækst og bosætning"));
        assert_eq!(line("a\nb"), Err(TextError::LineBreak));
        assert_eq!(line("a\r\nb"), Err(TextError::LineBreak));
        assert_eq!(line("a\0b"), Err(TextError::Control));
        assert_eq!(line("a\tb"), Err(TextError::Control));
        assert_eq!(line("a\u{7f}b"), Err(TextError::Control));
        assert_eq!(line("a\u{85}b"), Err(TextError::Control));
        // Markup is text like any other: it is escaped when shown, never refused.
        assert_eq!(line("<script>"), Ok("<script>"));
        assert!(is_line("Lund, Karina"));
        assert!(!is_line("x\0"));
    }

    #[test]
    fn multi_line_fields_keep_tabs_and_line_breaks_as_lf() {
        assert_eq!(
            multiline("a\r\nb\rc\nd\te").expect("line breaks and tabs are kept"),
            "a\nb\nc\nd\te"
        );
        assert_eq!(multiline("a\0b"), Err(TextError::Control));
        assert_eq!(multiline("a\u{1b}[31mb"), Err(TextError::Control));
        assert_eq!(multiline("a\u{9b}b"), Err(TextError::Control));
    }

    #[test]
    fn messages_follow_the_language() {
        assert!(TextError::Control.message().contains("tegn"));
        crate::i18n::sync_scope(crate::i18n::Lang::En, || {
            assert!(TextError::LineBreak.message().contains("one line"));
        });
    }
}
