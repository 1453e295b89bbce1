//! Accounts: a stranger is sent to log in; after signing up, the account page is theirs.

use kiln::testing::TestServer;
use {{crate}}::{App, auth, live, migrations, shell};

const PASSWORD: &str = "a long enough passphrase";

#[tokio::test]
async fn a_stranger_is_sent_to_log_in_and_a_new_user_sees_their_account() {
    let server = TestServer::start(
        kiln::Server::new(App, shell)
            .migrations(migrations())
            .live(live())
            .auth(auth()),
    )
    .await;
    let mut visitor = server.browser();
    let page = visitor.get("/account").await;
    assert_eq!(page.status, 302);
    assert_eq!(page.location(), "/login?next=%2Faccount");
    assert!(!page.body.contains("account-email"));

    let signed_up = visitor
        .submit(
            "/signup",
            "/_kiln/auth/signup",
            &[
                ("email", "ada@example.com"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed_up.status, 303, "{}", signed_up.body);

    let page = visitor.get("/account").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains(r#"data-testid="account-email">ada@example.com</strong>"#),
        "{}",
        page.body
    );
    // The header knows who is signed in, in the first HTML of every page.
    assert!(visitor.get("/").await.body.contains("ada@example.com"));
}
