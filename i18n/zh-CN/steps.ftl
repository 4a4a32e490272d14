# What socklab was doing when a call failed: "error: lab 3: <this>: <the OS error>".
# Ids are only labels: socklab finds a translation by its .en text.


## src/bench/codec.rs

step-bench-codec-1 = connecting a loopback pair
    .en = connecting a loopback pair
step-bench-codec-2 = counting what arrived
    .en = counting what arrived
step-bench-codec-3 = joining the sender
    .en = joining the sender
step-bench-codec-4 = receiving
    .en = receiving
step-bench-codec-5 = sending
    .en = sending

## src/bench/commands.rs

step-bench-commands-6 = finding the socklab binary
    .en = finding the socklab binary

## src/bench/latency.rs

step-bench-latency-7 = asking which CPU this thread is on
    .en = asking which CPU this thread is on
step-bench-latency-8 = pinning to one CPU
    .en = pinning to one CPU

## src/exercises/conversation.rs

step-exercises-conversation-9 = shutdown(SHUT_WR)
    .en = shutdown(SHUT_WR)

## src/exercises/file_transfer.rs

step-exercises-file-transfer-10 = write the file to upload
    .en = write the file to upload

## src/exercises/hmac_auth.rs

step-exercises-hmac-auth-11 = get random bytes (getrandom)
    .en = get random bytes (getrandom)

## src/exercises/session.rs

step-exercises-session-12 = FIONREAD
    .en = FIONREAD
step-exercises-session-13 = accept
    .en = accept
step-exercises-session-14 = ask the kernel about your program's socket (sock_diag)
    .en = ask the kernel about your program's socket (sock_diag)
step-exercises-session-15 = bind 127.0.0.1:0
    .en = bind 127.0.0.1:0
step-exercises-session-16 = connect the UDP socket
    .en = connect the UDP socket
step-exercises-session-17 = listen
    .en = listen
step-exercises-session-18 = make a UDP socket
    .en = make a UDP socket
step-exercises-session-19 = make a socket
    .en = make a socket
step-exercises-session-20 = read /proc/net/udp
    .en = read /proc/net/udp
step-exercises-session-21 = read SO_ERROR
    .en = read SO_ERROR
step-exercises-session-22 = read TCP_INFO
    .en = read TCP_INFO
step-exercises-session-23 = read its address
    .en = read its address
step-exercises-session-24 = read socklab's address
    .en = read socklab's address
step-exercises-session-25 = set TCP_NODELAY
    .en = set TCP_NODELAY
step-exercises-session-26 = set a send timeout
    .en = set a send timeout

## src/exercises/udp.rs

step-exercises-udp-27 = sendto
    .en = sendto

## src/lab.rs

step-lab-28 = binding the receiver
    .en = binding the receiver
step-lab-29 = finishing the capture
    .en = finishing the capture
step-lab-30 = starting the capture on lo
    .en = starting the capture on lo

## src/labs/backlog.rs

step-labs-backlog-31 = accepting one connection
    .en = accepting one connection
step-labs-backlog-32 = asking sock_diag for the late client's request
    .en = asking sock_diag for the late client's request
step-labs-backlog-33 = binding the non-listening socket
    .en = binding the non-listening socket
step-labs-backlog-34 = connecting the second client
    .en = connecting the second client
step-labs-backlog-35 = connecting to it
    .en = connecting to it
step-labs-backlog-36 = creating the late client
    .en = creating the late client
step-labs-backlog-37 = creating the non-listening socket
    .en = creating the non-listening socket
step-labs-backlog-38 = finding the late client's request
    .en = finding the late client's request
step-labs-backlog-39 = listening with backlog 0
    .en = listening with backlog 0
step-labs-backlog-40 = listening with backlog 2
    .en = listening with backlog 2
step-labs-backlog-41 = listening with backlog 5
    .en = listening with backlog 5
step-labs-backlog-42 = making the connect non-blocking
    .en = making the connect non-blocking
step-labs-backlog-43 = reading SO_ERROR
    .en = reading SO_ERROR
step-labs-backlog-44 = reading a client's address
    .en = reading a client's address
step-labs-backlog-45 = reading its address
    .en = reading its address
step-labs-backlog-46 = reading the accept queue
    .en = reading the accept queue
step-labs-backlog-47 = reading the late client's address
    .en = reading the late client's address
step-labs-backlog-48 = starting a connect
    .en = starting a connect
step-labs-backlog-49 = starting a connect after accept
    .en = starting a connect after accept
step-labs-backlog-50 = starting connects to the full queue
    .en = starting connects to the full queue
step-labs-backlog-51 = starting one more connect
    .en = starting one more connect
step-labs-backlog-52 = starting the late client's connect
    .en = starting the late client's connect
step-labs-backlog-53 = turning TCP_QUICKACK off
    .en = turning TCP_QUICKACK off
step-labs-backlog-54 = waiting for the SYN-ACK
    .en = waiting for the SYN-ACK
step-labs-backlog-55 = waiting for the connection to reach the accept queue
    .en = waiting for the connection to reach the accept queue
step-labs-backlog-56 = waiting for the first SYN-ACK retransmission
    .en = waiting for the first SYN-ACK retransmission
step-labs-backlog-57 = watching its handshake
    .en = watching its handshake
