# Lab 22 · delay-and-window: socklab run 22 --lang zh-CN

## The lab

lab22-title = Delay and the window: what a round trip costs
    .en = Delay and the window: what a round trip costs
lab22-shows = on a 100 ms round trip: connect and each request cost an RTT, Nagle glues every write of one RTT, throughput ≤ window / RTT
    .en = on a 100 ms round trip: connect and each request cost an RTT, Nagle glues every write of one RTT, throughput ≤ window / RTT
lab22-summary =
    On a link with 50 ms each way: connect() and a request each cost one 100 ms round trip,
    write-write-read costs one more plus the delayed ACK, lab 1's writes 5 ms apart leave as 5 + 13 bytes,
    and with a small SO_RCVBUF one connection carries at most one window per round trip.
    .en =
        On a link with 50 ms each way: connect() and a request each cost one 100 ms round trip,
        write-write-read costs one more plus the delayed ACK, lab 1's writes 5 ms apart leave as 5 + 13 bytes,
        and with a small SO_RCVBUF one connection carries at most one window per round trip.

## Checks (id after the lab number, as in --format json)

lab22-connect-time = 50 ms each way: connect() returns after (SYN, SYN-ACK)
    .en = 50 ms each way: connect() returns after (SYN, SYN-ACK)
lab22-wire-handshake = on the wire: from the SYN to the SYN-ACK
    .en = on the wire: from the SYN to the SYN-ACK
lab22-request-time = one request and its answer
    .en = one request and its answer
lab22-tcpi-rtt = the client's tcpi_rtt
    .en = the client's tcpi_rtt
lab22-split-request-time = header, then body, then read (Nagle on): the answer comes after
    .en = header, then body, then read (Nagle on): the answer comes after
lab22-wire-body-wait = on the wire: the body leaves after the header (RTT + delayed ACK)
    .en = on the wire: the body leaves after the header (RTT + delayed ACK)
lab22-sticky-segments = lab 1's four writes, 5 ms apart, Nagle on: data segments out
    .en = lab 1's four writes, 5 ms apart, Nagle on: data segments out
lab22-wire-sticky = on the wire: their sizes (hello alone, then 5 + 7 + 1)
    .en = on the wire: their sizes (hello alone, then 5 + 7 + 1)
lab22-small-rcvbuf = SO_RCVBUF 8192 on the receiver: reads back
    .en = SO_RCVBUF 8192 on the receiver: reads back
lab22-wire-throughput-bound = 20 000 bytes: throughput, as % of largest window on the wire / RTT
    .en = 20 000 bytes: throughput, as % of largest window on the wire / RTT
lab22-wire-in-flight = on the wire: most bytes in flight = the largest window
    .en = on the wire: most bytes in flight = the largest window

## Narration (--step): what is about to happen, and what to watch

lab22-step-1 = A link with 50 ms each way: connect, one request, a request written in two pieces, lab 1's four writes 5 ms apart; at the same time a transfer to a receiver with a small SO_RCVBUF.
    .en = A link with 50 ms each way: connect, one request, a request written in two pieces, lab 1's four writes 5 ms apart; at the same time a transfer to a receiver with a small SO_RCVBUF.
lab22-step-1-watch = every exchange costs a multiple of 100 ms; 5 + 13 bytes on the wire; throughput under window / RTT.
    .en = every exchange costs a multiple of 100 ms; 5 + 13 bytes on the wire; throughput under window / RTT.
