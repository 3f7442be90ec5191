//! Uploaded files, read defensively, for every import that takes one (the strategy workbook, the
//! people file, the Word document). The request body is read up to a limit and a larger one is drained and refused
//! (so the browser, still sending, gets a page rather than a reset connection); an XLSX is
//! checked as a zip before any spreadsheet parser sees it: its directory, encryption and what its
//! parts really unpack to, with a running total, so a zip bomb is refused after reading at most
//! the limit. Each import turns the refusals into messages on its own page.

use std::io::{Cursor, Read};

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use calamine::Reader;
use http_body_util::BodyExt;

/// The request body may be this much larger than the file (the form's boundaries and fields).
pub const BODY_SLACK: usize = 64 * 1024;
/// A body over the limit is read to its end and dropped up to this much, so that the browser,
/// still sending, receives the page instead of a reset connection; beyond it the connection is
/// closed.
const DRAIN_LIMIT: usize = 128 * 1024 * 1024;

/// Why no file came out of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadError {
    /// The file (or the body around it) is over the limit.
    TooLarge,
    /// Not a multipart form, or broken on the way.
    Unreadable,
    /// The form had no file, or an empty one.
    NoFile,
}

/// A request body read up to a limit.
pub enum Body {
    Read(Vec<u8>),
    TooLarge,
}

/// Whether the request's declared Content-Length, if any, is within `limit`.
pub fn declared_within(headers: &axum::http::HeaderMap, limit: usize) -> bool {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_none_or(|d| d <= limit)
}

/// The request body up to `limit`; a larger one is drained (up to `DRAIN_LIMIT`) and refused.
/// For a form with more than a file (the Word import's pasted text); [`posted_file`] otherwise.
pub async fn read_limited(body: axum::body::Body, limit: usize) -> Result<Body, axum::Error> {
    let mut body = body;
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        seen += data.len();
        if seen <= limit {
            kept.extend_from_slice(&data);
        } else if seen > DRAIN_LIMIT {
            return Ok(Body::TooLarge);
        }
    }
    Ok(if seen > limit {
        Body::TooLarge
    } else {
        Body::Read(kept)
    })
}

/// The multipart form's field `file`: its name (at most 200 characters) and bytes, at most
/// `max_file` of them.
pub async fn posted_file<S: Send + Sync>(
    state: &S,
    req: Request,
    max_file: usize,
) -> Result<(String, Vec<u8>), UploadError> {
    let (parts, body) = req.into_parts();
    let limit = max_file + BODY_SLACK;
    let declared_ok = declared_within(&parts.headers, limit);
    let bytes = match read_limited(body, limit).await {
        Ok(Body::Read(bytes)) if declared_ok => bytes,
        Ok(_) => return Err(UploadError::TooLarge),
        Err(_) => return Err(UploadError::Unreadable),
    };
    let req = Request::from_parts(parts, axum::body::Body::from(bytes));
    let Ok(mut multipart) = Multipart::from_request(req, state).await else {
        return Err(UploadError::Unreadable);
    };
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let Ok(data) = field.bytes().await else {
                    return Err(UploadError::Unreadable);
                };
                file = Some((name, data.to_vec()));
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return Err(UploadError::Unreadable),
        }
    }
    match file {
        Some((_, data)) if data.len() > max_file => Err(UploadError::TooLarge),
        Some((name, data)) if !data.is_empty() => Ok((name.chars().take(200).collect(), data)),
        _ => Err(UploadError::NoFile),
    }
}

/// Why a file is not an XLSX that may be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XlsxRefusal {
    NotXlsx,
    OldXls,
    Encrypted,
    Corrupt,
    Unpacked,
}

/// How much an XLSX may unpack to.
#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    /// All parts together, unpacked.
    pub max_unpacked: u64,
    /// Parts in the zip: a workbook has a few dozen.
    pub max_parts: usize,
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether the bytes start like an XLSX (a zip) or an Excel file of another kind (OLE: an old
/// .xls, or a workbook saved with a password): those are for [`check_xlsx`] to judge.
pub fn looks_like_excel(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&OLE_MAGIC)
}

/// Checks that `bytes` are an XLSX within `limits` before calamine parses them.
pub fn check_xlsx(bytes: &[u8], limits: ZipLimits) -> Result<(), XlsxRefusal> {
    if bytes.starts_with(&OLE_MAGIC) {
        // Excel saves a workbook with a password as an OLE container holding the encrypted
        // package; an OLE file without one is an old .xls.
        return match calamine::Xlsx::new(Cursor::new(bytes)) {
            Err(calamine::XlsxError::Password) => Err(XlsxRefusal::Encrypted),
            _ => Err(XlsxRefusal::OldXls),
        };
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(XlsxRefusal::NotXlsx);
    }
    check_zip(bytes, limits)
}

/// The zip's own directory, then every part unpacked into nothing with a running total: a part
/// whose header understates its size is caught as it unpacks, before calamine reads it.
fn check_zip(bytes: &[u8], limits: ZipLimits) -> Result<(), XlsxRefusal> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| XlsxRefusal::Corrupt)?;
    if zip.len() > limits.max_parts {
        return Err(XlsxRefusal::Unpacked);
    }
    let mut declared: u64 = 0;
    let mut has_workbook = false;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|_| XlsxRefusal::Corrupt)?;
        if part.encrypted() {
            return Err(XlsxRefusal::Encrypted);
        }
        has_workbook |= part.name_raw() == b"xl/workbook.xml";
        declared = declared.saturating_add(part.size());
    }
    if !has_workbook {
        return Err(XlsxRefusal::NotXlsx);
    }
    if declared > limits.max_unpacked {
        return Err(XlsxRefusal::Unpacked);
    }
    let mut left = limits.max_unpacked;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|_| XlsxRefusal::Corrupt)?;
        let read = std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|_| XlsxRefusal::Corrupt)?;
        if read > left {
            return Err(XlsxRefusal::Unpacked);
        }
        left -= read;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: ZipLimits = ZipLimits {
        max_unpacked: 1024 * 1024,
        max_parts: 50,
    };

    #[test]
    fn what_is_not_a_zip_is_not_an_xlsx() {
        assert_eq!(
            check_xlsx(b"e-mail;navn\n", LIMITS),
            Err(XlsxRefusal::NotXlsx)
        );
        assert_eq!(
            check_xlsx(b"PK\x03\x04garbage", LIMITS),
            Err(XlsxRefusal::Corrupt)
        );
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 600]);
        assert!(matches!(
            check_xlsx(&ole, LIMITS),
            Err(XlsxRefusal::OldXls | XlsxRefusal::Encrypted)
        ));
    }

    #[test]
    fn a_part_that_unpacks_past_the_limit_is_refused() {
        use std::io::Write;
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/workbook.xml", options).expect("a part");
            zip.write_all(&vec![b'a'; 2 * 1024 * 1024])
                .expect("written");
            zip.finish().expect("a zip");
        }
        let bytes = out.into_inner();
        assert!(bytes.len() < 100 * 1024, "it packs small");
        assert_eq!(check_xlsx(&bytes, LIMITS), Err(XlsxRefusal::Unpacked));
    }
}
