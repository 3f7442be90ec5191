//! Word-level differences between two texts, as the two columns of a side-by-side comparison:
//! the old text with what was removed marked, the new text with what was added marked.

use similar::{ChangeTag, TextDiff};

pub struct Segment {
    pub text: String,
    pub marked: bool,
}

pub struct Sides {
    pub old: Vec<Segment>,
    pub new: Vec<Segment>,
    pub changed: bool,
}

pub fn sides(old: &str, new: &str) -> Sides {
    let mut sides = Sides {
        old: Vec::new(),
        new: Vec::new(),
        changed: old != new,
    };
    if !sides.changed {
        sides.old.push(Segment {
            text: old.to_string(),
            marked: false,
        });
        sides.new.push(Segment {
            text: new.to_string(),
            marked: false,
        });
        return sides;
    }
    let diff = TextDiff::from_words(old, new);
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut sides.old, text, false);
                push(&mut sides.new, text, false);
            }
            ChangeTag::Delete => push(&mut sides.old, text, true),
            ChangeTag::Insert => push(&mut sides.new, text, true),
        }
    }
    sides
}

/// Joins neighbouring pieces of the same kind, so that a changed phrase is one mark, not one per word.
fn push(segments: &mut Vec<Segment>, text: &str, marked: bool) {
    match segments.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(text),
        _ => segments.push(Segment {
            text: text.to_string(),
            marked,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.marked {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn changed_words_are_marked_on_each_side() {
        let s = sides(
            "Flere borgere er i job",
            "Flere unge borgere er i uddannelse",
        );
        assert!(s.changed);
        assert_eq!(render(&s.old), "Flere borgere er i [job]");
        assert_eq!(render(&s.new), "Flere [unge ]borgere er i [uddannelse]");
    }

    #[test]
    fn equal_texts_have_no_marks() {
        let s = sides("Samme tekst", "Samme tekst");
        assert!(!s.changed);
        assert_eq!(render(&s.new), "Samme tekst");
    }
}
