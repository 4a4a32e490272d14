# Lab 2 · partial-recv: socklab run 2 --lang zh-CN

## The lab

lab2-title = Partial recv and leftovers
    .en = Partial recv and leftovers
lab2-shows = recv returns what is queued up to its buffer size; the rest waits for the next recv
    .en = recv returns what is queued up to its buffer size; the rest waits for the next recv
lab2-summary =
    A TCP recv returns at most its buffer size; the bytes that did not fit stay queued
    and come out first on the next recv. A long reply spills into the next one, a
    `len(data) < 1024` loop blocks on exact multiples of 1024, and chunks cut UTF-8.
    .en =
        A TCP recv returns at most its buffer size; the bytes that did not fit stay queued
        and come out first on the next recv. A long reply spills into the next one, a
        `len(data) < 1024` loop blocks on exact multiples of 1024, and chunks cut UTF-8.

## Checks (id after the lab number, as in --format json)

lab2-hello-recv-2 = recv(2) of b"hello feng"
    .en = recv(2) of b"hello feng"
lab2-hello-then-recv-10 = then recv(10): the 8 bytes left
    .en = then recv(10): the 8 bytes left
lab2-long-reply-recv-len = recv(1024) of the 1892-byte `seq 1 500` reply
    .en = recv(1024) of the 1892-byte `seq 1 500` reply
lab2-long-reply-recv-end = it ends with
    .en = it ends with
lab2-long-reply-leftover = bytes still queued (FIONREAD)
    .en = bytes still queued (FIONREAD)
lab2-next-reply-start = recv(1024) after `echo hi` starts with
    .en = recv(1024) after `echo hi` starts with
lab2-next-reply-end = and ends with
    .en = and ends with
lab2-next-reply-len = its length: 868 old + 3 new bytes
    .en = its length: 868 old + 3 new bytes
lab2-len-below-1024-loop-1000 = `len(data) < 1024` loop, 1000-byte reply
    .en = `len(data) < 1024` loop, 1000-byte reply
lab2-len-below-1024-loop-1024 = `len(data) < 1024` loop, 1024-byte reply
    .en = `len(data) < 1024` loop, 1024-byte reply
lab2-len-below-1024-loop-2048 = `len(data) < 1024` loop, 2048-byte reply
    .en = `len(data) < 1024` loop, 2048-byte reply
lab2-len-below-1024-loop-split = `len(data) < 1024` loop, 1500 bytes as 600 + 900
    .en = `len(data) < 1024` loop, 1500 bytes as 600 + 900
lab2-len-below-1024-loop-late = the next recv(1024) gets the late part
    .en = the next recv(1024) gets the late part
lab2-utf8-course-recv-9 = decode recv(9) of "嘿嘿嘿" (9 bytes) alone
    .en = decode recv(9) of "嘿嘿嘿" (9 bytes) alone
lab2-utf8-chunks-alone = recv(4) chunks of "嘿嘿嘿 hi 你好" decoded alone
    .en = recv(4) chunks of "嘿嘿嘿 hi 你好" decoded alone
lab2-utf8-streaming-decoder = the same chunks through a streaming decoder
    .en = the same chunks through a streaming decoder

## Narration (--step): what is about to happen, and what to watch

lab2-step-1 = The client sends b"hello feng"; the server reads recv(2), then recv(10).
    .en = The client sends b"hello feng"; the server reads recv(2), then recv(10).
lab2-step-1-watch = the second recv returns only the 8 bytes that are left.
    .en = the second recv returns only the 8 bytes that are left.
lab2-step-2 = A pretend remote shell: `seq 1 500` (1892 bytes of output), read with one recv(1024), then `echo hi`.
    .en = A pretend remote shell: `seq 1 500` (1892 bytes of output), read with one recv(1024), then `echo hi`.
lab2-step-2-watch = the reply to `echo hi` starts with the rest of the first output.
    .en = the reply to `echo hi` starts with the rest of the first output.
lab2-step-3 = The course's `len(data) < 1024` loop on replies of 1000, 1024 and 2048 bytes, and a reply that arrives in two parts.
    .en = The course's `len(data) < 1024` loop on replies of 1000, 1024 and 2048 bytes, and a reply that arrives in two parts.
lab2-step-3-watch = exact multiples of 1024 block (EAGAIN after the timeout); a late second part ends the loop too early.
    .en = exact multiples of 1024 block (EAGAIN after the timeout); a late second part ends the loop too early.
lab2-step-4 = Chinese text read in chunks that cut through characters.
    .en = Chinese text read in chunks that cut through characters.
lab2-step-4-watch = which chunks fail to decode alone, and the streaming decoder getting the text back.
    .en = which chunks fail to decode alone, and the streaming decoder getting the text back.
