//! Records whose fields are declared once.
//!
//! An insight's fields used to be listed by hand in the struct, its stamps,
//! its edit values, `apply`, `create`, the merge and the merge report: the
//! next field added would be the one some list forgot, and a merge would drop
//! it silently. [`stamped_record!`] takes the record's declaration, with each
//! stamped field marked `stamped`, and derives everything else from it: the
//! stamps struct, the edit values struct, `fields`, `apply`, stamping every
//! field at creation, and the [`Stamped`] impl the merge and its report use.
//! Adding a stamped field is one line in one place.
//!
//! The record struct is written out field by field in the order given, with
//! its attributes, so its serialised form is exactly what a hand-written
//! struct would give, with one exception: `modified`. Which of its stamps a
//! file leaves out depends on the rest of the record (its creation stamp,
//! see `compact`), which a field's own serde attributes cannot see. So the
//! derives run with `#[serde(remote = "Self")]`, which makes them inherent
//! `serialize`/`deserialize` functions and allows a `getter` on `modified`;
//! the trait impls wrap those, filling the left-out stamps back once the
//! whole record is read. Every other field keeps its attributes (the limits'
//! `deserialize_with` included) and its errors' line and column.

mod stamped;
pub use stamped::Met;
pub use stamped::Stamped;
pub(crate) use stamped::{join_register, ron_form};

