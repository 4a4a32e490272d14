# socklab's own words: headings, verdicts, tallies, messages of the CLI.
# Each message's .en is the English template in the code (tr!), with
# {name} where the code puts an argument; the Chinese uses { $name }.

## The checks table

lab-heading = 实验 { $number } · { $slug } · { $title }
    .en = Lab {"{"}number{"}"} · {"{"}slug{"}"} · {"{"}title{"}"}
column-check = 检查项
    .en = Check
column-expected = 预期
    .en = Expected
column-observed = 实测
    .en = Observed
column-verdict = 结论
    .en = Verdict
column-runs = 次数
    .en = Runs
verdict-pass = 通过
    .en = pass
verdict-mismatch = 不符
    .en = MISMATCH
verdict-skipped = 跳过
    .en = skipped
verdict-skipped-because = 跳过（{ $reason }）
    .en = skipped ({"{"}reason{"}"})
tally-counts = { $passed } 项通过，{ $mismatched } 项不符
    .en = {"{"}passed{"}"} passed, {"{"}mismatched{"}"} mismatched
tally-skipped = ，{ $skipped } 项跳过
    .en = , {"{"}skipped{"}"} skipped
tally-line = { $counts } · { $ms } ms
    .en = {"{"}counts{"}"} · {"{"}ms{"}"} ms
overall-line = { $labs } 个实验，{ $checks } 项检查：{ $counts }
    .en = {"{"}labs{"}"} labs, {"{"}checks{"}"} checks: {"{"}counts{"}"}
timeline-heading = 实验 { $number } 的时间线：
    .en = Timeline of lab {"{"}number{"}"}:

## socklab list, socklab exercises

column-slug = 短名
    .en = Slug
column-title = 标题
    .en = Title
column-shows = 演示内容
    .en = Shows
column-typical-run = 典型用时
    .en = Typical run
column-id = 编号
    .en = Id
column-lab = 实验
    .en = Lab
column-exercise = 练习
    .en = Exercise
column-done = 完成
    .en = Done
exercise-done = 已完成
    .en = done
exercise-not-yet = 未完成
    .en = not yet
exercise-summary =
    练习 { $id }：{ $plays }，地址 { $address }。
    你的程序：{ $program }
    .en =
        Exercise {"{"}id{"}"}: {"{"}plays{"}"}, on {"{"}address{"}"}.
        Your program: {"{"}program{"}"}

## --step

narration-lab = ━━ 实验 { $number }：{ $title } ━━
    .en = ━━ Lab {"{"}number{"}"}: {"{"}title{"}"} ━━
narration-step = ▶ 第 { $number } 步：{ $what }
    .en = ▶ Step {"{"}number{"}"}: {"{"}what{"}"}
narration-watch = 注意看：{ $watch }
    .en = Watch: {"{"}watch{"}"}
narration-enter = [按 Enter 运行这一步]
    .en = [Enter to run this step]
exercise-heading =
    练习 { $id } · 实验 { $number }（{ $slug }）· { $title }
    { $plays }。

    { $task }
    .en =
        Exercise {"{"}id{"}"} · lab {"{"}number{"}"} ({"{"}slug{"}"}) · {"{"}title{"}"}
        {"{"}plays{"}"}.

        {"{"}task{"}"}
exercise-how-to-check =
    用这条命令检查：
      socklab check { $id } -- python3 { $program }
    你的程序从最后两个参数（HOST PORT）拿到地址，也可以读环境变量
    SOCKLAB_HOST、SOCKLAB_PORT 和 SOCKLAB_ADDR（HOST:PORT）；SOCKLAB_DIR 是
    给它存放文件的私有文件夹。程序最多可以运行 { $seconds } 秒（`--time-limit`）。
    .en =
        Check it with:
          socklab check {"{"}id{"}"} -- python3 {"{"}program{"}"}
        Your program gets the address as its last two arguments (HOST PORT) and in
        SOCKLAB_HOST, SOCKLAB_PORT and SOCKLAB_ADDR (HOST:PORT); SOCKLAB_DIR is a
        private folder for files. It may run {"{"}seconds{"}"} s (`--time-limit`).
