# Lab 15 · hmac-auth: socklab run 15 --lang zh-CN

## The lab

lab15-title = HMAC 挑战-应答认证
    .en = HMAC challenge-response authentication
lab15-shows = 32 个随机字节、HMAC-SHA256、恒定时间比较：密钥正确则放行；不应答、密钥错误、重放都被拒之门外
    .en = 32 random bytes, HMAC-SHA256, constant-time compare: right key in; no answer, wrong key, replay out
lab15-summary =
    服务端发送 32 个随机字节，客户端必须应答 HMAC-SHA256(key, challenge)。
    密钥正确得到 b"welcome"；从不应答的客户端 150 ms 后被断开，服务端
    接着服务下一个；密钥错误和重放旧应答都得到 b"rejected"。
    .en =
        The server sends 32 random bytes; the client must answer HMAC-SHA256(key, challenge).
        The right key gets b"welcome"; a client that never answers is dropped after 150 ms and
        the server serves the next one; a wrong key and a replayed old answer get b"rejected".

## Checks (id after the lab number, as in --format json)

lab15-legit-challenge = 合法客户端：它读到的挑战
    .en = legitimate client: the challenge it read
lab15-legit-reply = 它应答 HMAC-SHA256(key, challenge)，得到
    .en = its answer HMAC-SHA256(key, challenge) gets
lab15-legit-server = 服务端
    .en = server
lab15-silent-reply = 发送 b"hello" 而非应答的客户端：读到
    .en = client sending b"hello", not an answer: reads
lab15-silent-wait = 服务端等待应答的时间（150 ms 超时）
    .en = server waited for the answer (150 ms timeout)
lab15-next-reply = 下一个合法客户端得到
    .en = next legitimate client gets
lab15-challenges-differ = 它的挑战与第一个不同
    .en = its challenge differs from the first
lab15-wrong-key-reply = 密钥错误的客户端得到
    .en = client with the wrong key gets
lab15-replay-reply = 重放第一次的应答，得到
    .en = replay of the first answer gets
lab15-replay-new-challenge = 它的挑战与录下的那个不同
    .en = its challenge differs from the recorded one

## Narration (--step): what is about to happen, and what to watch

lab15-step-1 = 一个服务端，依次迎来五个客户端：合法的、不应答的、又一个合法的、密钥错误的、重放应答的。
    .en = One server, five clients in turn: legitimate, silent, legitimate again, wrong key, replayed answer.
lab15-step-1-watch = 谁被欢迎，谁被拒绝；以及在不应答的客户端之后，服务端仍在继续服务。
    .en = who is welcomed, who is rejected, and that the server keeps serving after the silent one.