step-labs-backlog-58 = watching the handshake
    .en = watching the handshake
step-labs-backlog-59 = watching the handshakes
    .en = watching the handshakes

## src/labs/close_and_reset.rs

step-labs-close-and-reset-60 = asking FIONREAD
    .en = asking FIONREAD
step-labs-close-and-reset-61 = binding the UDP receiver
    .en = binding the UDP receiver
step-labs-close-and-reset-62 = binding the UDP sender
    .en = binding the UDP sender
step-labs-close-and-reset-63 = client send(b"")
    .en = client send(b"")
step-labs-close-and-reset-64 = client sending b"dir"
    .en = client sending b"dir"
step-labs-close-and-reset-65 = connecting client and server
    .en = connecting client and server
step-labs-close-and-reset-66 = reading TCP_INFO
    .en = reading TCP_INFO
step-labs-close-and-reset-67 = reading TCP_INFO after send(b"")
    .en = reading TCP_INFO after send(b"")
step-labs-close-and-reset-68 = reading TCP_INFO before send(b"")
    .en = reading TCP_INFO before send(b"")
step-labs-close-and-reset-69 = reading the client's address
    .en = reading the client's address
step-labs-close-and-reset-70 = reading the server's TCP_INFO
    .en = reading the server's TCP_INFO
step-labs-close-and-reset-71 = reading the server's address
    .en = reading the server's address
step-labs-close-and-reset-72 = reading the thread's CPU time
    .en = reading the thread's CPU time
step-labs-close-and-reset-73 = receiving the empty datagram
    .en = receiving the empty datagram
step-labs-close-and-reset-74 = sendto(b"")
    .en = sendto(b"")
step-labs-close-and-reset-75 = server recv after the client quit
    .en = server recv after the client quit
step-labs-close-and-reset-76 = setting SO_LINGER to 0
    .en = setting SO_LINGER to 0
step-labs-close-and-reset-77 = setting the server's short SO_RCVTIMEO
    .en = setting the server's short SO_RCVTIMEO
step-labs-close-and-reset-78 = the checked loop's recv
    .en = the checked loop's recv
step-labs-close-and-reset-79 = the checked loop's send
    .en = the checked loop's send
step-labs-close-and-reset-80 = waiting for a TCP state change
    .en = waiting for a TCP state change
step-labs-close-and-reset-81 = waiting for b"dir" to arrive
    .en = waiting for b"dir" to arrive

## src/labs/concurrency.rs

step-labs-concurrency-82 = asking FIONREAD at client 2
    .en = asking FIONREAD at client 2
step-labs-concurrency-83 = client 1 reading its answer
    .en = client 1 reading its answer
step-labs-concurrency-84 = client 1 sending its request
    .en = client 1 sending its request
step-labs-concurrency-85 = client 2 sending its request
    .en = client 2 sending its request
step-labs-concurrency-86 = connecting client 1
    .en = connecting client 1
step-labs-concurrency-87 = connecting client 2
    .en = connecting client 2
step-labs-concurrency-88 = listening for the iterative server
    .en = listening for the iterative server
step-labs-concurrency-89 = listening for the threaded server
    .en = listening for the threaded server
step-labs-concurrency-90 = reading client 2's TCP_INFO
    .en = reading client 2's TCP_INFO
step-labs-concurrency-91 = reading the listener's accept queue
    .en = reading the listener's accept queue
step-labs-concurrency-92 = running the iterative server
    .en = running the iterative server
step-labs-concurrency-93 = running the threaded server
    .en = running the threaded server
step-labs-concurrency-94 = waiting for client 1's exit
    .en = waiting for client 1's exit

## src/labs/delay_and_window.rs

step-labs-delay-and-window-95 = connecting
    .en = connecting
step-labs-delay-and-window-96 = creating the client
    .en = creating the client
step-labs-delay-and-window-97 = listening in the server's namespace
    .en = listening in the server's namespace
step-labs-delay-and-window-98 = reading TCP_INFO again
    .en = reading TCP_INFO again
step-labs-delay-and-window-99 = reading the bulk listener's address
    .en = reading the bulk listener's address
step-labs-delay-and-window-100 = reading the listener's address
    .en = reading the listener's address
step-labs-delay-and-window-101 = receiving the answer
    .en = receiving the answer
step-labs-delay-and-window-102 = sending lab 1's messages
    .en = sending lab 1's messages
step-labs-delay-and-window-103 = sending the body
    .en = sending the body
step-labs-delay-and-window-104 = sending the header
    .en = sending the header
step-labs-delay-and-window-105 = sending the request
    .en = sending the request
step-labs-delay-and-window-106 = serving
    .en = serving
step-labs-delay-and-window-107 = starting the server
    .en = starting the server
step-labs-delay-and-window-108 = starting the throughput connection
    .en = starting the throughput connection
step-labs-delay-and-window-109 = the throughput connection
    .en = the throughput connection
step-labs-delay-and-window-110 = waiting for lab 1's messages to leave
    .en = waiting for lab 1's messages to leave

## src/labs/encodings.rs

step-labs-encodings-111 = recv of the rest
    .en = recv of the rest
step-labs-encodings-112 = recv(1024) of the GBK line
    .en = recv(1024) of the GBK line
