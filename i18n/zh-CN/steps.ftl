# What socklab was doing when a call failed: "error: lab 3: <this>: <the OS error>".
# Ids are only labels: socklab finds a translation by its .en text.


## src/bench/codec.rs

step-bench-codec-1 = 连接一对回环套接字
    .en = connecting a loopback pair
step-bench-codec-2 = 统计到达的数据
    .en = counting what arrived
step-bench-codec-3 = 等待发送线程结束 (join)
    .en = joining the sender
step-bench-codec-4 = 接收
    .en = receiving
step-bench-codec-5 = 发送
    .en = sending

## src/bench/commands.rs

step-bench-commands-6 = 查找 socklab 可执行文件
    .en = finding the socklab binary

## src/bench/latency.rs

step-bench-latency-7 = 查询本线程所在的 CPU
    .en = asking which CPU this thread is on
step-bench-latency-8 = 绑定到一个 CPU
    .en = pinning to one CPU

## src/exercises/conversation.rs

step-exercises-conversation-9 = shutdown(SHUT_WR)
    .en = shutdown(SHUT_WR)

## src/exercises/file_transfer.rs

step-exercises-file-transfer-10 = 写入要上传的文件
    .en = write the file to upload

## src/exercises/hmac_auth.rs

step-exercises-hmac-auth-11 = 获取随机字节 (getrandom)
    .en = get random bytes (getrandom)

## src/exercises/session.rs

step-exercises-session-12 = FIONREAD
    .en = FIONREAD
step-exercises-session-13 = accept
    .en = accept
step-exercises-session-14 = 向内核查询你的程序的套接字 (sock_diag)
    .en = ask the kernel about your program's socket (sock_diag)
step-exercises-session-15 = bind 127.0.0.1:0
    .en = bind 127.0.0.1:0
step-exercises-session-16 = connect UDP 套接字
    .en = connect the UDP socket
step-exercises-session-17 = listen
    .en = listen
step-exercises-session-18 = 创建 UDP 套接字
    .en = make a UDP socket
step-exercises-session-19 = 创建套接字
    .en = make a socket
step-exercises-session-20 = 读取 /proc/net/udp
    .en = read /proc/net/udp
step-exercises-session-21 = 读取 SO_ERROR
    .en = read SO_ERROR
step-exercises-session-22 = 读取 TCP_INFO
    .en = read TCP_INFO
step-exercises-session-23 = 读取它的地址
    .en = read its address
step-exercises-session-24 = 读取 socklab 的地址
    .en = read socklab's address
step-exercises-session-25 = 设置 TCP_NODELAY
    .en = set TCP_NODELAY
step-exercises-session-26 = 设置发送超时
    .en = set a send timeout

## src/exercises/udp.rs

step-exercises-udp-27 = sendto
    .en = sendto

## src/lab.rs

step-lab-28 = 绑定接收端
    .en = binding the receiver
step-lab-29 = 结束抓包
    .en = finishing the capture
step-lab-30 = 在 lo 上开始抓包
    .en = starting the capture on lo

## src/labs/backlog.rs

step-labs-backlog-31 = accept 一个连接
    .en = accepting one connection
step-labs-backlog-32 = 向 sock_diag 查询迟到客户端的连接请求
    .en = asking sock_diag for the late client's request
step-labs-backlog-33 = 绑定不监听的套接字
    .en = binding the non-listening socket
step-labs-backlog-34 = 连接第二个客户端
    .en = connecting the second client
step-labs-backlog-35 = 连接它
    .en = connecting to it
step-labs-backlog-36 = 创建迟到的客户端
    .en = creating the late client
step-labs-backlog-37 = 创建不监听的套接字
    .en = creating the non-listening socket
step-labs-backlog-38 = 查找迟到客户端的连接请求
    .en = finding the late client's request
step-labs-backlog-39 = 以 backlog 0 监听
    .en = listening with backlog 0
step-labs-backlog-40 = 以 backlog 2 监听
    .en = listening with backlog 2
step-labs-backlog-41 = 以 backlog 5 监听
    .en = listening with backlog 5
step-labs-backlog-42 = 把 connect 设为非阻塞
    .en = making the connect non-blocking
step-labs-backlog-43 = 读取 SO_ERROR
    .en = reading SO_ERROR
step-labs-backlog-44 = 读取一个客户端的地址
    .en = reading a client's address
step-labs-backlog-45 = 读取它的地址
    .en = reading its address
step-labs-backlog-46 = 读取全连接队列 (accept 队列)
    .en = reading the accept queue
step-labs-backlog-47 = 读取迟到客户端的地址
    .en = reading the late client's address
step-labs-backlog-48 = 发起 connect
    .en = starting a connect
step-labs-backlog-49 = accept 之后发起 connect
    .en = starting a connect after accept
step-labs-backlog-50 = 向已满的队列发起 connect
    .en = starting connects to the full queue
step-labs-backlog-51 = 再发起一个 connect
    .en = starting one more connect
step-labs-backlog-52 = 发起迟到客户端的 connect
    .en = starting the late client's connect
step-labs-backlog-53 = 关闭 TCP_QUICKACK
    .en = turning TCP_QUICKACK off
step-labs-backlog-54 = 等待 SYN-ACK
    .en = waiting for the SYN-ACK
step-labs-backlog-55 = 等待连接进入全连接队列
    .en = waiting for the connection to reach the accept queue
step-labs-backlog-56 = 等待第一次 SYN-ACK 重传
    .en = waiting for the first SYN-ACK retransmission
step-labs-backlog-57 = 观察它的三次握手
    .en = watching its handshake
