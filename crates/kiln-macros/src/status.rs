//! `#[derive(Status)]`: an error enum's HTTP status per variant, and, for the variant marked
//! `from_server_fn`, Leptos's `FromServerFnError`. The grammar ([`parse`], where every error
//! is reported) and the expansion ([`expand`]) are apart, as for the live macros.

use proc_macro2::TokenStream;
use quote::quote;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{
    Data, DeriveInput, Error, Expr, ExprLit, Fields, Generics, Ident, Lit, LitInt, Member, Token,
};

/// An enum deriving `Status`.
pub struct StatusEnum {
    pub ident: Ident,
    pub generics: Generics,
    pub variants: Vec<Variant>,
    /// The variant a failure of the call itself becomes, and its one field.
    pub from_server_fn: Option<(Ident, Member)>,
}

/// One variant and its status.
pub struct Variant {
    pub ident: Ident,
    pub status: VariantStatus,
}

/// What `#[status(...)]` says of a variant.
pub enum VariantStatus {
    /// A fixed status, 400 to 599.
    Code(u16),
    /// The status of the variant's one field (`transparent`), itself a `Status`.
    Transparent(Member),
}

const NEEDS_STATUS: &str = "every variant needs `#[status(CODE)]` (an HTTP error status, 400 to 599) \
     or `#[status(transparent)]` (its one field's status)";

/// Reads a `#[derive(Status)]` input.
pub fn parse(input: &DeriveInput) -> syn::Result<StatusEnum> {
    let Data::Enum(data) = &input.data else {
        return Err(Error::new(
            input.ident.span(),
            "#[derive(Status)] is for an error enum: give each variant its `#[status(...)]`",
        ));
    };
    let mut variants = Vec::new();
    let mut from_server_fn: Option<(Ident, Member)> = None;
    for variant in &data.variants {
        let mut status = None;
        for attr in variant.attrs.iter().filter(|a| a.path().is_ident("status")) {
            if status.is_some() {
                return Err(Error::new(
                    attr.span(),
                    "a variant has one `#[status(...)]`",
                ));
            }
            let mut code = None;
            let mut transparent = false;
            let mut marked = false;
            let args = attr.parse_args_with(Punctuated::<Expr, Token![,]>::parse_terminated)?;
            for arg in args {
                match &arg {
                    Expr::Lit(ExprLit {
                        lit: Lit::Int(int), ..
                    }) if code.is_none() => code = Some(error_code(int)?),
                    Expr::Path(path) if path.path.is_ident("transparent") => transparent = true,
                    Expr::Path(path) if path.path.is_ident("from_server_fn") => marked = true,
                    _ => {
                        return Err(Error::new(
                            arg.span(),
                            "expected an HTTP error status (400 to 599), `transparent` or \
                             `from_server_fn`",
                        ));
                    }
                }
            }
            let one_field = || only_field(&variant.fields);
            status = Some(match (code, transparent) {
                (Some(_), true) => {
                    return Err(Error::new(
                        attr.span(),
                        "`transparent` takes its field's status: give no code beside it",
                    ));
                }
                (Some(code), false) => VariantStatus::Code(code),
                (None, true) => VariantStatus::Transparent(one_field().ok_or_else(|| {
                    Error::new(
                        variant.ident.span(),
                        "`#[status(transparent)]` needs a variant with exactly one field, \
                         whose type implements `Status`",
                    )
                })?),
                (None, false) => return Err(Error::new(attr.span(), NEEDS_STATUS)),
            });
            if marked {
                if from_server_fn.is_some() {
                    return Err(Error::new(
                        attr.span(),
                        "only one variant can be `from_server_fn`",
                    ));
                }
                let field = one_field().ok_or_else(|| {
                    Error::new(
                        variant.ident.span(),
                        "the `from_server_fn` variant needs exactly one field, a `String` \
                         (the failure's message)",
                    )
                })?;
                from_server_fn = Some((variant.ident.clone(), field));
            }
        }
        let status = status.ok_or_else(|| Error::new(variant.ident.span(), NEEDS_STATUS))?;
        variants.push(Variant {
            ident: variant.ident.clone(),
            status,
        });
    }
    Ok(StatusEnum {
        ident: input.ident.clone(),
        generics: input.generics.clone(),
        variants,
        from_server_fn,
    })
}

/// `422` as an error status, or why not.
fn error_code(int: &LitInt) -> syn::Result<u16> {
    int.base10_parse::<u16>()
        .ok()
        .filter(|code| (400..=599).contains(code))
        .ok_or_else(|| {
            Error::new(
                int.span(),
                "expected an HTTP error status, 400 to 599: 4xx for the visitor's mistakes, \
                 5xx for the server's",
            )
        })
}