step-labs-encodings-113 = recv(k) of the text
    .en = recv(k) of the text
step-labs-encodings-114 = sending the GBK line
    .en = sending the GBK line
step-labs-encodings-115 = sending the text
    .en = sending the text
step-labs-encodings-116 = waiting for the GBK line
    .en = waiting for the GBK line
step-labs-encodings-117 = waiting for the text
    .en = waiting for the text

## src/labs/file_transfer.rs

step-labs-file-transfer-118 = accepting the upload
    .en = accepting the upload
step-labs-file-transfer-119 = connecting the sender
    .en = connecting the sender
step-labs-file-transfer-120 = creating the receive folder
    .en = creating the receive folder
step-labs-file-transfer-121 = listening for the upload
    .en = listening for the upload
step-labs-file-transfer-122 = listing the receive folder
    .en = listing the receive folder
step-labs-file-transfer-123 = reading the file it wrote
    .en = reading the file it wrote
step-labs-file-transfer-124 = sending a chunk of the body
    .en = sending a chunk of the body
step-labs-file-transfer-125 = sending the upload
    .en = sending the upload
step-labs-file-transfer-126 = the course's receiver
    .en = the course's receiver

## src/labs/file_transfer/course.rs

step-labs-file-transfer-course-127 = creating the lab's folder
    .en = creating the lab's folder
step-labs-file-transfer-course-128 = creating the upload folder
    .en = creating the upload folder
step-labs-file-transfer-course-129 = listing the folder
    .en = listing the folder
step-labs-file-transfer-course-130 = parsing the header
    .en = parsing the header
step-labs-file-transfer-course-131 = reading the header
    .en = reading the header
step-labs-file-transfer-course-132 = reading the length
    .en = reading the length
step-labs-file-transfer-course-133 = reading what is left
    .en = reading what is left
step-labs-file-transfer-course-134 = recv(1500)
    .en = recv(1500)
step-labs-file-transfer-course-135 = running the method
    .en = running the method
step-labs-file-transfer-course-136 = sending a line
    .en = sending a line
step-labs-file-transfer-course-137 = sending the rest of the file
    .en = sending the rest of the file
step-labs-file-transfer-course-138 = storing a file
    .en = storing a file
step-labs-file-transfer-course-139 = waiting for the line
    .en = waiting for the line
step-labs-file-transfer-course-140 = waiting for the rest
    .en = waiting for the rest
step-labs-file-transfer-course-141 = writing where the course writes
    .en = writing where the course writes

## src/labs/framing.rs

step-labs-framing-142 = answering b"recv_ready"
    .en = answering b"recv_ready"
step-labs-framing-143 = closing the client
    .en = closing the client
step-labs-framing-144 = closing the sender
    .en = closing the sender
step-labs-framing-145 = encoding a 2 GiB length
    .en = encoding a 2 GiB length
step-labs-framing-146 = encoding a frame
    .en = encoding a frame
step-labs-framing-147 = fetching with recv_ready
    .en = fetching with recv_ready
step-labs-framing-148 = reading 4 bytes
    .en = reading 4 bytes
step-labs-framing-149 = reading TCP_INFO after a message
    .en = reading TCP_INFO after a message
step-labs-framing-150 = reading TCP_INFO after the messages
    .en = reading TCP_INFO after the messages
step-labs-framing-151 = reading TCP_INFO after the request
    .en = reading TCP_INFO after the request
step-labs-framing-152 = reading TCP_INFO before a message
    .en = reading TCP_INFO before a message
step-labs-framing-153 = reading TCP_INFO before the messages
    .en = reading TCP_INFO before the messages
step-labs-framing-154 = reading the data
    .en = reading the data
step-labs-framing-155 = reading the frame
    .en = reading the frame
step-labs-framing-156 = reading the receiver's reply
    .en = reading the receiver's reply
step-labs-framing-157 = reading the rest of the header
    .en = reading the rest of the header
step-labs-framing-158 = reading without framing
    .en = reading without framing
step-labs-framing-159 = receiving framed messages
    .en = receiving framed messages
step-labs-framing-160 = receiving timed messages
    .en = receiving timed messages
step-labs-framing-161 = recv(1024)
    .en = recv(1024)
step-labs-framing-162 = recv(1024) for the length
    .en = recv(1024) for the length
step-labs-framing-163 = recv(header_len) once
    .en = recv(header_len) once
step-labs-framing-164 = sending a header
    .en = sending a header
step-labs-framing-165 = sending a header-dictionary message
    .en = sending a header-dictionary message
step-labs-framing-166 = sending a request
    .en = sending a request
step-labs-framing-167 = sending part of a frame
    .en = sending part of a frame
step-labs-framing-168 = sending part of the header
    .en = sending part of the header
step-labs-framing-169 = sending the data
    .en = sending the data
step-labs-framing-170 = sending the length as text
    .en = sending the length as text
step-labs-framing-171 = sending the rest
    .en = sending the rest
step-labs-framing-172 = sending without framing
    .en = sending without framing
step-labs-framing-173 = serving framed messages
    .en = serving framed messages
step-labs-framing-174 = serving with recv_ready
    .en = serving with recv_ready
step-labs-framing-175 = setting TCP_NODELAY
    .en = setting TCP_NODELAY
