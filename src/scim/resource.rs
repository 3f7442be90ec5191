//! What every SCIM endpoint shares: the bounded JSON body, the answer in `application/scim+json`,
//! list responses with paging, `attributes`/`excludedAttributes`, and the `{id}` of the path.

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::patch::get;
use crate::web::scim_error::{CONTENT_TYPE, ScimError};

/// The largest body a SCIM request may have: a user is a few hundred bytes, and Entra ID sends
/// group members in batches of at most a few hundred.
pub const MAX_BODY: usize = 1024 * 1024;
pub const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/// Results per page when the directory does not say, and at most.
const DEFAULT_COUNT: i64 = 100;
const MAX_COUNT: i64 = 500;

/// Reads the body, at most [`MAX_BODY`] bytes, as a JSON object.
pub async fn json_body(body: Body) -> Result<Value, ScimError> {
    let bytes = to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| ScimError::TooLarge)?;
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|_| ScimError::bad("invalidSyntax", "The body is not valid JSON."))?;
    if !value.is_object() {
        return Err(ScimError::bad(
            "invalidSyntax",
            "The body must be a JSON object.",
        ));
    }
    Ok(value)
}

/// A resource or message as `application/scim+json`.
pub fn answer(status: StatusCode, value: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))],
        value.to_string(),
    )
        .into_response()
}

/// A created resource: 201 with its `Location`.
pub fn created(value: &Value) -> Response {
    let mut response = answer(StatusCode::CREATED, value);
    if let Some(location) = value["meta"]["location"]
        .as_str()
        .and_then(|l| HeaderValue::from_str(l).ok())
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The query of a list request (and the attribute selection of a single one).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    pub filter: Option<String>,
    pub start_index: Option<String>,
    pub count: Option<String>,
    pub attributes: Option<String>,
    pub excluded_attributes: Option<String>,
}

/// Paging as asked: a 1-based start (less than 1 counts as 1) and a count (negative as 0).
pub struct Page {
    pub start: i64,
    pub count: i64,
}

impl ListQuery {
    pub fn page(&self) -> Result<Page, ScimError> {
        let number = |raw: &Option<String>, default: i64, name: &str| match raw.as_deref() {
            None | Some("") => Ok(default),
            Some(raw) => raw.trim().parse::<i64>().map_err(|_| {
                ScimError::bad("invalidValue", format!("'{name}' must be a whole number."))
            }),
        };
        let start = number(&self.start_index, 1, "startIndex")?.max(1);
        let count = number(&self.count, DEFAULT_COUNT, "count")?.clamp(0, MAX_COUNT);
        Ok(Page { start, count })
    }

    /// Whether the answer leaves `name` out (Entra ID asks groups without their members).
    pub fn leaves_out(&self, name: &str) -> bool {
        let listed = |list: &Option<String>| {
            list.as_deref().is_some_and(|l| {
                l.split(',').any(|a| {
                    a.trim()
                        .rsplit(':')
                        .next()
                        .unwrap_or("")
                        .eq_ignore_ascii_case(name)
                })
            })
        };
        listed(&self.excluded_attributes)
            || (self.attributes.is_some() && !listed(&self.attributes))
    }

    /// The resource with only the asked attributes (RFC 7644 §3.9); `id`, `schemas` and `meta`
    /// always stay.
    pub fn project(&self, resource: Value) -> Value {
        let Value::Object(mut object) = resource else {
            return resource;
        };
        let split = |list: &str| -> Vec<(Option<String>, String, Option<String>)> {
            list.split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| {
                    let (urn, rest) = match a.rfind(':') {
                        Some(cut) => (Some(a[..cut].to_string()), &a[cut + 1..]),
                        None => (None, a),
                    };
                    let (name, sub) = match rest.split_once('.') {
                        Some((n, s)) => (n.to_string(), Some(s.to_string())),
                        None => (rest.to_string(), None),
                    };
                    (urn, name, sub)
                })
                .collect()
        };
        let always = |k: &str| {
            ["id", "schemas", "meta"]
                .iter()
                .any(|a| a.eq_ignore_ascii_case(k))
        };
        // An attribute is named by its path in the core schema or inside its extension's URN.
        let in_extension = |object: &Map<String, Value>, urn: &Option<String>| {
            urn.as_ref()
                .and_then(|u| object.keys().find(|k| k.eq_ignore_ascii_case(u)).cloned())
        };
        if let Some(attributes) = self.attributes.as_deref() {
            let wanted = split(attributes);
            let mut kept = Map::new();
            for (key, value) in &object {
                if always(key) {
                    kept.insert(key.clone(), value.clone());
                }
            }
            for (urn, name, sub) in &wanted {
                let (source, target_key) = match in_extension(&object, urn) {
                    Some(ext) => (object.get(&ext).and_then(Value::as_object), Some(ext)),
                    None => (Some(&object), None),
                };
                let Some(source) = source else { continue };
                let Some((key, value)) = source.iter().find(|(k, _)| k.eq_ignore_ascii_case(name))
                else {
                    continue;
                };
                let value = match (sub, value) {
                    (Some(sub), Value::Object(inner)) => match get(inner, sub) {
                        Some(v) => {
                            let sub_key = super::patch::key_of(inner, sub);
                            let mut existing = match target_key.as_ref() {
                                Some(ext) => kept.get(ext).and_then(|e| e.get(key)).cloned(),
                                None => kept.get(key).cloned(),
                            }
                            .and_then(|v| v.as_object().cloned())
                            .unwrap_or_default();
                            existing.insert(sub_key, v.clone());
                            Value::Object(existing)
                        }
                        None => continue,
                    },
                    (Some(_), _) => continue,
                    (None, v) => v.clone(),
                };
                match target_key {
                    Some(ext) => {
                        let entry = kept.entry(ext).or_insert_with(|| json!({}));
                        if let Some(inner) = entry.as_object_mut() {
                            inner.insert(key.clone(), value);
                        }
                    }
                    None => {
                        kept.insert(key.clone(), value);
                    }
                }
            }
            object = kept;
        }
        if let Some(excluded) = self.excluded_attributes.as_deref() {
            for (urn, name, sub) in split(excluded) {
                let container = match in_extension(&object, &urn) {
                    Some(ext) => object.get_mut(&ext).and_then(Value::as_object_mut),
                    None => Some(&mut object),
                };
                let Some(container) = container else { continue };
                let Some(key) = container
                    .keys()
                    .find(|k| k.eq_ignore_ascii_case(&name) && !always(k))
                    .cloned()
                else {
                    continue;
                };
                match sub {
                    Some(sub) => {
                        if let Some(inner) = container.get_mut(&key).and_then(Value::as_object_mut)
                        {
                            let sub_key = super::patch::key_of(inner, &sub);
                            inner.remove(&sub_key);
                        }
                    }
                    None => {
                        container.remove(&key);
                    }
                }
            }
        }
        Value::Object(object)
    }
}

