//! One guestbook entry's own page, `/guestbook/:id`: a dynamic route whose title, description,
//! Open Graph tags and structured data come from the row, in the first HTML (the route renders
//! whole before the first byte, `SsrMode::Async`), and a 404 for an entry that is not there. A
//! content page: it ships no WASM (`hydrate=false`).

use kiln::prelude::*;
use kiln::seo::JsonLd;
use leptos_router::hooks::use_params_map;

use super::guestbook::Entry;
use crate::code::PageMeta;

/// The longest description a search result shows, in characters.
const DESCRIPTION_CHARS: usize = 155;

/// One entry, by id (`None` when there is no such entry).
#[server(endpoint = "guestbook/entry")]
pub async fn get_entry(id: i64) -> Result<Option<Entry>, ServerFnError> {
    let db = kiln::db()?;
    let entry = sqlx::query_as::<_, Entry>(
        "SELECT id, name, message, created_at FROM guestbook WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(entry)
}

/// The page of the entry whose id is in the address.
#[component]
pub fn GuestbookEntry() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let entry = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_entry(id).await,
            None => Ok(None),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p>"Loading the entry…"</p> }>
            {move || Suspend::new(async move {
                match entry.await {
                    Ok(Some(entry)) => view! { <EntryPage entry/> }.into_any(),
                    Ok(None) => view! { <super::NotFound/> }.into_any(),
                    Err(error) => {
                        kiln::respond::set_status(kiln::respond::StatusCode::INTERNAL_SERVER_ERROR);
                        view! { <p role="alert">"The entry could not be read: " {error.to_string()}</p> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn EntryPage(entry: Entry) -> impl IntoView {
    let title = format!("{} signed the guestbook · Kiln", entry.name);
    let description = summary(&entry.message);
    let data = Comment {
        context: "https://schema.org",
        kind: "Comment",
        text: entry.message.clone(),
        author: Person {
            kind: "Person",
            name: entry.name.clone(),
        },
    };
    view! {
        <PageMeta title description/>
        <JsonLd data/>
        <article class="entry-page">
            <h1>{entry.name.clone()} " signed the guestbook"</h1>
            <blockquote class="entry-message">{entry.message.clone()}</blockquote>
            <p><a href="/guestbook">"All entries"</a></p>
        </article>
    }
}

/// An entry as schema.org describes it: a `Comment` by a `Person`.
#[derive(serde::Serialize)]
struct Comment {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    text: String,
    author: Person,
}

#[derive(serde::Serialize)]
struct Person {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
}

/// The message as a search result's description: whole if short, else cut at a word.
fn summary(message: &str) -> String {
    if message.chars().count() <= DESCRIPTION_CHARS {
        return message.to_owned();
    }
    let cut: String = message.chars().take(DESCRIPTION_CHARS - 1).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|&at| at > 0)
        .map_or(cut.as_str(), |at| &cut[..at]);
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn a_long_message_is_cut_at_a_word() {
        assert_eq!(summary("Short and sweet."), "Short and sweet.");
        let long = "word ".repeat(60);
        let cut = summary(&long);
        assert!(cut.chars().count() <= 155, "{}", cut.chars().count());
        assert!(cut.ends_with("word…"), "{cut}");
    }
}