step-labs-framing-176 = waiting for b"recv_ready"
    .en = waiting for b"recv_ready"
step-labs-framing-177 = waiting for both sends
    .en = waiting for both sends
step-labs-framing-178 = waiting for part of the header
    .en = waiting for part of the header
step-labs-framing-179 = waiting for the body
    .en = waiting for the body
step-labs-framing-180 = waiting for the header
    .en = waiting for the header
step-labs-framing-181 = waiting for the length
    .en = waiting for the length
step-labs-framing-182 = waiting for the message
    .en = waiting for the message

## src/labs/hmac_auth.rs

step-labs-hmac-auth-183 = connecting a client
    .en = connecting a client
step-labs-hmac-auth-184 = connecting the client without the protocol
    .en = connecting the client without the protocol
step-labs-hmac-auth-185 = listening for the server
    .en = listening for the server
step-labs-hmac-auth-186 = reading the challenge
    .en = reading the challenge
step-labs-hmac-auth-187 = reading the server's reply
    .en = reading the server's reply
step-labs-hmac-auth-188 = reading until the server closes
    .en = reading until the server closes
step-labs-hmac-auth-189 = running the server
    .en = running the server
step-labs-hmac-auth-190 = sending b"hello"
    .en = sending b"hello"
step-labs-hmac-auth-191 = sending the answer
    .en = sending the answer
step-labs-hmac-auth-192 = waiting for the challenge
    .en = waiting for the challenge

## src/labs/nagle_sticky.rs

step-labs-nagle-sticky-193 = closing the sending side
    .en = closing the sending side
step-labs-nagle-sticky-194 = joining the reader
    .en = joining the reader
step-labs-nagle-sticky-195 = reading TCP_INFO after a write
    .en = reading TCP_INFO after a write
step-labs-nagle-sticky-196 = reading TCP_INFO after delivery
    .en = reading TCP_INFO after delivery
step-labs-nagle-sticky-197 = reading TCP_INFO after the second send
    .en = reading TCP_INFO after the second send
step-labs-nagle-sticky-198 = reading TCP_INFO before the sends
    .en = reading TCP_INFO before the sends
step-labs-nagle-sticky-199 = reading TCP_INFO before the writes
    .en = reading TCP_INFO before the writes
step-labs-nagle-sticky-200 = reading a body
    .en = reading a body
step-labs-nagle-sticky-201 = reading a length header
    .en = reading a length header
step-labs-nagle-sticky-202 = reading as the messages arrive
    .en = reading as the messages arrive
step-labs-nagle-sticky-203 = reading the client's TCP_INFO
    .en = reading the client's TCP_INFO
step-labs-nagle-sticky-204 = reading the queued bytes
    .en = reading the queued bytes
step-labs-nagle-sticky-205 = reading the warm-up reply
    .en = reading the warm-up reply
step-labs-nagle-sticky-206 = reading the warm-up request
    .en = reading the warm-up request
step-labs-nagle-sticky-207 = reading with recv(10)
    .en = reading with recv(10)
step-labs-nagle-sticky-208 = reading with recv(1024)
    .en = reading with recv(1024)
step-labs-nagle-sticky-209 = sending a framed message
    .en = sending a framed message
step-labs-nagle-sticky-210 = sending a message
    .en = sending a message
step-labs-nagle-sticky-211 = sending b"feng"
    .en = sending b"feng"
step-labs-nagle-sticky-212 = sending b"world"
    .en = sending b"world"
step-labs-nagle-sticky-213 = sending the four messages
    .en = sending the four messages
step-labs-nagle-sticky-214 = sending the warm-up reply
    .en = sending the warm-up reply
step-labs-nagle-sticky-215 = sending the warm-up request
    .en = sending the warm-up request
step-labs-nagle-sticky-216 = starting the reader thread
    .en = starting the reader thread
step-labs-nagle-sticky-217 = waiting for 9 bytes
    .en = waiting for 9 bytes
step-labs-nagle-sticky-218 = waiting for all 18 bytes
    .en = waiting for all 18 bytes
step-labs-nagle-sticky-219 = waiting for every frame
    .en = waiting for every frame
step-labs-nagle-sticky-220 = waiting for the ACK
    .en = waiting for the ACK
step-labs-nagle-sticky-221 = waiting for the reader to block in recv
    .en = waiting for the reader to block in recv

## src/labs/nodelay_latency.rs

step-labs-nodelay-latency-222 = closing the client side
    .en = closing the client side
step-labs-nodelay-latency-223 = joining the server
    .en = joining the server
step-labs-nodelay-latency-224 = reading TCP_INFO after the rounds
    .en = reading TCP_INFO after the rounds
step-labs-nodelay-latency-225 = reading TCP_INFO before the rounds
    .en = reading TCP_INFO before the rounds
step-labs-nodelay-latency-226 = reading the reply
    .en = reading the reply
step-labs-nodelay-latency-227 = serving requests
    .en = serving requests
step-labs-nodelay-latency-228 = setting TCP_NODELAY on the server
    .en = setting TCP_NODELAY on the server

## src/labs/nonblocking_timeouts.rs

step-labs-nonblocking-timeouts-229 = binding the client
    .en = binding the client
