//! Password hashing (Argon2id, off the async runtime, a bounded number at once) and the
//! password policy.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 200;

/// Hash work waiting for a core, per core, before further sign-ins are turned away (a waiting
/// sign-in holds a few hundred bytes; only a running hash holds Argon2's memory).
const QUEUE_PER_CORE: usize = 16;
/// The longest a sign-in waits for a core before it is turned away.
const MAX_WAIT: Duration = Duration::from_secs(5);
/// What the busy answer tells the browser (Retry-After) and the reader.
pub const RETRY_AFTER_SECONDS: u64 = 5;

/// Each Argon2 computation holds its whole memory cost (19 MiB with the default parameters) for
/// the time it runs, so the number running at once decides the server's memory: at most one per
/// core (more would not finish sooner anyway), the rest wait in a short queue.
struct Gate {
    running: Arc<Semaphore>,
    /// Sign-ins admitted: running or waiting for a core.
    admitted: AtomicUsize,
    capacity: usize,
}

static GATE: LazyLock<Gate> = LazyLock::new(|| {
    return_large_allocations_to_the_os();
    let cores = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_RUNNING);
    Gate {
        running: Arc::new(Semaphore::new(cores)),
        admitted: AtomicUsize::new(0),
        capacity: cores * (1 + QUEUE_PER_CORE),
    }
});

/// Hashes running at once however many cores the machine has: 8 × 19 MiB at most, and still
/// well over a hundred sign-ins a second, far more than a municipality's morning rush.
const MAX_RUNNING: usize = 8;

/// Allocations from this size up are mapped from the OS and unmapped when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1024 * 1024;

/// glibc raises its mmap threshold to the size of the largest block freed so far (up to
/// 32 MiB), so after the first hash Argon2's 19 MiB come from the per-thread malloc arenas, and
/// freed they stay there: measured, 35 hashes two at a time on a 2-core machine left twelve
/// arenas holding 38–57 MiB each (a 685 MB peak that never went down). A fixed threshold sends
/// them back to the OS at once; it costs a few milliseconds of page faults per hash.
fn return_large_allocations_to_the_os() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets a tunable of glibc's allocator; it is thread-safe and has no
        // memory-safety preconditions.
        if unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD) } != 1 {
            tracing::warn!("could not set the malloc mmap threshold");
        }
    }
}

/// Too many sign-ins are being checked at once: the caller answers 503 with Retry-After.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// A place among the admitted sign-ins, given back when the work is done or abandoned.
struct Admission;

impl Admission {
    fn take() -> Result<Self, Busy> {
        if GATE.admitted.fetch_add(1, Ordering::SeqCst) >= GATE.capacity {
            GATE.admitted.fetch_sub(1, Ordering::SeqCst);
            return Err(Busy);
        }
        Ok(Admission)
    }
}

impl Drop for Admission {
    fn drop(&mut self) {
        GATE.admitted.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs Argon2 work on a blocking thread once a core is free. The permit (and the admission)
/// move into the blocking closure: a browser that gives up drops the request's future, but the
/// hash already started runs to its end, and until then it still counts.
async fn gated<T: Send + 'static>(
    admission: Option<Admission>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, GatedError> {
    let acquire = GATE.running.clone().acquire_owned();
    let permit = if admission.is_some() {
        tokio::time::timeout(MAX_WAIT, acquire)
            .await
            .map_err(|_| GatedError::Busy)?
    } else {
        acquire.await
    }
    .map_err(|_| GatedError::Closed)?;
    tokio::task::spawn_blocking(move || {
        let _running = permit;
        let _admitted = admission;
        work()
    })
    .await
    .map_err(GatedError::Join)
}

#[derive(Debug, thiserror::Error)]
enum GatedError {
    #[error("the hash gate is busy")]
    Busy,
    #[error("the hash gate is closed")]
    Closed,
    #[error("the hashing thread failed: {0}")]
    Join(#[from] tokio::task::JoinError),
}

/// Hashes a new password on a blocking thread: Argon2 takes tens of milliseconds of CPU by
/// design. Requests reach it only with a valid link or a session, so it waits for a core as
/// long as it takes; it runs under the same limit as sign-ins.
pub async fn hash(password: String) -> anyhow::Result<String> {
    gated(None, move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

/// A hash of a password nobody knows, verified against when the e-mail is unknown so that a
/// failed sign-in takes about as long whether or not the account exists.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"no such user - timing equaliser", &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// With no stored hash (unknown user, or invited but not yet set), verifies against a dummy
/// hash and answers false.
fn verify_now(password: &str, stored: Option<&str>) -> bool {
    let (hash, known) = match stored {
        Some(h) => (h, true),
        None => (DUMMY_HASH.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let ok = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    ok && known
}

/// Verifies for a signed-in user (the current password on the account page): waits for a core.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    gated(None, move || verify_now(&password, stored.as_deref()))
        .await
        .unwrap_or(false)
}

/// Verifies an anonymous sign-in: waits briefly for a core, or answers `Busy` when too many
/// sign-ins are already running or waiting, so that a flood cannot pile up hash work.
pub async fn verify_sign_in(password: String, stored: Option<String>) -> Result<bool, Busy> {
    let admission = Admission::take()?;
    match gated(Some(admission), move || {
        verify_now(&password, stored.as_deref())
    })
    .await
    {
        Ok(ok) => Ok(ok),
        Err(GatedError::Busy) => Err(Busy),
        Err(_) => Ok(false),
    }
}

/// Checks a new password; the error is a message for the form, in the reader's language.
pub fn check_policy(password: &str, user_inputs: &[&str]) -> Result<(), String> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(crate::t1("auth-password-too-short", "min", MIN_LENGTH));
    }
    if length > MAX_LENGTH {
        return Err(crate::t1("auth-password-too-long", "max", MAX_LENGTH));
    }
    // zxcvbn knows the common-password lists and patterns (keyboard walks, repeats, dates, names).
    let estimate = zxcvbn::zxcvbn(password, user_inputs);
    if u8::from(estimate.score()) < 3 {
        return Err(crate::t("auth-password-too-guessable"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_short_passwords_are_refused() {
        assert!(check_policy("kort", &[]).is_err());
        assert!(check_policy("password1234", &[]).is_err());
        assert!(check_policy("123456789012", &[]).is_err());
        assert!(check_policy("qwertyuiopasdf", &[]).is_err());
        assert!(check_policy("anne.hansen@kommune.dk", &["anne.hansen@kommune.dk"]).is_err());
        assert!(check_policy("Blå kaffekop ved Alssund 1864", &[]).is_ok());
    }

    #[tokio::test]
    async fn hashes_verify_and_unknown_users_never_do() {
        let hashed = hash("Blå kaffekop ved Alssund 1864".into()).await.unwrap();
        assert!(hashed.starts_with("$argon2id$"));
        assert!(verify("Blå kaffekop ved Alssund 1864".into(), Some(hashed.clone())).await);
        assert!(!verify("forkert".into(), Some(hashed)).await);
        assert!(!verify("no such user - timing equaliser".into(), None).await);
    }
}
