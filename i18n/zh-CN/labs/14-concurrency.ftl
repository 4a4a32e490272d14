# Lab 14 · concurrency: socklab run 14 --lang zh-CN

## The lab

lab14-title = Iterative and threaded servers
    .en = Iterative and threaded servers
lab14-shows = an iterative server leaves client 2 in the accept queue until client 1 leaves; a thread per client serves both
    .en = an iterative server leaves client 2 in the accept queue until client 1 leaves; a thread per client serves both
lab14-summary =
    An iterative server talks to one client at a time: client 2's connect() succeeds at
    once (the kernel queues it in the backlog), but its request is answered only after
    client 1 leaves. A server with one thread per connection answers both together.
    .en =
        An iterative server talks to one client at a time: client 2's connect() succeeds at
        once (the kernel queues it in the backlog), but its request is answered only after
        client 1 leaves. A server with one thread per connection answers both together.

## Checks (id after the lab number, as in --format json)

lab14-iterative-client-2-state = iterative, busy with client 1: client 2's state
    .en = iterative, busy with client 1: client 2's state
lab14-iterative-client-2-connect = its connect() returned after
    .en = its connect() returned after
lab14-iterative-accept-queue = 100 ms on: accept queue (TCP_INFO)
    .en = 100 ms on: accept queue (TCP_INFO)
lab14-iterative-no-reply = answer bytes at client 2 (FIONREAD)
    .en = answer bytes at client 2 (FIONREAD)
lab14-iterative-reply = client 1 leaves: client 2's answer
    .en = client 1 leaves: client 2's answer
lab14-iterative-events = server's events, in order
    .en = server's events, in order
lab14-iterative-served-after-left = client 2 served after client 1 left
    .en = client 2 served after client 1 left
lab14-iterative-client-2-wait = client 2 waited for its answer
    .en = client 2 waited for its answer
lab14-threaded-reply = thread per client: 2's answer, 1 still there
    .en = thread per client: 2's answer, 1 still there
lab14-threaded-accept-queue = accept queue then (TCP_INFO)
    .en = accept queue then (TCP_INFO)
lab14-threaded-served-before-left = client 2 served before client 1 left
    .en = client 2 served before client 1 left

## Narration (--step): what is about to happen, and what to watch

lab14-step-1 = An iterative server (one client at a time) is busy with client 1 when client 2 connects.
    .en = An iterative server (one client at a time) is busy with client 1 when client 2 connects.
lab14-step-1-watch = client 2's connect succeeds at once (the backlog), but its answer waits until client 1 leaves.
    .en = client 2's connect succeeds at once (the backlog), but its answer waits until client 1 leaves.
lab14-step-2 = The same two clients against a thread-per-connection server.
    .en = The same two clients against a thread-per-connection server.
lab14-step-2-watch = client 2 is answered while client 1 is still connected.
    .en = client 2 is answered while client 1 is still connected.
