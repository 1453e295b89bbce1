//! Accounts, from Kiln's auth: `/signup`, `/login`, and `/account`, which only a signed-in
//! user sees. Each form is a plain HTML form that posts to Kiln's handlers under
//! `/_kiln/auth/`, so these pages work without JavaScript too.

use kiln::prelude::*;
use leptos::either::Either;

/// The header's account links: who is signed in, or the way in. The server renders the right
/// ones into the first HTML.
#[component]
pub fn AccountNav() -> impl IntoView {
    view! {
        <WithAuth children=|state| match state.user {
            Some(user) => Either::Left(view! {
                <A href="/account" attr:data-testid="account-link">{user.email}</A>
                <LogOutButton/>
            }),
            None => Either::Right(view! {
                <A href="/login">"Log in"</A>
                <A href="/signup">"Sign up"</A>
            }),
        }/>
    }
}

/// `/signup`: the new user is logged in at once.
#[component]
pub fn SignUpPage() -> impl IntoView {
    view! {
        <Title text="Sign up · {{title}}"/>
        <Heading>"Sign up"</Heading>
        <SignUpForm/>
        <Text as_=TextTag::P>"Already have an account? " <A href="/login">"Log in"</A></Text>
    }
}

/// `/login`: after it, the page in `?next=` (where a guard sent the visitor) or the home page.
#[component]
pub fn LogInPage() -> impl IntoView {
    view! {
        <Title text="Log in · {{title}}"/>
        <Heading>"Log in"</Heading>
        <LogInForm/>
        <Text as_=TextTag::P>"No account yet? " <A href="/signup">"Sign up"</A></Text>
    }
}

/// `/account`: only for a signed-in user. Anyone else is sent to `/login` while the server
/// renders, so the HTML holds none of it.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text="Your account · {{title}}"/>
        <Heading>"Your account"</Heading>
        <RequireUser>
            {move || use_user().map(|user| view! {
                <Text as_=TextTag::P>
                    "You are signed in as " <strong data-testid="account-email">{user.email}</strong> "."
                </Text>
                <Heading level=2 size=4>"Change your password"</Heading>
                <ChangePasswordForm/>
            })}
        </RequireUser>
    }
}
