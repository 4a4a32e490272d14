//! A second network namespace, and an Ethernet-like link to it.
//!
//! Loopback has a 65 536-byte MTU and no Ethernet limits, so a lab about
//! segment sizes or IP fragmentation needs a link with an Ethernet MTU: a
//! veth pair (veth(4)), two virtual interfaces joined back to back, one end
//! in the main namespace, the other in a peer namespace. A client in the
//! main namespace then talks to a server in the peer namespace across a
//! 1500-byte MTU, and a capture on the main end sees what an Ethernet wire
//! would carry.
//!
//! The peer namespace is made by a short-lived thread calling
//! `unshare(CLONE_NEWNET)` for itself (allowed in a multi-threaded process:
//! only `CLONE_NEWUSER` needs a single-threaded one). The namespace outlives
//! the thread because [`PeerNamespace`] keeps its `/proc/thread-self/ns/net`
//! file open; a later thread joins it with setns(2). Sockets belong to the
//! namespace they were *created* in, whichever thread uses them afterwards:
//! a listener bound by [`PeerNamespace::run`] may be accepted on from any
//! thread.
//!
//! The addresses come from 198.18.0.0/15, the range RFC 2544 reserves for
//! benchmarking: never routed, so never mistaken for a real network.

use std::fs::File;
use std::io;
use std::net::Ipv4Addr;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rustix::thread::{LinkNameSpaceType, UnshareFlags};

use super::offload::disable_tcp_segmentation_offload;
use super::rtnetlink::{RouteSocket, VethRequest};
use super::{SysctlPin, bring_loopback_up, interface_index, pin_book_sysctls, unshare};

/// The longest interface name the kernel takes (`IFNAMSIZ` - 1, netdevice(7)).
const MAX_INTERFACE_NAME: usize = 15;

/// How long a new veth end may take to carry packets. The kernel's link
/// watch gets to a veth pair within microseconds; the bound only stops a
/// link that never comes up from hanging the lab.
const LINK_READY_TIMEOUT: Duration = Duration::from_secs(2);

/// A network namespace of its own, with `lo` up and the book's sysctls
/// pinned, kept alive for as long as this value lives.
#[derive(Debug)]
pub struct PeerNamespace {
    namespace: OwnedFd,
    sysctls: Vec<SysctlPin>,
}

impl PeerNamespace {
    /// Makes the namespace (needs CAP_SYS_ADMIN, which the process has in
    /// its own user namespace after [`super::enter_private_network`], or as
    /// root).
    pub fn create() -> io::Result<PeerNamespace> {
        let maker = thread::Builder::new()
            .name("socklab-peer-netns".to_owned())
            .spawn(|| -> io::Result<PeerNamespace> {
                unshare(UnshareFlags::NEWNET)?;
                bring_loopback_up()?;
                let sysctls = pin_book_sysctls();
                let namespace = OwnedFd::from(File::open("/proc/thread-self/ns/net")?);
                Ok(PeerNamespace { namespace, sysctls })
            })?;
        joined(maker)?
    }

    /// The namespace's `/proc/thread-self/ns/net` descriptor, for a veth
    /// end created straight into it.
    pub(super) fn namespace_fd(&self) -> BorrowedFd<'_> {
        self.namespace.as_fd()
    }

    /// What became of the book's sysctls in this namespace.
    pub fn sysctls(&self) -> &[SysctlPin] {
        &self.sysctls
    }

    /// Runs `work` on a thread inside this namespace and returns its result:
    /// for one-off jobs such as binding a listener. Blocks until `work` ends.
    pub fn run<T, F>(&self, work: F) -> io::Result<T>
    where
        T: Send,
        F: FnOnce() -> T + Send,
    {
        run_in(self.namespace.as_fd(), work)
    }

    /// Starts a thread named `name` that lives in this namespace and runs
    /// `work`: for a server that creates its sockets there as it goes.
    pub fn spawn<T, F>(&self, name: &str, work: F) -> io::Result<JoinHandle<io::Result<T>>>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let namespace = self.namespace.try_clone()?;
        thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || -> io::Result<T> {
                join_namespace(namespace.as_fd())?;
                Ok(work())
            })
    }
}

/// The shape of a veth link: names, addresses and MTU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VethPlan {
    /// The end in the main namespace (at most 15 bytes).
    pub main_name: String,
    /// The end in the peer namespace (at most 15 bytes).
    pub peer_name: String,
    /// The main end's address.
    pub main_address: Ipv4Addr,
    /// The peer end's address.
    pub peer_address: Ipv4Addr,
    /// The prefix length of both addresses.
    pub prefix_len: u8,
    /// The MTU of both ends.
    pub mtu: u32,
}

impl VethPlan {
    /// An Ethernet link: MTU 1500, 198.18.0.1/30 here, 198.18.0.2/30 there.
    pub fn ethernet() -> VethPlan {
        VethPlan {
            main_name: "socklab-main".to_owned(),
            peer_name: "socklab-peer".to_owned(),
            main_address: Ipv4Addr::new(198, 18, 0, 1),
            peer_address: Ipv4Addr::new(198, 18, 0, 2),
            prefix_len: 30,
            mtu: 1500,
        }
    }
}

/// A veth pair between the calling thread's namespace and a fresh
/// [`PeerNamespace`], both ends addressed and up. Dropping it deletes the
/// pair and lets the peer namespace go.
#[derive(Debug)]
pub struct VethLink {
    plan: VethPlan,
    main_index: u32,
    main_namespace: OwnedFd,
    peer: PeerNamespace,
}

