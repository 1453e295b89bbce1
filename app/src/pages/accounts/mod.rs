//! Accounts: sign-up, log-in, password reset and the account page, built from Kiln's auth forms
//! and guards. Each form is a plain HTML form that posts to Kiln's handlers under
//! `/_kiln/auth/`, so every page here works without JavaScript.

use kiln::auth::{
    ChangePasswordForm, ForgotPasswordForm, LogInForm, LogOutButton, RequireUser,
    ResetPasswordForm, SignUpForm, WithAuth, use_user,
};
use kiln::prelude::*;
use leptos::either::Either;

use crate::code::{CodeSample, PageMeta};

pub mod notes;
pub mod users;

pub use notes::NotesPage;
pub use users::UsersPage;

/// The navbar's account links: who is signed in (and the pages only they see), or the way in.
/// It reads the auth state `provide_auth` loaded at the top of the app, so the server renders
/// the right links into the first HTML.
#[component]
pub fn AccountNav() -> impl IntoView {
    // One wait for the visitor's state; the log-out button inside reuses it.
    view! {
        <WithAuth children=|state| match state.user {
            Some(user) => {
                let admin = user.has_role("admin");
                Either::Left(view! {
                    <A href="/account" attr:data-testid="account-link">{user.email}</A>
                    <A href="/notes">"Notes"</A>
                    {admin.then(|| view! { <A href="/admin/users">"Users"</A> })}
                    <LogOutButton/>
                })
            }
            None => Either::Right(view! {
                <A href="/login">"Log in"</A>
                <A href="/signup">"Sign up"</A>
            }),
        }/>
    }
}

/// What every auth page says Kiln does for it.
#[component]
pub(crate) fn KilnDoes(children: Children) -> impl IntoView {
    view! {
        <section class="demo">
            <h2>"What Kiln does here"</h2>
            {children()}
        </section>
    }
}

/// `/login`: the log-in form; after it, the page in `?next=` or the home page.
#[component]
pub fn LogInPage() -> impl IntoView {
    view! {
        <PageMeta title="Log in · Kiln" description="Log in to the Kiln showcase: a plain HTML form, with or without JavaScript."/>
        <h1>"Log in"</h1>
        <div class="demo">
            <LogInForm/>
            <p>"No account yet? " <A href="/signup">"Sign up"</A> "."</p>
            <p>"Lost your password? " <A href="/forgot-password">"Get a reset link"</A> "."</p>
        </div>
        <KilnDoes>
            <p>"The form posts to " <code>"/_kiln/auth/login"</code> ", checks the password against \
                its argon2id hash, and starts a session stored server-side, in a signed, HttpOnly \
                cookie. Failed log-ins are throttled per account and per address, and the message \
                never says whether an e-mail address has an account. A guarded page sends you \
                here with " <code>"?next="</code> " and you go back there after."</p>
        </KilnDoes>
        <CodeSample title="app/src/pages/accounts/mod.rs" code=source!("mod.rs")/>
    }
}

/// `/signup`: the sign-up form; the new user is logged in at once.
#[component]
pub fn SignUpPage() -> impl IntoView {
    view! {
        <PageMeta title="Sign up · Kiln" description="Make an account on the Kiln showcase."/>
        <h1>"Sign up"</h1>
        <div class="demo">
            <SignUpForm/>
            <p>"Already have an account? " <A href="/login">"Log in"</A> "."</p>
        </div>
        <KilnDoes>
            <p>"The account is made with the password hashed (argon2id, off the async executor), \
                you are logged in at once, and a link to confirm your address is mailed: in \
                development the mail is written to " <code>"data/mail"</code> " and logged. An \
                address that already has an account gets the same vague answer as any refusal."</p>
        </KilnDoes>
        <CodeSample title="app/src/pages/accounts/mod.rs" code=source!("mod.rs")/>
    }
}

/// `/forgot-password`: asks for a reset link.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! {
        <PageMeta title="Forgot your password? · Kiln" description="Ask for a link to choose a new password."/>
        <h1>"Forgot your password?"</h1>
        <div class="demo">
            <ForgotPasswordForm/>
            <p><A href="/login">"Back to log-in"</A></p>
        </div>
        <KilnDoes>
            <p>"The answer is the same, and as quick, whether or not the address has an account: \
                the mail goes out behind it. The link holds a single-use token valid for an hour; \
                only its SHA-256 is stored."</p>
        </KilnDoes>
        <CodeSample title="app/src/pages/accounts/mod.rs" code=source!("mod.rs")/>
    }
}

/// `/reset-password?token=…`: where reset links lead.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! {
        <PageMeta title="Choose a new password · Kiln" description="Set a new password with the link from your mail."/>
        <h1>"Choose a new password"</h1>
        <div class="demo">
            <ResetPasswordForm/>
        </div>
        <KilnDoes>
            <p>"The token from the link is used up by the first attempt that passes the password \
                checks; every session of the account is ended, and you log in with the new \
                password."</p>
        </KilnDoes>
        <CodeSample title="app/src/pages/accounts/mod.rs" code=source!("mod.rs")/>
    }
}

/// `/account`: the signed-in user's address, a password change, and log-out everywhere.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <PageMeta title="Your account · Kiln" description="Your account: your address, your password, your sessions."/>
        <h1>"Your account"</h1>
        <RequireUser>
            {move || use_user().map(|user| view! {
                <div class="demo">
                    <DataList>
                        <DataListItem label="E-mail">
                            <span data-testid="account-email">{user.email}</span>
                        </DataListItem>
                        <DataListItem label="Address confirmed">
                            {if user.email_verified {
                                Either::Left(view! { <Badge color=Color::Green>"Yes"</Badge> })
                            } else {
                                Either::Right(view! { <Badge color=Color::Amber>"Not yet: follow the link we mailed you"</Badge> })
                            }}
                        </DataListItem>
                    </DataList>
                    <h2>"Change your password"</h2>
                    <ChangePasswordForm/>
                    <h2>"Your sessions"</h2>
                    <p>"Lost a device? End every session of your account, this one included."</p>
                    <LogOutButton everywhere=true/>
                </div>
            })}
        </RequireUser>
        <KilnDoes>
            <p><code>"<RequireUser>"</code> " renders this page's content only for a signed-in \
                user: anyone else is redirected to the log-in page while the server renders, so \
                the HTML holds none of it. A password change logs out every other device and \
                gives this one a new session id."</p>
        </KilnDoes>
        <CodeSample title="app/src/pages/accounts/mod.rs" code=source!("mod.rs")/>
    }
}
