# Lab 17 · remote-command: socklab run 17 --lang zh-CN

## The lab

lab17-title = 远程执行命令：没有 shell 的迷你 ssh
    .en = Remote commands: a mini ssh without a shell
lab17-shows = 运行白名单中的真实进程：不分帧时应答互相串扰，丢失 stderr 和退出状态；分帧后应答准确；没有 shell，也没有 cd
    .en = real processes from an allowlist: unframed replies bleed and lose stderr and status; framed replies are exact; no shell, no cd
lab17-summary =
    服务端运行白名单中的程序（不经过 shell）并返回其输出。不分帧时，长应答
    会串进下一条，stderr 看上去像正常输出，退出状态丢失，空应答会让客户端
    卡住。分帧后，每条应答都准确无误。另有拒绝、字面的 `;` 和 `cd`。
    .en =
        A server runs allowlisted programs (no shell) and returns their output. Unframed, a long
        reply bleeds into the next, stderr looks like output, the exit status is lost and an empty
        reply hangs the client. Framed, every reply is exact. Refusals, literal `;`, and `cd`.

## Checks (id after the lab number, as in --format json)

lab17-unframed-seq = 不分帧：`seq 1 500`（1892 B），一次 recv(1024)
    .en = unframed: `seq 1 500` (1892 B), one recv(1024)
lab17-unframed-echo-start = `echo hi` 的应答开头是
    .en = reply to `echo hi` starts with
lab17-unframed-echo-len = 它的长度：868 个旧字节 + 3 个新字节
    .en = its length: 868 old + 3 new bytes
lab17-unframed-stderr = 不分帧：`ls no-such-file`（stderr 当作输出）
    .en = unframed: `ls no-such-file` (stderr as output)
lab17-unframed-false = 不分帧：`false` 发送 0 字节；这时的 recv
    .en = unframed: `false` sends 0 bytes; the recv
lab17-dict-false-size = 课程的报头字典：`false` 的 total_size
    .en = course header dict: `false`'s total_size
lab17-dict-false-course-loop = 课程的循环（先 recv 再比较）：那次 recv
    .en = course loop (recv, then compare): the recv
lab17-dict-false-fixed-loop = while received < total_size：recv 次数，字节数
    .en = while received < total_size: recvs, bytes
lab17-pipe-deadlock = 先 stdout.read() 再 stderr.read()，106 kB 错误信息
    .en = stdout.read() then stderr.read(), 106 kB of errors
lab17-pipe-deadlock-ended = kill 之后的子进程
    .en = the child after the kill
lab17-pipes-read-together = 按 poll(2) 的指示读两个管道：应答
    .en = both pipes read as poll(2) says: the reply
lab17-framed-seq = 分帧：`seq 1 500` 的 stdout，完整
    .en = framed: `seq 1 500` stdout, whole
lab17-framed-echo = 接着 `echo hi` 的 stdout
    .en = then `echo hi` stdout
lab17-framed-ls-stdout = 分帧：`ls no-such-file` 的 stdout
    .en = framed: `ls no-such-file` stdout
lab17-framed-ls-stderr = stderr
    .en = stderr
lab17-framed-ls-status = 退出状态
    .en = exit status
lab17-framed-false = 分帧：`false`
    .en = framed: `false`
lab17-refuse-cat = `cat notes.txt`
    .en = `cat notes.txt`
lab17-refuse-sh = `sh -c 'echo hi'`
    .en = `sh -c 'echo hi'`
lab17-refuse-ls-outside = `ls /etc`
    .en = `ls /etc`
lab17-literal-semicolon = `echo hi; ls *`：echo 把其余部分原样打印
    .en = `echo hi; ls *`: echo prints the rest
lab17-literal-quotes = `printf '%s\n' hi`：引号保留
    .en = `printf '%s\n' hi`: quotes stay
lab17-files-still-there = 之后再 `ls`：两个文件都还在
    .en = `ls` afterwards: both files still there
lab17-pwd-before = `pwd`
    .en = `pwd`
lab17-cd-subfolder = `cd docs`：由单独的进程切换目录
    .en = `cd docs`: a process of its own changes dir
lab17-pwd-after-cd = 接着 `pwd`
    .en = then `pwd`