step-labs-nonblocking-timeouts-230 = binding the closed port
    .en = binding the closed port
step-labs-nonblocking-timeouts-231 = client sending b"hello"
    .en = client sending b"hello"
step-labs-nonblocking-timeouts-232 = connect_ex to the closed port
    .en = connect_ex to the closed port
step-labs-nonblocking-timeouts-233 = connect_ex to the listener
    .en = connect_ex to the listener
step-labs-nonblocking-timeouts-234 = creating a client socket
    .en = creating a client socket
step-labs-nonblocking-timeouts-235 = creating the client socket
    .en = creating the client socket
step-labs-nonblocking-timeouts-236 = creating the closed port's socket
    .en = creating the closed port's socket
step-labs-nonblocking-timeouts-237 = listening on loopback
    .en = listening on loopback
step-labs-nonblocking-timeouts-238 = making the client non-blocking
    .en = making the client non-blocking
step-labs-nonblocking-timeouts-239 = making the listener non-blocking
    .en = making the listener non-blocking
step-labs-nonblocking-timeouts-240 = making the server non-blocking
    .en = making the server non-blocking
step-labs-nonblocking-timeouts-241 = non-blocking connect_ex
    .en = non-blocking connect_ex
step-labs-nonblocking-timeouts-242 = non-blocking connect_ex to the closed port
    .en = non-blocking connect_ex to the closed port
step-labs-nonblocking-timeouts-243 = non-blocking recv of b"hello"
    .en = non-blocking recv of b"hello"
step-labs-nonblocking-timeouts-244 = polling for the handshake's end
    .en = polling for the handshake's end
step-labs-nonblocking-timeouts-245 = polling for the refusal
    .en = polling for the refusal
step-labs-nonblocking-timeouts-246 = reading getrusage after the call
    .en = reading getrusage after the call
step-labs-nonblocking-timeouts-247 = reading getrusage before the call
    .en = reading getrusage before the call
step-labs-nonblocking-timeouts-248 = reading the closed port
    .en = reading the closed port
step-labs-nonblocking-timeouts-249 = setting SO_RCVTIMEO
    .en = setting SO_RCVTIMEO
step-labs-nonblocking-timeouts-250 = waiting for b"hello" to arrive
    .en = waiting for b"hello" to arrive

## src/labs/partial_recv.rs

step-labs-partial-recv-251 = asking FIONREAD after recv(1024)
    .en = asking FIONREAD after recv(1024)
step-labs-partial-recv-252 = client recv(1024) of the output
    .en = client recv(1024) of the output
step-labs-partial-recv-253 = connecting the shell client and server
    .en = connecting the shell client and server
step-labs-partial-recv-254 = recv(10) after recv(2)
    .en = recv(10) after recv(2)
step-labs-partial-recv-255 = recv(2) of b"hello feng"
    .en = recv(2) of b"hello feng"
step-labs-partial-recv-256 = recv(4) of the mixed text
    .en = recv(4) of the mixed text
step-labs-partial-recv-257 = recv(9) of '嘿嘿嘿'
    .en = recv(9) of '嘿嘿嘿'
step-labs-partial-recv-258 = sending '嘿嘿嘿'
    .en = sending '嘿嘿嘿'
step-labs-partial-recv-259 = sending a command
    .en = sending a command
step-labs-partial-recv-260 = sending b"hello feng"
    .en = sending b"hello feng"
step-labs-partial-recv-261 = sending the mixed text
    .en = sending the mixed text
step-labs-partial-recv-262 = server reading the command
    .en = server reading the command
step-labs-partial-recv-263 = server sending 600 bytes
    .en = server sending 600 bytes
step-labs-partial-recv-264 = server sending 900 more bytes
    .en = server sending 900 more bytes
step-labs-partial-recv-265 = server sending a reply
    .en = server sending a reply
step-labs-partial-recv-266 = server sending the output
    .en = server sending the output
step-labs-partial-recv-267 = setting the client's short SO_RCVTIMEO
    .en = setting the client's short SO_RCVTIMEO
step-labs-partial-recv-268 = the next recv(1024)
    .en = the next recv(1024)
step-labs-partial-recv-269 = waiting for '嘿嘿嘿'
    .en = waiting for '嘿嘿嘿'
step-labs-partial-recv-270 = waiting for b"hello feng" to arrive
    .en = waiting for b"hello feng" to arrive
step-labs-partial-recv-271 = waiting for the 600 bytes
    .en = waiting for the 600 bytes
step-labs-partial-recv-272 = waiting for the 900 bytes
    .en = waiting for the 900 bytes
step-labs-partial-recv-273 = waiting for the command to arrive
    .en = waiting for the command to arrive
step-labs-partial-recv-274 = waiting for the mixed text
    .en = waiting for the mixed text
step-labs-partial-recv-275 = waiting for the output to arrive
    .en = waiting for the output to arrive
step-labs-partial-recv-276 = waiting for the reply to arrive
    .en = waiting for the reply to arrive

## src/labs/remote_command/clients.rs

step-labs-remote-command-clients-277 = decoding a reply
    .en = decoding a reply
step-labs-remote-command-clients-278 = encoding a command
    .en = encoding a command
step-labs-remote-command-clients-279 = reading a reply
    .en = reading a reply
