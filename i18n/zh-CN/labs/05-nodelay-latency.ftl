# Lab 5 · nodelay-latency: socklab run 5 --lang zh-CN

## The lab

lab5-title = TCP_NODELAY 与“写-写-读”卡顿
    .en = TCP_NODELAY and the write-write-read stall
lab5-shows = 开启 Nagle 时，两次小写入再读取，每个请求约耗 40 ms；关掉则只需几微秒
    .en = two small writes then a read cost ~40 ms per request with Nagle on, µs without
lab5-summary =
    分两次小写入发出的请求，会撞上 Nagle（客户端）和延迟确认（服务端）：
    每次往返都卡住约 40 ms。TCP_NODELAY、合并成一次写入或 TCP_CORK，
    都能让它回到微秒级。时间指 RTT（从请求发出到收到回复）。
    .en =
        A request sent as two small writes meets Nagle (client) and delayed ACK (server):
        each round trip stalls ~40 ms. TCP_NODELAY, one combined write, or TCP_CORK
        bring it back to microseconds. Times are RTT (request out, reply in).

## Checks (id after the lab number, as in --format json)

lab5-nagle-rtt = 开启 Nagle，写+写+读：RTT
    .en = Nagle on, write+write+read: RTT
lab5-nagle-segments = 每个请求的数据报文段数
    .en = data segments per request
lab5-wire-nagle-segments = 线路上：每个计时请求的数据报文段数
    .en = on the wire: data segments in each timed request
lab5-wire-nagle-ack = 线路上：服务端对前一半的应答
    .en = on the wire: the server's answer to a first half
lab5-wire-nagle-ack-delay = 线路上：从前一半到该应答的等待时间中位数
    .en = on the wire: median wait from a first half to it
lab5-nodelay-rtt = TCP_NODELAY，写+写+读：RTT
    .en = TCP_NODELAY, write+write+read: RTT
lab5-combined-rtt = 开启 Nagle，合并为一次写+读：RTT
    .en = Nagle on, one combined write+read: RTT
lab5-cork-rtt = TCP_CORK，写+写+解除 CORK+读：RTT
    .en = TCP_CORK, write+write+uncork+read: RTT

## Narration (--step): what is about to happen, and what to watch

## Narration of each variant (the default 20 rounds)

lab5-step-1 = 开启 Nagle，write+write+read：20 次计时往返。
    .en = Nagle on, write+write+read: 20 timed round trips.
lab5-step-2 = TCP_NODELAY，write+write+read：20 次计时往返。
    .en = TCP_NODELAY, write+write+read: 20 timed round trips.
lab5-step-3 = 开启 Nagle，合并成一次 write+read：20 次计时往返。
    .en = Nagle on, one combined write+read: 20 timed round trips.
lab5-step-4 = TCP_CORK，write+write+uncork+read：20 次计时往返。
    .en = TCP_CORK, write+write+uncork+read: 20 timed round trips.
lab5-step-5 = 两端都设 TCP_NODELAY，一次 write+read：20 次计时往返。
    .en = TCP_NODELAY both ends, one write+read: 20 timed round trips.
lab5-step-watch = RTT 这一行：如果每个请求都要等一次延迟确认，就是毫秒级；否则是微秒级。
    .en = the RTT row: milliseconds if every request waits for a delayed ACK, microseconds if not.