step-labs-backlog-58 = 观察三次握手
    .en = watching the handshake
step-labs-backlog-59 = 观察各次三次握手
    .en = watching the handshakes

## src/labs/close_and_reset.rs

step-labs-close-and-reset-60 = 查询 FIONREAD
    .en = asking FIONREAD
step-labs-close-and-reset-61 = 绑定 UDP 接收端
    .en = binding the UDP receiver
step-labs-close-and-reset-62 = 绑定 UDP 发送端
    .en = binding the UDP sender
step-labs-close-and-reset-63 = 客户端 send(b"")
    .en = client send(b"")
step-labs-close-and-reset-64 = 客户端发送 b"dir"
    .en = client sending b"dir"
step-labs-close-and-reset-65 = 连接客户端和服务端
    .en = connecting client and server
step-labs-close-and-reset-66 = 读取 TCP_INFO
    .en = reading TCP_INFO
step-labs-close-and-reset-67 = send(b"") 之后读取 TCP_INFO
    .en = reading TCP_INFO after send(b"")
step-labs-close-and-reset-68 = send(b"") 之前读取 TCP_INFO
    .en = reading TCP_INFO before send(b"")
step-labs-close-and-reset-69 = 读取客户端的地址
    .en = reading the client's address
step-labs-close-and-reset-70 = 读取服务端的 TCP_INFO
    .en = reading the server's TCP_INFO
step-labs-close-and-reset-71 = 读取服务端的地址
    .en = reading the server's address
step-labs-close-and-reset-72 = 读取线程的 CPU 时间
    .en = reading the thread's CPU time
step-labs-close-and-reset-73 = 接收空数据报
    .en = receiving the empty datagram
step-labs-close-and-reset-74 = sendto(b"")
    .en = sendto(b"")
step-labs-close-and-reset-75 = 客户端退出后服务端 recv
    .en = server recv after the client quit
step-labs-close-and-reset-76 = 把 SO_LINGER 设为 0
    .en = setting SO_LINGER to 0
step-labs-close-and-reset-77 = 给服务端设置较短的 SO_RCVTIMEO
    .en = setting the server's short SO_RCVTIMEO
step-labs-close-and-reset-78 = 带检查的循环中的 recv
    .en = the checked loop's recv
step-labs-close-and-reset-79 = 带检查的循环中的 send
    .en = the checked loop's send
step-labs-close-and-reset-80 = 等待 TCP 状态变化
    .en = waiting for a TCP state change
step-labs-close-and-reset-81 = 等待 b"dir" 到达
    .en = waiting for b"dir" to arrive

## src/labs/concurrency.rs

step-labs-concurrency-82 = 在客户端 2 上查询 FIONREAD
    .en = asking FIONREAD at client 2
step-labs-concurrency-83 = 客户端 1 读取它的回复
    .en = client 1 reading its answer
step-labs-concurrency-84 = 客户端 1 发送它的请求
    .en = client 1 sending its request
step-labs-concurrency-85 = 客户端 2 发送它的请求
    .en = client 2 sending its request
step-labs-concurrency-86 = 连接客户端 1
    .en = connecting client 1
step-labs-concurrency-87 = 连接客户端 2
    .en = connecting client 2
step-labs-concurrency-88 = 为迭代式服务端监听
    .en = listening for the iterative server
step-labs-concurrency-89 = 为多线程服务端监听
    .en = listening for the threaded server
step-labs-concurrency-90 = 读取客户端 2 的 TCP_INFO
    .en = reading client 2's TCP_INFO
step-labs-concurrency-91 = 读取监听套接字的全连接队列
    .en = reading the listener's accept queue
step-labs-concurrency-92 = 运行迭代式服务端
    .en = running the iterative server
step-labs-concurrency-93 = 运行多线程服务端
    .en = running the threaded server
step-labs-concurrency-94 = 等待客户端 1 退出
    .en = waiting for client 1's exit

## src/labs/delay_and_window.rs

step-labs-delay-and-window-95 = 连接
    .en = connecting
step-labs-delay-and-window-96 = 创建客户端
    .en = creating the client
step-labs-delay-and-window-97 = 在服务端的网络命名空间中监听
    .en = listening in the server's namespace
step-labs-delay-and-window-98 = 再次读取 TCP_INFO
    .en = reading TCP_INFO again
step-labs-delay-and-window-99 = 读取批量传输监听套接字的地址
    .en = reading the bulk listener's address
step-labs-delay-and-window-100 = 读取监听套接字的地址
    .en = reading the listener's address
step-labs-delay-and-window-101 = 接收回复
    .en = receiving the answer
step-labs-delay-and-window-102 = 发送实验 1 的消息
    .en = sending lab 1's messages
step-labs-delay-and-window-103 = 发送正文
    .en = sending the body
step-labs-delay-and-window-104 = 发送报头
    .en = sending the header
step-labs-delay-and-window-105 = 发送请求
    .en = sending the request
step-labs-delay-and-window-106 = 提供服务
    .en = serving
step-labs-delay-and-window-107 = 启动服务端
    .en = starting the server
step-labs-delay-and-window-108 = 建立吞吐量测试连接
    .en = starting the throughput connection
step-labs-delay-and-window-109 = 吞吐量测试连接
    .en = the throughput connection
step-labs-delay-and-window-110 = 等待实验 1 的消息发出
    .en = waiting for lab 1's messages to leave

## src/labs/encodings.rs

step-labs-encodings-111 = recv 剩余部分
    .en = recv of the rest
