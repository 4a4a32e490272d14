# Lab 18 · nonblocking-timeouts: socklab run 18 --lang zh-CN

## The lab

lab18-title = 非阻塞套接字、超时与 connect_ex
    .en = Non-blocking sockets, timeouts and connect_ex
lab18-shows = 非阻塞调用立即以 EAGAIN 失败，SO_RCVTIMEO 按时到期，未监听的端口返回 111
    .en = non-blocking calls fail at once with EAGAIN, SO_RCVTIMEO expires on time, a closed port gives 111
lab18-summary =
    非阻塞的 recv 或 accept 无事可做时立即以 EAGAIN 失败；connect 返回
    EINPROGRESS，稍后才完成（poll、SO_ERROR）。SO_RCVTIMEO 让 recv 先睡眠，
    再以 EAGAIN 失败。未监听的端口回以 RST：connect_ex 返回 111（ECONNREFUSED）。
    .en =
        A non-blocking recv or accept with nothing to do fails at once with EAGAIN; a connect
        returns EINPROGRESS and finishes later (poll, SO_ERROR). SO_RCVTIMEO makes recv sleep,
        then fail with EAGAIN. A closed port answers RST: connect_ex returns 111 (ECONNREFUSED).

## Checks (id after the lab number, as in --format json)

lab18-nonblocking-recv = 非阻塞 recv(1024)，对端什么也没发
    .en = non-blocking recv(1024), peer sent nothing
lab18-nonblocking-recv-errno = errno 值（EWOULDBLOCK 与之相同）
    .en = errno number (EWOULDBLOCK is the same)
lab18-nonblocking-recv-slept = 线程在内核中睡眠过（getrusage）
    .en = thread slept in the kernel (getrusage)
lab18-nonblocking-recv-data = b"hello" 进入队列后（FIONREAD）
    .en = once b"hello" is queued (FIONREAD)
lab18-nonblocking-accept = 非阻塞 accept()，无人连接
    .en = non-blocking accept(), nobody connecting
lab18-nonblocking-connect = 非阻塞 connect_ex 连接监听端口
    .en = non-blocking connect_ex to a listener
lab18-nonblocking-connect-so-error = poll 报告可写后的 SO_ERROR
    .en = SO_ERROR once poll says writable
lab18-nonblocking-connect-state = 客户端的 TCP 状态（TCP_INFO）
    .en = client's TCP state (TCP_INFO)
lab18-nonblocking-connect-accept = 此时再做非阻塞 accept()
    .en = non-blocking accept() now
lab18-timeout-recv = SO_RCVTIMEO 100 ms，无数据时 recv(1024)
    .en = recv(1024) with SO_RCVTIMEO 100 ms, no data
lab18-timeout-floor = 直到失败所用的时间
    .en = time until it failed
lab18-timeout-ceiling = 同一时间，上限
    .en = the same time, upper bound
lab18-connect-ex-open = connect_ex 连接正在监听的端口
    .en = connect_ex to a listening port
lab18-connect-ex-refused = connect_ex 连接已 bind 未 listen 的端口
    .en = connect_ex to a bound, non-listening port
lab18-connect-ex-refused-time = 直到被拒绝的时间（RST，不是丢失的 SYN）
    .en = time until refused (RST, not a lost SYN)
lab18-wire-connect-ex-refused = 线路上：它双向的报文段
    .en = on the wire: its segments, both ways
lab18-nonblocking-refused = 非阻塞 connect_ex 连接该端口
    .en = non-blocking connect_ex to that port
lab18-nonblocking-refused-so-error = poll 醒来后的 SO_ERROR
    .en = SO_ERROR once poll wakes

## Narration (--step): what is about to happen, and what to watch

lab18-step-1 = 在没有数据的非阻塞套接字上调用 recv。
    .en = recv on a non-blocking socket with no data.
lab18-step-1-watch = 立即返回 EAGAIN，线程没有睡眠。
    .en = EAGAIN at once, without sleeping.
lab18-step-2 = 非阻塞的 accept 和 connect。
    .en = Non-blocking accept and connect.
lab18-step-2-watch = accept 得到 EAGAIN；connect 先得到 EINPROGRESS，随后成功。
    .en = EAGAIN for accept, EINPROGRESS then success for connect.
lab18-step-3 = 设置 100 ms 的 SO_RCVTIMEO，在没有数据时调用 recv。
    .en = recv with a 100 ms SO_RCVTIMEO and no data.
lab18-step-3-watch = 约 100 ms 后返回 EAGAIN。
    .en = EAGAIN after about 100 ms.
lab18-step-4 = 用 connect_ex 连接一个无人监听的端口。
    .en = connect_ex to a port nobody listens on.
lab18-step-4-watch = 以返回值 111（ECONNREFUSED）报告，而不是抛出异常。
    .en = 111 (ECONNREFUSED) as a value, not an exception.
