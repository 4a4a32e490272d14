# Lab 6 · framing: socklab run 6 --lang zh-CN

## The lab

lab6-title = 分帧：粘包的解决办法
    .en = Framing: the fixes for sticky packets
lab6-shows = 同一批流量上对比不分帧、recv_ready、4 字节长度与 JSON 报头；以及报头 bug
    .en = no framing vs recv_ready vs a 4-byte length vs a JSON header on the same traffic; header bugs
lab6-summary =
    300 条带种子的消息（0 B 到 96 KiB），用带种子的随机 recv 大小读取：
    不分帧时边界丢失；文本长度 + recv_ready、4 字节长度和报头字典
    都能还原每一条消息。另外还有：往返次数、三次 send 的停顿、
    报头 bug，以及本课程的接收循环与修正版的并排对比。
    .en =
        300 seeded messages (0 B to 96 KiB) read with seeded random recv sizes: without framing
        the boundaries are lost; length-as-text + recv_ready, a 4-byte length and the header
        dictionary recover every message. Also: round trips, the three-send stall, header bugs,
        and the course's own receive loops beside their fixes.

## Checks (id after the lab number, as in --format json)

lab6-naive-intact = 不分帧：完好还原的消息
    .en = no framing: messages recovered intact
lab6-naive-recvs = 被接收端当作消息的 recv 次数
    .en = recvs the receiver took as messages
lab6-naive-bytes = 交付的字节数（一个不丢，边界全无）
    .en = bytes delivered (none lost, boundaries gone)
lab6-recv-ready-intact = 文本长度 + recv_ready：完好的消息
    .en = length as text + recv_ready: messages intact
lab6-recv-ready-round-trips = 每条消息的往返次数（客户端报文段）
    .en = round trips per message (client segments)
lab6-header-intact = 4 字节大端长度：完好的消息
    .en = 4-byte big-endian length: messages intact
lab6-dict-intact = 报头字典（JSON）：完好的消息
    .en = header dictionary (JSON): messages intact
lab6-recv-ready-empty-held = recv_ready，开启 Nagle，b"" b"a" b"" b"b"：被 Nagle 扣住的请求
    .en = recv_ready, Nagle on, b"" b"a" b"" b"b": requests Nagle held
lab6-recv-ready-empty-stall = 这几次取数据各自的耗时
    .en = what each of those fetches took
lab6-three-sends-time = 报头字典分 3 次 send，开启 Nagle：每条消息
    .en = header dict as 3 sends, Nagle on: per message
lab6-three-sends-segments = 每条消息的数据报文段数（中位数）
    .en = data segments per message (median)
lab6-one-write-time = 报头字典 1 次写出，开启 Nagle：每条消息
    .en = header dict as 1 write, Nagle on: per message
lab6-struct-i-minus-one = 长度 -1 按 '<i' 打包，按大端 u32 读取
    .en = length -1 packed '<i', read as big-endian u32
lab6-hostile-header-decoder = 带上限（16 MiB）的解码器处理该报头
    .en = capped decoder (max 16 MiB) on that header
lab6-hostile-header-capacity = 它为消息体预留的内存
    .en = memory it reserved for the body
lab6-struct-i-byte-order = 长度 100 按 '<i' 打包，按大端 u32 读取
    .en = length 100 packed '<i', read as big-endian u32
lab6-byte-order-decoder = 带上限的解码器处理该报头
    .en = capped decoder on that header
lab6-struct-i-range = 长度 2**31 按大端 u32 打包，用 '>i' 读取
    .en = length 2**31 as big-endian u32, read with '>i'
lab6-eof-inside-frame = 消息体 100 字节中读到 10 个后 EOF（bug G.4）
    .en = EOF after 10 of 100 body bytes (bug G.4)
lab6-no-recv-ready-glued = 文本长度，无 recv_ready：recv(1024) 收到
    .en = length as text, no recv_ready: recv(1024) gets
lab6-no-recv-ready-int = 对它调用 int()
    .en = int() of it
lab6-recv-ready-length = 有 recv_ready：recv(1024)、int()、数据
    .en = with recv_ready: recv(1024), int(), the data
lab6-greedy-length-recv = recv(1024) 读 4 字节长度，取走了
    .en = recv(1024) for the 4-byte length takes
lab6-greedy-length-unpack = 对它们调用 struct.unpack('i', ...)
    .en = struct.unpack('i', them)
lab6-exact-length-recv = 恰好读取 4 个字节：长度
    .en = reading exactly 4 bytes: the length
lab6-unlooped-header-recv = 不带循环的 recv(38)，报头仍在到达
    .en = unlooped recv(38) of a header still arriving
lab6-unlooped-header-json = 对它们调用 json.loads()
    .en = json.loads(them)
lab6-looped-header-json = 循环 recv 到 38 个字节，再 json.loads
    .en = recv in a loop until 38, then json.loads
lab6-cumulative-count-read = recv_size += len(res)，5000 字节消息体：读到
    .en = recv_size += len(res), 5000-byte body: read
lab6-cumulative-count-left = 留在流中、被当作下一条消息读走的
    .en = left in the stream, read as the next message
lab6-chunk-count-read = recv_size += len(data)：读到
    .en = recv_size += len(data): read

## Narration (--step): what is about to happen, and what to watch

lab6-step-1 = 300 条大小随机（带种子）的消息连续发送，接收端用随机的 recv 大小读取，不分帧。
    .en = 300 messages of seeded random sizes sent back to back, read with random recv sizes and no framing.
lab6-step-1-watch = 有多少条消息完好：一条也没有。
    .en = how many messages come out intact: none.
lab6-step-2 = 同一批流量，改用本课程的一种分帧协议。
    .en = The same traffic with one of the course's framing protocols.
lab6-step-2-watch = 300 条全部完好，以及每种协议需要的往返次数。
    .en = all 300 intact, and the round trips each protocol needs.
lab6-step-3 = 开启 Nagle 的 recv_ready：先预热，再依次取 b""、b"a"、b""、b"b"。
    .en = recv_ready with Nagle on: a warm-up, then b"", b"a", b"", b"b".
lab6-step-3-watch = 每条空消息之后紧跟的请求被扣住，等一次延迟确认。
    .en = the request right after each empty message is held for a delayed ACK.
lab6-step-4 = 报头字典先分三次小的 send 发送，再一次写出，都开启 Nagle。
    .en = The header dictionary sent as three small sends, then as one write, with Nagle on.
lab6-step-4-watch = 三次 send 每条消息约 40 ms，一次写出只要几微秒。
    .en = ~40 ms per message for three sends, microseconds for one write.
lab6-step-5 = 本课程的 struct 'i' 报头遇到负数、超大值或读错字节序时会怎样。
    .en = What the course's struct 'i' header does when it is negative, huge or read in the wrong byte order.
lab6-step-5-watch = 带上限的解码器在分配内存之前就拒绝。
    .en = the capped decoder refusing before it allocates.
lab6-step-6 = 本课程的接收循环，照学生抄写的原样，每个都与修正版并排运行。
    .en = The course's receive loops as students copy them, each beside its fix.
lab6-step-6-watch = 粘在一起的文本长度、贪心的 recv(1024)、不带循环而读不满的 recv，以及计错的字节数。
    .en = the glued length text, the greedy recv(1024), the short unlooped recv and the miscount.
