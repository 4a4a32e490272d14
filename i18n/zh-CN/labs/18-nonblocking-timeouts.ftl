# Lab 18 · nonblocking-timeouts: socklab run 18 --lang zh-CN

## The lab

lab18-title = Non-blocking sockets, timeouts and connect_ex
    .en = Non-blocking sockets, timeouts and connect_ex
lab18-shows = non-blocking calls fail at once with EAGAIN, SO_RCVTIMEO expires on time, a closed port gives 111
    .en = non-blocking calls fail at once with EAGAIN, SO_RCVTIMEO expires on time, a closed port gives 111
lab18-summary =
    A non-blocking recv or accept with nothing to do fails at once with EAGAIN; a connect
    returns EINPROGRESS and finishes later (poll, SO_ERROR). SO_RCVTIMEO makes recv sleep,
    then fail with EAGAIN. A closed port answers RST: connect_ex returns 111 (ECONNREFUSED).
    .en =
        A non-blocking recv or accept with nothing to do fails at once with EAGAIN; a connect
        returns EINPROGRESS and finishes later (poll, SO_ERROR). SO_RCVTIMEO makes recv sleep,
        then fail with EAGAIN. A closed port answers RST: connect_ex returns 111 (ECONNREFUSED).

## Checks (id after the lab number, as in --format json)

lab18-nonblocking-recv = non-blocking recv(1024), peer sent nothing
    .en = non-blocking recv(1024), peer sent nothing
lab18-nonblocking-recv-errno = errno number (EWOULDBLOCK is the same)
    .en = errno number (EWOULDBLOCK is the same)
lab18-nonblocking-recv-slept = thread slept in the kernel (getrusage)
    .en = thread slept in the kernel (getrusage)
lab18-nonblocking-recv-data = once b"hello" is queued (FIONREAD)
    .en = once b"hello" is queued (FIONREAD)
lab18-nonblocking-accept = non-blocking accept(), nobody connecting
    .en = non-blocking accept(), nobody connecting
lab18-nonblocking-connect = non-blocking connect_ex to a listener
    .en = non-blocking connect_ex to a listener
lab18-nonblocking-connect-so-error = SO_ERROR once poll says writable
    .en = SO_ERROR once poll says writable
lab18-nonblocking-connect-state = client's TCP state (TCP_INFO)
    .en = client's TCP state (TCP_INFO)
lab18-nonblocking-connect-accept = non-blocking accept() now
    .en = non-blocking accept() now
lab18-timeout-recv = recv(1024) with SO_RCVTIMEO 100 ms, no data
    .en = recv(1024) with SO_RCVTIMEO 100 ms, no data
lab18-timeout-floor = time until it failed
    .en = time until it failed
lab18-timeout-ceiling = the same time, upper bound
    .en = the same time, upper bound
lab18-connect-ex-open = connect_ex to a listening port
    .en = connect_ex to a listening port
lab18-connect-ex-refused = connect_ex to a bound, non-listening port
    .en = connect_ex to a bound, non-listening port
lab18-connect-ex-refused-time = time until refused (RST, not a lost SYN)
    .en = time until refused (RST, not a lost SYN)
lab18-wire-connect-ex-refused = on the wire: its segments, both ways
    .en = on the wire: its segments, both ways
lab18-nonblocking-refused = non-blocking connect_ex to that port
    .en = non-blocking connect_ex to that port
lab18-nonblocking-refused-so-error = SO_ERROR once poll wakes
    .en = SO_ERROR once poll wakes

## Narration (--step): what is about to happen, and what to watch

lab18-step-1 = recv on a non-blocking socket with no data.
    .en = recv on a non-blocking socket with no data.
lab18-step-1-watch = EAGAIN at once, without sleeping.
    .en = EAGAIN at once, without sleeping.
lab18-step-2 = Non-blocking accept and connect.
    .en = Non-blocking accept and connect.
lab18-step-2-watch = EAGAIN for accept, EINPROGRESS then success for connect.
    .en = EAGAIN for accept, EINPROGRESS then success for connect.
lab18-step-3 = recv with a 100 ms SO_RCVTIMEO and no data.
    .en = recv with a 100 ms SO_RCVTIMEO and no data.
lab18-step-3-watch = EAGAIN after about 100 ms.
    .en = EAGAIN after about 100 ms.
lab18-step-4 = connect_ex to a port nobody listens on.
    .en = connect_ex to a port nobody listens on.
lab18-step-4-watch = 111 (ECONNREFUSED) as a value, not an exception.
    .en = 111 (ECONNREFUSED) as a value, not an exception.
