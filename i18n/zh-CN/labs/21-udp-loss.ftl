# Lab 21 · udp-loss: socklab run 21 --lang zh-CN

## The lab

lab21-title = UDP 丢包：一去不返、顺序颠倒、重复到达
    .en = UDP loss: gone for good, swapped, doubled
lab21-shows = UDP 不可靠：丢弃的数据报永远不会到，调换的一对按调换后的顺序到达，复制的到达两次；谁都不会得到通知
    .en = UDP is not reliable: a dropped datagram never comes, a swapped pair arrives swapped, a copy twice; nobody is told
lab21-summary =
    在 socklab 的受损链路上，中继丢弃五个数据报中的一个、调换两个、复制一个：
    接收方收到的恰好如此，每次发送都成功，SO_ERROR 始终为 0。
    停等式确认能修复一条丢失的消息，代价是一次超时。
    .en =
        On socklab's impaired link the relay drops one datagram of five, swaps two, copies one:
        the receiver gets exactly that, every send succeeds and SO_ERROR stays 0.
        A stop-and-wait acknowledgment repairs one lost message, at the cost of a timeout.

## Checks (id after the lab number, as in --format json)

lab21-loss-sends = 5 个数据报，丢弃 #3：返回完整长度的发送次数
    .en = 5 datagrams, #3 dropped: sends that returned the full length
lab21-loss-received = 接收方读到
    .en = the receiver read
lab21-wire-loss = 接收方一侧的线路上
    .en = on the wire at the receiver
lab21-loss-queued = 读完 #5 后仍在队列中的字节（FIONREAD）
    .en = bytes still queued once #5 was read (FIONREAD)
lab21-loss-so-error = 发送方、接收方的 SO_ERROR
    .en = SO_ERROR of the sender, of the receiver
lab21-reorder-received = #2 被扣住直到 #3 通过：接收方读到
    .en = #2 held back until #3 passed: the receiver read
lab21-reorder-sends = 返回完整长度的发送次数
    .en = sends that returned the full length
lab21-duplicate-received = 中继把 #2 发了两次：接收方读到
    .en = #2 sent twice by the relay: the receiver read
lab21-stop-and-wait-transmissions = 停等，第 1 次传输被丢弃：消息发送的次数
    .en = stop-and-wait, 1st transmission dropped: times the message was sent
lab21-stop-and-wait-deliveries = 接收方收到的次数
    .en = times the receiver got it
lab21-wire-stop-and-wait = 接收方一侧的线路上：这次交换的前几个数据报
    .en = on the wire at the receiver: the first datagrams of the exchange
lab21-stop-and-wait-time = 直到收到 ack 的时间（200 ms 超时，再加一个往返）
    .en = time until the ack (the 200 ms timeout, then a round trip)

## Narration (--step): what is about to happen, and what to watch

lab21-step-1 = 五个数据报 #1 到 #5；中继丢弃 #3。
    .en = Five datagrams #1 to #5; the relay drops #3.
lab21-step-1-watch = 每次发送都成功，接收方读到 #1 #2 #4 #5，队列里再没有别的。
    .en = every send succeeded, the receiver read #1 #2 #4 #5, and nothing else is queued.
lab21-step-2 = 三个数据报；中继扣住 #2，直到 #3 通过。
    .en = Three datagrams; the relay holds #2 back until #3 has passed.
lab21-step-2-watch = 接收方读到 #1 #3 #2。
    .en = the receiver reads #1 #3 #2.
lab21-step-3 = 三个数据报；中继把 #2 发两次。
    .en = Three datagrams; the relay sends #2 twice.
lab21-step-3-watch = 接收方读到 #1 #2 #2 #3。
    .en = the receiver reads #1 #2 #2 #3.
lab21-step-4 = 停等：发送，等待 ack 200 ms，没等到就再发；中继丢弃第一次传输。
    .en = Stop-and-wait: send, wait 200 ms for an ack, send again; the relay drops the first transmission.
lab21-step-4-watch = 两次传输，一次送达，至少花了 200 ms。
    .en = two transmissions, one delivery, and at least 200 ms spent.
