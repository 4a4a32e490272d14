# Lab 12 · backlog: socklab run 12 --lang zh-CN

## The lab

lab12-title = listen 的 backlog
    .en = The listen backlog
lab12-shows = 无人 accept 时，listen(2) 让 3 个 connect 完成；之后的 SYN 被丢弃，而不是被拒绝
    .en = with nobody accepting, listen(2) lets 3 connects complete; later SYNs are dropped, not refused
lab12-summary =
    无人 accept 的监听套接字会一直完成握手，直到队列中有 backlog+1 个
    连接（listen(5)：6 个）。之后的 SYN 得不到任何应答，也没有
    ECONNREFUSED：停在 SYN_SENT。一次 accept 腾出一个位置。
    队列已满时才结束的握手：它的 SYN-ACK 在 1 s 后重发，然后是 2 s 后。
    .en =
        A listener nobody accepts on completes handshakes until its queue holds backlog+1 (listen(5):
        6). Later SYNs get no answer, no ECONNREFUSED: SYN_SENT. One accept makes room for one more.
        A handshake ending while the queue is full: its SYN-ACK comes again after 1 s, then 2 s.

## Checks (id after the lab number, as in --format json)

lab12-backlog-in-force = listen(2)：内核采用的 backlog
    .en = listen(2): backlog the kernel applies
lab12-first-connects = 前 3 个 connect，无人 accept
    .en = first 3 connects, nobody accepting
lab12-first-waiting = 在全连接队列中等待的连接
    .en = connections waiting in the accept queue
lab12-wire-first-handshakes = 线路上：每个连接双向的报文段
    .en = on the wire: each one's segments, both ways
lab12-overflow-states = 接下来 2 个 connect，100 ms 后
    .en = next 2 connects, after 100 ms
lab12-overflow-not-refused = 它们的 connect 错误（SO_ERROR）
    .en = their connect error (SO_ERROR)
lab12-refused-contrast = 作为对照：connect 无人监听的端口
    .en = for contrast: connect where nobody listens
lab12-wire-refused-contrast = 线路上：它双向的报文段
    .en = on the wire: its segments, both ways
lab12-after-accept-waiting = 一次 accept() 之后：仍在等待的连接
    .en = after one accept(): connections still waiting
lab12-after-accept-one-fits = 下一个 connect
    .en = the next connect
lab12-after-accept-then-full = 再下一个，100 ms 后
    .en = and the one after it, after 100 ms
lab12-listen-5-completed = listen(5)：7 个 connect 中完成的个数
    .en = listen(5): connects completed, of 7
lab12-listen-5-seventh = 第 7 个 connect，100 ms 后
    .en = the 7th connect, after 100 ms
lab12-synack-state = 队列满时的最后一个 ACK：服务端一侧
    .en = last ACK while the queue is full: server's end
lab12-synack-first-timer = SYN-ACK 定时器（sock_diag）；本课程：5 s
    .en = SYN-ACK timer (sock_diag); the course: 5 s
lab12-synack-second-timer = 重发 1 次后，距下一次；本课程：3 s
    .en = after 1 resend, the next in; the course: 3 s

## Narration (--step): what is about to happen, and what to watch

lab12-step-1 = 客户端连接一个 backlog 为 2、从不调用 accept() 的监听套接字。
    .en = Clients connect to a listener with backlog 2 that never calls accept().
lab12-step-1-watch = 完成了几次握手：backlog + 1。
    .en = how many handshakes complete: backlog + 1.
lab12-step-2 = 又有两个客户端发起连接。
    .en = Two more clients connect.
lab12-step-2-watch = SYN_SENT：它们的 SYN 被丢弃，而不是被拒绝。
    .en = SYN_SENT: their SYNs are dropped, not refused.
lab12-step-3 = 一次 accept() 之后，再有一个客户端发起连接。
    .en = After one accept(), one more client connects.
lab12-step-3-watch = 正好再容纳一个。
    .en = exactly one more fits.
lab12-step-4 = 本课程的 listen(5)，七个客户端。
    .en = The course's listen(5), with seven clients.
lab12-step-4-watch = 六个完成，第七个在等待。
    .en = six complete, the seventh waits.
lab12-step-5 = 一次握手的最后一个 ACK 在队列已满时到达：服务端把它保持在 SYN_RECV，并重发 SYN-ACK。
    .en = A handshake whose last ACK comes while the queue is full: the server keeps it in SYN_RECV and resends its SYN-ACK.
lab12-step-5-watch = SYN-ACK 定时器：1 s，第一次重发后为 2 s（本课程：5 s、3 s、1 s）。
    .en = the SYN-ACK timer: 1 s, then 2 s after the first resend (the course: 5 s, 3 s, 1 s).
