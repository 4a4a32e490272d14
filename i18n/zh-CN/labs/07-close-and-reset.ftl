# Lab 7 · close-and-reset: socklab run 7 --lang zh-CN

## The lab

lab7-title = 关闭与复位
    .en = Close and reset
lab7-shows = 关闭之后 recv 永远返回 b""；未读数据或 SO_LINGER 0 会发出 RST：ECONNRESET、EPIPE
    .en = recv returns b"" forever after a close; unread data or SO_LINGER 0 sends RST: ECONNRESET, EPIPE
lab7-summary =
    对端正常关闭之后，recv 每次调用都立即返回 b""：不检查它的循环
    会空转。带着未读数据关闭，或以 SO_LINGER 0 关闭，会发出 RST：
    recv 以 ECONNRESET 失败，send 以 EPIPE 失败。TCP 的 send(b"")
    什么也不发；UDP 的会发出一个数据报。
    .en =
        After the peer's orderly close, recv returns b"" at once on every call: a loop that
        does not check for it spins. A close with unread data, or with SO_LINGER 0, sends RST:
        recv fails with ECONNRESET, send with EPIPE. TCP send(b"") sends nothing; UDP's does.

## Checks (id after the lab number, as in --format json)

lab7-orderly-state = 客户端已关闭：服务端的 TCP 状态
    .en = client closed: server's TCP state
lab7-wire-orderly-fin = 线路上：客户端的关闭
    .en = on the wire: the client's close
lab7-orderly-recv = 服务端 recv(1024)
    .en = server recv(1024)
lab7-course-loop-spins = 课程的循环（无 `if not data: break`），20 ms CPU
    .en = course loop (no `if not data: break`), 20 ms CPU
lab7-checked-loop-stops = 带 `if not data: break` 的循环：空读次数
    .en = loop with `if not data: break`: empty reads
lab7-orderly-send-1 = 服务端向已关闭的客户端 send #1
    .en = server send to the closed client #1
lab7-orderly-send-1-rst = 客户端的 RST：服务端的 TCP 状态
    .en = the client's RST: server's TCP state
lab7-wire-orderly-rst = 线路上：回应 b"result" 的是
    .en = on the wire: what answered b"result"
lab7-orderly-send-2 = send #2
    .en = send #2
lab7-wire-orderly-epipe-order = 线路上：RST 先于 send #2 到达
    .en = on the wire: the RST came before send #2
lab7-wire-orderly-server-data = 线路上：服务端的数据（它的全部 send）
    .en = on the wire: the server's data, all its sends
lab7-wire-orderly-tcp-info = TCP_INFO 与抓包：新发、重传的报文段
    .en = TCP_INFO vs capture: new, retransmitted segments
lab7-unread-state = 服务端关闭时 b"dir" 未读：客户端的状态
    .en = server closed with b"dir" unread: client's state
lab7-unread-queued = 服务端关闭时未读的字节数（FIONREAD）
    .en = bytes unread at the server's close (FIONREAD)
lab7-wire-unread-rst = 线路上：服务端的关闭
    .en = on the wire: the server's close
lab7-unread-recv = 客户端 recv(1024)
    .en = client recv(1024)
lab7-unread-send = 客户端随后的 send
    .en = client send after that
lab7-wire-unread-epipe-order = 线路上：RST 先于这次 send 到达
    .en = on the wire: the RST came before that send
lab7-linger-zero-state = 服务端以 SO_LINGER 0 关闭：客户端的状态
    .en = server closed with SO_LINGER 0: client's state
lab7-tcp-empty-sent = TCP send(b"") 的返回值
    .en = TCP send(b"") return value
lab7-tcp-empty-segments = 它发出的数据报文段（TCP_INFO）
    .en = data segments it sent (TCP_INFO)
lab7-wire-tcp-empty = 线路上直到超时：报文段数
    .en = on the wire until the timeout: segments
lab7-tcp-empty-recv = 服务端 recv(1024)，100 ms 超时
    .en = server recv(1024), 100 ms timeout
lab7-tcp-empty-queued = 服务端排队的字节数（FIONREAD）
    .en = bytes queued at the server (FIONREAD)
lab7-udp-empty-sent = UDP sendto(b"") 的返回值
    .en = UDP sendto(b"") return value
lab7-wire-udp-empty = 线路上：每个数据报的 UDP 长度
    .en = on the wire: UDP length of each datagram
lab7-udp-empty-recv = 接收端 recv(1024)
    .en = receiver recv(1024)

## Narration (--step): what is about to happen, and what to watch

lab7-step-1 = 客户端关闭；服务端继续读取。
    .en = The client closes; the server keeps reading.
lab7-step-1-watch = recv 每次都立即返回 b""：不做检查的循环会空转。
    .en = recv returns b"" at once, every time: a loop that does not check spins.
lab7-step-2 = 服务端在还有未读数据等待时关闭。
    .en = The server closes while data it never read is waiting.
lab7-step-2-watch = 发出的是 RST 而不是 FIN：先 ECONNRESET，再 EPIPE。
    .en = RST instead of FIN: ECONNRESET, then EPIPE.
lab7-step-3 = 服务端把 SO_LINGER 设为 0 后关闭。
    .en = The server closes with SO_LINGER set to 0.
lab7-step-3-watch = 同样的 RST，这次是有意为之。
    .en = the same RST, on purpose.
lab7-step-4 = 一次 TCP send(b"")。
    .en = A TCP send(b"").
lab7-step-4-watch = 发送 0 字节，没有报文段，接收端等到超时。
    .en = 0 bytes sent, no segment, and a receiver that times out.
lab7-step-5 = 一次 UDP sendto(b"")。
    .en = A UDP sendto(b"").
lab7-step-5-watch = 一个确实会到达的空数据报。
    .en = an empty datagram that does arrive.
