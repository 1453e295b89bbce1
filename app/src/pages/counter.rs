use kiln::prelude::*;

use crate::code::{CodeSample, PageMeta};

/// A counter: a signal in the browser, updated without a round trip. Only the text nodes that
/// read `count` change on a click.
#[component]
pub fn Counter() -> impl IntoView {
    let count = RwSignal::new(0);
    view! {
        <PageMeta
            title="Counter · Kiln"
            description="A fine-grained reactive counter, rendered on the server and hydrated."
        />
        <h1>"Counter"</h1>
        <div class="demo">
            <p class="count" data-testid="count">"Count: " {count}</p>
            <button on:click=move |_| *count.write() -= 1>"−1"</button>
            " "
            <button on:click=move |_| *count.write() += 1>"+1"</button>
            " "
            <button on:click=move |_| count.set(0) disabled=move || count.get() == 0>"Reset"</button>
        </div>
        <CodeSample title="app/src/pages/counter.rs" code=source!("counter.rs")/>
    }
}
