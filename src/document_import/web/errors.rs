//! The preview's errors: like `kernel::forms::Errors` (a message next to each control, and a
//! summary at the top linking to each), for a form whose controls are named at run time
//! ("a1-g0-s2-deadline"). The authoring forms' own errors are carried over to the control that
//! shows their field, and the summary says which item and field each is about.

use crate::kernel::forms::Errors;

#[derive(Debug, Default, Clone)]
pub struct FieldErrors {
    /// (control, message next to it)
    messages: Vec<(String, String)>,
    /// (control, the summary's line: where, which field, what)
    lines: Vec<(String, String)>,
}

impl FieldErrors {
    /// The first message for a control wins, as in `Errors`.
    pub fn add(&mut self, control: &str, label: &str, message: &str) {
        if self.get(control).is_some() {
            return;
        }
        self.messages
            .push((control.to_string(), message.to_string()));
        self.lines.push((
            control.to_string(),
            crate::t2("wordimport-error-line", "field", label, "message", message),
        ));
    }

    /// Carries a form's errors over: each form field (`"title"`, `"target_value"`) to the control
    /// that shows it, with that control's label; a field the preview does not show (which a
    /// stand-in value keeps from happening) goes to `fallback`, so no message is ever dropped.
    pub fn take(&mut self, errors: &Errors, map: &[(&str, &str, &str)], fallback: (&str, &str)) {
        for (field, _) in errors.all() {
            let Some(message) = errors.get(field) else {
                continue;
            };
            let (control, label) = map
                .iter()
                .find(|(f, _, _)| f == field)
                .map(|(_, c, l)| (*c, *l))
                .unwrap_or(fallback);
            self.add(control, label, message);
        }
    }

    pub fn get(&self, control: &str) -> Option<&str> {
        self.messages
            .iter()
            .find(|(c, _)| c == control)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }

    /// The summary's lines, each with the control it links to (`forms::summary` in the templates).
    pub fn all(&self) -> &[(String, String)] {
        &self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_errors_land_on_the_control_that_shows_their_field() {
        let mut form = Errors::default();
        form.add("target_value", "Skriv et tal.");
        form.add("indicator", "For lang.");
        let mut errors = FieldErrors::default();
        errors.take(
            &form,
            &[("target_value", "a0-g0-s0-target", "Delmål 1.1.1, målværdi")],
            ("a0-g0-s0-text", "Delmål 1.1.1, tekst"),
        );
        assert_eq!(errors.get("a0-g0-s0-target"), Some("Skriv et tal."));
        assert_eq!(errors.get("a0-g0-s0-text"), Some("For lang."));
        assert_eq!(errors.len(), 2);
        assert_eq!(errors.all()[0].0, "a0-g0-s0-target");
        assert!(errors.all()[0].1.contains("Delmål 1.1.1, målværdi"));
        assert!(errors.all()[0].1.contains("Skriv et tal."));
    }
}