step-labs-encodings-112 = recv(1024) 读取 GBK 行
    .en = recv(1024) of the GBK line
step-labs-encodings-113 = recv(k) 读取文本
    .en = recv(k) of the text
step-labs-encodings-114 = 发送 GBK 行
    .en = sending the GBK line
step-labs-encodings-115 = 发送文本
    .en = sending the text
step-labs-encodings-116 = 等待 GBK 行
    .en = waiting for the GBK line
step-labs-encodings-117 = 等待文本
    .en = waiting for the text

## src/labs/file_transfer.rs

step-labs-file-transfer-118 = accept 上传连接
    .en = accepting the upload
step-labs-file-transfer-119 = 连接发送端
    .en = connecting the sender
step-labs-file-transfer-120 = 创建接收文件夹
    .en = creating the receive folder
step-labs-file-transfer-121 = 监听上传
    .en = listening for the upload
step-labs-file-transfer-122 = 列出接收文件夹
    .en = listing the receive folder
step-labs-file-transfer-123 = 读取它写入的文件
    .en = reading the file it wrote
step-labs-file-transfer-124 = 发送正文的一块
    .en = sending a chunk of the body
step-labs-file-transfer-125 = 发送上传的文件
    .en = sending the upload
step-labs-file-transfer-126 = 本课程的接收端
    .en = the course's receiver

## src/labs/file_transfer/course.rs

step-labs-file-transfer-course-127 = 创建实验的文件夹
    .en = creating the lab's folder
step-labs-file-transfer-course-128 = 创建上传文件夹
    .en = creating the upload folder
step-labs-file-transfer-course-129 = 列出文件夹
    .en = listing the folder
step-labs-file-transfer-course-130 = 解析报头
    .en = parsing the header
step-labs-file-transfer-course-131 = 读取报头
    .en = reading the header
step-labs-file-transfer-course-132 = 读取长度
    .en = reading the length
step-labs-file-transfer-course-133 = 读取剩余部分
    .en = reading what is left
step-labs-file-transfer-course-134 = recv(1500)
    .en = recv(1500)
step-labs-file-transfer-course-135 = 执行对应的方法
    .en = running the method
step-labs-file-transfer-course-136 = 发送一行
    .en = sending a line
step-labs-file-transfer-course-137 = 发送文件的剩余部分
    .en = sending the rest of the file
step-labs-file-transfer-course-138 = 存入一个文件
    .en = storing a file
step-labs-file-transfer-course-139 = 等待这一行
    .en = waiting for the line
step-labs-file-transfer-course-140 = 等待剩余部分
    .en = waiting for the rest
step-labs-file-transfer-course-141 = 写入本课程会写入的位置
    .en = writing where the course writes

## src/labs/framing.rs

step-labs-framing-142 = 回复 b"recv_ready"
    .en = answering b"recv_ready"
step-labs-framing-143 = 关闭客户端
    .en = closing the client
step-labs-framing-144 = 关闭发送端
    .en = closing the sender
step-labs-framing-145 = 编码 2 GiB 的长度
    .en = encoding a 2 GiB length
step-labs-framing-146 = 编码一帧
    .en = encoding a frame
step-labs-framing-147 = 用 recv_ready 取数据
    .en = fetching with recv_ready
step-labs-framing-148 = 读取 4 个字节
    .en = reading 4 bytes
step-labs-framing-149 = 一条消息之后读取 TCP_INFO
    .en = reading TCP_INFO after a message
step-labs-framing-150 = 这些消息之后读取 TCP_INFO
    .en = reading TCP_INFO after the messages
step-labs-framing-151 = 请求之后读取 TCP_INFO
    .en = reading TCP_INFO after the request
step-labs-framing-152 = 一条消息之前读取 TCP_INFO
    .en = reading TCP_INFO before a message
step-labs-framing-153 = 这些消息之前读取 TCP_INFO
    .en = reading TCP_INFO before the messages
step-labs-framing-154 = 读取数据
    .en = reading the data
step-labs-framing-155 = 读取帧
    .en = reading the frame
step-labs-framing-156 = 读取接收端的回复
    .en = reading the receiver's reply
step-labs-framing-157 = 读取报头的剩余部分
    .en = reading the rest of the header
step-labs-framing-158 = 不分帧地读取
    .en = reading without framing
step-labs-framing-159 = 接收分帧的消息
    .en = receiving framed messages
step-labs-framing-160 = 接收用于计时的消息
    .en = receiving timed messages
step-labs-framing-161 = recv(1024)
    .en = recv(1024)
step-labs-framing-162 = recv(1024) 读取长度
    .en = recv(1024) for the length
step-labs-framing-163 = 只 recv(header_len) 一次
    .en = recv(header_len) once
step-labs-framing-164 = 发送报头
    .en = sending a header
step-labs-framing-165 = 发送报头字典格式的消息
    .en = sending a header-dictionary message
step-labs-framing-166 = 发送请求
    .en = sending a request
step-labs-framing-167 = 发送一帧的一部分
    .en = sending part of a frame
step-labs-framing-168 = 发送报头的一部分
    .en = sending part of the header
step-labs-framing-169 = 发送数据
    .en = sending the data
step-labs-framing-170 = 以文本形式发送长度
    .en = sending the length as text
step-labs-framing-171 = 发送剩余部分
    .en = sending the rest
step-labs-framing-172 = 不分帧地发送
    .en = sending without framing
step-labs-framing-173 = 为分帧的消息提供服务
    .en = serving framed messages
step-labs-framing-174 = 以 recv_ready 方式提供服务
    .en = serving with recv_ready
