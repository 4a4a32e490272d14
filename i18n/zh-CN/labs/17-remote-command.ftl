# Lab 17 · remote-command: socklab run 17 --lang zh-CN

## The lab

lab17-title = Remote commands: a mini ssh without a shell
    .en = Remote commands: a mini ssh without a shell
lab17-shows = real processes from an allowlist: unframed replies bleed and lose stderr and status; framed replies are exact; no shell, no cd
    .en = real processes from an allowlist: unframed replies bleed and lose stderr and status; framed replies are exact; no shell, no cd
lab17-summary =
    A server runs allowlisted programs (no shell) and returns their output. Unframed, a long
    reply bleeds into the next, stderr looks like output, the exit status is lost and an empty
    reply hangs the client. Framed, every reply is exact. Refusals, literal `;`, and `cd`.
    .en =
        A server runs allowlisted programs (no shell) and returns their output. Unframed, a long
        reply bleeds into the next, stderr looks like output, the exit status is lost and an empty
        reply hangs the client. Framed, every reply is exact. Refusals, literal `;`, and `cd`.

## Checks (id after the lab number, as in --format json)

lab17-unframed-seq = unframed: `seq 1 500` (1892 B), one recv(1024)
    .en = unframed: `seq 1 500` (1892 B), one recv(1024)
lab17-unframed-echo-start = reply to `echo hi` starts with
    .en = reply to `echo hi` starts with
lab17-unframed-echo-len = its length: 868 old + 3 new bytes
    .en = its length: 868 old + 3 new bytes
lab17-unframed-stderr = unframed: `ls no-such-file` (stderr as output)
    .en = unframed: `ls no-such-file` (stderr as output)
lab17-unframed-false = unframed: `false` sends 0 bytes; the recv
    .en = unframed: `false` sends 0 bytes; the recv
lab17-dict-false-size = course header dict: `false`'s total_size
    .en = course header dict: `false`'s total_size
lab17-dict-false-course-loop = course loop (recv, then compare): the recv
    .en = course loop (recv, then compare): the recv
lab17-dict-false-fixed-loop = while received < total_size: recvs, bytes
    .en = while received < total_size: recvs, bytes
lab17-pipe-deadlock = stdout.read() then stderr.read(), 106 kB of errors
    .en = stdout.read() then stderr.read(), 106 kB of errors
lab17-pipe-deadlock-ended = the child after the kill
    .en = the child after the kill
lab17-pipes-read-together = both pipes read as poll(2) says: the reply
    .en = both pipes read as poll(2) says: the reply
lab17-framed-seq = framed: `seq 1 500` stdout, whole
    .en = framed: `seq 1 500` stdout, whole
lab17-framed-echo = then `echo hi` stdout
    .en = then `echo hi` stdout
lab17-framed-ls-stdout = framed: `ls no-such-file` stdout
    .en = framed: `ls no-such-file` stdout
lab17-framed-ls-stderr = stderr
    .en = stderr
lab17-framed-ls-status = exit status
    .en = exit status
lab17-framed-false = framed: `false`
    .en = framed: `false`
lab17-refuse-cat = `cat notes.txt`
    .en = `cat notes.txt`
lab17-refuse-sh = `sh -c 'echo hi'`
    .en = `sh -c 'echo hi'`
lab17-refuse-ls-outside = `ls /etc`
    .en = `ls /etc`
lab17-literal-semicolon = `echo hi; ls *`: echo prints the rest
    .en = `echo hi; ls *`: echo prints the rest
lab17-literal-quotes = `printf '%s\n' hi`: quotes stay
    .en = `printf '%s\n' hi`: quotes stay
lab17-files-still-there = `ls` afterwards: both files still there
    .en = `ls` afterwards: both files still there
lab17-pwd-before = `pwd`
    .en = `pwd`
lab17-cd-subfolder = `cd docs`: a process of its own changes dir
    .en = `cd docs`: a process of its own changes dir
