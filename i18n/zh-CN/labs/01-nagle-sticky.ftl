# Lab 1 · nagle-sticky: socklab run 1 --lang zh-CN

## The lab

lab1-title = Nagle 算法引起的粘包
    .en = Nagle-driven sticky packets
lab1-shows = 分开发送的消息到达时粘在一起（粘包）；TCP_NODELAY 治不了，分帧才行
    .en = separate sends arrive glued together (粘包); TCP_NODELAY does not fix it, framing does
lab1-summary =
    四次 send（b"hello"、b"world"、b"musibii"、b"1"）到达时不是四条消息：
    读取方读得晚，消息就粘在一起；开启 Nagle 时，内核自己还会扣住 13 个字节，
    等一次延迟确认。TCP_NODELAY 只是不再扣字节，粘包依旧：只有分帧才能解决。
    .en =
        Four sends (b"hello", b"world", b"musibii", b"1") do not arrive as four messages.
        A late reader gets them glued; with Nagle on, the kernel itself holds 13 bytes back
        for one delayed ACK. TCP_NODELAY stops the holding, not the gluing: only framing does.

## Checks (id after the lab number, as in --format json)

lab1-late-reader-recv-1 = 迟到的读取方：recv(5) #1
    .en = late reader: recv(5) #1
lab1-late-reader-recv-2 = 迟到的读取方：recv(5) #2
    .en = late reader: recv(5) #2
lab1-late-reader-recv-3 = 迟到的读取方：recv(10) #3
    .en = late reader: recv(10) #3
lab1-late-reader-recv-4 = 迟到的读取方：recv(5) #4
    .en = late reader: recv(5) #4
lab1-wire-late-reader-segments = 线路上：每个数据报文段携带的内容
    .en = on the wire: what each data segment carried
lab1-wire-late-reader-quick-acks = 线路上：服务端对每个报文段的应答（quick-ACK 模式）
    .en = on the wire: the server's answer to each (quick-ACK mode)
lab1-hello-feng = 迟到的读取方：b"hello"、b"feng" 之后的 recv(10)
    .en = late reader: recv(10) after b"hello", b"feng"
lab1-nagle-notsent = 开启 Nagle：每次写入后被扣住的字节数
    .en = Nagle on: bytes held back after each write
lab1-nagle-unacked = 每次写入后在途的报文段数
    .en = segments in flight after each write
lab1-nagle-segments = 四次写入产生的数据报文段数
    .en = data segments for the four writes
lab1-wire-nagle-segments = 线路上：预热之后的数据报文段
    .en = on the wire: data segments after the warm-up
lab1-wire-nagle-ack-between = 线路上：这两个报文段之间服务端发出的报文段
    .en = on the wire: the server's segments between those two
lab1-wire-nagle-gap = 线路上：从第一个到第二个的时间
    .en = on the wire: time from the first to the second
lab1-nagle-reader = 等在 recv(1024) 里的读取方拿到
    .en = a reader waiting in recv(1024) gets
lab1-nagle-reader-gap = 两次 recv 之间的时间（一次延迟确认）
    .en = time between those two recvs (one delayed ACK)
lab1-nagle-after-ack-held = 开启 Nagle，第 1 次发送被确认后再发第 2 次：被扣住
    .en = Nagle on, 2nd send once the 1st is ACKed: held
lab1-nagle-after-ack-segments = 两次发送产生的数据报文段数
    .en = data segments for the two sends
lab1-nagle-after-ack-time = 两次发送的间隔（流传说法里的 200 ms）
    .en = time between the sends (the folklore's 200 ms)
lab1-nodelay-notsent = TCP_NODELAY：每次写入后被扣住的字节数
    .en = TCP_NODELAY: bytes held back after each write
lab1-nodelay-late-reader = 迟到的读取方用 recv(1024) 仍然拿到
    .en = a late reader's recv(1024) still gets
lab1-framing-restores-boundaries = 结论：用长度前缀分帧的迟到读取方拿到
    .en = conclusion: a late reader with length framing gets
lab1-wire-framing-segments = 线路上：数据报文段
    .en = on the wire: data segments
lab1-wire-data-segments-tcp-info = 每条连接的数据报文段：TCP_INFO 与线路上对照
    .en = each connection's data segments: TCP_INFO vs wire
lab1-wire-retransmissions-tcp-info = 及其重传：TCP_INFO 与线路上对照
    .en = and its retransmissions: TCP_INFO vs wire

## Narration (--step): what is about to happen, and what to watch

lab1-step-1 = 客户端发送 b"hello"、b"world"、b"musibii"、b"1" 后关闭连接；这之后服务端才依次用 recv(5)、recv(5)、recv(10)、recv(5) 读取。
    .en = The client sends b"hello", b"world", b"musibii", b"1" and closes; only then does the server read with recv(5), recv(5), recv(10), recv(5).
lab1-step-1-watch = 每次 recv 返回哪些字节：第三次拿到了两条消息。
    .en = which bytes each recv returns: the third one gets two messages.
lab1-step-2 = 本课程的第一个例子：先发 b"hello" 再发 b"feng"，稍后用一次 recv(10) 读取。
    .en = The course's first example: b"hello" then b"feng", read late with one recv(10).
lab1-step-2-watch = 一次 recv，拿到两次 send 的数据。
    .en = one recv, two sends.
lab1-step-3 = 一条已经预热、开启 Nagle 的连接；四次写入发生时，服务端已经等在 recv 里。
    .en = A warmed-up connection with Nagle on; the server is already waiting in recv when the four writes happen.
lab1-step-3-watch = 每次写入后被扣住的字节数（0, 5, 12, 13），以及其余数据到达之前约 40 ms 的间隔。
    .en = bytes held back after each write (0, 5, 12, 13) and the ~40 ms gap before the rest arrives.
lab1-step-4 = 开启 Nagle：先发 b"hello"，它一被确认就发 b"world"，前后远不到 200 ms。
    .en = Nagle on: b"hello", then b"world" as soon as the first is acknowledged, well within 200 ms.
lab1-step-4-watch = 没有字节被扣住，共两个报文段：Nagle 等的是 ACK，不是一段时间。
    .en = nothing held and two segments: Nagle waits for an ACK, not for a time.
lab1-step-5 = 同样的写入，改用 TCP_NODELAY；读取方迟到。
    .en = The same writes with TCP_NODELAY; the reader is late.
lab1-step-5-watch = 不再有字节被扣住，可迟到的读取方仍然用一次 recv 拿到全部 18 个字节。
    .en = nothing is held any more, yet the late reader still gets all 18 bytes in one recv.
lab1-step-6 = 解决办法：每条消息前加 4 字节的长度，由同样迟到的读取方来读。
    .en = The fix: a 4-byte length before each message, read by an equally late reader.
lab1-step-6-watch = 四条消息原样回来了。
    .en = the four messages come back exactly.
