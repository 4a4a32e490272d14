# Lab 1 · nagle-sticky: socklab run 1 --lang zh-CN

## The lab

lab1-title = Nagle-driven sticky packets
    .en = Nagle-driven sticky packets
lab1-shows = separate sends arrive glued together (粘包); TCP_NODELAY does not fix it, framing does
    .en = separate sends arrive glued together (粘包); TCP_NODELAY does not fix it, framing does
lab1-summary =
    Four sends (b"hello", b"world", b"musibii", b"1") do not arrive as four messages.
    A late reader gets them glued; with Nagle on, the kernel itself holds 13 bytes back
    for one delayed ACK. TCP_NODELAY stops the holding, not the gluing: only framing does.
    .en =
        Four sends (b"hello", b"world", b"musibii", b"1") do not arrive as four messages.
        A late reader gets them glued; with Nagle on, the kernel itself holds 13 bytes back
        for one delayed ACK. TCP_NODELAY stops the holding, not the gluing: only framing does.

## Checks (id after the lab number, as in --format json)

lab1-late-reader-recv-1 = late reader: recv(5) #1
    .en = late reader: recv(5) #1
lab1-late-reader-recv-2 = late reader: recv(5) #2
    .en = late reader: recv(5) #2
lab1-late-reader-recv-3 = late reader: recv(10) #3
    .en = late reader: recv(10) #3
lab1-late-reader-recv-4 = late reader: recv(5) #4
    .en = late reader: recv(5) #4
lab1-wire-late-reader-segments = on the wire: what each data segment carried
    .en = on the wire: what each data segment carried
lab1-wire-late-reader-quick-acks = on the wire: the server's answer to each (quick-ACK mode)
    .en = on the wire: the server's answer to each (quick-ACK mode)
lab1-hello-feng = late reader: recv(10) after b"hello", b"feng"
    .en = late reader: recv(10) after b"hello", b"feng"
lab1-nagle-notsent = Nagle on: bytes held back after each write
    .en = Nagle on: bytes held back after each write
lab1-nagle-unacked = segments in flight after each write
    .en = segments in flight after each write
lab1-nagle-segments = data segments for the four writes
    .en = data segments for the four writes
lab1-wire-nagle-segments = on the wire: data segments after the warm-up
    .en = on the wire: data segments after the warm-up
lab1-wire-nagle-ack-between = on the wire: the server's segments between those two
    .en = on the wire: the server's segments between those two
lab1-wire-nagle-gap = on the wire: time from the first to the second
    .en = on the wire: time from the first to the second
lab1-nagle-reader = a reader waiting in recv(1024) gets
    .en = a reader waiting in recv(1024) gets
lab1-nagle-reader-gap = time between those two recvs (one delayed ACK)
    .en = time between those two recvs (one delayed ACK)
lab1-nagle-after-ack-held = Nagle on, 2nd send once the 1st is ACKed: held
    .en = Nagle on, 2nd send once the 1st is ACKed: held
lab1-nagle-after-ack-segments = data segments for the two sends
    .en = data segments for the two sends
lab1-nagle-after-ack-time = time between the sends (the folklore's 200 ms)
    .en = time between the sends (the folklore's 200 ms)
lab1-nodelay-notsent = TCP_NODELAY: bytes held back after each write
    .en = TCP_NODELAY: bytes held back after each write
lab1-nodelay-late-reader = a late reader's recv(1024) still gets
    .en = a late reader's recv(1024) still gets
lab1-framing-restores-boundaries = conclusion: a late reader with length framing gets
    .en = conclusion: a late reader with length framing gets
lab1-wire-framing-segments = on the wire: data segments
    .en = on the wire: data segments
lab1-wire-data-segments-tcp-info = each connection's data segments: TCP_INFO vs wire
    .en = each connection's data segments: TCP_INFO vs wire
lab1-wire-retransmissions-tcp-info = and its retransmissions: TCP_INFO vs wire
    .en = and its retransmissions: TCP_INFO vs wire

## Narration (--step): what is about to happen, and what to watch

lab1-step-1 = The client sends b"hello", b"world", b"musibii", b"1" and closes; only then does the server read with recv(5), recv(5), recv(10), recv(5).
    .en = The client sends b"hello", b"world", b"musibii", b"1" and closes; only then does the server read with recv(5), recv(5), recv(10), recv(5).
lab1-step-1-watch = which bytes each recv returns: the third one gets two messages.
    .en = which bytes each recv returns: the third one gets two messages.
lab1-step-2 = The course's first example: b"hello" then b"feng", read late with one recv(10).
    .en = The course's first example: b"hello" then b"feng", read late with one recv(10).
lab1-step-2-watch = one recv, two sends.
    .en = one recv, two sends.
lab1-step-3 = A warmed-up connection with Nagle on; the server is already waiting in recv when the four writes happen.
    .en = A warmed-up connection with Nagle on; the server is already waiting in recv when the four writes happen.
lab1-step-3-watch = bytes held back after each write (0, 5, 12, 13) and the ~40 ms gap before the rest arrives.
    .en = bytes held back after each write (0, 5, 12, 13) and the ~40 ms gap before the rest arrives.
lab1-step-4 = Nagle on: b"hello", then b"world" as soon as the first is acknowledged, well within 200 ms.
    .en = Nagle on: b"hello", then b"world" as soon as the first is acknowledged, well within 200 ms.
lab1-step-4-watch = nothing held and two segments: Nagle waits for an ACK, not for a time.
    .en = nothing held and two segments: Nagle waits for an ACK, not for a time.
lab1-step-5 = The same writes with TCP_NODELAY; the reader is late.
    .en = The same writes with TCP_NODELAY; the reader is late.
lab1-step-5-watch = nothing is held any more, yet the late reader still gets all 18 bytes in one recv.
    .en = nothing is held any more, yet the late reader still gets all 18 bytes in one recv.
lab1-step-6 = The fix: a 4-byte length before each message, read by an equally late reader.
    .en = The fix: a 4-byte length before each message, read by an equally late reader.
lab1-step-6-watch = the four messages come back exactly.
    .en = the four messages come back exactly.