exercise-hint = 提示：{ $hint }
    .en = Hint: {"{"}hint{"}"}
exercise-stuck = 卡住了？试试 `socklab exercise { $id } --hint`
    .en = Stuck? `socklab exercise {"{"}id{"}"} --hint`

## Errors and notes

error-line = 错误：{ $why }
    .en = error: {"{"}why{"}"}
unknown-lab = 没有实验“{ $name }”：请给出 1-{ $last } 的编号，或者像“{ $example }”这样的短名（见 `socklab list`）
    .en = unknown lab '{"{"}name{"}"}': give a number 1-{"{"}last{"}"} or a slug such as '{"{"}example{"}"}' (see `socklab list`)
unknown-lab-or-all = 没有实验“{ $name }”：请给出 1-{ $last } 的编号、像“{ $example }”这样的短名，或者“all”（见 `socklab list`）
    .en = unknown lab '{"{"}name{"}"}': give a number 1-{"{"}last{"}"}, a slug such as '{"{"}example{"}"}', or 'all' (see `socklab list`)
unknown-lab-all-not-here = “all”只用于 `socklab run`；这个命令只接受一个实验：1-{ $last } 的编号，或者像“{ $example }”这样的短名（见 `socklab list`）
    .en = 'all' is for `socklab run`; this command takes one lab: a number 1-{"{"}last{"}"} or a slug such as '{"{"}example{"}"}' (see `socklab list`)
unknown-exercise = 没有练习“{ $id }”：请给出像 { $first } 或 { $last } 这样的编号（见 `socklab exercises`）
    .en = unknown exercise '{"{"}id{"}"}': give an id such as {"{"}first{"}"} or {"{"}last{"}"} (see `socklab exercises`)
error-diagram-one-lab = 错误：--diagram 只画一个实验，而这里要了 { $count } 个：请只指定一个实验
    .en = error: --diagram draws one lab, and {"{"}count{"}"} were asked for: name one lab
error-lab-could-not-finish =
    错误：实验 { $number }（{ $slug }）没能做完：{ $error }
    提示：请确认回环（127.0.0.1）可用、这里允许使用套接字；再运行一次 `socklab run { $number }` 重试
    .en =
        error: lab {"{"}number{"}"} ({"{"}slug{"}"}) could not finish: {"{"}error{"}"}
        hint: check that loopback (127.0.0.1) works and sockets are allowed here; `socklab run {"{"}number{"}"}` again to retry
error-cannot-write = 错误：无法写入 { $path }：{ $error }：请换一个你有写权限的文件夹
    .en = error: cannot write {"{"}path{"}"}: {"{"}error{"}"}: pick a folder you can write to
note-no-private-network = 注意：这些实验没有私有网络可用（{ $reason }）；它们改在主机的回环上运行，线路上的检查项都会跳过
    .en = note: no private network for the labs ({"{"}reason{"}"}); they run on the host's loopback and the wire checks are skipped
wrote-pcap = 已写入 { $count } 个数据包到 { $path }
    .en = wrote {"{"}count{"}"} packets to {"{"}path{"}"}
wrote-diagram = 已把实验 { $number } 的图写入 { $path }
    .en = wrote the diagram of lab {"{"}number{"}"} to {"{"}path{"}"}
env-line = 环境：{ $os } { $kernel }
    .en = env: {"{"}os{"}"} {"{"}kernel{"}"}
network-private = 私有网络（本书的设置）
    .en = private network (book settings)
network-host = 主机回环
    .en = host loopback
network-host-no-capture = --host-network：不抓包
    .en = --host-network: no capture
network-none-here = 这里没有私有网络：不抓包
    .en = no private network here: no capture

## socklab check: a program it could not grade

cannot-start-no-such-command = 没有名为“{ $program }”的命令或文件：请检查拼写，或者先写出解释器（`-- python3 my_client.py`）
    .en = no such command or file '{"{"}program{"}"}': check its spelling, or name the interpreter first (`-- python3 my_client.py`)
