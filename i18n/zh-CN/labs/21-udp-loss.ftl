# Lab 21 · udp-loss: socklab run 21 --lang zh-CN

## The lab

lab21-title = UDP loss: gone for good, swapped, doubled
    .en = UDP loss: gone for good, swapped, doubled
lab21-shows = UDP is not reliable: a dropped datagram never comes, a swapped pair arrives swapped, a copy twice; nobody is told
    .en = UDP is not reliable: a dropped datagram never comes, a swapped pair arrives swapped, a copy twice; nobody is told
lab21-summary =
    On socklab's impaired link the relay drops one datagram of five, swaps two, copies one:
    the receiver gets exactly that, every send succeeds and SO_ERROR stays 0.
    A stop-and-wait acknowledgment repairs one lost message, at the cost of a timeout.
    .en =
        On socklab's impaired link the relay drops one datagram of five, swaps two, copies one:
        the receiver gets exactly that, every send succeeds and SO_ERROR stays 0.
        A stop-and-wait acknowledgment repairs one lost message, at the cost of a timeout.

## Checks (id after the lab number, as in --format json)

lab21-loss-sends = 5 datagrams, #3 dropped: sends that returned the full length
    .en = 5 datagrams, #3 dropped: sends that returned the full length
lab21-loss-received = the receiver read
    .en = the receiver read
lab21-wire-loss = on the wire at the receiver
    .en = on the wire at the receiver
lab21-loss-queued = bytes still queued once #5 was read (FIONREAD)
    .en = bytes still queued once #5 was read (FIONREAD)
lab21-loss-so-error = SO_ERROR of the sender, of the receiver
    .en = SO_ERROR of the sender, of the receiver
lab21-reorder-received = #2 held back until #3 passed: the receiver read
    .en = #2 held back until #3 passed: the receiver read
lab21-reorder-sends = sends that returned the full length
    .en = sends that returned the full length
lab21-duplicate-received = #2 sent twice by the relay: the receiver read
    .en = #2 sent twice by the relay: the receiver read
lab21-stop-and-wait-transmissions = stop-and-wait, 1st transmission dropped: times the message was sent
    .en = stop-and-wait, 1st transmission dropped: times the message was sent
lab21-stop-and-wait-deliveries = times the receiver got it
    .en = times the receiver got it
lab21-wire-stop-and-wait = on the wire at the receiver: the first datagrams of the exchange
    .en = on the wire at the receiver: the first datagrams of the exchange
lab21-stop-and-wait-time = time until the ack (the 200 ms timeout, then a round trip)
    .en = time until the ack (the 200 ms timeout, then a round trip)

## Narration (--step): what is about to happen, and what to watch

lab21-step-1 = Five datagrams #1 to #5; the relay drops #3.
    .en = Five datagrams #1 to #5; the relay drops #3.
lab21-step-1-watch = every send succeeded, the receiver read #1 #2 #4 #5, and nothing else is queued.
    .en = every send succeeded, the receiver read #1 #2 #4 #5, and nothing else is queued.
lab21-step-2 = Three datagrams; the relay holds #2 back until #3 has passed.
    .en = Three datagrams; the relay holds #2 back until #3 has passed.
lab21-step-2-watch = the receiver reads #1 #3 #2.
    .en = the receiver reads #1 #3 #2.
lab21-step-3 = Three datagrams; the relay sends #2 twice.
    .en = Three datagrams; the relay sends #2 twice.
lab21-step-3-watch = the receiver reads #1 #2 #2 #3.
    .en = the receiver reads #1 #2 #2 #3.
lab21-step-4 = Stop-and-wait: send, wait 200 ms for an ack, send again; the relay drops the first transmission.
    .en = Stop-and-wait: send, wait 200 ms for an ack, send again; the relay drops the first transmission.
lab21-step-4-watch = two transmissions, one delivery, and at least 200 ms spent.
    .en = two transmissions, one delivery, and at least 200 ms spent.
