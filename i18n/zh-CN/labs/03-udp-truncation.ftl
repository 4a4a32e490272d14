# Lab 3 · udp-truncation: socklab run 3 --lang zh-CN

## The lab

lab3-title = UDP 截断
    .en = UDP truncation
lab3-shows = 比 recv 缓冲区大的数据报被截断，其余部分被丢弃
    .en = a datagram bigger than the recv buffer is cut and the rest discarded
lab3-summary =
    UDP 保留消息边界，所以比接收缓冲区大的数据报会被截断：多出的部分
    直接丢弃，不会留给下一次 recv。MSG_TRUNC 是唯一的迹象。另外还有：
    空数据报、65507 字节的上限，以及在字符中间被截断的 UTF-8。
    .en =
        UDP keeps message boundaries, so a datagram larger than the receive buffer is cut:
        the tail is discarded, not kept for the next recv. MSG_TRUNC is the only sign.
        Also: empty datagrams, the 65507-byte limit, and UTF-8 cut mid-character.

## Checks (id after the lab number, as in --format json)

lab3-recv-8-of-10 = recv(8) 读取 b"1234567890"
    .en = recv(8) of b"1234567890"
lab3-recv-8-of-10-flag = 那次 recv(8) 的 MSG_TRUNC 标志
    .en = MSG_TRUNC flag on that recv(8)
lab3-recv-3-of-5 = recv(3) 读取 b"12345"
    .en = recv(3) of b"12345"
lab3-recv-3-of-5-flag = 那次 recv(3) 的 MSG_TRUNC 标志
    .en = MSG_TRUNC flag on that recv(3)
lab3-recv-1-of-3 = recv(1) 读取 b"123"
    .en = recv(1) of b"123"
lab3-recv-1-of-3-flag = 那次 recv(1) 的 MSG_TRUNC 标志
    .en = MSG_TRUNC flag on that recv(1)
lab3-wire-course-datagrams = 线路上：每个数据报的 UDP 载荷
    .en = on the wire: UDP payload of each datagram
lab3-tails-discarded = 三个数据报被截断之后的下一次 recv
    .en = next recv after the three cut datagrams
lab3-msg-trunc-real-size = recv(4, MSG_TRUNC) 的返回值（真实大小）
    .en = recv(4, MSG_TRUNC) return value (real size)
lab3-msg-trunc-copied = 实际复制进 4 字节缓冲区的字节
    .en = bytes actually copied into the 4-byte buffer
lab3-empty-sent = sendto(b"") 的返回值
    .en = sendto(b"") return value
lab3-wire-empty-datagram = 线路上：它的 UDP 长度字段
    .en = on the wire: its UDP length field
lab3-empty-received = sendto(b"") 之后的 recv
    .en = recv after sendto(b"")
lab3-empty-then-next = 再下一次 recv
    .en = the recv after that
lab3-max-payload-sent = sendto 发送 65507 字节
    .en = sendto of 65507 bytes
lab3-max-payload-received = 一次 recv 收到的字节数
    .en = bytes received in one recv
lab3-over-max-payload = sendto 发送 65508 字节
    .en = sendto of 65508 bytes
lab3-wire-size-limit = 线路上：65507 字节和 65508 字节的数据报
    .en = on the wire: datagrams of 65507 and of 65508 bytes
lab3-utf8-cut = 把 recv(7) 读到的 "你好世界"（12 字节）按 UTF-8 解码
    .en = decode recv(7) of "你好世界" (12 bytes) as UTF-8

## Narration (--step): what is about to happen, and what to watch

lab3-step-1 = 三个数据报 b"1234567890"、b"12345"、b"123"，分别用 8、3、1 字节的缓冲区读取。
    .en = Three datagrams, b"1234567890", b"12345", b"123", read with buffers of 8, 3 and 1 bytes.
lab3-step-1-watch = 被截断的数据报、MSG_TRUNC 标志，以及下一次读取从下一个数据报开始。
    .en = the cut datagrams, the MSG_TRUNC flag, and that the next read starts at the next datagram.
lab3-step-2 = 对一个 10 字节的数据报，带 MSG_TRUNC 标志调用 recv(4)。
    .en = recv(4) with the MSG_TRUNC flag on a 10-byte datagram.
lab3-step-2-watch = 返回值是真实大小 10。
    .en = the return value is the real size, 10.
lab3-step-3 = sendto(b"")：一个空数据报。
    .en = sendto(b""): an empty datagram.
lab3-step-3-watch = 读到 0 个字节，这是一条消息，而不是文件结束。
    .en = a 0-byte read that is a message, not end of file.
lab3-step-4 = 一个 65507 字节的数据报，再来一个 65508 字节的。
    .en = A 65507-byte datagram, then one of 65508 bytes.
lab3-step-4-watch = 第二个得到 EMSGSIZE。
    .en = EMSGSIZE for the second.
lab3-step-5 = 用 7 字节的缓冲区接收 "你好世界"（12 字节）。
    .en = "你好世界" (12 bytes) received with a 7-byte buffer.
lab3-step-5-watch = 第 6 个字节之后的解码错误。
    .en = the decode error after byte 6.