cannot-start-not-executable = “{ $program }”不可执行：运行 `chmod +x { $program }`，或者先写出解释器（`-- python3 { $program }`）
    .en = '{"{"}program{"}"}' is not executable: `chmod +x {"{"}program{"}"}`, or name the interpreter first (`-- python3 {"{"}program{"}"}`)
cannot-start-not-a-program = “{ $program }”不是内核能直接运行的程序：请先写出它的解释器（`-- python3 { $program }`）
    .en = '{"{"}program{"}"}' is not a program the kernel can run: name its interpreter first (`-- python3 {"{"}program{"}"}`)
not-run-cannot-start = 无法运行 `{ $command }`：{ $why }
    .en = cannot run `{"{"}command{"}"}`: {"{"}why{"}"}
not-run-never-connected = 你的程序退出了（{ $status }），却没有{ $what } { $address }：它必须{ $fix }
    .en = your program exited ({"{"}status{"}"}) without {"{"}what{"}"} {"{"}address{"}"}: it must {"{"}fix{"}"}
not-run-timed-out = 到了 { $limit } 秒的时间限制，你的程序仍在运行{ $doing }：socklab 已结束它（是不是有个永不结束的循环？用 `--time-limit SECS` 可以放宽时限）
    .en = your program was still running at the {"{"}limit{"}"} s time limit{"{"}doing{"}"}: socklab ended it (a loop that never ends? `--time-limit SECS` gives it longer)
not-run-socket = socklab 没能{ $step }：{ $error }
    .en = socklab could not {"{"}step{"}"}: {"{"}error{"}"}
never-connected-what-connect = 连接到
    .en = connecting to
never-connected-what-send = 发送数据报到
    .en = sending a datagram to
never-connected-what-listen = 监听
    .en = listening on
never-connected-what-bind = 绑定
    .en = binding
never-connected-fix-connect = 连接到它最后两个参数（或 SOCKLAB_HOST 和 SOCKLAB_PORT）给出的地址
    .en = connect to the address in its last two arguments or in SOCKLAB_HOST and SOCKLAB_PORT
never-connected-fix-send = 向它最后两个参数（或 SOCKLAB_HOST 和 SOCKLAB_PORT）给出的地址发送
    .en = send to the address in its last two arguments or in SOCKLAB_HOST and SOCKLAB_PORT
never-connected-fix-listen = 在它最后两个参数（或 SOCKLAB_HOST 和 SOCKLAB_PORT）给出的地址上 bind 并 listen，并且一直提供服务
    .en = bind and listen on the address in its last two arguments or in SOCKLAB_HOST and SOCKLAB_PORT, and keep serving
never-connected-fix-bind = bind 它最后两个参数（或 SOCKLAB_HOST 和 SOCKLAB_PORT）给出的地址，并且一直提供服务
    .en = bind the address in its last two arguments or in SOCKLAB_HOST and SOCKLAB_PORT, and keep serving
timed-out-connecting = ，却一直没有连接
    .en = without connecting
timed-out-listening = ，却一直没有监听
    .en = without listening
timed-out-sending = ，却一直没有发送数据报
    .en = without sending a datagram
timed-out-binding = ，却一直没有绑定它的地址
    .en = without binding its address

## --timeline

timeline-time = 时间
    .en = time
timeline-client = 客户端
    .en = client
timeline-server = 服务端
    .en = server
timeline-conversation = 对话 { $count }
    .en = conversation {"{"}count{"}"}
timeline-more = …… 还有 { $more } 个调用和数据包（全部见 --format json）
    .en = … and {"{"}more{"}"} more calls and packets (see --format json for all of them)
timeline-nothing = （这个实验没有记录到任何发送或接收）
    .en = (no sends or receives were recorded in this lab)

## Which end socklab plays in an exercise

plays-tcp-server = socklab 扮演 TCP 服务端：你来写客户端
    .en = socklab plays the TCP server: you write the client
plays-tcp-client = socklab 扮演 TCP 客户端：你来写服务端
    .en = socklab plays the TCP client: you write the server
plays-udp-server = socklab 扮演 UDP 服务端：你来写客户端
    .en = socklab plays the UDP server: you write the client
