pub mod nagle_sticky;
pub mod nodelay_latency;
pub mod udp_truncation;
