# Lab 9 · encodings: socklab run 9 --lang zh-CN

## The lab

lab9-title = 套接字上的文本：分块到达的 GBK 与 UTF-8
    .en = Text over sockets: GBK and UTF-8 in chunks
lab9-shows = GBK 字节按 UTF-8 解码变成乱码；一次 recv 可能把一个字符切成两半
    .en = GBK bytes decoded as UTF-8 turn to mojibake; a recv can cut a character in two
lab9-summary =
    套接字传输的是字节。GBK 编码的 Windows `dir` 输出行按 UTF-8 解码，
    得到 U+FFFD 和错误的字母；按 GBK 解码则一字不差。“你好, 世界”
    分两次 recv 读取，在每个偏移处切分：各块单独解码时，切在字符内部
    就失败，流式解码器则从不失败。
    .en =
        Sockets carry bytes. A Windows `dir` line in GBK decoded as UTF-8 gives U+FFFD marks
        and wrong letters; decoded as GBK it is exact. "你好, 世界" read as two recvs,
        split at every offset: chunks decoded alone fail inside characters, a streaming decoder never.

## Checks (id after the lab number, as in --format json)

lab9-gbk-bytes = GBK 编码的 `dir` 输出行：收到的字节数
    .en = `dir` line in GBK: bytes received
lab9-gbk-as-utf8-strict = 按 UTF-8 解码（Python 的 .decode()）
    .en = decoded as UTF-8 (Python's .decode())
lab9-gbk-as-utf8-replacements = 按 UTF-8 解码，替换错误：U+FFFD
    .en = decoded as UTF-8, errors replaced: U+FFFD
lab9-gbk-as-utf8-text = 解码出的文本
    .en = that decoded text
lab9-gbk-as-gbk = 按 GBK 解码
    .en = decoded as GBK
lab9-split-alone = “你好, 世界”分 2 次 recv，各自单独解码：失败于
    .en = "你好, 世界" as 2 recvs, each decoded alone: fails at
lab9-split-streaming = 同样的 recv 交给流式解码器
    .en = the same recvs through a streaming decoder

## Narration (--step): what is about to happen, and what to watch

lab9-step-1 = 按 GBK 编码的中文（中文 Windows 的输出）被接收，先按 UTF-8 解码，再按 GBK 解码。
    .en = Chinese text encoded as GBK (what Chinese Windows prints) received and decoded as UTF-8, then as GBK.
lab9-step-1-watch = 错误的解码器得到替换字符，正确的解码器得到一字不差的文本。
    .en = replacement characters with the wrong decoder, the exact text with the right one.
lab9-step-2 = “你好, 世界”在每一个可能的偏移处切成两次 recv。
    .en = "你好, 世界" split into two recvs at every possible offset.
lab9-step-2-watch = 哪些偏移会让逐块解码出错；流式解码器从不出错。
    .en = which offsets break decoding chunk by chunk; the streaming decoder never breaks.
