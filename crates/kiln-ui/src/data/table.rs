//! Tables: rows and columns of data, sortable by their headers.

use crate::props::{Size, Variant, class_list};
use leptos::prelude::*;

/// A table of data, with [`TableHeader`], [`TableBody`], [`TableRow`], [`TableColumnHeader`],
/// [`TableRowHeader`] and [`TableCell`]: native table elements, so screen readers announce
/// each cell's headers.
///
/// Variants: ghost (rows only, the default) or surface (in a bordered panel). Sizes `S1` to
/// `S3`. It scrolls sideways when it is wider than its container.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn People() -> impl IntoView {
///     view! {
///         <Table variant=Variant::Surface caption="Team">
///             <TableHeader>
///                 <TableRow>
///                     <TableColumnHeader>"Name"</TableColumnHeader>
///                     <TableColumnHeader>"Role"</TableColumnHeader>
///                 </TableRow>
///             </TableHeader>
///             <TableBody>
///                 <TableRow>
///                     <TableRowHeader>"Ada"</TableRowHeader>
///                     <TableCell>"Engineer"</TableCell>
///                 </TableRow>
///             </TableBody>
///         </Table>
///     }
/// }
/// ```
#[component]
pub fn Table(
    /// Ghost (default) or surface.
    #[prop(default = Variant::Ghost)]
    variant: Variant,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// A caption: the table's accessible name, shown above it.
    #[prop(optional, into)]
    caption: Option<String>,
    /// Extra classes (on the `<table>`).
    #[prop(optional, into)]
    class: Option<String>,
    /// The header, body and rows.
    children: Children,
) -> impl IntoView {
    let variant = if variant == Variant::Surface {
        "surface"
    } else {
        "ghost"
    };
    view! {
        <div class="kiln-table-wrap" data-variant=variant>
            <table
                class=class_list("kiln-table", class.as_deref())
                data-variant=variant
                data-size=size.as_str()
            >
                {caption.map(|caption| view! { <caption class="kiln-table-caption">{caption}</caption> })}
                {children()}
            </table>
        </div>
    }
}

macro_rules! table_part {
    ($(#[$doc:meta])* $name:ident, $tag:ident, $class:literal $(, $attr:ident = $value:tt)?) => {
        $(#[$doc])*
        #[component]
        pub fn $name(
            /// Extra classes.
            #[prop(optional, into)]
            class: Option<String>,
            /// The content.
            children: Children,
        ) -> impl IntoView {
            view! {
                <$tag class=class_list($class, class.as_deref()) $($attr=$value)?>
                    {children()}
                </$tag>
            }
        }
    };
}

table_part!(
    /// A [`Table`]'s header rows: `<thead>`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Head() -> impl IntoView {
    ///     view! { <TableHeader><TableRow><TableColumnHeader>"Name"</TableColumnHeader></TableRow></TableHeader> }
    /// }
    /// ```
    TableHeader, thead, "kiln-table-header"
);
table_part!(
    /// A [`Table`]'s body: `<tbody>`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Body() -> impl IntoView {
    ///     view! { <TableBody><TableRow><TableCell>"Ada"</TableCell></TableRow></TableBody> }
    /// }
    /// ```
    TableBody, tbody, "kiln-table-body"
);
table_part!(
    /// A row of a [`Table`]: `<tr>`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Row() -> impl IntoView {
    ///     view! { <TableRow><TableRowHeader>"Ada"</TableRowHeader><TableCell>"36"</TableCell></TableRow> }
    /// }
    /// ```
    TableRow, tr, "kiln-table-row"
);
table_part!(
    /// A column's header cell: `<th scope="col">`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Head() -> impl IntoView {
    ///     view! { <TableColumnHeader>"Email"</TableColumnHeader> }
    /// }
    /// ```
    TableColumnHeader, th, "kiln-table-column-header", scope = "col"
);
table_part!(
    /// A row's header cell: `<th scope="row">`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Head() -> impl IntoView {
    ///     view! { <TableRowHeader>"Ada"</TableRowHeader> }
    /// }
    /// ```
    TableRowHeader, th, "kiln-table-row-header", scope = "row"
);
table_part!(
    /// A data cell: `<td>`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Cell() -> impl IntoView {
    ///     view! { <TableCell>"ada@example.com"</TableCell> }
    /// }
    /// ```
    TableCell, td, "kiln-table-cell"
);