step-labs-framing-175 = 设置 TCP_NODELAY
    .en = setting TCP_NODELAY
step-labs-framing-176 = 等待 b"recv_ready"
    .en = waiting for b"recv_ready"
step-labs-framing-177 = 等待两次发送
    .en = waiting for both sends
step-labs-framing-178 = 等待报头的一部分
    .en = waiting for part of the header
step-labs-framing-179 = 等待正文
    .en = waiting for the body
step-labs-framing-180 = 等待报头
    .en = waiting for the header
step-labs-framing-181 = 等待长度
    .en = waiting for the length
step-labs-framing-182 = 等待消息
    .en = waiting for the message

## src/labs/hmac_auth.rs

step-labs-hmac-auth-183 = 连接一个客户端
    .en = connecting a client
step-labs-hmac-auth-184 = 连接不遵守协议的客户端
    .en = connecting the client without the protocol
step-labs-hmac-auth-185 = 为服务端监听
    .en = listening for the server
step-labs-hmac-auth-186 = 读取挑战
    .en = reading the challenge
step-labs-hmac-auth-187 = 读取服务端的回复
    .en = reading the server's reply
step-labs-hmac-auth-188 = 一直读到服务端关闭
    .en = reading until the server closes
step-labs-hmac-auth-189 = 运行服务端
    .en = running the server
step-labs-hmac-auth-190 = 发送 b"hello"
    .en = sending b"hello"
step-labs-hmac-auth-191 = 发送回答
    .en = sending the answer
step-labs-hmac-auth-192 = 等待挑战
    .en = waiting for the challenge

## src/labs/nagle_sticky.rs

step-labs-nagle-sticky-193 = 关闭发送方向
    .en = closing the sending side
step-labs-nagle-sticky-194 = 等待读取线程结束 (join)
    .en = joining the reader
step-labs-nagle-sticky-195 = 一次写入之后读取 TCP_INFO
    .en = reading TCP_INFO after a write
step-labs-nagle-sticky-196 = 送达之后读取 TCP_INFO
    .en = reading TCP_INFO after delivery
step-labs-nagle-sticky-197 = 第二次发送之后读取 TCP_INFO
    .en = reading TCP_INFO after the second send
step-labs-nagle-sticky-198 = 发送之前读取 TCP_INFO
    .en = reading TCP_INFO before the sends
step-labs-nagle-sticky-199 = 写入之前读取 TCP_INFO
    .en = reading TCP_INFO before the writes
step-labs-nagle-sticky-200 = 读取正文
    .en = reading a body
step-labs-nagle-sticky-201 = 读取长度报头
    .en = reading a length header
step-labs-nagle-sticky-202 = 在消息到达时即刻读取
    .en = reading as the messages arrive
step-labs-nagle-sticky-203 = 读取客户端的 TCP_INFO
    .en = reading the client's TCP_INFO
step-labs-nagle-sticky-204 = 读取排队中的字节
    .en = reading the queued bytes
step-labs-nagle-sticky-205 = 读取预热回复
    .en = reading the warm-up reply
step-labs-nagle-sticky-206 = 读取预热请求
    .en = reading the warm-up request
step-labs-nagle-sticky-207 = 用 recv(10) 读取
    .en = reading with recv(10)
step-labs-nagle-sticky-208 = 用 recv(1024) 读取
    .en = reading with recv(1024)
step-labs-nagle-sticky-209 = 发送一条分帧的消息
    .en = sending a framed message
step-labs-nagle-sticky-210 = 发送一条消息
    .en = sending a message
step-labs-nagle-sticky-211 = 发送 b"feng"
    .en = sending b"feng"
step-labs-nagle-sticky-212 = 发送 b"world"
    .en = sending b"world"
step-labs-nagle-sticky-213 = 发送四条消息
    .en = sending the four messages
step-labs-nagle-sticky-214 = 发送预热回复
    .en = sending the warm-up reply
step-labs-nagle-sticky-215 = 发送预热请求
    .en = sending the warm-up request
step-labs-nagle-sticky-216 = 启动读取线程
    .en = starting the reader thread
step-labs-nagle-sticky-217 = 等待 9 个字节
    .en = waiting for 9 bytes
step-labs-nagle-sticky-218 = 等待全部 18 个字节
    .en = waiting for all 18 bytes
step-labs-nagle-sticky-219 = 等待每一帧
    .en = waiting for every frame
step-labs-nagle-sticky-220 = 等待 ACK
    .en = waiting for the ACK
step-labs-nagle-sticky-221 = 等待读取线程阻塞在 recv 中
    .en = waiting for the reader to block in recv

## src/labs/nodelay_latency.rs

step-labs-nodelay-latency-222 = 关闭客户端这一侧
    .en = closing the client side
step-labs-nodelay-latency-223 = 等待服务端结束 (join)
    .en = joining the server
step-labs-nodelay-latency-224 = 各轮之后读取 TCP_INFO
    .en = reading TCP_INFO after the rounds
step-labs-nodelay-latency-225 = 各轮之前读取 TCP_INFO
    .en = reading TCP_INFO before the rounds
step-labs-nodelay-latency-226 = 读取回复
    .en = reading the reply
step-labs-nodelay-latency-227 = 处理请求
    .en = serving requests
step-labs-nodelay-latency-228 = 在服务端设置 TCP_NODELAY
    .en = setting TCP_NODELAY on the server

## src/labs/nonblocking_timeouts.rs

step-labs-nonblocking-timeouts-229 = 绑定客户端
    .en = binding the client
