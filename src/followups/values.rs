//! Reading measured values as Danes type them.

/// "12,5", "1.234,5", "80", "80 %" → a number. Dots are thousands separators when a comma is
/// present or when they group exactly three digits ("1.234"); otherwise a dot is a decimal point.
pub fn parse_danish_number(input: &str) -> Option<f64> {
    let cleaned: String = input
        .trim()
        .trim_end_matches('%')
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let normalised = if cleaned.contains(',') {
        cleaned.replace('.', "").replace(',', ".")
    } else if cleaned.split('.').skip(1).all(|group| group.len() == 3) && cleaned.contains('.') {
        cleaned.replace('.', "")
    } else {
        cleaned
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number as typed by someone writing English: comma for thousands, point for decimals
/// ("1,234.5"). A lone comma followed by other than three digits ("2,5") can only be a decimal
/// comma, so it is read as one rather than refused.
pub fn parse_english_number(input: &str) -> Option<f64> {
    let cleaned: String = input
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let thousands_commas = cleaned.contains('.')
        || (cleaned.contains(',') && cleaned.split(',').skip(1).all(|group| group.len() == 3));
    let normalised = if thousands_commas {
        cleaned.replace(',', "")
    } else {
        cleaned.replace(',', ".")
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number typed in the reader's language (the one the page showed it in).
pub fn parse_number(input: &str) -> Option<f64> {
    match crate::i18n::current() {
        crate::i18n::Lang::Da => parse_danish_number(input),
        crate::i18n::Lang::En => parse_english_number(input),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_danish_number as p;

    #[test]
    fn english_numbers_are_understood() {
        use super::parse_english_number as e;
        assert_eq!(e("1,234.5"), Some(1234.5));
        assert_eq!(e("1,234"), Some(1234.0));
        assert_eq!(e("12.5"), Some(12.5));
        assert_eq!(e("2,5"), Some(2.5));
        assert_eq!(e("80 %"), Some(80.0));
        assert_eq!(e("twelve"), None);
    }

    #[test]
    fn danish_numbers_are_understood() {
        assert_eq!(p("12,5"), Some(12.5));
        assert_eq!(p("1.234,5"), Some(1234.5));
        assert_eq!(p("1.234"), Some(1234.0));
        assert_eq!(p("80 %"), Some(80.0));
        assert_eq!(p(" 7 "), Some(7.0));
        assert_eq!(p("0.5"), Some(0.5));
        assert_eq!(p("-3"), Some(-3.0));
        assert_eq!(p("tolv"), None);
        assert_eq!(p("12 timer"), None);
        assert_eq!(p(""), None);
    }
}
