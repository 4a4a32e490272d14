# Lab 8 · short-writes: socklab run 8 --lang zh-CN

## The lab

lab8-title = Short writes: send vs sendall
    .en = Short writes: send vs sendall
lab8-shows = a non-blocking send takes part of 1 MB, then EAGAIN; a write-all loop delivers every byte
    .en = a non-blocking send takes part of 1 MB, then EAGAIN; a write-all loop delivers every byte
lab8-summary =
    With a small send buffer, a non-blocking send(1 MB) takes 32741 bytes and a later
    send fails with EAGAIN: nothing is lost, the rest is still the program's to send.
    A write-all loop (sendall) gets all 1048576 bytes through, digest intact.
    .en =
        With a small send buffer, a non-blocking send(1 MB) takes 32741 bytes and a later
        send fails with EAGAIN: nothing is lost, the rest is still the program's to send.
        A write-all loop (sendall) gets all 1048576 bytes through, digest intact.

## Checks (id after the lab number, as in --format json)

lab8-sndbuf-granted = SO_SNDBUF after setting 4096
    .en = SO_SNDBUF after setting 4096
lab8-first-send = non-blocking send(1 MB): bytes taken
    .en = non-blocking send(1 MB): bytes taken
lab8-send-until-eagain = more sends of the rest, until one fails
    .en = more sends of the rest, until one fails
lab8-accepted-before-eagain = bytes taken before EAGAIN
    .en = bytes taken before EAGAIN
lab8-write-all-sends = write-all loop (poll POLLOUT): sends for the rest
    .en = write-all loop (poll POLLOUT): sends for the rest
lab8-reader-bytes = reader got (course: "send loses data")
    .en = reader got (course: "send loses data")
lab8-reader-digest = what it got vs what was sent
    .en = what it got vs what was sent
lab8-blocking-send-waited = blocking send(1 MB), SO_SNDTIMEO 100 ms, nobody reading: returned after
    .en = blocking send(1 MB), SO_SNDTIMEO 100 ms, nobody reading: returned after
lab8-blocking-send-result = what it returned
    .en = what it returned
lab8-ignored-count = one send(1 MB), count ignored, close: peer got
    .en = one send(1 MB), count ignored, close: peer got

## Narration (--step): what is about to happen, and what to watch

lab8-step-1 = A non-blocking send of 1 MB into a small send buffer, then a write-all loop.
    .en = A non-blocking send of 1 MB into a small send buffer, then a write-all loop.
lab8-step-1-watch = the short count, EAGAIN, and the reader getting every byte.
    .en = the short count, EAGAIN, and the reader getting every byte.
lab8-step-2 = A blocking send of 1 MB with a 100 ms send timeout, nobody reading.
    .en = A blocking send of 1 MB with a 100 ms send timeout, nobody reading.
lab8-step-2-watch = send waits for room, then returns a short count.
    .en = send waits for room, then returns a short count.
lab8-step-3 = A program that calls send once, ignores the count and closes.
    .en = A program that calls send once, ignores the count and closes.
lab8-step-3-watch = how many bytes the peer really gets.
    .en = how many bytes the peer really gets.
