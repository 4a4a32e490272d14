pub mod udp_truncation;
