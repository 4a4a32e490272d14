# Lab 19 · unix-sockets: socklab run 19 --lang zh-CN

## The lab

lab19-title = Unix domain sockets
    .en = Unix domain sockets
lab19-shows = AF_UNIX: streams glue sends, DGRAM and SEQPACKET keep boundaries; a stale socket file gives EADDRINUSE
    .en = AF_UNIX: streams glue sends, DGRAM and SEQPACKET keep boundaries; a stale socket file gives EADDRINUSE
lab19-summary =
    AF_UNIX sockets have a file path as address. SOCK_STREAM glues two sends like TCP;
    SOCK_DGRAM and SOCK_SEQPACKET keep each message and cut one that does not fit.
    close() leaves the socket file behind: bind fails with EADDRINUSE until it is unlinked.
    .en =
        AF_UNIX sockets have a file path as address. SOCK_STREAM glues two sends like TCP;
        SOCK_DGRAM and SOCK_SEQPACKET keep each message and cut one that does not fit.
        close() leaves the socket file behind: bind fails with EADDRINUSE until it is unlinked.

## Checks (id after the lab number, as in --format json)

lab19-stream-queued = STREAM: send(b"hello"), send(b"feng"): FIONREAD
    .en = STREAM: send(b"hello"), send(b"feng"): FIONREAD
lab19-stream-glued = one recv(1024)
    .en = one recv(1024)
lab19-stream-short = recv(4) of b"1234567890"
    .en = recv(4) of b"1234567890"
lab19-stream-rest = next recv(1024): the rest was kept
    .en = next recv(1024): the rest was kept
lab19-dgram-queued = DGRAM: send(b"hello"), send(b"feng"): FIONREAD
    .en = DGRAM: send(b"hello"), send(b"feng"): FIONREAD
lab19-dgram-first = recv(1024) #1
    .en = recv(1024) #1
lab19-dgram-second = recv(1024) #2
    .en = recv(1024) #2
lab19-dgram-cut-flag = MSG_TRUNC flag on that recv
    .en = MSG_TRUNC flag on that recv
lab19-dgram-after-cut = next recv(1024): the rest is gone
    .en = next recv(1024): the rest is gone
lab19-seqpacket-queued = SEQPACKET: send(b"hello"), send(b"feng"): FIONREAD
    .en = SEQPACKET: send(b"hello"), send(b"feng"): FIONREAD
lab19-dgram-full-send = DGRAM, nobody reading: non-blocking send once the queue is full
    .en = DGRAM, nobody reading: non-blocking send once the queue is full
lab19-dgram-queue-length = datagrams accepted before that (max_dgram_qlen + 1)
    .en = datagrams accepted before that (max_dgram_qlen + 1)
lab19-dgram-full-wait = a blocking send with SO_SNDTIMEO 100 ms waits
    .en = a blocking send with SO_SNDTIMEO 100 ms waits
lab19-dgram-full-wait-errno = and then fails with
    .en = and then fails with
lab19-dgram-none-lost = datagrams the receiver finds, of those accepted
    .en = datagrams the receiver finds, of those accepted
lab19-stale-file = server closed without unlink: stale.sock is
    .en = server closed without unlink: stale.sock is
lab19-stale-bind = restarted server binds stale.sock
    .en = restarted server binds stale.sock
lab19-stale-bind-reuseaddr = the same with SO_REUSEADDR
    .en = the same with SO_REUSEADDR
lab19-stale-connect = client connects to stale.sock
    .en = client connects to stale.sock
lab19-unlinked-connect = after unlink("stale.sock"): connect
    .en = after unlink("stale.sock"): connect
lab19-abstract-bind-taken = abstract name "\0…": bind while it is bound
    .en = abstract name "\0…": bind while it is bound
lab19-abstract-connect = client connects to it
    .en = client connects to it
lab19-abstract-rebind = bind right after the first socket closed
    .en = bind right after the first socket closed
lab19-files-after-close = socket files left after closing every socket
    .en = socket files left after closing every socket
lab19-files-after-unlink = files left after unlinking each one
    .en = files left after unlinking each one

## Narration (--step): what is about to happen, and what to watch

lab19-step-1 = AF_UNIX SOCK_STREAM: two sends, a late reader.
    .en = AF_UNIX SOCK_STREAM: two sends, a late reader.
lab19-step-1-watch = glued like TCP.
    .en = glued like TCP.
lab19-step-2 = AF_UNIX SOCK_DGRAM: two sends, two reads, and a buffer that is too small.
    .en = AF_UNIX SOCK_DGRAM: two sends, two reads, and a buffer that is too small.
lab19-step-2-watch = boundaries kept and the rest cut, like UDP.
    .en = boundaries kept and the rest cut, like UDP.
lab19-step-3 = AF_UNIX SOCK_DGRAM: send until the receiver's queue is full, read nothing.
    .en = AF_UNIX SOCK_DGRAM: send until the receiver's queue is full, read nothing.
lab19-step-3-watch = the sender is stopped, and no datagram is lost.
    .en = the sender is stopped, and no datagram is lost.
lab19-step-4 = AF_UNIX SOCK_SEQPACKET: the same.
    .en = AF_UNIX SOCK_SEQPACKET: the same.
lab19-step-4-watch = boundaries kept, on a connection.
    .en = boundaries kept, on a connection.
lab19-step-5 = A server exits without removing its socket file, then restarts.
    .en = A server exits without removing its socket file, then restarts.
lab19-step-5-watch = EADDRINUSE until the file is unlinked, SO_REUSEADDR or not.
    .en = EADDRINUSE until the file is unlinked, SO_REUSEADDR or not.
lab19-step-6 = An abstract socket name (Linux): no file at all.
    .en = An abstract socket name (Linux): no file at all.
lab19-step-6-watch = the name is free again as soon as the socket closes.
    .en = the name is free again as soon as the socket closes.