lab17-pwd-after-cd = then `pwd`
    .en = then `pwd`
lab17-cd-outside = `cd /`, `cd ..`: out of the lab folder
    .en = `cd /`, `cd ..`: out of the lab folder
lab17-cd-no-probing = `cd /nonexistent`, `cd /etc/passwd`
    .en = `cd /nonexistent`, `cd /etc/passwd`
lab17-ls-all = `ls -la`: would list .., the folder above
    .en = `ls -la`: would list .., the folder above
lab17-output-cap = `seq 1 1000000` (6.9 MB): cut at 1 MiB
    .en = `seq 1 1000000` (6.9 MB): cut at 1 MiB
lab17-memory-cap = `printf %.999999999f 1` (1.5 GB): 64 MiB cap
    .en = `printf %.999999999f 1` (1.5 GB): 64 MiB cap
lab17-children-left = child processes left (proc(5) children)
    .en = child processes left (proc(5) children)
lab17-folder-removed = the lab's temp folder after the run
    .en = the lab's temp folder after the run

## Narration (--step): what is about to happen, and what to watch

lab17-step-1 = The course's mini ssh without framing: `seq 1 500` read with one recv(1024), then `echo hi`, `ls no-such-file`, `false`.
    .en = The course's mini ssh without framing: `seq 1 500` read with one recv(1024), then `echo hi`, `ls no-such-file`, `false`.
lab17-step-1-watch = the next reply starting with the last one's tail, stderr mixed in, and `false` leaving the client blocked.
    .en = the next reply starting with the last one's tail, stderr mixed in, and `false` leaving the client blocked.
lab17-step-2 = The same commands with a framed reply: a header dictionary with the exit status and the stdout and stderr lengths.
    .en = The same commands with a framed reply: a header dictionary with the exit status and the stdout and stderr lengths.
lab17-step-2-watch = every reply exact, stderr and exit status apart.
    .en = every reply exact, stderr and exit status apart.
lab17-step-3 = Commands that are not on the allowlist, and shell syntax that no shell interprets.
    .en = Commands that are not on the allowlist, and shell syntax that no shell interprets.
lab17-step-3-watch = refusals, and `;` printed as text by echo.
    .en = refusals, and `;` printed as text by echo.
lab17-step-4 = `pwd`, `cd docs`, then `pwd` again; then `cd` out of the lab's folder, and `ls -la`.
    .en = `pwd`, `cd docs`, then `pwd` again; then `cd` out of the lab's folder, and `ls -la`.
lab17-step-4-watch = the directory does not change: every command is a new process; and nothing outside the folder is shown.
    .en = the directory does not change: every command is a new process; and nothing outside the folder is shown.
lab17-step-5 = A command whose output is far too large (`seq 1 1000000`), and one that asks for 1.5 GB of memory.
    .en = A command whose output is far too large (`seq 1 1000000`), and one that asks for 1.5 GB of memory.
lab17-step-5-watch = cut at 1 MiB, and the child killed and reaped; the memory cap making printf fail.
    .en = cut at 1 MiB, and the child killed and reaped; the memory cap making printf fail.
lab17-step-6 = The course's header-dictionary client sends `false`, whose reply has total_size 0.
    .en = The course's header-dictionary client sends `false`, whose reply has total_size 0.
lab17-step-6-watch = its loop's recv blocking on a body of 0 bytes; `while received < total_size` makes no recv.
    .en = its loop's recv blocking on a body of 0 bytes; `while received < total_size` makes no recv.
lab17-step-7 = The course's server reads a child's stdout to its end, then its stderr; `ls` writes 106000 bytes of errors first.
    .en = The course's server reads a child's stdout to its end, then its stderr; `ls` writes 106000 bytes of errors first.
lab17-step-7-watch = the stderr pipe full at 64 KiB and the child asleep: a deadlock, ended by a kill.
    .en = the stderr pipe full at 64 KiB and the child asleep: a deadlock, ended by a kill.