lab17-cd-outside = `cd /`、`cd ..`：离开实验文件夹
    .en = `cd /`, `cd ..`: out of the lab folder
lab17-cd-no-probing = `cd /nonexistent`、`cd /etc/passwd`
    .en = `cd /nonexistent`, `cd /etc/passwd`
lab17-ls-all = `ls -la`：会列出 ..，即上一级文件夹
    .en = `ls -la`: would list .., the folder above
lab17-output-cap = `seq 1 1000000`（6.9 MB）：在 1 MiB 处截断
    .en = `seq 1 1000000` (6.9 MB): cut at 1 MiB
lab17-memory-cap = `printf %.999999999f 1`（1.5 GB）：64 MiB 上限
    .en = `printf %.999999999f 1` (1.5 GB): 64 MiB cap
lab17-children-left = 残留的子进程（proc(5) children）
    .en = child processes left (proc(5) children)
lab17-folder-removed = 运行结束后实验的临时文件夹
    .en = the lab's temp folder after the run

## Narration (--step): what is about to happen, and what to watch

lab17-step-1 = 本课程不分帧的迷你 ssh：用一次 recv(1024) 读取 `seq 1 500`，接着是 `echo hi`、`ls no-such-file`、`false`。
    .en = The course's mini ssh without framing: `seq 1 500` read with one recv(1024), then `echo hi`, `ls no-such-file`, `false`.
lab17-step-1-watch = 下一条应答以上一条的结尾开头，stderr 混在其中，`false` 让客户端卡住。
    .en = the next reply starting with the last one's tail, stderr mixed in, and `false` leaving the client blocked.
lab17-step-2 = 同样的命令，应答改为分帧：报头字典里有退出状态以及 stdout 和 stderr 的长度。
    .en = The same commands with a framed reply: a header dictionary with the exit status and the stdout and stderr lengths.
lab17-step-2-watch = 每条应答都准确无误，stderr 和退出状态各自分开。
    .en = every reply exact, stderr and exit status apart.
lab17-step-3 = 不在白名单上的命令，以及没有任何 shell 来解释的 shell 语法。
    .en = Commands that are not on the allowlist, and shell syntax that no shell interprets.
lab17-step-3-watch = 一一被拒绝，`;` 则被 echo 当作文本打印出来。
    .en = refusals, and `;` printed as text by echo.
lab17-step-4 = `pwd`、`cd docs`，再 `pwd`；然后 `cd` 到实验文件夹之外，以及 `ls -la`。
    .en = `pwd`, `cd docs`, then `pwd` again; then `cd` out of the lab's folder, and `ls -la`.
lab17-step-4-watch = 目录不会改变：每条命令都是一个新进程；文件夹之外的东西一概不显示。
    .en = the directory does not change: every command is a new process; and nothing outside the folder is shown.
lab17-step-5 = 一条输出大得离谱的命令（`seq 1 1000000`），和一条要 1.5 GB 内存的命令。
    .en = A command whose output is far too large (`seq 1 1000000`), and one that asks for 1.5 GB of memory.
lab17-step-5-watch = 在 1 MiB 处截断，子进程被 kill 并回收；内存上限让 printf 失败。
    .en = cut at 1 MiB, and the child killed and reaped; the memory cap making printf fail.
lab17-step-6 = 本课程用报头字典的客户端发送 `false`，它的应答 total_size 为 0。
    .en = The course's header-dictionary client sends `false`, whose reply has total_size 0.
lab17-step-6-watch = 它循环里的 recv 阻塞在 0 字节的数据体上；`while received < total_size` 一次 recv 也不做。
    .en = its loop's recv blocking on a body of 0 bytes; `while received < total_size` makes no recv.
lab17-step-7 = 本课程的服务端先把子进程的 stdout 读到底，再读 stderr；而 `ls` 先写出 106000 字节的错误信息。
    .en = The course's server reads a child's stdout to its end, then its stderr; `ls` writes 106000 bytes of errors first.
lab17-step-7-watch = stderr 管道在 64 KiB 处写满，子进程睡眠：死锁，最后靠 kill 结束。
    .en = the stderr pipe full at 64 KiB and the child asleep: a deadlock, ended by a kill.
