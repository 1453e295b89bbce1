//! Clear answers to a client's mistakes: a 4xx that says what was wrong, never a 500.
//!
//! - A path longer than [`MAX_PATH_BYTES`]: 414 URI Too Long.
//! - A body over [`MAX_BODY_BYTES`]: 413 Content Too Large (by its `Content-Length`, before
//!   anything reads it; a body sent without one is cut at the limit).
//! - A server function called with arguments that do not decode (a missing field, a wrong
//!   type, malformed JSON or form data): 400 Bad Request, with the decoder's message. Leptos
//!   answers these with 500; they are the caller's mistake, not the server's.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

/// The longest path served.
pub const MAX_PATH_BYTES: usize = 4 * 1024;
/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The header Leptos's server functions put on an error response.
const SERVER_FN_ERROR: &str = "serverfnerror";
/// How the server-function errors that mean "your arguments are wrong" read, in Leptos's
/// encoding (`Args|…`) and in their `Display` (what an app's error type wraps).
const ARGUMENT_ERRORS: [&str; 4] = [
    "Args|",
    "MissingArg|",
    "error deserializing server function arguments",
    "missing argument",
];

/// The middleware: refuses long paths and large bodies, and turns argument errors into 400.
pub(crate) async fn answer_client_mistakes(request: Request, next: Next) -> Response {
    if request.uri().path().len() > MAX_PATH_BYTES {
        return (
            StatusCode::URI_TOO_LONG,
            format!("the path is longer than {MAX_PATH_BYTES} bytes"),
        )
            .into_response();
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        return too_large();
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error bodies are short; a long one is passed on as it is.
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::from("the error could not be read"));
    };
    if mentions_length_limit(&bytes) {
        parts.status = StatusCode::PAYLOAD_TOO_LARGE;
    } else if is_argument_error(&bytes) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn too_large() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
    )
        .into_response()
}

fn is_argument_error(body: &Bytes) -> bool {
    let text = String::from_utf8_lossy(body);
    ARGUMENT_ERRORS.iter().any(|needle| text.contains(needle))
}

/// Axum's body limit, hit while a server function read a body sent without a length.
fn mentions_length_limit(body: &Bytes) -> bool {
    String::from_utf8_lossy(body).contains("length limit exceeded")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_errors_are_told_from_server_errors() {
        for body in [
            "Args|missing field `name`",
            "MissingArg|name",
            r#"{"Request":"error deserializing server function arguments: expected a string"}"#,
        ] {
            assert!(is_argument_error(&Bytes::from(body)), "{body}");
        }
        for body in [
            "ServerError|the database is down",
            r#"{"Unavailable":null}"#,
        ] {
            assert!(!is_argument_error(&Bytes::from(body)), "{body}");
        }
    }
}
