# Lab 13 · tcp-states: socklab run 13 --lang zh-CN

## The lab

lab13-title = TCP states
    .en = TCP states
lab13-shows = one connection walked from LISTEN to TIME_WAIT, each state read from the kernel
    .en = one connection walked from LISTEN to TIME_WAIT, each state read from the kernel
lab13-summary =
    A listener, a handshake, a half-close and a close, with each TCP state read from the
    kernel (TCP_INFO, sock_diag). FIN_WAIT1, LAST_ACK and SYN_SENT last microseconds on
    loopback, so the lab holds them: a FIN waits behind data the peer has no room for.
    .en =
        A listener, a handshake, a half-close and a close, with each TCP state read from the
        kernel (TCP_INFO, sock_diag). FIN_WAIT1, LAST_ACK and SYN_SENT last microseconds on
        loopback, so the lab holds them: a FIN waits behind data the peer has no room for.

## Checks (id after the lab number, as in --format json)

lab13-listen = listener after listen()
    .en = listener after listen()
lab13-syn-sent = 2nd client, queue full, after 50 ms
    .en = 2nd client, queue full, after 50 ms
lab13-wire-syn-sent = on the wire: its segments, both ways
    .en = on the wire: its segments, both ways
lab13-established-client = client after connect()
    .en = client after connect()
lab13-established-server = server after accept()
    .en = server after accept()
lab13-wire-handshake = on the wire: the handshake
    .en = on the wire: the handshake
lab13-fin-wait-1 = client after shutdown(SHUT_WR), 50 ms on
    .en = client after shutdown(SHUT_WR), 50 ms on
lab13-wire-fin-wait-1 = on the wire: FINs the client sent so far
    .en = on the wire: FINs the client sent so far
lab13-fin-wait-2 = client once the server read EOF
    .en = client once the server read EOF
lab13-close-wait = server after reading EOF
    .en = server after reading EOF
lab13-half-close-talk = server sends in CLOSE_WAIT, client gets
    .en = server sends in CLOSE_WAIT, client gets
lab13-last-ack = server after close(), 50 ms on
    .en = server after close(), 50 ms on
lab13-wire-last-ack = on the wire: FINs the server sent so far
    .en = on the wire: FINs the server sent so far
lab13-time-wait = client once it read EOF
    .en = client once it read EOF
lab13-server-gone = server's end, after the last ACK
    .en = server's end, after the last ACK
lab13-time-wait-timer = its TIME_WAIT timer as it starts (sock_diag)
    .en = its TIME_WAIT timer as it starts (sock_diag)
lab13-wire-time-wait = on the wire: first FIN from; TIME_WAIT on
    .en = on the wire: first FIN from; TIME_WAIT on
lab13-wire-close = on the wire: each FIN, then its ACK
    .en = on the wire: each FIN, then its ACK
lab13-client-fd-close = TCP_INFO on the client's own fd
    .en = TCP_INFO on the client's own fd

## Narration (--step): what is about to happen, and what to watch

lab13-step-1 = A listener, and a connection to it, with one more client while the queue is full.
    .en = A listener, and a connection to it, with one more client while the queue is full.
lab13-step-1-watch = LISTEN, ESTABLISHED on both ends, SYN_SENT for the extra client.
    .en = LISTEN, ESTABLISHED on both ends, SYN_SENT for the extra client.
lab13-step-2 = The client shuts down its sending side; the server reads EOF and keeps talking.
    .en = The client shuts down its sending side; the server reads EOF and keeps talking.
lab13-step-2-watch = FIN_WAIT1, FIN_WAIT2 on the client, CLOSE_WAIT on the server.
    .en = FIN_WAIT1, FIN_WAIT2 on the client, CLOSE_WAIT on the server.
lab13-step-3 = The server closes too.
    .en = The server closes too.
lab13-step-3-watch = LAST_ACK on the server, TIME_WAIT on the client.
    .en = LAST_ACK on the server, TIME_WAIT on the client.