step-labs-nonblocking-timeouts-230 = 绑定关闭的端口
    .en = binding the closed port
step-labs-nonblocking-timeouts-231 = 客户端发送 b"hello"
    .en = client sending b"hello"
step-labs-nonblocking-timeouts-232 = connect_ex 到关闭的端口
    .en = connect_ex to the closed port
step-labs-nonblocking-timeouts-233 = connect_ex 到监听套接字
    .en = connect_ex to the listener
step-labs-nonblocking-timeouts-234 = 创建一个客户端套接字
    .en = creating a client socket
step-labs-nonblocking-timeouts-235 = 创建客户端套接字
    .en = creating the client socket
step-labs-nonblocking-timeouts-236 = 创建关闭端口的套接字
    .en = creating the closed port's socket
step-labs-nonblocking-timeouts-237 = 在回环上监听
    .en = listening on loopback
step-labs-nonblocking-timeouts-238 = 把客户端设为非阻塞
    .en = making the client non-blocking
step-labs-nonblocking-timeouts-239 = 把监听套接字设为非阻塞
    .en = making the listener non-blocking
step-labs-nonblocking-timeouts-240 = 把服务端设为非阻塞
    .en = making the server non-blocking
step-labs-nonblocking-timeouts-241 = 非阻塞 connect_ex
    .en = non-blocking connect_ex
step-labs-nonblocking-timeouts-242 = 非阻塞 connect_ex 到关闭的端口
    .en = non-blocking connect_ex to the closed port
step-labs-nonblocking-timeouts-243 = 非阻塞 recv 读取 b"hello"
    .en = non-blocking recv of b"hello"
step-labs-nonblocking-timeouts-244 = 轮询等待三次握手结束
    .en = polling for the handshake's end
step-labs-nonblocking-timeouts-245 = 轮询等待连接被拒绝
    .en = polling for the refusal
step-labs-nonblocking-timeouts-246 = 调用之后读取 getrusage
    .en = reading getrusage after the call
step-labs-nonblocking-timeouts-247 = 调用之前读取 getrusage
    .en = reading getrusage before the call
step-labs-nonblocking-timeouts-248 = 读取关闭端口的地址
    .en = reading the closed port
step-labs-nonblocking-timeouts-249 = 设置 SO_RCVTIMEO
    .en = setting SO_RCVTIMEO
step-labs-nonblocking-timeouts-250 = 等待 b"hello" 到达
    .en = waiting for b"hello" to arrive

## src/labs/partial_recv.rs

step-labs-partial-recv-251 = recv(1024) 之后查询 FIONREAD
    .en = asking FIONREAD after recv(1024)
step-labs-partial-recv-252 = 客户端 recv(1024) 读取输出
    .en = client recv(1024) of the output
step-labs-partial-recv-253 = 连接 shell 客户端和服务端
    .en = connecting the shell client and server
step-labs-partial-recv-254 = recv(2) 之后 recv(10)
    .en = recv(10) after recv(2)
step-labs-partial-recv-255 = recv(2) 读取 b"hello feng"
    .en = recv(2) of b"hello feng"
step-labs-partial-recv-256 = recv(4) 读取中英混合文本
    .en = recv(4) of the mixed text
step-labs-partial-recv-257 = recv(9) 读取 '嘿嘿嘿'
    .en = recv(9) of '嘿嘿嘿'
step-labs-partial-recv-258 = 发送 '嘿嘿嘿'
    .en = sending '嘿嘿嘿'
step-labs-partial-recv-259 = 发送一条命令
    .en = sending a command
step-labs-partial-recv-260 = 发送 b"hello feng"
    .en = sending b"hello feng"
step-labs-partial-recv-261 = 发送中英混合文本
    .en = sending the mixed text
step-labs-partial-recv-262 = 服务端读取命令
    .en = server reading the command
step-labs-partial-recv-263 = 服务端发送 600 个字节
    .en = server sending 600 bytes
step-labs-partial-recv-264 = 服务端再发送 900 个字节
    .en = server sending 900 more bytes
step-labs-partial-recv-265 = 服务端发送回复
    .en = server sending a reply
step-labs-partial-recv-266 = 服务端发送输出
    .en = server sending the output
step-labs-partial-recv-267 = 给客户端设置较短的 SO_RCVTIMEO
    .en = setting the client's short SO_RCVTIMEO
step-labs-partial-recv-268 = 下一次 recv(1024)
    .en = the next recv(1024)
step-labs-partial-recv-269 = 等待 '嘿嘿嘿'
    .en = waiting for '嘿嘿嘿'
step-labs-partial-recv-270 = 等待 b"hello feng" 到达
    .en = waiting for b"hello feng" to arrive
step-labs-partial-recv-271 = 等待那 600 个字节
    .en = waiting for the 600 bytes
step-labs-partial-recv-272 = 等待那 900 个字节
    .en = waiting for the 900 bytes
step-labs-partial-recv-273 = 等待命令到达
    .en = waiting for the command to arrive
step-labs-partial-recv-274 = 等待中英混合文本
    .en = waiting for the mixed text
step-labs-partial-recv-275 = 等待输出到达
    .en = waiting for the output to arrive
step-labs-partial-recv-276 = 等待回复到达
    .en = waiting for the reply to arrive

## src/labs/remote_command/clients.rs

step-labs-remote-command-clients-277 = 解码回复
    .en = decoding a reply
step-labs-remote-command-clients-278 = 编码命令
    .en = encoding a command
step-labs-remote-command-clients-279 = 读取回复
    .en = reading a reply
step-labs-remote-command-clients-280 = 读取回复的报头
    .en = reading a reply header
