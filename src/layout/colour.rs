//! A municipality's colour: parsed from what an administrator types, and measured against the
//! white text it carries in the header (WCAG 2.1 contrast, 1.4.3: at least 4.5:1).

use std::fmt;

/// The contrast white text needs on the colour (WCAG 2.1 AA, normal text).
pub const MIN_CONTRAST: f64 = 4.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    /// `#1a5c8e`, `1A5C8E`, `#1a5` (shorthand), surrounding spaces allowed.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.trim();
        let hex = hex.strip_prefix('#').unwrap_or(hex);
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digits: Vec<u8> = hex
            .chars()
            .filter_map(|c| c.to_digit(16).map(|d| d as u8))
            .collect();
        let [r, g, b] = match digits.as_slice() {
            [r, g, b] => [r * 17, g * 17, b * 17],
            [r1, r2, g1, g2, b1, b2] => [r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2],
            _ => return None,
        };
        Some(Colour { r, g, b })
    }

    /// The form stored and used in URLs: `1a5c8e`.
    pub fn hex(self) -> String {
        format!("{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// WCAG 2.1 relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// The contrast ratio of white text on this colour, 1 to 21.
    pub fn contrast_with_white(self) -> f64 {
        1.05 / (self.luminance() + 0.05)
    }

    pub fn carries_white_text(self) -> bool {
        self.contrast_with_white() >= MIN_CONTRAST
    }

    /// The colour mixed with black: `amount` 0 keeps it, 1 is black.
    pub fn darker(self, amount: f64) -> Colour {
        let keep = (1.0 - amount).clamp(0.0, 1.0);
        let scale = |c: u8| (f64::from(c) * keep).round() as u8;
        Colour {
            r: scale(self.r),
            g: scale(self.g),
            b: scale(self.b),
        }
    }

    /// The lightest shade of this colour that carries white text, for a refused colour's message.
    pub fn readable_shade(self) -> Colour {
        (0..=100)
            .map(|step| self.darker(f64::from(step) / 100.0))
            .find(|c| c.carries_white_text())
            .unwrap_or(Colour { r: 0, g: 0, b: 0 })
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.hex())
    }
}

/// The URL of the stylesheet that carries a stored colour (`#1a5c8e`), served by
/// `crate::branding::stylesheet`: the colour is the address, so nothing is looked up.
pub fn stylesheet_url(stored: &str) -> Option<String> {
    Colour::parse(stored).map(|c| format!("/brand/{}.css", c.hex()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type_and_refuses_the_rest() {
        let c = Colour {
            r: 0x1a,
            g: 0x5c,
            b: 0x8e,
        };
        assert_eq!(Colour::parse("#1a5c8e"), Some(c));
        assert_eq!(Colour::parse(" 1A5C8E "), Some(c));
        assert_eq!(
            Colour::parse("#fff"),
            Some(Colour {
                r: 255,
                g: 255,
                b: 255
            })
        );
        for bad in [
            "",
            "#",
            "blue",
            "#12345",
            "#1234567",
            "#gg0000",
            "#+1+2+3",
            "١٢٣٤٥٦",
        ] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
        assert_eq!(c.to_string(), "#1a5c8e");
    }

    #[test]
    fn measures_contrast_as_wcag_does() {
        let black = Colour { r: 0, g: 0, b: 0 };
        assert!((black.contrast_with_white() - 21.0).abs() < 1e-9);
        let white = Colour::parse("#ffffff").unwrap();
        assert!((white.contrast_with_white() - 1.0).abs() < 1e-9);
        // #767676 is the classic lightest grey that passes on white: 4.54:1.
        let grey = Colour::parse("#767676").unwrap();
        assert!((grey.contrast_with_white() - 4.54).abs() < 0.01);
        assert!(grey.carries_white_text());
        assert!(!Colour::parse("#777777").unwrap().carries_white_text());
    }

    #[test]
    fn a_light_colour_gets_a_readable_shade_of_itself() {
        let sky = Colour::parse("#7fb2e5").unwrap();
        assert!(!sky.carries_white_text());
        let shade = sky.readable_shade();
        assert!(shade.carries_white_text());
        assert!(
            shade.contrast_with_white() < 5.0,
            "not darker than it needs to be"
        );
        assert!(shade.b > shade.r, "still blue: {shade}");
    }
}
