//! The budgets table as the bench prints it: one row an operation, with
//! its floor, ratio, budget and whether it held.

use super::{Budget, Row, show};

/// Prints `rows`; whether every budget held.
pub fn print(rows: &[Row]) -> bool {
    println!(
        "\n{:<56} {:>11} {:>11} {:>8} {:>8}  result",
        "operation", "median", "floor", "ratio", "budget"
    );
    let mut all_pass = true;
    for row in rows {
        let floor = row.floor.as_ref().map_or("-".into(), show);
        let ratio = row.ratio().map_or("-".into(), |r| format!("{r:.2}x"));
        let budget = match row.budget {
            Budget::Ratio(r) => format!("<={r}x"),
            Budget::Millis(m) => format!("<={m}ms"),
            Budget::AtMost(n) => format!("<={n}"),
            Budget::Info => "-".into(),
        };
        let result = match row.pass() {
            Some(true) => "PASS",
            Some(false) => {
                all_pass = false;
                "FAIL"
            }
            None => "",
        };
        println!(
            "{:<56} {:>11} {:>11} {:>8} {:>8}  {result}",
            row.operation,
            show(&row.value),
            floor,
            ratio,
            budget
        );
    }
    all_pass
}