step-labs-remote-command-clients-281 = 等待服务端回复
    .en = waiting for the server to reply

## src/labs/remote_command/mod.rs

step-labs-remote-command-mod-282 = 连接客户端和本课程的服务端
    .en = connecting the client and the course's server
step-labs-remote-command-mod-283 = 连接客户端和分帧的服务端
    .en = connecting the client and the framed server
step-labs-remote-command-mod-284 = 创建供 cd 使用的文件夹
    .en = creating the folder for cd
step-labs-remote-command-mod-285 = 创建实验的临时文件夹
    .en = creating the lab's temp folder
step-labs-remote-command-mod-286 = 按本课程的方式读取子进程的输出
    .en = reading a child the course's way
step-labs-remote-command-mod-287 = 读取 JSON 报头
    .en = reading the JSON header
step-labs-remote-command-mod-288 = 读取正文
    .en = reading the body
step-labs-remote-command-mod-289 = 删除实验的文件夹
    .en = removing the lab's folder
step-labs-remote-command-mod-290 = 解析实验文件夹的真实路径
    .en = resolving the lab's folder
step-labs-remote-command-mod-291 = 为本课程的客户端提供服务
    .en = serving the course's client
step-labs-remote-command-mod-292 = 为本课程的报头字典客户端提供服务
    .en = serving the course's header-dictionary client
step-labs-remote-command-mod-293 = 为分帧的客户端提供服务
    .en = serving the framed client
step-labs-remote-command-mod-294 = 恢复客户端的 SO_RCVTIMEO
    .en = setting the client's SO_RCVTIMEO back

## src/labs/retransmission.rs

step-labs-retransmission-295 = accept 被丢弃 SYN 的客户端
    .en = accepting the SYN-dropped client
step-labs-retransmission-296 = accept 客户端
    .en = accepting the client
step-labs-retransmission-297 = 连接被丢弃 SYN 的客户端
    .en = connecting the SYN-dropped client
step-labs-retransmission-298 = 连接客户端
    .en = connecting the client
step-labs-retransmission-299 = 创建被丢弃 SYN 的客户端
    .en = creating the SYN-dropped client
step-labs-retransmission-300 = 读取被丢弃 SYN 的客户端的 TCP_INFO
    .en = reading the SYN-dropped client's TCP_INFO
step-labs-retransmission-301 = 再次读取客户端的 TCP_INFO
    .en = reading the client's TCP_INFO again
step-labs-retransmission-302 = 接收 20 000 个字节
    .en = receiving 20 000 bytes
step-labs-retransmission-303 = 发送 20 000 个字节
    .en = sending 20 000 bytes
step-labs-retransmission-304 = 启动被丢弃 SYN 的客户端
    .en = starting the SYN-dropped client
step-labs-retransmission-305 = 启动接收端
    .en = starting the receiver
step-labs-retransmission-306 = 等待被丢弃的 SYN
    .en = waiting for the dropped SYN
step-labs-retransmission-307 = 等待最后一个 ACK
    .en = waiting for the last ACK

## src/labs/reuseaddr_timewait.rs

step-labs-reuseaddr-timewait-308 = 绑定 ''
    .en = binding ''
step-labs-reuseaddr-timewait-309 = 绑定原来的监听套接字
    .en = binding the original listener
step-labs-reuseaddr-timewait-310 = 创建一个客户端
    .en = creating a client
step-labs-reuseaddr-timewait-311 = 为 '' 创建监听套接字
    .en = creating the listener for ''
step-labs-reuseaddr-timewait-312 = 创建新的服务端套接字
    .en = creating the new server socket
step-labs-reuseaddr-timewait-313 = 在 '' 上监听
    .en = listening on ''
step-labs-reuseaddr-timewait-314 = 在 127.0.0.1 上监听
    .en = listening on 127.0.0.1
step-labs-reuseaddr-timewait-315 = 读取主动关闭方的 FIN 带来的 EOF
    .en = reading the EOF the active closer's FIN causes
step-labs-reuseaddr-timewait-316 = 读取端口号
    .en = reading the port
step-labs-reuseaddr-timewait-317 = 在新套接字上设置 SO_REUSEADDR
    .en = setting SO_REUSEADDR on the new socket
step-labs-reuseaddr-timewait-318 = 等待关闭完成
    .en = waiting for the close to finish

## src/labs/segmentation.rs

step-labs-segmentation-319 = accept
    .en = accepting
step-labs-segmentation-320 = 绑定带 DF 的发送端
    .en = binding the DF sender
step-labs-segmentation-321 = 在对端的网络命名空间中绑定 UDP 接收端
    .en = binding the UDP receiver in the peer namespace
step-labs-segmentation-322 = 绑定不带 DF 的发送端
    .en = binding the sender without DF
step-labs-segmentation-323 = 连接带 DF 的发送端
    .en = connecting the DF sender
step-labs-segmentation-324 = 连接 UDP 发送端
    .en = connecting the UDP sender
step-labs-segmentation-325 = 连接不带 DF 的发送端
    .en = connecting the sender without DF
step-labs-segmentation-326 = 监听
    .en = listening
step-labs-segmentation-327 = 在对端的网络命名空间中监听
    .en = listening in the peer namespace
step-labs-segmentation-328 = 读取 IP_MTU
    .en = reading IP_MTU
step-labs-segmentation-329 = 读取经过该链路的 IP_MTU
    .en = reading IP_MTU across the link
step-labs-segmentation-330 = 再次读取服务端的 TCP_INFO
    .en = reading the server's TCP_INFO again
