# Lab 19 · unix-sockets: socklab run 19 --lang zh-CN

## The lab

lab19-title = Unix 域套接字
    .en = Unix domain sockets
lab19-shows = AF_UNIX：流式套接字把多次发送粘在一起，DGRAM 和 SEQPACKET 保留边界；残留的套接字文件导致 EADDRINUSE
    .en = AF_UNIX: streams glue sends, DGRAM and SEQPACKET keep boundaries; a stale socket file gives EADDRINUSE
lab19-summary =
    AF_UNIX 套接字以文件路径为地址。SOCK_STREAM 像 TCP 一样把两次发送粘在一起；
    SOCK_DGRAM 和 SOCK_SEQPACKET 保留每条消息，放不下的消息会被截断。
    close() 会留下套接字文件：在它被 unlink 之前，bind 都以 EADDRINUSE 失败。
    .en =
        AF_UNIX sockets have a file path as address. SOCK_STREAM glues two sends like TCP;
        SOCK_DGRAM and SOCK_SEQPACKET keep each message and cut one that does not fit.
        close() leaves the socket file behind: bind fails with EADDRINUSE until it is unlinked.

## Checks (id after the lab number, as in --format json)

lab19-stream-queued = STREAM：send(b"hello")、send(b"feng") 后的 FIONREAD
    .en = STREAM: send(b"hello"), send(b"feng"): FIONREAD
lab19-stream-glued = 一次 recv(1024)
    .en = one recv(1024)
lab19-stream-short = recv(4) 读取 b"1234567890"
    .en = recv(4) of b"1234567890"
lab19-stream-rest = 下一次 recv(1024)：剩余部分还在
    .en = next recv(1024): the rest was kept
lab19-dgram-queued = DGRAM：send(b"hello")、send(b"feng") 后的 FIONREAD
    .en = DGRAM: send(b"hello"), send(b"feng"): FIONREAD
lab19-dgram-first = 第 1 次 recv(1024)
    .en = recv(1024) #1
lab19-dgram-second = 第 2 次 recv(1024)
    .en = recv(1024) #2
lab19-dgram-cut-flag = 该次 recv 的 MSG_TRUNC 标志
    .en = MSG_TRUNC flag on that recv
lab19-dgram-after-cut = 下一次 recv(1024)：剩余部分已丢弃
    .en = next recv(1024): the rest is gone
lab19-seqpacket-queued = SEQPACKET：send(b"hello")、send(b"feng") 后的 FIONREAD
    .en = SEQPACKET: send(b"hello"), send(b"feng"): FIONREAD
lab19-dgram-full-send = DGRAM，无人读取：队列满后的非阻塞 send
    .en = DGRAM, nobody reading: non-blocking send once the queue is full
lab19-dgram-queue-length = 此前被接受的数据报（max_dgram_qlen + 1）
    .en = datagrams accepted before that (max_dgram_qlen + 1)
lab19-dgram-full-wait = 设 SO_SNDTIMEO 100 ms 的阻塞 send 会等待
    .en = a blocking send with SO_SNDTIMEO 100 ms waits
lab19-dgram-full-wait-errno = 随后失败，错误为
    .en = and then fails with
lab19-dgram-none-lost = 已接受的数据报中，接收方读到的
    .en = datagrams the receiver finds, of those accepted
lab19-stale-file = 服务端关闭但未 unlink：stale.sock 是
    .en = server closed without unlink: stale.sock is
lab19-stale-bind = 重启的服务端 bind stale.sock
    .en = restarted server binds stale.sock
lab19-stale-bind-reuseaddr = 同上，但设置了 SO_REUSEADDR
    .en = the same with SO_REUSEADDR
lab19-stale-connect = 客户端 connect stale.sock
    .en = client connects to stale.sock
lab19-unlinked-connect = unlink("stale.sock") 之后：connect
    .en = after unlink("stale.sock"): connect
lab19-abstract-bind-taken = 抽象名字 "\0…"：名字被占用时 bind
    .en = abstract name "\0…": bind while it is bound
lab19-abstract-connect = 客户端连接它
    .en = client connects to it
lab19-abstract-rebind = 第一个套接字关闭后立即 bind
    .en = bind right after the first socket closed
lab19-files-after-close = 关闭所有套接字后剩下的套接字文件
    .en = socket files left after closing every socket
lab19-files-after-unlink = 逐个 unlink 后剩下的文件
    .en = files left after unlinking each one

## Narration (--step): what is about to happen, and what to watch

lab19-step-1 = AF_UNIX SOCK_STREAM：两次发送，读取方迟迟才读。
    .en = AF_UNIX SOCK_STREAM: two sends, a late reader.
lab19-step-1-watch = 像 TCP 一样粘在一起。
    .en = glued like TCP.
lab19-step-2 = AF_UNIX SOCK_DGRAM：两次发送、两次读取，再加一个太小的缓冲区。
    .en = AF_UNIX SOCK_DGRAM: two sends, two reads, and a buffer that is too small.
lab19-step-2-watch = 像 UDP 一样保留边界，放不下的部分被截掉。
    .en = boundaries kept and the rest cut, like UDP.
lab19-step-3 = AF_UNIX SOCK_DGRAM：一直发送到接收方的队列满，接收方什么也不读。
    .en = AF_UNIX SOCK_DGRAM: send until the receiver's queue is full, read nothing.
lab19-step-3-watch = 发送方被挡住，没有任何数据报丢失。
    .en = the sender is stopped, and no datagram is lost.
lab19-step-4 = AF_UNIX SOCK_SEQPACKET：同样的实验。
    .en = AF_UNIX SOCK_SEQPACKET: the same.
lab19-step-4-watch = 保留边界，而且是在连接上。
    .en = boundaries kept, on a connection.
lab19-step-5 = 服务端退出时没有删除它的套接字文件，然后重启。
    .en = A server exits without removing its socket file, then restarts.
lab19-step-5-watch = 文件被 unlink 之前一直是 EADDRINUSE，设不设 SO_REUSEADDR 都一样。
    .en = EADDRINUSE until the file is unlinked, SO_REUSEADDR or not.
lab19-step-6 = 抽象套接字名字（Linux）：根本没有文件。
    .en = An abstract socket name (Linux): no file at all.
lab19-step-6-watch = 套接字一关闭，名字就又空出来了。
    .en = the name is free again as soon as the socket closes.
