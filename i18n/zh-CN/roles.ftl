# Classroom mode: what `socklab serve N` and `socklab connect N ADDR` log,
# their errors and notes, and `socklab doctor`'s table and lines.
#
# Not translated, in the code itself: the protocol (every byte sent or
# received), byte strings, numbers, errno names, addresses, the calls'
# names (`recv(5) #1`, `send #2`, `sendto ADDR`), the `client ADDR: ` that
# starts every line about a client, and the two lines scripts read:
# `listening on ADDR (tcp)` and `client ADDR: done`.

## What each role does (the second line of serve and the first of connect)

role-lab-line = 实验 { $number }（{ $slug }）：{ $what }
    .en = lab {"{"}number{"}"} ({"{"}slug{"}"}): {"{"}what{"}"}
role1-server = 迟读的服务端：等客户端关闭后，再依次 recv(5)、recv(5)、recv(10)、recv(5)
    .en = a late reader: waits for the client to close, then recv(5), recv(5), recv(10), recv(5)
role1-client = 发送 b"hello"、b"world"、b"musibii"、b"1"，然后关闭
    .en = sends b"hello", b"world", b"musibii", b"1", closes
role2-server = 假装的 shell（什么都不运行）：`seq 1 500`、`echo hi`
    .en = a pretend shell (runs nothing): `seq 1 500`, `echo hi`
role2-client = 发送这两条命令，每条之后做一次 recv(1024)
    .en = sends both commands, one recv(1024) after each
role3-server = recvfrom(8)、recvfrom(3)、recvfrom(1)，并给出每个数据报的真实大小
    .en = recvfrom(8), recvfrom(3), recvfrom(1), with each datagram's real size
role3-client = 发送 b"1234567890"、b"12345"、b"123"
    .en = sends b"1234567890", b"12345", b"123"
role6-server = 本课程的报头字典：`struct.pack('i', len(header))`（小端序），带 `total_size`、`data_size`、`filesize` 或 `file_size` 的 JSON 报头，再加消息体；其余字段记入日志
    .en = the course's header dictionary: `struct.pack('i', len(header))` (little-endian), a JSON header with `total_size`, `data_size`, `filesize` or `file_size`, the body; logs the other fields
role6-client = 按这个格式发送三条消息（`total_size`），然后等服务端关闭
    .en = three messages in that format (`total_size`), then waits for the server to close
role11-server = 时间服务端：收进一个 `time.strftime` 格式（空 = `%Y-%m-%d %X`），送出本地时间（`--utc`：UTC）
    .en = the time server: a `time.strftime` format in (empty = `%Y-%m-%d %X`), the local time out (`--utc`: UTC)
role11-client = 发送 b""，并打印回复
    .en = sends b"" and prints the reply
role15-server = 发送 32 个随机字节，恰好读取摘要长度的 HMAC(key, challenge)（`--digest md5|sha256`、`--key TEXT`）；认证通过：每条消息都以大写后的字节作答；认证失败：关闭连接，不发送任何结论字节
    .en = sends 32 random bytes, reads exactly the digest's length of HMAC(key, challenge) (`--digest md5|sha256`, `--key TEXT`); accepted: each message answered with its upper-cased bytes; rejected: closed, no verdict bytes
role15-client = 回答挑战（参数相同），再发送 b"hello"：收到 b"HELLO" 即认证通过（退出状态 0），连接被关闭即认证失败（1），5 秒内没有结论（2）
    .en = answers the challenge (same flags), sends b"hello": b"HELLO" back is accepted (exit 0), a close rejected (1), no verdict in 5 s (2)
role16-server = 本课程的 `put` 接收端：`struct.pack('i', len(header))`，JSON `{"{"}"cmd": "put", "filename", "filesize"{"}"}`（或 `file_size`），再加文件；只收普通文件名，每个客户端一个私有文件夹，并给出所存文件的摘要
    .en = the course's `put` receiver: `struct.pack('i', len(header))`, JSON `{"{"}"cmd": "put", "filename", "filesize"{"}"}` (or `file_size`), the file; plain names only, a private folder per client, the digest of what it stored
