# The exercises: socklab exercise ID --lang zh-CN, socklab check ID --lang zh-CN
# Ids are only labels: socklab finds a translation by its .en text.

## Exercise 1.1 · framed-client

ex1-1-title = 发送四条消息、晚读的一方也能拆回四条的客户端
    .en = a client whose four messages a late reader gets as four
ex1-1-closed = 你的客户端发送后关闭了连接
    .en = your client closed after sending
ex1-1-late-reader-queue = 晚读方第一次 recv 时排队等待的字节数
    .en = bytes waiting for the late reader's first recv
ex1-1-messages = 按长度从字节流中切回的消息
    .en = messages cut back out of the stream by their lengths

## Exercise 1.2 · framed-server

ex1-2-title = 把四条分帧消息原样按四条读回的服务端
    .en = a server that reads four framed messages back as four
ex1-2-read-everything = 你的服务端读完了全部四条消息
    .en = your server read all four messages
ex1-2-replies = 按长度切开的回复
    .en = replies, cut by their lengths
ex1-2-closed-after-eof = 你的服务端在 socklab 的 b"" 之后关闭了连接
    .en = your server closed after socklab's b""

## Exercise 2.1 · command-client

ex2-1-title = 从不把上一个回复的尾巴显示在下一个里的远程执行命令客户端
    .en = a remote-command client that never shows one reply's tail in the next
ex2-1-command-1 = 命令 1
    .en = command 1
ex2-1-reply-1 = 发回的输出 1（3000 字节）
    .en = output 1 sent back (3000 bytes)
ex2-1-command-2 = 命令 2
    .en = command 2
ex2-1-reply-2 = 发回的输出 2（5000 字节）
    .en = output 2 sent back (5000 bytes)
ex2-1-command-3 = 命令 3
    .en = command 3
ex2-1-reply-3 = 发回的输出 3（10 字节）
    .en = output 3 sent back (10 bytes)
ex2-1-tail-in-next = 以上一份输出的尾部开头的输出
    .en = outputs that began with the tail of the one before

## Exercise 2.2 · exact-server

ex2-2-title = 按告知的长度读完整条消息的服务端
    .en = a server that reads all of a message it was told the length of
ex2-2-bytes-read = 你的服务端报告读到的正文字节数
    .en = body bytes your server says it read

## Exercise 3.1 · whole-datagrams

ex3-1-title = 完整收到每个数据报的 UDP 接收端
    .en = a UDP receiver that gets every datagram whole
ex3-1-datagram-1 = 回显的 100 字节数据报
    .en = a 100-byte datagram, echoed
ex3-1-datagram-2 = 回显的 2000 字节数据报
    .en = a 2000-byte datagram, echoed
ex3-1-datagram-3 = 回显的 9000 字节数据报
    .en = a 9000-byte datagram, echoed

## Exercise 6.1 · header-client

ex6-1-title = 经得住 total_size 0、被切开的正文和 EOF 的报头字典客户端
    .en = a header-dictionary client that survives total_size 0, a cut body and EOF
ex6-1-empty-body = 对 total_size 为 0 的消息的回复
    .en = answer to the total_size 0 message
ex6-1-cut-body = 对分块发送的 20000 字节消息的回复
    .en = answer to the 20000-byte message sent in pieces
ex6-1-eof-mid-message = socklab 在消息中途关闭后，你的程序
    .en = after socklab closed mid-message, your program

## Exercise 6.2 · header-server

ex6-2-title = 经得住 total_size 0、被切开的正文和 EOF 的报头字典服务端
    .en = a header-dictionary server that survives total_size 0, a cut body and EOF
ex6-2-empty-body = 对 total_size 为 0 的消息的回复
    .en = answer to the total_size 0 message
ex6-2-cut-body = 对分块发送的 20000 字节消息的回复
    .en = answer to the 20000-byte message sent in pieces
ex6-2-eof-mid-message = socklab 在消息中途关闭后，你的程序
    .en = after socklab closed mid-message, your program

## Exercise 7.1 · notices-eof

ex7-1-title = 察觉客户端已离开（b""）而不空转的服务端
    .en = a server that notices its client left (b"") instead of spinning
ex7-1-echo = 对 b"hello" 的回复
    .en = answer to b"hello"
ex7-1-closed-after-eof = socklab 执行 shutdown 之后，你的服务端
    .en = after socklab's shutdown, your server
ex7-1-second-client = 对第二个客户端的回复
    .en = answer to a second client

## Exercise 7.2 · half-close-client

ex7-2-title = 用 shutdown 表明发送完毕、并读完整个回复的客户端
    .en = a client that says it is done with shutdown and reads the whole answer
ex7-2-request = 你的请求
    .en = your request
ex7-2-fin-after-request = 请求之后
    .en = after the request
ex7-2-read-whole-answer = 读完回复之后，你的客户端
    .en = your client, having read the answer

## Exercise 8.1 · send-loop

ex8-1-title = 只用 send() 就送达每一个字节的发送端
    .en = a sender that delivers every byte with send() alone
ex8-1-buffers-filled = socklab 读取之前，你的客户端已阻塞或关闭
    .en = your client blocked or closed before socklab read
ex8-1-bytes-received = 你的客户端关闭前 socklab 收到的字节数
    .en = bytes socklab received before your client closed
ex8-1-in-order = 收到的字节与 data 相比
    .en = the bytes received, compared with data
ex8-1-closed = 你的客户端如何结束
    .en = how your client ended

## Exercise 11.1 · time-client

