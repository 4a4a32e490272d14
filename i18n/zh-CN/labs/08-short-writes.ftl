# Lab 8 · short-writes: socklab run 8 --lang zh-CN

## The lab

lab8-title = 短写：send 与 sendall
    .en = Short writes: send vs sendall
lab8-shows = 非阻塞 send 只收下 1 MB 中的一部分，随后 EAGAIN；全部写出的循环送达每一个字节
    .en = a non-blocking send takes part of 1 MB, then EAGAIN; a write-all loop delivers every byte
lab8-summary =
    发送缓冲区很小时，非阻塞的 send(1 MB) 只收下 32741 个字节，之后的
    send 以 EAGAIN 失败：什么都没丢，剩下的仍由程序自己负责发送。
    全部写出的循环（sendall）把 1048576 个字节全部送达，摘要完全一致。
    .en =
        With a small send buffer, a non-blocking send(1 MB) takes 32741 bytes and a later
        send fails with EAGAIN: nothing is lost, the rest is still the program's to send.
        A write-all loop (sendall) gets all 1048576 bytes through, digest intact.

## Checks (id after the lab number, as in --format json)

lab8-sndbuf-granted = 设置 4096 后的 SO_SNDBUF
    .en = SO_SNDBUF after setting 4096
lab8-first-send = 非阻塞 send(1 MB)：收下的字节数
    .en = non-blocking send(1 MB): bytes taken
lab8-send-until-eagain = 继续 send 剩余部分，直到有一次失败
    .en = more sends of the rest, until one fails
lab8-accepted-before-eagain = EAGAIN 之前收下的字节数
    .en = bytes taken before EAGAIN
lab8-write-all-sends = 全部写出的循环（poll POLLOUT）：发送剩余部分的次数
    .en = write-all loop (poll POLLOUT): sends for the rest
lab8-reader-bytes = 读线程收到（课程：“send 会丢数据”）
    .en = reader got (course: "send loses data")
lab8-reader-digest = 收到的与发出的对比
    .en = what it got vs what was sent
lab8-blocking-send-waited = 阻塞 send(1 MB)，SO_SNDTIMEO 100 ms，无人读取：返回用时
    .en = blocking send(1 MB), SO_SNDTIMEO 100 ms, nobody reading: returned after
lab8-blocking-send-result = 它的返回值
    .en = what it returned
lab8-ignored-count = 一次 send(1 MB)，忽略计数后关闭：对端收到
    .en = one send(1 MB), count ignored, close: peer got

## Narration (--step): what is about to happen, and what to watch

lab8-step-1 = 向很小的发送缓冲区非阻塞地 send 1 MB，然后运行全部写出的循环。
    .en = A non-blocking send of 1 MB into a small send buffer, then a write-all loop.
lab8-step-1-watch = 偏短的计数、EAGAIN，以及读线程收到每一个字节。
    .en = the short count, EAGAIN, and the reader getting every byte.
lab8-step-2 = 阻塞地 send 1 MB，发送超时 100 ms，无人读取。
    .en = A blocking send of 1 MB with a 100 ms send timeout, nobody reading.
lab8-step-2-watch = send 等待空间，然后返回一个偏短的计数。
    .en = send waits for room, then returns a short count.
lab8-step-3 = 一个程序只调用一次 send，不看计数就关闭。
    .en = A program that calls send once, ignores the count and closes.
lab8-step-3-watch = 对端实际收到多少字节。
    .en = how many bytes the peer really gets.