step-labs-remote-command-clients-280 = reading a reply header
    .en = reading a reply header
step-labs-remote-command-clients-281 = waiting for the server to reply
    .en = waiting for the server to reply

## src/labs/remote_command/mod.rs

step-labs-remote-command-mod-282 = connecting the client and the course's server
    .en = connecting the client and the course's server
step-labs-remote-command-mod-283 = connecting the client and the framed server
    .en = connecting the client and the framed server
step-labs-remote-command-mod-284 = creating the folder for cd
    .en = creating the folder for cd
step-labs-remote-command-mod-285 = creating the lab's temp folder
    .en = creating the lab's temp folder
step-labs-remote-command-mod-286 = reading a child the course's way
    .en = reading a child the course's way
step-labs-remote-command-mod-287 = reading the JSON header
    .en = reading the JSON header
step-labs-remote-command-mod-288 = reading the body
    .en = reading the body
step-labs-remote-command-mod-289 = removing the lab's folder
    .en = removing the lab's folder
step-labs-remote-command-mod-290 = resolving the lab's folder
    .en = resolving the lab's folder
step-labs-remote-command-mod-291 = serving the course's client
    .en = serving the course's client
step-labs-remote-command-mod-292 = serving the course's header-dictionary client
    .en = serving the course's header-dictionary client
step-labs-remote-command-mod-293 = serving the framed client
    .en = serving the framed client
step-labs-remote-command-mod-294 = setting the client's SO_RCVTIMEO back
    .en = setting the client's SO_RCVTIMEO back

## src/labs/retransmission.rs

step-labs-retransmission-295 = accepting the SYN-dropped client
    .en = accepting the SYN-dropped client
step-labs-retransmission-296 = accepting the client
    .en = accepting the client
step-labs-retransmission-297 = connecting the SYN-dropped client
    .en = connecting the SYN-dropped client
step-labs-retransmission-298 = connecting the client
    .en = connecting the client
step-labs-retransmission-299 = creating the SYN-dropped client
    .en = creating the SYN-dropped client
step-labs-retransmission-300 = reading the SYN-dropped client's TCP_INFO
    .en = reading the SYN-dropped client's TCP_INFO
step-labs-retransmission-301 = reading the client's TCP_INFO again
    .en = reading the client's TCP_INFO again
step-labs-retransmission-302 = receiving 20 000 bytes
    .en = receiving 20 000 bytes
step-labs-retransmission-303 = sending 20 000 bytes
    .en = sending 20 000 bytes
step-labs-retransmission-304 = starting the SYN-dropped client
    .en = starting the SYN-dropped client
step-labs-retransmission-305 = starting the receiver
    .en = starting the receiver
step-labs-retransmission-306 = waiting for the dropped SYN
    .en = waiting for the dropped SYN
step-labs-retransmission-307 = waiting for the last ACK
    .en = waiting for the last ACK

## src/labs/reuseaddr_timewait.rs

step-labs-reuseaddr-timewait-308 = binding ''
    .en = binding ''
step-labs-reuseaddr-timewait-309 = binding the original listener
    .en = binding the original listener
step-labs-reuseaddr-timewait-310 = creating a client
    .en = creating a client
step-labs-reuseaddr-timewait-311 = creating the listener for ''
    .en = creating the listener for ''
step-labs-reuseaddr-timewait-312 = creating the new server socket
    .en = creating the new server socket
step-labs-reuseaddr-timewait-313 = listening on ''
    .en = listening on ''
step-labs-reuseaddr-timewait-314 = listening on 127.0.0.1
    .en = listening on 127.0.0.1
step-labs-reuseaddr-timewait-315 = reading the EOF the active closer's FIN causes
    .en = reading the EOF the active closer's FIN causes
step-labs-reuseaddr-timewait-316 = reading the port
    .en = reading the port
step-labs-reuseaddr-timewait-317 = setting SO_REUSEADDR on the new socket
    .en = setting SO_REUSEADDR on the new socket
step-labs-reuseaddr-timewait-318 = waiting for the close to finish
    .en = waiting for the close to finish

## src/labs/segmentation.rs

step-labs-segmentation-319 = accepting
    .en = accepting
step-labs-segmentation-320 = binding the DF sender
    .en = binding the DF sender
step-labs-segmentation-321 = binding the UDP receiver in the peer namespace
    .en = binding the UDP receiver in the peer namespace
step-labs-segmentation-322 = binding the sender without DF
    .en = binding the sender without DF
step-labs-segmentation-323 = connecting the DF sender
    .en = connecting the DF sender
step-labs-segmentation-324 = connecting the UDP sender
    .en = connecting the UDP sender
step-labs-segmentation-325 = connecting the sender without DF
    .en = connecting the sender without DF
step-labs-segmentation-326 = listening
    .en = listening
step-labs-segmentation-327 = listening in the peer namespace
    .en = listening in the peer namespace
step-labs-segmentation-328 = reading IP_MTU
    .en = reading IP_MTU
step-labs-segmentation-329 = reading IP_MTU across the link
    .en = reading IP_MTU across the link
step-labs-segmentation-330 = reading the server's TCP_INFO again
    .en = reading the server's TCP_INFO again
step-labs-segmentation-331 = receiving the datagram
    .en = receiving the datagram