role16-client = `socklab connect 16 ADDR:PORT FILE` 用同样的方式上传 FILE（另一种拼写用 `--size-field file_size`）
    .en = `socklab connect 16 ADDR:PORT FILE` uploads FILE the same way (`--size-field file_size` for the other spelling)
role17-server = 在自己的临时文件夹里运行允许名单上的程序（不经过 shell）；一次 recv(1024) 就是一条命令；回复格式为 `--reply header-dict`（默认；大小放在 `total_size`，或用 `--size-field` 改为 `data_size`）或 `--reply length-prefix`
    .en = runs allowlisted programs (no shell) in a temp folder of its own; one recv(1024) is one command; replies `--reply header-dict` (default; size in `total_size`, or `data_size` with `--size-field`) or `--reply length-prefix`
role17-client = 发送 `echo hi`、`seq 1 500`、`ls no-such-file`、`false`（都不写也不删：本课程的服务端会在 shell 里运行它们），并读取每条回复，无论哪种格式
    .en = sends `echo hi`, `seq 1 500`, `ls no-such-file`, `false` (nothing that writes or deletes: the course's servers run it in a shell) and reads each reply, whichever shape

## socklab serve: starting, clients, datagrams

serve-not-loopback = 警告：正在监听 { $address }，而不是回环地址：任何能连到这台机器的人都可以连接
    .en = warning: listening on {"{"}address{"}"}, not loopback: anyone who can reach this machine can connect
serve-cannot-listen = 无法监听 { $address }：{ $error }{ $hint }
    .en = cannot listen on {"{"}address{"}"}: {"{"}error{"}"}{"{"}hint{"}"}
serve-hint-in-use = ：另一个程序占用了这个端口；换一个端口，或者用端口 0 让系统挑一个空闲的
    .en = : another program has that port; pick another, or port 0 for a free one
serve-hint-not-here = ：这个地址不属于这台机器
    .en = : that address is not one of this machine's
serve-hint-privileged = ：1024 以下的端口需要 root；请用更大的端口号，或者端口 0
    .en = : ports below 1024 need root; use a higher port or port 0
role-hint-link-local = ：链路本地地址（fe80::）必须带上网络接口：[fe80::1%2]:PORT，其中 2 是该接口在 `ip link` 里的编号
    .en = : a link-local address (fe80::) needs its interface: [fe80::1%2]:PORT, where 2 is the interface's number in `ip link`
serve-setup-accept-timeout = 设置 accept 的超时
    .en = setting the accept timeout
serve-setup-timeouts = 设置超时
    .en = setting the timeouts
serve-setup-poll = 等待数据报（poll）
    .en = waiting for a datagram (poll)
serve-out-of-descriptors = accept: { $error }：文件描述符或内存用完了（ulimit -n，或者减少客户端）；等一个客户端离开
    .en = accept: {"{"}error{"}"}: out of descriptors or memory (ulimit -n, or fewer clients); waiting for a client to leave
serve-accept-failed = accept: { $error }：等待下一个客户端
    .en = accept: {"{"}error{"}"}: waiting for the next client
serve-refused-full = client { $peer }: 拒绝：已经同时服务 { $max } 个客户端，达到上限：已复位 (RST)
    .en = client {"{"}peer{"}"}: refused: already serving {"{"}max{"}"} clients, the most at once: reset
serve-no-thread = { $name }: 没有线程可以服务它（{ $error }）：已关闭
    .en = {"{"}name{"}"}: no thread for it ({"{"}error{"}"}): closed
serve-connected = 已连接
    .en = connected
serve-closing = { $error }：关闭连接
    .en = {"{"}error{"}"}: closing
serve-giving-up = { $error }：放弃这次交换
    .en = {"{"}error{"}"}: giving up
serve-waiting-failed = 等待数据报：{ $error }
    .en = waiting for a datagram: {"{"}error{"}"}
serve-datagram-dropped = client { $sender }: 丢弃了一个 { $size } 字节的数据报：{ $why }
    .en = client {"{"}sender{"}"}: datagram of {"{"}size{"}"} bytes dropped: {"{"}why{"}"}
serve-refused-exchanges = 拒绝：已经同时进行 { $max } 个交换，达到上限
    .en = refused: already {"{"}max{"}"} exchanges, the most at once
serve-no-thread-datagram = 没有线程可以处理它（{ $error }）
    .en = no thread for it ({"{"}error{"}"})
serve-not-taken = 它的交换没能及时取走它
    .en = its exchange did not take it in time
serve-sender-not-ip = 发送方不是 IP 地址
    .en = the sender is not an IP address

## socklab connect ("connecting to" is in socklab.ftl)

connect-what-send = 发送到
    .en = sending to
connect-connected = 已连接到 { $server }（tcp）
    .en = connected to {"{"}server{"}"} (tcp)
connect-sending = 发送到 { $server }（udp）
    .en = sending to {"{"}server{"}"} (udp)
connect-hint-refused = ：{ $server } 上没有程序在监听；请先启动服务端（`socklab serve` 会打印它的地址）
    .en = : nothing listens on {"{"}server{"}"}; start the server first (`socklab serve` prints its address)
connect-hint-no-route = ：这台机器没有到 { $ip } 的路由；请检查地址（这台机器是 127.0.0.1）
    .en = : no route from this machine to {"{"}ip{"}"}; check the address (this machine is 127.0.0.1)
connect-hint-no-answer = ：{ $server } 在 { $seconds } 秒内没有应答；请检查地址，并确认中间没有防火墙
    .en = : no answer from {"{"}server{"}"} within {"{"}seconds{"}"} s; check the address, and that no firewall is in between
connect-needs-a-file = 错误：实验 { $number }（{ $slug }）要上传一个文件：socklab connect { $number } ADDR:PORT FILE
    .en = error: lab {"{"}number{"}"} ({"{"}slug{"}"}) uploads a file: socklab connect {"{"}number{"}"} ADDR:PORT FILE
connect-not-understood = 对方没听懂：{ $why }
    .en = not understood: {"{"}why{"}"}
role-no-roles = 实验 { $number }（{ $slug }）没有 serve/connect 角色；有角色的实验：{ $with_roles }
    .en = lab {"{"}number{"}"} ({"{"}slug{"}"}) has no serve/connect roles; labs with roles: {"{"}with_roles{"}"}

## Every role: bytes, calls, limits

role-one-byte = 1 字节 { $bytes }
    .en = 1 byte {"{"}bytes{"}"}
role-bytes = { $count } 字节 { $bytes }
    .en = {"{"}count{"}"} bytes {"{"}bytes{"}"}
role-bytes-long = { $count } 字节 { $head }…{ $tail }
    .en = {"{"}count{"}"} bytes {"{"}head{"}"}…{"{"}tail{"}"}
role-eof = （EOF：对端已关闭）
    .en = (EOF: the peer closed)
role-sent-fin = shutdown(SHUT_WR)：已发送 FIN
    .en = shutdown(SHUT_WR): sent FIN
role-session-limit = 到了 { $seconds } 秒的会话时限还没结束
    .en = still here after the {"{"}seconds{"}"} s session limit
role-message-too-slow = 过了 { $seconds } 秒（{ $factor } × 空闲超时）消息仍不完整
    .en = message still incomplete after {"{"}seconds{"}"} s ({"{"}factor{"}"} × the idle timeout)
role-idle-timeout = { $call }: { $idle } 秒内什么都没收到（空闲超时）
    .en = {"{"}call{"}"}: nothing for {"{"}idle{"}"} s (idle timeout)
role-heard-silence = { $call }: { $seconds } 秒内什么都没收到
    .en = {"{"}call{"}"}: nothing for {"{"}seconds{"}"} s
role-heard-reset = { $call }: ECONNRESET（对端发来了 RST）
    .en = {"{"}call{"}"}: ECONNRESET (the peer sent RST)
role-reading = 读取{ $what }（{ $length } 字节中已收到 { $got }）
    .en = reading {"{"}what{"}"} ({"{"}got{"}"} of {"{"}length{"}"} bytes in)
role-eof-mid-message = { $what }的 { $length } 字节只收到 { $got } 个就 EOF 了（对端在消息中途消失）
    .en = EOF after {"{"}got{"}"} of {"{"}length{"}"} {"{"}what{"}"} bytes (the peer vanished mid-message)
role-budget-refused = 拒收 { $length } 字节的{ $what }：其他客户端的消息已经占用了服务端 { $budget } 字节中的 { $used } 字节；请稍后再试
    .en = {"{"}length{"}"}-byte {"{"}what{"}"} refused: other clients' messages already take {"{"}used{"}"} of the server's {"{"}budget{"}"} bytes; try again in a moment
role-what-length-prefix = 长度前缀
    .en = length prefix
role-what-json-header = JSON 报头
    .en = JSON header
role-what-body = 消息体
    .en = body
role-what-file = 文件
    .en = file
role-what-reply = 回复
    .en = reply
role-what-answer = 回答
    .en = answer
role-no-datagram = { $call }: { $seconds } 秒内没有数据报（超时）
    .en = {"{"}call{"}"}: no datagram for {"{"}seconds{"}"} s (timeout)
role-sender-not-ip = { $call }: 发送方不是 IP 地址
    .en = {"{"}call{"}"}: sender is not an IP address
role-datagram-cut = （数据报原有 { $real } 字节：丢弃了 { $discarded } 字节，MSG_TRUNC）
    .en = (datagram was {"{"}real{"}"} bytes: {"{"}discarded{"}"} discarded, MSG_TRUNC)
role-datagram-from-other = { $call }: 这次交换里出现了来自 { $sender } 的数据报（socklab 分发器的 bug）
    .en = {"{"}call{"}"}: a datagram from {"{"}sender{"}"} in this exchange (a bug in socklab's dispatcher)
role-received-from = { $call } 来自 { $sender }: { $bytes }{ $cut }
    .en = {"{"}call{"}"} from {"{"}sender{"}"}: {"{"}bytes{"}"}{"{"}cut{"}"}
role-either = { $a } 或 { $b }
    .en = {"{"}a{"}"} or {"{"}b{"}"}
role-both = { $a } 和 { $b }
    .en = {"{"}a{"}"} and {"{"}b{"}"}

## Lab 1: sticky packets

role1-late-reader = 迟读的服务端：先等客户端关闭（最多 { $seconds } 秒），再做第一次 recv
    .en = late reader: waiting until the client closes (at most {"{"}seconds{"}"} s) before the first recv
role1-queued = 已排队：{ $queued } 字节（FIONREAD；本课程的客户端发送 { $total } 字节），客户端已关闭：{ $closed }
    .en = queued: {"{"}queued{"}"} bytes (FIONREAD; the course's client sends {"{"}total{"}"}), client closed: {"{"}closed{"}"}
role-yes = 是
    .en = yes
role-no = 否
    .en = no

## Lab 2: the remote shell

role2-no-reply = 没有回复：{ $error }
    .en = no reply: {"{"}error{"}"}

## Lab 6: the header dictionary

role6-closed-before-reading = { $error }：服务端还没读完就关闭了
    .en = {"{"}error{"}"}: the server closed before it had read everything
role6-read-and-closed = 服务端读完了全部数据并关闭
    .en = the server read everything and closed
role6-server-answered = 服务端回答了 { $bytes }，而本课程的服务端只读不答（它是别的实验的服务端吗？）
    .en = the server answered {"{"}bytes{"}"}, and the course's server only reads (is it another lab's server?)
role6-server-reset = 服务端复位了连接：它在还有字节没读时关闭，所以没读到结尾就停了
    .en = the server reset the connection: it closed with bytes unread, so it stopped reading before the end
role6-server-silent = 服务端既没关闭也没回答：看不出它读了这些消息
    .en = the server neither closed nor answered: no sign that it read the messages
role6-client-closed = 客户端在 { $count } 条消息之后关闭
    .en = client closed after {"{"}count{"}"} messages
role6-header = 消息 #{ $number }：报头 { $header }
    .en = message #{"{"}number{"}"}: header {"{"}header{"}"}
role6-size = 消息 #{ $number }：大小在 "{ $field }" 里：{ $size }；其他字段：{ $others }
    .en = message #{"{"}number{"}"}: size in "{"{"}field{"}"}": {"{"}size{"}"}; other fields: {"{"}others{"}"}
role6-body = 消息 #{ $number }：消息体 { $body }
    .en = message #{"{"}number{"}"}: body {"{"}body{"}"}
role6-none = 无
    .en = none
role6-prefix-not-4-bytes = 长度前缀不是 4 个字节
    .en = length prefix is not 4 bytes
role6-negative-length = 长度前缀 { $shown } = { $declared }：是负数
    .en = length prefix {"{"}shown{"}"} = {"{"}declared{"}"}: negative
role6-header-too-long = 长度前缀 { $shown } 声明报头有 { $length } 字节，超过上限 { $max }
    .en = length prefix {"{"}shown{"}"} declares a {"{"}length{"}"}-byte header > max {"{"}max{"}"}
role6-header-not-utf8 = 报头不是 UTF-8（只有前 { $valid } 个字节有效）：{ $header }
    .en = header is not UTF-8 (valid up to byte {"{"}valid{"}"}): {"{"}header{"}"}
role6-header-not-json = 报头不是 JSON（{ $error }）：{ $header }
    .en = header is not JSON ({"{"}error{"}"}): {"{"}header{"}"}
role6-header-not-object = 报头不是 JSON 对象：{ $header }
    .en = header is not a JSON object: {"{"}header{"}"}
role6-header-no-size = 报头里没有 { $names }：{ $header }
    .en = header has no {"{"}names{"}"}: {"{"}header{"}"}
role6-header-two-sizes = 报头里有不止一个大小字段（{ $names }）：哪个才是消息体的？
    .en = header has more than one size field ({"{"}names{"}"}): which one is the body's?
role6-not-a-size = "{ $field }" 不是一个大小：{ $size }
    .en = "{"{"}field{"}"}" is not a size: {"{"}size{"}"}
role6-body-too-long = 报头声明了 { $size } 字节，超过上限 { $max }
    .en = header declares {"{"}size{"}"} bytes > max {"{"}max{"}"}
role6-shortened = …（共 { $count } 字节）
    .en = … ({"{"}count{"}"} bytes)

## Lab 11: the UDP time server

role11-utc = 时间用 UTC（不加 --utc：用这台机器的本地时间）
    .en = times in UTC (without --utc: this machine's local time)
role11-local-time = 时间用本地时间，时区 { $zone }，现在是 UTC{ $offset }（用 --utc 改为 UTC）
    .en = times in local time, zone {"{"}zone{"}"}, UTC{"{"}offset{"}"} now (--utc for UTC)
role11-zone-from-tz = 取自 TZ
    .en = from TZ
role11-default-format-refused = 服务端不接受默认格式
    .en = the server did not take the default format

## Lab 15: HMAC client authentication

role15-settings = 密钥 { $key }，{ $digest }：回答 { $length } 字节（用 --key TEXT 和 --digest md5|sha256 改用别的）
    .en = key {"{"}key{"}"}, {"{"}digest{"}"}: {"{"}length{"}"}-byte answers (--key TEXT and --digest md5|sha256 to speak another)
role15-challenge = 挑战：{ $length } 个随机字节（getrandom(2)），十六进制 { $hex }
    .en = challenge: {"{"}length{"}"} random bytes (getrandom(2)), hex {"{"}hex{"}"}
role15-expected = 预期 { $digest }(key, challenge)，十六进制 { $hex }
    .en = expected {"{"}digest{"}"}(key, challenge), hex {"{"}hex{"}"}
role15-rejected = 回答不是 { $digest }(key, challenge)：认证失败
    .en = answer is not {"{"}digest{"}"}(key, challenge): rejected
role15-matches = 回答相符（常数时间比较）：认证通过；之后每条消息都会以大写形式发回
    .en = answer matches (constant-time compare): accepted; each message comes back upper-cased
role15-after-answer-bytes = （回答的 { $length } 字节中已收到 { $got }）
    .en = after {"{"}got{"}"} of {"{"}length{"}"} answer bytes
role15-other-digest = { $received } 字节：正是 { $digest } 的长度；试试 --digest { $flag }
    .en = {"{"}received{"}"} bytes: the size of {"{"}digest{"}"}; try --digest {"{"}flag{"}"}
role15-closed-in-challenge = 服务端只发了 { $length } 个挑战字节中的 { $got } 个就关闭了
    .en = the server closed after {"{"}got{"}"} of the {"{"}length{"}"} challenge bytes
role15-answer = 回答：{ $digest }(key, challenge)，十六进制 { $hex }
    .en = answer: {"{"}digest{"}"}(key, challenge), hex {"{"}hex{"}"}
role15-server-closed = 服务端关闭了连接
    .en = the server closed the connection
role15-server-reset = 服务端复位了连接
    .en = the server reset the connection
role15-no-verdict = 没有结论：服务端既没有回显 { $probe }，也没有关闭
    .en = no verdict: the server neither echoed {"{"}probe{"}"} nor closed
role15-accepted = 认证通过：发出的 { $probe } 回来时成了 { $reply }
    .en = accepted: {"{"}probe{"}"} came back as {"{"}reply{"}"}
role15-not-accepted = 认证未通过：服务端回答的是 { $reply }，而不是回显 { $echo }
    .en = not accepted: the server answered {"{"}reply{"}"} instead of the echo {"{"}echo{"}"}
role15-rejected-after-answer = 认证失败：回答之后{ $what }（密钥或 --digest 不一样？）
    .en = rejected: {"{"}what{"}"} after the answer (another key or --digest?)

## Lab 16: file transfer

role16-settings = 上传的文件放进为每个客户端新建的文件夹（权限 0700），客户端离开时删除
    .en = uploads go to a new folder (mode 0700) for each client, removed when it leaves
role16-cannot-create-folder = 创建上传文件夹：{ $error }
    .en = creating the upload folder: {"{"}error{"}"}
role16-client-closed = 客户端在 { $count } 次上传之后关闭
    .en = client closed after {"{"}count{"}"} uploads
role16-header = 上传 #{ $number }：报头 { $header }
    .en = upload #{"{"}number{"}"}: header {"{"}header{"}"}
role16-unknown-command = "cmd": { $command } 在这里不是命令（命令表里只有 { $commands }），而本课程的 getattr(self, cmd) 会调用任何同名的方法
    .en = "cmd": {"{"}command{"}"} is not a command here (the table holds {"{"}commands{"}"}), and the course's getattr(self, cmd) would have called any method of that name
role16-no-cmd = 报头里没有 "cmd" 字符串
    .en = header has no "cmd" string
role16-no-filename = 报头里没有 "filename" 字符串
    .en = header has no "filename" string
role16-refused-name = 拒收 "filename": { $name }：不是普通文件名（normpath(join(folder, name)) 会把它带出文件夹，或者变成隐藏文件）
    .en = refused "filename": {"{"}name{"}"}: not a plain file name (normpath(join(folder, name))) would have taken it out of the folder or onto a hidden file
role16-cannot-rename = 把上传的文件改名到位：{ $error }
    .en = renaming the upload into place: {"{"}error{"}"}
role16-md5-matches = （报头里的 md5 相符）
    .en = (the header's md5 matches)
role16-md5-differs = （报头里的 md5 不符）
    .en = (the header's md5 does NOT match)
role16-stored = 上传 #{ $number }：已保存 { $name }，{ $size } 字节，SHA-256 { $sha256 }，MD5 { $md5 }{ $note }
    .en = upload #{"{"}number{"}"}: stored {"{"}name{"}"}, {"{"}size{"}"} bytes, SHA-256 {"{"}sha256{"}"}, MD5 {"{"}md5{"}"}{"{"}note{"}"}
role16-cannot-create-file = 创建临时文件：{ $error }
    .en = creating the temporary file: {"{"}error{"}"}
role16-cannot-write = 写入上传的文件：{ $error }
    .en = writing the upload: {"{"}error{"}"}
role16-no-file = 没有要上传的 FILE
    .en = no FILE to upload
role16-name-not-utf8 = { $path }：文件名不是 UTF-8
    .en = {"{"}path{"}"}: the file name is not UTF-8
role16-sent = 已发送 { $name }：{ $size } 字节，SHA-256 { $sha256 }
    .en = sent {"{"}name{"}"}: {"{"}size{"}"} bytes, SHA-256 {"{"}sha256{"}"}
role16-cannot-read = 无法读取 { $path }：{ $error }；请给出要上传的文件的路径
    .en = cannot read {"{"}path{"}"}: {"{"}error{"}"}; give the path of a file to upload
role16-file-too-large = { $path } 有 { $size } 字节；这里一次 put 最多只能带 { $max } 字节
    .en = {"{"}path{"}"} is {"{"}size{"}"} bytes; the most one put may carry here is {"{"}max{"}"}

## Lab 17: remote command execution

role17-settings-header-dict = 回复：struct 'i' 长度、带 "{ $field }"（消息体大小）的 JSON 报头、stdout + stderr（本课程的其他格式用 --size-field data_size 或 --reply length-prefix）
    .en = replies: struct 'i' length, JSON header with "{"{"}field{"}"}" (the body's size), stdout + stderr (--size-field data_size or --reply length-prefix for the course's other shapes)
role17-settings-length-prefix = 回复：输出的 struct 'i' 长度，然后是输出本身（stdout + stderr），没有 JSON
    .en = replies: struct 'i' length of the output, then the output (stdout + stderr), no JSON
role17-conflicting-options = --size-field 指的是 JSON 报头里的字段，而 --reply length-prefix 根本不发报头：请去掉其中一个
    .en = --size-field names a field of the JSON header, and --reply length-prefix sends none: drop one of them
role17-cannot-create-folder = 创建命令的临时文件夹：{ $error }
    .en = creating the commands' temp folder: {"{"}error{"}"}
role17-folder = 命令在一个新的临时文件夹里运行，里面有 { $files }，客户端离开时删除
    .en = commands run in a new temp folder holding {"{"}files{"}"}, removed when the client leaves
role17-client-closed = 客户端在 { $count } 条命令之后关闭
    .en = client closed after {"{"}count{"}"} commands
role17-command-too-long = 命令超过 { $max } 字节：它的尾部会被当成下一条命令读走
    .en = command over {"{"}max{"}"} bytes: its tail would be read as the next command
role17-reply-header = 回复 #{ $number }：报头 { $header }
    .en = reply #{"{"}number{"}"}: header {"{"}header{"}"}
role17-reply-length = 回复 #{ $number }：长度 { $length }，然后是输出
    .en = reply #{"{"}number{"}"}: length {"{"}length{"}"} then the output
role17-closed-instead = 服务端没有回复第 #{ $number } 条命令，而是关闭了连接
    .en = the server closed instead of replying to command #{"{"}number{"}"}
role17-not-a-length = 回复 #{ $number } 以 { $prefix } 开头，这不是不超过 { $max } 的 struct 'i' 长度：不属于本课程的任何一种回复格式
    .en = reply #{"{"}number{"}"} starts with {"{"}prefix{"}"}, which is no struct 'i' length up to {"{"}max{"}"}: not one of the course's reply shapes
role17-no-header = 回复 #{ $number }：没有 JSON 报头：这 { $length } 字节就是输出（--reply length-prefix）
    .en = reply #{"{"}number{"}"}: no JSON header: the {"{"}length{"}"} bytes are the output (--reply length-prefix)
role17-output = 回复 #{ $number }：输出 { $output }
    .en = reply #{"{"}number{"}"}: output {"{"}output{"}"}
role17-bad-header = 回复 #{ $number }：{ $error }
    .en = reply #{"{"}number{"}"}: {"{"}error{"}"}
role17-header-dict = 回复 #{ $number }：报头字典，大小在 "{ $field }" 里：{ $header }
    .en = reply #{"{"}number{"}"}: header dictionary, size in "{"{"}field{"}"}": {"{"}header{"}"}
role17-body = 回复 #{ $number }：消息体 { $body }
    .en = reply #{"{"}number{"}"}: body {"{"}body{"}"}

## socklab doctor

doctor-column-setting = 设置项
    .en = Setting
doctor-column-book = 本书
    .en = Book
doctor-column-here = 这台机器
    .en = This machine
doctor-column-labs = 相关实验
    .en = Labs
doctor-column-why = 为什么重要
    .en = Why it matters
doctor-same = 相同
    .en = same
doctor-differs = 不同
    .en = DIFFERS
doctor-rmem-default = net.ipv4.tcp_rmem（默认值）
    .en = net.ipv4.tcp_rmem (default)
doctor-loopback-mtu = 回环 MTU
    .en = loopback MTU
doctor-why-autocorking = 内核可能自己把小的写入合并起来，改变报文段的数量
    .en = the kernel may merge small writes by itself, changing segment counts
doctor-why-timestamps = 时间戳选项占去每个报文段的 12 个字节：MSS 是 524，而不是 536
    .en = the timestamp option takes 12 bytes of every segment: MSS 524, not 536
doctor-why-somaxconn = 它给每个 listen() 的 backlog 设了上限
    .en = it caps every listen() backlog
doctor-why-syncookies = 队列满时内核怎样对待 SYN
    .en = how the kernel treats SYNs when its queues are full
doctor-why-tw-reuse = 见实验 4 的讨论；它影响 connect()，不影响 bind()
    .en = shown in lab 4's discussion; it affects connect(), not bind()
doctor-why-rmem = 最初的接收窗口，也就决定了第一个 32741 字节的报文段
    .en = the first receive window, and so the 32741-byte first segment
doctor-why-mtu = 能不被拆分地穿过回环的最大报文段和数据报
    .en = the largest segment and datagram that cross loopback unsplit
doctor-sock-diag = 套接字诊断（sock_diag，ss 用的就是它）：{ $state }（实验 4 和 13 通过它读取 TIME_WAIT）
    .en = socket diagnostics (sock_diag, as used by ss): {"{"}state{"}"} (labs 4 and 13 read TIME_WAIT through it)
doctor-ipv6 = IPv6 回环（::1）：{ $state }（这些实验只用 IPv4）
    .en = IPv6 loopback (::1): {"{"}state{"}"} (the labs use IPv4 only)
doctor-privileges = 权限：{ $who }（没有哪个实验需要 root）
    .en = privileges: {"{"}who{"}"} (no lab needs root)
doctor-available = 可用
    .en = available
doctor-not-available-loud = 不可用
    .en = NOT available
doctor-not-available = 不可用
    .en = not available
doctor-root = root 用户
    .en = root
doctor-unprivileged = 普通用户
    .en = unprivileged
doctor-private-network = `socklab run` 的私有网络：{ $how }；实验在那里用本书的 sysctl 运行，所以上面的设置只在用 --host-network 时才有影响
    .en = private network for `socklab run`: {"{"}how{"}"}; the labs run there with the book's sysctls, so the settings above matter only with --host-network
doctor-user-namespace = 可用，来自用户命名空间（不需要 root）
    .en = available, from a user namespace (no root needed)
doctor-as-root = 可用（以 root 身份）
    .en = available (as root)
doctor-no-private-network = `socklab run` 的私有网络：不可用（{ $reason }）；实验在这台主机的回环上、用上面的设置运行，并跳过线路上的检查项
    .en = private network for `socklab run`: NOT available ({"{"}reason{"}"}); the labs run on this host's loopback, with the settings above, and skip their wire checks
doctor-matches = 这台机器与本书一致：每个实验在这里都应该通过。
    .en = This machine matches the book: every lab should pass here.
doctor-differs-from-book =
    这台机器与本书不同：上面列出的实验在这里可能出现“不符”的行。
    这是内核在如实反映这台机器，不是 socklab 的 bug。
    .en =
        This machine differs from the book: the labs listed above may show MISMATCH rows here.
        That is the kernel telling the truth about this machine, not a socklab bug.
role-length-prefix = { $what } #{ $number }：长度前缀 { $prefix } = { $length }（struct 'i'，小端序）
    .en = {"{"}what{"}"} #{"{"}number{"}"}: length prefix {"{"}prefix{"}"} = {"{"}length{"}"} (struct 'i', little-endian)
role-what-message = 消息
    .en = message
role-what-upload = 上传
    .en = upload
