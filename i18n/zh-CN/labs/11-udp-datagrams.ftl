# Lab 11 · udp-datagrams: socklab run 11 --lang zh-CN

## The lab

lab11-title = UDP datagrams
    .en = UDP datagrams
lab11-shows = one sendto = one recvfrom; replies go to each sender's address; a full buffer drops datagrams
    .en = one sendto = one recvfrom; replies go to each sender's address; a full buffer drops datagrams
lab11-summary =
    Three datagrams are three reads, even when all three are waiting. One server answers
    three clients at their own addresses, and a time server answers any format, even a bad
    one. A burst into a small receive buffer loses datagrams: the kernel counts every one.
    .en =
        Three datagrams are three reads, even when all three are waiting. One server answers
        three clients at their own addresses, and a time server answers any format, even a bad
        one. A burst into a small receive buffer loses datagrams: the kernel counts every one.

## Checks (id after the lab number, as in --format json)

lab11-fionread-first-only = FIONREAD with all 3 queued (udp(7))
    .en = FIONREAD with all 3 queued (udp(7))
lab11-wire-boundaries = on the wire: UDP payload of each datagram
    .en = on the wire: UDP payload of each datagram
lab11-read-1 = recvfrom(1024) #1
    .en = recvfrom(1024) #1
lab11-read-2 = recvfrom(1024) #2
    .en = recvfrom(1024) #2
lab11-read-3 = recvfrom(1024) #3
    .en = recvfrom(1024) #3
lab11-chat-senders = chat server: distinct sender addresses
    .en = chat server: distinct sender addresses
lab11-chat-reply-alice = alice receives
    .en = alice receives
lab11-chat-reply-bob = bob receives
    .en = bob receives
lab11-chat-reply-carol = carol receives
    .en = carol receives
lab11-chat-replies-from-server = replies sent from the server's address
    .en = replies sent from the server's address
lab11-time-default = time server: b"" (default format)
    .en = time server: b"" (default format)
lab11-time-format = b"%H:%M"
    .en = b"%H:%M"
lab11-time-names = b"%A %d %B %Y"
    .en = b"%A %d %B %Y"
lab11-time-c = b"%c" (the C locale's)
    .en = b"%c" (the C locale's)
lab11-time-unknown = b"%Q" (no such directive)
    .en = b"%Q" (no such directive)
lab11-time-not-utf8 = b"\xff%Y" (not UTF-8)
    .en = b"\xff%Y" (not UTF-8)
lab11-time-oversized = a 257-byte format
    .en = a 257-byte format
lab11-time-still-up = b"%Y", after all that
    .en = b"%Y", after all that
lab11-udp-shell-two-datagrams = UDP shell, stderr + stdout as 2 datagrams: replies
    .en = UDP shell, stderr + stdout as 2 datagrams: replies
lab11-udp-shell-one-datagram = one datagram per reply
    .en = one datagram per reply
lab11-rcvbuf-doubled = SO_RCVBUF after asking for 4096 (socket(7))
    .en = SO_RCVBUF after asking for 4096 (socket(7))
lab11-burst-sent = burst: datagrams sent
    .en = burst: datagrams sent
lab11-wire-burst-datagrams = on the wire: datagrams of the burst
    .en = on the wire: datagrams of the burst
lab11-burst-lost = some never received
    .en = some never received
lab11-burst-accounted = received + kernel drops (/proc/net/udp)
    .en = received + kernel drops (/proc/net/udp)
lab11-wire-burst-dropped-at-receiver = on the wire − received = kernel drops
    .en = on the wire − received = kernel drops

## Narration (--step): what is about to happen, and what to watch

lab11-step-1 = Three datagrams sent, three read.
    .en = Three datagrams sent, three read.
lab11-step-1-watch = one sendto, one recvfrom: boundaries kept.
    .en = one sendto, one recvfrom: boundaries kept.
lab11-step-2 = Three clients talk to one UDP server (the course's QQ chat).
    .en = Three clients talk to one UDP server (the course's QQ chat).
lab11-step-2-watch = each reply goes to its own sender's address.
    .en = each reply goes to its own sender's address.
lab11-step-3 = The course's UDP time server, asked with good and bad formats.
    .en = The course's UDP time server, asked with good and bad formats.
lab11-step-3-watch = error replies for bad input, and the server still answering.
    .en = error replies for bad input, and the server still answering.
lab11-step-4 = The course's UDP remote shell: two datagrams per reply (stderr, stdout), one recvfrom per command.
    .en = The course's UDP remote shell: two datagrams per reply (stderr, stdout), one recvfrom per command.
lab11-step-4-watch = the replies shifted by one datagram: b"", b"one\n", b"", b"two\n".
    .en = the replies shifted by one datagram: b"", b"one\n", b"", b"two\n".
lab11-step-5 = A burst of datagrams into a small receive buffer.
    .en = A burst of datagrams into a small receive buffer.
lab11-step-5-watch = datagrams lost, and the kernel's own drop counter accounting for every one.
    .en = datagrams lost, and the kernel's own drop counter accounting for every one.