/// Declares a record and derives its stamps, edit values and merge.
///
/// ```ignore
/// stamped_record! {
///     /// Somebody in the room.
///     #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
///     pub struct Participant {
///         pub id: Ulid,
///         stamped pub name: String,
///         ...
///         pub modified: ParticipantStamps,
///     }
///     /// When each of a participant's fields was last written.
///     stamps ParticipantStamps;
///     /// The editable values of a participant.
///     fields ParticipantFields;
/// }
/// ```
///
/// The record must have `id: Ulid` and `modified: <stamps>` (with doc
/// comments only: its serde attributes are the macro's), must derive
/// `Serialize` and `Deserialize`, and must implement `compact::Created`. Every stamped
/// field's type must be `Clone + Ord + Debug + Default`. A new record is made
/// with the derived `new_stamped(fields, stamp, <the unstamped fields but
/// `modified`, in order>)`.
macro_rules! stamped_record {
    (@munch $ctx:tt all [$($all:tt)*] stamped [$($stamped:tt)*] plain $plain:tt
        rest [$(#[$fm:meta])* stamped $fv:vis $f:ident : $t:ty, $($rest:tt)*]
    ) => {
        $crate::model::record::stamped_record!(@munch $ctx
            all [$($all)* $(#[$fm])* $fv $f: $t,]
            stamped [$($stamped)* $f: $t,]
            plain $plain
            rest [$($rest)*]
        );
    };
    (@munch $ctx:tt all [$($all:tt)*] stamped $stamped:tt plain $plain:tt
        rest [$(#[doc = $doc:literal])* $fv:vis modified : $t:ty, $($rest:tt)*]
    ) => {
        $crate::model::record::stamped_record!(@munch $ctx
            all [$($all)* $(#[doc = $doc])*
                // (The schema's default: schemars cannot infer the generic one.)
                #[schemars(default)]
                #[serde(
                    default = "crate::model::compact::implicit_stamps",
                    getter = "crate::model::compact::written_stamps",
                    skip_serializing_if = "crate::model::compact::all_implicit"
                )]
                $fv modified: $t,]
            stamped $stamped
            plain $plain
            rest [$($rest)*]
        );
    };
    (@munch $ctx:tt all [$($all:tt)*] stamped $stamped:tt plain [$($plain:tt)*]
        rest [$(#[$fm:meta])* $fv:vis $f:ident : $t:ty, $($rest:tt)*]
    ) => {
        $crate::model::record::stamped_record!(@munch $ctx
            all [$($all)* $(#[$fm])* $fv $f: $t,]
            stamped $stamped
            plain [$($plain)* $f: $t,]
            rest [$($rest)*]
        );
    };
    (@munch
        [[$(#[$meta:meta])*] $vis:vis $name:ident
         [$(#[$stamps_meta:meta])*] $stamps:ident
         [$(#[$fields_meta:meta])*] $fields:ident]
        all [$($all:tt)*]
        stamped [$($f:ident: $t:ty,)*]
        plain [$($p:ident: $pt:ty,)*]
        rest []
    ) => {
        $(#[$meta])*
        #[serde(remote = "Self")]
        $vis struct $name { $($all)* }

        $(#[$stamps_meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        $vis struct $stamps {
            $(
                #[doc = concat!("When `", stringify!($f), "` was last written.")]
                #[serde(
                    default = "crate::model::Stamp::implicit",
                    skip_serializing_if = "crate::model::Stamp::is_implicit"
                )]
                pub $f: $crate::model::Stamp,
            )*
        }

        impl $crate::model::compact::Implicit for $stamps {
            fn implicit() -> Self {
                $stamps { $($f: $crate::model::Stamp::implicit(),)* }
            }

            fn all_implicit(&self) -> bool {
                true $(&& self.$f.is_implicit())*
            }

            fn written(&self, base: &$crate::model::Stamp) -> Self {
                let written = |stamp: &$crate::model::Stamp| if stamp == base {
                    $crate::model::Stamp::implicit()
                } else {
                    stamp.clone()
                };
                $stamps { $($f: written(&self.$f),)* }
            }

            fn written_of(&self, base: &$crate::model::Stamp, fields: &[&str]) -> Self {
                let written = |field: &str, stamp: &$crate::model::Stamp| {
                    if fields.contains(&field) && stamp == base {
                        $crate::model::Stamp::implicit()
                    } else {
                        stamp.clone()
                    }
                };
                $stamps { $($f: written(stringify!($f), &self.$f),)* }
            }

            fn resolve(&mut self, base: &$crate::model::Stamp) {
                $(
                    if self.$f.is_implicit() {
                        self.$f = base.clone();
                    }
                )*
            }
        }

        impl $crate::model::compact::Compact for $name {
            type Stamps = $stamps;

            fn stamps_struct(&self) -> &$stamps {
                &self.modified
            }

            fn stamps_struct_mut(&mut self) -> &mut $stamps {
                &mut self.modified
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut record = $name::deserialize(deserializer)?;
                $crate::model::compact::resolve(&mut record);
                Ok(record)
            }
        }

        $(#[$fields_meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        $vis struct $fields {
            $(
                #[doc = concat!("The record's `", stringify!($f), "`.")]
                pub $f: $t,
            )*
        }

        #[cfg(test)]
        impl $fields {
            /// These values with field `n` (in declaration order) taken
            /// from `other` wherever `take[n]`: lets a test vary any subset
            /// of fields without naming them.
            pub(crate) fn mixed(mut self, other: Self, take: &[bool]) -> Self {
                let mut take = take.iter().copied();
                $(
                    if take.next().unwrap_or(false) {
                        self.$f = other.$f;
                    }
                )*
                self
            }
        }

        impl $fields {
            /// The field named `field` in its RON form, as a conflict keeps
            /// its values.
            pub fn ron_of(&self, field: &str) -> Option<String> {
                $(
                    if field == stringify!($f) {
                        return Some($crate::model::record::ron_form(&self.$f));
                    }
                )*
                None
            }

            /// Sets the field named `field` from its RON form (a conflict's
            /// value being chosen); false if there is no such field or the
            /// text is not a value of its type.
            pub fn set_ron(&mut self, field: &str, ron: &str) -> bool {
                $(
                    if field == stringify!($f) {
                        return match ron::from_str::<$t>(ron) {
                            // A file's conflict values are not held to the
                            // limits until one is chosen: then it must be,
                            // or the next save would not load.
                            Ok(value) if $crate::model::limits::fits(stringify!($f), &value) => {
                                self.$f = value;
                                true
                            }
                            _ => false,
                        };
                    }
                )*
                false
            }
        }

        impl $name {
            /// Its editable values.
            pub fn fields(&self) -> $fields {
                $fields { $($f: self.$f.clone(),)* }
            }

            /// Sets the values that differ, stamping each; true if any did.
            pub fn apply(&mut self, new: $fields, stamp: &$crate::model::Stamp) -> bool {
                let mut changed = false;
                $(
                    if self.$f != new.$f {
                        self.$f = new.$f;
                        self.modified.$f = stamp.clone();
                        changed = true;
                    }
                )*
                changed
            }

            /// A new record of `fields` and the other fields given (in
            /// declaration order), every stamped field stamped `stamp`.
            fn new_stamped(
                fields: $fields,
                stamp: &$crate::model::Stamp,
                $($p: $pt,)*
            ) -> Self {
                $name {
                    $($f: fields.$f,)*
                    $($p,)*
                    modified: $stamps { $($f: stamp.clone(),)* },
                }
            }
        }

        impl $crate::model::Stamped for $name {
            const FIELDS: &'static [&'static str] = &[$(stringify!($f)),*];

            fn id(&self) -> ulid::Ulid {
                self.id
            }

            fn stamps(&self) -> Vec<&$crate::model::Stamp> {
                vec![$(&self.modified.$f),*]
            }

            fn newest(&self) -> &$crate::model::Stamp {
                let mut newest: Option<&$crate::model::Stamp> = None;
                $(
                    if newest.is_none_or(|n| self.modified.$f > *n) {
                        newest = Some(&self.modified.$f);
                    }
                )*
                newest.expect("a stamped field")
            }

            fn written_after(&self, since: &$crate::model::Stamp) -> bool {
                false $(|| self.modified.$f > *since)*
            }

            fn join_fields(&mut self, other: &Self) -> $crate::model::record::Met {
                let mut met = $crate::model::record::Met::ALIKE;
                $(
                    met = met.and($crate::model::record::join_register(
                        &mut self.$f,
                        &mut self.modified.$f,
                        &other.$f,
                        &other.modified.$f,
                    ));
                )*
                met
            }

            fn field_values(&self) -> Vec<(&'static str, String, &$crate::model::Stamp)> {
                vec![$((stringify!($f), format!("{:?}", self.$f), &self.modified.$f)),*]
            }

            fn same_values(&self, other: &Self) -> bool {
                true $(&& self.$f == other.$f)*
            }

            fn same_fields(&self, other: &Self) -> bool {
                true $(&& self.modified.$f == other.modified.$f && self.$f == other.$f)*
            }

            fn restamp_edits(
                &mut self,
                base: &Self,
                stamp: Option<&$crate::model::Stamp>,
            ) -> usize {
                let mut restamped = 0;
                $(
                    if self.$f != base.$f && self.modified.$f == base.modified.$f {
                        if let Some(stamp) = stamp {
                            self.modified.$f = stamp.clone();
                        }
                        restamped += 1;
                    }
                )*
                restamped
            }

            fn tied_fields(
                &self,
                other: &Self,
            ) -> Vec<(&'static str, String, String, $crate::model::Stamp)> {
                let mut tied = Vec::new();
                $(
                    if self.modified.$f == other.modified.$f && self.$f != other.$f {
                        tied.push((
                            stringify!($f),
                            $crate::model::record::ron_form(&self.$f),
                            $crate::model::record::ron_form(&other.$f),
                            self.modified.$f.clone(),
                        ));
                    }
                )*
                tied
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident { $($body:tt)* }
        $(#[$stamps_meta:meta])*
        stamps $stamps:ident;
        $(#[$fields_meta:meta])*
        fields $fields:ident;
    ) => {
        $crate::model::record::stamped_record!(@munch
            [[$(#[$meta])*] $vis $name [$(#[$stamps_meta])*] $stamps [$(#[$fields_meta])*] $fields]
            all []
            stamped []
            plain []
            rest [$($body)*]
        );
    };
}

pub(crate) use stamped_record;

mod session;
pub(crate) use session::session_record;

#[cfg(test)]
mod tests;
