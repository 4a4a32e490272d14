# Lab 14 · concurrency: socklab run 14 --lang zh-CN

## The lab

lab14-title = 迭代服务端与多线程服务端
    .en = Iterative and threaded servers
lab14-shows = 迭代服务端让客户端 2 留在 accept 队列里，直到客户端 1 离开；每个客户端一个线程则能同时服务两者
    .en = an iterative server leaves client 2 in the accept queue until client 1 leaves; a thread per client serves both
lab14-summary =
    迭代服务端一次只与一个客户端通信：客户端 2 的 connect() 立即
    成功（内核把它放进 backlog 队列），但它的请求要等客户端 1 离开后
    才得到应答。每个连接一个线程的服务端则同时应答两者。
    .en =
        An iterative server talks to one client at a time: client 2's connect() succeeds at
        once (the kernel queues it in the backlog), but its request is answered only after
        client 1 leaves. A server with one thread per connection answers both together.

## Checks (id after the lab number, as in --format json)

lab14-iterative-client-2-state = 迭代服务端忙于客户端 1：客户端 2 的状态
    .en = iterative, busy with client 1: client 2's state
lab14-iterative-client-2-connect = 其 connect() 返回用时
    .en = its connect() returned after
lab14-iterative-accept-queue = 100 ms 后：accept 队列（TCP_INFO）
    .en = 100 ms on: accept queue (TCP_INFO)
lab14-iterative-no-reply = 客户端 2 收到的应答字节（FIONREAD）
    .en = answer bytes at client 2 (FIONREAD)
lab14-iterative-reply = 客户端 1 离开后：客户端 2 的应答
    .en = client 1 leaves: client 2's answer
lab14-iterative-events = 服务端事件，按先后顺序
    .en = server's events, in order
lab14-iterative-served-after-left = 客户端 1 离开后才服务客户端 2
    .en = client 2 served after client 1 left
lab14-iterative-client-2-wait = 客户端 2 等待应答的时间
    .en = client 2 waited for its answer
lab14-threaded-reply = 每客户端一线程：2 的应答，1 仍在连接
    .en = thread per client: 2's answer, 1 still there
lab14-threaded-accept-queue = 此时的 accept 队列（TCP_INFO）
    .en = accept queue then (TCP_INFO)
lab14-threaded-served-before-left = 客户端 1 离开前已服务客户端 2
    .en = client 2 served before client 1 left

## Narration (--step): what is about to happen, and what to watch

lab14-step-1 = 迭代服务端（一次只服务一个客户端）正忙于客户端 1，这时客户端 2 发起连接。
    .en = An iterative server (one client at a time) is busy with client 1 when client 2 connects.
lab14-step-1-watch = 客户端 2 的 connect 立即成功（有 backlog），但它的应答要等到客户端 1 离开。
    .en = client 2's connect succeeds at once (the backlog), but its answer waits until client 1 leaves.
lab14-step-2 = 同样两个客户端，这次连接的是每个连接一个线程的服务端。
    .en = The same two clients against a thread-per-connection server.
lab14-step-2-watch = 客户端 1 仍在连接时，客户端 2 就得到了应答。
    .en = client 2 is answered while client 1 is still connected.
