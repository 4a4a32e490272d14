# Lab 20 · retransmission: socklab run 20 --lang zh-CN

## The lab

lab20-title = Retransmission: TCP repairs a lost segment
    .en = Retransmission: TCP repairs a lost segment
lab20-shows = TCP is reliable: a dropped segment is sent again after duplicate ACKs, a dropped SYN after 1 s
    .en = TCP is reliable: a dropped segment is sent again after duplicate ACKs, a dropped SYN after 1 s
lab20-summary =
    On a link with 20 ms each way, the relay drops the 3rd data segment once: duplicate ACKs,
    a fast retransmit one round trip later, every byte delivered in order (same SHA-256).
    Drop the SYN instead: connect() still succeeds, after the 1-second SYN retransmission.
    .en =
        On a link with 20 ms each way, the relay drops the 3rd data segment once: duplicate ACKs,
        a fast retransmit one round trip later, every byte delivered in order (same SHA-256).
        Drop the SYN instead: connect() still succeeds, after the 1-second SYN retransmission.

## Checks (id after the lab number, as in --format json)

lab20-bytes-received = 20 000 bytes sent, 3rd segment dropped once: bytes the receiver read
    .en = 20 000 bytes sent, 3rd segment dropped once: bytes the receiver read
lab20-digest = SHA-256 of what it read (first 8 bytes)
    .en = SHA-256 of what it read (first 8 bytes)
lab20-total-retrans = client tcpi_total_retrans
    .en = client tcpi_total_retrans
lab20-wire-retransmitted = on the wire: the client's retransmissions (seq = 1 + 2 × MSS)
    .en = on the wire: the client's retransmissions (seq = 1 + 2 × MSS)
lab20-wire-duplicate-acks = on the wire: duplicate ACKs before it
    .en = on the wire: duplicate ACKs before it
lab20-wire-repair = on the wire: how Linux repaired the loss
    .en = on the wire: how Linux repaired the loss
lab20-wire-repair-time = on the wire: from the lost segment to its copy (one round trip)
    .en = on the wire: from the lost segment to its copy (one round trip)
lab20-out-of-order = segments the receiver held behind the hole (tcpi_rcv_ooopack)
    .en = segments the receiver held behind the hole (tcpi_rcv_ooopack)
lab20-lost-bytes-wait = the receiving recv got the lost bytes, after they would have arrived
    .en = the receiving recv got the lost bytes, after they would have arrived
lab20-syn-connect-time = SYN dropped once: connect() returns after
    .en = SYN dropped once: connect() returns after
lab20-syn-total-retrans = its tcpi_total_retrans (the SYN sent again)
    .en = its tcpi_total_retrans (the SYN sent again)
lab20-wire-syns = on the wire: SYNs the client sent
    .en = on the wire: SYNs the client sent
lab20-wire-syn-gap = on the wire: from the first SYN to the second
    .en = on the wire: from the first SYN to the second

## Narration (--step): what is about to happen, and what to watch

lab20-step-1 = The relay drops the 3rd data segment of a 20 000-byte transfer once, and (on another connection, at the same time) a SYN.
    .en = The relay drops the 3rd data segment of a 20 000-byte transfer once, and (on another connection, at the same time) a SYN.
lab20-step-1-watch = duplicate ACKs, then the segment sent again one round trip later; the same SHA-256; connect() about 1 s late.
    .en = duplicate ACKs, then the segment sent again one round trip later; the same SHA-256; connect() about 1 s late.
