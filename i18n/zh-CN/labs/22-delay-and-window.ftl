# Lab 22 · delay-and-window: socklab run 22 --lang zh-CN

## The lab

lab22-title = 延迟与窗口：一个往返的代价
    .en = Delay and the window: what a round trip costs
lab22-shows = 在 100 ms 的往返上：connect 和每个请求各花一个 RTT，Nagle 把一个 RTT 内的写入全粘在一起，吞吐量 ≤ 窗口 / RTT
    .en = on a 100 ms round trip: connect and each request cost an RTT, Nagle glues every write of one RTT, throughput ≤ window / RTT
lab22-summary =
    在单程 50 ms 的链路上：connect() 和一个请求各花一个 100 ms 的往返，
    写-写-读再多花一个往返外加延迟确认，实验 1 中相隔 5 ms 的写入
    以 5 + 13 字节发出；SO_RCVBUF 较小时，一条连接每个往返最多传送一个窗口。
    .en =
        On a link with 50 ms each way: connect() and a request each cost one 100 ms round trip,
        write-write-read costs one more plus the delayed ACK, lab 1's writes 5 ms apart leave as 5 + 13 bytes,
        and with a small SO_RCVBUF one connection carries at most one window per round trip.

## Checks (id after the lab number, as in --format json)

lab22-connect-time = 单程 50 ms：connect() 返回用时（SYN、SYN-ACK）
    .en = 50 ms each way: connect() returns after (SYN, SYN-ACK)
lab22-wire-handshake = 线路上：从 SYN 到 SYN-ACK
    .en = on the wire: from the SYN to the SYN-ACK
lab22-request-time = 一个请求及其应答
    .en = one request and its answer
lab22-tcpi-rtt = 客户端的 tcpi_rtt
    .en = the client's tcpi_rtt
lab22-split-request-time = 先写请求头、再写请求体、再读（Nagle 开启）：应答到达用时
    .en = header, then body, then read (Nagle on): the answer comes after
lab22-wire-body-wait = 线路上：请求体比请求头晚发出（RTT + 延迟确认）
    .en = on the wire: the body leaves after the header (RTT + delayed ACK)
lab22-sticky-segments = 实验 1 的四次写入，间隔 5 ms，Nagle 开启：发出的数据报文段
    .en = lab 1's four writes, 5 ms apart, Nagle on: data segments out
lab22-wire-sticky = 线路上：它们的大小（hello 单独一个，然后 5 + 7 + 1）
    .en = on the wire: their sizes (hello alone, then 5 + 7 + 1)
lab22-small-rcvbuf = 接收方 SO_RCVBUF 设为 8192：读回的值
    .en = SO_RCVBUF 8192 on the receiver: reads back
lab22-wire-throughput-bound = 20 000 字节：吞吐量占线路上最大窗口 / RTT 的百分比
    .en = 20 000 bytes: throughput, as % of largest window on the wire / RTT
lab22-wire-in-flight = 线路上：最多在途字节数 = 最大窗口
    .en = on the wire: most bytes in flight = the largest window

## Narration (--step): what is about to happen, and what to watch

lab22-step-1 = 单程 50 ms 的链路：connect、一个请求、一个分两次写出的请求、实验 1 中相隔 5 ms 的四次写入；同时向一个 SO_RCVBUF 很小的接收方传输数据。
    .en = A link with 50 ms each way: connect, one request, a request written in two pieces, lab 1's four writes 5 ms apart; at the same time a transfer to a receiver with a small SO_RCVBUF.
lab22-step-1-watch = 每次交换都花 100 ms 的整数倍；线路上是 5 + 13 字节；吞吐量低于窗口 / RTT。
    .en = every exchange costs a multiple of 100 ms; 5 + 13 bytes on the wire; throughput under window / RTT.
