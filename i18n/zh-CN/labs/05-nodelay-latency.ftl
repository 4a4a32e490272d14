# Lab 5 · nodelay-latency: socklab run 5 --lang zh-CN

## The lab

lab5-title = TCP_NODELAY and the write-write-read stall
    .en = TCP_NODELAY and the write-write-read stall
lab5-shows = two small writes then a read cost ~40 ms per request with Nagle on, µs without
    .en = two small writes then a read cost ~40 ms per request with Nagle on, µs without
lab5-summary =
    A request sent as two small writes meets Nagle (client) and delayed ACK (server):
    each round trip stalls ~40 ms. TCP_NODELAY, one combined write, or TCP_CORK
    bring it back to microseconds. Times are RTT (request out, reply in).
    .en =
        A request sent as two small writes meets Nagle (client) and delayed ACK (server):
        each round trip stalls ~40 ms. TCP_NODELAY, one combined write, or TCP_CORK
        bring it back to microseconds. Times are RTT (request out, reply in).

## Checks (id after the lab number, as in --format json)

lab5-nagle-rtt = Nagle on, write+write+read: RTT
    .en = Nagle on, write+write+read: RTT
lab5-nagle-segments = data segments per request
    .en = data segments per request
lab5-wire-nagle-segments = on the wire: data segments in each timed request
    .en = on the wire: data segments in each timed request
lab5-wire-nagle-ack = on the wire: the server's answer to a first half
    .en = on the wire: the server's answer to a first half
lab5-wire-nagle-ack-delay = on the wire: median wait from a first half to it
    .en = on the wire: median wait from a first half to it
lab5-nodelay-rtt = TCP_NODELAY, write+write+read: RTT
    .en = TCP_NODELAY, write+write+read: RTT
lab5-combined-rtt = Nagle on, one combined write+read: RTT
    .en = Nagle on, one combined write+read: RTT
lab5-cork-rtt = TCP_CORK, write+write+uncork+read: RTT
    .en = TCP_CORK, write+write+uncork+read: RTT

## Narration (--step): what is about to happen, and what to watch

# lab5-step-1: built with format!, see the source
# lab5-step-1-watch: built with format!, see the source
