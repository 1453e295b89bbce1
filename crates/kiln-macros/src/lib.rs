//! Kiln's procedural macros. Use them through `kiln` (`kiln::live::LiveState`,
//! `kiln::live::live_events`), whose documentation describes what they generate and why.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{
    Attribute, Data, DeriveInput, Error, Fields, FnArg, GenericArgument, ImplItem, ImplItemFn,
    ItemImpl, LitStr, Pat, PathArguments, ReturnType, Type, Visibility, parse_macro_input,
};

/// Derives `kiln::live::LiveState` for a struct with named fields; see `kiln::live`.
#[proc_macro_derive(LiveState, attributes(live))]
pub fn derive_live_state(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// Turns the public `&mut self` methods of an `impl` block into a live state's events; see
/// `kiln::live`.
#[proc_macro_attribute]
pub fn live_events(args: TokenStream, input: TokenStream) -> TokenStream {
    if !args.is_empty() {
        let args = TokenStream2::from(args);
        return Error::new(args.span(), "#[live_events] takes no arguments")
            .into_compile_error()
            .into();
    }
    let input = parse_macro_input!(input as ItemImpl);
    events(input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// What `#[live(...)]` on the struct says.
#[derive(Default)]
struct StateOptions {
    name: Option<String>,
    shared: bool,
}

fn state_options(attrs: &[Attribute]) -> syn::Result<StateOptions> {
    let mut options = StateOptions::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("live")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                let name: LitStr = meta.value()?.parse()?;
                let value = name.value();
                if value.is_empty()
                    || !value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    return Err(Error::new(
                        name.span(),
                        "a live state's name may hold only ASCII letters, digits, `_` and `-`",
                    ));
                }
                options.name = Some(value);
                Ok(())
            } else if meta.path.is_ident("shared") {
                options.shared = true;
                Ok(())
            } else {
                Err(meta.error("expected `name = \"...\"` or `shared`"))
            }
        })?;
    }
    Ok(options)
}

fn is_server_only(attrs: &[Attribute]) -> syn::Result<bool> {
    let mut server_only = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("live")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("server_only") {
                server_only = true;
                Ok(())
            } else {
                Err(meta.error("expected `server_only`"))
            }
        })?;
    }
    Ok(server_only)
}

fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn upper_camel_case(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn derive(input: DeriveInput) -> syn::Result<TokenStream2> {
    let ident = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(Error::new(
            input.generics.span(),
            "a live state cannot be generic: the browser finds it by name",
        ));
    }
    let Data::Struct(data) = &input.data else {
        return Err(Error::new(
            ident.span(),
            "#[derive(LiveState)] needs a struct with named fields",
        ));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(Error::new(
            ident.span(),
            "#[derive(LiveState)] needs a struct with named fields",
        ));
    };
    let options = state_options(&input.attrs)?;
    let name = options
        .name
        .unwrap_or_else(|| snake_case(&ident.to_string()));
    let shared = options.shared;
    let vis = &input.vis;
    let view_ident = format_ident!("{ident}View");
    let live_ident = format_ident!("{ident}Live");

    let mut view_fields = Vec::new();
    let mut live_fields = Vec::new();
    let mut names = Vec::new();
    let mut view_from_state = Vec::new();
    let mut write_arms = Vec::new();
    let mut live_init = Vec::new();
    let mut live_build = Vec::new();
    let mut apply_arms = Vec::new();
    for field in &fields.named {
        if is_server_only(&field.attrs)? {
            continue;
        }
        let Some(field_ident) = &field.ident else {
            continue;
        };
        let ty = &field.ty;
        let field_vis = &field.vis;
        let serde_attrs: Vec<_> = field
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("serde"))
            .collect();
        let docs: Vec<_> = field
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .collect();
        let index = names.len();
        let field_name = field_ident.to_string();
        let setter = format_ident!("__set_{field_ident}");
        view_fields.push(quote! { #(#docs)* #(#serde_attrs)* #field_vis #field_ident: #ty });
        live_fields.push(quote! {
            #(#docs)*
            #field_vis #field_ident: ::kiln::leptos::prelude::ReadSignal<#ty>
        });
        live_fields.push(quote! { #setter: ::kiln::leptos::prelude::WriteSignal<#ty> });
        view_from_state
            .push(quote! { #field_ident: ::core::clone::Clone::clone(&self.#field_ident) });
        write_arms.push(quote! {
            #index => ::kiln::__private::serde_json::to_writer(out, &self.#field_ident)
        });
        live_init.push(quote! {
            let (#field_ident, #setter) = ::kiln::leptos::prelude::signal(view.#field_ident);
        });
        live_build.push(quote! { #field_ident, #setter });
        apply_arms.push(quote! {
            #field_name => {
                let value: #ty = ::kiln::__private::serde_json::from_str(raw)?;
                ::kiln::leptos::prelude::Set::try_set(&live.#setter, value);
                ::core::result::Result::Ok(true)
            }
        });
        names.push(field_name);
    }

    let view_doc = format!(
        "What the browser sees of [`{ident}`]: its fields without the server-only ones. \
         Generated by `#[derive(LiveState)]`."
    );
    let live_doc = format!(
        "The reactive handle to a [`{ident}`] in a view: a signal per field the browser sees, \
         and a method per event. Generated by `#[derive(LiveState)]`; get one with \
         `kiln::live::use_live::<{ident}>()`."
    );

    Ok(quote! {
        #[doc = #view_doc]
        #[derive(::core::clone::Clone, ::kiln::__private::serde::Serialize, ::kiln::__private::serde::Deserialize)]
        #[serde(crate = "::kiln::__private::serde")]
        #vis struct #view_ident {
            #(#view_fields,)*
        }

        #[doc = #live_doc]
        #[derive(::core::clone::Clone, ::core::marker::Copy)]
        #vis struct #live_ident {
            #(#live_fields,)*
            /// The state's connection: its last error, version and (for shared states) presence.
            #vis meta: ::kiln::live::LiveMeta,
        }

        impl ::kiln::live::LiveStateHandle for #live_ident {
            type State = #ident;
        }

        impl ::kiln::live::LiveState for #ident {
            const NAME: &'static str = #name;
            const SHARED: bool = #shared;
            const FIELDS: &'static [&'static str] = &[#(#names),*];
            type View = #view_ident;
            type Live = #live_ident;

            fn view(&self) -> Self::View {
                #view_ident { #(#view_from_state,)* }
            }

            fn write_field(
                &self,
                index: usize,
                out: &mut ::std::vec::Vec<u8>,
            ) -> ::core::result::Result<(), ::kiln::__private::serde_json::Error> {
                match index {
                    #(#write_arms,)*
                    _ => ::core::result::Result::Ok(()),
                }
            }

            fn live(view: Self::View, meta: ::kiln::live::LiveMeta) -> Self::Live {
                #(#live_init)*
                #live_ident { #(#live_build,)* meta }
            }

            fn apply_field(
                live: &Self::Live,
                field: &str,
                raw: &str,
            ) -> ::core::result::Result<bool, ::kiln::__private::serde_json::Error> {
                match field {
                    #(#apply_arms)*
                    _ => ::core::result::Result::Ok(false),
                }
            }
        }
    })
}

/// A method of a `#[live_events]` block, sorted.
enum Method {
    /// `on_load`: fills a new state.
    Load(ImplItemFn),
    /// A public method with a `self` receiver: an event.
    Event(Event),
    /// Anything else: a helper, kept as written.
    Other(ImplItem),
}

struct Event {
    method: ImplItemFn,
    variant: syn::Ident,
    wire_name: String,
    /// The event's arguments: (name, type).
    args: Vec<(syn::Ident, Type)>,
    /// Where the `&mut Ctx<Self>` argument goes, if the method takes one.
    ctx_position: Option<usize>,
    error: Type,
}

fn is_named(ty: &Type, name: &str) -> bool {
    let ty = match ty {
        Type::Reference(reference) => &*reference.elem,
        other => other,
    };
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == name))
}

/// The `E` of a `Result<_, E>` return type, or `None`.
fn error_type(output: &ReturnType) -> Option<Type> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    let Type::Path(path) = &**ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().nth(1).and_then(|arg| match arg {
        GenericArgument::Type(ty) => Some(ty.clone()),
        _ => None,
    })
}

fn sort_method(item: ImplItem) -> syn::Result<Method> {
    let ImplItem::Fn(method) = item else {
        return Ok(Method::Other(item));
    };
    let receiver = method.sig.receiver().cloned();
    if method.sig.ident == "on_load" {
        if receiver.is_some() {
            return Err(Error::new(
                method.sig.span(),
                "`on_load` makes a new state: it takes no `self`",
            ));
        }
        return Ok(Method::Load(method));
    }
    let Some(receiver) = receiver else {
        return Ok(Method::Other(ImplItem::Fn(method)));
    };
    if !matches!(method.vis, Visibility::Public(_)) {
        return Ok(Method::Other(ImplItem::Fn(method)));
    }
    if receiver.reference.is_none() {
        return Err(Error::new(
            receiver.span(),
            "an event handler borrows the state: take `&mut self` (or `&self`)",
        ));
    }
    if !method.sig.generics.params.is_empty() {
        return Err(Error::new(
            method.sig.generics.span(),
            "an event handler cannot be generic: its arguments travel as JSON",
        ));
    }
    let mut args = Vec::new();
    let mut ctx_position = None;
    for (position, input) in method.sig.inputs.iter().skip(1).enumerate() {
        let FnArg::Typed(typed) = input else {
            continue;
        };
        if is_named(&typed.ty, "Ctx") {
            if !matches!(&*typed.ty, Type::Reference(r) if r.mutability.is_some()) {
                return Err(Error::new(
                    typed.ty.span(),
                    "take the context as `&mut Ctx<Self>`",
                ));
            }
            ctx_position = Some(position);
            continue;
        }
        let Pat::Ident(pat) = &*typed.pat else {
            return Err(Error::new(
                typed.pat.span(),
                "name each event argument with a plain identifier: it is its name on the wire",
            ));
        };
        if matches!(&*typed.ty, Type::Reference(_)) {
            return Err(Error::new(
                typed.ty.span(),
                "an event argument arrives as JSON: take it by value",
            ));
        }
        args.push((pat.ident.clone(), (*typed.ty).clone()));
    }
    let wire_name = method.sig.ident.to_string();
    let variant = format_ident!("{}", upper_camel_case(&wire_name));
    let error =
        error_type(&method.sig.output).unwrap_or_else(|| syn::parse_quote!(::kiln::live::NoError));
    Ok(Method::Event(Event {
        method,
        variant,
        wire_name,
        args,
        ctx_position,
        error,
    }))
}

fn events(input: ItemImpl) -> syn::Result<TokenStream2> {
    if let Some((_, path, _)) = &input.trait_ {
        return Err(Error::new(
            path.span(),
            "#[live_events] goes on an inherent `impl State { ... }` block",
        ));
    }
    let Type::Path(self_path) = &*input.self_ty else {
        return Err(Error::new(
            input.self_ty.span(),
            "expected `impl State { ... }`",
        ));
    };
    let Some(self_ident) = self_path.path.segments.last().map(|s| s.ident.clone()) else {
        return Err(Error::new(
            input.self_ty.span(),
            "expected `impl State { ... }`",
        ));
    };
    let self_ty = &input.self_ty;
    let event_ident = format_ident!("{self_ident}Event");
    let live_ident = format_ident!("{self_ident}Live");

    let mut load = None;
    let mut events = Vec::new();
    let mut kept = Vec::new();
    for item in input.items.iter().cloned() {
        match sort_method(item)? {
            Method::Load(method) => {
                kept.push(ImplItem::Fn(method.clone()));
                load = Some(method);
            }
            Method::Event(event) => {
                kept.push(ImplItem::Fn(event.method.clone()));
                events.push(event);
            }
            Method::Other(item) => kept.push(item),
        }
    }
    if events.is_empty() {
        return Err(Error::new(
            Span::call_site(),
            "#[live_events] found no events: make each handler a `pub fn` taking `&mut self`",
        ));
    }

    let variants = events.iter().map(|event| {
        let variant = &event.variant;
        let wire_name = &event.wire_name;
        let fields = event.args.iter().map(|(name, ty)| quote! { #name: #ty });
        let doc = format!("The `{wire_name}` event.");
        quote! {
            #[doc = #doc]
            #[serde(rename = #wire_name)]
            #variant { #(#fields,)* }
        }
    });

    let arms = events.iter().map(|event| {
        let variant = &event.variant;
        let method = &event.method.sig.ident;
        let names: Vec<_> = event.args.iter().map(|(name, _)| name).collect();
        let mut call_args: Vec<TokenStream2> = names.iter().map(|n| quote! { #n }).collect();
        if let Some(position) = event.ctx_position {
            call_args.insert(position, quote! { ctx });
        }
        let call = quote! { Self::#method(self, #(#call_args),*) };
        let call = if event.method.sig.asyncness.is_some() {
            quote! { #call.await }
        } else {
            call
        };
        quote! {
            #event_ident::#variant { #(#names,)* } => {
                ::kiln::live::IntoHandlerResult::into_handler_result(#call)
            }
        }
    });

    let load_body = match &load {
        Some(method) => {
            let takes_ctx = !method.sig.inputs.is_empty();
            let call = if takes_ctx {
                quote! { Self::on_load(ctx) }
            } else {
                quote! { Self::on_load() }
            };
            let call = if method.sig.asyncness.is_some() {
                quote! { #call.await }
            } else {
                call
            };
            quote! { ::kiln::live::IntoLoadResult::into_load_result(#call) }
        }
        None => quote! {
            let _ = ctx;
            ::core::result::Result::Ok(<Self as ::core::default::Default>::default())
        },
    };

    let methods = events.iter().map(|event| {
        let variant = &event.variant;
        let method = &event.method.sig.ident;
        let error = &event.error;
        let docs: Vec<_> = event
            .method
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .collect();
        let params = event.args.iter().map(|(name, ty)| quote! { #name: #ty });
        let names = event.args.iter().map(|(name, _)| name);
        quote! {
            #(#docs)*
            pub fn #method(&self, #(#params),*) -> ::kiln::live::LiveCall<#error> {
                self.meta.send(&#event_ident::#variant { #(#names,)* })
            }
        }
    });

    let event_doc = format!(
        "The events of [`{self_ident}`], as they travel from the browser to the server. \
         Generated by `#[live_events]`; views send them through [`{live_ident}`]'s methods."
    );
    let attrs = &input.attrs;

    Ok(quote! {
        #[doc = #event_doc]
        #[derive(::kiln::__private::serde::Serialize, ::kiln::__private::serde::Deserialize)]
        #[serde(crate = "::kiln::__private::serde")]
        #[allow(clippy::enum_variant_names)]
        pub enum #event_ident {
            #(#variants,)*
        }

        ::kiln::__private::server_only! {
            #(#attrs)*
            impl #self_ty {
                #(#kept)*
            }

            impl ::kiln::live::LiveHandlers for #self_ty {
                type Event = #event_ident;

                fn load(
                    ctx: &::kiln::live::LoadCtx<Self>,
                ) -> ::kiln::live::BoxFuture<'_, ::core::result::Result<Self, ::kiln::live::LoadError>> {
                    ::std::boxed::Box::pin(async move { #load_body })
                }

                fn handle<'a>(
                    &'a mut self,
                    ctx: &'a mut ::kiln::live::Ctx<Self>,
                    event: Self::Event,
                ) -> ::kiln::live::BoxFuture<'a, ::core::result::Result<(), ::kiln::live::HandlerError>> {
                    ::std::boxed::Box::pin(async move {
                        match event {
                            #(#arms)*
                        }
                    })
                }
            }
        }

        impl #live_ident {
            #(#methods)*
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_converted_between_cases() {
        assert_eq!(snake_case("TodoList"), "todo_list");
        assert_eq!(snake_case("Counter"), "counter");
        assert_eq!(upper_camel_case("add_item_slow"), "AddItemSlow");
        assert_eq!(upper_camel_case("increment"), "Increment");
    }
}
