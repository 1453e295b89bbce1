use kiln::prelude::*;

use crate::code::PageMeta;

/// How many rows the table page renders.
pub const ROWS: usize = 1000;

/// A 1,000-row table rendered on the server: the page `bench/run ssr` measures.
#[component]
pub fn Table() -> impl IntoView {
    let rows = (0..ROWS).map(Row::new).collect::<Vec<_>>();
    view! {
        <PageMeta
            title="1,000 rows · Kiln"
            description="A 1,000-row table rendered on the server, for the SSR benchmark."
        />
        <h1>"1,000 rows"</h1>
        <table>
            <thead>
                <tr><th>"#"</th><th>"Label"</th><th>"Id"</th></tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| view! { <tr><td>{row.index}</td><td>{row.label}</td><td><code>{row.id}</code></td></tr> })
                    .collect_view()}
            </tbody>
        </table>
    }
}

struct Row {
    index: usize,
    label: String,
    id: String,
}

impl Row {
    /// Deterministic rows, so every render (and the benchmark's raw baseline) has the same bytes.
    fn new(index: usize) -> Self {
        const ADJECTIVES: [&str; 8] = [
            "amber", "brisk", "calm", "deep", "eager", "fired", "glazed", "hot",
        ];
        const NOUNS: [&str; 8] = [
            "kiln", "clay", "glaze", "vase", "bowl", "tile", "brick", "jug",
        ];
        let hash = (index as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        Self {
            index: index + 1,
            label: format!("{} {}", ADJECTIVES[index % 8], NOUNS[(index / 8) % 8]),
            id: format!("{hash:016x}"),
        }
    }
}
