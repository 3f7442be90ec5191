//! The discovery endpoints (RFC 7644 §4): what this service provider supports, its resource
//! types and the schemas of their attributes, limited to the attributes Retning keeps (a
//! directory may send others; they are accepted and not kept, docs/sso.md).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::groups::GROUP_SCHEMA;
use super::resource::{self, answer};
use super::users::{ENTERPRISE_SCHEMA, USER_SCHEMA};
use crate::AppState;
use crate::kernel::scim_token::ScimClient;
use crate::web::scim_error::ScimError;

const SPC_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";

fn base(state: &AppState, client: &ScimClient) -> String {
    format!(
        "{}/scim/v2/t/{}",
        state.settings.base_url.trim_end_matches('/'),
        client.tenant.slug
    )
}

/// One attribute's definition.
fn attribute(name: &str, kind: &str, multi: bool, required: bool, mutability: &str) -> Value {
    // userName and a group's displayName are unique in the municipality.
    let unique = name == "userName" || (name == "displayName" && required);
    let uniqueness = if unique { "server" } else { "none" };
    json!({
        "name": name,
        "type": kind,
        "multiValued": multi,
        "description": name,
        "required": required,
        "caseExact": false,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": uniqueness,
    })
}

fn complex(name: &str, multi: bool, subs: Vec<Value>) -> Value {
    let mut value = attribute(name, "complex", multi, false, "readWrite");
    value["subAttributes"] = Value::Array(subs);
    value
}

fn required(mut attribute: Value) -> Value {
    attribute["required"] = json!(true);
    attribute
}

fn schemas(base: &str) -> Vec<Value> {
    let mut member_ref = attribute("$ref", "reference", false, false, "immutable");
    member_ref["referenceTypes"] = json!(["User"]);
    let with_meta = |id: &str, name: &str, attributes: Vec<Value>| {
        json!({
            "schemas": [SCHEMA_SCHEMA],
            "id": id,
            "name": name,
            "description": name,
            "attributes": attributes,
            "meta": { "resourceType": "Schema", "location": format!("{base}/Schemas/{id}") },
        })
    };
    vec![
        with_meta(
            USER_SCHEMA,
            "User",
            vec![
                attribute("userName", "string", false, true, "readWrite"),
                complex(
                    "name",
                    false,
                    vec![
                        attribute("formatted", "string", false, false, "readWrite"),
                        attribute("familyName", "string", false, false, "readWrite"),
                        attribute("givenName", "string", false, false, "readWrite"),
                    ],
                ),
                attribute("displayName", "string", false, false, "readWrite"),
                attribute("title", "string", false, false, "readWrite"),
                // Required here: whether the person may sign in is the one thing a directory
                // must say (a request without it counts as active, as RFC 7643 leaves it open).
                required(attribute("active", "boolean", false, false, "readWrite")),
                // Required here so that a directory sends an address: the account needs one
                // (a userName that is an address is accepted instead, as Entra ID sends).
                required(complex(
                    "emails",
                    true,
                    vec![
                        required(attribute("value", "string", false, false, "readWrite")),
                        attribute("type", "string", false, false, "readWrite"),
                        attribute("primary", "boolean", false, false, "readWrite"),
                    ],
                )),
            ],
        ),
        with_meta(
            ENTERPRISE_SCHEMA,
            "EnterpriseUser",
            vec![attribute("department", "string", false, false, "readWrite")],
        ),
        with_meta(
            GROUP_SCHEMA,
            "Group",
            vec![
                attribute("displayName", "string", false, true, "readWrite"),
                complex(
                    "members",
                    true,
                    vec![
                        attribute("value", "string", false, false, "immutable"),
                        member_ref,
                    ],
                ),
            ],
        ),
    ]
}

fn resource_types(base: &str) -> Vec<Value> {
    vec![
        json!({
            "schemas": [RESOURCE_TYPE_SCHEMA],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "A member of the municipality",
            "schema": USER_SCHEMA,
            "schemaExtensions": [{ "schema": ENTERPRISE_SCHEMA, "required": false }],
            "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User") },
        }),
        json!({
            "schemas": [RESOURCE_TYPE_SCHEMA],
            "id": "Group",
            "name": "Group",
            "endpoint": "/Groups",
            "description": "A group of the directory, mapped to a role or an org unit",
            "schema": GROUP_SCHEMA,
            "schemaExtensions": [],
            "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/Group") },
        }),
    ]
}

pub async fn service_provider_config(
    State(state): State<AppState>,
    client: ScimClient,
) -> Response {
    let base = base(&state, &client);
    answer(
        StatusCode::OK,
        &json!({
            "schemas": [SPC_SCHEMA],
            "patch": { "supported": true },
            // Optional in RFC 7644 and not needed by a directory: not offered.
            "bulk": { "supported": false, "maxOperations": 0, "maxPayloadSize": 0 },
            "filter": { "supported": true, "maxResults": 500 },
            "changePassword": { "supported": false },
            "sort": { "supported": false },
            "etag": { "supported": false },
            "authenticationSchemes": [{
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "A SCIM token the municipality's administrator creates in Retning",
                "primary": true,
            }],
            "meta": { "resourceType": "ServiceProviderConfig", "location": format!("{base}/ServiceProviderConfig") },
        }),
    )
}

fn list_of(items: Vec<Value>) -> Response {
    let page = resource::Page {
        start: 1,
        count: items.len() as i64,
    };
    resource::list(items.len() as i64, &page, items)
}

pub async fn resource_type_list(State(state): State<AppState>, client: ScimClient) -> Response {
    list_of(resource_types(&base(&state, &client)))
}

pub async fn schema_list(State(state): State<AppState>, client: ScimClient) -> Response {
    list_of(schemas(&base(&state, &client)))
}

fn by_id(items: Vec<Value>, id: &str) -> Result<Response, ScimError> {
    items
        .into_iter()
        .find(|item| item["id"].as_str() == Some(id))
        .map(|item| answer(StatusCode::OK, &item))
        .ok_or(ScimError::NotFound)
}

pub async fn resource_type(
    State(state): State<AppState>,
    client: ScimClient,
    name: resource::Name,
) -> Result<Response, ScimError> {
    by_id(resource_types(&base(&state, &client)), &name.0)
}

pub async fn schema(
    State(state): State<AppState>,
    client: ScimClient,
    name: resource::Name,
) -> Result<Response, ScimError> {
    by_id(schemas(&base(&state, &client)), &name.0)
}

/// `POST /.search` across resource types is optional (RFC 7644 §3.4.3) and unused by directories.
pub async fn search() -> ScimError {
    ScimError::NotImplemented
}
