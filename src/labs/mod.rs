//! The experiments, one module per lab. Each module holds the experiment
//! only: socket set-up and measurement, returning checks. The text students
//! read lives in `labs/NN-slug/README.md`.

pub mod backlog;
pub mod close_and_reset;
pub mod concurrency;
pub mod encodings;
pub mod file_transfer;
pub mod framing;
pub mod hmac_auth;
pub mod nagle_sticky;
pub mod nodelay_latency;
pub mod nonblocking_timeouts;
pub mod partial_recv;
pub mod remote_command;
pub mod reuseaddr_timewait;
pub mod segmentation;
pub mod short_writes;
pub mod tcp_states;
pub mod udp_datagrams;
pub mod udp_truncation;
pub mod unix_sockets;
