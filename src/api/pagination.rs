//! Keyset pagination of the API's lists: `?limit=&cursor=`, ordered by id, with a `next` link.

use serde::Serialize;
use uuid::Uuid;

use crate::web::api_error::ApiError;

pub const DEFAULT_LIMIT: i64 = 100;
pub const MAX_LIMIT: i64 = 500;

/// The page asked for: at most `limit` rows with ids after `cursor`.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub limit: i64,
    pub cursor: Option<Uuid>,
}

impl PageRequest {
    pub fn parse(limit: Option<&str>, cursor: Option<&str>) -> Result<Self, ApiError> {
        let limit = match limit.map(str::trim).filter(|s| !s.is_empty()) {
            None => DEFAULT_LIMIT,
            Some(text) => match text.parse::<i64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(ApiError::BadRequest(crate::t1(
                        "api-error-limit",
                        "max",
                        MAX_LIMIT,
                    )));
                }
            },
        };
        let cursor = match cursor.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => Some(
                Uuid::parse_str(text)
                    .map_err(|_| ApiError::BadRequest(crate::t("api-error-cursor")))?,
            ),
        };
        Ok(Self { limit, cursor })
    }

    /// How many rows to fetch: one more than the page, to know whether there is a next page.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }
}

/// A page of a list, with the link to the next page (null on the last).
#[derive(Debug, Serialize)]
pub struct Page<T> {
    pub data: Vec<T>,
    pub next: Option<String>,
}

impl<T> Page<T> {
    /// Cuts the extra row off and builds the next link from the last id of the page.
    /// `path_and_filters` is the list's path with any filter parameters ("…/followups?round=…").
    pub fn new(
        mut rows: Vec<T>,
        request: PageRequest,
        path_and_filters: &str,
        id: impl Fn(&T) -> Uuid,
    ) -> Self {
        let more = rows.len() as i64 > request.limit;
        rows.truncate(request.limit as usize);
        let next = match rows.last() {
            Some(last) if more => {
                let sep = if path_and_filters.contains('?') {
                    '&'
                } else {
                    '?'
                };
                Some(format!(
                    "{path_and_filters}{sep}limit={}&cursor={}",
                    request.limit,
                    id(last)
                ))
            }
            _ => None,
        };
        Self { data: rows, next }
    }
}