step-labs-segmentation-332 = recv(65536) of the 10 000 bytes
    .en = recv(65536) of the 10 000 bytes
step-labs-segmentation-333 = sending 10 000 bytes in one write
    .en = sending 10 000 bytes in one write
step-labs-segmentation-334 = setting IP_PMTUDISC_DO
    .en = setting IP_PMTUDISC_DO
step-labs-segmentation-335 = setting TCP_MAXSEG before connect
    .en = setting TCP_MAXSEG before connect
step-labs-segmentation-336 = waiting for all 10 000 bytes
    .en = waiting for all 10 000 bytes
step-labs-segmentation-337 = waiting for the acknowledgment of the 10 000 bytes
    .en = waiting for the acknowledgment of the 10 000 bytes

## src/labs/short_writes.rs

step-labs-short-writes-338 = non-blocking send of 1 MB
    .en = non-blocking send of 1 MB
step-labs-short-writes-339 = one send of 1 MB, count ignored
    .en = one send of 1 MB, count ignored
step-labs-short-writes-340 = reading SO_SNDBUF back
    .en = reading SO_SNDBUF back
step-labs-short-writes-341 = reading the 1 MB
    .en = reading the 1 MB
step-labs-short-writes-342 = reading until end of file
    .en = reading until end of file
step-labs-short-writes-343 = setting SO_SNDBUF
    .en = setting SO_SNDBUF
step-labs-short-writes-344 = setting SO_SNDTIMEO
    .en = setting SO_SNDTIMEO
step-labs-short-writes-345 = the write-all loop
    .en = the write-all loop
step-labs-short-writes-346 = waiting for room in the send queue
    .en = waiting for room in the send queue

## src/labs/tcp_states.rs

step-labs-tcp-states-347 = binding the listener
    .en = binding the listener
step-labs-tcp-states-348 = creating the listener
    .en = creating the listener
step-labs-tcp-states-349 = filling the client's receive window
    .en = filling the client's receive window
step-labs-tcp-states-350 = filling the server's receive window
    .en = filling the server's receive window
step-labs-tcp-states-351 = reading TCP_INFO on the client
    .en = reading TCP_INFO on the client
step-labs-tcp-states-352 = reading TIME_WAIT's timer
    .en = reading TIME_WAIT's timer
step-labs-tcp-states-353 = reading the client's data and FIN
    .en = reading the client's data and FIN
step-labs-tcp-states-354 = reading the second client's address
    .en = reading the second client's address
step-labs-tcp-states-355 = reading the server's data and FIN
    .en = reading the server's data and FIN
step-labs-tcp-states-356 = receiving on the half-closed client
    .en = receiving on the half-closed client
step-labs-tcp-states-357 = sending from the half-closed server
    .en = sending from the half-closed server
step-labs-tcp-states-358 = setting SO_RCVBUF
    .en = setting SO_RCVBUF
step-labs-tcp-states-359 = shutting down the client's sending side
    .en = shutting down the client's sending side
step-labs-tcp-states-360 = starting the second connect
    .en = starting the second connect
step-labs-tcp-states-361 = waiting for the ACK of the client's FIN
    .en = waiting for the ACK of the client's FIN
step-labs-tcp-states-362 = waiting for the accept queue
    .en = waiting for the accept queue
step-labs-tcp-states-363 = watching FIN_WAIT1
    .en = watching FIN_WAIT1
step-labs-tcp-states-364 = watching LAST_ACK through sock_diag
    .en = watching LAST_ACK through sock_diag

## src/labs/udp_datagrams.rs

step-labs-udp-datagrams-365 = binding a UDP socket
    .en = binding a UDP socket
step-labs-udp-datagrams-366 = draining the receiver
    .en = draining the receiver
step-labs-udp-datagrams-367 = making the receiver non-blocking
    .en = making the receiver non-blocking
step-labs-udp-datagrams-368 = reading /proc/net/udp
    .en = reading /proc/net/udp
step-labs-udp-datagrams-369 = reading FIONREAD
    .en = reading FIONREAD
step-labs-udp-datagrams-370 = reading SO_RCVBUF back
    .en = reading SO_RCVBUF back
step-labs-udp-datagrams-371 = receiving a client's reply
    .en = receiving a client's reply
step-labs-udp-datagrams-372 = receiving a command
    .en = receiving a command
step-labs-udp-datagrams-373 = receiving a datagram
    .en = receiving a datagram
step-labs-udp-datagrams-374 = receiving a reply
    .en = receiving a reply
step-labs-udp-datagrams-375 = receiving on the chat server
    .en = receiving on the chat server
step-labs-udp-datagrams-376 = receiving the time reply
    .en = receiving the time reply
step-labs-udp-datagrams-377 = replying to a client
    .en = replying to a client
step-labs-udp-datagrams-378 = sending a client's name
    .en = sending a client's name
step-labs-udp-datagrams-379 = sending a time request
    .en = sending a time request
step-labs-udp-datagrams-380 = sending stderr
    .en = sending stderr
step-labs-udp-datagrams-381 = sending stdout
    .en = sending stdout
step-labs-udp-datagrams-382 = sending the burst
    .en = sending the burst
step-labs-udp-datagrams-383 = sending the reply
    .en = sending the reply