/// The one field of a variant that has exactly one.
fn only_field(fields: &Fields) -> Option<Member> {
    let mut fields = fields.iter();
    let field = fields.next()?;
    if fields.next().is_some() {
        return None;
    }
    Some(match &field.ident {
        Some(ident) => Member::Named(ident.clone()),
        None => Member::Unnamed(0.into()),
    })
}

/// The `Status` impl and, with a `from_server_fn` variant, the `FromServerFnError` impl.
pub fn expand(model: &StatusEnum) -> TokenStream {
    let ident = &model.ident;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let arms = model.variants.iter().map(|variant| {
        let name = &variant.ident;
        match &variant.status {
            VariantStatus::Code(code) => quote! {
                Self::#name { .. } => ::kiln::respond::StatusCode::from_u16(#code)
                    .unwrap_or(::kiln::respond::StatusCode::INTERNAL_SERVER_ERROR),
            },
            VariantStatus::Transparent(field) => quote! {
                Self::#name { #field: inner } => ::kiln::respond::Status::status(inner),
            },
        }
    });
    let status = quote! {
        impl #impl_generics ::kiln::respond::Status for #ident #ty_generics #where_clause {
            fn status(&self) -> ::kiln::respond::StatusCode {
                match self {
                    #(#arms)*
                }
            }
        }
    };
    let from_server_fn = model.from_server_fn.as_ref().map(|(variant, field)| {
        quote! {
            impl #impl_generics ::kiln::leptos::server_fn::error::FromServerFnError
                for #ident #ty_generics #where_clause
            {
                type Encoder = ::kiln::leptos::server_fn::codec::JsonEncoding;

                fn from_server_fn_error(
                    value: ::kiln::leptos::server_fn::error::ServerFnErrorErr,
                ) -> Self {
                    Self::#variant { #field: ::std::string::ToString::to_string(&value) }
                }
            }
        }
    });
    quote! { #status #from_server_fn }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn read(input: DeriveInput) -> Result<StatusEnum, String> {
        parse(&input).map_err(|error| error.to_string())
    }

    #[test]
    fn reads_codes_transparent_fields_and_the_server_fn_variant() {
        let model = read(parse_quote! {
            enum NotesError {
                #[status(422)]
                Empty,
                #[status(404)]
                NotFound { id: i64 },
                #[status(transparent)]
                Auth(AuthError),
                #[status(500, from_server_fn)]
                Request(String),
            }
        })
        .expect("valid");
        let statuses: Vec<String> = model
            .variants
            .iter()
            .map(|variant| match &variant.status {
                VariantStatus::Code(code) => format!("{} {code}", variant.ident),
                VariantStatus::Transparent(_) => format!("{} transparent", variant.ident),
            })
            .collect();
        assert_eq!(
            statuses,
            [
                "Empty 422",
                "NotFound 404",
                "Auth transparent",
                "Request 500"
            ]
        );
        let (variant, _) = model.from_server_fn.expect("marked");
        assert_eq!(variant, "Request");
    }

    #[test]
    fn refuses_what_it_cannot_answer() {
        let cases: [(DeriveInput, &str); 6] = [
            (parse_quote! { struct E; }, "is for an error enum"),
            (parse_quote! { enum E { A } }, "every variant needs"),
            (parse_quote! { enum E { #[status(200)] A } }, "400 to 599"),
            (
                parse_quote! { enum E { #[status(transparent)] A(X, Y) } },
                "exactly one field",
            ),
            (
                parse_quote! { enum E { #[status(500, from_server_fn)] A(String), #[status(500, from_server_fn)] B(String) } },
                "only one variant",
            ),
            (
                parse_quote! { enum E { #[status(teapot)] A } },
                "expected an HTTP error status",
            ),
        ];
        for (input, expected) in cases {
            let error = read(input).err().expect("refused");
            assert!(error.contains(expected), "{error}");
        }
    }

    #[test]
    fn expands_to_one_arm_per_variant_and_the_server_fn_impl() {
        let model = read(parse_quote! {
            enum E {
                #[status(422)]
                Bad,
                #[status(transparent)]
                Auth(AuthError),
                #[status(500, from_server_fn)]
                Request(String),
            }
        })
        .expect("valid");
        let code = expand(&model).to_string();
        assert!(
            code.contains(
                "Self :: Bad { .. } => :: kiln :: respond :: StatusCode :: from_u16 (422u16)"
            ),
            "{code}"
        );
        assert!(
            code.contains(
                "Self :: Auth { 0 : inner } => :: kiln :: respond :: Status :: status (inner)"
            ),
            "{code}"
        );
        assert!(code.contains("FromServerFnError for E"), "{code}");
        assert!(
            code.contains(
                "Self :: Request { 0 : :: std :: string :: ToString :: to_string (& value) }"
            ),
            "{code}"
        );
        let without = read(parse_quote! { enum E { #[status(422)] Bad } }).expect("valid");
        assert!(!expand(&without).to_string().contains("FromServerFnError"));
    }
}
