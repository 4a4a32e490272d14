# Lab 10 · segmentation: socklab run 10 --lang zh-CN

## The lab

lab10-title = Splitting (拆包): MSS, segments and the MTU
    .en = Splitting (拆包): MSS, segments and the MTU
lab10-shows = splitting (拆包): one 10 000-byte write leaves as ceil(10000/MSS) segments; UDP, DF and fragments
    .en = splitting (拆包): one 10 000-byte write leaves as ceil(10000/MSS) segments; UDP, DF and fragments
lab10-summary =
    With TCP_MAXSEG 536 and timestamps on, one 10 000-byte send leaves as 20 segments of
    at most 524 bytes (536 minus 12 bytes of options); a default loopback connection sends one.
    Over an Ethernet link (MTU 1500): MSS 1460, 7 segments of at most 1448, and UDP fragments.
    .en =
        With TCP_MAXSEG 536 and timestamps on, one 10 000-byte send leaves as 20 segments of
        at most 524 bytes (536 minus 12 bytes of options); a default loopback connection sends one.
        Over an Ethernet link (MTU 1500): MSS 1460, 7 segments of at most 1448, and UDP fragments.

## Checks (id after the lab number, as in --format json)

lab10-small-client-snd-mss = TCP_MAXSEG 536: client tcpi_snd_mss (timestamps on)
    .en = TCP_MAXSEG 536: client tcpi_snd_mss (timestamps on)
lab10-small-server-snd-mss = server tcpi_snd_mss (from the client's SYN)
    .en = server tcpi_snd_mss (from the client's SYN)
lab10-small-segments-out = one 10 000-byte send: data segments out
    .en = one 10 000-byte send: data segments out
lab10-small-segments-in = receiver: data segments in
    .en = receiver: data segments in
lab10-wire-small-cut = on the wire: the frames, in segments of tcpi_snd_mss
    .en = on the wire: the frames, in segments of tcpi_snd_mss
lab10-wire-small-tcp-info = on the wire: segments those frames stand for = TCP_INFO
    .en = on the wire: segments those frames stand for = TCP_INFO
lab10-wire-small-frames = on the wire: frames (loopback's super-segments)
    .en = on the wire: frames (loopback's super-segments)
lab10-small-one-recv = receiver's recv(65536) once all are queued
    .en = receiver's recv(65536) once all are queued
lab10-default-advmss = default loopback connection: tcpi_advmss
    .en = default loopback connection: tcpi_advmss
lab10-default-snd-mss = tcpi_snd_mss (half the peer's first window)
    .en = tcpi_snd_mss (half the peer's first window)
lab10-default-segments-out = the same send: data segments out
    .en = the same send: data segments out
lab10-wire-default-segments = on the wire: the client's data segments (bytes)
    .en = on the wire: the client's data segments (bytes)
lab10-wire-default-tcp-info = on the wire: data segments = TCP_INFO
    .en = on the wire: data segments = TCP_INFO
lab10-lo-mtu = loopback MTU (/sys/class/net/lo/mtu)
    .en = loopback MTU (/sys/class/net/lo/mtu)
lab10-udp-ip-mtu = IP_MTU of a connected UDP socket (IPv4 max)
    .en = IP_MTU of a connected UDP socket (IPv4 max)
lab10-udp-df-1472 = UDP 1472 bytes (Ethernet's max), DF set
    .en = UDP 1472 bytes (Ethernet's max), DF set
lab10-udp-df-1473 = UDP 1473 bytes (EMSGSIZE on Ethernet), DF set
    .en = UDP 1473 bytes (EMSGSIZE on Ethernet), DF set
lab10-wire-udp-df = on the wire: both datagrams (bytes)
    .en = on the wire: both datagrams (bytes)
lab10-veth-snd-mss = Ethernet link (veth, MTU 1500): client tcpi_snd_mss (timestamps on)
    .en = Ethernet link (veth, MTU 1500): client tcpi_snd_mss (timestamps on)
lab10-wire-veth-syn-mss = on the wire: MSS option of the SYN, of the SYN-ACK
    .en = on the wire: MSS option of the SYN, of the SYN-ACK
lab10-veth-udp-ip-mtu = IP_MTU of a UDP socket connected across it
    .en = IP_MTU of a UDP socket connected across it
lab10-veth-udp-df-1472 = UDP 1472 bytes across the link, DF set
    .en = UDP 1472 bytes across the link, DF set
lab10-veth-udp-df-1473 = UDP 1473 bytes across the link, DF set
    .en = UDP 1473 bytes across the link, DF set
lab10-wire-veth-udp-df = on the wire: the DF socket's datagrams (bytes)
    .en = on the wire: the DF socket's datagrams (bytes)
lab10-veth-udp-1473 = UDP 1473 bytes across the link, DF not set
    .en = UDP 1473 bytes across the link, DF not set
lab10-wire-veth-fragment-offsets = on the wire: its IP fragments' offsets
    .en = on the wire: its IP fragments' offsets
lab10-wire-veth-fragment-sizes = on the wire: their IP payload bytes (8 + 1472, then 1)
    .en = on the wire: their IP payload bytes (8 + 1472, then 1)

## Narration (--step): what is about to happen, and what to watch

lab10-step-1 = One 10 000-byte send on a connection with TCP_MAXSEG 536.
    .en = One 10 000-byte send on a connection with TCP_MAXSEG 536.
lab10-step-1-watch = the MSS the kernel uses and the number of segments (拆包).
    .en = the MSS the kernel uses and the number of segments (拆包).
lab10-step-2 = The same send on a default loopback connection.
    .en = The same send on a default loopback connection.
lab10-step-2-watch = one segment: loopback's MTU is 65536.
    .en = one segment: loopback's MTU is 65536.
lab10-step-3 = UDP datagrams of 1472 and 1473 bytes with Don't Fragment set.
    .en = UDP datagrams of 1472 and 1473 bytes with Don't Fragment set.
lab10-step-3-watch = both arrive whole on loopback; on Ethernet the second would not.
    .en = both arrive whole on loopback; on Ethernet the second would not.
lab10-step-4 = A veth link with Ethernet's MTU, 1500, to a second network namespace: the same send, then UDP datagrams of 1472 and 1473 bytes.
    .en = A veth link with Ethernet's MTU, 1500, to a second network namespace: the same send, then UDP datagrams of 1472 and 1473 bytes.
lab10-step-4-watch = MSS 1460 in the SYNs, 7 segments of at most 1448; EMSGSIZE with DF, two IP fragments without.
    .en = MSS 1460 in the SYNs, 7 segments of at most 1448; EMSGSIZE with DF, two IP fragments without.
