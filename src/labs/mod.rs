pub mod nagle_sticky;
pub mod udp_truncation;
