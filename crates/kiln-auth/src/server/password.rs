//! Passwords: hashed with argon2id, a bounded number at once; the rules a new password and an
//! e-mail address must meet.

use super::*;

/// How many argon2 computations may run at once: each takes 19 MiB and a core for tens of
/// milliseconds, so a burst of log-ins waits its turn instead of exhausting memory.
pub(super) fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        tokio::sync::Semaphore::new(cores * 2)
    })
}

/// Runs one argon2 computation off the async executor, when a permit is free (within 10 s;
/// after that the server is too busy and says so).
pub(super) async fn with_hashing_permit<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AuthError> {
    let wait = tokio::time::timeout(Duration::from_secs(10), hashing_permits().acquire()).await;
    let Ok(Ok(_permit)) = wait else {
        return Err(AuthError::Server(
            "the server is busy: try again in a moment".into(),
        ));
    };
    tokio::task::spawn_blocking(work)
        .await
        .map_err(server_error)
}

/// Hashes `password` with argon2id (OWASP's parameters: 19 MiB, 2 passes).
pub(super) async fn hash_password(password: String) -> Result<String, AuthError> {
    with_hashing_permit(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(server_error)?;
        let salt = SaltString::encode_b64(&salt).map_err(server_error)?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(server_error)
    })
    .await?
}

/// Checks `password` against `hash` in constant time. With no hash (no such account) it checks
/// against a hash of nothing, so the answer takes as long.
pub(super) async fn verify_password(
    password: String,
    hash: Option<String>,
) -> Result<bool, AuthError> {
    with_hashing_permit(move || {
        let hash = hash.unwrap_or_else(|| UNKNOWN_ACCOUNT_HASH.to_owned());
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
}

/// An argon2id hash (default parameters) of a random password nobody knows.
pub(super) const UNKNOWN_ACCOUNT_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Dh8Ps6yBl3PMKJ3XUCNkSR0yVEqiQE7HeRJhqLm46kU";

/// Normalises an e-mail address (trimmed, lower case) or refuses it.
pub(super) fn normalise_email(email: &str) -> Result<String, AuthError> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && !domain.is_empty() && !domain.contains('@')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid {
        Ok(email)
    } else {
        Err(AuthError::InvalidEmail)
    }
}

pub(super) fn check_new_password(
    auth: &Auth,
    password: &str,
    confirm: &str,
) -> Result<(), AuthError> {
    let chars = password.chars().count();
    if chars < auth.min_password_chars {
        return Err(AuthError::PasswordTooShort(auth.min_password_chars));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(AuthError::PasswordTooLong(MAX_PASSWORD_CHARS));
    }
    if password.as_bytes().ct_eq(confirm.as_bytes()).unwrap_u8() != 1 {
        return Err(AuthError::PasswordMismatch);
    }
    Ok(())
}
