# Lab 4 · reuseaddr-timewait: socklab run 4 --lang zh-CN

## The lab

lab4-title = SO_REUSEADDR 与 TIME_WAIT
    .en = SO_REUSEADDR and TIME_WAIT
lab4-shows = 主动关闭方留下 TIME_WAIT；要在它之上重新 bind，两个套接字都得设置 SO_REUSEADDR
    .en = the active closer keeps TIME_WAIT; rebinding over it needs SO_REUSEADDR on both sockets
lab4-summary =
    先关闭的一方把连接留在 TIME_WAIT 状态 60 s，占着它自己的端口。
    服务端先关闭：重新 bind 它的端口会以 EADDRINUSE 失败，除非旧的监听套接字
    和新套接字都设置了 SO_REUSEADDR。客户端先关闭：服务端的端口是空闲的。
    另外，bind('') 是所有地址（127.0.0.2 也能连进来），不是“只限本机”。
    .en =
        The side that closes first keeps the connection in TIME_WAIT for 60 s, on its own port.
        Server closed first: rebinding its port fails with EADDRINUSE unless the old listener
        AND the new socket set SO_REUSEADDR. Client closed first: the server's port is free.
        And bind('') is every address (127.0.0.2 gets in), not this host only.

## Checks (id after the lab number, as in --format json)

lab4-wire-handshakes = 线路上：8 个连接各自的三次握手
    .en = on the wire: each of the 8 handshakes
lab4-state-server-port-server-first = 服务端先关闭 → 服务端端口上留下的状态
    .en = server closed first → state left on the server's port
lab4-state-client-port-server-first = 客户端端口上留下的状态
    .en = state left on the client's port
lab4-wire-first-fin-server-first = 线路上：先发 FIN 的一方；TIME_WAIT 所在的一方
    .en = on the wire: first FIN from; TIME_WAIT on
lab4-wire-close-server-first = 线路上：两个 FIN，然后是最后一个报文段
    .en = on the wire: the FINs, then the last segment
lab4-rebind-orig-no-new-no-server-first = orig=no new=no，服务端先关闭 → 重新 bind
    .en = orig=no new=no, server closed first → rebind
lab4-rebind-orig-no-new-yes-server-first = orig=no new=yes，服务端先关闭 → 重新 bind
    .en = orig=no new=yes, server closed first → rebind
lab4-rebind-orig-yes-new-no-server-first = orig=yes new=no，服务端先关闭 → 重新 bind
    .en = orig=yes new=no, server closed first → rebind
lab4-rebind-orig-yes-new-yes-server-first = orig=yes new=yes，服务端先关闭 → 重新 bind
    .en = orig=yes new=yes, server closed first → rebind
lab4-state-server-port-client-first = 客户端先关闭 → 服务端端口上留下的状态
    .en = client closed first → state left on the server's port
lab4-rebind-orig-no-new-no-client-first = orig=no new=no，客户端先关闭 → 重新 bind
    .en = orig=no new=no, client closed first → rebind
lab4-rebind-orig-no-new-yes-client-first = orig=no new=yes，客户端先关闭 → 重新 bind
    .en = orig=no new=yes, client closed first → rebind
lab4-rebind-orig-yes-new-no-client-first = orig=yes new=no，客户端先关闭 → 重新 bind
    .en = orig=yes new=no, client closed first → rebind
lab4-rebind-orig-yes-new-yes-client-first = orig=yes new=yes，客户端先关闭 → 重新 bind
    .en = orig=yes new=yes, client closed first → rebind
lab4-bind-any-loopback = bind(('', 0))，限定在 lo，经 127.0.0.1 连接
    .en = bind(('', 0)), fenced to lo, connect via 127.0.0.1
lab4-bind-any-loopback-2 = 经 127.0.0.2
    .en = via 127.0.0.2
lab4-bind-loopback-other = bind(('127.0.0.1', 0))，经 127.0.0.2 连接
    .en = bind(('127.0.0.1', 0)), connect via 127.0.0.2
lab4-bind-loopback-host = 经本机的网络地址
    .en = via this host's network address

## Narration (--step): what is about to happen, and what to watch

lab4-step-1 = 一个服务端启动又退出，共八次：旧套接字和新套接字各自开或不开 SO_REUSEADDR，由服务端或客户端先关闭；然后服务端在同一个端口上重启。
    .en = A server lives and dies eight times: SO_REUSEADDR on or off on the old and the new socket, the server or the client closing first; then the server restarts on the same port.
lab4-step-1-watch = TIME_WAIT 落在哪一端，谁的 FIN 先发，哪几次重启得到 EADDRINUSE。
    .en = where TIME_WAIT lands, whose FIN came first, and which restarts get EADDRINUSE.
lab4-step-2 = 一个监听套接字绑定 ''（0.0.0.0），另一个绑定 127.0.0.1，各自经本机的几个地址去连接。
    .en = A listener bound to '' (0.0.0.0) and one bound to 127.0.0.1, each connected to via several of this host's addresses.
lab4-step-2-watch = '' 在每个地址上都接受连接；127.0.0.1 只在它自己这个地址上接受。
    .en = '' accepts on every address; 127.0.0.1 only on itself.

## Why a check is skipped

lab4-skip-no-host-address = 这里除了回环之外没有别的网络地址
    .en = no network address besides loopback here
