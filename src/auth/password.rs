//! Password hashing (Argon2id, off the async runtime) and the password policy.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 200;

/// Hashes on a blocking thread: Argon2 takes tens of milliseconds of CPU by design.
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
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
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"no such user - timing equaliser", &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Verifies on a blocking thread. With no stored hash (unknown user, or invited but not yet
/// set), verifies against a dummy hash and answers false.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let (hash, known) = match &stored {
            Some(h) => (h.as_str(), true),
            None => (DUMMY_HASH.as_str(), false),
        };
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        ok && known
    })
    .await
    .unwrap_or(false)
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
