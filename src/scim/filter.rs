//! The `filter` of a list request (RFC 7644 §3.4.2.2), as far as provisioning needs it: one
//! comparison `attribute eq "value"` on the attributes a directory looks people and groups up by.
//! Anything else is refused with `invalidFilter` rather than answered wrongly: a directory that
//! is told "no such user" for a filter we did not understand would create the person twice.

use crate::web::scim_error::ScimError;

/// `attribute eq "value"`, the attribute lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equals {
    pub attribute: String,
    pub value: String,
}

/// Parses `filter`, accepting only the `allowed` attributes (lower case).
pub fn parse(filter: &str, allowed: &[&str]) -> Result<Equals, ScimError> {
    let invalid = || {
        ScimError::bad(
            "invalidFilter",
            format!(
                "Only filters of the form 'attribute eq \"value\"' on {} are supported.",
                allowed.join(", ")
            ),
        )
    };
    let filter = filter.trim();
    let (attribute, rest) = filter.split_once(char::is_whitespace).ok_or_else(invalid)?;
    let rest = rest.trim_start();
    let (operator, value) = rest.split_once(char::is_whitespace).ok_or_else(invalid)?;
    if !operator.eq_ignore_ascii_case("eq") {
        return Err(invalid());
    }
    let value = value.trim();
    let value: String = serde_json::from_str::<String>(value).map_err(|_| invalid())?;
    // The core schema's URN may prefix the attribute (…:core:2.0:User:userName).
    let attribute = attribute
        .rsplit_once(":2.0:User:")
        .or_else(|| attribute.rsplit_once(":2.0:Group:"))
        .map_or(attribute, |(_, a)| a)
        .to_ascii_lowercase();
    if !allowed.contains(&attribute.as_str()) {
        return Err(invalid());
    }
    Ok(Equals { attribute, value })
}

#[cfg(test)]
mod tests {
    use super::*;

    const USERS: &[&str] = &["username", "externalid"];

    #[test]
    fn the_filters_a_directory_sends_are_read() {
        assert_eq!(
            parse(r#"userName eq "anna@x.dk""#, USERS).unwrap(),
            Equals {
                attribute: "username".into(),
                value: "anna@x.dk".into()
            }
        );
        assert_eq!(
            parse(r#"externalId EQ "a \"b\"""#, USERS).unwrap().value,
            "a \"b\""
        );
        assert_eq!(
            parse(
                r#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x""#,
                USERS
            )
            .unwrap()
            .attribute,
            "username"
        );
    }

    #[test]
    fn other_filters_are_refused() {
        for bad in [
            "",
            "userName",
            r#"userName co "a""#,
            r#"title eq "a""#,
            r#"userName eq a"#,
            r#"userName eq "a" and active eq true"#,
        ] {
            assert!(parse(bad, USERS).is_err(), "{bad}");
        }
    }
}
