# Lab 15 · hmac-auth: socklab run 15 --lang zh-CN

## The lab

lab15-title = HMAC challenge-response authentication
    .en = HMAC challenge-response authentication
lab15-shows = 32 random bytes, HMAC-SHA256, constant-time compare: right key in; no answer, wrong key, replay out
    .en = 32 random bytes, HMAC-SHA256, constant-time compare: right key in; no answer, wrong key, replay out
lab15-summary =
    The server sends 32 random bytes; the client must answer HMAC-SHA256(key, challenge).
    The right key gets b"welcome"; a client that never answers is dropped after 150 ms and
    the server serves the next one; a wrong key and a replayed old answer get b"rejected".
    .en =
        The server sends 32 random bytes; the client must answer HMAC-SHA256(key, challenge).
        The right key gets b"welcome"; a client that never answers is dropped after 150 ms and
        the server serves the next one; a wrong key and a replayed old answer get b"rejected".

## Checks (id after the lab number, as in --format json)

lab15-legit-challenge = legitimate client: the challenge it read
    .en = legitimate client: the challenge it read
lab15-legit-reply = its answer HMAC-SHA256(key, challenge) gets
    .en = its answer HMAC-SHA256(key, challenge) gets
lab15-legit-server = server
    .en = server
lab15-silent-reply = client sending b"hello", not an answer: reads
    .en = client sending b"hello", not an answer: reads
lab15-silent-wait = server waited for the answer (150 ms timeout)
    .en = server waited for the answer (150 ms timeout)
lab15-next-reply = next legitimate client gets
    .en = next legitimate client gets
lab15-challenges-differ = its challenge differs from the first
    .en = its challenge differs from the first
lab15-wrong-key-reply = client with the wrong key gets
    .en = client with the wrong key gets
lab15-replay-reply = replay of the first answer gets
    .en = replay of the first answer gets
lab15-replay-new-challenge = its challenge differs from the recorded one
    .en = its challenge differs from the recorded one

## Narration (--step): what is about to happen, and what to watch

lab15-step-1 = One server, five clients in turn: legitimate, silent, legitimate again, wrong key, replayed answer.
    .en = One server, five clients in turn: legitimate, silent, legitimate again, wrong key, replayed answer.
lab15-step-1-watch = who is welcomed, who is rejected, and that the server keeps serving after the silent one.
    .en = who is welcomed, who is rejected, and that the server keeps serving after the silent one.