impl VethLink {
    /// Makes the peer namespace and the pair, as
    /// `ip link add <main> mtu <mtu> type veth peer <peer> netns <ns>`, then
    /// on each side `ethtool -K <end> tso off` (so that a capture sees
    /// MSS-sized segments: a veth pair passes TSO super-segments uncut),
    /// `ip address add` and `ip link set up`, and waits until both ends
    /// carry packets.
    pub fn create(plan: VethPlan) -> io::Result<VethLink> {
        for name in [&plan.main_name, &plan.peer_name] {
            if name.is_empty() || name.len() > MAX_INTERFACE_NAME || name.contains(['/', ' ']) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "{name:?} is no interface name: 1 to {MAX_INTERFACE_NAME} bytes, no '/' or space"
                    ),
                ));
            }
        }
        let peer = PeerNamespace::create()?;
        let main_namespace = OwnedFd::from(File::open("/proc/thread-self/ns/net")?);
        let mut route = RouteSocket::open()?;
        route.add_veth(&VethRequest {
            name: &plan.main_name,
            peer_name: &plan.peer_name,
            mtu: plan.mtu,
            peer_namespace: peer.namespace.as_fd(),
        })?;
        let main_index = interface_index(&plan.main_name)?;
        // From here on, dropping `link` deletes the pair if a step fails.
        let link = VethLink {
            plan,
            main_index,
            main_namespace,
            peer,
        };
        disable_tcp_segmentation_offload(&link.plan.main_name)?;
        route.add_ipv4_address(main_index, link.plan.main_address, link.plan.prefix_len)?;
        route.set_link_up(main_index)?;
        let (peer_name, peer_address, prefix_len) = (
            &link.plan.peer_name,
            link.plan.peer_address,
            link.plan.prefix_len,
        );
        link.peer.run(|| -> io::Result<()> {
            let index = interface_index(peer_name)?;
            disable_tcp_segmentation_offload(peer_name)?;
            let mut route = RouteSocket::open()?;
            route.add_ipv4_address(index, peer_address, prefix_len)?;
            route.set_link_up(index)?;
            wait_until_carrying(&mut route, index, peer_name)
        })??;
        wait_until_carrying(&mut route, main_index, &link.plan.main_name)?;
        Ok(link)
    }

    /// The names, addresses and MTU.
    pub fn plan(&self) -> &VethPlan {
        &self.plan
    }

    /// The interface index of the main end (for a capture).
    pub fn main_index(&self) -> u32 {
        self.main_index
    }

    /// The namespace of the far end.
    pub fn peer(&self) -> &PeerNamespace {
        &self.peer
    }
}

impl Drop for VethLink {
    fn drop(&mut self) {
        // Deleted from inside the main namespace, whichever thread drops
        // the link: an interface index means nothing in another namespace.
        // A failure leaves the pair to the kernel, which deletes it when
        // the peer namespace dies with its last reference (this value's).
        let index = self.main_index;
        let _ = run_in(self.main_namespace.as_fd(), || {
            RouteSocket::open().and_then(|mut route| route.delete_link(index))
        });
    }
}

/// Waits until interface `index` (`name`) of the calling thread's namespace
/// carries packets ([`RouteSocket::carries_packets`]): a packet sent
/// earlier would be dropped.
pub(super) fn wait_until_carrying(
    route: &mut RouteSocket,
    index: u32,
    name: &str,
) -> io::Result<()> {
    let deadline = Instant::now() + LINK_READY_TIMEOUT;
    while !route.carries_packets(index)? {
        if Instant::now() >= deadline {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("{name} did not come up within {LINK_READY_TIMEOUT:?}"),
            ));
        }
        thread::sleep(Duration::from_micros(100));
    }
    Ok(())
}

/// Runs `work` on a scoped thread that first joins `namespace`.
pub(super) fn run_in<T, F>(namespace: BorrowedFd<'_>, work: F) -> io::Result<T>
where
    T: Send,
    F: FnOnce() -> T + Send,
{
    thread::scope(|scope| {
        let worker = thread::Builder::new()
            .name("socklab-in-netns".to_owned())
            .spawn_scoped(scope, || -> io::Result<T> {
                join_namespace(namespace)?;
                Ok(work())
            })?;
        match worker.join() {
            Ok(result) => result,
            Err(_) => Err(panicked()),
        }
    })
}

/// setns(2) the calling thread into a network namespace.
fn join_namespace(namespace: BorrowedFd<'_>) -> io::Result<()> {
    rustix::thread::move_into_link_name_space(namespace, Some(LinkNameSpaceType::Network)).map_err(
        |error| {
            io::Error::new(
                io::Error::from(error).kind(),
                format!("setns(2) into the peer network namespace: {error}"),
            )
        },
    )
}

fn joined<T>(thread: JoinHandle<T>) -> io::Result<T> {
    thread.join().map_err(|_| panicked())
}

fn panicked() -> io::Error {
    io::Error::other("a thread working in a network namespace panicked")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ethernet_plan_is_a_benchmarking_slash_30() {
        let plan = VethPlan::ethernet();
        assert_eq!(plan.mtu, 1500);
        assert_eq!(plan.prefix_len, 30);
        for address in [plan.main_address, plan.peer_address] {
            // 198.18.0.0/15: RFC 2544's benchmarking range.
            assert_eq!(
                u32::from(address) >> 17,
                u32::from(Ipv4Addr::new(198, 18, 0, 0)) >> 17
            );
        }
        assert!(plan.main_name.len() <= MAX_INTERFACE_NAME);
        assert!(plan.peer_name.len() <= MAX_INTERFACE_NAME);
    }

    #[test]
    fn a_bad_interface_name_is_refused_before_any_namespace_is_made() {
        let plan = VethPlan {
            main_name: "a-name-far-too-long".to_owned(),
            ..VethPlan::ethernet()
        };
        let error = VethLink::create(plan).expect_err("too long");
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
    }
}
