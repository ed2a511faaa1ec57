//! The register every stamped field is merged by.

use super::*;
use crate::model::Stamp;
use jiff::Timestamp;

fn stamp(s: i64, device: &str) -> Stamp {
    Stamp(Timestamp::from_second(s).unwrap(), 0, device.into())
}

#[test]
fn a_register_keeps_the_later_stamp_then_the_greater_value() {
    let (mut v, mut s) = ("b".to_owned(), stamp(2, "x"));
    join_register(&mut v, &mut s, &"a".to_owned(), &stamp(1, "x"));
    assert_eq!((v.as_str(), &s), ("b", &stamp(2, "x")), "older loses");
    join_register(&mut v, &mut s, &"a".to_owned(), &stamp(2, "x"));
    assert_eq!(v, "b", "equal stamps: the greater value");
    join_register(&mut v, &mut s, &"c".to_owned(), &stamp(2, "x"));
    assert_eq!(v, "c", "whichever side it is on");
    join_register(&mut v, &mut s, &"a".to_owned(), &stamp(3, "x"));
    assert_eq!((v.as_str(), &s), ("a", &stamp(3, "x")), "newer wins");
}
