# Lab 16 · file-transfer: socklab run 16 --lang zh-CN

## The lab

lab16-title = 文件传输
    .en = File transfer
lab16-shows = 先发报头（文件名、大小、SHA-256），再发文件内容；不安全的文件名、中途中断的上传、被解码的二进制数据都被拒绝
    .en = header (name, size, SHA-256) then the body; unsafe names, short uploads and decoded binary rejected
lab16-summary =
    put 先发送带长度前缀的 JSON 报头（文件名、大小、SHA-256），再分块
    发送文件内容。接收方先写入临时文件，大小和摘要都吻合才保留它：
    3 MiB 的文件完好送达，"../../etc/passwd" 和不完整的上传什么也不留下。
    .en =
        A put sends a length-prefixed JSON header (name, size, SHA-256), then the body in chunks.
        The receiver writes a temporary file and keeps it only if size and digest match: a
        3 MiB file arrives intact, "../../etc/passwd" and a short upload leave nothing behind.

## Checks (id after the lab number, as in --format json)

lab16-intact-verdict = put data.bin（3 MiB）：接收方
    .en = put data.bin (3 MiB): receiver
lab16-intact-listing = 文件夹中的文件
    .en = files in the folder
lab16-intact-digest = 存下的文件的 SHA-256
    .en = SHA-256 of the stored file
lab16-intact-identical = 与发送的文件完全相同
    .en = identical to the file sent
lab16-hostile-name-verdict = put "../../etc/passwd"：接收方
    .en = put "../../etc/passwd": receiver
lab16-early-stop-verdict = 发送方发完 1 MiB（共 3 MiB）就关闭：接收方
    .en = sender closes after 1 MiB of 3: receiver
lab16-early-stop-partial = 它删除的临时文件
    .en = temporary file it deleted
lab16-hostile-header-length = 报头长度 4294967295：接收方
    .en = header length 4294967295: receiver
lab16-course-text-size = 课程的接收方，分块解码：写入字节数
    .en = course receiver, chunks decoded: bytes written
lab16-course-text-digest = 其 SHA-256 与报头比对
    .en = its SHA-256 against the header
lab16-sleep-between-chunks = 分块之间 time.sleep(0.001) 的 put
    .en = put with time.sleep(0.001) between chunks
lab16-minus-1500-written = file_size -= 1500，逐行发送：写入
    .en = file_size -= 1500, lines sent one by one: written
lab16-minus-1500-next-header = 下一次 recv(4) 按 struct 'i' 作报头长度
    .en = the next recv(4), as struct 'i' header length
lab16-minus-len-written = file_size -= len(data)：写入，剩余
    .en = file_size -= len(data): written, left over
lab16-getattr-dispatch = 经 getattr(self, cmd) 执行 cmd "clear_folder"
    .en = cmd "clear_folder" via getattr(self, cmd)
lab16-table-dispatch = 经命令表执行（只有 put）
    .en = via a table of commands (put only)
lab16-normpath-join = normpath(join(uploads, "../escaped.txt"))
    .en = normpath(join(uploads, "../escaped.txt"))
lab16-normpath-join-written = 课程代码写入后的实验文件夹
    .en = the lab folder after the course's write
lab16-normpath-join-uploads = 上传文件夹
    .en = the upload folder
lab16-folders-left = 实验结束后残留的临时文件夹
    .en = temporary folders left after the lab

## Narration (--step): what is about to happen, and what to watch

lab16-step-1 = 仿 FTP 的 put 上传一个 3 MiB 的文件：JSON 报头（文件名、大小、SHA-256），然后分块发送文件内容。
    .en = An FTP-like put of a 3 MiB file: JSON header (name, size, SHA-256), then the body in chunks.
lab16-step-1-watch = 存下的文件的摘要与报头中的一致。
    .en = the stored file's digest equals the header's.
lab16-step-2 = 一个客户端要求存储 "../../etc/passwd"。
    .en = A client asks to store "../../etc/passwd".
lab16-step-2-watch = 在写入任何东西之前就被拒绝。
    .en = rejected before anything is written.
lab16-step-3 = 一个客户端声明了 3 MiB，只发了 1 MiB 就停下。
    .en = A client stops after 1 MiB of the 3 MiB it announced.
lab16-step-3-watch = 报错，而且不留下残缺的文件。
    .en = an error, and no partial file left behind.
lab16-step-4 = 一个客户端声称报头有 4 GiB。
    .en = A client announces a 4 GiB header.
lab16-step-4-watch = 在分配任何内存之前就被拒绝。
    .en = refused before any allocation.
lab16-step-5 = 本课程的接收方：把每一块解码成文本，再写出去。
    .en = The course's receiver, which decodes each chunk as text and writes it back out.
lab16-step-5-watch = 文件变大，摘要也变了：二进制数据被破坏。
    .en = a bigger file with a different digest: binary data corrupted.
lab16-step-6 = 同样的 put，但按本课程的做法在分块之间 sleep。
    .en = The same put with the course's sleep between chunks.
lab16-step-6-watch = 存下的文件一模一样：把分块隔开的从来都不是 sleep。
    .en = the same stored file: the sleep was never what kept the chunks apart.
lab16-step-7 = 本课程的接收循环每次 recv 都减去 1500，而客户端逐行发送文件。
    .en = The course's receive loop subtracts 1500 per recv while the client sends the file line by line.
lab16-step-7-watch = 40 行只写入了 1 行，其余内容被当作下一个报头来读。
    .en = one line written of 40, the rest read as the next header.
lab16-step-8 = 一个客户端发送 {"{"}"cmd": "clear_folder"{"}"}：这是本课程服务端的一个方法，不是命令。
    .en = A client sends {"{"}"cmd": "clear_folder"{"}"}: a method of the course's server, not a command.
lab16-step-8-watch = getattr 调用了它，存下的文件都没了；命令表则拒绝了它。
    .en = getattr calls it and the stored files are gone; a table of commands refuses it.
lab16-step-9 = 本课程的接收方写入 normpath(join(uploads, "../escaped.txt"))。
    .en = The course's receiver writes to normpath(join(uploads, "../escaped.txt")).
lab16-step-9-watch = 上传文件夹之外多了一个文件。
    .en = a file outside the upload folder.
