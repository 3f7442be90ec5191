//! The route table: every route is registered with the access it needs, which is enforced by
//! `crate::kernel::access::guard` before the handler runs, and listed so that tests can walk them all.

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodRouter, delete, get, patch, post, put};

use crate::AppState;
use crate::kernel::access::{self, Access, Guard, OnExpired};

#[derive(Debug, Clone)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

pub struct RouteTable {
    state: AppState,
    router: Router<AppState>,
    pub routes: Vec<RouteInfo>,
}

impl RouteTable {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            router: Router::new(),
            routes: Vec::new(),
        }
    }

    pub fn get<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, path, access, get(handler), None)
    }

    pub fn post<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, path, access, post(handler), None)
    }

    /// PUT, PATCH and DELETE are for the SCIM endpoints only: the pages post forms.
    pub fn put<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::PUT, path, access, put(handler), None)
    }

    pub fn patch<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::PATCH, path, access, patch(handler), None)
    }

    pub fn delete<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::DELETE, path, access, delete(handler), None)
    }

    /// A form whose text must survive an expired session: a post without a live session goes to
    /// `on_expired` (which may keep it) instead of straight to the sign-in page.
    pub fn post_keeping<H, T>(
        self,
        path: &'static str,
        access: Access,
        handler: H,
        on_expired: OnExpired,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, path, access, post(handler), Some(on_expired))
    }

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        route: MethodRouter<AppState>,
        on_expired: Option<OnExpired>,
    ) -> Self {
        let guard = Guard {
            access,
            app: self.state.clone(),
            on_expired,
        };
        let route = route.route_layer(axum::middleware::from_fn_with_state(guard, access::guard));
        self.router = self.router.route(path, route);
        self.routes.push(RouteInfo {
            method,
            path,
            access,
        });
        self
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
