# Lab 7 · close-and-reset: socklab run 7 --lang zh-CN

## The lab

lab7-title = Close and reset
    .en = Close and reset
lab7-shows = recv returns b"" forever after a close; unread data or SO_LINGER 0 sends RST: ECONNRESET, EPIPE
    .en = recv returns b"" forever after a close; unread data or SO_LINGER 0 sends RST: ECONNRESET, EPIPE
lab7-summary =
    After the peer's orderly close, recv returns b"" at once on every call: a loop that
    does not check for it spins. A close with unread data, or with SO_LINGER 0, sends RST:
    recv fails with ECONNRESET, send with EPIPE. TCP send(b"") sends nothing; UDP's does.
    .en =
        After the peer's orderly close, recv returns b"" at once on every call: a loop that
        does not check for it spins. A close with unread data, or with SO_LINGER 0, sends RST:
        recv fails with ECONNRESET, send with EPIPE. TCP send(b"") sends nothing; UDP's does.

## Checks (id after the lab number, as in --format json)

lab7-orderly-state = client closed: server's TCP state
    .en = client closed: server's TCP state
lab7-wire-orderly-fin = on the wire: the client's close
    .en = on the wire: the client's close
lab7-orderly-recv = server recv(1024)
    .en = server recv(1024)
lab7-course-loop-spins = course loop (no `if not data: break`), 20 ms CPU
    .en = course loop (no `if not data: break`), 20 ms CPU
lab7-checked-loop-stops = loop with `if not data: break`: empty reads
    .en = loop with `if not data: break`: empty reads
lab7-orderly-send-1 = server send to the closed client #1
    .en = server send to the closed client #1
lab7-orderly-send-1-rst = the client's RST: server's TCP state
    .en = the client's RST: server's TCP state
lab7-wire-orderly-rst = on the wire: what answered b"result"
    .en = on the wire: what answered b"result"
lab7-orderly-send-2 = send #2
    .en = send #2
lab7-wire-orderly-epipe-order = on the wire: the RST came before send #2
    .en = on the wire: the RST came before send #2
lab7-wire-orderly-server-data = on the wire: the server's data, all its sends
    .en = on the wire: the server's data, all its sends
lab7-wire-orderly-tcp-info = TCP_INFO vs capture: new, retransmitted segments
    .en = TCP_INFO vs capture: new, retransmitted segments
lab7-unread-state = server closed with b"dir" unread: client's state
    .en = server closed with b"dir" unread: client's state
lab7-unread-queued = bytes unread at the server's close (FIONREAD)
    .en = bytes unread at the server's close (FIONREAD)
lab7-wire-unread-rst = on the wire: the server's close
    .en = on the wire: the server's close
lab7-unread-recv = client recv(1024)
    .en = client recv(1024)
lab7-unread-send = client send after that
    .en = client send after that
lab7-wire-unread-epipe-order = on the wire: the RST came before that send
    .en = on the wire: the RST came before that send
lab7-linger-zero-state = server closed with SO_LINGER 0: client's state
    .en = server closed with SO_LINGER 0: client's state
lab7-tcp-empty-sent = TCP send(b"") return value
    .en = TCP send(b"") return value
lab7-tcp-empty-segments = data segments it sent (TCP_INFO)
    .en = data segments it sent (TCP_INFO)
lab7-wire-tcp-empty = on the wire until the timeout: segments
    .en = on the wire until the timeout: segments
lab7-tcp-empty-recv = server recv(1024), 100 ms timeout
    .en = server recv(1024), 100 ms timeout
lab7-tcp-empty-queued = bytes queued at the server (FIONREAD)
    .en = bytes queued at the server (FIONREAD)
lab7-udp-empty-sent = UDP sendto(b"") return value
    .en = UDP sendto(b"") return value
lab7-wire-udp-empty = on the wire: UDP length of each datagram
    .en = on the wire: UDP length of each datagram
lab7-udp-empty-recv = receiver recv(1024)
    .en = receiver recv(1024)

## Narration (--step): what is about to happen, and what to watch

lab7-step-1 = The client closes; the server keeps reading.
    .en = The client closes; the server keeps reading.
lab7-step-1-watch = recv returns b"" at once, every time: a loop that does not check spins.
    .en = recv returns b"" at once, every time: a loop that does not check spins.
lab7-step-2 = The server closes while data it never read is waiting.
    .en = The server closes while data it never read is waiting.
lab7-step-2-watch = RST instead of FIN: ECONNRESET, then EPIPE.
    .en = RST instead of FIN: ECONNRESET, then EPIPE.
lab7-step-3 = The server closes with SO_LINGER set to 0.
    .en = The server closes with SO_LINGER set to 0.
lab7-step-3-watch = the same RST, on purpose.
    .en = the same RST, on purpose.
lab7-step-4 = A TCP send(b"").
    .en = A TCP send(b"").
lab7-step-4-watch = 0 bytes sent, no segment, and a receiver that times out.
    .en = 0 bytes sent, no segment, and a receiver that times out.
lab7-step-5 = A UDP sendto(b"").
    .en = A UDP sendto(b"").
lab7-step-5-watch = an empty datagram that does arrive.
    .en = an empty datagram that does arrive.
