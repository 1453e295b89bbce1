//! The showcase's live states, driven through Kiln's headless test client.
#![cfg(feature = "ssr")]

use app::pages::live::{CounterError, LiveCounter, LiveCounterEvent};
use kiln::live::protocol::ErrorCode;
use kiln::live::testing::TestClient;
use kiln::live::{Live, LiveHub};

#[tokio::test]
async fn the_counter_refuses_to_overflow_instead_of_wrapping() {
    let hub = LiveHub::start(Live::new().state::<LiveCounter>(), None)
        .await
        .expect("a hub");
    let mut page = TestClient::connect(&hub).await;
    page.join::<LiveCounter>().await;
    page.call::<LiveCounter>(LiveCounterEvent::Add { by: i64::MAX })
        .await
        .expect("the largest count fits");
    let failure = page
        .call::<LiveCounter>(LiveCounterEvent::Add { by: 1 })
        .await
        .expect_err("one more overflows");
    assert_eq!(failure.code, ErrorCode::Handler);
    let detail: Option<CounterError> = failure
        .detail
        .as_deref()
        .and_then(|detail| serde_json::from_str(detail).ok());
    assert_eq!(detail, Some(CounterError::Overflow));
    assert_eq!(page.view::<LiveCounter>().count, i64::MAX, "unchanged");
}