step-labs-udp-datagrams-384 = sending the three datagrams
    .en = sending the three datagrams
step-labs-udp-datagrams-385 = serving a time request
    .en = serving a time request
step-labs-udp-datagrams-386 = waiting for the datagram to be queued
    .en = waiting for the datagram to be queued

## src/labs/udp_loss.rs

step-labs-udp-loss-387 = FIONREAD on the receiver
    .en = FIONREAD on the receiver
step-labs-udp-loss-388 = acknowledging
    .en = acknowledging
step-labs-udp-loss-389 = binding a sender in the server's namespace
    .en = binding a sender in the server's namespace
step-labs-udp-loss-390 = receiving the ack
    .en = receiving the ack
step-labs-udp-loss-391 = sending a datagram
    .en = sending a datagram
step-labs-udp-loss-392 = sending the message
    .en = sending the message
step-labs-udp-loss-393 = starting the acknowledger
    .en = starting the acknowledger
step-labs-udp-loss-394 = stop-and-wait
    .en = stop-and-wait
step-labs-udp-loss-395 = waiting for the ack
    .en = waiting for the ack

## src/labs/udp_truncation.rs

step-labs-udp-truncation-396 = connecting the sender to the receiver
    .en = connecting the sender to the receiver
step-labs-udp-truncation-397 = receiving a course datagram
    .en = receiving a course datagram
step-labs-udp-truncation-398 = receiving after the cut datagrams
    .en = receiving after the cut datagrams
step-labs-udp-truncation-399 = receiving the 65507-byte datagram
    .en = receiving the 65507-byte datagram
step-labs-udp-truncation-400 = receiving the Chinese datagram
    .en = receiving the Chinese datagram
step-labs-udp-truncation-401 = receiving the datagram after it
    .en = receiving the datagram after it
step-labs-udp-truncation-402 = receiving with MSG_TRUNC
    .en = receiving with MSG_TRUNC
step-labs-udp-truncation-403 = sending a 10-byte datagram
    .en = sending a 10-byte datagram
step-labs-udp-truncation-404 = sending an empty datagram
    .en = sending an empty datagram
step-labs-udp-truncation-405 = sending the Chinese datagram
    .en = sending the Chinese datagram
step-labs-udp-truncation-406 = sending the course's datagrams
    .en = sending the course's datagrams
step-labs-udp-truncation-407 = sending the datagram after it
    .en = sending the datagram after it
step-labs-udp-truncation-408 = sending the marker datagram
    .en = sending the marker datagram

## src/labs/unix_sockets.rs

step-labs-unix-sockets-409 = binding the abstract name
    .en = binding the abstract name
step-labs-unix-sockets-410 = binding the first server
    .en = binding the first server
step-labs-unix-sockets-411 = binding the socket file
    .en = binding the socket file
step-labs-unix-sockets-412 = building the abstract name
    .en = building the abstract name
step-labs-unix-sockets-413 = building the socket path
    .en = building the socket path
step-labs-unix-sockets-414 = connecting to the socket file
    .en = connecting to the socket file
step-labs-unix-sockets-415 = creating a server with SO_REUSEADDR
    .en = creating a server with SO_REUSEADDR
step-labs-unix-sockets-416 = creating the first server
    .en = creating the first server
step-labs-unix-sockets-417 = creating the receiver
    .en = creating the receiver
step-labs-unix-sockets-418 = creating the restarted server
    .en = creating the restarted server
step-labs-unix-sockets-419 = creating the second server
    .en = creating the second server
step-labs-unix-sockets-420 = creating the sender
    .en = creating the sender
step-labs-unix-sockets-421 = listing the lab's folder
    .en = listing the lab's folder
step-labs-unix-sockets-422 = reading net.unix.max_dgram_qlen
    .en = reading net.unix.max_dgram_qlen
step-labs-unix-sockets-423 = receiving the first message
    .en = receiving the first message
step-labs-unix-sockets-424 = receiving the second message
    .en = receiving the second message
step-labs-unix-sockets-425 = sending b"1234567890"
    .en = sending b"1234567890"
step-labs-unix-sockets-426 = sending b"next"
    .en = sending b"next"
step-labs-unix-sockets-427 = setting SO_REUSEADDR
    .en = setting SO_REUSEADDR
step-labs-unix-sockets-428 = setting the server's timeouts
    .en = setting the server's timeouts
step-labs-unix-sockets-429 = the late recv
    .en = the late recv
step-labs-unix-sockets-430 = the recv after it
    .en = the recv after it
step-labs-unix-sockets-431 = the recv after the cut one
    .en = the recv after the cut one
step-labs-unix-sockets-432 = the recv(4) of 10 bytes
    .en = the recv(4) of 10 bytes
step-labs-unix-sockets-433 = the short recv
    .en = the short recv
step-labs-unix-sockets-434 = unlinking a socket file
    .en = unlinking a socket file
step-labs-unix-sockets-435 = unlinking the stale socket file
    .en = unlinking the stale socket file
step-labs-unix-sockets-436 = waiting for 10 bytes
    .en = waiting for 10 bytes
step-labs-unix-sockets-437 = waiting for both messages
    .en = waiting for both messages
step-labs-unix-sockets-438 = waiting for the first datagram
    .en = waiting for the first datagram
