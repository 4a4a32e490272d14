# Lab 11 · udp-datagrams: socklab run 11 --lang zh-CN

## The lab

lab11-title = UDP 数据报
    .en = UDP datagrams
lab11-shows = 一次 sendto 对应一次 recvfrom；回复发回各自发送者的地址；缓冲区满了就丢弃数据报
    .en = one sendto = one recvfrom; replies go to each sender's address; a full buffer drops datagrams
lab11-summary =
    三个数据报就是三次读取，即使三个都已在等待。一个服务端按各自的
    地址回答三个客户端；时间服务器对任何格式都给出回答，哪怕格式有错。
    向很小的接收缓冲区突发发送会丢失数据报：内核把每一个都记了下来。
    .en =
        Three datagrams are three reads, even when all three are waiting. One server answers
        three clients at their own addresses, and a time server answers any format, even a bad
        one. A burst into a small receive buffer loses datagrams: the kernel counts every one.

## Checks (id after the lab number, as in --format json)

lab11-fionread-first-only = 三个都已排队时的 FIONREAD（udp(7)）
    .en = FIONREAD with all 3 queued (udp(7))
lab11-wire-boundaries = 线路上：每个数据报的 UDP 载荷
    .en = on the wire: UDP payload of each datagram
lab11-read-1 = recvfrom(1024) #1
    .en = recvfrom(1024) #1
lab11-read-2 = recvfrom(1024) #2
    .en = recvfrom(1024) #2
lab11-read-3 = recvfrom(1024) #3
    .en = recvfrom(1024) #3
lab11-chat-senders = 聊天服务端：不同的发送者地址数
    .en = chat server: distinct sender addresses
lab11-chat-reply-alice = alice 收到
    .en = alice receives
lab11-chat-reply-bob = bob 收到
    .en = bob receives
lab11-chat-reply-carol = carol 收到
    .en = carol receives
lab11-chat-replies-from-server = 从服务端地址发出的回复数
    .en = replies sent from the server's address
lab11-time-default = 时间服务器：b""（默认格式）
    .en = time server: b"" (default format)
lab11-time-format = b"%H:%M"
    .en = b"%H:%M"
lab11-time-names = b"%A %d %B %Y"
    .en = b"%A %d %B %Y"
lab11-time-c = b"%c"（C locale 的格式）
    .en = b"%c" (the C locale's)
lab11-time-unknown = b"%Q"（没有这个指令）
    .en = b"%Q" (no such directive)
lab11-time-not-utf8 = b"\xff%Y"（不是 UTF-8）
    .en = b"\xff%Y" (not UTF-8)
lab11-time-oversized = 257 字节的格式串
    .en = a 257-byte format
lab11-time-still-up = b"%Y"，经历以上各项之后
    .en = b"%Y", after all that
lab11-udp-shell-two-datagrams = UDP 远程执行命令，stderr + stdout 分 2 个数据报：回复
    .en = UDP shell, stderr + stdout as 2 datagrams: replies
lab11-udp-shell-one-datagram = 每个回复一个数据报
    .en = one datagram per reply
lab11-rcvbuf-doubled = 请求 4096 后的 SO_RCVBUF（socket(7)）
    .en = SO_RCVBUF after asking for 4096 (socket(7))
lab11-burst-sent = 突发：发出的数据报数
    .en = burst: datagrams sent
lab11-wire-burst-datagrams = 线路上：突发的数据报数
    .en = on the wire: datagrams of the burst
lab11-burst-lost = 有些始终没有收到
    .en = some never received
lab11-burst-accounted = 收到数 + 内核丢弃数（/proc/net/udp）
    .en = received + kernel drops (/proc/net/udp)
lab11-wire-burst-dropped-at-receiver = 线路上 − 收到数 = 内核丢弃数
    .en = on the wire − received = kernel drops

## Narration (--step): what is about to happen, and what to watch

lab11-step-1 = 发出三个数据报，读取三次。
    .en = Three datagrams sent, three read.
lab11-step-1-watch = 一次 sendto，一次 recvfrom：边界保留了下来。
    .en = one sendto, one recvfrom: boundaries kept.
lab11-step-2 = 三个客户端与同一个 UDP 服务端对话（本课程的 QQ 聊天）。
    .en = Three clients talk to one UDP server (the course's QQ chat).
lab11-step-2-watch = 每个回复都发回各自发送者的地址。
    .en = each reply goes to its own sender's address.
lab11-step-3 = 本课程的 UDP 时间服务器，分别用正确和错误的格式来询问。
    .en = The course's UDP time server, asked with good and bad formats.
lab11-step-3-watch = 错误的输入得到错误回复，而服务端仍在应答。
    .en = error replies for bad input, and the server still answering.
lab11-step-4 = 本课程基于 UDP 的远程执行命令：每个回复两个数据报（stderr、stdout），每条命令只 recvfrom 一次。
    .en = The course's UDP remote shell: two datagrams per reply (stderr, stdout), one recvfrom per command.
lab11-step-4-watch = 回复错开了一个数据报：b"", b"one\n", b"", b"two\n"。
    .en = the replies shifted by one datagram: b"", b"one\n", b"", b"two\n".
lab11-step-5 = 向很小的接收缓冲区突发发送一批数据报。
    .en = A burst of datagrams into a small receive buffer.
lab11-step-5-watch = 数据报丢失了，而内核自己的丢弃计数器把每一个都记在账上。
    .en = datagrams lost, and the kernel's own drop counter accounting for every one.
