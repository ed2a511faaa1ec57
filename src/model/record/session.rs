//! The session's own declaration macro: its details share one stamp, so
//! they are marked rather than stamped one by one (see `stamped_record!` for
//! records whose fields each carry a stamp).

/// Declares the session, its details marked `detail`: the fields stamped
/// together by the session's `modified`, merged as one register and shown
/// field by field in the merge report. Derives `DETAILS` and
/// `details_values` from the marks, so a detail added to the session is
/// merged and reported without another list to keep.
macro_rules! session_record {
    (@munch $ctx:tt all [$($all:tt)*] details [$($details:tt)*]
        rest [$(#[$fm:meta])* detail $fv:vis $f:ident : $t:ty, $($rest:tt)*]
    ) => {
        $crate::model::record::session_record!(@munch $ctx
            all [$($all)* $(#[$fm])* $fv $f: $t,]
            details [$($details)* $f,]
            rest [$($rest)*]
        );
    };
    (@munch $ctx:tt all [$($all:tt)*] details $details:tt
        rest [$(#[$fm:meta])* $fv:vis $f:ident : $t:ty, $($rest:tt)*]
    ) => {
        $crate::model::record::session_record!(@munch $ctx
            all [$($all)* $(#[$fm])* $fv $f: $t,]
            details $details
            rest [$($rest)*]
        );
    };
    (@munch [[$(#[$meta:meta])*] $vis:vis $name:ident]
        all [$($all:tt)*] details [$($f:ident,)*] rest []
    ) => {
        $(#[$meta])*
        $vis struct $name { $($all)* }

        impl $name {
            /// The details' names, in declaration order.
            pub const DETAILS: &'static [&'static str] = &[$(stringify!($f)),*];

            /// Each detail's value as the merge report shows it (its debug
            /// form, in full), in declaration order.
            pub fn details_values(&self) -> Vec<(&'static str, String)> {
                vec![$((stringify!($f), format!("{:?}", self.$f))),*]
            }

            /// Each detail's value in its RON form, as an open conflict
            /// keeps it, in declaration order.
            pub fn details_ron(&self) -> Vec<(&'static str, String)> {
                vec![$((stringify!($f), $crate::model::record::ron_form(&self.$f))),*]
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident { $($body:tt)* }
    ) => {
        $crate::model::record::session_record!(@munch
            [[$(#[$meta])*] $vis $name]
            all []
            details []
            rest [$($body)*]
        );
    };
}

pub(crate) use session_record;
