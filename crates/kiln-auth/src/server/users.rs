//! The users and their roles: looked up, created, granted and revoked.

use super::*;

/// A user and their roles, one row per role (one row with no role for a user without any): a
/// literal, for `concat!`, as sqlx takes only literal SQL.
macro_rules! select_user_with_roles {
    () => {
        "SELECT u.id, u.email, u.email_verified_at, r.role \
         FROM kiln_users u LEFT JOIN kiln_user_roles r ON r.user_id = u.id"
    };
}

/// The user `id`, with their roles, or `None`: one query.
pub(super) async fn load_user(pool: &sqlx::AnyPool, id: i64) -> Result<Option<User>, sqlx::Error> {
    let rows: Vec<UserRow> = sqlx::query_as(concat!(select_user_with_roles!(), " WHERE u.id = $1"))
        .bind(id)
        .fetch_all(pool)
        .await?;
    Ok(user_of_rows(rows))
}

/// The user of a live session (`token_hash`, not expired at `now`), with their roles, or
/// `None`: one query, so a signed-in request costs one database round trip.
pub(super) async fn load_session_user(
    pool: &sqlx::AnyPool,
    token_hash: &str,
    now: i64,
) -> Result<Option<User>, sqlx::Error> {
    let rows: Vec<UserRow> = sqlx::query_as(concat!(
        select_user_with_roles!(),
        " JOIN kiln_sessions s ON s.user_id = u.id",
        " WHERE s.token_hash = $1 AND s.expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(user_of_rows(rows))
}

/// One row of `select_user_with_roles!()`: id, e-mail, when verified, one role.
type UserRow = (i64, String, Option<i64>, Option<String>);

fn user_of_rows(rows: Vec<UserRow>) -> Option<User> {
    let (id, email, verified, _) = rows.first()?.clone();
    let mut roles: Vec<String> = rows.into_iter().filter_map(|(.., role)| role).collect();
    roles.sort();
    Some(User {
        id,
        email,
        roles,
        email_verified: verified.is_some(),
    })
}

/// The user whose e-mail address is `email` (in any case), with their roles, or `None`.
pub async fn find_user(db: &Db, email: &str) -> Result<Option<User>, AuthError> {
    let email = normalise_email(email)?;
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM kiln_users WHERE email = $1")
        .bind(&email)
        .fetch_optional(db.pool())
        .await
        .map_err(server_error)?;
    match row {
        Some((id,)) => load_user(db.pool(), id).await.map_err(server_error),
        None => Ok(None),
    }
}

/// Creates an account (for seeding an admin, or tests) and returns its id.
pub async fn create_user(db: &Db, email: &str, password: &str) -> Result<i64, AuthError> {
    let email = normalise_email(email)?;
    check_new_password(&Auth::default(), password, password)?;
    let hash = hash_password(password.to_owned()).await?;
    insert_user(db, &email, &hash).await
}

pub(super) async fn insert_user(db: &Db, email: &str, hash: &str) -> Result<i64, AuthError> {
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO kiln_users (email, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(email)
    .bind(hash)
    .bind(AuthService::now())
    .fetch_one(db.pool())
    .await;
    match inserted {
        Ok((id,)) => Ok(id),
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() => Err(AuthError::EmailTaken),
        Err(err) => Err(server_error(err)),
    }
}

/// Gives user `user_id` the role `role` (nothing if they have it). A new role ends the user's
/// sessions: they log in again, under a new session id, so no session id from before the
/// change (one that leaked, say) carries the new privilege. A revoked role takes effect at
/// once, since roles are read on every request.
pub async fn grant_role(db: &Db, user_id: i64, role: &str) -> Result<(), AuthError> {
    let valid = (1..=64).contains(&role.len())
        && role
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        return Err(AuthError::InvalidRole(role.to_owned()));
    }
    let granted = sqlx::query(
        "INSERT INTO kiln_user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(role)
    .execute(db.pool())
    .await
    .map_err(server_error)?;
    if granted.rows_affected() > 0 {
        sqlx::query("DELETE FROM kiln_sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(db.pool())
            .await
            .map_err(server_error)?;
    }
    Ok(())
}

/// Takes the role `role` from user `user_id` (nothing if they lack it).
pub async fn revoke_role(db: &Db, user_id: i64, role: &str) -> Result<(), AuthError> {
    sqlx::query("DELETE FROM kiln_user_roles WHERE user_id = $1 AND role = $2")
        .bind(user_id)
        .bind(role)
        .execute(db.pool())
        .await
        .map_err(server_error)?;
    Ok(())
}
