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

#[cfg(test)]
mod tests {
    use super::parse_danish_number as p;

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
