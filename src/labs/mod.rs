pub mod partial_recv;
pub mod udp_truncation;
