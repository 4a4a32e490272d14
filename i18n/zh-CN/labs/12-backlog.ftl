# Lab 12 · backlog: socklab run 12 --lang zh-CN

## The lab

lab12-title = The listen backlog
    .en = The listen backlog
lab12-shows = with nobody accepting, listen(2) lets 3 connects complete; later SYNs are dropped, not refused
    .en = with nobody accepting, listen(2) lets 3 connects complete; later SYNs are dropped, not refused
lab12-summary =
    A listener nobody accepts on completes handshakes until its queue holds backlog+1 (listen(5):
    6). Later SYNs get no answer, no ECONNREFUSED: SYN_SENT. One accept makes room for one more.
    A handshake ending while the queue is full: its SYN-ACK comes again after 1 s, then 2 s.
    .en =
        A listener nobody accepts on completes handshakes until its queue holds backlog+1 (listen(5):
        6). Later SYNs get no answer, no ECONNREFUSED: SYN_SENT. One accept makes room for one more.
        A handshake ending while the queue is full: its SYN-ACK comes again after 1 s, then 2 s.

## Checks (id after the lab number, as in --format json)

lab12-backlog-in-force = listen(2): backlog the kernel applies
    .en = listen(2): backlog the kernel applies
lab12-first-connects = first 3 connects, nobody accepting
    .en = first 3 connects, nobody accepting
lab12-first-waiting = connections waiting in the accept queue
    .en = connections waiting in the accept queue
lab12-wire-first-handshakes = on the wire: each one's segments, both ways
    .en = on the wire: each one's segments, both ways
lab12-overflow-states = next 2 connects, after 100 ms
    .en = next 2 connects, after 100 ms
lab12-overflow-not-refused = their connect error (SO_ERROR)
    .en = their connect error (SO_ERROR)
lab12-refused-contrast = for contrast: connect where nobody listens
    .en = for contrast: connect where nobody listens
lab12-wire-refused-contrast = on the wire: its segments, both ways
    .en = on the wire: its segments, both ways
lab12-after-accept-waiting = after one accept(): connections still waiting
    .en = after one accept(): connections still waiting
lab12-after-accept-one-fits = the next connect
    .en = the next connect
lab12-after-accept-then-full = and the one after it, after 100 ms
    .en = and the one after it, after 100 ms
lab12-listen-5-completed = listen(5): connects completed, of 7
    .en = listen(5): connects completed, of 7
lab12-listen-5-seventh = the 7th connect, after 100 ms
    .en = the 7th connect, after 100 ms
lab12-synack-state = last ACK while the queue is full: server's end
    .en = last ACK while the queue is full: server's end
lab12-synack-first-timer = SYN-ACK timer (sock_diag); the course: 5 s
    .en = SYN-ACK timer (sock_diag); the course: 5 s
lab12-synack-second-timer = after 1 resend, the next in; the course: 3 s
    .en = after 1 resend, the next in; the course: 3 s

## Narration (--step): what is about to happen, and what to watch

lab12-step-1 = Clients connect to a listener with backlog 2 that never calls accept().
    .en = Clients connect to a listener with backlog 2 that never calls accept().
lab12-step-1-watch = how many handshakes complete: backlog + 1.
    .en = how many handshakes complete: backlog + 1.
lab12-step-2 = Two more clients connect.
    .en = Two more clients connect.
lab12-step-2-watch = SYN_SENT: their SYNs are dropped, not refused.
    .en = SYN_SENT: their SYNs are dropped, not refused.
lab12-step-3 = After one accept(), one more client connects.
    .en = After one accept(), one more client connects.
lab12-step-3-watch = exactly one more fits.
    .en = exactly one more fits.
lab12-step-4 = The course's listen(5), with seven clients.
    .en = The course's listen(5), with seven clients.
lab12-step-4-watch = six complete, the seventh waits.
    .en = six complete, the seventh waits.
lab12-step-5 = A handshake whose last ACK comes while the queue is full: the server keeps it in SYN_RECV and resends its SYN-ACK.
    .en = A handshake whose last ACK comes while the queue is full: the server keeps it in SYN_RECV and resends its SYN-ACK.
lab12-step-5-watch = the SYN-ACK timer: 1 s, then 2 s after the first resend (the course: 5 s, 3 s, 1 s).
    .en = the SYN-ACK timer: 1 s, then 2 s after the first resend (the course: 5 s, 3 s, 1 s).