step-labs-segmentation-331 = 接收数据报
    .en = receiving the datagram
step-labs-segmentation-332 = recv(65536) 读取那 10 000 个字节
    .en = recv(65536) of the 10 000 bytes
step-labs-segmentation-333 = 一次写入发送 10 000 个字节
    .en = sending 10 000 bytes in one write
step-labs-segmentation-334 = 设置 IP_PMTUDISC_DO
    .en = setting IP_PMTUDISC_DO
step-labs-segmentation-335 = connect 之前设置 TCP_MAXSEG
    .en = setting TCP_MAXSEG before connect
step-labs-segmentation-336 = 等待全部 10 000 个字节
    .en = waiting for all 10 000 bytes
step-labs-segmentation-337 = 等待那 10 000 个字节被确认
    .en = waiting for the acknowledgment of the 10 000 bytes

## src/labs/short_writes.rs

step-labs-short-writes-338 = 非阻塞 send 1 MB
    .en = non-blocking send of 1 MB
step-labs-short-writes-339 = 一次 send 1 MB，忽略返回的字节数
    .en = one send of 1 MB, count ignored
step-labs-short-writes-340 = 读回 SO_SNDBUF
    .en = reading SO_SNDBUF back
step-labs-short-writes-341 = 读取那 1 MB
    .en = reading the 1 MB
step-labs-short-writes-342 = 一直读到文件结束 (EOF)
    .en = reading until end of file
step-labs-short-writes-343 = 设置 SO_SNDBUF
    .en = setting SO_SNDBUF
step-labs-short-writes-344 = 设置 SO_SNDTIMEO
    .en = setting SO_SNDTIMEO
step-labs-short-writes-345 = 全部写完的循环
    .en = the write-all loop
step-labs-short-writes-346 = 等待发送队列腾出空间
    .en = waiting for room in the send queue

## src/labs/tcp_states.rs

step-labs-tcp-states-347 = 绑定监听套接字
    .en = binding the listener
step-labs-tcp-states-348 = 创建监听套接字
    .en = creating the listener
step-labs-tcp-states-349 = 填满客户端的接收窗口
    .en = filling the client's receive window
step-labs-tcp-states-350 = 填满服务端的接收窗口
    .en = filling the server's receive window
step-labs-tcp-states-351 = 在客户端读取 TCP_INFO
    .en = reading TCP_INFO on the client
step-labs-tcp-states-352 = 读取 TIME_WAIT 的计时器
    .en = reading TIME_WAIT's timer
step-labs-tcp-states-353 = 读取客户端的数据和 FIN
    .en = reading the client's data and FIN
step-labs-tcp-states-354 = 读取第二个客户端的地址
    .en = reading the second client's address
step-labs-tcp-states-355 = 读取服务端的数据和 FIN
    .en = reading the server's data and FIN
step-labs-tcp-states-356 = 在半关闭的客户端上接收
    .en = receiving on the half-closed client
step-labs-tcp-states-357 = 从半关闭的服务端发送
    .en = sending from the half-closed server
step-labs-tcp-states-358 = 设置 SO_RCVBUF
    .en = setting SO_RCVBUF
step-labs-tcp-states-359 = 关闭客户端的发送方向
    .en = shutting down the client's sending side
step-labs-tcp-states-360 = 发起第二次 connect
    .en = starting the second connect
step-labs-tcp-states-361 = 等待客户端 FIN 的 ACK
    .en = waiting for the ACK of the client's FIN
step-labs-tcp-states-362 = 等待全连接队列
    .en = waiting for the accept queue
step-labs-tcp-states-363 = 观察 FIN_WAIT1
    .en = watching FIN_WAIT1
step-labs-tcp-states-364 = 通过 sock_diag 观察 LAST_ACK
    .en = watching LAST_ACK through sock_diag

## src/labs/udp_datagrams.rs

step-labs-udp-datagrams-365 = 绑定 UDP 套接字
    .en = binding a UDP socket
step-labs-udp-datagrams-366 = 清空接收端
    .en = draining the receiver
step-labs-udp-datagrams-367 = 把接收端设为非阻塞
    .en = making the receiver non-blocking
step-labs-udp-datagrams-368 = 读取 /proc/net/udp
    .en = reading /proc/net/udp
step-labs-udp-datagrams-369 = 读取 FIONREAD
    .en = reading FIONREAD
step-labs-udp-datagrams-370 = 读回 SO_RCVBUF
    .en = reading SO_RCVBUF back
step-labs-udp-datagrams-371 = 接收客户端的回复
    .en = receiving a client's reply
step-labs-udp-datagrams-372 = 接收命令
    .en = receiving a command
step-labs-udp-datagrams-373 = 接收数据报
    .en = receiving a datagram
step-labs-udp-datagrams-374 = 接收回复
    .en = receiving a reply
step-labs-udp-datagrams-375 = 在聊天服务端上接收
    .en = receiving on the chat server
step-labs-udp-datagrams-376 = 接收时间回复
    .en = receiving the time reply
step-labs-udp-datagrams-377 = 回复客户端
    .en = replying to a client
step-labs-udp-datagrams-378 = 发送客户端的名字
    .en = sending a client's name
step-labs-udp-datagrams-379 = 发送时间请求
    .en = sending a time request
step-labs-udp-datagrams-380 = 发送 stderr
    .en = sending stderr
step-labs-udp-datagrams-381 = 发送 stdout
    .en = sending stdout
step-labs-udp-datagrams-382 = 突发发送一批数据报
    .en = sending the burst
step-labs-udp-datagrams-383 = 发送回复
    .en = sending the reply
