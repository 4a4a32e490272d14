# Lab 4 · reuseaddr-timewait: socklab run 4 --lang zh-CN

## The lab

lab4-title = SO_REUSEADDR and TIME_WAIT
    .en = SO_REUSEADDR and TIME_WAIT
lab4-shows = the active closer keeps TIME_WAIT; rebinding over it needs SO_REUSEADDR on both sockets
    .en = the active closer keeps TIME_WAIT; rebinding over it needs SO_REUSEADDR on both sockets
lab4-summary =
    The side that closes first keeps the connection in TIME_WAIT for 60 s, on its own port.
    Server closed first: rebinding its port fails with EADDRINUSE unless the old listener
    AND the new socket set SO_REUSEADDR. Client closed first: the server's port is free.
    And bind('') is every address (127.0.0.2 gets in), not this host only.
    .en =
        The side that closes first keeps the connection in TIME_WAIT for 60 s, on its own port.
        Server closed first: rebinding its port fails with EADDRINUSE unless the old listener
        AND the new socket set SO_REUSEADDR. Client closed first: the server's port is free.
        And bind('') is every address (127.0.0.2 gets in), not this host only.

## Checks (id after the lab number, as in --format json)

lab4-wire-handshakes = on the wire: each of the 8 handshakes
    .en = on the wire: each of the 8 handshakes
lab4-state-server-port-server-first = server closed first → state left on the server's port
    .en = server closed first → state left on the server's port
lab4-state-client-port-server-first = state left on the client's port
    .en = state left on the client's port
lab4-wire-first-fin-server-first = on the wire: first FIN from; TIME_WAIT on
    .en = on the wire: first FIN from; TIME_WAIT on
lab4-wire-close-server-first = on the wire: the FINs, then the last segment
    .en = on the wire: the FINs, then the last segment
lab4-rebind-orig-no-new-no-server-first = orig=no new=no, server closed first → rebind
    .en = orig=no new=no, server closed first → rebind
lab4-rebind-orig-no-new-yes-server-first = orig=no new=yes, server closed first → rebind
    .en = orig=no new=yes, server closed first → rebind
lab4-rebind-orig-yes-new-no-server-first = orig=yes new=no, server closed first → rebind
    .en = orig=yes new=no, server closed first → rebind
lab4-rebind-orig-yes-new-yes-server-first = orig=yes new=yes, server closed first → rebind
    .en = orig=yes new=yes, server closed first → rebind
lab4-state-server-port-client-first = client closed first → state left on the server's port
    .en = client closed first → state left on the server's port
lab4-rebind-orig-no-new-no-client-first = orig=no new=no, client closed first → rebind
    .en = orig=no new=no, client closed first → rebind
lab4-rebind-orig-no-new-yes-client-first = orig=no new=yes, client closed first → rebind
    .en = orig=no new=yes, client closed first → rebind
lab4-rebind-orig-yes-new-no-client-first = orig=yes new=no, client closed first → rebind
    .en = orig=yes new=no, client closed first → rebind
lab4-rebind-orig-yes-new-yes-client-first = orig=yes new=yes, client closed first → rebind
    .en = orig=yes new=yes, client closed first → rebind
lab4-bind-any-loopback = bind(('', 0)), fenced to lo, connect via 127.0.0.1
    .en = bind(('', 0)), fenced to lo, connect via 127.0.0.1
lab4-bind-any-loopback-2 = via 127.0.0.2
    .en = via 127.0.0.2
lab4-bind-loopback-other = bind(('127.0.0.1', 0)), connect via 127.0.0.2
    .en = bind(('127.0.0.1', 0)), connect via 127.0.0.2
lab4-bind-loopback-host = via this host's network address
    .en = via this host's network address

## Narration (--step): what is about to happen, and what to watch

lab4-step-1 = A server lives and dies eight times: SO_REUSEADDR on or off on the old and the new socket, the server or the client closing first; then the server restarts on the same port.
    .en = A server lives and dies eight times: SO_REUSEADDR on or off on the old and the new socket, the server or the client closing first; then the server restarts on the same port.
lab4-step-1-watch = where TIME_WAIT lands, whose FIN came first, and which restarts get EADDRINUSE.
    .en = where TIME_WAIT lands, whose FIN came first, and which restarts get EADDRINUSE.
lab4-step-2 = A listener bound to '' (0.0.0.0) and one bound to 127.0.0.1, each connected to via several of this host's addresses.
    .en = A listener bound to '' (0.0.0.0) and one bound to 127.0.0.1, each connected to via several of this host's addresses.
lab4-step-2-watch = '' accepts on every address; 127.0.0.1 only on itself.
    .en = '' accepts on every address; 127.0.0.1 only on itself.
