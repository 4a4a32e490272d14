# Lab 10 · segmentation: socklab run 10 --lang zh-CN

## The lab

lab10-title = 拆包：MSS、报文段与 MTU
    .en = Splitting (拆包): MSS, segments and the MTU
lab10-shows = 拆包：一次 10 000 字节的写入按 ceil(10000/MSS) 个报文段发出；UDP、DF 与分片
    .en = splitting (拆包): one 10 000-byte write leaves as ceil(10000/MSS) segments; UDP, DF and fragments
lab10-summary =
    在 TCP_MAXSEG 为 536 且开启时间戳时，一次 10 000 字节的 send 作为
    20 个报文段发出，每段至多 524 字节（536 减去 12 字节选项）；
    默认的回环连接只发一个报文段。经以太网链路（MTU 1500）：MSS 1460，
    7 个报文段，每段至多 1448 字节，UDP 数据报则被分片。
    .en =
        With TCP_MAXSEG 536 and timestamps on, one 10 000-byte send leaves as 20 segments of
        at most 524 bytes (536 minus 12 bytes of options); a default loopback connection sends one.
        Over an Ethernet link (MTU 1500): MSS 1460, 7 segments of at most 1448, and UDP fragments.

## Checks (id after the lab number, as in --format json)

lab10-small-client-snd-mss = TCP_MAXSEG 536：客户端 tcpi_snd_mss（开启时间戳）
    .en = TCP_MAXSEG 536: client tcpi_snd_mss (timestamps on)
lab10-small-server-snd-mss = 服务端 tcpi_snd_mss（得自客户端的 SYN）
    .en = server tcpi_snd_mss (from the client's SYN)
lab10-small-segments-out = 一次 10 000 字节的 send：发出的数据报文段数
    .en = one 10 000-byte send: data segments out
lab10-small-segments-in = 接收端：收到的数据报文段数
    .en = receiver: data segments in
lab10-wire-small-cut = 线路上：各帧按 tcpi_snd_mss 切成的报文段
    .en = on the wire: the frames, in segments of tcpi_snd_mss
lab10-wire-small-tcp-info = 线路上：这些帧代表的报文段数 = TCP_INFO
    .en = on the wire: segments those frames stand for = TCP_INFO
lab10-wire-small-frames = 线路上：帧数（回环的超级报文段）
    .en = on the wire: frames (loopback's super-segments)
lab10-small-one-recv = 全部排队后，接收端的一次 recv(65536)
    .en = receiver's recv(65536) once all are queued
lab10-default-advmss = 默认回环连接：tcpi_advmss
    .en = default loopback connection: tcpi_advmss
lab10-default-snd-mss = tcpi_snd_mss（对端首个窗口的一半）
    .en = tcpi_snd_mss (half the peer's first window)
lab10-default-segments-out = 同一次 send：发出的数据报文段数
    .en = the same send: data segments out
lab10-wire-default-segments = 线路上：客户端的数据报文段（字节）
    .en = on the wire: the client's data segments (bytes)
lab10-wire-default-tcp-info = 线路上：数据报文段数 = TCP_INFO
    .en = on the wire: data segments = TCP_INFO
lab10-lo-mtu = 回环 MTU（/sys/class/net/lo/mtu）
    .en = loopback MTU (/sys/class/net/lo/mtu)
lab10-udp-ip-mtu = 已连接 UDP 套接字的 IP_MTU（IPv4 上限）
    .en = IP_MTU of a connected UDP socket (IPv4 max)
lab10-udp-df-1472 = UDP 1472 字节（以太网上限），设置 DF
    .en = UDP 1472 bytes (Ethernet's max), DF set
lab10-udp-df-1473 = UDP 1473 字节（以太网上为 EMSGSIZE），设置 DF
    .en = UDP 1473 bytes (EMSGSIZE on Ethernet), DF set
lab10-wire-udp-df = 线路上：两个数据报（字节）
    .en = on the wire: both datagrams (bytes)
lab10-veth-snd-mss = 以太网链路（veth，MTU 1500）：客户端 tcpi_snd_mss（开启时间戳）
    .en = Ethernet link (veth, MTU 1500): client tcpi_snd_mss (timestamps on)
lab10-wire-veth-syn-mss = 线路上：SYN 与 SYN-ACK 各自的 MSS 选项
    .en = on the wire: MSS option of the SYN, of the SYN-ACK
lab10-veth-udp-ip-mtu = 跨该链路连接的 UDP 套接字的 IP_MTU
    .en = IP_MTU of a UDP socket connected across it
lab10-veth-udp-df-1472 = 跨链路的 UDP 1472 字节，设置 DF
    .en = UDP 1472 bytes across the link, DF set
lab10-veth-udp-df-1473 = 跨链路的 UDP 1473 字节，设置 DF
    .en = UDP 1473 bytes across the link, DF set
lab10-wire-veth-udp-df = 线路上：DF 套接字的数据报（字节）
    .en = on the wire: the DF socket's datagrams (bytes)
lab10-veth-udp-1473 = 跨链路的 UDP 1473 字节，未设置 DF
    .en = UDP 1473 bytes across the link, DF not set
lab10-wire-veth-fragment-offsets = 线路上：其 IP 分片的偏移
    .en = on the wire: its IP fragments' offsets
lab10-wire-veth-fragment-sizes = 线路上：各分片的 IP 载荷字节数（8 + 1472，然后 1）
    .en = on the wire: their IP payload bytes (8 + 1472, then 1)

## Narration (--step): what is about to happen, and what to watch

lab10-step-1 = 在 TCP_MAXSEG 为 536 的连接上，一次 send 10 000 字节。
    .en = One 10 000-byte send on a connection with TCP_MAXSEG 536.
lab10-step-1-watch = 内核实际使用的 MSS，以及报文段的个数（拆包）。
    .en = the MSS the kernel uses and the number of segments (拆包).
lab10-step-2 = 在默认的回环连接上做同样的 send。
    .en = The same send on a default loopback connection.
lab10-step-2-watch = 只有一个报文段：回环的 MTU 是 65536。
    .en = one segment: loopback's MTU is 65536.
lab10-step-3 = 设置“不分片”（Don't Fragment），发送 1472 和 1473 字节的 UDP 数据报。
    .en = UDP datagrams of 1472 and 1473 bytes with Don't Fragment set.
lab10-step-3-watch = 在回环上两个都完整到达；在以太网上第二个就不会。
    .en = both arrive whole on loopback; on Ethernet the second would not.
lab10-step-4 = 一条 MTU 与以太网相同（1500）的 veth 链路，通往另一个网络命名空间：同样的 send，然后是 1472 和 1473 字节的 UDP 数据报。
    .en = A veth link with Ethernet's MTU, 1500, to a second network namespace: the same send, then UDP datagrams of 1472 and 1473 bytes.
lab10-step-4-watch = SYN 中的 MSS 为 1460，7 个报文段，每段至多 1448 字节；设置 DF 时为 EMSGSIZE，不设置时为两个 IP 分片。
    .en = MSS 1460 in the SYNs, 7 segments of at most 1448; EMSGSIZE with DF, two IP fragments without.
