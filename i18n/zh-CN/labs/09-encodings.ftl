# Lab 9 · encodings: socklab run 9 --lang zh-CN

## The lab

lab9-title = Text over sockets: GBK and UTF-8 in chunks
    .en = Text over sockets: GBK and UTF-8 in chunks
lab9-shows = GBK bytes decoded as UTF-8 turn to mojibake; a recv can cut a character in two
    .en = GBK bytes decoded as UTF-8 turn to mojibake; a recv can cut a character in two
lab9-summary =
    Sockets carry bytes. A Windows `dir` line in GBK decoded as UTF-8 gives U+FFFD marks
    and wrong letters; decoded as GBK it is exact. "你好, 世界" read as two recvs,
    split at every offset: chunks decoded alone fail inside characters, a streaming decoder never.
    .en =
        Sockets carry bytes. A Windows `dir` line in GBK decoded as UTF-8 gives U+FFFD marks
        and wrong letters; decoded as GBK it is exact. "你好, 世界" read as two recvs,
        split at every offset: chunks decoded alone fail inside characters, a streaming decoder never.

## Checks (id after the lab number, as in --format json)

lab9-gbk-bytes = `dir` line in GBK: bytes received
    .en = `dir` line in GBK: bytes received
lab9-gbk-as-utf8-strict = decoded as UTF-8 (Python's .decode())
    .en = decoded as UTF-8 (Python's .decode())
lab9-gbk-as-utf8-replacements = decoded as UTF-8, errors replaced: U+FFFD
    .en = decoded as UTF-8, errors replaced: U+FFFD
lab9-gbk-as-utf8-text = that decoded text
    .en = that decoded text
lab9-gbk-as-gbk = decoded as GBK
    .en = decoded as GBK
lab9-split-alone = "你好, 世界" as 2 recvs, each decoded alone: fails at
    .en = "你好, 世界" as 2 recvs, each decoded alone: fails at
lab9-split-streaming = the same recvs through a streaming decoder
    .en = the same recvs through a streaming decoder

## Narration (--step): what is about to happen, and what to watch

lab9-step-1 = Chinese text encoded as GBK (what Chinese Windows prints) received and decoded as UTF-8, then as GBK.
    .en = Chinese text encoded as GBK (what Chinese Windows prints) received and decoded as UTF-8, then as GBK.
lab9-step-1-watch = replacement characters with the wrong decoder, the exact text with the right one.
    .en = replacement characters with the wrong decoder, the exact text with the right one.
lab9-step-2 = "你好, 世界" split into two recvs at every possible offset.
    .en = "你好, 世界" split into two recvs at every possible offset.
lab9-step-2-watch = which offsets break decoding chunk by chunk; the streaming decoder never breaks.
    .en = which offsets break decoding chunk by chunk; the streaming decoder never breaks.
