# Lab 2 · partial-recv: socklab run 2 --lang zh-CN

## The lab

lab2-title = recv 的部分读取与残留数据
    .en = Partial recv and leftovers
lab2-shows = recv 返回已排队的数据，最多到缓冲区大小；其余的留给下一次 recv
    .en = recv returns what is queued up to its buffer size; the rest waits for the next recv
lab2-summary =
    TCP 的 recv 最多返回缓冲区大小的字节；放不下的留在队列里，下一次 recv
    最先拿到它们。长回复会混进下一个回复，`len(data) < 1024` 循环遇到
    1024 的整数倍就会阻塞，分块读取还会把 UTF-8 字符切开。
    .en =
        A TCP recv returns at most its buffer size; the bytes that did not fit stay queued
        and come out first on the next recv. A long reply spills into the next one, a
        `len(data) < 1024` loop blocks on exact multiples of 1024, and chunks cut UTF-8.

## Checks (id after the lab number, as in --format json)

lab2-hello-recv-2 = recv(2) 读取 b"hello feng"
    .en = recv(2) of b"hello feng"
lab2-hello-then-recv-10 = 再 recv(10)：剩下的 8 个字节
    .en = then recv(10): the 8 bytes left
lab2-long-reply-recv-len = 对 1892 字节的 `seq 1 500` 回复做 recv(1024)
    .en = recv(1024) of the 1892-byte `seq 1 500` reply
lab2-long-reply-recv-end = 它的结尾是
    .en = it ends with
lab2-long-reply-leftover = 仍在队列中的字节数（FIONREAD）
    .en = bytes still queued (FIONREAD)
lab2-next-reply-start = `echo hi` 之后的 recv(1024) 开头是
    .en = recv(1024) after `echo hi` starts with
lab2-next-reply-end = 结尾则是
    .en = and ends with
lab2-next-reply-len = 它的长度：868 个旧字节 + 3 个新字节
    .en = its length: 868 old + 3 new bytes
lab2-len-below-1024-loop-1000 = `len(data) < 1024` 循环，1000 字节的回复
    .en = `len(data) < 1024` loop, 1000-byte reply
lab2-len-below-1024-loop-1024 = `len(data) < 1024` 循环，1024 字节的回复
    .en = `len(data) < 1024` loop, 1024-byte reply
lab2-len-below-1024-loop-2048 = `len(data) < 1024` 循环，2048 字节的回复
    .en = `len(data) < 1024` loop, 2048-byte reply
lab2-len-below-1024-loop-split = `len(data) < 1024` 循环，1500 字节分成 600 + 900
    .en = `len(data) < 1024` loop, 1500 bytes as 600 + 900
lab2-len-below-1024-loop-late = 下一次 recv(1024) 拿到迟到的那部分
    .en = the next recv(1024) gets the late part
lab2-utf8-course-recv-9 = 单独解码 recv(9) 读到的 "嘿嘿嘿"（9 字节）
    .en = decode recv(9) of "嘿嘿嘿" (9 bytes) alone
lab2-utf8-chunks-alone = "嘿嘿嘿 hi 你好" 的 recv(4) 分块各自解码
    .en = recv(4) chunks of "嘿嘿嘿 hi 你好" decoded alone
lab2-utf8-streaming-decoder = 同样的分块交给流式解码器
    .en = the same chunks through a streaming decoder

## Narration (--step): what is about to happen, and what to watch

lab2-step-1 = 客户端发送 b"hello feng"；服务端先 recv(2)，再 recv(10)。
    .en = The client sends b"hello feng"; the server reads recv(2), then recv(10).
lab2-step-1-watch = 第二次 recv 只返回剩下的 8 个字节。
    .en = the second recv returns only the 8 bytes that are left.
lab2-step-2 = 模拟的远程执行命令：`seq 1 500`（输出 1892 字节），用一次 recv(1024) 读取，接着执行 `echo hi`。
    .en = A pretend remote shell: `seq 1 500` (1892 bytes of output), read with one recv(1024), then `echo hi`.
lab2-step-2-watch = `echo hi` 的回复开头是第一条命令剩下的输出。
    .en = the reply to `echo hi` starts with the rest of the first output.
lab2-step-3 = 本课程的 `len(data) < 1024` 循环，读取 1000、1024 和 2048 字节的回复，以及一个分两部分到达的回复。
    .en = The course's `len(data) < 1024` loop on replies of 1000, 1024 and 2048 bytes, and a reply that arrives in two parts.
lab2-step-3-watch = 恰好是 1024 整数倍的回复会阻塞（超时后得到 EAGAIN）；第二部分迟到，循环就过早结束。
    .en = exact multiples of 1024 block (EAGAIN after the timeout); a late second part ends the loop too early.
lab2-step-4 = 分块读取中文文本，块的边界切在字符中间。
    .en = Chinese text read in chunks that cut through characters.
lab2-step-4-watch = 哪些块单独解码会失败，以及流式解码器怎样还原出原文。
    .en = which chunks fail to decode alone, and the streaming decoder getting the text back.
