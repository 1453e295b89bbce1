//! The handlers of auth's forms under `/_kiln/auth/`: log-in, sign-up, log-out, password change,
//! forgotten password, reset and e-mail verification.

use super::*;

/// Every auth form's fields; each handler reads the ones its form has.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Fields {
    pub(super) email: String,
    pub(super) password: String,
    pub(super) password_confirm: String,
    pub(super) current_password: String,
    pub(super) next: String,
    pub(super) token: String,
    pub(super) everywhere: String,
    #[serde(rename = "_csrf")]
    pub(super) csrf: String,
}

/// A handler's outcome: where to go next, the cookies to set, the flash to leave.
pub(super) struct Outcome {
    pub(super) to: String,
    pub(super) cookies: Vec<HeaderValue>,
    pub(super) flash: Option<Flash>,
}

impl Outcome {
    pub(super) fn to(to: impl Into<String>) -> Self {
        Self {
            to: to.into(),
            cookies: Vec::new(),
            flash: None,
        }
    }

    pub(super) fn cookie(mut self, cookie: HeaderValue) -> Self {
        self.cookies.push(cookie);
        self
    }

    pub(super) fn flash(mut self, flash: Flash) -> Self {
        self.flash = Some(flash);
        self
    }

    /// The redirect (303 See Other), its cookies, and its flash signed by the server's
    /// [`FlashSigner`] (in the request's extensions, where the server's `carry_flash` put it).
    fn respond(self, signer: Option<&FlashSigner>) -> Response {
        let location = HeaderValue::from_str(&self.to).unwrap_or(HeaderValue::from_static("/"));
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::SEE_OTHER;
        response.headers_mut().insert(header::LOCATION, location);
        for cookie in self.cookies {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        match (self.flash, signer) {
            (Some(flash), Some(signer)) => {
                response
                    .headers_mut()
                    .append(header::SET_COOKIE, signer.set_cookie(&flash));
            }
            (Some(_), None) => tracing::warn!(
                "auth: a flash for {} is dropped: the server has no carry_flash middleware",
                self.to
            ),
            (None, _) => {}
        }
        response
    }
}

/// Runs a form handler: checks the form's token, then `act`; a refusal goes back to `back`
/// with the error and the typed e-mail address in the flash.
pub(super) async fn handle<F, Fut>(
    auth: RequestAuth,
    fields: Result<Form<Fields>, FormRejection>,
    form: AuthForm,
    back: String,
    act: F,
) -> Response
where
    F: FnOnce(AuthService, RequestAuth, Fields) -> Fut,
    Fut: Future<Output = Result<Outcome, AuthError>>,
{
    let Ok(Form(fields)) = fields else {
        return (StatusCode::BAD_REQUEST, "expected an HTML form post").into_response();
    };
    let email = fields.email.trim().chars().take(254).collect::<String>();
    let service = auth.service.clone();
    let signer = auth.flash_signer.clone();
    let result = if auth.csrf_matches(&fields.csrf) {
        act(service, auth, fields).await
    } else {
        Err(AuthError::Csrf)
    };
    let outcome = result.unwrap_or_else(|error| {
        Outcome::to(back).flash(
            Flash::for_form(form.name())
                .with_error(&error)
                .with_fields(&[("email", &email)]),
        )
    });
    outcome.respond(signer.as_deref())
}

/// Goes to `to`, leaving `notice` for its `form`.
pub(super) fn notice(to: String, form: AuthForm, notice: Notice) -> Outcome {
    Outcome::to(to).flash(Flash::for_form(form.name()).with_notice(&notice))
}

/// `to` with `?name=value` (or `&name=value`) appended.
pub(super) fn with_query(to: &str, name: &str, value: &str) -> String {
    if value.is_empty() {
        return to.to_owned();
    }
    let separator = if to.contains('?') { '&' } else { '?' };
    let value: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
    format!("{to}{separator}{name}={value}")
}

pub(super) async fn log_in(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let next = fields
        .as_ref()
        .map(|Form(f)| f.next.clone())
        .unwrap_or_default();
    let next = is_local_path(&next).then_some(next);
    let back = with_query(
        &auth.service.pages().log_in,
        "next",
        next.as_deref().unwrap_or(""),
    );
    handle(
        auth,
        fields,
        AuthForm::LogIn,
        back,
        |service, auth, fields| async move {
            let email =
                normalise_email(&fields.email).map_err(|_| AuthError::InvalidCredentials)?;
            let account_key = format!("account:{email}");
            let address_key = format!("ip:{}", auth.client);
            let limits = &service.0.auth;
            service
                .count_attempt(&address_key, limits.address_failures)
                .await?;
            service
                .count_attempt(&account_key, limits.account_failures)
                .await?;
            let found = service.credentials(&email).await.map_err(server_error)?;
            let hash = found.as_ref().map(|(_, hash, _)| hash.clone());
            let verified = verify_password(fields.password, hash).await?;
            let Some((user_id, _, email_verified)) = found.filter(|_| verified) else {
                return Err(AuthError::InvalidCredentials);
            };
            service
                .forgive_attempt(&address_key)
                .await
                .map_err(server_error)?;
            if limits.verification == EmailVerification::Required && !email_verified {
                return Err(AuthError::EmailNotVerified);
            }
            service
                .clear_failures(&account_key)
                .await
                .map_err(server_error)?;
            let to = next.unwrap_or_else(|| service.pages().after_log_in.clone());
            Ok(Outcome::to(to).cookie(service.replace_session(&auth, user_id).await?))
        },
    )
    .await
}

pub(super) async fn sign_up(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let back = auth.service.pages().sign_up.clone();
    handle(
        auth,
        fields,
        AuthForm::SignUp,
        back,
        |service, auth, fields| async move {
            let email = normalise_email(&fields.email)?;
            check_new_password(&service.0.auth, &fields.password, &fields.password_confirm)?;
            service
                .count_attempt(
                    &format!("sign-up:{}", auth.client),
                    service.0.auth.address_failures,
                )
                .await?;
            let hash = hash_password(fields.password).await?;
            let verification = service.0.auth.verification;
            let verification_sent = notice(
                service.pages().log_in.clone(),
                AuthForm::LogIn,
                Notice::VerificationSent,
            );
            let user_id = match insert_user(&service.0.db, &email, &hash).await {
                Ok(user_id) => user_id,
                // With verification required the answer is the same for a taken address (whose
                // owner hears of the attempt): sign-up tells nobody who has an account.
                Err(AuthError::EmailTaken) if verification == EmailVerification::Required => {
                    service.mail_in_background(email, TAKEN, String::new());
                    return Ok(verification_sent);
                }
                Err(err) => return Err(err),
            };
            tracing::info!(user_id, "new account");
            if verification != EmailVerification::Off {
                let token = service
                    .issue_token(user_id, VERIFY, service.0.auth.verify_lifetime)
                    .await
                    .map_err(server_error)?;
                service.mail_in_background(email, VERIFY, token);
            }
            if verification == EmailVerification::Required {
                return Ok(verification_sent);
            }
            Ok(Outcome::to(service.pages().after_log_in.clone())
                .cookie(service.replace_session(&auth, user_id).await?))
        },
    )
    .await
}

pub(super) async fn log_out(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let back = auth.service.pages().after_log_out.clone();
    // The log-out button is usually not on the page it goes back to: a refusal is shown by
    // the log-in form there.
    handle(
        auth,
        fields,
        AuthForm::LogIn,
        back,
        |service, auth, fields| async move {
            let everywhere = fields.everywhere == "true";
            if let Some(token) = &auth.session {
                if everywhere && let Some(user) = auth.user().await? {
                    service
                        .end_all_sessions(user.id)
                        .await
                        .map_err(server_error)?;
                }
                service.end_session(token).await.map_err(server_error)?;
            }
            let said = if everywhere {
                Notice::LoggedOutEverywhere
            } else {
                Notice::LoggedOut
            };
            Ok(
                notice(service.pages().after_log_out.clone(), AuthForm::LogIn, said)
                    .cookie(service.removal(SESSION_COOKIE)),
            )
        },
    )
    .await
}

pub(super) async fn change_password(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let back = auth.service.pages().account.clone();
    handle(
        auth,
        fields,
        AuthForm::ChangePassword,
        back,
        |service, auth, fields| async move {
            let user = auth.user().await?.ok_or(AuthError::NotSignedIn)?;
            let account_key = format!("account:{}", user.email);
            service
                .count_attempt(&account_key, service.0.auth.account_failures)
                .await?;
            let hash = service
                .credentials(&user.email)
                .await
                .map_err(server_error)?
                .map(|(_, hash, _)| hash);
            if !verify_password(fields.current_password, hash).await? {
                return Err(AuthError::WrongPassword);
            }
            service
                .forgive_attempt(&account_key)
                .await
                .map_err(server_error)?;
            check_new_password(&service.0.auth, &fields.password, &fields.password_confirm)?;
            let hash = hash_password(fields.password).await?;
            service
                .set_password_hash(user.id, &hash)
                .await
                .map_err(server_error)?;
            // Every other device is logged out, and any reset link dies; this device
            // continues under a new session id.
            service
                .end_all_sessions(user.id)
                .await
                .map_err(server_error)?;
            service
                .forget_tokens(user.id, RESET)
                .await
                .map_err(server_error)?;
            let token = service
                .start_session(user.id, &auth.user_agent)
                .await
                .map_err(server_error)?;
            Ok(notice(
                service.pages().account.clone(),
                AuthForm::ChangePassword,
                Notice::PasswordChanged,
            )
            .cookie(service.session_cookie(token)))
        },
    )
    .await
}

pub(super) async fn forgot_password(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let back = auth.service.pages().forgot_password.clone();
    handle(
        auth,
        fields,
        AuthForm::ForgotPassword,
        back,
        |service, auth, fields| async move {
            let email = normalise_email(&fields.email)?;
            service
                .count_attempt(
                    &format!("reset:{}", auth.client),
                    service.0.auth.address_failures,
                )
                .await?;
            // The answer is the same for every address, and as quick: the mail goes out behind it.
            let worker = service.clone();
            tokio::spawn(async move {
                let found = match worker.credentials(&email).await {
                    Ok(found) => found,
                    Err(err) => {
                        tracing::error!("auth: cannot look up an account for a reset: {err}");
                        return;
                    }
                };
                let Some((user_id, _, _)) = found else {
                    return;
                };
                match worker.recently_issued(user_id, RESET).await {
                    Ok(false) => {}
                    Ok(true) => return,
                    Err(err) => {
                        tracing::error!("auth: {err}");
                        return;
                    }
                }
                match worker
                    .issue_token(user_id, RESET, worker.0.auth.reset_lifetime)
                    .await
                {
                    Ok(token) => worker.mail_link(&email, RESET, &token).await,
                    Err(err) => tracing::error!("auth: cannot issue a reset link: {err}"),
                }
            });
            Ok(notice(
                service.pages().forgot_password.clone(),
                AuthForm::ForgotPassword,
                Notice::ResetLinkSent,
            ))
        },
    )
    .await
}

pub(super) async fn reset_password(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let token = fields
        .as_ref()
        .map(|Form(f)| f.token.clone())
        .unwrap_or_default();
    let back = with_query(&auth.service.pages().reset_password, "token", &token);
    handle(auth, fields, AuthForm::ResetPassword, back, |service, _auth, fields| async move {
        // The password is checked before the link is used up, so a typo costs no new mail.
        check_new_password(&service.0.auth, &fields.password, &fields.password_confirm)?;
        let user_id = service
            .consume_token(&fields.token, RESET)
            .await
            .map_err(server_error)?
            .ok_or(AuthError::InvalidToken)?;
        let hash = hash_password(fields.password).await?;
        service.set_password_hash(user_id, &hash).await.map_err(server_error)?;
        service.end_all_sessions(user_id).await.map_err(server_error)?;
        // The mailbox answered: the address is confirmed, and its lock-out lifted.
        sqlx::query(
            "UPDATE kiln_users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2",
        )
        .bind(AuthService::now())
        .bind(user_id)
        .execute(service.pool())
        .await
        .map_err(server_error)?;
        if let Some(user) = service.user_by_id(user_id).await.map_err(server_error)? {
            service
                .clear_failures(&format!("account:{}", user.email))
                .await
                .map_err(server_error)?;
        }
        Ok(notice(
            service.pages().log_in.clone(),
            AuthForm::LogIn,
            Notice::PasswordReset,
        ))
    })
    .await
}

#[derive(Deserialize)]
pub(super) struct TokenQuery {
    #[serde(default)]
    pub(super) token: String,
}

pub(super) async fn verify_email(
    Extension(auth): Extension<RequestAuth>,
    Query(query): Query<TokenQuery>,
) -> Response {
    let service = auth.service.clone();
    let to = service.pages().log_in.clone();
    let result = async {
        let user_id = service
            .consume_token(&query.token, VERIFY)
            .await
            .map_err(server_error)?
            .ok_or(AuthError::InvalidToken)?;
        sqlx::query("UPDATE kiln_users SET email_verified_at = $1 WHERE id = $2")
            .bind(AuthService::now())
            .bind(user_id)
            .execute(service.pool())
            .await
            .map_err(server_error)?;
        Ok::<_, AuthError>(())
    }
    .await;
    let flash = match result {
        Ok(()) => Flash::for_form(AuthForm::LogIn.name()).with_notice(&Notice::EmailVerified),
        Err(error) => Flash::for_form(AuthForm::LogIn.name()).with_error(&error),
    };
    Outcome::to(to)
        .flash(flash)
        .respond(auth.flash_signer.as_deref())
}
