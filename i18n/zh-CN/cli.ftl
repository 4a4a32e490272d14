# socklab's command line: about, help and examples of every command and
# option (clap). Found by their English (.en), like every zh-CN message.
# Keep option names, values, commands and example command lines as they are;
# translate the words, and keep the examples' columns aligned (a Chinese
# character is two columns wide).

cli-heading-usage = 用法：
    .en = Usage:
cli-heading-commands = 命令
    .en = Commands
cli-heading-arguments = 参数
    .en = Arguments
cli-heading-options = 选项
    .en = Options
cli-about = socklab：用实验学 socket 编程
    .en = socklab: socket programming by experiment
cli-long-about =
    socklab：用实验学 socket 编程。

    每个实验在回环上真实重现一个经典的套接字知识点（粘包、Nagle、UDP 截断、
    TIME_WAIT……），测量内核实际做了什么，并打印 检查项 | 预期 | 实测 | 结论。
    .en =
        socklab: socket programming by experiment.
        
        Each lab makes one classic socket lesson happen on loopback (sticky packets, Nagle, UDP truncation, TIME_WAIT...), measures what the kernel really did, and prints check | expected | observed | verdict.
cli-after-help =
    示例：
      socklab list                      列出每个实验及其演示内容
      socklab run 3                     实验 3：UDP 截断
      socklab run nagle-sticky 5        按短名或编号选择实验
      socklab run all --repeat 50       上课前检查一台机器
      socklab explain 1                 实验说明：发生了什么，为什么
      socklab doctor                    这台机器的表现与书中一致吗？
      socklab bench                     socklab 的数据与 sockperf、纯内存复制对比

    退出状态：0 表示所有检查项都通过，1 表示有检查项不符，2 表示用法或环境错误。
    .en =
        Examples:
          socklab list                      every lab, with what it shows
          socklab run 3                     lab 3: UDP truncation
          socklab run nagle-sticky 5        labs by slug or number
          socklab run all --repeat 50       check a machine before class
          socklab explain 1                 the lab sheet: what happens and why
          socklab doctor                    does this machine behave like the book's?
          socklab bench                     socklab's numbers beside sockperf's and a raw copy
        
        Exit status: 0 every check passed, 1 a check mismatched, 2 usage or
        environment error.
cli-lang-help = socklab 自身文字（标题、检查项名称、结论、讲解、错误信息）的语言：en 或 zh-CN。默认取自 locale（LC_ALL、LC_MESSAGES、LANG），以 zh 开头即为 zh-CN
    .en = The language of socklab's own text (titles, check names, verdicts, narration, errors): en or zh-CN. Default: the locale (LC_ALL, LC_MESSAGES, LANG); one starting with zh means zh-CN
cli-list-about = 列出所有实验：编号、短名、标题、演示内容、典型用时
    .en = List every lab: number, slug, title, what it shows, typical run time
cli-list-after-help =
    示例：
      socklab list
    .en =
        Examples:
          socklab list
cli-run-about = 在回环上运行实验，检查内核实际做了什么
    .en = Run labs on loopback and check what the kernel does
