# Lab 3 · udp-truncation: socklab run 3 --lang zh-CN

## The lab

lab3-title = UDP truncation
    .en = UDP truncation
lab3-shows = a datagram bigger than the recv buffer is cut and the rest discarded
    .en = a datagram bigger than the recv buffer is cut and the rest discarded
lab3-summary =
    UDP keeps message boundaries, so a datagram larger than the receive buffer is cut:
    the tail is discarded, not kept for the next recv. MSG_TRUNC is the only sign.
    Also: empty datagrams, the 65507-byte limit, and UTF-8 cut mid-character.
    .en =
        UDP keeps message boundaries, so a datagram larger than the receive buffer is cut:
        the tail is discarded, not kept for the next recv. MSG_TRUNC is the only sign.
        Also: empty datagrams, the 65507-byte limit, and UTF-8 cut mid-character.

## Checks (id after the lab number, as in --format json)

lab3-recv-8-of-10 = recv(8) of b"1234567890"
    .en = recv(8) of b"1234567890"
lab3-recv-8-of-10-flag = MSG_TRUNC flag on that recv(8)
    .en = MSG_TRUNC flag on that recv(8)
lab3-recv-3-of-5 = recv(3) of b"12345"
    .en = recv(3) of b"12345"
lab3-recv-3-of-5-flag = MSG_TRUNC flag on that recv(3)
    .en = MSG_TRUNC flag on that recv(3)
lab3-recv-1-of-3 = recv(1) of b"123"
    .en = recv(1) of b"123"
lab3-recv-1-of-3-flag = MSG_TRUNC flag on that recv(1)
    .en = MSG_TRUNC flag on that recv(1)
lab3-wire-course-datagrams = on the wire: UDP payload of each datagram
    .en = on the wire: UDP payload of each datagram
lab3-tails-discarded = next recv after the three cut datagrams
    .en = next recv after the three cut datagrams
lab3-msg-trunc-real-size = recv(4, MSG_TRUNC) return value (real size)
    .en = recv(4, MSG_TRUNC) return value (real size)
lab3-msg-trunc-copied = bytes actually copied into the 4-byte buffer
    .en = bytes actually copied into the 4-byte buffer
lab3-empty-sent = sendto(b"") return value
    .en = sendto(b"") return value
lab3-wire-empty-datagram = on the wire: its UDP length field
    .en = on the wire: its UDP length field
lab3-empty-received = recv after sendto(b"")
    .en = recv after sendto(b"")
lab3-empty-then-next = the recv after that
    .en = the recv after that
lab3-max-payload-sent = sendto of 65507 bytes
    .en = sendto of 65507 bytes
lab3-max-payload-received = bytes received in one recv
    .en = bytes received in one recv
lab3-over-max-payload = sendto of 65508 bytes
    .en = sendto of 65508 bytes
lab3-wire-size-limit = on the wire: datagrams of 65507 and of 65508 bytes
    .en = on the wire: datagrams of 65507 and of 65508 bytes
lab3-utf8-cut = decode recv(7) of "你好世界" (12 bytes) as UTF-8
    .en = decode recv(7) of "你好世界" (12 bytes) as UTF-8

## Narration (--step): what is about to happen, and what to watch

lab3-step-1 = Three datagrams, b"1234567890", b"12345", b"123", read with buffers of 8, 3 and 1 bytes.
    .en = Three datagrams, b"1234567890", b"12345", b"123", read with buffers of 8, 3 and 1 bytes.
lab3-step-1-watch = the cut datagrams, the MSG_TRUNC flag, and that the next read starts at the next datagram.
    .en = the cut datagrams, the MSG_TRUNC flag, and that the next read starts at the next datagram.
lab3-step-2 = recv(4) with the MSG_TRUNC flag on a 10-byte datagram.
    .en = recv(4) with the MSG_TRUNC flag on a 10-byte datagram.
lab3-step-2-watch = the return value is the real size, 10.
    .en = the return value is the real size, 10.
lab3-step-3 = sendto(b""): an empty datagram.
    .en = sendto(b""): an empty datagram.
lab3-step-3-watch = a 0-byte read that is a message, not end of file.
    .en = a 0-byte read that is a message, not end of file.
lab3-step-4 = A 65507-byte datagram, then one of 65508 bytes.
    .en = A 65507-byte datagram, then one of 65508 bytes.
lab3-step-4-watch = EMSGSIZE for the second.
    .en = EMSGSIZE for the second.
lab3-step-5 = "你好世界" (12 bytes) received with a 7-byte buffer.
    .en = "你好世界" (12 bytes) received with a 7-byte buffer.
lab3-step-5-watch = the decode error after byte 6.
    .en = the decode error after byte 6.
