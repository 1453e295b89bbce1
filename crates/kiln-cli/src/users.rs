//! `kiln user create|grant|revoke`: accounts, from the command line (the first admin, say).

use std::io::BufRead;

use kiln::auth;

use crate::UserCommand;
use crate::error::CliError;

/// Runs a `kiln user` command against the database at `url`.
pub async fn run(url: &str, command: UserCommand) -> Result<(), CliError> {
    let db = kiln::Db::connect(url).await?;
    let result = run_on(&db, command).await;
    db.pool().close().await;
    result
}

async fn run_on(db: &kiln::Db, command: UserCommand) -> Result<(), CliError> {
    kiln::auth::migrate(db).await?;
    match command {
        UserCommand::Create { email } => {
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .map_err(CliError::Stdin)?;
            let password = password.trim_end_matches(['\r', '\n']);
            let id = auth::create_user(db, &email, password).await?;
            println!("Created account {id} for {}.", email.trim().to_lowercase());
        }
        UserCommand::Grant { email, role } => {
            let user = existing(db, &email).await?;
            auth::grant_role(db, user.id, &role).await?;
            println!(
                "{} has the role {role}; a new role ends their sessions, so they log in again.",
                user.email
            );
        }
        UserCommand::Revoke { email, role } => {
            let user = existing(db, &email).await?;
            auth::revoke_role(db, user.id, &role).await?;
            println!("{} does not have the role {role}.", user.email);
        }
    }
    Ok(())
}

async fn existing(db: &kiln::Db, email: &str) -> Result<auth::User, CliError> {
    auth::find_user(db, email)
        .await?
        .ok_or_else(|| CliError::NoSuchUser(email.trim().to_owned()))
}