/// A list response (RFC 7644 §3.4.2).
pub fn list(total: i64, page: &Page, resources: Vec<Value>) -> Response {
    answer(
        StatusCode::OK,
        &json!({
            "schemas": [LIST_SCHEMA],
            "totalResults": total,
            "startIndex": page.start,
            "itemsPerPage": resources.len(),
            "Resources": resources,
        }),
    )
}

/// The `{id}` of a resource's path. One that is not a UUID names no resource: 404 like an
/// unknown one (or another municipality's).
pub struct ResourceId(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for ResourceId {
    type Rejection = ScimError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| ScimError::NotFound)?;
        params
            .iter()
            .find(|(name, _)| *name == "id")
            .and_then(|(_, raw)| Uuid::parse_str(raw).ok())
            .map(ResourceId)
            .ok_or(ScimError::NotFound)
    }
}

/// A one-line text attribute of at most 300 characters: absent, null and "" are none.
pub fn text(object: &Map<String, Value>, name: &str) -> Result<Option<String>, ScimError> {
    match get(object, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.is_empty() {
                Ok(None)
            } else if s.chars().count() > 300 {
                Err(ScimError::bad(
                    "invalidValue",
                    format!("'{name}' is longer than 300 characters."),
                ))
            } else if crate::web::text::line(s).is_err() {
                Err(ScimError::bad(
                    "invalidValue",
                    format!("'{name}' holds a line break or a control character."),
                ))
            } else {
                Ok(Some(s.to_string()))
            }
        }
        Some(_) => Err(ScimError::bad(
            "invalidValue",
            format!("'{name}' must be a string."),
        )),
    }
}

/// A complex attribute (an object), if present.
pub fn complex<'a>(
    object: &'a Map<String, Value>,
    name: &str,
) -> Result<Option<&'a Map<String, Value>>, ScimError> {
    match get(object, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(_) => Err(ScimError::bad(
            "invalidValue",
            format!("'{name}' must be an object."),
        )),
    }
}

/// A multi-valued attribute (a list of objects), empty if absent.
pub fn multi<'a>(
    object: &'a Map<String, Value>,
    name: &str,
    max: usize,
) -> Result<Vec<&'a Map<String, Value>>, ScimError> {
    match get(object, name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            if items.len() > max {
                return Err(ScimError::bad(
                    "invalidValue",
                    format!("'{name}' has more than {max} values."),
                ));
            }
            items
                .iter()
                .map(|item| {
                    item.as_object().ok_or_else(|| {
                        ScimError::bad(
                            "invalidValue",
                            format!("Each value of '{name}' must be an object."),
                        )
                    })
                })
                .collect()
        }
        Some(_) => Err(ScimError::bad(
            "invalidValue",
            format!("'{name}' must be a list."),
        )),
    }
}

/// A boolean attribute; Entra ID sends `"True"`/`"False"` as strings in PATCH.
pub fn boolean(object: &Map<String, Value>, name: &str) -> Result<Option<bool>, ScimError> {
    match get(object, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(_) => Err(ScimError::bad(
            "invalidValue",
            format!("'{name}' must be true or false."),
        )),
    }
}

/// The resource's `meta`.
pub fn meta(
    resource_type: &str,
    location: String,
    created: chrono::DateTime<chrono::Utc>,
    modified: chrono::DateTime<chrono::Utc>,
) -> Value {
    let stamp =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    json!({
        "resourceType": resource_type,
        "created": stamp(created),
        "lastModified": stamp(modified),
        "location": location,
    })
}

/// The `{id}` of a discovery path (a schema's URN, a resource type's name), as text.
pub struct Name(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Name {
    type Rejection = ScimError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| ScimError::NotFound)?;
        params
            .iter()
            .find(|(name, _)| *name == "id")
            .map(|(_, raw)| Name(raw.to_string()))
            .ok_or(ScimError::NotFound)
    }
}
