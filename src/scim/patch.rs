//! PATCH (RFC 7644 §3.5.2) applied to a resource's JSON document, in the forms Entra ID sends:
//! operation names in any case (`Replace`, `add`), paths such as `name.givenName`,
//! `emails[type eq "work"].value`, `members[value eq "…"]` and
//! `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`, and operations
//! without a path whose value is an object of attributes (some of them paths themselves). The
//! patched document is then read like the body of a PUT, so one set of checks serves both.

use serde_json::{Map, Value};

use crate::web::scim_error::ScimError;

pub const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/// Operations in one request: Entra ID sends a handful; more is a mistake or an attack.
const MAX_OPERATIONS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Replace,
    Remove,
}

/// A path: an attribute (in an extension's object when `urn` is given), optionally a filter on
/// its values and a sub-attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Path {
    urn: Option<String>,
    attribute: String,
    filter: Option<(String, String)>,
    sub: Option<String>,
}

fn invalid_path(path: &str) -> ScimError {
    ScimError::bad("invalidPath", format!("The path '{path}' cannot be used."))
}

/// Splits a path; `core` are the resource's own schema URNs, which may prefix an attribute, and
/// `extensions` its extensions' URNs, which name the extension's whole object.
fn parse_path(raw: &str, core: &[&str], extensions: &[&str]) -> Result<Path, ScimError> {
    let raw = raw.trim();
    if let Some(extension) = extensions.iter().find(|e| e.eq_ignore_ascii_case(raw)) {
        return Ok(Path {
            urn: None,
            attribute: extension.to_string(),
            filter: None,
            sub: None,
        });
    }
    let (urn, rest) = if raw.to_ascii_lowercase().starts_with("urn:") {
        // The attribute follows the URN's last colon (the filter's value cannot hold one here:
        // a filter comes after the attribute, so look before any '[').
        let head = raw.split('[').next().unwrap_or(raw);
        let cut = head.rfind(':').ok_or_else(|| invalid_path(raw))?;
        let urn = &raw[..cut];
        let rest = &raw[cut + 1..];
        if core.iter().any(|c| c.eq_ignore_ascii_case(urn)) {
            (None, rest)
        } else {
            (Some(urn.to_string()), rest)
        }
    } else {
        (None, raw)
    };
    let (attribute, filter, sub) = match rest.find('[') {
        Some(open) => {
            let close = rest.rfind(']').ok_or_else(|| invalid_path(raw))?;
            if close < open {
                return Err(invalid_path(raw));
            }
            let inner = &rest[open + 1..close];
            let after = &rest[close + 1..];
            let sub = match after.strip_prefix('.') {
                Some(sub) if !sub.is_empty() => Some(sub.to_string()),
                None if after.is_empty() => None,
                _ => return Err(invalid_path(raw)),
            };
            let (name, op_value) = inner
                .trim()
                .split_once(char::is_whitespace)
                .ok_or_else(|| invalid_path(raw))?;
            let (op, value) = op_value
                .trim()
                .split_once(char::is_whitespace)
                .ok_or_else(|| invalid_path(raw))?;
            if !op.eq_ignore_ascii_case("eq") {
                return Err(ScimError::bad(
                    "invalidFilter",
                    format!("Only 'eq' filters are supported in a path: '{raw}'."),
                ));
            }
            let value = value.trim();
            let value = serde_json::from_str::<Value>(value)
                .ok()
                .map(|v| match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                })
                .ok_or_else(|| invalid_path(raw))?;
            (
                rest[..open].to_string(),
                Some((name.to_string(), value)),
                sub,
            )
        }
        None => match rest.split_once('.') {
            Some((a, s)) if !s.is_empty() && !s.contains('.') => {
                (a.to_string(), None, Some(s.to_string()))
            }
            Some(_) => return Err(invalid_path(raw)),
            None => (rest.to_string(), None, None),
        },
    };
    let valid = |s: &str| {
        !s.is_empty()
            && s.len() <= 100
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '-')
    };
    if !valid(&attribute)
        || sub.as_deref().is_some_and(|s| !valid(s))
        || filter.as_ref().is_some_and(|(n, _)| !valid(n))
    {
        return Err(invalid_path(raw));
    }
    Ok(Path {
        urn,
        attribute,
        filter,
        sub,
    })
}

