//! Sign-in through the municipality's own identity provider (OpenID Connect): its configuration
//! (`provider`, the administrator's page `admin`, the operator's `retning sso set`), the protocol
//! (`oidc`, on the `openidconnect` crate) and the sign-in itself (`flow`). /login
//! (`auth::login`) sends an address whose domain belongs to a provider here.

mod admin;
pub mod flow;
pub mod oidc;
pub mod provider;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/sso/{slug}/callback", Access::Public, flow::callback)
        .get(
            "/t/{slug}/admin/sso",
            Access::Members(Capability::Administer),
            admin::show,
        )
        .post(
            "/t/{slug}/admin/sso",
            Access::Members(Capability::Administer),
            admin::save,
        )
        .post(
            "/t/{slug}/admin/sso/test",
            Access::Members(Capability::Administer),
            admin::test,
        )
}
