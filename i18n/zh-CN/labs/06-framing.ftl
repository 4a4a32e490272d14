# Lab 6 · framing: socklab run 6 --lang zh-CN

## The lab

lab6-title = Framing: the fixes for sticky packets
    .en = Framing: the fixes for sticky packets
lab6-shows = no framing vs recv_ready vs a 4-byte length vs a JSON header on the same traffic; header bugs
    .en = no framing vs recv_ready vs a 4-byte length vs a JSON header on the same traffic; header bugs
lab6-summary =
    300 seeded messages (0 B to 96 KiB) read with seeded random recv sizes: without framing
    the boundaries are lost; length-as-text + recv_ready, a 4-byte length and the header
    dictionary recover every message. Also: round trips, the three-send stall, header bugs,
    and the course's own receive loops beside their fixes.
    .en =
        300 seeded messages (0 B to 96 KiB) read with seeded random recv sizes: without framing
        the boundaries are lost; length-as-text + recv_ready, a 4-byte length and the header
        dictionary recover every message. Also: round trips, the three-send stall, header bugs,
        and the course's own receive loops beside their fixes.

## Checks (id after the lab number, as in --format json)

lab6-naive-intact = no framing: messages recovered intact
    .en = no framing: messages recovered intact
lab6-naive-recvs = recvs the receiver took as messages
    .en = recvs the receiver took as messages
lab6-naive-bytes = bytes delivered (none lost, boundaries gone)
    .en = bytes delivered (none lost, boundaries gone)
lab6-recv-ready-intact = length as text + recv_ready: messages intact
    .en = length as text + recv_ready: messages intact
lab6-recv-ready-round-trips = round trips per message (client segments)
    .en = round trips per message (client segments)
lab6-header-intact = 4-byte big-endian length: messages intact
    .en = 4-byte big-endian length: messages intact
lab6-dict-intact = header dictionary (JSON): messages intact
    .en = header dictionary (JSON): messages intact
lab6-recv-ready-empty-held = recv_ready, Nagle on, b"" b"a" b"" b"b": requests Nagle held
    .en = recv_ready, Nagle on, b"" b"a" b"" b"b": requests Nagle held
lab6-recv-ready-empty-stall = what each of those fetches took
    .en = what each of those fetches took
lab6-three-sends-time = header dict as 3 sends, Nagle on: per message
    .en = header dict as 3 sends, Nagle on: per message
lab6-three-sends-segments = data segments per message (median)
    .en = data segments per message (median)
lab6-one-write-time = header dict as 1 write, Nagle on: per message
    .en = header dict as 1 write, Nagle on: per message
lab6-struct-i-minus-one = length -1 packed '<i', read as big-endian u32
    .en = length -1 packed '<i', read as big-endian u32
lab6-hostile-header-decoder = capped decoder (max 16 MiB) on that header
    .en = capped decoder (max 16 MiB) on that header
lab6-hostile-header-capacity = memory it reserved for the body
    .en = memory it reserved for the body
lab6-struct-i-byte-order = length 100 packed '<i', read as big-endian u32
    .en = length 100 packed '<i', read as big-endian u32
lab6-byte-order-decoder = capped decoder on that header
    .en = capped decoder on that header
lab6-struct-i-range = length 2**31 as big-endian u32, read with '>i'
    .en = length 2**31 as big-endian u32, read with '>i'
lab6-eof-inside-frame = EOF after 10 of 100 body bytes (bug G.4)
    .en = EOF after 10 of 100 body bytes (bug G.4)
lab6-no-recv-ready-glued = length as text, no recv_ready: recv(1024) gets
    .en = length as text, no recv_ready: recv(1024) gets
lab6-no-recv-ready-int = int() of it
    .en = int() of it
lab6-recv-ready-length = with recv_ready: recv(1024), int(), the data
    .en = with recv_ready: recv(1024), int(), the data
lab6-greedy-length-recv = recv(1024) for the 4-byte length takes
    .en = recv(1024) for the 4-byte length takes
lab6-greedy-length-unpack = struct.unpack('i', them)
    .en = struct.unpack('i', them)
lab6-exact-length-recv = reading exactly 4 bytes: the length
    .en = reading exactly 4 bytes: the length
lab6-unlooped-header-recv = unlooped recv(38) of a header still arriving
    .en = unlooped recv(38) of a header still arriving
lab6-unlooped-header-json = json.loads(them)
    .en = json.loads(them)
lab6-looped-header-json = recv in a loop until 38, then json.loads
    .en = recv in a loop until 38, then json.loads
lab6-cumulative-count-read = recv_size += len(res), 5000-byte body: read
    .en = recv_size += len(res), 5000-byte body: read
lab6-cumulative-count-left = left in the stream, read as the next message
    .en = left in the stream, read as the next message
lab6-chunk-count-read = recv_size += len(data): read
    .en = recv_size += len(data): read

## Narration (--step): what is about to happen, and what to watch

lab6-step-1 = 300 messages of seeded random sizes sent back to back, read with random recv sizes and no framing.
    .en = 300 messages of seeded random sizes sent back to back, read with random recv sizes and no framing.
lab6-step-1-watch = how many messages come out intact: none.
    .en = how many messages come out intact: none.
lab6-step-2 = The same traffic with one of the course's framing protocols.
    .en = The same traffic with one of the course's framing protocols.
lab6-step-2-watch = all 300 intact, and the round trips each protocol needs.
    .en = all 300 intact, and the round trips each protocol needs.
lab6-step-3 = recv_ready with Nagle on: a warm-up, then b"", b"a", b"", b"b".
    .en = recv_ready with Nagle on: a warm-up, then b"", b"a", b"", b"b".
lab6-step-3-watch = the request right after each empty message is held for a delayed ACK.
    .en = the request right after each empty message is held for a delayed ACK.
lab6-step-4 = The header dictionary sent as three small sends, then as one write, with Nagle on.
    .en = The header dictionary sent as three small sends, then as one write, with Nagle on.
lab6-step-4-watch = ~40 ms per message for three sends, microseconds for one write.
    .en = ~40 ms per message for three sends, microseconds for one write.
lab6-step-5 = What the course's struct 'i' header does when it is negative, huge or read in the wrong byte order.
    .en = What the course's struct 'i' header does when it is negative, huge or read in the wrong byte order.
lab6-step-5-watch = the capped decoder refusing before it allocates.
    .en = the capped decoder refusing before it allocates.
lab6-step-6 = The course's receive loops as students copy them, each beside its fix.
    .en = The course's receive loops as students copy them, each beside its fix.
lab6-step-6-watch = the glued length text, the greedy recv(1024), the short unlooped recv and the miscount.
    .en = the glued length text, the greedy recv(1024), the short unlooped recv and the miscount.
