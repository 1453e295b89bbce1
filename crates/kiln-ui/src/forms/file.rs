//! [`FileDropZone`]: a file input to click or drop files on.

use crate::glyph::Glyph;
use crate::props::{Color, Size, class_list};
use leptos::prelude::*;

/// A file the visitor chose: its name and size in bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileInfo {
    /// The file's name, without its path.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
}

/// An area to drop files on or click to choose them: a native `<input type="file">` in a
/// `<label>`, so a form posts the files (with `enctype="multipart/form-data"`), the keyboard
/// opens the file chooser, and it works with JavaScript off. While files are dragged over it,
/// it has `data-dragging`; the chosen files' names are listed under it.
///
/// `accept` filters the chooser (`"image/*,.pdf"`); dropped files are not filtered, so check
/// them on the server as always. Sizes `S1`..`S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Attachments() -> impl IntoView {
///     let chosen = |files: Vec<FileInfo>| leptos::logging::log!("{} files", files.len());
///     view! {
///         <FileDropZone name="attachments" multiple=true accept="image/*" on_change=chosen>
///             "Drop images here, or click to choose"
///         </FileDropZone>
///     }
/// }
/// ```
#[component]
pub fn FileDropZone(
    /// The form field's name.
    #[prop(optional, into)]
    name: Option<String>,
    /// Allows more than one file.
    #[prop(optional)]
    multiple: bool,
    /// The file types the chooser offers (`accept`).
    #[prop(optional, into)]
    accept: Option<String>,
    /// Called with the chosen files.
    #[prop(optional, into)]
    on_change: Option<Callback<Vec<FileInfo>>>,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The prompt, which is also the input's label (default "Drop files here, or click to
    /// choose").
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let files = RwSignal::new(Vec::<FileInfo>::new());
    let dragging = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let chosen = move |list: Vec<FileInfo>| {
        files.set(list.clone());
        if let Some(on_change) = on_change {
            on_change.run(list);
        }
    };
    let prompt = match children {
        Some(children) => children().into_any(),
        None => "Drop files here, or click to choose".into_any(),
    };
    let drag_over = move |event: leptos::ev::DragEvent| {
        if !disabled.get_untracked() {
            // Allows the drop.
            event.prevent_default();
            dragging.set(true);
        }
    };
    view! {
        <div
            class=class_list("kiln-file-drop-zone", class.as_deref())
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            data-dragging=move || dragging.get().then_some("true")
            data-disabled=move || disabled.get().then_some("true")
        >
            <label
                class="kiln-file-drop-zone-area"
                on:dragenter=drag_over
                on:dragover=drag_over
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |event: leptos::ev::DragEvent| {
                    event.prevent_default();
                    dragging.set(false);
                    #[cfg(feature = "hydrate")]
                    if let (false, Some(list), Some(input)) = (
                        disabled.get_untracked(),
                        event.data_transfer().and_then(|transfer| transfer.files()),
                        input.get_untracked(),
                    ) && (multiple || list.length() <= 1)
                    {
                        // The input holds the dropped files, so the form posts them.
                        input.set_files(Some(&list));
                        chosen(file_infos(&list));
                    }
                }
            >
                <input
                    class="kiln-file-drop-zone-input kiln-visually-hidden"
                    type="file"
                    node_ref=input
                    name=name
                    multiple=multiple
                    accept=accept
                    disabled=move || disabled.get()
                    on:change=move |_event| {
                        #[cfg(feature = "hydrate")]
                        if let Some(list) = input.get_untracked().and_then(|input| input.files()) {
                            chosen(file_infos(&list));
                        }
                    }
                />
                <span class="kiln-file-drop-zone-icon">{Glyph::Upload.view()}</span>
                <span class="kiln-file-drop-zone-text">{prompt}</span>
            </label>
            <ul class="kiln-file-drop-zone-files" aria-live="polite">
                {move || {
                    files
                        .get()
                        .into_iter()
                        .map(|file| {
                            view! {
                                <li>
                                    <span class="kiln-file-drop-zone-name">{file.name}</span>
                                    " "
                                    <span class="kiln-file-drop-zone-size">{format_size(file.size)}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// The files of a browser `FileList`.
#[cfg(feature = "hydrate")]
fn file_infos(list: &web_sys::FileList) -> Vec<FileInfo> {
    (0..list.length())
        .filter_map(|index| list.item(index))
        .map(|file| {
            let size = js_sys::Reflect::get(&file, &"size".into())
                .ok()
                .and_then(|size| size.as_f64())
                .unwrap_or(0.0);
            FileInfo {
                name: file.name(),
                size: size.max(0.0) as u64,
            }
        })
        .collect()
}

/// A size as people read it: `512 B`, `1.5 KB`, `3.2 MB`.
fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut size = bytes as f64 / 1024.0;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    format!("{size:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::format_size;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(format_size(512), "512 B");
        assert_eq!(format_size(1536), "1.5 KB");
        assert_eq!(format_size(3 * 1024 * 1024), "3.0 MB");
    }
}
