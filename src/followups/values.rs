//! Reading measured values. The rules live with the formatting in `web::format` (a number is
//! read the way the page's language writes it); these are the shorthands the follow-up uses.

use crate::i18n::Lang;
use crate::web::format;

/// "12,5", "1.234,5", "80" → a number; "1,234.5" reads two ways on a Danish page → `None`.
pub fn parse_danish_number(input: &str) -> Option<f64> {
    format::parse_number_in(Lang::Da, input).ok()
}

/// A number typed in the reader's language (the one the page showed it in), or `None`.
pub fn parse_number(input: &str) -> Option<f64> {
    format::parse_number(input).ok()
}

#[cfg(test)]
mod tests {
    use super::parse_danish_number as p;
    use crate::i18n::Lang;

    #[test]
    fn danish_numbers_are_understood() {
        assert_eq!(p("12,5"), Some(12.5));
        assert_eq!(p("1.234,5"), Some(1234.5));
        assert_eq!(p("1.234"), Some(1234.0));
        assert_eq!(p(" 7 "), Some(7.0));
        assert_eq!(p("0.5"), Some(0.5));
        assert_eq!(p("-3"), Some(-3.0));
        assert_eq!(p("tolv"), None);
        assert_eq!(p("12 timer"), None);
        assert_eq!(p(""), None);
        // Read as 1.2345 until issue 11: a thousand times too small.
        assert_eq!(p("1,234.5"), None);
    }

    #[test]
    fn english_numbers_are_understood() {
        crate::i18n::sync_scope(Lang::En, || {
            use super::parse_number as e;
            assert_eq!(e("1,234.5"), Some(1234.5));
            assert_eq!(e("1,234"), Some(1234.0));
            assert_eq!(e("12.5"), Some(12.5));
            assert_eq!(e("2,5"), Some(2.5));
            assert_eq!(e("twelve"), None);
            assert_eq!(e("1.234,5"), None);
        });
    }
}