step-labs-udp-datagrams-384 = 发送三个数据报
    .en = sending the three datagrams
step-labs-udp-datagrams-385 = 处理时间请求
    .en = serving a time request
step-labs-udp-datagrams-386 = 等待数据报进入队列
    .en = waiting for the datagram to be queued

## src/labs/udp_loss.rs

step-labs-udp-loss-387 = 在接收端上查询 FIONREAD
    .en = FIONREAD on the receiver
step-labs-udp-loss-388 = 发送确认
    .en = acknowledging
step-labs-udp-loss-389 = 在服务端的网络命名空间中绑定发送端
    .en = binding a sender in the server's namespace
step-labs-udp-loss-390 = 接收确认 (ack)
    .en = receiving the ack
step-labs-udp-loss-391 = 发送数据报
    .en = sending a datagram
step-labs-udp-loss-392 = 发送消息
    .en = sending the message
step-labs-udp-loss-393 = 启动确认方
    .en = starting the acknowledger
step-labs-udp-loss-394 = 停止等待 (stop-and-wait)
    .en = stop-and-wait
step-labs-udp-loss-395 = 等待确认 (ack)
    .en = waiting for the ack

## src/labs/udp_truncation.rs

step-labs-udp-truncation-396 = 把发送端连接到接收端
    .en = connecting the sender to the receiver
step-labs-udp-truncation-397 = 接收本课程的数据报
    .en = receiving a course datagram
step-labs-udp-truncation-398 = 在被截断的数据报之后接收
    .en = receiving after the cut datagrams
step-labs-udp-truncation-399 = 接收 65507 字节的数据报
    .en = receiving the 65507-byte datagram
step-labs-udp-truncation-400 = 接收中文数据报
    .en = receiving the Chinese datagram
step-labs-udp-truncation-401 = 接收它之后的数据报
    .en = receiving the datagram after it
step-labs-udp-truncation-402 = 用 MSG_TRUNC 接收
    .en = receiving with MSG_TRUNC
step-labs-udp-truncation-403 = 发送 10 字节的数据报
    .en = sending a 10-byte datagram
step-labs-udp-truncation-404 = 发送空数据报
    .en = sending an empty datagram
step-labs-udp-truncation-405 = 发送中文数据报
    .en = sending the Chinese datagram
step-labs-udp-truncation-406 = 发送本课程的数据报
    .en = sending the course's datagrams
step-labs-udp-truncation-407 = 发送它之后的数据报
    .en = sending the datagram after it
step-labs-udp-truncation-408 = 发送标记数据报
    .en = sending the marker datagram

## src/labs/unix_sockets.rs

step-labs-unix-sockets-409 = 绑定抽象名字
    .en = binding the abstract name
step-labs-unix-sockets-410 = 绑定第一个服务端
    .en = binding the first server
step-labs-unix-sockets-411 = 绑定套接字文件
    .en = binding the socket file
step-labs-unix-sockets-412 = 构造抽象名字
    .en = building the abstract name
step-labs-unix-sockets-413 = 构造套接字路径
    .en = building the socket path
step-labs-unix-sockets-414 = 连接到套接字文件
    .en = connecting to the socket file
step-labs-unix-sockets-415 = 创建带 SO_REUSEADDR 的服务端
    .en = creating a server with SO_REUSEADDR
step-labs-unix-sockets-416 = 创建第一个服务端
    .en = creating the first server
step-labs-unix-sockets-417 = 创建接收端
    .en = creating the receiver
step-labs-unix-sockets-418 = 创建重启后的服务端
    .en = creating the restarted server
step-labs-unix-sockets-419 = 创建第二个服务端
    .en = creating the second server
step-labs-unix-sockets-420 = 创建发送端
    .en = creating the sender
step-labs-unix-sockets-421 = 列出实验的文件夹
    .en = listing the lab's folder
step-labs-unix-sockets-422 = 读取 net.unix.max_dgram_qlen
    .en = reading net.unix.max_dgram_qlen
step-labs-unix-sockets-423 = 接收第一条消息
    .en = receiving the first message
step-labs-unix-sockets-424 = 接收第二条消息
    .en = receiving the second message
step-labs-unix-sockets-425 = 发送 b"1234567890"
    .en = sending b"1234567890"
step-labs-unix-sockets-426 = 发送 b"next"
    .en = sending b"next"
step-labs-unix-sockets-427 = 设置 SO_REUSEADDR
    .en = setting SO_REUSEADDR
step-labs-unix-sockets-428 = 设置服务端的超时
    .en = setting the server's timeouts
step-labs-unix-sockets-429 = 迟到的 recv
    .en = the late recv
step-labs-unix-sockets-430 = 它之后的 recv
    .en = the recv after it
step-labs-unix-sockets-431 = 被截断那次之后的 recv
    .en = the recv after the cut one
step-labs-unix-sockets-432 = 对 10 个字节的 recv(4)
    .en = the recv(4) of 10 bytes
step-labs-unix-sockets-433 = 较短的 recv
    .en = the short recv
step-labs-unix-sockets-434 = 删除套接字文件 (unlink)
    .en = unlinking a socket file
step-labs-unix-sockets-435 = 删除残留的套接字文件 (unlink)
    .en = unlinking the stale socket file
step-labs-unix-sockets-436 = 等待 10 个字节
    .en = waiting for 10 bytes
step-labs-unix-sockets-437 = 等待两条消息
    .en = waiting for both messages
step-labs-unix-sockets-438 = 等待第一个数据报
    .en = waiting for the first datagram
