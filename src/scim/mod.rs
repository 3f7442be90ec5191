//! Provisioning from the municipality's directory by SCIM 2.0 (RFC 7643/7644), as Microsoft
//! Entra ID's automatic provisioning speaks it: `/scim/v2/t/{slug}/Users` and `/Groups` with the
//! discovery endpoints, authenticated by the municipality's SCIM tokens
//! (`kernel::scim_token`), and the administrator's page for those tokens and for mapping the
//! directory's groups to roles and org units (`admin`). docs/sso.md describes the set-up.
//!
//! No SCIM crate is used: the Rust ones on crates.io (`scim_v2`, `scim-server`) offer models
//! and in-memory servers but neither the PATCH forms Entra ID sends (`"False"` as a string,
//! `emails[type eq "work"].value`, path-less value objects with paths as keys) nor a storage
//! that goes through our membership rules; the filter we accept is one comparison. What is here
//! is checked by `scim2-tester` and by tests/scim.rs with Entra ID's request shapes.

mod admin;
mod discovery;
mod filter;
mod groups;
mod patch;
mod resource;
mod users;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    const T: Access = Access::ScimToken;
    table
        .get(
            "/t/{slug}/admin/scim",
            Access::Members(Capability::Administer),
            admin::show,
        )
        .post(
            "/t/{slug}/admin/scim/tokens",
            Access::Members(Capability::Administer),
            admin::create_token,
        )
        .post(
            "/t/{slug}/admin/scim/tokens/revoke",
            Access::Members(Capability::Administer),
            admin::revoke_token,
        )
        .post(
            "/t/{slug}/admin/scim/groups",
            Access::Members(Capability::Administer),
            admin::map_group,
        )
        .get("/scim/v2/t/{slug}/Users", T, users::list)
        .post("/scim/v2/t/{slug}/Users", T, users::create)
        .get("/scim/v2/t/{slug}/Users/{id}", T, users::show)
        .put("/scim/v2/t/{slug}/Users/{id}", T, users::replace)
        .patch("/scim/v2/t/{slug}/Users/{id}", T, users::patch)
        .delete("/scim/v2/t/{slug}/Users/{id}", T, users::delete)
        .get("/scim/v2/t/{slug}/Groups", T, groups::list)
        .post("/scim/v2/t/{slug}/Groups", T, groups::create)
        .get("/scim/v2/t/{slug}/Groups/{id}", T, groups::show)
        .put("/scim/v2/t/{slug}/Groups/{id}", T, groups::replace)
        .patch("/scim/v2/t/{slug}/Groups/{id}", T, groups::patch)
        .delete("/scim/v2/t/{slug}/Groups/{id}", T, groups::delete)
        .get(
            "/scim/v2/t/{slug}/ServiceProviderConfig",
            T,
            discovery::service_provider_config,
        )
        .get(
            "/scim/v2/t/{slug}/ResourceTypes",
            T,
            discovery::resource_type_list,
        )
        .get(
            "/scim/v2/t/{slug}/ResourceTypes/{id}",
            T,
            discovery::resource_type,
        )
        .get("/scim/v2/t/{slug}/Schemas", T, discovery::schema_list)
        .post("/scim/v2/t/{slug}/.search", T, discovery::search)
        .get("/scim/v2/t/{slug}/Schemas/{id}", T, discovery::schema)
}
