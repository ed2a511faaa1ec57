//! The clock face the screen shows, where the facilitator is.

use super::tests::{app_with_session, at};
use jiff::Timestamp;

#[test]
fn local_time_is_the_clock_face_where_the_facilitator_is() {
    let mut app = app_with_session();
    let zones = [
        jiff::tz::TimeZone::UTC,
        jiff::tz::TimeZone::fixed(jiff::tz::offset(-5)),
        jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC),
    ];
    for zone in zones {
        app.config.time_zone = zone.clone();
        for second in [0, 59, 3_599, 43_200, 86_399, 15_724_800] {
            let moment = at(second);
            let want = moment
                .to_zoned(zone.clone())
                .strftime("%H:%M:%S")
                .to_string();
            assert_eq!(app.local_time(moment), want, "{moment} in {zone:?}");
        }
    }
    app.config.time_zone = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
    let noon: Timestamp = "2026-06-21T11:05:09Z".parse().unwrap();
    assert_eq!(app.local_time(noon), "12:05:09");
}
