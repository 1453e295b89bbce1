//! The auth forms and guards: plain HTML forms that post to `/_kiln/auth/*`, and components
//! that render their children only for the right user.

use super::{AuthError, AuthForm, AuthState, Notice, SignedIn, admit, is_local_path, use_auth};
use kiln_ui::prelude::*;
use leptos::either::{Either, EitherOf3};

/// Where each form posts.
const LOG_IN_ACTION: &str = "/_kiln/auth/login";
const SIGN_UP_ACTION: &str = "/_kiln/auth/signup";
const LOG_OUT_ACTION: &str = "/_kiln/auth/logout";
const FORGOT_ACTION: &str = "/_kiln/auth/forgot";
const RESET_ACTION: &str = "/_kiln/auth/reset";
const CHANGE_ACTION: &str = "/_kiln/auth/password";

/// Renders `children` only for a signed-in user, who is then [`use_user`](super::use_user)
/// inside. Anyone else is sent to the log-in page (with `?next=` this page): by a redirect
/// while the server renders, so the HTML holds none of the children.
///
/// Give its route `ssr=SsrMode::Async`: the guard knows the visitor only once their session is
/// looked up, and a page streamed in order may have sent its first bytes (and its status, 200)
/// by then. `Async` renders the whole page before the first byte, so the redirect or the 403
/// is the status every time.
///
/// ```
/// use kiln::auth::RequireUser;
/// use kiln::prelude::*;
///
/// #[component]
/// fn Account() -> impl IntoView {
///     view! { <RequireUser><h1>"Your account"</h1></RequireUser> }
/// }
/// ```
#[component]
pub fn RequireUser(
    /// The protected content.
    children: ChildrenFn,
) -> impl IntoView {
    guard(None, children)
}

/// Renders `children` only for a signed-in user with `role`. A visitor who is not signed in is
/// sent to the log-in page; a user without the role sees "this needs the ROLE role" (status 403
/// on the server). Either way the HTML holds none of the children.
///
/// ```
/// use kiln::auth::RequireRole;
/// use kiln::prelude::*;
///
/// #[component]
/// fn Admin() -> impl IntoView {
///     view! { <RequireRole role="admin"><h1>"Users"</h1></RequireRole> }
/// }
/// ```
#[component]
pub fn RequireRole(
    /// The role needed.
    #[prop(into)]
    role: String,
    /// The protected content.
    children: ChildrenFn,
) -> impl IntoView {
    guard(Some(role), children)
}

fn guard(role: Option<String>, children: ChildrenFn) -> AnyView {
    let location = leptos_router::hooks::use_location();
    #[cfg(not(feature = "ssr"))]
    let navigate = leptos_router::hooks::use_navigate();
    with_auth_state(move |state: AuthState| {
        match admit(state.user.clone(), role.as_deref()) {
            Ok(user) => {
                provide_context(SignedIn(user));
                EitherOf3::A(children())
            }
            Err(AuthError::NotSignedIn) => {
                let search = location.search.get_untracked();
                let mut here = location.pathname.get_untracked();
                if !search.is_empty() {
                    here.push('?');
                    here.push_str(&search);
                }
                let to = log_in_url(&state.pages.log_in, &here);
                // A redirect for every client, browser or not, before any content.
                #[cfg(feature = "ssr")]
                kiln_core::redirect_before_content(&to);
                #[cfg(not(feature = "ssr"))]
                navigate(
                    &to,
                    leptos_router::NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
                EitherOf3::B(())
            }
            Err(refusal) => {
                kiln_core::set_status(refusal.status());
                EitherOf3::C(view! {
                    <Callout role=CalloutRole::Alert color=Color::Red class="kiln-auth-refused">
                        {refusal.to_string()}
                    </Callout>
                })
            }
        }
    })
}

/// `render` with the [`AuthState`] of an enclosing [`WithAuth`] or guard, at once; or, without
/// one, inside a [`WithAuth`] of its own.
fn with_auth_state<R, V>(render: R) -> AnyView
where
    R: Fn(AuthState) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    match use_context::<AuthState>() {
        Some(state) => render(state).into_any(),
        None => view! { <WithAuth children=render/> }.into_any(),
    }
}

/// The log-in page's address with `next` set to `here`.
pub(crate) fn log_in_url(log_in: &str, here: &str) -> String {
    let separator = if log_in.contains('?') { '&' } else { '?' };
    let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
    format!("{log_in}{separator}next={next}")
}

/// The value of `name` in the current page's query string.
fn query_value(name: &'static str) -> Signal<String> {
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || query.with(|query| query.get(name).unwrap_or_default()))
}

