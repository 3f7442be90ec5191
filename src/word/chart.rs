//! The charts of the pages as PNG pictures for Word: the very SVG the HTML page draws
//! (`charts::StackedBars` through its template), rendered by resvg with the DejaVu Sans the PDF
//! embeds, so every label is drawn whatever fonts the server has.

use std::sync::{Arc, LazyLock};

use askama::Template;
use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::doc::Picture;

/// Pixels per SVG unit: twice the page's size, sharp when printed at 16 cm.
const SCALE: f32 = 2.0;
/// No chart of the app comes near this; a bound on the pixmap whatever the data.
const MAX_SIDE: u32 = 6_000;

static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    db.load_font_data(dejavu::sans::regular().to_vec());
    db.load_font_data(dejavu::sans::bold().to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    Arc::new(db)
});

/// The `<svg>…</svg>` element of a chart's HTML (the figure around it holds the caption and
/// the data table, which the document writes as text).
pub fn svg_of(html: &str) -> Option<&str> {
    let start = html.find("<svg")?;
    let end = html[start..].find("</svg>")? + start + "</svg>".len();
    Some(&html[start..end])
}

/// Renders SVG markup to a PNG picture on white.
pub fn png(svg: &str, alt: &str) -> anyhow::Result<Picture> {
    let options = usvg::Options {
        // The page's SVG inherits the page's font: here it is DejaVu Sans.
        font_family: "DejaVu Sans".into(),
        fontdb: FONTS.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size();
    let width = ((size.width() * SCALE).ceil() as u32).clamp(1, MAX_SIDE);
    let height = ((size.height() * SCALE).ceil() as u32).clamp(1, MAX_SIDE);
    let mut pixmap =
        Pixmap::new(width, height).ok_or_else(|| anyhow::anyhow!("chart of size zero"))?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    Ok(Picture {
        png: pixmap.encode_png()?,
        width_px: width,
        height_px: height,
        alt: alt.to_string(),
    })
}

/// A stacked-bar chart of a page as a picture; its `<desc>` is the picture's alternative text.
pub fn bars(chart: &crate::charts::StackedBars) -> anyhow::Result<Picture> {
    let html = chart.render()?;
    let svg = svg_of(&html).ok_or_else(|| anyhow::anyhow!("the chart's template drew no <svg>"))?;
    png(svg, &chart.description())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_the_svg_is_drawn() {
        // The same shapes with and without a label: the label's pixels must differ, which they
        // do only when a font was found for it.
        let with = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" font-family="inherit" font-size="20"><text x="4" y="28" fill="#000">Label 42</text></svg>"##;
        let without = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" font-family="inherit" font-size="20"></svg>"##;
        let a = png(with, "").unwrap();
        let b = png(without, "").unwrap();
        assert_eq!((a.width_px, a.height_px), (400, 80));
        assert_ne!(a.png, b.png, "the text left no mark");
        assert!(a.png.starts_with(b"\x89PNG\r\n\x1a\n"));
    }

    #[test]
    fn the_svg_is_cut_out_of_the_figure() {
        let html = "<figure><div><svg a=\"1\"><text>x</text></svg></div><figcaption>c</figcaption></figure>";
        assert_eq!(svg_of(html), Some("<svg a=\"1\"><text>x</text></svg>"));
        assert_eq!(svg_of("<p>no chart</p>"), None);
    }
}