cli-run-after-help =
    示例：
      socklab run 3                       按编号运行一个实验
      socklab run udp-truncation          同一个实验，按短名
      socklab run all                     所有实验
      socklab run 1 2 --format markdown   markdown 表格（与书中相同）
      socklab run all --format json       一个 JSON 数组，供脚本使用
      socklab run all --repeat 50         每个实验运行 50 次，统计通过次数
      socklab run 5 --rounds 100          实验 5，每种变体 100 次往返
      socklab run 1 --step                分步讲解：接下来发生什么，该注意看什么
      socklab run 1 --timeline            每次 send、recv 及数据包的时序图
      socklab run 1 --wire                在表格下列出每个数据包，格式同 tcpdump
      socklab run 13 --diagram lab13.svg  把这次运行的连接画成 SVG 时序图
      socklab run 1 --diagram nagle.svg --connection 3
                                          只画第三个连接
      socklab run 1 --pcap lab1.pcap      数据包存入文件，供 Wireshark、tshark 读取
      socklab run all --host-network      在主机回环上按其现有调优运行（不抓包）

    实验在各自的私有网络命名空间中运行（只有 lo，sysctl 固定为书中的取值，抓取
    每个数据包）：内核允许用户命名空间时无需特权，以 root 运行时直接创建。两者都
    不行时，socklab 会说明一次原因，然后在主机的回环上运行，并跳过线路上的检查项。
    .en =
        Examples:
          socklab run 3                       one lab, by number
          socklab run udp-truncation          the same lab, by slug
          socklab run all                     every lab
          socklab run 1 2 --format markdown   markdown tables (as in the book)
          socklab run all --format json       one JSON array, for scripts
          socklab run all --repeat 50         run each lab 50 times, count passes
          socklab run 5 --rounds 100          lab 5 with 100 round trips per variant
          socklab run 1 --step                narrated: what happens next, what to watch
          socklab run 1 --timeline            a sequence diagram of every send and recv, and the packets
          socklab run 1 --wire                every packet under the table, as tcpdump prints them
          socklab run 13 --diagram lab13.svg  the run's connections as an SVG sequence diagram
          socklab run 1 --diagram nagle.svg --connection 3    only the third connection
          socklab run 1 --pcap lab1.pcap      every packet in a file for Wireshark or tshark
          socklab run all --host-network      on the host's loopback, as the host is tuned (no capture)
        
        The labs run in a private network namespace of their own (only lo, the
        book's sysctls pinned, every packet captured): unprivileged where the kernel
        allows user namespaces, plainly as root. Where neither works socklab says
        why once, runs on the host's loopback and skips the wire checks.
cli-run-labs-help = 实验编号（3）、短名（udp-truncation）或 `all`
    .en = Lab numbers (3), slugs (udp-truncation) or `all`
cli-run-format-help = 输出格式
    .en = Output format
cli-run-repeat-help = 每个实验运行 N 次，显示每项检查通过了几次
    .en = Run each lab N times and show how many runs each check passed
cli-run-rounds-help = 延迟类实验中每种变体的往返次数（实验 5 默认 20；最多 1000，约需一分钟：一次 Nagle 往返要等约 40 ms）
    .en = Round trips per variant in latency labs (lab 5 default: 20; at most 1000, about a minute: a Nagle round trip waits ~40 ms)
cli-run-step-help = 讲解模式：每一步之前先说明（在终端上会等待按 Enter）
    .en = Narrated mode: announce each step (waits for Enter on a terminal)
cli-run-timeline-help = 把每次发送和接收画成客户端/服务端时序图
    .en = Draw every send and receive as a client/server sequence diagram
cli-run-diagram-help = 把实验的连接画成 SVG 时序图，写入 FILE：每个数据包和每次记录下的调用（只限一个实验；会记录时间线）
    .en = Draw the lab's connections as an SVG sequence diagram in FILE: every packet and every recorded call (one lab only; records the timeline)
cli-run-connection-help = 配合 --diagram：只画第 N 个连接（1 是最先出现的那个）
    .en = With --diagram: draw only connection N (1 is the first to appear)
cli-run-wire-help = 在每个实验的表格下列出它的每个数据包（类似 tcpdump）
    .en = List every packet of each lab under its table (tcpdump-like)
cli-run-pcap-help = 把这次运行的每个数据包以 pcap 格式写入 FILE
    .en = Write every packet of the run to FILE in pcap format
cli-run-host-network-help = 在主机的回环上运行，而不是在私有网络命名空间中：主机的 sysctl 生效（见 `socklab doctor`），且不抓包，因此跳过线路上的检查项
    .en = Run on the host's loopback instead of a private network namespace: the host's sysctls apply (see `socklab doctor`) and nothing is captured, so wire checks are skipped
cli-doctor-about = 检查这台机器的表现是否与书中一致（内核、sysctl、MTU）
    .en = Check that this machine behaves like the book's (kernel, sysctls, MTU)
cli-doctor-after-help =
    示例：
      socklab doctor

    退出状态：机器与书中一致时为 0，有设置不同时为 1。
    .en =
        Examples:
          socklab doctor
        
        Exit status: 0 when the machine matches the book, 1 when a setting differs.
cli-completions-about = 打印 shell 补全脚本
    .en = Print a shell completion script
cli-completions-after-help =
    示例：
      socklab completions bash > ~/.local/share/bash-completion/completions/socklab
      socklab completions zsh > ~/.zfunc/_socklab
      socklab completions fish > ~/.config/fish/completions/socklab.fish
    .en =
        Examples:
          socklab completions bash > ~/.local/share/bash-completion/completions/socklab
          socklab completions zsh > ~/.zfunc/_socklab
          socklab completions fish > ~/.config/fish/completions/socklab.fish
cli-completions-shell-help = 要生成补全脚本的 shell
    .en = The shell to complete for
cli-serve-about = 扮演一个实验的服务端，让你自己的客户端做另一端
    .en = Play the server of a lab, so that your own client can be the other end
cli-serve-after-help =
    示例：
      socklab serve 1                     实验 1 服务端，127.0.0.1，端口自选并打印
      socklab serve 6 --listen 127.0.0.1:9000
      socklab serve 3 --once              服务一个客户端（UDP 为一次交互）后退出
      socklab serve 15 --digest md5 --key 'my key'
                                          本课程的 hmac.new(key, msg)（HMAC-MD5）
      socklab serve 17 --size-field data_size
                                          回复中用 data_size 代替 total_size
      socklab serve 17 --reply length-prefix
                                          struct 'i' 长度 + 输出，不用 JSON
      socklab serve 11 --utc              时间服务端用 UTC 报时，而不是本地时间

    变体：实验 15 可用 --digest 和 --key；实验 17 可用 --reply 和 --size-field
    （total_size、data_size）；实验 11 可用 --utc。实验 6 能读取本课程中任意一种
    大小字段，实验 16 能读取文件大小的两种写法，都无需选项。

    第一行是 `listening on ADDR:PORT (tcp|udp)`；之后服务端每次调用打印一行，每行
    以客户端的地址开头（`client 127.0.0.1:5555: recv(5) #1: ...`）。每个客户端
    有自己的线程，最多同时 128 个；客户端沉默超过 --idle-timeout、一条消息在该时长
    的两倍内仍未收完，或连接满 60 s，就会被断开。Ctrl-C 停止服务端（退出码 130），
    同时删除它的临时文件夹并结束它的子进程。并非每个实验都有角色：对没有角色的
    实验，socklab 会说明哪些实验有（退出码 2）。
    .en =
        Examples:
          socklab serve 1                     lab 1's server on 127.0.0.1, a free port (printed)
          socklab serve 6 --listen 127.0.0.1:9000
          socklab serve 3 --once              serve one client (one exchange for UDP), then exit
          socklab serve 15 --digest md5 --key 'my key'    the course's hmac.new(key, msg) (HMAC-MD5)
          socklab serve 17 --size-field data_size         replies with data_size instead of total_size
          socklab serve 17 --reply length-prefix          struct 'i' length + output, no JSON
          socklab serve 11 --utc              the time server in UTC instead of local time
        
        Variants: lab 15 takes --digest and --key; lab 17 --reply and --size-field
        (total_size, data_size); lab 11 --utc. Lab 6 reads any of the course's size
        fields and lab 16 both spellings of the file size, with no flag.
        
        The first line is `listening on ADDR:PORT (tcp|udp)`; then one line per call
        the server makes, each starting with the client's address (`client
        127.0.0.1:5555: recv(5) #1: ...`). Each client has a thread of its own, up
        to 128 at once; a client is dropped after --idle-timeout of silence, a
        message not complete within twice that, or 60 s. Ctrl-C stops the server
        (exit 130), removing its temp folders and ending its child processes. Not
        every lab has roles: for one without, socklab says which labs have them
        (exit 2).
cli-serve-lab-help = 实验编号（1）或短名（nagle-sticky）
    .en = A lab number (1) or slug (nagle-sticky)
cli-serve-listen-help = 监听的地址。回环以外的地址都能从网络上访问：此时 socklab 会打印警告
    .en = The address to listen on. Anything but loopback is reachable from the network: socklab then prints a warning
cli-serve-once-help = 只服务一个客户端（UDP 则为一次交互），然后退出
    .en = Serve one client (one exchange for UDP), then exit
cli-serve-idle-timeout-help = 客户端这么久不发送任何数据就断开它
    .en = Drop a client that sends nothing for this long
cli-serve-digest-help = 实验 15：HMAC 内部使用的哈希（默认 sha256；本课程的 `hmac.new(key, msg)` 用的是 md5）
    .en = Lab 15: the hash inside the HMAC (default sha256; the course's `hmac.new(key, msg)` was md5)
cli-serve-key-help = 实验 15：共享密钥，以文本给出（默认用实验自带的 "peace and love"）
    .en = Lab 15: the shared key, as text (default: the lab's, "peace and love")
cli-serve-reply-help = 实验 17：回复如何分帧（默认 header-dict）
    .en = Lab 17: how replies are framed (default header-dict)
cli-serve-size-field-help = 实验 16 和 17：存放大小的报头字段（实验 17：默认 total_size，或 data_size）
    .en = Labs 16 and 17: the header field that holds the size (lab 17: total_size, the default, or data_size)
cli-serve-utc-help = 实验 11：用 UTC 报时，而不是本机的本地时间
    .en = Lab 11: tell the time in UTC instead of this machine's local time
cli-connect-about = 扮演一个实验的客户端，连接 ADDR:PORT 上的服务端（你自己的，或 `socklab serve`）
    .en = Play the client of a lab against a server at ADDR:PORT (yours, or `socklab serve`)
cli-connect-after-help =
    示例：
      socklab connect 1 127.0.0.1:43517   实验 1 的客户端，连接
                                          `socklab serve 1` 打印出的端口
      socklab connect 6 127.0.0.1:9000    报头字典客户端，连接你的服务端
      socklab connect 15 127.0.0.1:9000 --digest md5 --key 'my key'
      socklab connect 16 127.0.0.1:9000 photo.jpg
                                          用本课程的 put 上传一个文件
      socklab connect 16 127.0.0.1:9000 a.txt --size-field file_size

    变体：实验 15 可用 --digest 和 --key；实验 16 需要 FILE，并可用 --size-field
    （filesize、file_size）。实验 17 的客户端能自行识别三种回复格式，并且只发送
    无害的命令。

    退出状态：0 表示服务端完成了它那部分；1 表示它的回答或关闭方式说明它没有理解
    （或者它把客户端拒之门外）；2 表示交互无法进行（连接被拒绝、超时、被切断）。
    .en =
        Examples:
          socklab connect 1 127.0.0.1:43517   lab 1's client, against the port `socklab serve 1` printed
          socklab connect 6 127.0.0.1:9000    the header-dictionary client, against your server
          socklab connect 15 127.0.0.1:9000 --digest md5 --key 'my key'
          socklab connect 16 127.0.0.1:9000 photo.jpg     upload a file with the course's put
          socklab connect 16 127.0.0.1:9000 a.txt --size-field file_size
        
        Variants: lab 15 takes --digest and --key; lab 16 needs FILE and takes
        --size-field (filesize, file_size). Lab 17's client recognises the three
        reply shapes by itself and sends only harmless commands.
        
        Exit status: 0 the server did its part; 1 it answered or closed in a way
        that shows it did not understand (or it turned the client away); 2 the
        exchange could not happen (refused, timed out, cut).
cli-connect-address-help = 服务端的地址，例如 127.0.0.1:43517
    .en = The server's address, e.g. 127.0.0.1:43517
cli-connect-file-help = 实验 16：要上传的文件
    .en = Lab 16: the file to upload
cli-connect-size-field-help = 实验 16：存放文件大小的报头字段（默认 filesize，或 file_size）
    .en = Lab 16: the header field that holds the file's size (filesize, the default, or file_size)
cli-bench-about = 对 socklab 做基准测试：实验 5 的往返与 sockperf 对比，帧编解码器与纯内存复制对比，以及 `list` 和 `run all` 的耗时
    .en = Benchmark socklab: lab 5's round trip beside sockperf's, the frame codec beside a raw copy, and how long `list` and `run all` take
cli-bench-after-help =
    示例：
      socklab bench                       全部测试，不到一分钟（用 --release 构建）
      socklab bench --format json         同样的数据以 JSON 输出，便于长期跟踪
      socklab bench --message-size 16     16 字节消息的往返
      socklab bench --save-json out.json  照常输出表格，JSON 另存到文件

    sockperf（Debian：apt-get install sockperf）是延迟的参照；没有它时，bench 会
    说明这一点并运行其余部分。请在空闲的机器上运行：这些数据只报告、从不检查，
    退出状态总是 0，除非 bench 本身无法运行（2）。
    .en =
        Examples:
          socklab bench                       everything, under a minute (build with --release)
          socklab bench --format json         the same figures as JSON, for tracking over time
          socklab bench --message-size 16     round trips of 16-byte messages
          socklab bench --save-json out.json  the table, and the JSON in a file
        
        sockperf (Debian: apt-get install sockperf) is the latency reference; without
        it the bench says so and runs the rest. Run it on an idle machine: the
        figures are reported, never checked, and the exit status is 0 unless the
        bench itself could not run (2).
cli-bench-message-size-help = 往返中每个请求和每个回复的字节数（sockperf 最少 14）
    .en = Bytes per request and per reply in the round trips (sockperf's minimum is 14)
cli-bench-seconds-help = 每轮试验中 sockperf ping-pong 的秒数；socklab 随后计时与 sockperf 相同次数的往返
    .en = Seconds of sockperf ping-pong per trial; socklab then times as many round trips as sockperf did
cli-bench-trials-help = 每项对比的试验轮数（参照与 socklab 紧接着先后运行）；报告中位数
    .en = Trials of each comparison (reference and socklab back to back); medians are reported
cli-bench-codec-mib-help = 每个编解码器或纯内存复制搬运的 MiB 数
    .en = MiB each codec or raw copy moves
cli-bench-command-runs-help = `socklab list` 和 `socklab run all` 各运行的次数；报告中位数
    .en = Runs of `socklab list` and of `socklab run all`; the median is reported
cli-bench-save-json-help = 同时把数据以 JSON 写入 FILE（只运行一次，两种输出）
    .en = Also write the figures as JSON to FILE (one run, both outputs)
cli-dev-about = 供 socklab 维护者使用：检查（或同步）实验出现的每一处
    .en = For socklab's maintainers: check (or sync) every place a lab appears
cli-dev-check-about = 把实验注册表与实验说明、书、快照和 README 对比；打印每处不一致及修正方法（有不一致则退出码为 1）
    .en = Compare the registry with the sheets, the book, the snapshots and the README; print each disagreement with its fix (exit 1 if any)
cli-dev-check-root-help = 仓库的根目录
    .en = The repository's root folder
cli-dev-sync-about = 根据实验注册表重写 README 中的实验表和 serve/connect 表，以及 book/src/SUMMARY.md 中的实验部分
    .en = Rewrite the README's lab and serve/connect tables and the labs section of book/src/SUMMARY.md from the registry
cli-exercises-about = 列出练习：你写实验的一端，socklab 来评分
    .en = List the exercises: write one end of a lab, socklab grades it
cli-exercises-after-help =
    示例：
      socklab exercises                   所有练习，以及你已通过哪些
      socklab exercise 1.1                练习 1.1 的任务
      socklab check 1.1 -- python3 my_client.py

    你通过了哪些练习记录在 $XDG_DATA_HOME/socklab/exercises-done
    （未设置 XDG_DATA_HOME 时为 ~/.local/share/socklab/exercises-done）；列表会
    显示具体位置。文件夹不可写时，只是少了“完成”一列。
    .en =
        Examples:
          socklab exercises                   every exercise, and which you have passed
          socklab exercise 1.1                the task of exercise 1.1
          socklab check 1.1 -- python3 my_client.py
        
        What you have passed is kept in $XDG_DATA_HOME/socklab/exercises-done
        (~/.local/share/socklab/exercises-done without XDG_DATA_HOME); the list
        says where. A folder that cannot be written only loses the Done column.
cli-exercise-about = 打印练习的任务：要写什么、socklab 扮演哪一端、如何检查
    .en = Print an exercise's task: what to write, which end socklab plays, how it is checked
cli-exercise-after-help =
    示例：
      socklab exercise 6.2
      socklab exercise 6.2 --hint
    .en =
        Examples:
          socklab exercise 6.2
          socklab exercise 6.2 --hint
cli-exercise-id-help = 练习编号，例如 6.2（见 `socklab exercises`）
    .en = The exercise's id, e.g. 6.2 (see `socklab exercises`)
cli-exercise-hint-help = 同时打印提示
    .en = Also print the hint
cli-check-about = 为你的练习程序评分：socklab 扮演另一端
    .en = Grade your program for an exercise: socklab plays the other end
cli-check-after-help =
    示例：
      socklab check 1.1 -- python3 my_client.py
      socklab check 6.2 -- python3 my_server.py
      socklab check 6.2 --watch -- python3 my_server.py    每次保存后重新检查
      socklab check 8.1 --time-limit 30 -- ./my_sender

    socklab 在 127.0.0.1 的一个空闲端口上扮演它那一端，然后运行 `--` 之后的命令
    （不经过 shell），把地址作为最后两个参数（HOST PORT）传入，也放在
    SOCKLAB_HOST、SOCKLAB_PORT 和 SOCKLAB_ADDR（HOST:PORT）中；SOCKLAB_DIR 是
    给文件类练习用的私有文件夹。stdin 是 /dev/null；stdout 和 stderr 各保留至多
    64 KiB，截短后显示在检查项下方。程序在自己的进程组中运行，检查结束、到达时间
    限制或按下 Ctrl-C 时，它（连同它启动的一切）都会被结束。

    退出状态：0 表示所有检查项都通过；1 表示还没通过（有检查项不符）；2 表示检查
    无法进行：找不到命令、程序崩溃、没有连接就退出，或超出时间限制。
    .en =
        Examples:
          socklab check 1.1 -- python3 my_client.py
          socklab check 6.2 -- python3 my_server.py
          socklab check 6.2 --watch -- python3 my_server.py    again on every save
          socklab check 8.1 --time-limit 30 -- ./my_sender
        
        socklab plays its end on 127.0.0.1, on a free port, and runs the command
        after `--` (not through a shell) with the address as its last two
        arguments (HOST PORT) and in SOCKLAB_HOST, SOCKLAB_PORT and SOCKLAB_ADDR
        (HOST:PORT); SOCKLAB_DIR is a private folder for the file exercises.
        stdin is /dev/null; stdout and stderr are kept up to 64 KiB each and shown,
        shortened, under the checks. The program runs in a process group of its
        own and is ended (with anything it started) when the check is over, at
        the time limit, or on Ctrl-C.
        
        Exit status: 0 every check passed; 1 not yet (a check mismatched); 2 the
        check could not run: the command was not found, the program crashed,
        exited without connecting, or ran past the time limit.
cli-check-format-help = 输出格式（json：只输出报告，供脚本使用）
    .en = Output format (json: the report alone, for scripts)
cli-check-watch-help = COMMAND 中提到的文件每次保存时都重新检查（按 Ctrl-C 停止）
    .en = Check again each time a file named in COMMAND is saved (Ctrl-C stops)
cli-check-time-limit-help = 这么多秒后结束程序（退出码 2：超时）
    .en = End the program after this many seconds (exit 2: timed out)
cli-check-command-help = 你的程序及其参数，写在 `--` 之后
    .en = Your program and its arguments, after `--`
cli-explain-about = 打印实验说明：发生了什么、为什么、该看什么
    .en = Print a lab's sheet: what happens, why, and what to look at
cli-explain-after-help =
    示例：
      socklab explain 3
      socklab explain udp-truncation
    .en =
        Examples:
          socklab explain 3
          socklab explain udp-truncation
cli-explain-lab-help = 实验编号（3）或短名（udp-truncation）
    .en = A lab number (3) or slug (udp-truncation)
cli-heading-print-help = 显示帮助
    .en = Print help
cli-heading-print-version = 显示版本
    .en = Print version
