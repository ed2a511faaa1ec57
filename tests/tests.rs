//! One integration test binary (it links once, which keeps CI fast), with a
//! module per layer: shipped samples, rendered screens, and the real binary
//! in a pseudo-terminal.

mod e2e;
mod privacy;
mod render;
mod samples;