ex11-1-title = UDP 时间客户端：回复丢失时会再请求一次
    .en = the UDP time client, which asks again when an answer is lost
ex11-1-request = 你的请求
    .en = your request
ex11-1-asked-again = 直到得到回复为止的请求次数（第一个会被丢弃；0.5 s 后再请求）
    .en = requests until one was answered (the first is dropped; ask again after 0.5 s)
ex11-1-reported = 你的客户端收到并发回的回复
    .en = the answer your client got, sent back

## Exercise 11.2 · time-server

ex11-2-title = UDP 时间服务端，连空数据报也要应答
    .en = the UDP time server, empty datagram included
ex11-2-year = 对 b"%Y" 的回复的形状
    .en = answer to b"%Y", its shape
ex11-2-default-format = 对空数据报的回复的形状
    .en = answer to the empty datagram, its shape

## Exercise 14.1 · threaded-server

ex14-1-title = 第一个客户端还在时就能应答第二个客户端的服务端
    .en = a server that answers a second client while the first is still there
ex14-1-second-client-served = 第一个客户端仍连着时，对第二个客户端的回复
    .en = answer to the second client, the first still connected
ex14-1-first-client-served = 随后对第一个客户端的回复
    .en = answer to the first client, afterwards

## Exercise 15.1 · hmac-sha256-client

ex15-1-title = 回答服务端挑战的 HMAC-SHA256 客户端
    .en = an HMAC-SHA256 client that answers the server's challenge
ex15-1-answer-length = 你的回答的字节数（HMAC-SHA256）
    .en = bytes of your answer (HMAC-SHA256)
ex15-1-hmac = 你的回答，即 HMAC-SHA256(key, challenge)
    .en = your answer, HMAC-SHA256(key, challenge)
ex15-1-hello = 通过认证后，你的客户端发送了
    .en = once in, your client said

## Exercise 15.2 · hmac-md5-client

ex15-2-title = 本课程的 HMAC-MD5 客户端，用的是真正的 HMAC
    .en = the course's HMAC-MD5 client, a real HMAC
ex15-2-answer-length = 你的回答的字节数（HMAC-MD5）
    .en = bytes of your answer (HMAC-MD5)
ex15-2-hmac = 你的回答，即 HMAC-MD5(key, challenge)
    .en = your answer, HMAC-MD5(key, challenge)
ex15-2-hello = 通过认证后，你的客户端发送了
    .en = once in, your client said

## Exercise 15.3 · hmac-server

ex15-3-title = 只让知道密钥的客户端通过的 HMAC-SHA256 服务端
    .en = an HMAC-SHA256 server that lets in only who knows the key
ex15-3-challenge-length = 你的挑战的字节数
    .en = bytes of your challenge
ex15-3-right-answer-accepted = 正确的回答和 b"hello" 之后
    .en = after the right answer and b"hello"
ex15-3-wrong-answer-refused = 错误的回答和 b"hello" 之后
    .en = after a wrong answer and b"hello"
ex15-3-fresh-challenge = 每个客户端一个新的挑战
    .en = a new challenge for each client

## Exercise 16.1 · put-client

ex16-1-title = 上传的文件到达后摘要一致的 put 客户端
    .en = a put client whose file arrives with a matching digest
ex16-1-cmd = 报头中的 cmd
    .en = the header's cmd
ex16-1-filename = 报头中的 filename
    .en = the header's filename
ex16-1-filesize = 报头中的 filesize（字节）
    .en = the header's filesize (bytes)
ex16-1-digest = 报头之后 filesize 个字节的 SHA-256
    .en = SHA-256 of the filesize bytes after the header
ex16-1-closed = 发完文件之后，你的客户端
    .en = after the file, your client
ex16-1-filesize-2 = 报头中的 filesize
    .en = the header's filesize

## Exercise 16.2 · put-server

ex16-2-title = 保存上传的每一个字节的 put 服务端
    .en = a put server that stores every byte of the upload
ex16-2-closed = socklab 上传完并发出 FIN 之后，你的服务端
    .en = after socklab's upload and FIN, your server
ex16-2-saved-size = SOCKLAB_DIR/upload.txt 的字节数
    .en = bytes in SOCKLAB_DIR/upload.txt
ex16-2-saved-digest = 保存下来的文件的 SHA-256
    .en = SHA-256 of the saved file

## Exercise 17.1 · shell-client

ex17-1-title = 分帧远程 shell 的客户端
    .en = a client for the framed remote shell
ex17-1-output-1 = 发回的输出 1（0 字节）
    .en = output 1 (0 bytes), sent back
ex17-1-output-2 = 发回的输出 2（40000 字节）
    .en = output 2 (40000 bytes), sent back
ex17-1-output-3 = 发回的输出 3（148 字节）
    .en = output 3 (148 bytes), sent back
ex17-1-command-1 = 命令 1
    .en = command 1
ex17-1-command-2 = 命令 2
    .en = command 2
ex17-1-command-3 = 命令 3
    .en = command 3

## Exercise 17.2 · shell-server

ex17-2-title = total_size 按字节计数的分帧远程 shell
    .en = a framed remote shell whose total_size counts bytes
ex17-2-size-in-bytes = 对 `echo 粘包` 的回复（7 个字节，3 个字符）
    .en = answer to `echo 粘包` (7 bytes, 3 characters)
ex17-2-empty-output = 对 `true` 的回复（没有输出）
    .en = answer to `true` (no output)
ex17-2-long-output = 对 `seq 1 20000` 的回复
    .en = answer to `seq 1 20000`
