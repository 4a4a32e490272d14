pub mod reuseaddr_timewait;
pub mod udp_truncation;