/// The key of `name` in `object`, matched without regard to case (attribute names are
/// case-insensitive, RFC 7643 §2.1); `name` itself when absent.
pub fn key_of(object: &Map<String, Value>, name: &str) -> String {
    object
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// The value of `name` in `object`, matched without regard to case.
pub fn get<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn matches(item: &Value, filter: &(String, String)) -> bool {
    let Some(object) = item.as_object() else {
        return false;
    };
    match get(object, &filter.0) {
        Some(Value::String(s)) => s.eq_ignore_ascii_case(&filter.1),
        Some(other) => other.to_string().eq_ignore_ascii_case(&filter.1),
        None => false,
    }
}

/// Merges `value`'s members into `target` (complex attributes: sub-attributes not given stay).
fn merge(target: &mut Map<String, Value>, value: Map<String, Value>) {
    for (k, v) in value {
        let key = key_of(target, &k);
        target.insert(key, v);
    }
}

fn apply(
    doc: &mut Map<String, Value>,
    op: Op,
    path: &Path,
    value: Option<Value>,
) -> Result<(), ScimError> {
    let container = match &path.urn {
        Some(urn) => {
            let key = key_of(doc, urn);
            let entry = doc.entry(key).or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            entry.as_object_mut().ok_or_else(|| invalid_path(urn))?
        }
        None => doc,
    };
    let key = key_of(container, &path.attribute);
    let need_value =
        || ScimError::bad("invalidValue", "An add or replace operation needs a value.");
    match (&path.filter, &path.sub) {
        (None, None) => match op {
            Op::Remove => {
                container.remove(&key);
            }
            Op::Add => {
                let value = value.ok_or_else(need_value)?;
                match (container.get_mut(&key), value) {
                    (Some(Value::Array(items)), Value::Array(more)) => {
                        for item in more {
                            if !items.contains(&item) {
                                items.push(item);
                            }
                        }
                    }
                    (Some(Value::Object(object)), Value::Object(more)) => merge(object, more),
                    (_, value) => {
                        container.insert(key, value);
                    }
                }
            }
            Op::Replace => {
                let value = value.ok_or_else(need_value)?;
                match (container.get_mut(&key), value) {
                    (Some(Value::Object(object)), Value::Object(more)) => merge(object, more),
                    (_, value) => {
                        container.insert(key, value);
                    }
                }
            }
        },
        (None, Some(sub)) => {
            let entry = container
                .entry(key)
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                if op == Op::Remove {
                    return Ok(());
                }
                *entry = Value::Object(Map::new());
            }
            let object = entry.as_object_mut().ok_or_else(|| invalid_path(sub))?;
            let sub_key = key_of(object, sub);
            match op {
                Op::Remove => {
                    object.remove(&sub_key);
                }
                Op::Add | Op::Replace => {
                    object.insert(sub_key, value.ok_or_else(need_value)?);
                }
            }
        }
        (Some(filter), sub) => {
            let entry = container
                .entry(key)
                .or_insert_with(|| Value::Array(Vec::new()));
            if !entry.is_array() {
                *entry = Value::Array(Vec::new());
            }
            let items = entry
                .as_array_mut()
                .ok_or_else(|| invalid_path(&path.attribute))?;
            match (op, sub) {
                (Op::Remove, None) => items.retain(|item| !matches(item, filter)),
                (Op::Remove, Some(sub)) => {
                    for item in items.iter_mut().filter(|i| matches(i, filter)) {
                        if let Some(object) = item.as_object_mut() {
                            let sub_key = key_of(object, sub);
                            object.remove(&sub_key);
                        }
                    }
                }
                (_, sub) => {
                    let value = value.ok_or_else(need_value)?;
                    let mut found = false;
                    for item in items.iter_mut().filter(|i| matches(i, filter)) {
                        found = true;
                        match (sub, item.as_object_mut()) {
                            (Some(sub), Some(object)) => {
                                let sub_key = key_of(object, sub);
                                object.insert(sub_key, value.clone());
                            }
                            (None, Some(object)) => {
                                if let Value::Object(more) = value.clone() {
                                    merge(object, more);
                                }
                            }
                            _ => {}
                        }
                    }
                    // Entra ID sets `emails[type eq "work"].value` on a person who has no work
                    // address yet: the value is created with the filter's attribute.
                    if !found {
                        let mut object = Map::new();
                        object.insert(filter.0.clone(), Value::String(filter.1.clone()));
                        match (sub, value) {
                            (Some(sub), value) => {
                                object.insert(sub.clone(), value);
                            }
                            (None, Value::Object(more)) => merge(&mut object, more),
                            (None, _) => return Err(invalid_path(&path.attribute)),
                        }
                        items.push(Value::Object(object));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Applies the PatchOp request `body` to `doc`. `core` are the resource's own schema URNs,
/// `extensions` those of its schema extensions.
pub fn patch(
    doc: &mut Map<String, Value>,
    body: &Value,
    core: &[&str],
    extensions: &[&str],
) -> Result<(), ScimError> {
    let body = body
        .as_object()
        .ok_or_else(|| ScimError::bad("invalidSyntax", "The body must be a PatchOp object."))?;
    let schemas_ok = get(body, "schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|v| v.as_str() == Some(PATCH_SCHEMA)));
    if !schemas_ok {
        return Err(ScimError::bad(
            "invalidSyntax",
            format!("'schemas' must name {PATCH_SCHEMA}."),
        ));
    }
    let operations = get(body, "Operations")
        .and_then(Value::as_array)
        .ok_or_else(|| ScimError::bad("invalidSyntax", "'Operations' must be a list."))?;
    if operations.len() > MAX_OPERATIONS {
        return Err(ScimError::bad(
            "tooMany",
            "Too many operations in one request.",
        ));
    }
    for operation in operations {
        let operation = operation
            .as_object()
            .ok_or_else(|| ScimError::bad("invalidSyntax", "Each operation must be an object."))?;
        let op = match get(operation, "op")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)
        {
            Some(op) if op == "add" => Op::Add,
            Some(op) if op == "replace" => Op::Replace,
            Some(op) if op == "remove" => Op::Remove,
            _ => {
                return Err(ScimError::bad(
                    "invalidSyntax",
                    "'op' must be add, replace or remove.",
                ));
            }
        };
        let value = get(operation, "value").cloned();
        let path = match get(operation, "path") {
            None | Some(Value::Null) => None,
            Some(Value::String(p)) if p.trim().is_empty() => None,
            Some(Value::String(p)) => Some(p.as_str()),
            Some(_) => return Err(ScimError::bad("invalidPath", "'path' must be a string.")),
        };
        match path {
            Some(path) => apply(doc, op, &parse_path(path, core, extensions)?, value)?,
            None => {
                if op == Op::Remove {
                    return Err(ScimError::bad(
                        "noTarget",
                        "A remove operation needs a path.",
                    ));
                }
                let Some(Value::Object(values)) = value else {
                    return Err(ScimError::bad(
                        "invalidValue",
                        "An operation without a path needs an object as its value.",
                    ));
                };
                for (name, value) in values {
                    let is_extension = name.to_ascii_lowercase().starts_with("urn:")
                        && !core.iter().any(|c| c.eq_ignore_ascii_case(&name));
                    match value {
                        // An extension's attributes as an object: each is set in it.
                        Value::Object(inner) if is_extension && !name.contains('.') => {
                            for (sub, v) in inner {
                                let path = Path {
                                    urn: Some(name.clone()),
                                    attribute: sub,
                                    filter: None,
                                    sub: None,
                                };
                                apply(doc, op, &path, Some(v))?;
                            }
                        }
                        value => {
                            apply(doc, op, &parse_path(&name, core, extensions)?, Some(value))?
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CORE: &[&str] = &["urn:ietf:params:scim:schemas:core:2.0:User"];
    const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    fn run(doc: Value, ops: Value) -> Value {
        let mut doc = doc.as_object().cloned().unwrap();
        patch(
            &mut doc,
            &json!({ "schemas": [PATCH_SCHEMA], "Operations": ops }),
            CORE,
            &[ENTERPRISE],
        )
        .unwrap();
        Value::Object(doc)
    }

    #[test]
    fn entra_ids_forms_are_applied() {
        let doc = json!({ "userName": "a@x.dk", "active": true, "emails": [{"type": "work", "value": "a@x.dk"}] });
        let out = run(
            doc,
            json!([
                { "op": "Replace", "path": "active", "value": "False" },
                { "op": "Add", "path": "name.givenName", "value": "Anna" },
                { "op": "replace", "path": "emails[type eq \"work\"].value", "value": "b@x.dk" },
                { "op": "Add", "path": format!("{ENTERPRISE}:department"), "value": "Skole" },
                { "op": "replace", "value": { "displayName": "Anna B", "name.familyName": "B" } },
            ]),
        );
        assert_eq!(out["active"], json!("False"));
        assert_eq!(
            out["name"],
            json!({ "givenName": "Anna", "familyName": "B" })
        );
        assert_eq!(out["emails"], json!([{"type": "work", "value": "b@x.dk"}]));
        assert_eq!(out[ENTERPRISE]["department"], json!("Skole"));
        assert_eq!(out["displayName"], json!("Anna B"));
        // The extension's URN as a path names its whole object.
        let out = run(out, json!([{ "op": "remove", "path": ENTERPRISE }]));
        assert!(out.get(ENTERPRISE).is_none());
    }

    #[test]
    fn group_members_are_added_and_removed() {
        let doc = json!({ "displayName": "G", "members": [{"value": "1"}] });
        let out = run(
            doc,
            json!([
                { "op": "add", "path": "members", "value": [{"value": "2"}, {"value": "1"}] },
                { "op": "remove", "path": "members[value eq \"1\"]" },
            ]),
        );
        assert_eq!(out["members"], json!([{"value": "2"}]));
    }

    #[test]
    fn bad_operations_are_refused() {
        let mut doc = Map::new();
        for ops in [
            json!([{ "op": "move", "path": "a", "value": 1 }]),
            json!([{ "op": "remove" }]),
            json!([{ "op": "add", "path": "a[b co \"c\"]", "value": 1 }]),
            json!([{ "op": "add", "path": "a..b", "value": 1 }]),
            json!("x"),
        ] {
            let body = json!({ "schemas": [PATCH_SCHEMA], "Operations": ops });
            assert!(patch(&mut doc, &body, CORE, &[]).is_err(), "{ops}");
        }
        assert!(patch(&mut doc, &json!({ "Operations": [] }), CORE, &[]).is_err());
    }
}