plays-udp-client = socklab 扮演 UDP 客户端：你来写服务端
    .en = socklab plays the UDP client: you write the server

## socklab exercises, socklab check

exercises-progress = 已完成 { $done }/{ $all }；进度保存在 { $path }
    .en = {"{"}done{"}"} of {"{"}all{"}"} done; progress is kept in {"{"}path{"}"}
exercises-no-progress = 不保存进度：XDG_DATA_HOME 和 HOME 都没有设置
    .en = progress is not kept: neither XDG_DATA_HOME nor HOME is set
exercises-how = `socklab exercise ID` 显示练习题目；`socklab check ID -- COMMAND` 给你的程序评分。
    .en = `socklab exercise ID` prints a task; `socklab check ID -- COMMAND` grades your program.
note-cannot-record-progress = 注意：无法在 { $place } 记录进度（{ $error }）；检查照样通过了
    .en = note: cannot record progress in {"{"}place{"}"} ({"{"}error{"}"}); the check passed all the same
check-passed = 通过：练习 { $id } 完成了
    .en = passed: exercise {"{"}id{"}"} is done
check-not-yet = 还没通过：看上面结论为“不符”的行；卡住了就试试 `socklab exercise { $id } --hint`
    .en = not yet: see the MISMATCH rows above; `socklab exercise {"{"}id{"}"} --hint` if you are stuck
check-crashed = 虽然每项检查都通过了，你的程序却崩溃了（{ $crash }）：它的 stderr 在上面；按它说的改好再检查一次
    .en = your program crashed ({"{"}crash{"}"}) although every check passed: its stderr is above; fix what it says and check again
check-program = 你的程序（{ $status }，{ $seconds } 秒）：
    .en = Your program ({"{"}status{"}"}, {"{"}seconds{"}"} s):
check-program-crashed = 你的程序（{ $status }：崩溃了，{ $seconds } 秒）：
    .en = Your program ({"{"}status{"}"}: it crashed, {"{"}seconds{"}"} s):
captured-nothing = （没有输出）
    .en = (nothing)
captured-more = …… 还有 { $more } 个字节没有显示（共 { $total } 字节；socklab 只保留前 { $kib } KiB）
    .en = … {"{"}more{"}"} more bytes not shown ({"{"}total{"}"} bytes in all; socklab keeps the first {"{"}kib{"}"} KiB)
timeline-heading-exercise = 练习 { $id } 的时间线：
    .en = Timeline of exercise {"{"}id{"}"}:
exit-status = 退出状态 { $code }
    .en = exit status {"{"}code{"}"}
killed-by-signal = 被信号 { $signal } 终止
    .en = killed by signal {"{"}signal{"}"}

## A progress bar (a long run on a terminal)

progress-bar = {"{"}msg{"}"} [{"{"}bar:40{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} · 剩余 {"{"}eta{"}"}
    .en = {"{"}msg{"}"} [{"{"}bar:40{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} · {"{"}eta{"}"} left
progress-lab5 = 实验 5：往返
    .en = lab 5: round trips
error-flag-not-for-this-lab = `socklab { $side } { $number }` 不接受 { $label }；它是给实验 { $owners } 用的
    .en = `socklab {"{"}side{"}"} {"{"}number{"}"}` takes no {"{"}label{"}"}; it is for lab {"{"}owners{"}"}
error-size-field = 实验 { $number } 的大小字段叫 { $names }，不叫 { $field }：请用 --size-field { $first }
    .en = lab {"{"}number{"}"} names the size {"{"}names{"}"}, not {"{"}field{"}"}: use --size-field {"{"}first{"}"}
word-and = 和
    .en = and
word-or = 或
    .en = or
watch-no-files = 没有可监视的文件：命令的参数里没有一个是文件；请把你的程序文件写在 `--` 之后（`-- python3 my_client.py`）
    .en = nothing to watch: no argument of the command names a file; put your program's file after `--` (`-- python3 my_client.py`)
watch-cannot = 无法监视 { $path }：{ $error }
    .en = cannot watch {"{"}path{"}"}: {"{"}error{"}"}
