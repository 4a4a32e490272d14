# Lab 20 · retransmission: socklab run 20 --lang zh-CN

## The lab

lab20-title = 重传：TCP 修复丢失的报文段
    .en = Retransmission: TCP repairs a lost segment
lab20-shows = TCP 是可靠的：丢失的报文段在重复 ACK 之后重发，丢失的 SYN 在 1 s 后重发
    .en = TCP is reliable: a dropped segment is sent again after duplicate ACKs, a dropped SYN after 1 s
lab20-summary =
    在单程 20 ms 的链路上，中继丢弃一次第 3 个数据报文段：出现重复 ACK，
    一个往返后快速重传，每个字节都按序送达（SHA-256 相同）。
    改为丢弃 SYN：connect() 仍然成功，只是要等 1 秒后的 SYN 重传。
    .en =
        On a link with 20 ms each way, the relay drops the 3rd data segment once: duplicate ACKs,
        a fast retransmit one round trip later, every byte delivered in order (same SHA-256).
        Drop the SYN instead: connect() still succeeds, after the 1-second SYN retransmission.

## Checks (id after the lab number, as in --format json)

lab20-bytes-received = 发送 20 000 字节，第 3 个报文段丢一次：接收方读到的字节数
    .en = 20 000 bytes sent, 3rd segment dropped once: bytes the receiver read
lab20-digest = 读到内容的 SHA-256（前 8 字节）
    .en = SHA-256 of what it read (first 8 bytes)
lab20-total-retrans = 客户端 tcpi_total_retrans
    .en = client tcpi_total_retrans
lab20-wire-retransmitted = 线路上：客户端的重传（seq = 1 + 2 × MSS）
    .en = on the wire: the client's retransmissions (seq = 1 + 2 × MSS)
lab20-wire-duplicate-acks = 线路上：重传之前的重复 ACK
    .en = on the wire: duplicate ACKs before it
lab20-wire-repair = 线路上：Linux 如何修复这次丢失
    .en = on the wire: how Linux repaired the loss
lab20-wire-repair-time = 线路上：从丢失的报文段到它的重传（一个往返）
    .en = on the wire: from the lost segment to its copy (one round trip)
lab20-out-of-order = 接收方在空洞之后暂存的报文段（tcpi_rcv_ooopack）
    .en = segments the receiver held behind the hole (tcpi_rcv_ooopack)
lab20-lost-bytes-wait = 接收端 recv 拿到丢失的字节，比本应到达时晚了
    .en = the receiving recv got the lost bytes, after they would have arrived
lab20-syn-connect-time = SYN 丢一次：connect() 返回用时
    .en = SYN dropped once: connect() returns after
lab20-syn-total-retrans = 它的 tcpi_total_retrans（SYN 重发了一次）
    .en = its tcpi_total_retrans (the SYN sent again)
lab20-wire-syns = 线路上：客户端发出的 SYN 个数
    .en = on the wire: SYNs the client sent
lab20-wire-syn-gap = 线路上：从第一个 SYN 到第二个
    .en = on the wire: from the first SYN to the second

## Narration (--step): what is about to happen, and what to watch

lab20-step-1 = 中继丢弃一次 20 000 字节传输中的第 3 个数据报文段，同时（在另一条连接上）丢弃一个 SYN。
    .en = The relay drops the 3rd data segment of a 20 000-byte transfer once, and (on another connection, at the same time) a SYN.
lab20-step-1-watch = 先是重复 ACK，一个往返后该报文段被重发；SHA-256 相同；connect() 晚了约 1 s。
    .en = duplicate ACKs, then the segment sent again one round trip later; the same SHA-256; connect() about 1 s late.