/// Renders `children` with the visitor's [`AuthState`] once it is loaded, in one `<Suspense>`;
/// the auth forms and guards inside use that state instead of waiting in a `<Suspense>` of
/// their own. Use it where a view shows several auth-dependent parts, a navbar above all: a
/// `<Suspense>` made inside another's async block (before the page's `<Routes>`) would take its
/// hydration id in a different order on the server and in the browser.
///
/// ```
/// use kiln::auth::{LogOutButton, WithAuth};
/// use kiln::prelude::*;
///
/// #[component]
/// fn AccountMenu() -> impl IntoView {
///     view! {
///         <WithAuth children=|state| match state.user {
///             Some(user) => view! { <span>{user.email}</span> <LogOutButton/> }.into_any(),
///             None => view! { <a href="/login">"Log in"</a> }.into_any(),
///         }/>
///     }
/// }
/// ```
#[component]
pub fn WithAuth<F, V>(
    /// What to show, given the state.
    children: F,
) -> impl IntoView
where
    F: Fn(AuthState) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let auth = use_auth();
    let children = std::sync::Arc::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match auth.await {
                        Ok(state) => {
                            provide_context(state.clone());
                            Either::Left(children(state))
                        }
                        Err(error) => {
                            // The database is down, or the server has no auth: not the
                            // visitor's fault (500).
                            kiln_core::set_status(error.status());
                            Either::Right(view! {
                                <Callout role=CalloutRole::Alert color=Color::Red>{error.to_string()}</Callout>
                            })
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// The frame every auth form shares: the post's target, this browser's token, the flash
/// message meant for this form, and the fields. Inside a [`WithAuth`] (or a guard) it renders
/// at once with that state; elsewhere it waits for the state in a `<Suspense>`.
fn auth_form<F, V>(form: AuthForm, action: &'static str, fields: F) -> AnyView
where
    F: Fn(&AuthState, String) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    with_auth_state(move |state: AuthState| form_view(form, action, &state, &fields))
}

fn form_view<F, V>(
    form: AuthForm,
    action: &'static str,
    state: &AuthState,
    fields: &F,
) -> impl IntoView + use<F, V>
where
    F: Fn(&AuthState, String) -> V,
    V: IntoView + 'static,
{
    let submitting = RwSignal::new(false);
    // A page restored from the back-forward cache must take a submit again.
    #[cfg(not(feature = "ssr"))]
    let _ = window_event_listener(leptos::ev::pageshow, move |_| submitting.set(false));
    // What the last post of this form left: its error and the typed address, or a notice.
    let flash = kiln_core::flash().filter(|flash| flash.form == form.name());
    let email = flash
        .as_ref()
        .map(|flash| flash.field("email").to_owned())
        .unwrap_or_default();
    let error = flash
        .as_ref()
        .and_then(kiln_core::Flash::error::<AuthError>);
    let notice = flash.as_ref().and_then(kiln_core::Flash::notice::<Notice>);
    view! {
        <form
            class="kiln-form kiln-auth-form"
            method="post"
            action=action
            data-form=format!("{form:?}")
            aria-busy=move || submitting.get().then_some("true")
            on:submit=move |event| {
                // One post per click: a second submit while the first is on its way is dropped.
                if submitting.get_untracked() {
                    event.prevent_default();
                }
                submitting.set(true);
            }
        >
            <input type="hidden" name="_csrf" value=state.csrf.clone()/>
            {error.map(|error| view! {
                <Callout role=CalloutRole::Alert color=Color::Red>{error.to_string()}</Callout>
            })}
            {notice.map(|notice| view! {
                <Callout role=CalloutRole::Status color=Color::Green>{notice.to_string()}</Callout>
            })}
            {fields(state, email)}
        </form>
    }
}

fn email_field(email: String) -> impl IntoView {
    view! {
        <Field label="E-mail">
            <TextField
                type_=TextFieldType::Email
                name="email"
                autocomplete="email"
                required=true
                value=Signal::stored(email)
            />
        </Field>
    }
}

fn password_field(
    label: &'static str,
    name: &'static str,
    autocomplete: &'static str,
) -> impl IntoView {
    view! {
        <Field label=label>
            <TextField type_=TextFieldType::Password name=name autocomplete=autocomplete required=true/>
        </Field>
    }
}

fn submit(label: &'static str) -> impl IntoView {
    view! { <Button type_=ButtonType::Submit>{label}</Button> }
}

/// The log-in form: e-mail and password, posted to `/_kiln/auth/login`. After log-in the
/// visitor goes to the page in this page's `?next=` (a path on this site), or to
/// [`AuthPages::after_log_in`](super::AuthPages::after_log_in).
///
/// ```
/// use kiln::auth::LogInForm;
/// use kiln::prelude::*;
///
/// #[component]
/// fn LogInPage() -> impl IntoView {
///     view! { <h1>"Log in"</h1><LogInForm/> }
/// }
/// ```
#[component]
pub fn LogInForm() -> impl IntoView {
    let next = query_value("next");
    auth_form(AuthForm::LogIn, LOG_IN_ACTION, move |state, email| {
        let next = next.get_untracked();
        let next = is_local_path(&next).then_some(next);
        view! {
            {next.map(|next| view! { <input type="hidden" name="next" value=next/> })}
            {email_field(email)}
            {password_field("Password", "password", "current-password")}
            <div class="kiln-auth-actions">
                {submit("Log in")}
                <Link href=state.pages.forgot_password.clone()>"Forgot your password?"</Link>
            </div>
        }
    })
}

/// The sign-up form: e-mail, password and its confirmation, posted to `/_kiln/auth/signup`.
/// The new user is logged in at once (or, when the app requires a verified address, mailed a
/// link first).
///
/// ```
/// use kiln::auth::SignUpForm;
/// use kiln::prelude::*;
///
/// #[component]
/// fn SignUpPage() -> impl IntoView {
///     view! { <h1>"Sign up"</h1><SignUpForm/> }
/// }
/// ```
#[component]
pub fn SignUpForm() -> impl IntoView {
    auth_form(AuthForm::SignUp, SIGN_UP_ACTION, |_state, email| {
        view! {
            {email_field(email)}
            {password_field("Password", "password", "new-password")}
            {password_field("Repeat the password", "password_confirm", "new-password")}
            <div class="kiln-auth-actions">{submit("Sign up")}</div>
        }
    })
}

/// Asks for a password-reset link: one field, the e-mail address. The answer is the same
/// whether or not the address has an account.
///
/// ```
/// use kiln::auth::ForgotPasswordForm;
/// use kiln::prelude::*;
///
/// #[component]
/// fn Forgot() -> impl IntoView {
///     view! { <ForgotPasswordForm/> }
/// }
/// ```
#[component]
pub fn ForgotPasswordForm() -> impl IntoView {
    auth_form(AuthForm::ForgotPassword, FORGOT_ACTION, |_state, email| {
        view! {
            {email_field(email)}
            <div class="kiln-auth-actions">{submit("Send me a link")}</div>
        }
    })
}

/// Sets a new password with the token from a reset link (this page's `?token=`).
///
/// ```
/// use kiln::auth::ResetPasswordForm;
/// use kiln::prelude::*;
///
/// #[component]
/// fn Reset() -> impl IntoView {
///     view! { <ResetPasswordForm/> }
/// }
/// ```
#[component]
pub fn ResetPasswordForm() -> impl IntoView {
    let token = query_value("token");
    auth_form(
        AuthForm::ResetPassword,
        RESET_ACTION,
        move |_state, _email| {
            view! {
                <input type="hidden" name="token" value=token.get_untracked()/>
                {password_field("New password", "password", "new-password")}
                {password_field("Repeat the new password", "password_confirm", "new-password")}
                <div class="kiln-auth-actions">{submit("Set the password")}</div>
            }
        },
    )
}

/// Changes the signed-in user's password: the current one, then the new one twice. Every other
/// session of the user is logged out, and this one gets a new id.
///
/// ```
/// use kiln::auth::{ChangePasswordForm, RequireUser};
/// use kiln::prelude::*;
///
/// #[component]
/// fn Account() -> impl IntoView {
///     view! { <RequireUser><ChangePasswordForm/></RequireUser> }
/// }
/// ```
#[component]
pub fn ChangePasswordForm() -> impl IntoView {
    auth_form(AuthForm::ChangePassword, CHANGE_ACTION, |_state, _email| {
        view! {
            {password_field("Current password", "current_password", "current-password")}
            {password_field("New password", "password", "new-password")}
            {password_field("Repeat the new password", "password_confirm", "new-password")}
            <div class="kiln-auth-actions">{submit("Change the password")}</div>
        }
    })
}

/// A "Log out" button (a one-button form). With `everywhere`, it ends every session of the
/// user, on every device.
///
/// ```
/// use kiln::auth::LogOutButton;
/// use kiln::prelude::*;
///
/// #[component]
/// fn Menu() -> impl IntoView {
///     view! { <LogOutButton/> <LogOutButton everywhere=true/> }
/// }
/// ```
#[component]
pub fn LogOutButton(
    /// End every session of the user, not just this one.
    #[prop(optional)]
    everywhere: bool,
) -> impl IntoView {
    auth_form(AuthForm::LogOut, LOG_OUT_ACTION, move |_state, _email| {
        let label = if everywhere {
            "Log out everywhere"
        } else {
            "Log out"
        };
        view! {
            {everywhere.then(|| view! { <input type="hidden" name="everywhere" value="true"/> })}
            <Button type_=ButtonType::Submit variant=Variant::Soft>{label}</Button>
        }
    })
}
