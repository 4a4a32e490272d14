# Lab 13 · tcp-states: socklab run 13 --lang zh-CN

## The lab

lab13-title = TCP 状态
    .en = TCP states
lab13-shows = 一条连接从 LISTEN 走到 TIME_WAIT，每个状态都从内核读出
    .en = one connection walked from LISTEN to TIME_WAIT, each state read from the kernel
lab13-summary =
    一个监听套接字、一次握手、一次半关闭和一次关闭，每个 TCP 状态
    都从内核读出（TCP_INFO、sock_diag）。FIN_WAIT1、LAST_ACK 和
    SYN_SENT 在回环上只持续几微秒，所以实验把它们拖住：
    让 FIN 排在对端已无处存放的数据后面。
    .en =
        A listener, a handshake, a half-close and a close, with each TCP state read from the
        kernel (TCP_INFO, sock_diag). FIN_WAIT1, LAST_ACK and SYN_SENT last microseconds on
        loopback, so the lab holds them: a FIN waits behind data the peer has no room for.

## Checks (id after the lab number, as in --format json)

lab13-listen = listen() 之后的监听套接字
    .en = listener after listen()
lab13-syn-sent = 第 2 个客户端，队列已满，50 ms 后
    .en = 2nd client, queue full, after 50 ms
lab13-wire-syn-sent = 线路上：它双向的报文段
    .en = on the wire: its segments, both ways
lab13-established-client = connect() 之后的客户端
    .en = client after connect()
lab13-established-server = accept() 之后的服务端
    .en = server after accept()
lab13-wire-handshake = 线路上：三次握手
    .en = on the wire: the handshake
lab13-fin-wait-1 = shutdown(SHUT_WR) 50 ms 后的客户端
    .en = client after shutdown(SHUT_WR), 50 ms on
lab13-wire-fin-wait-1 = 线路上：客户端至此发出的 FIN 数
    .en = on the wire: FINs the client sent so far
lab13-fin-wait-2 = 服务端读到 EOF 之后的客户端
    .en = client once the server read EOF
lab13-close-wait = 读到 EOF 之后的服务端
    .en = server after reading EOF
lab13-half-close-talk = 服务端在 CLOSE_WAIT 中发送，客户端收到
    .en = server sends in CLOSE_WAIT, client gets
lab13-last-ack = close() 50 ms 后的服务端
    .en = server after close(), 50 ms on
lab13-wire-last-ack = 线路上：服务端至此发出的 FIN 数
    .en = on the wire: FINs the server sent so far
lab13-time-wait = 自己也读到 EOF 之后的客户端
    .en = client once it read EOF
lab13-server-gone = 最后一个 ACK 之后的服务端一端
    .en = server's end, after the last ACK
lab13-time-wait-timer = 它刚启动时的 TIME_WAIT 定时器（sock_diag）
    .en = its TIME_WAIT timer as it starts (sock_diag)
lab13-wire-time-wait = 线路上：先发 FIN 的一方；TIME_WAIT 所在的一方
    .en = on the wire: first FIN from; TIME_WAIT on
lab13-wire-close = 线路上：每个 FIN 及其 ACK
    .en = on the wire: each FIN, then its ACK
lab13-client-fd-close = 客户端自己 fd 上的 TCP_INFO
    .en = TCP_INFO on the client's own fd

## Narration (--step): what is about to happen, and what to watch

lab13-step-1 = 一个监听套接字和一条到它的连接，另有一个客户端在队列已满时发起连接。
    .en = A listener, and a connection to it, with one more client while the queue is full.
lab13-step-1-watch = LISTEN，两端都是 ESTABLISHED，多出来的客户端处于 SYN_SENT。
    .en = LISTEN, ESTABLISHED on both ends, SYN_SENT for the extra client.
lab13-step-2 = 客户端关闭自己的发送方向；服务端读到 EOF，并继续发送。
    .en = The client shuts down its sending side; the server reads EOF and keeps talking.
lab13-step-2-watch = 客户端上的 FIN_WAIT1、FIN_WAIT2，服务端上的 CLOSE_WAIT。
    .en = FIN_WAIT1, FIN_WAIT2 on the client, CLOSE_WAIT on the server.
lab13-step-3 = 服务端也关闭。
    .en = The server closes too.
lab13-step-3-watch = 服务端上的 LAST_ACK，客户端上的 TIME_WAIT。
    .en = LAST_ACK on the server, TIME_WAIT on the client.
